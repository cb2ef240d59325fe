"""records.xlsx per section: one sheet per part of the form, each row a submission, its key columns first.

A person reads one part of the form at a time: 基本情况 (cover and 一、基本情况), 主导产业, 创新,
数字化, 绿色, 开放, 治理, 目标 (八、发展规划) and 声明 (九、真实性声明及推荐意见). Every sheet starts
with the submission's key columns (提交编号, 表单, 集群名称, 所属地区, 状态), frozen with the header,
then the section's fields (one column per field and year, the headers of `reports.columns`). A corrected
cell is marked where it stands (`reports.corrections.corrected_marks`). Each sheet's rows are spooled
(`reports.sheets.TableSpool`) as the submissions are read, one submission at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.cells import Cell
from reports.columns import FORM_ZH, Column, field_cells, region_cell
from reports.corrections import corrected_cells, corrected_marks
from reports.model import SubmissionReport
from reports.sheets import SpooledBook, TableSpool
from reports.verdict import VERDICT_ZH

SECTION_SHEETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本情况", ("cover", "basic")),
    ("主导产业", ("industry",)),
    ("创新", ("innovation",)),
    ("数字化", ("digital",)),
    ("绿色", ("green",)),
    ("开放", ("open",)),
    ("治理", ("governance",)),
    ("目标", ("plan",)),
    ("声明", ("declaration",)),
)
KEY_HEADERS = ("提交编号", "表单", "集群名称", "所属地区", "状态")
KEY_FREEZE = "F2"
"""The cell below the header and right of the key columns: both stay in view while scrolling."""


@dataclass(frozen=True, slots=True)
class SectionSheet:
    """One sheet of records.xlsx: its name and the field columns of its sections, printed order."""

    name: str
    columns: tuple[Column, ...]


def section_sheets(columns: Sequence[Column]) -> list[SectionSheet]:
    """Given every field column, return the sheets they go to (every column on exactly one sheet)."""
    sheets = [
        SectionSheet(name, tuple(c for c in columns if c.spec.section in sections))
        for name, sections in SECTION_SHEETS
    ]
    placed = sum(len(sheet.columns) for sheet in sheets)
    if placed != len(columns):
        known = {section for _, sections in SECTION_SHEETS for section in sections}
        stray = sorted({c.spec.section for c in columns} - known)
        raise ValueError(f"sections without a records.xlsx sheet: {stray}")
    return sheets


def sheet_of(columns: Sequence[Column]) -> dict[str, str]:
    """Given every field column, return the sheet each field is shown on, by field id."""
    return {column.spec.id: sheet.name for sheet in section_sheets(columns) for column in sheet.columns}


def key_cells(submission: SubmissionReport) -> list[Cell]:
    """Given a submission, return its key columns: id, form, cluster name, region, verdict."""
    primary = submission.primary
    form = primary.record.form if primary.record else ""
    return [
        *(submission.id, FORM_ZH.get(form, form), primary.cluster_name, region_cell(primary)),
        VERDICT_ZH[submission.verdict],
    ]


def section_spools(book: SpooledBook, columns: Sequence[Column]) -> list[tuple[SectionSheet, TableSpool]]:
    """Given a workbook being made and every field column, add one empty table per section sheet (key
    columns frozen) and return them."""
    return [
        (sheet, book.table(sheet.name, [*KEY_HEADERS, *(c.header for c in sheet.columns)], KEY_FREEZE))
        for sheet in section_sheets(columns)
    ]


def add_section_rows(spools: Sequence[tuple[SectionSheet, TableSpool]], submission: SubmissionReport) -> None:
    """Given the section sheets' tables and a submission, add its row to each (corrected cells marked)."""
    keys = key_cells(submission)
    corrected = corrected_cells(submission.primary.record)
    for sheet, spool in spools:
        marks = corrected_marks(corrected, sheet.columns, len(KEY_HEADERS))
        spool.add([*keys, *field_cells(submission.primary, sheet.columns)], marks)
