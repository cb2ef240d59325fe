"""records.xlsx / records.csv: one row per submission, its values one column per field (and year).

A submission is the Word / PDF / scan copies of one filing; its row holds its primary copy's values (an
electronic copy's, when there is one) and says which copies were seen, with each one's own verdict.
records.xlsx is laid out for a person: 申报汇总 (one row per submission: state, counts, copies, source,
corrections), then one sheet per part of the form — 基本情况, 主导产业, 创新, 数字化, 绿色, 开放, 治理, 目标,
声明 (`reports.section_sheets`: the submission's key columns first and frozen, corrected cells marked) —
then 文件明细 (one row per recorded file, every column), 规划目标 (one row per target-table row), 栏目说明
(what each column is: field id, section, sheet, year, unit, type) and 人工更正 (the review station's
corrections, `reports.corrections`). records.csv keeps one wide table (申报汇总's columns, then every field
column), UTF-8 with a byte-order mark so that Excel opens the Chinese headers correctly; its headers are
the Chinese ones, or field ids (`industry.total_output.2023`) for scripts.

Both are written in one pass over the submissions, one at a time (each copy's record unpacked once):
records.csv row by row, records.xlsx's rows spooled per sheet (`reports.sheets.TableSpool`) and then
streamed into a write-only workbook.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, TextIO

from reports.cells import Cell
from reports.columns import FORM_ZH, Column, field_cells, field_columns, region_cell, short_section_title
from reports.corrections import CORRECTION_HEADERS, correction_rows, corrections_text
from reports.injection import csv_field
from reports.model import FilingReport, SubmissionReport
from reports.passes import feed
from reports.section_sheets import add_section_rows, section_spools, sheet_of
from reports.sheets import SpooledBook
from reports.verdict import VERDICT_ZH, severity_counts, verdict
from schema.catalog import FieldCatalogue, FieldSpec, load_field_catalogue

SUBMISSION_LEAD = (
    "提交编号",
    "表单",
    "集群名称",
    "所属地区",
    "状态",
    "错误",
    "警告",
    "提示",
    "副本（各自结论）",
    "数据来源",
    "人工更正",
)
FILE_LEAD = ("文件", "提交编号", "副本", "表单", "集群名称", "状态", "错误", "警告", "提示")
TARGET_HEADERS = (
    "提交编号",
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
ID_LEAD = (
    "submission_id",
    "form",
    "cluster_name",
    "region",
    "status",
    "errors",
    "warnings",
    "infos",
    "copies",
    "source",
    "corrections",
)
"""SUBMISSION_LEAD for records.csv with field-id headers (same order)."""
COLUMN_HEADERS = ("列名", "栏目编号", "部分", "工作表", "年度", "单位", "类型", "适用表单")
SHEET_SUMMARY, SHEET_FILES, SHEET_TARGETS, SHEET_COLUMNS = "申报汇总", "文件明细", "规划目标", "栏目说明"
SHEET_CORRECTIONS = "人工更正"
CsvHeaders = Literal["label", "id"]
CSV_HEADERS: tuple[CsvHeaders, ...] = ("label", "id")


def submission_lead(submission: SubmissionReport) -> list[Cell]:
    """Given a submission, return its 申报汇总 row: id, form, name, region, state, counts, copies, source,
    corrections."""
    primary = submission.primary
    form = primary.record.form if primary.record else ""
    counts = list(severity_counts(submission.exceptions).values())
    return [
        *(submission.id, FORM_ZH.get(form, form), primary.cluster_name, region_cell(primary)),
        VERDICT_ZH[submission.verdict],
        *counts,
        *(submission.copies_text, primary.name, corrections_text(primary.record)),
    ]


def submission_row(submission: SubmissionReport, columns: Sequence[Column]) -> list[Cell]:
    """Given a submission and the columns, return its records.csv row (its primary copy's values)."""
    return [*submission_lead(submission), *field_cells(submission.primary, columns)]


def file_row(report: FilingReport, columns: Sequence[Column]) -> list[Cell]:
    """Given a recorded file and the columns, return its 文件明细 row (its own values and verdict)."""
    form = report.record.form if report.record else ""
    counts = severity_counts(report.exceptions)
    status = VERDICT_ZH[verdict(report.exceptions)]
    lead = [
        report.name,
        report.submission_id,
        report.copy_label,
        FORM_ZH.get(form, form),
        report.cluster_name,
    ]
    return [*lead, status, *counts.values(), *field_cells(report, columns)]


def headers_for(lead: Sequence[str], columns: Sequence[Column]) -> list[str]:
    """Given the leading headers and the field columns, return the whole header row."""
    return [*lead, *(column.header for column in columns)]


def target_cell(value: object) -> Cell:
    """Given one value of a target row, return its cell (numbers kept, the rest as text)."""
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def target_tables(catalogue: FieldCatalogue) -> list[FieldSpec]:
    """Given the catalogue, return its target-table fields."""
    return [spec for spec in catalogue.fields if spec.type == "target_table"]


def target_rows(report: FilingReport, tables: Sequence[FieldSpec]) -> list[list[Cell]]:
    """Given a submission's primary copy and the target-table fields, return one row per row of its
    target tables."""
    rows: list[list[Cell]] = []
    for spec in tables:
        entry = report.record.fields.get(spec.id) if report.record else None
        value = entry.value if entry is not None and entry.status == "present" else None
        for row in value if isinstance(value, list) else []:
            items = row if isinstance(row, dict) else {}
            cells = [target_cell(items.get(key)) for key in TARGET_KEYS]
            rows.append([report.submission_id, report.name, report.cluster_name, spec.label, *cells])
    return rows


def column_rows(columns: Sequence[Column], catalogue: FieldCatalogue) -> list[list[Cell]]:
    """Given the field columns, return the 栏目说明 rows describing each (with the sheet it is on)."""
    sheets = sheet_of(columns)
    return [
        [
            *(column.header, column.spec.id, short_section_title(catalogue, column.spec)),
            *(sheets[column.spec.id], column.year, column.spec.unit, column.spec.type),
            "、".join(FORM_ZH[form] for form in column.spec.forms),
        ]
        for column in columns
    ]


class RecordsWorkbook:
    """records.xlsx while its rows are made: a `reports.passes.SubmissionSink`, saved by `save`."""

    def __init__(self, book: SpooledBook) -> None:
        catalogue = load_field_catalogue()
        self.catalogue = catalogue
        self.columns = field_columns(catalogue)
        self.tables = target_tables(catalogue)
        self.book = book
        self.summary = book.table(SHEET_SUMMARY, SUBMISSION_LEAD, freeze="D2")
        self.sections = section_spools(book, self.columns)
        self.files = book.table(SHEET_FILES, headers_for(FILE_LEAD, self.columns), freeze="C2")
        self.targets = book.table(SHEET_TARGETS, TARGET_HEADERS)
        self.notes = book.table(SHEET_COLUMNS, COLUMN_HEADERS)
        self.corrections = book.table(SHEET_CORRECTIONS, CORRECTION_HEADERS)

    def add_submission(self, positions: Sequence[int], submission: SubmissionReport) -> None:
        """Given a submission and its copies' positions in the run, add its rows to every sheet."""
        self.summary.add(submission_lead(submission))
        add_section_rows(self.sections, submission)
        for position, copy in zip(positions, submission.copies, strict=True):
            self.files.add(file_row(copy, self.columns), order=position)
        for row in target_rows(submission.primary, self.tables):
            self.targets.add(row)
        for row in correction_rows(submission):
            self.corrections.add(row)

    def add_quarantined(self, position: int, report: FilingReport) -> None:
        """A quarantined file has no values: records.xlsx does not list it."""

    def save(self, path: Path) -> None:
        """Given the output path, add the column notes and write the workbook there."""
        for row in column_rows(self.columns, self.catalogue):
            self.notes.add(row)
        self.book.save(path)


def write_records_xlsx(path: Path, reports: Sequence[FilingReport]) -> None:
    """Given the output path and the run's filings, write records.xlsx: the summary, a sheet per section,
    the files (in run order), the targets, the column notes and the corrections — one pass over the
    submissions, rows spooled per sheet, then streamed into a write-only workbook."""
    with SpooledBook() as book:
        workbook = RecordsWorkbook(book)
        feed(reports, [workbook])
        workbook.save(path)


def id_headers(columns: Sequence[Column]) -> list[str]:
    """Given the field columns, return records.csv's headers as ids: the lead's, then `field.id.2023`."""
    fields = [f"{c.spec.id}.{c.year}" if c.year else c.spec.id for c in columns]
    return [*ID_LEAD, *fields]


class RecordsCsv:
    """records.csv while its rows are written: a `reports.passes.SubmissionSink` on an open text file."""

    def __init__(self, handle: TextIO, headers: CsvHeaders = "label") -> None:
        self.columns = field_columns(load_field_catalogue())
        self.writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        lead = id_headers(self.columns) if headers == "id" else headers_for(SUBMISSION_LEAD, self.columns)
        self.writer.writerow(lead)

    def add_submission(self, positions: Sequence[int], submission: SubmissionReport) -> None:
        """Given a submission, write its row."""
        self.writer.writerow([csv_field(value) for value in submission_row(submission, self.columns)])

    def add_quarantined(self, position: int, report: FilingReport) -> None:
        """A quarantined file has no values: records.csv does not list it."""


@contextmanager
def records_csv(path: Path, headers: CsvHeaders = "label") -> Iterator[RecordsCsv]:
    """Given the output path and the header kind, yield records.csv's writer on the file (UTF-8 with BOM),
    closed when the block ends."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        yield RecordsCsv(handle, headers)


def write_records_csv(path: Path, reports: Sequence[FilingReport], headers: CsvHeaders = "label") -> None:
    """Given the output path, the run's filings and the header kind (Chinese labels, or field ids for
    scripts), write records.csv (UTF-8 with BOM); every text is formula-safe (`reports.injection`)."""
    with records_csv(path, headers) as writer:
        feed(reports, [writer])
