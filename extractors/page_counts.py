"""Stage `page_count`: how many pages a PDF or image file has, from its headers, to size its time limit.

A scan is read page by page (2.5–3 s each), so the reader of a filing allows time per page. The count
comes from the PDF's page tree (PDFium) or the image's headers (Pillow), never from decoding; a file
whose headers cannot be read counts 0 pages (reading it will refuse it with its own reason).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pypdfium2 as pdfium

from extractors.errors import DocumentLoadError
from extractors.ocr.headers import read_image_facts

logger = logging.getLogger(__name__)

PDF_SUFFIX = ".pdf"
IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png"})
MAX_COUNTED = 80


def pdf_page_count(path: Path) -> int:
    """Given a PDF, return its number of pages (0 when it cannot be opened)."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def image_page_count(path: Path) -> int:
    """Given an image file, return its number of pages as its headers give them (0 when unreadable)."""
    try:
        return len(read_image_facts(path, MAX_COUNTED).sizes)
    except DocumentLoadError:
        return 0


def page_count(path: Path) -> int:
    """Given a filing, return its page count when it is a PDF or image file, else 0."""
    suffix = path.suffix.lower()
    if suffix == PDF_SUFFIX:
        return min(pdf_page_count(path), MAX_COUNTED)
    if suffix in IMAGE_SUFFIXES:
        return image_page_count(path)
    return 0
