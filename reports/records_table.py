"""records.xlsx / records.csv: one row per recorded filing, one column per field (and year).

records.xlsx has three sheets: 申报数据 (the table), 规划目标 (one row per target-table row) and
栏目说明 (what each column is: field id, section, year, unit, type). records.csv is 申报数据 alone, UTF-8
with a byte-order mark so that Excel opens the Chinese headers correctly.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from openpyxl import Workbook

from reports.cells import Cell, entry_to_cell
from reports.columns import Column, field_columns, short_section_title
from reports.injection import csv_field
from reports.model import FilingReport
from reports.sheets import write_table
from reports.verdict import VERDICT_ZH, severity_counts, verdict
from schema.catalog import FieldCatalogue, load_field_catalogue

FORM_ZH: Mapping[str, str] = MappingProxyType({"application": "申报表", "review": "复核申报表"})
LEAD_HEADERS = ("文件", "表单", "集群名称", "状态", "错误", "警告", "提示")
TARGET_HEADERS = (
    "文件",
    "集群名称",
    "栏目",
    "方向",
    "指标",
    "指标编号",
    "基准值",
    "目标值",
    "完成值",
    "单位",
)
TARGET_KEYS = ("direction", "indicator", "indicator_id", "baseline", "target", "actual", "unit")
COLUMN_HEADERS = ("列名", "栏目编号", "部分", "年度", "单位", "类型", "适用表单")
SHEET_RECORDS, SHEET_TARGETS, SHEET_COLUMNS = "申报数据", "规划目标", "栏目说明"


def lead_cells(report: FilingReport) -> list[Cell]:
    """Given a recorded filing, return its leading cells: file, form, cluster, status, counts."""
    form = report.record.form if report.record else ""
    counts = severity_counts(report.exceptions)
    status = VERDICT_ZH[verdict(report.exceptions)]
    return [report.name, FORM_ZH.get(form, form), report.cluster_name, status, *counts.values()]


def record_row(report: FilingReport, columns: Sequence[Column]) -> list[Cell]:
    """Given a recorded filing and the columns, return its row of the records table."""
    fields = report.record.fields if report.record else {}
    values = [entry_to_cell(c.spec, fields.get(c.spec.id), c.year) for c in columns]
    return [*lead_cells(report), *values]


def records_rows(reports: Sequence[FilingReport], columns: Sequence[Column]) -> list[list[Cell]]:
    """Given the run's filings, return the rows of every recorded one (quarantined files have none)."""
    return [record_row(report, columns) for report in reports if report.record is not None]


def headers_for(columns: Sequence[Column]) -> list[str]:
    """Given the field columns, return the whole header row of the records table."""
    return [*LEAD_HEADERS, *(column.header for column in columns)]


def target_cell(value: object) -> Cell:
    """Given one value of a target row, return its cell (numbers kept, the rest as text)."""
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def target_rows(reports: Sequence[FilingReport], catalogue: FieldCatalogue) -> list[list[Cell]]:
    """Given the run's filings, return one row per row of their target tables."""
    rows: list[list[Cell]] = []
    tables = [spec for spec in catalogue.fields if spec.type == "target_table"]
    for report in (r for r in reports if r.record is not None):
        for spec in tables:
            entry = report.record.fields.get(spec.id) if report.record else None
            value = entry.value if entry is not None and entry.status == "present" else None
            for row in value if isinstance(value, list) else []:
                items = row if isinstance(row, dict) else {}
                cells = [target_cell(items.get(key)) for key in TARGET_KEYS]
                rows.append([report.name, report.cluster_name, spec.label, *cells])
    return rows


def column_rows(columns: Sequence[Column], catalogue: FieldCatalogue) -> list[list[Cell]]:
    """Given the field columns, return the 栏目说明 rows describing each."""
    return [
        [
            column.header,
            column.spec.id,
            short_section_title(catalogue, column.spec),
            column.year,
            column.spec.unit,
            column.spec.type,
            "、".join(FORM_ZH[form] for form in column.spec.forms),
        ]
        for column in columns
    ]


def write_records_xlsx(path: Path, reports: Sequence[FilingReport]) -> None:
    """Given the output path and the run's filings, write records.xlsx (table, targets, column notes)."""
    catalogue = load_field_catalogue()
    columns = field_columns(catalogue)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_RECORDS
    write_table(sheet, headers_for(columns), records_rows(reports, columns), freeze="D2")
    write_table(book.create_sheet(SHEET_TARGETS), TARGET_HEADERS, target_rows(reports, catalogue))
    write_table(book.create_sheet(SHEET_COLUMNS), COLUMN_HEADERS, column_rows(columns, catalogue))
    book.save(path)


def write_records_csv(path: Path, reports: Sequence[FilingReport]) -> None:
    """Given the output path and the run's filings, write records.csv (UTF-8 with BOM)."""
    columns = field_columns(load_field_catalogue())
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(headers_for(columns))
        writer.writerows([csv_field(value) for value in row] for row in records_rows(reports, columns))
