"""How PDF printers and office tools lay out the pages of a typed PDF, applied to an exported filing.

- `rotated`: every page drawn sideways on a landscape sheet with `/Rotate` turning it upright in a
  viewer (scanners and some printers), or drawn sideways with no `/Rotate` (`displayed=False`);
- `two_up`: two pages side by side on each landscape A4 sheet ("2 pages per sheet");
- `outlined`: every character drawn as its outline, no text layer ("text as curves");
- `image_only`: every page a picture ("print to PDF" of an image), `searchable` adding the page's text
  invisibly over it, as a scanner's OCR does;
- `without_unicode_maps`: fonts without their /ToUnicode map (the text layer cannot be decoded);
- `overprinted`: every page drawn twice a fraction of a point apart, as PDF printers fake a bold face
  (a text layer whose characters come out doubled: `重重复复`).
"""

from __future__ import annotations

import ctypes
import io
from pathlib import Path
from typing import cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

A4_LANDSCAPE = (841.89, 595.28)
_SKIPPED_CODES = frozenset({0, 9, 10, 13, 32, 0x3000})


def _placed(source: pdfium.PdfDocument, index: int, dest: pdfium.PdfDocument) -> pdfium.PdfPageObject:
    return source.page_as_xobject(index, dest).as_pageobject()


def rotated(source: Path, target: Path, turn: int = 270, displayed: bool = True) -> None:
    """Write each page drawn turned by `turn`° (90 or 270, counter-clockwise) on a landscape sheet;
    with `/Rotate` set so a viewer shows it upright when `displayed`."""
    pdf = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    for index in range(len(pdf)):
        width, height = pdf[index].get_size()
        placed = _placed(pdf, index, out)
        matrix = pdfium.PdfMatrix().rotate(turn, ccw=True)
        matrix = matrix.translate(height, 0) if turn == 90 else matrix.translate(0, width)
        placed.transform(matrix)
        page = out.new_page(height, width)
        page.insert_obj(placed)
        page.gen_content()
        if displayed:
            page.set_rotation(turn)
    out.save(target)


def two_up(source: Path, target: Path) -> None:
    """Write the pages two to a landscape A4 sheet, each scaled to half the sheet, left then right."""
    pdf = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    sheet_width, sheet_height = A4_LANDSCAPE
    for first in range(0, len(pdf), 2):
        page = out.new_page(sheet_width, sheet_height)
        for slot, index in enumerate(range(first, min(first + 2, len(pdf)))):
            width, height = pdf[index].get_size()
            scale = min(sheet_width / 2 / width, sheet_height / height)
            placed = _placed(pdf, index, out)
            left = slot * sheet_width / 2 + (sheet_width / 2 - width * scale) / 2
            placed.transform(pdfium.PdfMatrix().scale(scale, scale).translate(left, 0))
            page.insert_obj(placed)
        page.gen_content()
    out.save(target)


def overprinted(source: Path, target: Path, offset: float = 0.3) -> None:
    """Write each page drawn twice, the second time `offset` points to the right (fake bold)."""
    pdf = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    for index in range(len(pdf)):
        width, height = pdf[index].get_size()
        page = out.new_page(width, height)
        for shift in (0.0, offset):
            placed = _placed(pdf, index, out)
            placed.transform(pdfium.PdfMatrix().translate(shift, 0))
            page.insert_obj(placed)
        page.gen_content()
    out.save(target)


def _glyph_path(textpage: pdfium.PdfTextPage, index: int) -> pdfium_c.FPDF_PAGEOBJECT | None:
    code = pdfium_c.FPDFText_GetUnicode(textpage, index)
    text_object = pdfium_c.FPDFText_GetTextObject(textpage, index)
    if code in _SKIPPED_CODES or not text_object:
        return None
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    glyph = pdfium_c.FPDFFont_GetGlyphPath(
        pdfium_c.FPDFTextObj_GetFont(text_object), code, ctypes.c_float(size)
    )
    if not glyph:
        return None
    path = pdfium_c.FPDFPageObj_CreateNewPath(0, 0)
    _trace(glyph, path)
    pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_WINDING, 0)
    pdfium_c.FPDFPageObj_SetFillColor(path, 0, 0, 0, 255)
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    pdfium_c.FPDFPageObj_Transform(
        path, size * matrix.a, size * matrix.b, size * matrix.c, size * matrix.d, x.value, y.value
    )
    return path


def _trace(glyph: pdfium_c.FPDF_GLYPHPATH, path: pdfium_c.FPDF_PAGEOBJECT) -> None:
    """Copy a glyph's outline (em units) into a path object."""
    x, y = ctypes.c_float(), ctypes.c_float()
    pending: list[float] = []
    for number in range(pdfium_c.FPDFGlyphPath_CountGlyphSegments(glyph)):
        segment = pdfium_c.FPDFGlyphPath_GetGlyphPathSegment(glyph, number)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            pdfium_c.FPDFPath_MoveTo(path, x, y)
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            pdfium_c.FPDFPath_LineTo(path, x, y)
        else:
            pending += [x.value, y.value]
            if len(pending) == 6:
                pdfium_c.FPDFPath_BezierTo(path, *pending)
                pending.clear()
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            pdfium_c.FPDFPath_Close(path)


def outlined(source: Path, target: Path) -> None:
    """Write the PDF with every character replaced by its filled outline (no text layer left)."""
    pdf = pdfium.PdfDocument(source)
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        paths = [p for i in range(textpage.count_chars()) if (p := _glyph_path(textpage, i)) is not None]
        textpage.close()
        for obj in list(page.get_objects(max_depth=1)):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                page.remove_obj(obj)
        for path in paths:
            pdfium_c.FPDFPage_InsertObject(page, path)
        page.gen_content()
    pdf.save(target)


def image_only(source: Path, target: Path, dpi: int = 150, searchable: bool = False) -> None:
    """Write every page as a greyscale JPEG picture; `searchable` keeps the page's text over it,
    invisible (text render mode 3), as a scanner's OCR layer."""
    pdf = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    if searchable:
        out.import_pages(pdf)
    for index in range(len(pdf)):
        width, height = pdf[index].get_size()
        picture = pdf[index].render(scale=dpi / 72, grayscale=True).to_pil()
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=80)
        page = out[index] if searchable else out.new_page(width, height)
        if searchable:
            _keep_invisible_text(page)
        image = pdfium.PdfImage.new(out)
        image.load_jpeg(io.BytesIO(buffer.getvalue()), inline=True)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
    out.save(target)


def _keep_invisible_text(page: pdfium.PdfPage) -> None:
    for obj in list(page.get_objects(max_depth=1)):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
        else:
            page.remove_obj(obj)


def without_unicode_maps(source: Path, target: Path) -> None:
    """Write the PDF with every font's /ToUnicode map removed: the characters can no longer be
    decoded (a font exported without its Unicode map), though every page still shows them."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        fonts = cast(DictionaryObject, resources["/Font"].get_object())
        for key in fonts:
            font = cast(DictionaryObject, fonts[key].get_object())
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
    writer.write(target)
