"""exceptions.xlsx: the exception queue, the 佐证材料 checklist, and one row per submission and per file.

Sheets:
- 异常清单: one row per finding an operator works through — each submission's findings (its primary copy's,
  every copy's batch findings, a scan's seals) and each quarantined file's. The rule's Chinese title is shown;
  the finding's stable id and the rule id are the last columns.
- 佐证材料清单: what to look at in the attachments (rule category evidence): never a queue row.
- 提交汇总: one row per submission (Word / PDF / scan copies of one filing) with its verdict.
- 文件汇总: one row per input file with its own verdict.
- 副本异常: findings of secondary copies the submission does not take over (a PDF export's unknown ticks
  when the Word file holds them), kept so that nothing read is lost.
Rows are coloured by severity or status and every sheet has a frozen header and an autofilter.

The sheets are made in one pass over the submissions, one at a time (each copy's record unpacked once),
then over the quarantined files; their rows are spooled (`reports.sheets.TableSpool`) and streamed into a
write-only workbook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from openpyxl.formatting.rule import Rule
from openpyxl.styles import PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.cells import Cell
from reports.columns import FORM_ZH, region_cell
from reports.findings import (
    bbox_mm_text,
    field_spec,
    finding_location,
    place_text,
    raw_text,
    section_and_label,
    value_text,
)
from reports.model import FilingReport, SubmissionReport
from reports.passes import feed
from reports.sheets import Finish, Mark, SpooledBook, TableSpool
from reports.verdict import SEVERITY_ZH, VERDICT_ZH, is_checklist, severity_counts, verdict
from schema.catalog import FieldCatalogue, load_field_catalogue
from schema.record import ExceptionItem
from schema.rules_catalog import load_rule_catalogue

EXCEPTION_HEADERS = (
    "提交编号",
    "文件",
    "副本",
    "集群名称",
    "部分",
    "栏目",
    "年度",
    "严重程度",
    "规则",
    "说明",
    "原始值",
    "页码",
    "位置",
    "坐标（毫米，自页面左上角）",
    "异常编号",
    "规则编号",
)
CHECKLIST_HEADERS = ("提交编号", "文件", "集群名称", "部分", "栏目", "需核对的佐证材料")
SUBMISSION_HEADERS = (
    "提交编号",
    "集群名称",
    "表单",
    "所属地区",
    "副本（各自结论）",
    "错误",
    "警告",
    "提示",
    "佐证材料（项）",
    "状态",
)
FILE_HEADERS = (
    "文件",
    "提交编号",
    "副本",
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
SHEET_EXCEPTIONS, SHEET_CHECKLIST, SHEET_SUBMISSIONS, SHEET_FILES, SHEET_COPIES = (
    "异常清单",
    "佐证材料清单",
    "提交汇总",
    "文件汇总",
    "副本异常",
)
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


def exception_row(catalogue: FieldCatalogue, report: FilingReport, item: ExceptionItem) -> list[Cell]:
    """Given the file a finding was made on and the finding, return its 异常清单 row."""
    form = report.record.form if report.record else "application"
    section, label = section_and_label(catalogue, form, item)
    raw = raw_text(report.record, item)
    shown = raw if raw is not None else value_text(field_spec(catalogue, item.field), item.value)
    location = finding_location(report.record, item)
    rule = load_rule_catalogue().rule(item.rule)
    return [
        *(report.submission_id, report.name, report.copy_label, report.cluster_name),
        *(section, label, item.year, SEVERITY_ZH[item.severity], rule.title, item.message, shown),
        *(location.page if location else None, place_text(location), bbox_mm_text(location)),
        *(item.id, item.rule),
    ]


def submission_rows(catalogue: FieldCatalogue, submission: SubmissionReport) -> list[list[Cell]]:
    """Given a submission, return the 异常清单 rows of its findings (checklist left out)."""
    owners = {id(item): copy for copy in submission.copies for item in copy.exceptions}
    return [
        exception_row(catalogue, owners[id(item)], item)
        for item in submission.exceptions
        if not is_checklist(item)
    ]


def checklist_row(catalogue: FieldCatalogue, report: FilingReport, item: ExceptionItem) -> list[Cell]:
    """Given a filing and one of its 佐证材料 findings, return its checklist row."""
    form = report.record.form if report.record else "application"
    section, label = section_and_label(catalogue, form, item)
    items = value_text(None, item.value)
    return [report.submission_id, report.name, report.cluster_name, section, label, items]


def submission_summary_row(submission: SubmissionReport) -> list[Cell]:
    """Given a submission, return its 提交汇总 row."""
    primary = submission.primary
    form = primary.record.form if primary.record else ""
    counts = severity_counts(submission.exceptions)
    checklist = sum(1 for item in primary.exceptions if is_checklist(item))
    region = region_cell(primary)
    head = [submission.id, primary.cluster_name, FORM_ZH.get(form, ""), region, submission.copies_text]
    return [*head, *counts.values(), checklist, VERDICT_ZH[submission.verdict]]


def file_row(report: FilingReport) -> list[Cell]:
    """Given a filing, return its 文件汇总 row: counts by severity and its own status."""
    form = report.record.form if report.record else ""
    counts = severity_counts(report.exceptions)
    flags = ["是" if report.quarantined else "否", "是" if report.reused else "否"]
    status = VERDICT_ZH[verdict(report.exceptions)]
    head = [report.name, report.submission_id, report.copy_label, report.cluster_name, FORM_ZH.get(form, "")]
    return [*head, *counts.values(), status, *flags, report.quarantine_reason or ""]


def colour_marks(row: Sequence[Cell], column: int) -> list[Mark]:
    """Given a row and the index of its severity/status column, return that cell's fill as a mark."""
    fill = FILLS.get(str(row[column]))
    return [] if fill is None else [Mark(column, fill)]


def colour_rows(column: int) -> Finish:
    """Given the index of a table's severity/status column (whose cells are filled: `colour_marks`),
    return what colours the whole rows of its sheet by conditional formatting (so the colours follow the
    rows when an operator sorts or edits)."""

    def colour(sheet: Worksheet, spool: TableSpool) -> None:
        letter = get_column_letter(column + 1)
        area = f"A2:{get_column_letter(len(spool.headers))}{max(spool.rows + 1, 2)}"
        for label, fill in FILLS.items():
            rule = Rule(
                type="expression", formula=[f'${letter}2="{label}"'], dxf=DifferentialStyle(fill=fill)
            )
            sheet.conditional_formatting.add(area, rule)

    return colour


def copy_rows(catalogue: FieldCatalogue, submission: SubmissionReport) -> list[list[Cell]]:
    """Given a submission, return the rows of its secondary copies' findings it does not take over."""
    taken = {id(item) for item in submission.exceptions}
    return [
        exception_row(catalogue, copy, item)
        for copy in submission.copies[1:]
        for item in copy.exceptions
        if id(item) not in taken and not is_checklist(item)
    ]


def checklist_rows(catalogue: FieldCatalogue, submission: SubmissionReport) -> list[list[Cell]]:
    """Given a submission, return the 佐证材料清单 rows of its primary copy's checklist findings."""
    primary = submission.primary
    return [checklist_row(catalogue, primary, item) for item in primary.exceptions if is_checklist(item)]


class ExceptionTables:
    """The sheets of exceptions.xlsx while their rows are made (`reports.sheets.SpooledBook`): a
    `reports.passes.SubmissionSink`, saved by `save`."""

    SEVERITY = EXCEPTION_HEADERS.index("严重程度")
    SUBMISSION_STATUS = SUBMISSION_HEADERS.index("状态")
    FILE_STATUS = FILE_HEADERS.index("状态")

    def __init__(self, book: SpooledBook) -> None:
        self.catalogue = load_field_catalogue()
        self.book = book
        self.queue = book.table(SHEET_EXCEPTIONS, EXCEPTION_HEADERS, finish=colour_rows(self.SEVERITY))
        self.checklist = book.table(SHEET_CHECKLIST, CHECKLIST_HEADERS)
        status = colour_rows(self.SUBMISSION_STATUS)
        self.submissions = book.table(SHEET_SUBMISSIONS, SUBMISSION_HEADERS, finish=status)
        self.files = book.table(SHEET_FILES, FILE_HEADERS, finish=colour_rows(self.FILE_STATUS))
        self.copies = book.table(SHEET_COPIES, EXCEPTION_HEADERS, finish=colour_rows(self.SEVERITY))

    def add_submission(self, positions: Sequence[int], submission: SubmissionReport) -> None:
        """Given a submission and its copies' positions in the run, add its rows to every sheet."""
        catalogue = self.catalogue
        for row in submission_rows(catalogue, submission):
            self.queue.add(row, colour_marks(row, self.SEVERITY))
        for row in checklist_rows(catalogue, submission):
            self.checklist.add(row)
        summary = submission_summary_row(submission)
        self.submissions.add(summary, colour_marks(summary, self.SUBMISSION_STATUS))
        for position, copy in zip(positions, submission.copies, strict=True):
            self.add_file(copy, position)
        for row in copy_rows(catalogue, submission):
            self.copies.add(row, colour_marks(row, self.SEVERITY))

    def add_quarantined(self, position: int, report: FilingReport) -> None:
        """Given a quarantined file and its position in the run, add its findings and its file row."""
        for item in report.exceptions:
            row = exception_row(self.catalogue, report, item)
            self.queue.add(row, colour_marks(row, self.SEVERITY))
        self.add_file(report, position)

    def save(self, path: Path) -> None:
        """Given the output path, write the workbook there."""
        self.book.save(path)

    def add_file(self, report: FilingReport, position: int) -> None:
        """Given a file and its position in the run, add its 文件汇总 row (the sheet is in run order)."""
        row = file_row(report)
        self.files.add(row, colour_marks(row, self.FILE_STATUS), order=position)


def write_exceptions_xlsx(path: Path, reports: Sequence[FilingReport]) -> None:
    """Given the output path and the run's filings, write exceptions.xlsx: one pass over the submissions
    (the queue is every submission's findings, then every quarantined file's)."""
    with SpooledBook() as book:
        tables = ExceptionTables(book)
        feed(reports, [tables])
        tables.save(path)
