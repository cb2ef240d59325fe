"""RapidOCR 3.x (PP-OCR models shipped in the wheel, onnxruntime) as an `OcrEngine`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt
from rapidocr import RapidOCR
from rapidocr.ch_ppocr_rec.typings import TextRecOutput
from rapidocr.utils.output import RapidOCROutput

from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.geometry import Image, OcrWord
from schema.document import BBox

logger = logging.getLogger(__name__)


WordResult = tuple[str, float, object]
DETECTION_SIDE = 1600
"""Text detection sees the page scaled down to this longest side (a form's characters stay ~20 px
high, enough to find every line), which halves its time; recognition reads the lines at full size."""


def _quad_box(quad: object) -> BBox:
    points = np.asarray(quad, dtype=np.float64)
    low, high = points.min(axis=0), points.max(axis=0)
    return BBox(float(low[0]), float(low[1]), float(high[0]), float(high[1]))


def rapid_output_to_words(
    boxes: Sequence[npt.NDArray[np.floating]] | None, texts: Sequence[str], scores: Sequence[float]
) -> list[OcrWord]:
    """Given RapidOCR's quadrilaterals, texts and scores, return words with axis-aligned boxes."""
    if boxes is None:
        return []
    return [
        OcrWord(text=str(text), bbox=_quad_box(quad), confidence=float(score))
        for quad, text, score in zip(boxes, texts, scores, strict=True)
    ]


def word_results_to_words(results: Sequence[Sequence[WordResult]]) -> list[OcrWord]:
    """Given RapidOCR's per-line word results (`return_word_box`), return one word per character box.

    Character boxes let a text line be cut exactly where a checkbox or a column border lies in it.
    """
    return [
        OcrWord(text=str(text), bbox=_quad_box(quad), confidence=float(score))
        for line in results
        for text, score, quad in line
        if quad is not None and str(text).strip()
    ]


class RapidOcrEngine(OcrEngine):
    """PP-OCR detection + recognition (no angle classifier: pages are already upright)."""

    name = "rapidocr"

    def __init__(self, threads: int = 1, detection_side: int = DETECTION_SIDE) -> None:
        params = {
            "Global.log_level": "error",
            "Global.use_cls": False,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Det.limit_type": "max",
            "Det.limit_side_len": detection_side,
        }
        self._engine = RapidOCR(params=params)

    def read(self, image: Image) -> list[OcrWord]:
        """Given a grayscale image, return RapidOCR's text lines as words."""
        output = self._engine(
            cv2.cvtColor(image, cv2.COLOR_GRAY2BGR),
            use_det=True,
            use_cls=False,
            use_rec=True,
            return_word_box=True,
        )
        if not isinstance(output, RapidOCROutput) or output.boxes is None:
            return []
        if len(output.word_results) == len(output.boxes):
            # typed as one line's results upstream; it holds one tuple of character results per line
            return word_results_to_words(cast(Sequence[Sequence[WordResult]], output.word_results))
        return rapid_output_to_words(list(output.boxes), output.txts or (), output.scores or ())

    def recognize(self, image: Image) -> tuple[str, float]:
        """Given a one-glyph crop, return RapidOCR's recognition of it (detection skipped)."""
        output = self._engine(
            cv2.cvtColor(image, cv2.COLOR_GRAY2BGR),
            use_det=False,
            use_cls=False,
            use_rec=True,
            return_word_box=False,
        )
        if not isinstance(output, TextRecOutput) or not output.txts:
            return ("", 0.0)
        return (str(output.txts[0]), float(output.scores[0]))
