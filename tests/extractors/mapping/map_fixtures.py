"""Tiny intermediate documents for mapping-stage tests, written as nested lists."""

from __future__ import annotations

from itertools import count

from schema.document import Block, Cell, ExtractedDocument, Paragraph, Table

CellSpec = str | tuple[str, int, int]  # text, or (text, col_span, row_span)
_index = count()


def para(text: str) -> Paragraph:
    return Paragraph(text=text, index=next(_index))


def table(rows: list[list[CellSpec]], index: int = 0) -> Table:
    """Given rows of cell specs, return a Table; cells skip columns held by row spans from above."""
    cells: list[Cell] = []
    held: dict[int, int] = {}
    width = 0
    for r, row in enumerate(rows):
        col = 0
        for spec in row:
            while held.get(col, -1) >= r:
                col += 1
            text, span, rows_down = (spec, 1, 1) if isinstance(spec, str) else spec
            blocks = tuple(para(line) for line in text.split("\n"))
            cells.append(Cell(row=r, col=col, col_span=span, row_span=rows_down, blocks=blocks))
            for c in range(col, col + span):
                held[c] = r + rows_down - 1
            col += span
        width = max(width, col)
    return Table(index=index, n_rows=len(rows), n_cols=width, cells=tuple(cells))


def document(*blocks: Block | str) -> ExtractedDocument:
    items = tuple(para(b) if isinstance(b, str) else b for b in blocks)
    return ExtractedDocument(source="fixture.docx", kind="docx", blocks=items)
