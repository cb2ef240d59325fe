"""Stage `document_to_pages`: a PDF file to typed page primitives, through PDFium (pypdfium2).

PDFium reads a 15-page filing in about 0.1 s, where pdfminer's pure-Python interpreter (under
pdfplumber) needs 0.8 s; the stages after this one are written in pdfplumber's manner (edges →
cells → tables, chars → words → lines) over our own primitives. Coordinates are converted to
points with the origin at the top-left of the page turned upright (`frames`): a page with `/Rotate`,
or drawn sideways, reads like any other.
"""

from __future__ import annotations

import ctypes
import logging
import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.errors import DocumentLoadError
from extractors.pdf.frames import PageFrame, dominant_turn, page_frame
from extractors.pdf.paths import page_to_paths
from extractors.pdf.primitives import Glyph, PageContent, Widget
from extractors.pdf.symbol_glyphs import char_to_text, font_family, is_symbol_family
from schema.document import BOXES, UNKNOWN_GLYPH, BBox

logger = logging.getLogger(__name__)

_FONT_BUFFER = 256
_RADICAL_LOOKALIKES = ((0x2F00, 0x2FDF), (0xF900, 0xFAFF))
"""Kangxi radicals and CJK compatibility ideographs: some exporters' fonts map 工, 人, 一 … to these
look-alikes (`⼯业` for 工业); NFKC gives the ideograph back."""
_IDENTITY = (1.0, 0.0, 0.0, 1.0)
ANGLE_SAMPLE = 7  # every 7th character's angle is read: enough to tell which way a page's text runs
_NO_UNICODE = frozenset({0, 0xFFFE, 0xFFFF, 0xFFFD})
OVERPRINT = 0.25
"""A character drawn again within this share of its size of itself is the same character (fake bold)."""
STRAY_LINE = 0.3
STRAY_OFF = 1.0
STRAY_HOLE = (0.5, 3.0)
"""A box glyph is stray when its neighbours' baselines agree within STRAY_LINE sizes, its own is more
than STRAY_OFF sizes away, and its neighbours leave a hole of STRAY_HOLE sizes between them."""
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
    """Given a page, return its glyphs, ruling edges, checkbox widgets and drawn marks, all in the
    page's upright frame (the direction its text runs in decides the turn)."""
    textpage = page.get_textpage()
    try:
        chars = textpage_to_chars(textpage)
    finally:
        textpage.close()
    frame = page_frame(page.get_bbox(), dominant_turn(chars.angles))
    paths = page_to_paths(page, frame)
    return PageContent(
        number=number,
        width=frame.width,
        height=frame.height,
        glyphs=chars.glyphs(frame),
        edges=paths.edges,
        widgets=page_to_widgets(pdf, page, frame),
        strokes=paths.strokes,
        boxes=paths.boxes,
        images=paths.images,
        drawings=paths.drawings,
        image_cover=paths.image_cover,
        hidden_text=paths.hidden_text,
    )


@dataclass(slots=True)
class PageChars:
    """A page's text-layer characters as read (rectangles still in user space), and the angles of a
    sample of them."""

    texts: list[str] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)
    angles: list[float] = field(default_factory=list)

    def glyphs(self, frame: PageFrame) -> tuple[Glyph, ...]:
        """Given the page's frame, return the characters as glyphs in it."""
        boxes = map(frame.box, *zip(*self.rects, strict=True)) if self.rects else iter(())
        return place_stray_boxes(
            drop_overprinted(tuple(map(Glyph, self.texts, self.fonts, boxes, self.sizes)))
        )


def drop_overprinted(glyphs: tuple[Glyph, ...]) -> tuple[Glyph, ...]:
    """Given a page's glyphs, return them without the characters drawn again over themselves: some PDF
    printers fake a bold face by drawing a run twice a fraction of a point apart, and every character of
    it would read twice (`重重复复`, no label found). A character is dropped when an earlier one with
    the same text lies within OVERPRINT of its size in both directions; a repeated character in the
    text (`重重`) is a whole advance away."""
    keys = [(g.text, g.bbox.y0, g.bbox.x0) for g in glyphs]
    order = sorted(range(len(keys)), key=keys.__getitem__)  # by text, then down, then across
    dropped: set[int] = set()
    for index, other in pairwise(order):
        (text, y0, x0), (again, y1, x1) = keys[index], keys[other]
        if again == text and not text.isspace():
            reach = OVERPRINT * max(glyphs[index].size, 1.0)
            if abs(y1 - y0) < reach and abs(x1 - x0) < reach:
                dropped.add(max(index, other))  # the one drawn later
    return tuple(g for i, g in enumerate(glyphs) if i not in dropped) if dropped else glyphs


def place_stray_boxes(glyphs: tuple[Glyph, ...]) -> tuple[Glyph, ...]:
    """Given a page's glyphs in text-layer order, return them with each box glyph that lies off the
    line its neighbours share, while they leave a glyph-sized hole between them, moved into the hole.
    PDFium places a missing glyph drawn inside a scaled Form XObject without the form's matrix (a 2-up
    sheet: `☐` of `☑否 ☐非高耗能行业` reported 40 pt above and right of its option, on another line)."""
    placed = list(glyphs)
    for index, glyph in enumerate(glyphs):
        if glyph.text not in BOXES:
            continue
        before = next((g for g in reversed(glyphs[:index]) if not g.text.isspace()), None)
        after = next((g for g in glyphs[index + 1 :] if not g.text.isspace()), None)
        if before is None or after is None:
            continue
        one_line = abs(before.bbox.y1 - after.bbox.y1) <= STRAY_LINE * glyph.size
        off_line = abs(glyph.bbox.y1 - before.bbox.y1) > STRAY_OFF * glyph.size
        hole = after.bbox.x0 - before.bbox.x1
        if one_line and off_line and STRAY_HOLE[0] * glyph.size <= hole <= STRAY_HOLE[1] * glyph.size:
            width = min(hole, glyph.bbox.x1 - glyph.bbox.x0)
            top, bottom = min(before.bbox.y0, after.bbox.y0), max(before.bbox.y1, after.bbox.y1)
            placed[index] = replace(glyph, bbox=BBox(after.bbox.x0 - width, top, after.bbox.x0, bottom))
    return tuple(placed)


def textpage_to_chars(textpage: pdfium.PdfTextPage) -> PageChars:
    """Given a PDFium text page, return its characters (generated spaces and breaks dropped). A size is
    the font size times the scale of the character's matrix (text matrix and every form's): PDFium's
    font size is the `Tf` operand only, and a 2-up sheet's pages drawn as forms at 71 % would read at
    full size."""
    buffer = ctypes.create_string_buffer(_FONT_BUFFER)
    flags = ctypes.byref(ctypes.c_int())
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    get_font, get_box, get_size, get_matrix = (
        pdfium_c.FPDFText_GetFontInfo,
        pdfium_c.FPDFText_GetLooseCharBox,
        pdfium_c.FPDFText_GetFontSize,
        pdfium_c.FPDFText_GetMatrix,
    )
    chars = PageChars()
    families: dict[bytes, str] = {}
    decoded: dict[tuple[int, str], str] = {}
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        code = int(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if code in (0x0A, 0x0D, 0x02):
            continue
        get_font(textpage, index, buffer, _FONT_BUFFER, flags)
        raw_name = buffer.value
        font = families.get(raw_name) or families.setdefault(raw_name, _family(raw_name))
        key = (code, font)
        text = decoded[key] if key in decoded else decoded.setdefault(key, _code_to_text(code, font))
        if not text:
            continue
        get_box(textpage, index, rect_ref)
        chars.texts.append(text)
        chars.fonts.append(font)
        chars.rects.append((rect.left, rect.bottom, rect.right, rect.top))
        size = get_size(textpage, index)
        if get_matrix(textpage, index, matrix_ref) and (matrix.a, matrix.b, matrix.c, matrix.d) != _IDENTITY:
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
        chars.sizes.append(size)
        if index % ANGLE_SAMPLE == 0 and not text.isspace():
            chars.angles.append(pdfium_c.FPDFText_GetCharAngle(textpage, index))
    return chars


def textpage_to_glyphs(textpage: pdfium.PdfTextPage, frame: PageFrame) -> tuple[Glyph, ...]:
    """Given a PDFium text page and the page's frame, return its characters as glyphs."""
    return textpage_to_chars(textpage).glyphs(frame)


def _family(raw_name: bytes) -> str:
    return font_family(raw_name.decode("utf-8", "replace"))


def _code_to_text(code: int, font: str) -> str:
    if code in _NO_UNICODE:
        return UNKNOWN_GLYPH if is_symbol_family(font) else ""
    if any(low <= code <= high for low, high in _RADICAL_LOOKALIKES):
        return unicodedata.normalize("NFKC", chr(code))
    return char_to_text(chr(code), font)


def page_to_widgets(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, frame: PageFrame) -> tuple[Widget, ...]:
    """Given a page of a document with forms, return its checkbox and radio widgets."""
    if not pdf.formenv:
        return ()
    widgets: list[Widget] = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        try:
            widget = _annot_to_widget(pdf, annot, frame)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
        if widget is not None:
            widgets.append(widget)
    return tuple(widgets)


def _annot_to_widget(
    pdf: pdfium.PdfDocument, annot: pdfium_c.FPDF_ANNOTATION, frame: PageFrame
) -> Widget | None:
    if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET:
        return None
    form = pdf.formenv
    if pdfium_c.FPDFAnnot_GetFormFieldType(form, annot) not in _CHECKABLE:
        return None
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
        return None
    box = frame.box(float(rect.left), float(rect.bottom), float(rect.right), float(rect.top))
    return Widget(bbox=box, checked=bool(pdfium_c.FPDFAnnot_IsChecked(form, annot)))
