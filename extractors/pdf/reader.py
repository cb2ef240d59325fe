"""Stage `document_to_pages`: a PDF file to typed page primitives, through PDFium (pypdfium2).

PDFium reads a 15-page filing in about 0.1 s, where pdfminer's pure-Python interpreter (under
pdfplumber) needs 0.8 s; the stages after this one are written in pdfplumber's manner (edges →
cells → tables, chars → words → lines) over our own primitives. Coordinates are converted to
points with the origin at the top-left of the page.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.errors import DocumentLoadError
from extractors.pdf.paths import page_to_paths
from extractors.pdf.primitives import Glyph, PageContent, Widget
from extractors.pdf.symbol_glyphs import char_to_text, font_family, is_symbol_family
from schema.document import UNKNOWN_GLYPH, BBox

logger = logging.getLogger(__name__)

_FONT_BUFFER = 256
_NO_UNICODE = frozenset({0, 0xFFFE, 0xFFFF, 0xFFFD})
_CHECKABLE = frozenset({pdfium_c.FPDF_FORMFIELD_CHECKBOX, pdfium_c.FPDF_FORMFIELD_RADIOBUTTON})


def document_to_pages(pdf: pdfium.PdfDocument) -> Iterator[PageContent]:
    """Given an opened PDFium document (forms initialised), yield each page's primitives."""
    for index in range(len(pdf)):
        try:
            page = pdf[index]
        except pdfium.PdfiumError as error:  # a damaged page tree (one that loops, say)
            raise DocumentLoadError(
                f"PDF 第 {index + 1} 页无法读取（文件已损坏）", f"cannot load page {index + 1}: {error}"
            ) from error
        try:
            yield page_to_content(pdf, page, index + 1)
        finally:
            page.close()


def page_to_content(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, number: int) -> PageContent:
    """Given a page, return its glyphs, ruling edges, checkbox widgets and drawn marks."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        glyphs = textpage_to_glyphs(textpage, height)
    finally:
        textpage.close()
    paths = page_to_paths(page, height)
    return PageContent(
        number=number,
        width=float(width),
        height=float(height),
        glyphs=glyphs,
        edges=paths.edges,
        widgets=page_to_widgets(pdf, page, height),
        strokes=paths.strokes,
        boxes=paths.boxes,
        images=paths.images,
    )


def textpage_to_glyphs(textpage: pdfium.PdfTextPage, height: float) -> tuple[Glyph, ...]:
    """Given a PDFium text page, return its characters (generated spaces and breaks dropped)."""
    buffer = ctypes.create_string_buffer(_FONT_BUFFER)
    flags = ctypes.c_int()
    rect = pdfium_c.FS_RECTF()
    glyphs: list[Glyph] = []
    families: dict[bytes, str] = {}
    decoded: dict[tuple[int, str], str] = {}
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        code = int(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if code in (0x0A, 0x0D, 0x02):
            continue
        pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, _FONT_BUFFER, ctypes.byref(flags))
        raw_name = buffer.value
        font = families.get(raw_name) or families.setdefault(raw_name, _family(raw_name))
        key = (code, font)
        text = decoded[key] if key in decoded else decoded.setdefault(key, _code_to_text(code, font))
        if not text:
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(rect))
        box = BBox(float(rect.left), height - float(rect.top), float(rect.right), height - float(rect.bottom))
        size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
        glyphs.append(Glyph(text=text, font=font, bbox=box, size=size))
    return tuple(glyphs)


def _family(raw_name: bytes) -> str:
    return font_family(raw_name.decode("utf-8", "replace"))


def _code_to_text(code: int, font: str) -> str:
    if code in _NO_UNICODE:
        return UNKNOWN_GLYPH if is_symbol_family(font) else ""
    return char_to_text(chr(code), font)


def page_to_widgets(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, height: float) -> tuple[Widget, ...]:
    """Given a page of a document with forms, return its checkbox and radio widgets."""
    if not pdf.formenv:
        return ()
    widgets: list[Widget] = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        try:
            widget = _annot_to_widget(pdf, annot, height)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
        if widget is not None:
            widgets.append(widget)
    return tuple(widgets)


def _annot_to_widget(
    pdf: pdfium.PdfDocument, annot: pdfium_c.FPDF_ANNOTATION, height: float
) -> Widget | None:
    if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET:
        return None
    form = pdf.formenv
    if pdfium_c.FPDFAnnot_GetFormFieldType(form, annot) not in _CHECKABLE:
        return None
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
        return None
    top, bottom = sorted((height - float(rect.top), height - float(rect.bottom)))
    left, right = sorted((float(rect.left), float(rect.right)))
    checked = bool(pdfium_c.FPDFAnnot_IsChecked(form, annot))
    return Widget(bbox=BBox(left, top, right, bottom), checked=checked)
