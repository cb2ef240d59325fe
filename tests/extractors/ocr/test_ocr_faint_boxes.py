"""Faint boxes: a box drawn in grey hairlines (a 150 dpi JPEG scan) missed by the ink mask is found
on the lighter mask, unless it does not open a line or the recogniser reads it as a character."""

from __future__ import annotations

import cv2
import numpy as np
from ocr_drawing import blank, draw_grid

from extractors.ocr.confirm import is_any_character
from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.faint_boxes import faint_ticks
from extractors.ocr.geometry import Image, OcrWord, TickState
from extractors.ocr.preprocess import despeckle, gray_to_faint_ink, gray_to_ink, page_to_gray
from extractors.ocr.ruling import ink_to_ruling, ruling_to_grids
from extractors.ocr.ticks import free_ink, page_to_ticks

GREY = (170, 170, 170)
SIDE = 18


class ReadsAs(OcrEngine):
    """A stand-in recogniser that reads every crop as one fixed glyph."""

    def __init__(self, glyph: str, confidence: float) -> None:
        self.glyph, self.confidence = glyph, confidence

    def read(self, image: Image) -> list[OcrWord]:
        return []

    def recognize(self, image: Image) -> tuple[str, float]:
        return (self.glyph, self.confidence)


def _page_with_grey_box(x: int, tick: bool, text_before: bool = False) -> Image:
    page = blank()
    draw_grid(page, [100, 400, 1100], [200, 320])
    cv2.rectangle(page, (x, 240), (x + SIDE, 240 + SIDE), GREY, 1)
    if tick:
        cv2.polylines(page, [_tick_points(x)], False, (0, 0, 0), 3)
    if text_before:
        cv2.putText(page, "ab,", (x - 45, 256), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 0), 2)
    cv2.putText(page, "option", (x + SIDE + 8, 256), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1)
    return page


def _tick_points(x: int) -> Image:
    return np.array([[x + 4, 249], [x + 8, 254], [x + 15, 243]], np.int32)


def _faint(page: Image, engine: OcrEngine) -> tuple[list[object], list[TickState]]:
    gray = page_to_gray(page)
    ink = despeckle(gray_to_ink(gray))
    ruling = ink_to_ruling(ink)
    grids = ruling_to_grids(ruling)
    found = page_to_ticks(ink, ruling.lines, grids, ruling.px_per_mm)
    masks = (free_ink(ink, ruling.lines), free_ink(gray_to_faint_ink(gray), ruling.lines))
    extra = faint_ticks(engine, gray, masks, grids, ruling.px_per_mm, found)
    return list(found), [t.state for t in extra]


def test_a_grey_box_opening_its_line_is_found_and_decided_from_the_ink() -> None:
    found, extra = _faint(_page_with_grey_box(420, tick=True), ReadsAs("1", 0.6))
    assert found == [] and extra == [TickState.TICKED]
    found, extra = _faint(_page_with_grey_box(420, tick=False), ReadsAs("", 0.0))
    assert found == [] and extra == [TickState.EMPTY]


def test_a_faint_candidate_read_as_a_character_or_after_text_is_dropped() -> None:
    assert _faint(_page_with_grey_box(420, tick=False), ReadsAs("0", 0.99))[1] == []
    assert _faint(_page_with_grey_box(520, tick=False, text_before=True), ReadsAs("", 0.0))[1] == []


def test_an_enumeration_read_with_its_bracket_is_a_character_a_tick_is_not() -> None:
    assert is_any_character("(2", 0.9, 0.8) and is_any_character("（2）", 0.9, 0.8)
    assert not is_any_character("V", 0.9, 0.8) and not is_any_character("(", 0.9, 0.8)
