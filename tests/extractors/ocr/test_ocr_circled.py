"""A loop of pen round an option's text chooses it: never silently empty."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from ocr_drawing import BOX

from cluster_intake.pipeline import extract_document
from extractors.ocr.circled import CIRCLED_CONFIDENCE, circle_chosen, ink_to_rings
from extractors.ocr.geometry import Grid, GridCell, TickBox, TickState
from extractors.ocr.page import page_to_ruling, straighten
from extractors.ocr.pages import image_file_to_images
from extractors.ocr.preprocess import despeckle, gray_to_faint_ink, gray_to_ink, page_to_gray
from extractors.ocr.ruling import ruling_to_grids
from extractors.ocr.seals import page_to_seals
from extractors.ocr.ticks import free_ink
from sample_docs.scans.hand_marks import draw_circle, draw_overshoot, draw_strokes_cross
from schema.document import BBox, Table

DATA = Path(__file__).with_name("data")
SCALE = 1240 / 210  # px per mm at 150 dpi, the drawings' resolution
TEXT = BBox(130, 100, 250, 124)  # the option's text after the box
LABEL, VALUE = BBox(0, 0, 90, 300), BBox(90, 0, 420, 300)
GRIDS = [Grid(BBox(0, 0, 420, 300), 1, 2, (GridCell(0, 0, 1, 1, LABEL), GridCell(0, 1, 1, 1, VALUE)))]
"""The drawings' table: a label cell, and the value cell that holds the option."""


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
        rings = ink_to_rings(_page(circle=True, seed=seed), SCALE, GRIDS)
        (ring,) = rings.boxes
        assert ring.x0 < TEXT.x0 and ring.x1 > TEXT.x1 and ring.y0 < TEXT.y0 and ring.y1 > TEXT.y1


def test_the_ring_s_stroke_is_the_ink_along_it_not_what_it_encloses() -> None:
    page = _page(circle=True)
    strokes = ink_to_rings(page, SCALE, GRIDS).strokes > 0
    text, ring = _page() > 0, (page > 0) & (_page() == 0)
    assert np.count_nonzero(strokes & text) <= 0.15 * np.count_nonzero(text)  # the text, most of the box
    assert np.count_nonzero(strokes & ring) >= 0.85 * np.count_nonzero(ring)  # the ring, nearly all


def test_text_alone_lines_close_by_or_a_seal_s_ring_are_no_circle() -> None:
    assert ink_to_rings(_page(), SCALE, GRIDS).boxes == ()
    assert ink_to_rings(_page(lines_close=True), SCALE, GRIDS).boxes == ()
    assert ink_to_rings(_page(seal=True), SCALE, GRIDS).boxes == ()


def test_a_circled_option_s_empty_box_is_ticked_for_the_operator_to_confirm() -> None:
    box = TickBox(BBox(100, 103, 100 + BOX, 103 + BOX), TickState.EMPTY, 0.97)
    (circled,) = circle_chosen([box], ink_to_rings(_page(circle=True), SCALE, GRIDS))
    assert circled.state is TickState.TICKED and circled.confidence == CIRCLED_CONFIDENCE
    (plain,) = circle_chosen([box], ink_to_rings(_page(), SCALE, GRIDS))
    assert plain == box


def test_a_box_a_ring_only_runs_into_is_no_tick_of_its_own() -> None:
    """The ring round 是 drawn through its box touches 否's box: that ink is the ring's."""
    page = _page(circle=True)
    rings = ink_to_rings(page, SCALE, GRIDS)
    touched = TickBox(BBox(252, 103, 252 + BOX, 103 + BOX), TickState.TICKED, 0.9)
    ring = rings.boxes[0]
    assert ring.x1 > touched.bbox.x0 > ring.x0 and rings.strokes[103:125, 252:256].any()
    (read,) = circle_chosen([touched], rings)
    assert read.state is TickState.EMPTY and read.confidence == CIRCLED_CONFIDENCE
    away = replace(touched, bbox=BBox(330, 103, 330 + BOX, 103 + BOX))
    assert circle_chosen([away], rings) == [away]


def test_a_tick_or_cross_drawn_over_its_box_keeps_the_box_ticked() -> None:
    """A × run past the box's corners or a √ overshooting it can pass for a ring (set 6161's fax, set
    9494): its own box lies inside it, so it stays ticked; the next box is untouched."""
    for draw in (draw_strokes_cross, draw_overshoot):
        for seed in range(6):
            page = np.full((300, 420, 3), 255, np.uint8)
            for x in (100, 160):
                cv2.rectangle(page, (x, 103), (x + BOX, 103 + BOX), (0, 0, 0), 2)
            draw(page, (100, 103, 100 + BOX, 103 + BOX), random.Random(seed))
            ink = np.where(page.min(axis=2) < 128, 255, 0).astype(np.uint8)
            ticked = TickBox(BBox(100, 103, 100 + BOX, 103 + BOX), TickState.TICKED, 0.9)
            empty = TickBox(BBox(160, 103, 160 + BOX, 103 + BOX), TickState.EMPTY, 0.9)
            assert circle_chosen([ticked, empty], ink_to_rings(ink, SCALE, GRIDS)) == [ticked, empty]


def _page_rings(name: str) -> tuple[BBox, ...]:
    """The rings `ink_to_rings` finds on a committed page, after the stages before it."""
    (page,) = image_file_to_images(DATA / name, 1, 200)
    straight, _, _ = straighten(page)
    gray = page_to_gray(straight)
    ink = despeckle(gray_to_ink(gray))
    ruling = page_to_ruling(gray_to_faint_ink(gray), tuple(page_to_seals(straight, 1, gray)))
    return ink_to_rings(free_ink(ink, ruling.lines), ruling.px_per_mm, ruling_to_grids(ruling)).boxes


def test_rings_drawn_on_generated_scans_are_found_and_no_character_is_one() -> None:
    """Rings round 是 through its box, one touching the rule above and both the next box (set 9595,
    filing 04, page 10); round 否 and 是 alone in bold print (set 9292, filing 01, page 3). Large
    printed characters of titles were rings before the thresholds: they lie outside value cells or
    have strokes inside the ring."""
    rows = [(round(r.y0), round(r.y1)) for r in _page_rings("circled_through_their_boxes_page10.jpg")]
    assert rows == [(523, 569), (678, 724)]
    assert len(_page_rings("circled_options_page3.jpg")) == 2


@pytest.mark.slow
def test_options_circled_through_their_boxes_are_chosen_and_the_touched_box_is_not() -> None:
    """The 9595 page: before, both rows read ☑是☑否 (the ring's ink in 否's box)."""
    document = extract_document(DATA / "circled_through_their_boxes_page10.jpg")
    cells = [
        (cell.text, cell.confidence)
        for block in document.blocks
        if isinstance(block, Table)
        for cell in block.cells
        if "不适用" in cell.text
    ]
    assert [text for text, _ in cells] == ["☑是☐否☐不适用"] * 2
    assert all(c is not None and c <= CIRCLED_CONFIDENCE for _, c in cells)


@pytest.mark.slow
def test_options_circled_on_a_generated_scan_are_chosen_for_the_operator_to_confirm() -> None:
    """Rows of 一、基本情况 of a scan whose filer circled each choice (variety set 9292, filing 01, page
    3, 200 dpi, the rest of the page blanked): 第二产业 circled through its box, 否 and 是 circled
    alone, one ring touching the table's rule above it. Two rows hold no circle (the generator then
    found no option text to circle there). `ink_to_rings` finds the rings round 否 and 是; the bold
    print breaks the ring round 第二产业 in two, whose box the anchored boxes read; all three flagged."""
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
