"""Bordered tables built row by row, with explicit gridSpan / vMerge cells."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.shared import Cm
from docx.table import Table, _Cell

from sample_docs.builder.styles import Container, write_paragraphs

CellWriter = Callable[[_Cell], None]
VMerge = Literal["restart", "continue"] | None
BORDER_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


@dataclass(frozen=True)
class CellSpec:
    """One cell of a row: how many grid columns it spans, its vertical merge and its content."""

    paras: tuple[str, ...] = ()
    span: int = 1
    vmerge: VMerge = None
    writer: CellWriter | None = None
    bold: bool = False
    center: bool = False


def _set_borders(table: Table, visible: bool) -> None:
    """Given a table, give it single-line borders (or none) on every edge."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in BORDER_EDGES:
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if visible else "nil")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def new_table(container: Container, widths_cm: Sequence[float], *, borders: bool = True) -> Table:
    """Given a document or cell and column widths, append an empty table with that grid."""
    table = container.add_table(rows=0, cols=len(widths_cm))
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        grid_col.w = Cm(width)
    _set_borders(table, borders)
    return table


def _new_tc(width_twips: int, spec: CellSpec) -> CT_Tc:
    """Given a width and a cell spec, return a w:tc element with its tcPr and one paragraph."""
    tc = cast(CT_Tc, OxmlElement("w:tc"))
    tc_pr = OxmlElement("w:tcPr")
    width = OxmlElement("w:tcW")
    width.set(qn("w:w"), str(width_twips))
    width.set(qn("w:type"), "dxa")
    tc_pr.append(width)
    if spec.span > 1:
        grid_span = OxmlElement("w:gridSpan")
        grid_span.set(qn("w:val"), str(spec.span))
        tc_pr.append(grid_span)
    if spec.vmerge is not None:
        merge = OxmlElement("w:vMerge")
        if spec.vmerge == "restart":
            merge.set(qn("w:val"), "restart")
        tc_pr.append(merge)
    tc.append(tc_pr)
    tc.append(OxmlElement("w:p"))
    return tc


def _grid_twips(table: Table) -> list[int]:
    """Given a table, return its grid column widths in twips."""
    return [int(col.w.twips) if col.w is not None else 1000 for col in table._tbl.tblGrid.gridCol_lst]


def add_row(table: Table, cells: Sequence[CellSpec]) -> None:
    """Given a table and cell specs covering its grid, append one row and fill its cells."""
    grid = _grid_twips(table)
    if sum(spec.span for spec in cells) != len(grid):
        raise ValueError(f"row spans {sum(s.span for s in cells)} columns, grid has {len(grid)}")
    tr = OxmlElement("w:tr")
    table._tbl.append(tr)
    offset = 0
    for spec in cells:
        tc = _new_tc(sum(grid[offset : offset + spec.span]), spec)
        offset += spec.span
        tr.append(tc)
        _fill(_Cell(tc, table), spec)


def _fill(cell: _Cell, spec: CellSpec) -> None:
    """Given a new cell and its spec, write its paragraphs and run its writer."""
    if spec.vmerge == "continue":
        return
    write_paragraphs(cell, spec.paras, bold=spec.bold, center=spec.center)
    if spec.writer is not None:
        spec.writer(cell)
