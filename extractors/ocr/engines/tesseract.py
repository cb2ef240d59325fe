"""Tesseract 5 `chi_sim` through pytesseract as an `OcrEngine` (one call per cell works best)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence

import pytesseract

from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.geometry import Image, OcrWord
from schema.document import BBox

logger = logging.getLogger(__name__)

TESSERACT_CONFIG = "--psm 6"
GLYPH_CONFIG = "--psm 10"


def tesseract_data_to_words(data: Mapping[str, Sequence[object]]) -> list[OcrWord]:
    """Given pytesseract's `image_to_data` dict, return its non-empty words joined per text line."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for index, text in enumerate(data["text"]):
        if str(text).strip() and float(str(data["conf"][index])) >= 0:
            key = (
                int(str(data["block_num"][index])),
                int(str(data["par_num"][index])),
                int(str(data["line_num"][index])),
            )
            lines.setdefault(key, []).append(index)
    return [_line_word(data, indexes) for indexes in lines.values()]


def _line_word(data: Mapping[str, Sequence[object]], indexes: list[int]) -> OcrWord:
    def number(key: str, i: int) -> float:
        return float(str(data[key][i]))

    x0 = min(number("left", i) for i in indexes)
    y0 = min(number("top", i) for i in indexes)
    x1 = max(number("left", i) + number("width", i) for i in indexes)
    y1 = max(number("top", i) + number("height", i) for i in indexes)
    text = "".join(str(data["text"][i]).strip() for i in indexes)
    confidence = min(number("conf", i) for i in indexes) / 100
    return OcrWord(text=text, bbox=BBox(x0, y0, x1, y1), confidence=confidence)


class TesseractEngine(OcrEngine):
    """Tesseract `chi_sim` (fast model), single-threaded (`OMP_THREAD_LIMIT=1`)."""

    name = "tesseract"
    per_cell = True
    upright_confidence = 0.6

    def __init__(self, languages: str = "chi_sim") -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self._languages = languages

    def read(self, image: Image) -> list[OcrWord]:
        """Given a grayscale image, return tesseract's text lines as words (confidence = weakest word)."""
        data = pytesseract.image_to_data(
            image, lang=self._languages, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT
        )
        return tesseract_data_to_words(data)

    def recognize(self, image: Image) -> tuple[str, float]:
        """Given a one-glyph crop, return tesseract's single-character reading of it."""
        data = pytesseract.image_to_data(
            image, lang=self._languages, config=GLYPH_CONFIG, output_type=pytesseract.Output.DICT
        )
        words = tesseract_data_to_words(data)
        return (words[0].text, words[0].confidence) if words else ("", 0.0)
