"""records.xlsx / records.csv / exceptions.xlsx for a known filing, opened with openpyxl cell by cell."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from reports.exceptions_report import write_exceptions_xlsx
from reports.model import FilingReport
from reports.records_table import write_records_csv, write_records_xlsx
from schema.exceptions import build_exception

CLUSTER = "浙江省慈溪市智能家电产业集群"


def header_index(sheet: Worksheet) -> dict[str, int]:
    return {str(cell.value): cell.column for cell in sheet[1]}


def comparable(value: object) -> object:
    """A CSV text and a sheet value compare equal when they are the same number or the same text."""
    text = "" if value is None else str(value)
    try:
        return float(text)
    except ValueError:
        return text


def quarantined() -> FilingReport:
    reason = "文件为空 / the file is empty"
    item = build_exception("file_unreadable", params={"reason": reason})
    return FilingReport("坏文件/empty.docx", None, (item,), reason)


def test_records_sheet_has_one_row_per_recorded_filing_and_readable_values(
    tmp_path: Path, known_report: FilingReport
) -> None:
    path = tmp_path / "records.xlsx"
    write_records_xlsx(path, [known_report, quarantined()])
    sheet = load_workbook(path)["申报数据"]
    col = header_index(sheet)
    assert sheet.max_row == 2  # header + the recorded filing; the quarantined file has no row
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}2"

    def at(header: str) -> object:
        return sheet.cell(2, col[header]).value

    assert at("文件") == "浙江/known_application.docx"
    assert at("表单") == "申报表"
    assert at("集群名称") == CLUSTER
    assert at("基本情况·集群名称") == CLUSTER
    assert at("集群总产值（亿元）2022年") == 45.5
    assert at("集群总产值（亿元）2023年") == 52.25
    assert at("集群总产值（亿元）2024年") == 60
    assert at("集群占地面积（平方公里）") == 12.5
    assert at("主导产业所属产业类型") == "第二产业"
    assert at("集群已开展的产业链强链补链工作") == (
        "绘制产业链图谱，开展产业链培育；开展供应链风险评估工作，建立供应链风险防范机制"
    )
    assert at("国家制造业创新中心或国家级创新平台名称及数量") == "2个：甲平台、乙平台"
    assert at("集群内产业联盟组织情况") == "无"
    assert at("申报时间") == "2025-04-10"
    assert at("状态") == "不合格"  # the filing leaves most items blank: required_missing errors
    errors = sum(1 for item in known_report.exceptions if item.severity == "error")
    assert at("错误") == errors > 0


def test_column_notes_and_targets_sheets(tmp_path: Path, known_report: FilingReport) -> None:
    path = tmp_path / "records.xlsx"
    write_records_xlsx(path, [known_report])
    book = load_workbook(path)
    assert book.sheetnames == ["申报数据", "规划目标", "栏目说明"]
    notes = {row[0]: row for row in book["栏目说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["集群总产值（亿元）2023年"][1:5] == ("industry.total_output", "主导产业情况", "2023", "亿元")
    targets = book["规划目标"]
    assert [c.value for c in targets[1]][:6] == ["文件", "集群名称", "栏目", "方向", "指标", "指标编号"]


def test_csv_has_the_same_table_as_the_sheet(tmp_path: Path, known_report: FilingReport) -> None:
    write_records_csv(tmp_path / "records.csv", [known_report])
    write_records_xlsx(tmp_path / "records.xlsx", [known_report])
    raw = (tmp_path / "records.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese headers as UTF-8
    with (tmp_path / "records.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    sheet = load_workbook(tmp_path / "records.xlsx")["申报数据"]
    expected = [[comparable(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert [[comparable(v) for v in row] for row in rows] == expected


def test_exception_rows_cell_by_cell(tmp_path: Path, known_report: FilingReport) -> None:
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [known_report, quarantined()])
    book = load_workbook(path)
    assert book.sheetnames == ["异常清单", "文件汇总"]
    sheet = book["异常清单"]
    assert [c.value for c in sheet[1]] == [
        "文件",
        "集群名称",
        "部分",
        "栏目",
        "年度",
        "严重程度",
        "规则",
        "说明",
        "原始值",
        "位置",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{sheet.max_row}"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(known_report.exceptions) + 1
    missing = next(
        r for r in rows if r[6] == "required_missing" and r[3] == "集群企业数量" and r[4] == "2023"
    )
    assert missing[:3] == ("浙江/known_application.docx", CLUSTER, "二、主导产业情况")
    assert missing[5] == "错误"
    assert missing[7].startswith("2023年“集群企业数量”") or "集群企业数量" in missing[7]
    assert missing[9].startswith("表")  # docx provenance: 表/行/列
    bad = rows[-1]
    assert bad[:7] == ("坏文件/empty.docx", None, "（整份文件）", None, None, "错误", "file_unreadable")
    assert bad[7] == "文件无法读取：文件为空 / the file is empty。已移入隔离区，请联系报送单位重新提交。"


def test_severity_colours(tmp_path: Path, known_report: FilingReport) -> None:
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [known_report])
    sheet = load_workbook(path)["异常清单"]
    colours = {row[5].value: row[5].fill.start_color.rgb for row in sheet.iter_rows(min_row=2)}
    assert colours["错误"] == "FFFFC7CE"
    assert colours.get("警告", "FFFFEB9C") == "FFFFEB9C"
    assert colours.get("提示", "FFDDEBF7") == "FFDDEBF7"
    assert len(set(colours.values())) == len(colours)
    rules = {
        rule.formula[0]: rule.dxf.fill.bgColor.rgb
        for area in sheet.conditional_formatting
        for rule in area.rules
        if str(area.sqref) == f"A2:J{sheet.max_row}"
    }
    assert rules['$F2="错误"'] == "FFFFC7CE"  # whole rows follow their severity
    assert rules['$F2="警告"'] == "FFFFEB9C"
    assert rules['$F2="提示"'] == "FFDDEBF7"


def test_summary_sheet_counts_and_status(tmp_path: Path, known_report: FilingReport) -> None:
    clean = FilingReport("clean.docx", known_report.record, ())
    warned = FilingReport(
        "warned.docx", known_report.record, (build_exception("duplicate_filing", params={"other_file": "x"}),)
    )
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [known_report, clean, warned, quarantined()])
    sheet = load_workbook(path)["文件汇总"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    errors = sum(1 for item in known_report.exceptions if item.severity == "error")
    assert rows["浙江/known_application.docx"][3] == errors
    assert rows["浙江/known_application.docx"][6] == "不合格"
    assert rows["clean.docx"][3:7] == (0, 0, 0, "通过")
    assert rows["warned.docx"][3:7] == (0, 1, 0, "需复核")
    assert rows["坏文件/empty.docx"][6:8] == ("不合格", "是")
    assert rows["坏文件/empty.docx"][9] == "文件为空 / the file is empty"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J5"


def test_control_characters_and_overlong_text_are_made_storable(
    tmp_path: Path, known_report: FilingReport
) -> None:
    record = known_report.record
    assert record is not None
    entry = record.fields["basic.cluster_name"].model_copy(update={"value": "甲\x0b乙\x0c丙" + "丁" * 40_000})
    odd = FilingReport(
        "odd.docx", record.model_copy(update={"fields": {**record.fields, "basic.cluster_name": entry}}), ()
    )
    path = tmp_path / "records.xlsx"
    write_records_xlsx(path, [odd])
    sheet = load_workbook(path)["申报数据"]
    value = str(sheet.cell(2, header_index(sheet)["基本情况·集群名称"]).value)
    assert value.startswith("甲乙丙丁") and value.endswith("…") and len(value) == 32_767
