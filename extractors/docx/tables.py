"""Stage `tbl_to_table`: a w:tbl element to a grid of distinct cells with spans resolved.

Resolves `gridSpan` (horizontal merge), `vMerge` (vertical merge), `gridBefore`/`gridAfter` (rows
that start or end short), cells wrapped in content controls or customXml, and nested tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from extractors.docx.ooxml import Element, local_name, shows_placeholder, w, wattr
from schema.document import Block, Cell, Table

BlocksReader = Callable[[Element, int], list[Block]]


@dataclass(slots=True)
class _DraftCell:
    row: int
    col: int
    col_span: int
    blocks: list[Block]
    row_span: int = 1

    def freeze(self) -> Cell:
        return Cell(
            row=self.row,
            col=self.col,
            row_span=self.row_span,
            col_span=self.col_span,
            blocks=tuple(self.blocks),
        )


@dataclass(slots=True)
class _Grid:
    cells: list[_DraftCell] = field(default_factory=list)
    open_columns: dict[int, _DraftCell] = field(default_factory=dict)
    width: int = 0


def tbl_to_table(tbl: Element, index: int, depth: int, read_blocks: BlocksReader) -> Table:
    """Given a w:tbl, its table index and nesting depth, return the resolved grid.

    `read_blocks(tc, depth)` turns a cell's content into blocks (it recurses into nested tables).
    """
    grid = _Grid()
    rows = list(_iter_children(tbl, "tr"))
    for row_index, tr in enumerate(rows):
        _add_row(grid, tr, row_index, depth, read_blocks)
    grid_cols = len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"))
    cells = tuple(c.freeze() for c in grid.cells)
    return Table(index=index, n_rows=len(rows), n_cols=max(grid.width, grid_cols), cells=cells, depth=depth)


def _iter_children(parent: Element, name: str) -> Iterator[Element]:
    """Yield the parent's `name` children, looking through content controls and customXml wrappers."""
    for child in parent:
        kind = local_name(child)
        if kind == name:
            yield child
        elif kind in ("sdt", "customXml"):
            content = child.find(w("sdtContent")) if kind == "sdt" else child
            if content is not None:
                yield from _iter_children(content, name)


def _in_placeholder(tc: Element) -> bool:
    """Whether a cell is the content of a cell-level content control showing its placeholder."""
    parent = tc.getparent()
    control = parent.getparent() if parent is not None and local_name(parent) == "sdtContent" else None
    return control is not None and shows_placeholder(control)


def _row_property(tr: Element, name: str) -> int:
    value = wattr(tr.find(f"{w('trPr')}/{w(name)}"), "val")
    return int(value) if value and value.isdigit() else 0


def _add_row(grid: _Grid, tr: Element, row: int, depth: int, read_blocks: BlocksReader) -> None:
    col = _row_property(tr, "gridBefore")
    continued: set[int] = set()
    for tc in _iter_children(tr, "tc"):
        properties = tc.find(w("tcPr"))
        span_value = wattr(properties.find(w("gridSpan")) if properties is not None else None, "val")
        span = int(span_value) if span_value and span_value.isdigit() else 1
        merge = properties.find(w("vMerge")) if properties is not None else None
        blocks = [] if _in_placeholder(tc) else read_blocks(tc, depth + 1)
        if merge is not None and wattr(merge, "val") != "restart" and col in grid.open_columns:
            _continue_cell(grid.open_columns[col], blocks)
            continued.add(col)
        else:
            draft = _DraftCell(row=row, col=col, col_span=span, blocks=blocks)
            grid.cells.append(draft)
            grid.open_columns[col] = draft
            continued.add(col)
        col += span
    grid.width = max(grid.width, col + _row_property(tr, "gridAfter"))
    _close_columns(grid, continued)


def _continue_cell(draft: _DraftCell, blocks: list[Block]) -> None:
    draft.row_span += 1
    draft.blocks.extend(b for b in blocks if not _is_blank(b))


def _close_columns(grid: _Grid, touched: set[int]) -> None:
    for col in [c for c in grid.open_columns if c not in touched]:
        del grid.open_columns[col]


def _is_blank(block: Block) -> bool:
    return not isinstance(block, Table) and not block.text.strip()
