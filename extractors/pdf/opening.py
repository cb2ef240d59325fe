"""Stage `open_pdf`: safety and readability checks, then the PDFium document.

Refused with a `DocumentLoadError` (rule file_unreadable), each with a bilingual reason: missing,
empty or oversized files, content that is not a PDF, malformed PDFs, PDFs that ask for a password to
open, and PDFs over the page limit. A PDF with only an owner (permissions) password — no copying or
editing, as offices often export — opens in every reader without a question, so it is read; the
backend notes it (`permissions_note`). A scan without a text layer is refused later, once the pages
are read (`check_text_layer`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.errors import DocumentLoadError, ScannedPdfError
from extractors.file_checks import checked_size
from extractors.pdf.primitives import PageContent

PDF_MAGIC = b"%PDF-"
_HEAD_BYTES = 1024
_MIN_TEXT_CHARS = 40
SCAN_IMAGE_COVER = 0.5
OUTLINED_DRAWINGS = 40  # characters drawn as outlines are a path each; a page's stray rules are a few
GARBLED_SHARE = 0.2  # control codes never stand in real text: a fifth of them is a broken font map
UNDECODED_MARKS = frozenset("\u200b\u200c\u200d\ufeff")
STAMP_CHARS = 60


@dataclass(frozen=True, slots=True)
class PdfLimits:
    """Limits for one PDF filing."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 80


DEFAULT_PDF_LIMITS = PdfLimits()


def _check_file(path: Path, limits: PdfLimits) -> None:
    checked_size(path, limits.max_file_bytes)
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as error:
        raise DocumentLoadError("文件无法打开", f"cannot open file: {error.strerror}") from error
    if PDF_MAGIC not in head:
        raise DocumentLoadError("文件不是有效的 PDF 文档", "not a PDF file (no %PDF- header)")


def _load(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentLoadError(
                "PDF 文件已加密（设有打开密码）", "the PDF is encrypted (password required)"
            ) from error
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise DocumentLoadError(
                "PDF 使用了不支持的加密方式", "unsupported PDF security handler"
            ) from error
        raise DocumentLoadError("PDF 文件已损坏，无法解析", f"malformed PDF: {error}") from error


def permissions_note(pdf: pdfium.PdfDocument) -> tuple[str, ...]:
    """Given an opened document, return a note if it carries an owner (permissions) password."""
    if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf) == -1:
        return ()
    return (
        "PDF 设有权限密码（限制复制或编辑），无需密码即可打开，已照常读取 / the PDF has an owner password "
        "(permissions only); it opens without a password and was read",
    )


def _check_document(pdf: pdfium.PdfDocument, limits: PdfLimits) -> None:
    pages = len(pdf)
    if pages == 0:
        raise DocumentLoadError("PDF 文件没有页面", "the PDF has no pages")
    if pages > limits.max_pages:
        raise DocumentLoadError(
            f"PDF 页数过多（{pages} 页，上限 {limits.max_pages} 页）",
            f"too many pages ({pages}; limit {limits.max_pages})",
        )


def open_pdf(path: Path, limits: PdfLimits = DEFAULT_PDF_LIMITS) -> pdfium.PdfDocument:
    """Given a path, return the opened document with forms initialised, or raise DocumentLoadError."""
    _check_file(path, limits)
    pdf = _load(path)
    try:
        _check_document(pdf, limits)
        pdf.init_forms()
    except BaseException:
        pdf.close()
        raise
    return pdf


def _undecodable(text: str) -> bool:
    """A character the text layer cannot name: a control code, an unassigned or surrogate code point
    (what PDFium gives for a font without a Unicode map)."""
    return unicodedata.category(text[0])[0] == "C" and text[0] not in UNDECODED_MARKS


def is_scanned_page(page: PageContent) -> bool:
    """Given a read page, return whether its text can only be read from its picture: no visible text
    but drawn content (a scan, a "print to PDF" of an image, characters drawn as outlines), only an
    invisible text layer (a scanner's OCR), a text layer whose characters cannot be decoded (fonts
    without a Unicode map), or a page-size picture with a few characters stamped on."""
    inked = [glyph.text for glyph in page.glyphs if not glyph.text.isspace()]
    visible = len(inked)
    if page.hidden_text:
        return True
    if visible and sum(1 for text in inked if _undecodable(text)) >= GARBLED_SHARE * visible:
        return True
    if visible == 0:
        return bool(page.images) or page.drawings >= OUTLINED_DRAWINGS
    return page.image_cover >= SCAN_IMAGE_COVER and visible < STAMP_CHARS


def check_text_layer(pages: Sequence[PageContent]) -> None:
    """Given the read pages, return when their text layer can be read; raise ScannedPdfError when it
    cannot but the pages show something (the OCR backend reads them: scans, outlines, pictures), and
    DocumentLoadError when nothing is on them."""
    typed = [page for page in pages if not is_scanned_page(page)]
    scanned = len(pages) - len(typed)
    chars = sum(1 for page in typed for glyph in page.glyphs if not glyph.text.isspace())
    if chars >= _MIN_TEXT_CHARS and 2 * scanned < len(pages):
        return
    if any(page.images or page.drawings for page in pages):
        raise ScannedPdfError(
            "扫描件 PDF（或图片、文字转曲）：没有可用的文字层，转由 OCR 识别",
            "the PDF has no usable text layer (scan, picture or text as outlines): read by OCR",
        )
    raise DocumentLoadError("PDF 中没有可读取的内容", "the PDF has no text and nothing drawn")
