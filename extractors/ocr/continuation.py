"""Stage `join_split_rows`: a table row broken over a page end, put back together.

When a table ends a page and another starts the next one, and the label of the last row only
becomes a printed label once the first row of the next page is appended (`属于高用水行业的集` +
`群，水效水平是否达到行业基准值`), or the next page's first row has no label but text beside it
(the end of a long value), the two rows are one: the continued cells' paragraphs are
appended to the cells above (same column) and the row is removed from the second table.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.mapping.labels import label_key
from extractors.ocr.snapping import LabelSnapper
from schema.document import Block, Cell, Table


def _first_cell(table: Table, row: int) -> Cell | None:
    cells = [c for c in table.cells if c.row == row and c.col == 0]
    return cells[0] if cells else None


def _is_label(snapper: LabelSnapper, text: str) -> bool:
    key = label_key(text)
    return key in snapper.labels or snapper.nearest(key) is not None


def continues(upper: Table, lower: Table, snapper: LabelSnapper) -> bool:
    """Given the last table of a page and the first of the next, return whether a row was split."""
    if upper.page is None or lower.page != upper.page + 1:
        return False
    head, tail = _first_cell(upper, upper.n_rows - 1), _first_cell(lower, 0)
    if head is None or tail is None or not head.text:
        return False
    if not tail.text:
        return any(c.text for c in lower.cells if c.row == 0)
    joined = head.text + tail.text
    return _is_label(snapper, joined) and not _is_label(snapper, head.text)


def _same_column(upper: Cell, lower: Cell) -> bool:
    """Cells above and below a page break belong together when their columns overlap (or match)."""
    if upper.bbox is None or lower.bbox is None:
        return upper.col == lower.col
    centre = (lower.bbox.x0 + lower.bbox.x1) / 2
    return upper.bbox.x0 <= centre <= upper.bbox.x1


def _merge(upper: Table, lower: Table) -> tuple[Table, Table]:
    last = upper.n_rows - 1
    moved = [c for c in lower.cells if c.row == 0]
    cells = []
    for cell in upper.cells:
        extra = [m for m in moved if _same_column(cell, m)] if cell.row + cell.row_span - 1 == last else []
        blocks = cell.blocks + tuple(b for m in extra for b in m.blocks)
        cells.append(replace(cell, blocks=blocks) if extra else cell)
    rest = tuple(replace(c, row=c.row - 1) for c in lower.cells if c.row > 0)
    return replace(upper, cells=tuple(cells)), replace(lower, cells=rest, n_rows=lower.n_rows - 1)


def join_split_rows(blocks: tuple[Block, ...], snapper: LabelSnapper) -> tuple[Block, ...]:
    """Given a document's blocks, return them with rows split over a page end joined."""
    out = list(blocks)
    for index in range(len(out) - 1):
        upper, lower = out[index], out[index + 1]
        if isinstance(upper, Table) and isinstance(lower, Table) and continues(upper, lower, snapper):
            out[index], out[index + 1] = _merge(upper, lower)
    return tuple(out)
