"""What the command line prints (cluster_intake.console): findings in order with locations, the rule table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cluster_intake.console import findings_lines, location_text, rules_lines
from cluster_intake.pipeline import extract_record
from reports.widths import text_width
from schema.record import Provenance, Record
from schema.rules_catalog import load_rule_catalogue
from validators.profiles import resolve_profile

ROOT = Path(__file__).resolve().parents[2]
MESSY = ROOT / "sample_docs" / "docx" / "02_application_messy.docx"
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def messy() -> Record:
    return extract_record(MESSY)


def _severities(lines: list[str]) -> list[str]:
    return [line[1:3] for line in lines[1:]]


def test_errors_come_first_then_warnings_then_notes(messy: Record) -> None:
    lines = findings_lines(messy)
    order = _severities(lines)
    assert order == sorted(order, key=["错误", "警告", "提示"].index)
    assert order.count("错误") == 5 and order.count("警告") == 8


def test_severity_filter(messy: Record) -> None:
    assert set(_severities(findings_lines(messy, "error"))) == {"错误"}
    assert set(_severities(findings_lines(messy, "warning"))) == {"错误", "警告"}


def test_each_finding_names_its_item_and_location_in_chinese_only(messy: Record) -> None:
    lines = findings_lines(messy)
    share = next(line for line in lines if "中小企业产值占比不达标" in line)
    assert share.startswith("[错误] 中小企业产值占比不达标｜二、主导产业情况 ")
    assert "2023年｜位置：表2 第4行 第3列｜" in share
    for line in lines:
        assert not ENGLISH_WORD.search(line.replace(MESSY.name, "")), line


def test_summary_counts_and_checklist_apart(messy: Record) -> None:
    lines = findings_lines(messy)
    assert lines[0].startswith(f"{MESSY.name}（申报表）：124 个栏目，已填写 ")
    assert "错误 5 条，警告 8 条" in lines[0] and "结论：不合格" in lines[0]
    assert "佐证材料核对" in lines[0] and not any("[提示] 佐证材料" in line for line in lines)
    listed = findings_lines(messy, checklist=True)
    assert any("[提示] 佐证材料" in line for line in listed)


def test_location_of_a_page_and_of_a_paragraph() -> None:
    assert location_text(Provenance(source="pdf", page=3, table=1, row=4, col=1)) == "第3页 表2 第5行 第2列"
    assert location_text(Provenance(paragraph=11)) == "段落12"
    assert location_text(None) == ""


def test_rule_table_has_a_header_titles_and_the_profiles_thresholds() -> None:
    lines = rules_lines(resolve_profile("shanghai_2024"), "shanghai_2024")
    assert "shanghai_2024" in lines[0] and "上海市" in lines[0]
    assert lines[1].split() == ["规则编号", "规则名称", "严重程度", "类别", "阈值"]
    assert len(lines) == 2 + len(load_rule_catalogue().rules)
    output = next(line for line in lines if line.startswith("criterion_output "))
    assert output.split() == ["criterion_output", "总产值不达标", "错误", "认定标准", "≥30亿元"]
    assert "≥40亿元" in "\n".join(rules_lines(resolve_profile("national_2022"), "national_2022"))
    # columns line up in a terminal: every rule's title starts at the same display column
    assert len({text_width(re.match(r"\S+ +", line).group(0)) for line in lines[1:]}) == 1  # type: ignore[union-attr]
