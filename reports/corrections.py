"""Operators' corrections in the tables: marked where they stand, the machine reading kept beside them.

A record exported by the review station carries, on each corrected field, `corrections` keyed by year (the
machine value it replaced, who corrected it and when; `schema.record.CorrectionNote`). In records.xlsx a
corrected cell of a section sheet (基本情况, 主导产业 …) is filled and commented with the machine reading,
and the sheet 人工更正 lists every correction; records.csv names them in the column 人工更正.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.styles import PatternFill
from pydantic import JsonValue

from reports.cells import Cell
from reports.columns import Column
from reports.findings import value_text
from reports.model import SubmissionReport
from reports.sheets import Mark
from schema.catalog import load_field_catalogue
from schema.record import Record, stored_at

CORRECTED_FILL = PatternFill(fill_type="solid", start_color="FFE0F2F1", end_color="FFE0F2F1")
CORRECTION_HEADERS = ("提交编号", "集群名称", "栏目", "年度", "机器读取", "人工更正为", "更正人", "更正时间")


@dataclass(frozen=True, slots=True)
class CorrectedCell:
    """One corrected cell of a record: field, year, the machine value, the corrected value, who, when."""

    field: str
    year: str | None
    machine: JsonValue
    value: JsonValue
    by: str
    at: str


def corrected_cells(record: Record | None) -> list[CorrectedCell]:
    """Given a record, return its corrected cells in field order."""
    cells: list[CorrectedCell] = []
    for field_id, entry in record.fields.items() if record else ():
        for year, note in (entry.corrections or {}).items():
            value = stored_at(entry, year or None)
            cells.append(CorrectedCell(field_id, year or None, note.machine_value, value, note.by, note.at))
    return cells


def _shown(field_id: str, value: JsonValue) -> Cell:
    spec = load_field_catalogue().by_id().get(field_id)
    return value_text(spec, value) if value is not None else "（空）"


def corrections_text(record: Record | None) -> str:
    """Given a record, return its corrections in one line: 栏目 年度：机器读取 → 更正值；…"""
    specs = load_field_catalogue().by_id()
    parts = [
        f"{specs[c.field].label if c.field in specs else c.field}{' ' + c.year if c.year else ''}："
        f"{_shown(c.field, c.machine)} → {_shown(c.field, c.value)}"
        for c in corrected_cells(record)
    ]
    return "；".join(parts)


def correction_rows(submission: SubmissionReport) -> list[list[Cell]]:
    """Given a submission, return one 人工更正 row per corrected cell of its primary record."""
    specs = load_field_catalogue().by_id()
    primary = submission.primary
    rows: list[list[Cell]] = []
    for cell in corrected_cells(primary.record):
        label = specs[cell.field].label if cell.field in specs else cell.field
        rows.append(
            [
                *(submission.id, primary.cluster_name, label, cell.year),
                *(_shown(cell.field, cell.machine), _shown(cell.field, cell.value), cell.by, cell.at),
            ]
        )
    return rows


def corrected_marks(cells: Sequence[CorrectedCell], columns: Sequence[Column], lead: int) -> list[Mark]:
    """Given a record's corrected cells and a sheet's field columns (`lead` columns before them), return
    the marks of the corrected cells shown there: filled, commented with the machine reading replaced."""
    if not cells:
        return []
    where = {(column.spec.id, column.year): lead + index for index, column in enumerate(columns)}
    marks = []
    for cell in cells:
        column = where.get((cell.field, cell.year))
        if column is not None:
            text = f"人工更正（{cell.by}，{cell.at[:16]}）\n机器读取：{_shown(cell.field, cell.machine)}"
            marks.append(Mark(column, CORRECTED_FILL, text))
    return marks
