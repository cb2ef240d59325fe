"""Stage `page_to_drafts`: one page's glyphs and tables to drafts in reading order.

Each glyph goes to the innermost cell whose box holds its centre (nested tables first); glyphs in no
table are body text. Checkbox widgets are placed as ☑/☐ glyphs where they sit, so the mark lands in
the cell text beside its option. Body lines and tables are ordered top to bottom; page furniture
(`furniture`: headers, footers, page numbers, watermarks) is dropped.
"""

from __future__ import annotations

from extractors.pdf.drafts import DraftBlock, DraftCell, DraftTable
from extractors.pdf.furniture import Furniture, without_watermark
from extractors.pdf.grid import Grid, GridCell
from extractors.pdf.lines import (
    CELL_PADDING,
    glyphs_to_lines,
    glyphs_to_rows,
    join_wrapped_lines,
    rows_to_lines,
)
from extractors.pdf.lost_boxes import mark_lost_boxes
from extractors.pdf.marks import page_to_mark_glyphs, text_glyphs_outside_widgets
from extractors.pdf.primitives import Glyph, PageContent, bbox_contains_point
from extractors.pdf.substitutes import decode_substituted_letters

NO_FURNITURE = Furniture()


def _cell_for(grid: Grid, glyph: Glyph) -> GridCell | None:
    x, y = glyph.center_x, glyph.center_y
    return next((c for c in grid.cells if bbox_contains_point(c.bbox, x, y)), None)


def _place(grids: tuple[Grid, ...], glyph: Glyph, buckets: dict[int, list[Glyph]]) -> bool:
    for grid in grids:
        if not bbox_contains_point(grid.bbox, glyph.center_x, glyph.center_y):
            continue
        cell = _cell_for(grid, glyph)
        if cell is None:
            continue
        if not _place(cell.nested, glyph, buckets):
            buckets.setdefault(id(cell), []).append(glyph)
        return True
    return False


def _grid_to_draft(grid: Grid, page: int, buckets: dict[int, list[Glyph]]) -> DraftTable:
    cells = [_cell_to_draft(cell, page, buckets) for cell in grid.cells]
    xs = sorted({c.bbox.x0 for c in grid.cells} | {c.bbox.x1 for c in grid.cells})
    return DraftTable(page=page, bbox=grid.bbox, n_rows=grid.n_rows, xs=xs, cells=cells, last_page=page)


def _cell_to_draft(cell: GridCell, page: int, buckets: dict[int, list[Glyph]]) -> DraftCell:
    rows = decode_substituted_letters(glyphs_to_rows(buckets.get(id(cell), [])))
    lines = rows_to_lines(rows, page)
    items: list[DraftBlock] = list(mark_lost_boxes(join_wrapped_lines(lines, cell.bbox.x1 - CELL_PADDING)))
    items.extend(_grid_to_draft(nested, page, buckets) for nested in cell.nested)
    items.sort(key=lambda item: item.bbox.y0)
    return DraftCell(
        row=cell.row,
        col=cell.col,
        row_span=cell.row_span,
        col_span=cell.col_span,
        bbox=cell.bbox,
        page=page,
        items=items,
    )


def page_to_drafts(
    page: PageContent, grids: tuple[Grid, ...], furniture: Furniture = NO_FURNITURE
) -> list[DraftBlock]:
    """Given a page, its tables and the document's page furniture, return its body lines and tables
    top to bottom (headers, footers, page numbers and watermarks left out)."""
    buckets: dict[int, list[Glyph]] = {}
    body: list[Glyph] = []
    for glyph in (*without_watermark(text_glyphs_outside_widgets(page)), *page_to_mark_glyphs(page)):
        if not _place(grids, glyph, buckets):
            body.append(glyph)
    lines = [line for line in glyphs_to_lines(body, page.number) if not furniture.holds(line, page.height)]
    blocks: list[DraftBlock] = [*lines, *(_grid_to_draft(g, page.number, buckets) for g in grids)]
    blocks.sort(key=lambda block: block.bbox.y0)
    return blocks
