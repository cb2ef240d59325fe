"""Stage `reading_to_content`: one page's OCR reading as the PDF stages' primitives, in points.

Scans are laid out by the same stages as typed PDFs (ruling edges → grids with nested tables →
glyphs into cells and lines → wrapped lines and tables continued over pages joined → blocks), so
a scan and the typed PDF of one filing differ only in how their glyphs and lines were found.
Pixels become points with the straightened page taken as A4 wide (595.28 pt): the layout
tolerances (in points) hold at every scan resolution, and provenance boxes of scans are in points
from the top-left corner of the page, as for typed PDFs.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.ocr.page import PageReading
from extractors.ocr.tokens import GLYPHS, Token
from extractors.pdf.primitives import Edge, Glyph, Orientation, PageContent
from schema.document import BBox, SealMark

A4_WIDTH_PT = 595.28
A4_HEIGHT_PT = 841.89
OCR_FONT = "(ocr)"
MIN_BORDER_PT = 40.0
MAX_SHIFT_PT = 40.0
INK_TO_ADVANCE = 0.2


def points_per_pixel(width_px: int) -> float:
    """Given a straightened page's width in pixels, return the size of one pixel in points."""
    return A4_WIDTH_PT / width_px


def scale_box(box: BBox, scale: float) -> BBox:
    """Given a box in pixels and points per pixel, return the box in points."""
    return BBox(box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale)


def carries_meaning(text: str) -> bool:
    """Whether an OCR'd text holds a letter, digit, CJK character or box glyph: brackets and commas
    read with less confidence without mattering, so their confidence is not the line's."""
    return any(ch.isalnum() or ch in GLYPHS.values() for ch in text)


def advance_box(box: BBox) -> BBox:
    """Given the ink box of OCR'd text, return it widened to the room the characters take in print.

    A typed glyph's box spans its advance (a full em for a CJK character or a full-width comma);
    OCR boxes hug the ink, so measured widths come out short and a line the layout wrapped for
    want of room would look as if the next characters had fitted.
    """
    pad = INK_TO_ADVANCE * box.height
    return BBox(box.x0 - pad, box.y0, box.x1 + pad, box.y1)


def token_to_glyph(token: Token, scale: float) -> Glyph:
    """Given an OCR token (word or box glyph) in pixels, return it as a glyph in points."""
    box = scale_box(token.bbox, scale)
    if token.text not in GLYPHS.values():
        box = advance_box(box)
    confidence = token.confidence if carries_meaning(token.text) else None
    return Glyph(
        text=token.text,
        font=OCR_FONT,
        bbox=box,
        size=max(box.height, 1.0),
        confidence=confidence,
        doubt=token.doubt,
    )


def scale_edge(edge: Edge, scale: float) -> Edge:
    """Given a ruling edge in pixels, return it in points."""
    return Edge(edge.orientation, edge.position * scale, edge.start * scale, edge.end * scale)


def reading_to_content(reading: PageReading) -> PageContent:
    """Given one page's OCR reading, return its glyphs and ruling edges as PDF page primitives."""
    scale = points_per_pixel(reading.width)
    return PageContent(
        number=reading.number,
        width=A4_WIDTH_PT,
        height=A4_HEIGHT_PT,
        glyphs=tuple(token_to_glyph(token, scale) for token in reading.tokens),
        edges=tuple(scale_edge(edge, scale) for edge in reading.edges),
    )


def reading_to_seals(reading: PageReading) -> tuple[SealMark, ...]:
    """Given one page's OCR reading, return its seals with boxes in points (like its glyphs)."""
    scale = points_per_pixel(reading.width)
    return tuple(
        SealMark(page=seal.page, bbox=scale_box(seal.bbox, scale), confidence=seal.confidence)
        for seal in reading.seals
    )


def left_border(page: PageContent) -> float | None:
    """Given a page, return the x of its leftmost long vertical ruling line (tables' left border)."""
    borders = [
        e.position for e in page.edges if e.orientation is Orientation.VERTICAL and e.length >= MIN_BORDER_PT
    ]
    return min(borders) if borders else None


def shift_page(page: PageContent, dx: float) -> PageContent:
    """Given a page and a horizontal shift in points, return the page with everything moved by it."""
    glyphs = tuple(
        replace(g, bbox=BBox(g.bbox.x0 + dx, g.bbox.y0, g.bbox.x1 + dx, g.bbox.y1)) for g in page.glyphs
    )
    edges = tuple(
        Edge(e.orientation, e.position + dx, e.start, e.end)
        if e.orientation is Orientation.VERTICAL
        else Edge(e.orientation, e.position, e.start + dx, e.end + dx)
        for e in page.edges
    )
    return replace(page, glyphs=glyphs, edges=edges)


def align_pages(pages: list[PageContent]) -> list[PageContent]:
    """Given a scan's pages, return them shifted so their tables' left borders line up.

    Each sheet lies a little differently on the scanner, so a table running over a page end would
    not be recognised as one (its parts must share their borders); the form's tables all span the
    text width, so the first page's left border is the reference. Shifts over MAX_SHIFT_PT are
    not made (a page without a full-width table).
    """
    borders = [left_border(page) for page in pages]
    reference = next((b for b in borders if b is not None), None)
    if reference is None:
        return pages
    return [
        shift_page(page, reference - border)
        if border is not None and 0 < abs(reference - border) <= MAX_SHIFT_PT
        else page
        for page, border in zip(pages, borders, strict=True)
    ]
