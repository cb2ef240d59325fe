from __future__ import annotations

import pytest

from extractors.mapping.labels import label_key, split_label, strip_printed, year_of


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("集群总产值（亿元）", "集群总产值"),
        ("集群总产值 (亿元)", "集群总产值"),
        ("集群\n总产值", "集群总产值"),
        ("其中：集群中小企业数量（年度当前值）", "其中集群中小企业数量"),
        ("主导产业相关的国家级专精特新“小巨人”企业数量", "主导产业相关的国家级专精特新小巨人企业数量"),
        ("集群中小企业ＰＣＴ国际专利申请量", "集群中小企业PCT国际专利申请量"),
        ("集群名称：\n\n（XX（省、市）XX（县、区）XX产业））", "集群名称"),
    ],
)
def test_label_key(text: str, key: str) -> None:
    assert label_key(text) == key


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("集群名称：浙江省某产业集群", "集群名称", "浙江省某产业集群"),
        ("集群名称 : 某集群", "集群名称", "某集群"),
        ("集群名称", "集群名称", ""),
        ("集群总产值占所在县级行政区划工业总产值比例", "集群总产值", None),
        ("联系人及联系电话：张三", "联系人", None),
        ("推荐单位（公章）：某某厅", "推荐单位", "某某厅"),
        ("县级行政区划中小企业主管部门负责人（签字）：李四", "县级行政区划中小企业主管部门负责人", "李四"),
        ("县级行政区划中小企业主管部门负责人（字）：李四", "县级行政区划中小企业主管部门负责人", "李四"),
        ("集群 名称（XX（省、市）XX（县、区）XX产业））：某集群", "集群名称", "某集群"),
    ],
)
def test_split_label(text: str, label: str, rest: str | None) -> None:
    assert split_label(text, label_key(label)) == rest


def test_year_of() -> None:
    assert year_of("2023年") == "2023"
    assert year_of(" 2024 年度 ") == "2024"
    assert year_of("2023年目标") is None


def test_strip_printed_keeps_filler_parentheses() -> None:
    assert strip_printed("12 个\n（需提供清单及佐证材料）") == "12 个\n"
    assert strip_printed("某园区（一期）") == "某园区（一期）"
