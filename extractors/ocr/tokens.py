"""Tokens: what an OCR page reading holds as text — OCR words and decided checkboxes as glyphs.

A checkbox decided from pixels becomes its canonical glyph (☑ ticked, ☐ empty, ⍰ unknown) at the
box's place, so the layout stages put it before its option text like a typed box.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.ocr.geometry import OcrWord, TickBox, TickState
from schema.document import BOX_DOUBT, EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH, BBox

GLYPHS = {TickState.TICKED: TICKED_GLYPH, TickState.EMPTY: EMPTY_GLYPH, TickState.UNKNOWN: UNKNOWN_GLYPH}


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of text on the page, in pixels: an OCR word or a checkbox glyph."""

    text: str
    bbox: BBox
    confidence: float
    doubt: str | None = None
    """Why the token may be wrong, when its confidence is low (a low_confidence reason code)."""


def ticks_to_tokens(ticks: list[TickBox]) -> list[Token]:
    """Given decided checkboxes, return them as glyph tokens: a box read with low confidence is a box
    whose state is uncertain."""
    return [Token(GLYPHS[t.state], t.bbox, t.confidence, BOX_DOUBT) for t in ticks]


def words_to_tokens(words: list[OcrWord]) -> list[Token]:
    """Given OCR words, return them as tokens (empty words dropped)."""
    return [Token(w.text.strip(), w.bbox, w.confidence) for w in words if w.text.strip()]
