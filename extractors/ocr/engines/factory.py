"""Stage `options_to_engine`: the configured OCR engine."""

from __future__ import annotations

from extractors.ocr.engines.base import OcrEngine
from extractors.ocr.engines.rapid import RapidOcrEngine
from extractors.ocr.engines.tesseract import TesseractEngine
from extractors.ocr.options import OcrOptions


def options_to_engine(options: OcrOptions) -> OcrEngine:
    """Given the OCR options, return a ready engine for one worker (RapidOCR loads its models here, ~1 s)."""
    if options.engine == "tesseract":
        return TesseractEngine()
    return RapidOcrEngine(threads=options.engine_threads)
