"""A loop of pen round an option's text chooses it: never silently empty."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest
from ocr_drawing import BOX

from cluster_intake.pipeline import extract_document
from extractors.ocr.circled import CIRCLED_CONFIDENCE, circle_chosen, ink_to_rings, without_rings
from extractors.ocr.geometry import TickBox, TickState
from sample_docs.scans.hand_marks import draw_circle
from schema.document import BBox, Table

DATA = Path(__file__).with_name("data")
SCALE = 1240 / 210  # px per mm at 150 dpi, the drawings' resolution
TEXT = BBox(130, 100, 250, 124)  # the option's text after the box


def _page(circle: bool = False, seal: bool = False, lines_close: bool = False, seed: int = 0) -> np.ndarray:
    page = np.full((300, 420, 3), 255, np.uint8)
    cv2.rectangle(page, (100, 103), (100 + BOX, 103 + BOX), (0, 0, 0), 2)
    for x in range(130, 250, 24):  # characters of the option's text
        cv2.rectangle(page, (x + 2, 102), (x + 20, 122), (0, 0, 0), 2)
        cv2.line(page, (x + 2, 112), (x + 20, 112), (0, 0, 0), 2)
    if lines_close:  # the lines of text above and below, close by
        for y in (70, 134):
            for x in range(100, 330, 24):
                cv2.rectangle(page, (x + 2, y), (x + 20, y + 20), (0, 0, 0), 2)
    if circle:
        draw_circle(page, (130, 100, 250, 124), BOX, random.Random(seed))
    if seal:
        cv2.circle(page, (190, 112), 150, (0, 0, 0), 3)
    gray = page.min(axis=2)
    return np.where(gray < 128, 255, 0).astype(np.uint8)


def test_a_ring_round_the_option_s_text_is_found_whatever_its_opening() -> None:
    for seed in range(6):
        rings = ink_to_rings(_page(circle=True, seed=seed), SCALE)
        (ring,) = rings.boxes
        assert ring.x0 < TEXT.x0 and ring.x1 > TEXT.x1 and ring.y0 < TEXT.y0 and ring.y1 > TEXT.y1


def test_the_ring_s_stroke_is_removed_and_what_it_encloses_kept() -> None:
    page = _page(circle=True)
    clean = without_rings(page, ink_to_rings(page, SCALE), 0)
    text, ring = _page() > 0, (page > 0) & (_page() == 0)
    assert np.count_nonzero(clean[text]) >= 0.85 * np.count_nonzero(text)  # the text, most of the box
    assert np.count_nonzero(clean[ring]) <= 0.15 * np.count_nonzero(ring)  # the ring, nearly all


def test_text_alone_lines_close_by_or_a_seal_s_ring_are_no_circle() -> None:
    assert ink_to_rings(_page(), SCALE).boxes == ()
    assert ink_to_rings(_page(lines_close=True), SCALE).boxes == ()
    assert ink_to_rings(_page(seal=True), SCALE).boxes == ()


def test_a_circled_option_s_empty_box_is_ticked_for_the_operator_to_confirm() -> None:
    box = TickBox(BBox(100, 103, 100 + BOX, 103 + BOX), TickState.EMPTY, 0.97)
    (circled,) = circle_chosen([box], ink_to_rings(_page(circle=True), SCALE))
    assert circled.state is TickState.TICKED and circled.confidence == CIRCLED_CONFIDENCE
    (plain,) = circle_chosen([box], ink_to_rings(_page(), SCALE))
    assert plain == box


@pytest.mark.slow
def test_options_circled_on_a_generated_scan_are_chosen_for_the_operator_to_confirm() -> None:
    """Rows of 一、基本情况 of a scan whose filer circled each choice (variety set 9292, filing 01, page
    3, 200 dpi, the rest of the page blanked): 第二产业 circled through its box, 否 and 是 circled
    alone, one ring touching the table's rule above it. Two rows hold no circle (the generator then
    found no option text to circle there). `ink_to_rings` finds none of these three rings yet (its
    thresholds come from drawn rings); the boxes anchored at the options read them, flagged."""
    document = extract_document(DATA / "circled_options_page3.jpg")
    cells = {
        " / ".join(p.text for p in cell.paragraphs)
        for block in document.blocks
        if isinstance(block, Table)
        for cell in block.cells
    }
    assert {
        "☐第一产业 / ☑第二产业 / ☐第三产业",
        "☐是（需附情况说明） / ☑否",
        "☑是 / ☐否 / ☐非高耗能行业，不适用",
    } <= cells
    circled = [
        cell.confidence
        for block in document.blocks
        if isinstance(block, Table)
        for cell in block.cells
        if "☑" in cell.text
    ]
    assert len(circled) == 3 and all(c is not None and c <= CIRCLED_CONFIDENCE for c in circled)
