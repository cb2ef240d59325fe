"""exceptions.xlsx: one row per finding (异常清单) and one row per filing (文件汇总), colour-coded.

Rows are coloured by severity (错误 red, 警告 yellow, 提示 blue; 文件汇总 by status); both sheets
have a frozen header and an autofilter. 位置 reads the provenance as 表/行/列 (1-based) for .docx
and 页/坐标 for PDFs and scans.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from openpyxl import Workbook
from openpyxl.formatting.rule import Rule
from openpyxl.styles import PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.cells import Cell
from reports.model import FilingReport
from reports.records_table import FORM_ZH
from reports.sheets import write_table
from reports.verdict import SEVERITY_ZH, VERDICT_ZH, severity_counts, verdict
from schema.catalog import FieldCatalogue, FieldSpec, load_field_catalogue
from schema.record import ExceptionItem, FieldEntry, Provenance
from schema.rules_catalog import load_rule_catalogue
from validators.values import location_at

EXCEPTION_HEADERS = ("文件", "集群名称", "部分", "栏目", "年度", "严重程度", "规则", "说明", "原始值", "位置")
SUMMARY_HEADERS = (
    "文件",
    "集群名称",
    "表单",
    "错误",
    "警告",
    "提示",
    "状态",
    "已隔离",
    "沿用已入库结果",
    "隔离原因",
)
SHEET_EXCEPTIONS, SHEET_SUMMARY = "异常清单", "文件汇总"
SEVERITY_COLUMN = EXCEPTION_HEADERS.index("严重程度")
STATUS_COLUMN = SUMMARY_HEADERS.index("状态")
SCOPE_ZH: Mapping[str, str] = MappingProxyType({"document": "（整份文件）", "batch": "（本批次）"})
FILLS: Mapping[str, PatternFill] = MappingProxyType(
    {
        "错误": PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE"),
        "警告": PatternFill(fill_type="solid", start_color="FFFFEB9C", end_color="FFFFEB9C"),
        "提示": PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7"),
        "不合格": PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE"),
        "需复核": PatternFill(fill_type="solid", start_color="FFFFEB9C", end_color="FFFFEB9C"),
        "通过": PatternFill(fill_type="solid", start_color="FFC6EFCE", end_color="FFC6EFCE"),
    }
)


def location_text(location: Provenance | None) -> str:
    """Given a provenance, return where it points: 表3 第5行 第2列 / 段落12 / 第3页 坐标(x0, y0, x1, y1)."""
    if location is None:
        return ""
    parts: list[str] = []
    if location.table is not None:
        parts.append(f"表{location.table + 1} 第{(location.row or 0) + 1}行 第{(location.col or 0) + 1}列")
    elif location.paragraph is not None:
        parts.append(f"段落{location.paragraph + 1}")
    if location.page is not None:
        parts.append(f"第{location.page}页")
    if location.bbox is not None:
        parts.append("坐标(" + ", ".join(f"{v:.0f}" for v in location.bbox) + ")")
    return " ".join(parts)


def value_text(value: object) -> Cell:
    """Given an exception's value, return it as a cell (numbers kept, structures as JSON)."""
    if value is None or isinstance(value, int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _spec(catalogue: FieldCatalogue, field_id: str | None) -> FieldSpec | None:
    ids = {spec.id for spec in catalogue.fields}
    return catalogue.field(field_id) if field_id in ids else None


def section_and_label(
    catalogue: FieldCatalogue, report: FilingReport, item: ExceptionItem
) -> tuple[str, str]:
    """Given a finding, return the 部分 (section title) and 栏目 (field label) it is about."""
    spec = _spec(catalogue, item.field)
    form = report.record.form if report.record else "application"
    if spec is None:
        category = load_rule_catalogue().rule(item.rule).category
        return SCOPE_ZH.get(category, ""), item.field or ""
    return catalogue.section(spec.section).title_for(form), spec.label_for(form)


def field_raw(entry: FieldEntry | None, year: str | None) -> str | None:
    """Given a field entry and a year key, return the verbatim text read there, if kept."""
    if entry is None:
        return None
    return entry.raw.get(year or "") if isinstance(entry.raw, dict) else entry.raw


def raw_and_location(report: FilingReport, item: ExceptionItem) -> tuple[Cell, str]:
    """Given a finding, return the raw text of its field (or its value) and where the field was read."""
    entry = report.record.fields.get(item.field or "") if report.record else None
    raw = field_raw(entry, item.year)
    location = item.location or location_at(entry, item.year)
    return (raw if raw is not None else value_text(item.value)), location_text(location)


def exception_row(catalogue: FieldCatalogue, report: FilingReport, item: ExceptionItem) -> list[Cell]:
    """Given a filing and one of its findings, return its 异常清单 row."""
    section, label = section_and_label(catalogue, report, item)
    raw, location = raw_and_location(report, item)
    severity = SEVERITY_ZH[item.severity]
    return [
        *(report.name, report.cluster_name, section, label, item.year),
        *(severity, item.rule, item.message, raw, location),
    ]


def summary_row(report: FilingReport) -> list[Cell]:
    """Given a filing, return its 文件汇总 row: counts by severity and its status."""
    form = report.record.form if report.record else ""
    counts = severity_counts(report.exceptions)
    flags = ["是" if report.quarantined else "否", "是" if report.reused else "否"]
    status = VERDICT_ZH[verdict(report.exceptions)]
    head = [report.name, report.cluster_name, FORM_ZH.get(form, "")]
    return [*head, *counts.values(), status, *flags, report.quarantine_reason or ""]


def colour_rows(sheet: Worksheet, column: int) -> None:
    """Given a sheet and the index of its severity/status column, colour that cell and, by conditional
    formatting, the whole row (so the colours follow the rows when an operator sorts or edits)."""
    for row in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
        fill = FILLS.get(str(row[0].value))
        if fill is not None:
            row[0].fill = fill
    letter = get_column_letter(column + 1)
    area = f"A2:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}"
    for label, fill in FILLS.items():
        rule = Rule(type="expression", formula=[f'${letter}2="{label}"'], dxf=DifferentialStyle(fill=fill))
        sheet.conditional_formatting.add(area, rule)


def write_exceptions_xlsx(path: Path, reports: Sequence[FilingReport]) -> None:
    """Given the output path and the run's filings, write exceptions.xlsx."""
    catalogue = load_field_catalogue()
    rows = [exception_row(catalogue, report, item) for report in reports for item in report.exceptions]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_EXCEPTIONS
    write_table(sheet, EXCEPTION_HEADERS, rows)
    colour_rows(sheet, SEVERITY_COLUMN)
    summary = book.create_sheet(SHEET_SUMMARY)
    write_table(summary, SUMMARY_HEADERS, [summary_row(report) for report in reports])
    colour_rows(summary, STATUS_COLUMN)
    book.save(path)
