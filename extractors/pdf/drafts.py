"""Drafts: tables and cells under assembly, frozen into the common intermediate form at the end.

Pages are read one at a time into drafts; tables continued on the next page are then joined into
one draft (see `continuation`); `drafts_to_blocks` numbers paragraphs and tables in document order
and returns the schema's frozen `Paragraph` / `Table` / `Cell`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from extractors.pdf.lines import Line
from schema.document import BBox, Block, Cell, Paragraph, Table, weakest_reading


@dataclass(slots=True)
class DraftCell:
    """A cell being assembled: grid position, page + box of its first part, lines and nested tables."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    page: int
    items: list[Line | DraftTable] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [item for item in self.items if isinstance(item, Line)]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def covers_row(self, row: int) -> bool:
        return self.row <= row < self.row + self.row_span


@dataclass(slots=True)
class DraftTable:
    """A table being assembled; `xs` are its column boundaries (points) for joining across pages."""

    page: int
    bbox: BBox
    n_rows: int
    xs: list[float]
    cells: list[DraftCell]
    last_page: int = 0

    def row_cells(self, row: int) -> list[DraftCell]:
        return sorted((c for c in self.cells if c.covers_row(row)), key=lambda c: c.col)

    def row_texts(self, row: int) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells if c.row == row)


DraftBlock = Line | DraftTable


@dataclass(slots=True)
class _Numbering:
    paragraphs: count[int] = field(default_factory=count)
    tables: count[int] = field(default_factory=count)


def _line_to_paragraph(line: Line, numbering: _Numbering) -> Paragraph:
    return Paragraph(
        text=line.text,
        index=next(numbering.paragraphs),
        page=line.page,
        bbox=line.bbox,
        confidence=line.confidence,
        doubt=line.doubt,
        mark_confidences=line.mark_confidences,
    )


def _freeze_cell(cell: DraftCell, depth: int, numbering: _Numbering) -> Cell:
    blocks = tuple(_freeze(item, depth + 1, numbering) for item in cell.items)
    confidence, doubt = weakest_reading((line.confidence, line.doubt) for line in cell.lines)
    return Cell(
        row=cell.row,
        col=cell.col,
        row_span=cell.row_span,
        col_span=cell.col_span,
        blocks=blocks,
        page=cell.page,
        bbox=cell.bbox,
        confidence=confidence,
        doubt=doubt,
    )


def _freeze_table(table: DraftTable, depth: int, numbering: _Numbering) -> Table:
    index = next(numbering.tables)
    ordered = sorted(table.cells, key=lambda c: (c.row, c.col))
    cells = tuple(_freeze_cell(cell, depth, numbering) for cell in ordered)
    return Table(
        index=index, n_rows=table.n_rows, n_cols=len(table.xs) - 1, cells=cells, page=table.page, depth=depth
    )


def _freeze(item: DraftBlock, depth: int, numbering: _Numbering) -> Block:
    if isinstance(item, Line):
        return _line_to_paragraph(item, numbering)
    return _freeze_table(item, depth, numbering)


def drafts_to_blocks(drafts: list[DraftBlock]) -> tuple[Block, ...]:
    """Given the document's drafts in reading order, return frozen blocks numbered in document order."""
    numbering = _Numbering()
    return tuple(_freeze(item, 0, numbering) for item in drafts)
