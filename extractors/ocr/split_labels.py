"""Stage `join_split_labels`: a label row broken over a page end, put back together (scans only).

The PDF stages rejoin a row split by a page break from measured text widths. OCR'd character boxes
are ink boxes, narrower than typed glyph boxes, so a label that wrapped because its next characters
did not fit can look as if they would have (`属于高用水行业的集` + `群，水效水平是否达到行业基准值`).
Labels are known in advance: when the first-column texts of two rows on consecutive pages make a
printed label together and the upper one alone does not, the two rows are one.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.mapping.labels import label_key
from extractors.ocr.snapping import LabelSnapper
from schema.document import Block, Cell, Table


def _label_cell(table: Table, row: int) -> Cell | None:
    return next((c for c in table.cells if c.row == row and c.col == 0 and c.row_span == 1), None)


def _is_label(snapper: LabelSnapper, text: str) -> bool:
    key = label_key(text)
    return key in snapper.labels or snapper.nearest(key) is not None


def splits_label(table: Table, row: int, snapper: LabelSnapper) -> bool:
    """Given a table and a row, return whether its label runs on into the next row's (next page)."""
    upper, lower = _label_cell(table, row), _label_cell(table, row + 1)
    if upper is None or lower is None or upper.page is None or lower.page != upper.page + 1:
        return False
    if not upper.text or not lower.text:
        return False
    return _is_label(snapper, upper.text + lower.text) and not _is_label(snapper, upper.text)


def _overlap(a: Cell, b: Cell) -> bool:
    return a.col < b.col + b.col_span and b.col < a.col + a.col_span


def _shifted(cell: Cell, row: int) -> Cell:
    """A cell of a table whose row `row + 1` is merged into `row`."""
    if cell.row > row + 1:
        return replace(cell, row=cell.row - 1)
    if cell.row <= row < row + 1 < cell.row + cell.row_span:
        return replace(cell, row_span=cell.row_span - 1)
    return cell


def merge_rows(table: Table, row: int) -> Table:
    """Given a table, return it with row `row + 1` merged into `row`: each lower cell's blocks go
    under the upper cell of its column (a lower cell with no upper one moves up as it is)."""
    uppers = [c for c in table.cells if c.row == row]
    lowers = [c for c in table.cells if c.row == row + 1]
    cells: list[Cell] = []
    for cell in table.cells:
        if cell.row == row + 1:
            if not any(_overlap(cell, upper) for upper in uppers):
                cells.append(replace(cell, row=row))
            continue
        extra = [lower for lower in lowers if _overlap(cell, lower)] if cell.row == row else []
        merged = replace(cell, blocks=cell.blocks + tuple(b for lower in extra for b in lower.blocks))
        cells.append(_shifted(merged, row))
    ordered = tuple(sorted(cells, key=lambda c: (c.row, c.col)))
    return replace(table, cells=ordered, n_rows=table.n_rows - 1)


def join_table_labels(table: Table, snapper: LabelSnapper) -> Table:
    """Given a table, return it with every label row split over a page end joined."""
    row = 0
    while row < table.n_rows - 1:
        if splits_label(table, row, snapper):
            table = merge_rows(table, row)
        row += 1
    return table


def join_split_labels(blocks: tuple[Block, ...], snapper: LabelSnapper) -> tuple[Block, ...]:
    """Given a document's blocks, return them with label rows split over a page end joined."""
    return tuple(join_table_labels(b, snapper) if isinstance(b, Table) else b for b in blocks)
