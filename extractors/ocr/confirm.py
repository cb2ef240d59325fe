"""Stage `confirm_boxes`: a box candidate that the OCR engine reads as a plain character is dropped.

Pixel tests cannot tell every enclosing character (国 团 日 月 建 at the start of a phrase) from a
printed box with a mark in it; the recogniser can: a real box reads as a box glyph (□ ☑ ■), as
nothing, or with a low confidence, a character reads as itself with a high one.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.geometry import Image, TickBox
from schema.document import BBox

CHARACTER_CONFIDENCE = 0.9
BOX_LIKE = frozenset("□☐☑☒■▇█▣◼⊠口囗回区図凶")
MARK_LIKE = frozenset("√✓✔✗✘×VvXxYy")
"""What a ticked or crossed box may be read as (letters included): never taken for a character."""
BRACKETS = "()（）[]【】<>《》"
MARGIN = 3
PAD = 8


def is_character(text: str, confidence: float) -> bool:
    """Given a glyph reading, return whether it is a confident CJK character that is not box-like."""
    glyph = text.strip()
    return (
        len(glyph) == 1
        and "\u3400" <= glyph <= "\u9fff"
        and glyph not in BOX_LIKE
        and confidence >= CHARACTER_CONFIDENCE
    )


def is_any_character(text: str, confidence: float, minimum: float) -> bool:
    """Given a glyph reading, return whether it is a character (CJK, letter or digit: the 0 of 1095,
    the 2 of an enumeration `（2）` read with its bracket) that is not box-like, read with at least
    `minimum` confidence."""
    glyph = text.strip().strip(BRACKETS)
    return len(glyph) == 1 and glyph.isalnum() and glyph not in BOX_LIKE | MARK_LIKE and confidence >= minimum


def glyph_crop(gray: Image, tick: TickBox) -> Image:
    """Given the grayscale page and a box, return the box with a small margin, padded with white."""
    return bbox_crop(gray, tick.bbox)


def bbox_crop(gray: Image, bbox: BBox) -> Image:
    """Given the grayscale page and a glyph's bbox, return it with a small margin, padded with white."""
    x0, y0, x1, y1 = (round(v) for v in bbox.as_tuple())
    crop = gray[max(0, y0 - MARGIN) : y1 + MARGIN, max(0, x0 - MARGIN) : x1 + MARGIN]
    return cv2.copyMakeBorder(np.ascontiguousarray(crop), PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)


def confirm_boxes(engine: OcrEngine, gray: Image, ticks: list[TickBox]) -> list[TickBox]:
    """Given the engine, the grayscale page and box candidates, return those not read as characters."""
    return [tick for tick in ticks if not is_character(*engine.recognize(glyph_crop(gray, tick)))]


def confirm_faint_boxes(
    engine: OcrEngine, gray: Image, ticks: list[TickBox], minimum: float
) -> list[TickBox]:
    """Given faint box candidates, return those the engine reads as no character (letter, digit or
    CJK) with at least `minimum` confidence."""
    return [
        tick for tick in ticks if not is_any_character(*engine.recognize(glyph_crop(gray, tick)), minimum)
    ]
