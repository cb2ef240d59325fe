"""The engine interface every OCR engine adapter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

from extractors.ocr.geometry import Image, OcrWord


class OcrEngine(ABC):
    """Reads the text of a grayscale image as words (or text lines) with boxes and confidences 0..1."""

    name: str = "engine"
    per_cell: bool = False
    """True when the engine reads table cells one by one better than a whole page (tesseract)."""
    upright_confidence: float = 0.9
    """A page read with a lower mean confidence is read again turned by 180° (the better reading wins)."""

    @abstractmethod
    def read(self, image: Image) -> list[OcrWord]:
        """Given a grayscale page or cell image, return the words found, boxes in its pixels."""

    @abstractmethod
    def recognize(self, image: Image) -> tuple[str, float]:
        """Given a small grayscale crop holding one glyph, return its text and confidence (no detection)."""
