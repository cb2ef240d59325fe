"""Plan section: narrative fields between headings, and target tables."""

from __future__ import annotations

import pytest
from map_fixtures import document, para, table

from extractors.errors import FormUnrecognizedError
from extractors.mapping.form_id import identify_form
from extractors.mapping.mapper import map_document
from schema.catalog import load_field_catalogue
from schema.document import Cell, Table

CATALOGUE = load_field_catalogue()


def _targets(with_actual: bool = False) -> list[list[str | tuple[str, int, int]]]:
    header = ["方向", "指标", "2024年基准值", "2027年目标值"] + (["2025年完成值"] if with_actual else [])
    extra = [""] if with_actual else []
    return [
        header,
        [("主导产业", 1, 3), "近三年集群产值年均增速", "12.30%", "15%", *extra],
        ["优质中小企业数量", "120", "160", *extra],
        ["......", "", "", *extra],
        ["创新", "规上企业研发机构覆盖率", "40", "≥60%", *extra],
        ["开放合作", "定性描述", "参加进博会", "设立境外分支机构2个", *extra],
        ["治理和服务", "定性描述", "", "", *extra],
    ]


def _plan_cell() -> Cell:
    lines = [
        "（3000字以内）",
        "一、集群基本情况简介",
        "包括集群主导产业在细分领域所处发展水平，行业地位，获得荣誉称号，以及相关政策制定与实施、优质市场主体培育、产业链供应链建设等方面近三年来发展情况。",
        "集群位于某区。",
        "集群产值连续增长。",
        "二、发展成效",
        "成效显著。",
        "三、存在的问题",
        "无",
        "四、未来三年中小企业特色产业集群发展规划",
        "（一）总体思路",
        "坚持创新驱动。",
        "（二）发展目标",
        "1.三年总体目标",
        "2.阶段性目标",
        "（1）2025年度：产值达到60亿元。",
        "（2）2026年度",
        "产值达到66亿元。",
        "（3）2027年度",
        "产值达到73亿元。",
        "（三）重点任务",
        "建设公共服务平台。",
        "（四）保障措施",
        "加强组织领导。",
    ]
    nested = table(_targets(), index=1)
    blocks = (*(para(x) for x in lines[:14]), nested, *(para(x) for x in lines[14:]))
    return Cell(row=0, col=0, blocks=blocks)


def test_plan_texts_between_renumbered_headings() -> None:
    doc = document(
        "八、未来三年中小企业特色产业集群发展规划", Table(index=0, n_rows=1, n_cols=1, cells=(_plan_cell(),))
    )
    fields = map_document(doc, "application", CATALOGUE).fields
    assert fields["plan.overview"].value == "集群位于某区。\n集群产值连续增长。"
    assert fields["plan.problems"].status == "explicit_none"
    assert fields["plan.stage_goal_2025"].value == "产值达到60亿元。"
    assert fields["plan.stage_goal_2026"].value == "产值达到66亿元。"
    assert fields["plan.key_tasks"].value == "建设公共服务平台。"
    assert fields["plan.safeguards"].value == "加强组织领导。"
    rows = fields["plan.three_year_targets"].value
    assert isinstance(rows, list)
    assert rows[0] == {
        "direction": "主导产业",
        "indicator": "近三年集群产值年均增速",
        "indicator_id": "output_cagr",
        "baseline": 12.3,
        "target": 15,
        "unit": "%",
    }
    assert rows[1]["indicator_id"] == "quality_sme_count" and rows[1]["direction"] == "主导产业"  # type: ignore[index]
    assert rows[2] == {
        "direction": "创新",
        "indicator": "规上企业研发机构覆盖率",
        "indicator_id": None,
        "baseline": 40,
        "target": "≥60%",
        "unit": None,
    }
    assert rows[3]["indicator_id"] == "open_cooperation_qualitative"  # type: ignore[index]
    assert len(rows) == 4


def test_form_identified_from_title_or_labels() -> None:
    labels = [f.label for f in CATALOGUE.fields_for("review")][:30]
    assert identify_form(document("中小企业特色产业集群复核申报表", *labels), CATALOGUE) == "review"
    assert (
        identify_form(document(*labels, "是否已被认定为省级中小企业特色产业集群"), CATALOGUE) == "application"
    )
    with pytest.raises(FormUnrecognizedError):
        identify_form(document("关于报送材料的函", "各区经信委："), CATALOGUE)
