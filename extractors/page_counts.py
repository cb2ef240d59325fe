"""Stage `page_count`: how many pages of a file OCR would read, to size the file's time limit.

A scan is read page by page (2.5–3 s each), so the reader of a filing allows time per page to be read
by OCR: every page of an image file (from its headers, Pillow), and every page of a PDF that has no text
(PDFium's text layer, no rendering); a typed PDF counts 0 and keeps the base limit. A file whose headers
cannot be read counts 0 pages (reading it will refuse it with its own reason).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pypdfium2 as pdfium

from extractors.errors import DocumentLoadError
from extractors.ocr.headers import read_image_facts
from extractors.sniffing import FileKind, path_to_kind

logger = logging.getLogger(__name__)

MAX_COUNTED = 80


def pdf_scanned_pages(path: Path) -> int:
    """Given a PDF, return how many of its pages (at most MAX_COUNTED) have no text: pages OCR would read
    (0 when it cannot be opened)."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return 0
    try:
        return sum(1 for index in range(min(len(pdf), MAX_COUNTED)) if not _has_text(pdf, index))
    except pdfium.PdfiumError:
        return 0
    finally:
        pdf.close()


def _has_text(pdf: pdfium.PdfDocument, index: int) -> bool:
    page = pdf[index]
    try:
        text = page.get_textpage()
        try:
            return bool(text.count_chars())
        finally:
            text.close()
    finally:
        page.close()


def image_page_count(path: Path) -> int:
    """Given an image file, return its number of pages as its headers give them (0 when unreadable)."""
    try:
        return len(read_image_facts(path, MAX_COUNTED).sizes)
    except DocumentLoadError:
        return 0


def page_count(path: Path) -> int:
    """Given a filing, return how many of its pages OCR would read (0 for a file that is not a scan), by
    what its bytes are, whatever its name."""
    try:
        kind = path_to_kind(path).kind
    except DocumentLoadError:
        return 0
    if kind is FileKind.PDF:
        return pdf_scanned_pages(path)
    if kind is FileKind.IMAGE:
        return image_page_count(path)
    return 0
