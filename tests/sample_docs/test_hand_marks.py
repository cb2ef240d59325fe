"""Hand marks of every shape offices make, and the box labels the generator records for them."""

from __future__ import annotations

import random

import numpy as np
import pytest

from sample_docs.scans.generate import PageText, hand_ticks, redraw_tick
from sample_docs.scans.hand_marks import NEW_STYLES, style_label

PAGE = (400, 500)


def _pen_ink(page: np.ndarray) -> int:
    return int(np.count_nonzero(page.min(axis=2) < 128))


@pytest.mark.parametrize("style", [s for s in NEW_STYLES if s != "circle"])
def test_each_new_style_draws_pen_ink_beyond_a_neat_mark(style: str) -> None:
    page = np.full((*PAGE, 3), 255, np.uint8)
    box = redraw_tick(page, (60, 60, 70, 70), style, 150, random.Random(3))
    x0, y0, x1, y1 = box
    outside = page.copy()
    outside[y0:y1, x0:x1] = 255
    assert _pen_ink(page) > 60
    if style != "blob":
        assert _pen_ink(outside) > 20  # the overshoot and the strokes past the corners leave the box


def test_a_hand_draws_each_mark_a_little_differently() -> None:
    first, second = (np.full((*PAGE, 3), 255, np.uint8) for _ in range(2))
    redraw_tick(first, (60, 60, 70, 70), "overshoot", 150, random.Random(1))
    redraw_tick(second, (60, 60, 70, 70), "overshoot", 150, random.Random(2))
    assert not np.array_equal(first, second)


def _page_text() -> PageText:
    """`☑是 □否`, then `☑第一产业` on the next line (rects in points)."""
    chars = (
        ("☑", (20.0, 20.0, 30.0, 30.0)),
        ("是", (31.0, 20.0, 41.0, 30.0)),
        (" ", (41.0, 20.0, 44.0, 30.0)),
        ("□", (45.0, 20.0, 55.0, 30.0)),
        ("否", (56.0, 20.0, 66.0, 30.0)),
        ("☑", (20.0, 60.0, 30.0, 70.0)),
        *((ch, (31.0 + 10 * i, 60.0, 41.0 + 10 * i, 70.0)) for i, ch in enumerate("第一产业")),
    )
    return PageText(chars, 200.0, 200.0)


def test_every_box_of_a_page_is_recorded_with_its_label() -> None:
    page = np.full((*PAGE, 3), 255, np.uint8)
    truths = hand_ticks(page, _page_text(), iter(["overshoot", None]), None, 150)
    assert [t.label for t in truths] == ["ticked", "empty", "ticked"]
    assert truths[0].box[2] - truths[0].box[0] < 22  # the redrawn □, not the glyph's em box


def test_a_circled_option_leaves_its_box_empty_and_circles_its_text() -> None:
    page = np.full((*PAGE, 3), 255, np.uint8)
    truths = hand_ticks(page, _page_text(), iter(["circle", "circle"]), None, 150)
    assert [t.label for t in truths] == ["empty", "empty", "empty"]
    # the loop round 第一产业 (points 31–71 × 60–70, pixels ×150/72) passes above and below the text
    assert _pen_ink(page[110:124, 60:150]) > 0 and _pen_ink(page[148:160, 60:150]) > 0
    assert style_label("circle") == "empty" and style_label(0) == "ticked" and style_label(1) == "filled"
