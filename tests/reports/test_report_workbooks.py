"""records.xlsx / records.csv / exceptions.xlsx for a known filing, opened with openpyxl cell by cell."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from reports.exceptions_report import write_exceptions_xlsx
from reports.findings import bbox_mm_text, value_text
from reports.model import FilingReport
from reports.records_table import write_records_csv, write_records_xlsx
from schema.catalog import load_field_catalogue
from schema.exceptions import build_exception
from schema.record import Provenance

CLUSTER = "浙江省慈溪市智能家电产业集群"


def header_index(sheet: Worksheet) -> dict[str, int]:
    return {str(cell.value): cell.column for cell in sheet[1]}


def keyed(sheet: Worksheet) -> list[dict[str, object]]:
    """The rows of a sheet keyed by header."""
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip([str(h) for h in rows[0]], row, strict=True)) for row in rows[1:]]


SECTION_SHEETS = ("基本情况", "主导产业", "创新", "数字化", "绿色", "开放", "治理", "目标", "声明")


def submission_values(path: Path) -> dict[str, object]:
    """The first submission of records.xlsx keyed by header: 申报汇总's row and every section sheet's."""
    book = load_workbook(path)
    values = dict(keyed(book["申报汇总"])[0])
    for name in SECTION_SHEETS:
        values.update(keyed(book[name])[0])
    return values


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


def test_records_sheets_have_one_row_per_recorded_filing_and_readable_values(
    tmp_path: Path, known_report: FilingReport
) -> None:
    path = tmp_path / "records.xlsx"
    write_records_xlsx(path, [known_report, quarantined()])
    sheet = load_workbook(path)["申报汇总"]
    assert sheet.max_row == 2  # header + the recorded filing; the quarantined file has no row
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}2"
    values = submission_values(path)

    def at(header: str) -> object:
        return values[header]

    assert at("数据来源") == "浙江/known_application.docx"
    assert at("副本（各自结论）") == "（不合格）"  # a report the batch gave no copy format
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


def test_one_sheet_per_section_with_the_key_columns_first_and_frozen(
    tmp_path: Path, known_report: FilingReport
) -> None:
    path = tmp_path / "records.xlsx"
    write_records_xlsx(path, [known_report])
    book = load_workbook(path)
    catalogue = load_field_catalogue()
    placed: dict[str, str] = {}
    for name in SECTION_SHEETS:
        sheet = book[name]
        headers = [str(cell.value) for cell in sheet[1]]
        assert headers[:5] == ["提交编号", "表单", "集群名称", "所属地区", "状态"], name
        assert sheet.freeze_panes == "F2" and sheet.max_row == 2, name
        assert [sheet.cell(2, c).value for c in (3, 5)] == [CLUSTER, "不合格"]
        placed.update((header, name) for header in headers[5:])
    notes = {row[0]: row for row in book["栏目说明"].iter_rows(min_row=2, values_only=True)}
    assert set(placed) == set(notes)  # every field column on exactly one section sheet
    assert sum(len(spec.year_keys) or 1 for spec in catalogue.fields) == len(notes)
    assert all(notes[header][3] == sheet for header, sheet in placed.items())  # 栏目说明 names the sheet
    assert placed["集群总产值（亿元）2023年"] == "主导产业" and placed["基本情况·集群名称"] == "基本情况"
    assert placed["封面·集群名称"] == "基本情况"
    widest = max(book[name].max_column for name in SECTION_SHEETS)
    assert widest == 5 + 61  # 主导产业 (the single sheet before had all 205 field columns)


def test_column_notes_and_targets_sheets(tmp_path: Path, known_report: FilingReport) -> None:
    path = tmp_path / "records.xlsx"
    write_records_xlsx(path, [known_report])
    book = load_workbook(path)
    assert book.sheetnames == ["申报汇总", *SECTION_SHEETS, "文件明细", "规划目标", "栏目说明", "人工更正"]
    notes = {row[0]: row for row in book["栏目说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["集群总产值（亿元）2023年"][1:6] == (
        "industry.total_output",
        "主导产业情况",
        "主导产业",
        "2023",
        "亿元",
    )
    targets = book["规划目标"]
    assert [c.value for c in targets[1]][:7] == [
        "提交编号",
        "文件",
        "集群名称",
        "栏目",
        "方向",
        "指标",
        "指标编号",
    ]


def test_csv_is_one_wide_table_with_the_sheets_values(tmp_path: Path, known_report: FilingReport) -> None:
    write_records_csv(tmp_path / "records.csv", [known_report])
    write_records_xlsx(tmp_path / "records.xlsx", [known_report])
    raw = (tmp_path / "records.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese headers as UTF-8
    with (tmp_path / "records.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2
    from_csv = {header: comparable(value) for header, value in zip(rows[0], rows[1], strict=True)}
    expected = {
        header: comparable(value) for header, value in submission_values(tmp_path / "records.xlsx").items()
    }
    assert from_csv == expected


def test_csv_with_field_id_headers(tmp_path: Path, known_report: FilingReport) -> None:
    write_records_csv(tmp_path / "labels.csv", [known_report])
    write_records_csv(tmp_path / "ids.csv", [known_report], headers="id")
    with (tmp_path / "ids.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    with (tmp_path / "labels.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1] == row  # the same values, only the headers differ
    assert header[:3] == ["submission_id", "form", "cluster_name"]
    assert row[header.index("industry.total_output.2023")] == "52.25"
    assert row[header.index("basic.cluster_name")] == CLUSTER
    assert len(header) == len(set(header))


def test_exception_rows_cell_by_cell(tmp_path: Path, known_report: FilingReport) -> None:
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [known_report, quarantined()])
    book = load_workbook(path)
    assert book.sheetnames == ["异常清单", "佐证材料清单", "提交汇总", "文件汇总", "副本异常"]
    sheet = book["异常清单"]
    headers = [c.value for c in sheet[1]]
    assert headers[:11] == [
        *("提交编号", "文件", "副本", "集群名称", "部分", "栏目", "年度"),
        *("严重程度", "规则", "说明", "原始值"),
    ]
    assert headers[-5:] == ["页码", "位置", "坐标（毫米，自页面左上角）", "异常编号", "规则编号"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{sheet.max_row}"
    rows = keyed(sheet)
    queue = [i for i in known_report.exceptions if i.rule != "evidence_required"]
    assert len(rows) == len(queue) + 1
    assert not [r for r in rows if r["规则编号"] == "evidence_required"]  # the checklist is no queue row
    missing = next(
        r
        for r in rows
        if r["规则编号"] == "required_missing" and r["栏目"] == "集群企业数量" and r["年度"] == "2023"
    )
    assert (missing["文件"], missing["集群名称"], missing["部分"]) == (
        "浙江/known_application.docx",
        CLUSTER,
        "二、主导产业情况",
    )
    assert (missing["严重程度"], missing["规则"]) == ("错误", "必填未填")
    assert "集群企业数量" in str(missing["说明"])
    assert str(missing["位置"]).startswith("表")  # docx provenance: 表/行/列
    assert str(missing["异常编号"]).startswith("F")
    bad = rows[-1]
    assert (bad["文件"], bad["部分"], bad["严重程度"], bad["规则编号"]) == (
        "坏文件/empty.docx",
        "（整份文件）",
        "错误",
        "file_unreadable",
    )
    assert bad["说明"] == "文件无法读取：文件为空 / the file is empty。已移入隔离区，请联系报送单位重新提交。"


def test_checklist_sheet_lists_evidence_items_apart(tmp_path: Path, known_report: FilingReport) -> None:
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [known_report])
    rows = keyed(load_workbook(path)["佐证材料清单"])
    evidence = [i for i in known_report.exceptions if i.rule == "evidence_required"]
    assert len(rows) == len(evidence) > 0
    chain = next(r for r in rows if r["栏目"] == "集群已开展的产业链强链补链工作")
    assert "绘制产业链图谱" in str(chain["需核对的佐证材料"]) and "[" not in str(chain["需核对的佐证材料"])


def test_display_label_names_the_date_lines(tmp_path: Path, known_report: FilingReport) -> None:
    record = known_report.record
    assert record is not None
    item = build_exception(
        "date_invalid",
        field=load_field_catalogue().field("declaration.date"),
        params={"raw": "2025年13月"},
    )
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [FilingReport("a.docx", record, (item,))])
    (row,) = keyed(load_workbook(path)["异常清单"])
    assert row["栏目"] == "真实性声明落款日期" and "真实性声明落款日期" in str(row["说明"])


def test_values_read_as_text_never_json_and_page_boxes_in_millimetres() -> None:
    catalogue = load_field_catalogue()
    chain = catalogue.field("industry.chain_actions")
    assert value_text(chain, ["chain_mapping"]) == "绘制产业链图谱，开展产业链培育"
    platforms = catalogue.field("innovation.national_platforms")
    assert value_text(platforms, {"count": 2, "names": ["甲", "乙"]}) == "2个：甲、乙"
    assert value_text(None, "第一行\n第二行") == "第一行／第二行"
    assert value_text(None, {"a": 1, "b": [2, 3]}) == "a：1；b：2；3"
    box = Provenance(source="pdf", page=3, bbox=(72.0, 144.0, 144.0, 158.2))
    assert bbox_mm_text(box) == "横 25–51，纵 51–56"


def test_severity_colours(tmp_path: Path, known_report: FilingReport) -> None:
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [known_report])
    sheet = load_workbook(path)["异常清单"]
    column = [c.value for c in sheet[1]].index("严重程度")
    colours = {row[column].value: row[column].fill.start_color.rgb for row in sheet.iter_rows(min_row=2)}
    assert colours["错误"] == "FFFFC7CE"
    assert colours.get("警告", "FFFFEB9C") == "FFFFEB9C"
    assert colours.get("提示", "FFDDEBF7") == "FFDDEBF7"
    assert len(set(colours.values())) == len(colours)
    rules = {
        rule.formula[0]: rule.dxf.fill.bgColor.rgb
        for area in sheet.conditional_formatting
        for rule in area.rules
        if str(area.sqref) == f"A2:P{sheet.max_row}"
    }
    assert rules['$H2="错误"'] == "FFFFC7CE"  # whole rows follow their severity
    assert rules['$H2="警告"'] == "FFFFEB9C"
    assert rules['$H2="提示"'] == "FFDDEBF7"


def test_file_and_submission_sheets_count_and_status(tmp_path: Path, known_report: FilingReport) -> None:
    clean = FilingReport("clean.docx", known_report.record, ())
    warned = FilingReport(
        "warned.docx", known_report.record, (build_exception("duplicate_filing", params={"other_file": "x"}),)
    )
    path = tmp_path / "exceptions.xlsx"
    write_exceptions_xlsx(path, [known_report, clean, warned, quarantined()])
    book = load_workbook(path)
    rows = {str(r["文件"]): r for r in keyed(book["文件汇总"])}
    errors = sum(1 for item in known_report.exceptions if item.severity == "error")
    infos = sum(1 for i in known_report.exceptions if i.severity == "info" and i.rule != "evidence_required")
    known = rows["浙江/known_application.docx"]
    assert (known["错误"], known["提示"], known["状态"]) == (errors, infos, "不合格")
    assert [rows["clean.docx"][h] for h in ("错误", "警告", "提示", "状态")] == [0, 0, 0, "通过"]
    assert [rows["warned.docx"][h] for h in ("错误", "警告", "提示", "状态")] == [0, 1, 0, "需复核"]
    bad = rows["坏文件/empty.docx"]
    assert (bad["状态"], bad["已隔离"], bad["隔离原因"]) == ("不合格", "是", "文件为空 / the file is empty")
    assert book["文件汇总"].freeze_panes == "A2" and book["文件汇总"].auto_filter.ref == "A1:L5"
    assert len(keyed(book["提交汇总"])) == 3  # three recorded files, none grouped by the batch


def test_one_submission_row_for_the_copies_of_one_filing(tmp_path: Path, known_report: FilingReport) -> None:
    record = known_report.record
    assert record is not None
    word = FilingReport("a.docx", record, (), submission_id="S1", copy_format="docx")
    pdf_only = build_exception("layout_changed", params={"detail": "勾选符号无法识别"})
    pdf = FilingReport("a.pdf", record, (pdf_only,), submission_id="S1", copy_format="pdf")
    scan = FilingReport("a.tif", record, (), submission_id="S1", copy_format="scan")
    write_records_xlsx(tmp_path / "records.xlsx", [pdf, scan, word])
    write_exceptions_xlsx(tmp_path / "exceptions.xlsx", [pdf, scan, word])
    (row,) = keyed(load_workbook(tmp_path / "records.xlsx")["申报汇总"])
    assert (row["提交编号"], row["数据来源"], row["状态"]) == ("S1", "a.docx", "通过")
    assert row["副本（各自结论）"] == "Word（通过）、PDF（需复核）、扫描件（通过）"
    files = keyed(load_workbook(tmp_path / "records.xlsx")["文件明细"])
    assert [(r["文件"], r["副本"], r["状态"]) for r in files] == [
        ("a.pdf", "PDF", "需复核"),
        ("a.tif", "扫描件", "通过"),
        ("a.docx", "Word", "通过"),
    ]
    book = load_workbook(tmp_path / "exceptions.xlsx")
    assert keyed(book["异常清单"]) == []  # the PDF's own reading doubt is not the submission's
    (kept,) = keyed(book["副本异常"])
    assert (kept["文件"], kept["规则编号"]) == ("a.pdf", "layout_changed")


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
    sheet = load_workbook(path)["基本情况"]
    value = str(sheet.cell(2, header_index(sheet)["基本情况·集群名称"]).value)
    assert value.startswith("甲乙丙丁") and value.endswith("…") and len(value) == 32_767
