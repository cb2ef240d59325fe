"""Evidence of scans: transforms recovered as the OCR backend applied them, cell boxes drawn on the scan's
ruling lines, crops holding the value's ink, an upside-down page shown upright.

Value locations and the backend's own transforms come from `data/*.json` (recorded from the real OCR
backend by `record_scan_fixtures.py`), so these tests run no OCR.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from evidence_images import MARKING, decode, gray, has_ink, outline_rect, without_mark
from scan_fixtures import APPLICATION, REVIEW, ScanFixture, Value, load_fixture

from review.evidence import RenderSettings, ScanTransform, render_crop, render_page, scan_transform
from review.evidence.orientation import page_upside_down_probability

CELL_CROP = RenderSettings(
    outline_rgb=MARKING.outline_rgb, outline_px=1, fill_alpha=0.0, crop_margin_pt=8.0, crop_max_height_px=5000
)
LINE_SLACK_PX = 4
LINE_COVER = 0.6
EDGE_INSET_PX = 6


@pytest.fixture(scope="module")
def application() -> ScanFixture:
    return load_fixture(APPLICATION)


@pytest.fixture(scope="module")
def review() -> ScanFixture:
    return load_fixture(REVIEW)


def _close(recovered: ScanTransform, backend: ScanTransform) -> bool:
    return (
        recovered.turn == backend.turn
        and abs(recovered.skew - backend.skew) <= 0.05
        and abs(recovered.shift_pt - backend.shift_pt) <= 0.5
    )


@pytest.mark.parametrize(("scan", "pages"), [("application", (1, 2, 5)), ("review", (1, 2, 7))])
def test_recovered_transforms_are_the_backends(
    scan: str, pages: tuple[int, ...], request: pytest.FixtureRequest
) -> None:
    fixture: ScanFixture = request.getfixturevalue(scan)
    for page in pages:
        assert _close(scan_transform(fixture.path, page), fixture.transforms[page]), page


def _line_near(image: np.ndarray, rect: tuple[int, int, int, int], side: str) -> bool:
    """Whether a dark ruling line runs along one side of a pixel rect (within LINE_SLACK_PX)."""
    ink = gray(image) < 160
    x0, y0, x1, y1 = rect
    for offset in range(-LINE_SLACK_PX, LINE_SLACK_PX + 1):
        if side in ("top", "bottom"):
            y = (y0 if side == "top" else y1) + offset
            run = ink[y, x0 + EDGE_INSET_PX : x1 - EDGE_INSET_PX] if 0 <= y < ink.shape[0] else ink[0:0, 0]
        else:
            x = (x0 if side == "left" else x1) + offset
            run = ink[y0 + EDGE_INSET_PX : y1 - EDGE_INSET_PX, x] if 0 <= x < ink.shape[1] else ink[0, 0:0]
        if run.size and float(run.mean()) >= LINE_COVER:
            return True
    return False


def _on_lines(fixture: ScanFixture, value: Value, transform: ScanTransform) -> bool:
    """Whether the value's cell box, drawn on its crop, runs along the scan's ruling lines on all sides."""
    image = decode(render_crop(fixture.path, "ocr", value.page, value.bbox, CELL_CROP, transform=transform))
    x0, y0, x1, y1 = outline_rect(image)
    rect = (x0 + 1, y0 + 1, x1 - 1, y1 - 1)
    plain = without_mark(image)
    return all(_line_near(plain, rect, side) for side in ("top", "bottom", "left", "right"))


def _table_values(fixture: ScanFixture, pages: range) -> list[Value]:
    return [v for v in fixture.values if v.in_table and v.page in pages]


def test_cell_boxes_are_drawn_on_the_scans_ruling_lines(review: ScanFixture) -> None:
    values = _table_values(review, range(3, 15))
    on_lines = [v.name for v in values if _on_lines(review, v, review.transforms[v.page])]
    assert len(values) > 60
    assert len(on_lines) >= 0.9 * len(values), sorted({v.name for v in values} - set(on_lines))


def test_a_wrong_skew_or_shift_moves_the_boxes_off_the_lines(review: ScanFixture) -> None:
    values = [v for v in _table_values(review, range(7, 8)) if v.bbox[3] - v.bbox[1] < 80]
    assert len(values) >= 5
    right = review.transforms[7]
    unskewed = ScanTransform(right.turn, 0.0, right.shift_pt)
    shifted = ScanTransform(right.turn, right.skew, right.shift_pt + 3.0)
    assert sum(_on_lines(review, v, right) for v in values) >= 0.9 * len(values)
    assert sum(_on_lines(review, v, unskewed) for v in values) <= 0.5 * len(values)
    assert sum(_on_lines(review, v, shifted) for v in values) <= 0.5 * len(values)


def test_every_scan_value_crop_holds_ink(application: ScanFixture) -> None:
    values = [v for v in application.values if v.page <= 6]
    assert len(values) > 40
    blank = [
        v.name
        for v in values
        if not has_ink(
            decode(
                render_crop(application.path, "ocr", v.page, v.bbox, transform=application.transforms[v.page])
            )
        )
    ]
    assert blank == []


def test_an_upside_down_page_is_shown_upright(review: ScanFixture) -> None:
    assert review.transforms[2].turn == 180

    def upside_down(transform: ScanTransform | None) -> float:
        page = decode(render_page(review.path, "ocr", 2, [], transform=transform))
        probability = page_upside_down_probability(page)
        assert probability is not None
        return probability

    assert upside_down(None) < 0.2
    assert upside_down(review.transforms[2]) < 0.2
    assert upside_down(ScanTransform(0, review.transforms[2].skew)) > 0.8


def test_a_scan_page_image_is_a4_shaped_and_holds_ink(application: ScanFixture) -> None:
    image = decode(render_page(APPLICATION, "ocr", 4, [], transform=application.transforms[4]))
    assert image.shape[1] == 1100
    assert abs(image.shape[0] / image.shape[1] - 1754 / 1241) < 0.01
    assert has_ink(image)
    assert cv2.countNonZero(gray(image)) > 0
