"""Stage `document_to_rows`: the intermediate document flattened to one stream of rows of slots.

A table row becomes a row of slots (a vertically merged cell appears in every row it covers, with one
`uid`); a paragraph outside tables becomes a one-slot row; nested tables follow their parent row.
The label mapper reads only this stream, never backend-specific structures. The prompts a word processor
prints in an empty field (`单击或点击此处输入文字。`) are not in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

from extractors.mapping.labels import label_key
from extractors.mapping.prompts import without_prompts
from schema.document import BOXES, Block, Cell, ExtractedDocument, Paragraph, Table
from schema.record import Provenance


@dataclass(frozen=True, slots=True)
class Slot:
    """One cell of a stream row: its text lines, key, grid position and provenance."""

    uid: int
    lines: tuple[str, ...]
    col: int
    col_span: int
    provenance: Provenance
    cell: Cell | None = None
    soft: frozenset[int] = frozenset()
    """Lines that go on with the line before in the same paragraph: a soft line break (Shift+Enter)."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def key(self) -> str:
        return label_key(self.text)

    @property
    def col_end(self) -> int:
        return self.col + self.col_span

    @property
    def row_span(self) -> int:
        return self.cell.row_span if self.cell else 1


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the stream; `table`/`grid_row` say where it sits (None for body paragraphs)."""

    index: int
    slots: tuple[Slot, ...]
    table: int | None = None
    grid_row: int | None = None

    @property
    def is_paragraph(self) -> bool:
        return self.table is None


class _RowBuilder:
    def __init__(self, document: ExtractedDocument) -> None:
        self._document = document
        self._uids = count()
        self._cell_uids: dict[int, int] = {}
        self.rows: list[Row] = []

    def add_blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self._add_paragraph(block)
            else:
                self._add_table(block)

    def _add_paragraph(self, paragraph: Paragraph) -> None:
        provenance = Provenance(
            source=self._document.kind,
            paragraph=paragraph.index,
            page=paragraph.page,
            bbox=paragraph.bbox.as_tuple() if paragraph.bbox else None,
            confidence=paragraph.confidence,
            doubt=paragraph.doubt,
            read_as=paragraph.read_as,
            converted_from=self._document.converted_from,
        )
        lines = tuple(without_prompts(paragraph.text).split("\n"))
        slot = Slot(
            uid=next(self._uids), lines=lines, col=0, col_span=1, provenance=provenance, soft=_soft(lines)
        )
        self.rows.append(Row(index=len(self.rows), slots=(slot,)))

    def _add_table(self, table: Table) -> None:
        for grid_row in range(table.n_rows):
            cells = table.row_cells(grid_row)
            slots = tuple(self._slot(table, cell) for cell in cells)
            self.rows.append(Row(index=len(self.rows), slots=slots, table=table.index, grid_row=grid_row))
            for cell in cells:
                if cell.row == grid_row:
                    self._add_nested(cell)

    def _add_nested(self, cell: Cell) -> None:
        for nested in cell.nested_tables:
            if not is_option_table(nested):
                self._add_table(nested)

    def _mark_doubts(self, cell: Cell) -> tuple[bool, ...] | None:
        """Whether each box of a scanned cell was read below the threshold (None: not a scan, no boxes,
        or a box without a confidence)."""
        scan, confidences = self._document.scan, cell.mark_confidences
        if scan is None or not confidences or any(c is None for c in confidences):
            return None
        return tuple((c or 0.0) < scan.confidence_threshold for c in confidences)

    def _slot(self, table: Table, cell: Cell) -> Slot:
        uid = self._cell_uids.setdefault(id(cell), next(self._uids))
        provenance = Provenance(
            source=self._document.kind,
            table=table.index,
            row=cell.row,
            col=cell.col,
            page=cell.page if cell.page is not None else table.page,
            bbox=cell.bbox.as_tuple() if cell.bbox else None,
            confidence=cell.confidence,
            doubt=cell.doubt,
            read_as=cell.read_as,
            converted_from=self._document.converted_from,
            mark_doubts=self._mark_doubts(cell),
        )
        lines, soft = cell_lines_and_breaks(cell)
        return Slot(
            uid=uid,
            lines=lines,
            col=cell.col,
            col_span=cell.col_span,
            provenance=provenance,
            cell=cell,
            soft=soft,
        )


def is_option_table(table: Table) -> bool:
    """Given a nested table, return whether it only lays out checkbox options (no target-table header)."""
    text = "".join(p.text for c in table.cells for p in c.paragraphs)
    return any(ch in BOXES for ch in text) and "指标" not in text


def _soft(lines: tuple[str, ...]) -> frozenset[int]:
    return frozenset(range(1, len(lines)))


def cell_lines(cell: Cell) -> tuple[str, ...]:
    """Given a cell, return its text lines in order, option tables inside it flattened in place."""
    return cell_lines_and_breaks(cell)[0]


def cell_lines_and_breaks(cell: Cell) -> tuple[tuple[str, ...], frozenset[int]]:
    """Given a cell, return its text lines in order (option tables inside it flattened in place) and
    the lines that go on with the line before in the same paragraph (after a soft line break)."""
    lines: list[str] = []
    soft: set[int] = set()
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            parts = block.text.split("\n")
            soft.update(range(len(lines) + 1, len(lines) + len(parts)))
            lines.extend(parts)
        elif is_option_table(block):
            lines.extend(_option_table_lines(block))
    text = "\n".join(lines)
    bare = without_prompts(text)
    if bare == text:
        return tuple(lines), frozenset(soft)
    kept = tuple(bare.split("\n"))
    return kept, frozenset(soft) if len(kept) == len(lines) else frozenset()


def cell_line_paragraphs(cell: Cell) -> tuple[Paragraph | None, ...]:
    """Given a cell, return for each of its lines (as `cell_lines` cuts them before prompts are taken out)
    the paragraph it belongs to (None: a line of an option table flattened into the cell)."""
    found: list[Paragraph | None] = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            found.extend([block] * len(block.text.split("\n")))
        elif is_option_table(block):
            found.extend([None] * len(_option_table_lines(block)))
    return tuple(found)


def _option_table_lines(table: Table) -> list[str]:
    return [line for r in range(table.n_rows) for c in table.starting_cells(r) for line in cell_lines(c)]


def document_to_rows(document: ExtractedDocument) -> tuple[Row, ...]:
    """Given an extracted document, return its rows in reading order."""
    builder = _RowBuilder(document)
    builder.add_blocks(document.blocks)
    return tuple(builder.rows)


def iter_slots(rows: tuple[Row, ...], start: int = 0, stop: int | None = None) -> Iterator[tuple[Row, Slot]]:
    """Yield (row, slot) pairs of rows[start:stop], each merged cell once."""
    seen: set[int] = set()
    for row in rows[start:stop]:
        for slot in row.slots:
            if slot.uid not in seen:
                seen.add(slot.uid)
                yield row, slot
