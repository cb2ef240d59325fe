"""Whole-mapper tests on tiny documents: layouts filers produce, read by printed labels."""

from __future__ import annotations

from dataclasses import replace

from map_fixtures import CellSpec, document, para, table

from extractors.mapping.coerce import without_year_heading
from extractors.mapping.mapper import map_document
from schema.catalog import load_field_catalogue
from schema.document import Cell, ExtractedDocument, Table
from schema.record import FieldEntry

CATALOGUE = load_field_catalogue()
HEADER = ["年度", "2022年", "2023年", "2024年"]


def _map(doc: ExtractedDocument) -> dict[str, FieldEntry]:
    return map_document(doc, "application", CATALOGUE).fields


def test_year_columns_follow_the_header_even_when_a_row_is_inserted() -> None:
    doc = document(
        "二、主导产业情况",
        table(
            [
                HEADER,
                ["集群总产值（亿元）", "45.10", "50.20", "55.30"],
                ["备注", "", "", ""],
                ["集群主导产业产值增速（%）", "10.00", "11.31", "10.16"],
            ]
        ),
    )
    fields = _map(doc)
    assert fields["industry.total_output"].value == {"2022": 45.1, "2023": 50.2, "2024": 55.3}
    assert fields["industry.leading_output_growth"].value == {"2022": 10.0, "2023": 11.31, "2024": 10.16}


def test_a_year_the_header_lost_is_the_blank_cell_where_it_is_printed() -> None:
    """A seal over `2022年`: its header cell reads blank; a row of two values keeps its years apart."""
    doc = document(
        "二、主导产业情况",
        table(
            [
                ["年度", ("", 2, 1), "2023年", "2024年"],
                ["集群总产值（亿元）", "45.10", "", "", "55.30"],  # a line the seal drew splits 2022
                ["集群主导产业产值增速（%）", ("10.00", 2, 1), "11.31", "10.16"],
            ]
        ),
    )
    fields = _map(doc)
    assert fields["industry.total_output"].value == {"2022": 45.1, "2023": None, "2024": 55.3}
    assert fields["industry.leading_output_growth"].value == {"2022": 10.0, "2023": 11.31, "2024": 10.16}


def test_table_split_across_pages_with_repeated_header() -> None:
    doc = document(
        "二、主导产业情况",
        table([HEADER, ["集群总产值（亿元）", "45", "50", "55"]], index=0),
        table([HEADER, ["集群企业数量（年度当前值）", "120", "130", "1,400"]], index=1),
    )
    fields = _map(doc)
    assert fields["industry.enterprise_count"].value == {"2022": 120, "2023": 130, "2024": 1400}


def test_header_with_merged_label_columns_maps_by_overlap() -> None:
    doc = document(
        "二、主导产业情况",
        table(
            [
                [("年度", 2, 1), "2022年", "2023年", "2024年"],
                [("集群总产值（亿元）", 2, 1), "4５", "50", "55"],
            ]
        ),
    )
    assert _map(doc)["industry.total_output"].value == {"2022": 45, "2023": 50, "2024": 55}


def test_green_rows_pair_year_cells_with_values_and_read_the_formula_note() -> None:
    doc = document(
        "五、绿色化转型情况",
        table(
            [
                [("近三年集群单位产值能耗（吨标准煤/万元）", 1, 4), "2022年", "0.52"],
                ["2023年", "0.50"],
                ["2024年", "无"],
                [("（注：单位产值能耗需提供计算公式）\n能耗总量/工业总产值", 2, 1)],
            ]
        ),
    )
    fields = _map(doc)
    entry = fields["green.energy_intensity"]
    assert entry.value == {"2022": 0.52, "2023": 0.5, "2024": None}
    assert entry.status == {"2022": "present", "2023": "present", "2024": "explicit_none"}
    assert fields["green.energy_intensity_formula"].value == "能耗总量/工业总产值"


def test_value_in_the_row_below_its_label() -> None:
    doc = document("一、基本情况", table([["集群占地面积（平方公里）"], ["12.35"]]))
    assert _map(doc)["basic.area"].value == 12.35


def test_repeated_labels_resolve_by_printed_order() -> None:
    doc = document(
        "一、基本情况",
        table(
            [
                ["县级行政区划中小企业主管部门", ("某区经信委", 3, 1)],
                ["联系人", "张三", "联系方式", "0571-88889999"],
                ["集群运营管理机构", ("某园区管委会", 3, 1)],
                ["联系人", "李四", "联系方式", "13812345678"],
            ]
        ),
    )
    fields = _map(doc)
    assert fields["basic.county_authority_contact"].value == "张三"
    assert fields["basic.operator_contact"].value == "李四"
    assert fields["basic.operator_phone"].value == "13812345678"


def test_cover_as_borderless_table_and_as_paragraphs_give_the_same_values() -> None:
    as_paragraphs = document(
        "集群名称：浙江省余杭区智能装备产业集群",
        "所属地区：浙江省（区、市）杭州市（区）余杭区县（市、区）",
        "联系人及联系电话：王五 13900001111",
        "填报说明",
    )
    as_table = document(
        table(
            [
                ["集群名称：", "浙江省余杭区智能装备产业集群"],
                ["所属地区：", "浙江省（区、市）杭州市（区）余杭区县（市、区）"],
                ["联系人及联系电话：", "王五 13900001111"],
            ]
        ),
        "填报说明",
    )
    for doc in (as_paragraphs, as_table):
        fields = _map(doc)
        assert fields["cover.cluster_name"].value == "浙江省余杭区智能装备产业集群"
        assert fields["cover.region"].value == {"province": "浙江省", "city": "杭州市", "county": "余杭区"}
        assert fields["cover.contact_name"].value == "王五"
        assert fields["cover.contact_phone"].value == "13900001111"


def test_standards_blocks_read_left_to_right_as_years() -> None:
    group = "近三年集群中小企业主持（起草单位排名前三位）或参与制修订标准数量情况（需提供清单）（年度当前值）"
    doc = document(
        "三、创新能力情况",
        table(
            [
                [(group, 1, 5)] + ["类别", "主持数量", "参与数量"] * 3,
                ["国际", "0", "1", "国际", "0", "2", "国际", "1", "2"],
                ["国家", "1", "3", "国家", "2", "3", "国家", "2", "4"],
                ["行业", "2", "2", "行业", "2", "3", "行业", "3", "3"],
                ["团体", "3", "5", "团体", "4", "6", "团体", "无", ""],
            ]
        ),
    )
    fields = _map(doc)
    assert fields["innovation.standards_international_participated"].value == {
        "2022": 1,
        "2023": 2,
        "2024": 2,
    }
    assert fields["innovation.standards_national_led"].value == {"2022": 1, "2023": 2, "2024": 2}
    group_led = fields["innovation.standards_group_led"]
    assert group_led.status == {"2022": "present", "2023": "present", "2024": "explicit_none"}
    assert fields["innovation.standards_group_participated"].status["2024"] == "missing"  # type: ignore[index]


def test_options_laid_out_in_a_borderless_nested_table() -> None:
    options = table([["☑信息服务", "□创业辅导"], ["□创新支持", "■人员培训"]], index=5)
    value = Cell(
        row=0,
        col=1,
        blocks=(para("集群已提供的中小企业公共服务："), options, para("（注：勾选需提供佐证材料）")),
    )
    label = Cell(row=0, col=0, blocks=(para("集群提供中小企业公共服务情况"),))
    doc = document("七、治理和服务水平", Table(index=0, n_rows=1, n_cols=2, cells=(label, value)))
    assert _map(doc)["governance.public_services"].value == ["information", "training"]


def test_declaration_written_as_plain_paragraphs() -> None:
    doc = document(
        "九、真实性声明及推荐意见",
        "真实性声明",
        "县级行政区划中小企业主管部门负责人（签字）：赵六",
        "县级行政区划中小企业主管部门（公章）：",
        "2025年4月10日",
        "省级中小企业主管部门推荐意见",
        "同意推荐。",
        "该集群发展良好。",
        "推荐单位（公章）：某省经济和信息化厅",
        "2025年4月20日",
    )
    fields = _map(doc)
    assert fields["declaration.signer_name"].value == "赵六"
    assert fields["declaration.date"].value == "2025-04-10"
    assert fields["declaration.provincial_opinion"].value == "同意推荐。\n该集群发展良好。"
    assert fields["declaration.recommending_unit"].value == "某省经济和信息化厅"
    assert fields["declaration.recommendation_date"].value == "2025-04-20"


def test_altered_labels_match_fuzzily_and_are_reported() -> None:
    doc = document(
        "五、绿色化转型情况",
        table(
            [
                ["近三年集群单位产值二氧化碳排放量降低率（%）", "6.40"],
                ["近三年集群单位产值能耗降低率（%）", "5.10"],
            ]
        ),
    )
    mapped = map_document(doc, "review", CATALOGUE)
    assert mapped.fields["green.co2_intensity_reduction_rate"].value == 6.4
    assert mapped.fields["green.energy_intensity_reduction_rate"].value == 5.1
    flagged = {e.field for e in mapped.exceptions if e.rule == "layout_changed" and "被改为" in e.message}
    assert flagged == {"green.co2_intensity_reduction_rate"}


def test_a_year_heading_merged_into_a_number_cell_is_not_part_of_the_number() -> None:
    assert without_year_heading("2022年\n154家") == "154家"
    assert without_year_heading("2024年度\n191") == "191"
    assert without_year_heading("154家") == "154家"
    assert without_year_heading("2022年") == "2022年"  # a year alone stays (and is no number)


def test_a_formula_note_whose_cell_runs_onto_the_next_page_reads_the_formula_there() -> None:
    rows: list[list[CellSpec]] = [
        [("近三年集群单位产值能耗（吨标准煤/万元）", 1, 5), "2022年", "0.52"],
        ["2023年", "0.50"],
        ["2024年", "0.48"],
        [("（注：单位产值能耗需提供计算公式）", 2, 1)],
        [("能耗总量/工业总产值", 2, 1)],
    ]
    split = table(rows)
    on_pages = tuple(replace(c, page=10 if c.row == 4 else 9) for c in split.cells)
    fields = _map(document("五、绿色化转型情况", replace(split, cells=on_pages)))
    assert fields["green.energy_intensity_formula"].value == "能耗总量/工业总产值"
    same_page = tuple(replace(c, page=9) for c in split.cells)  # a row of its own: not the note's
    assert (
        _map(document("五、绿色化转型情况", replace(split, cells=same_page)))[
            "green.energy_intensity_formula"
        ].status
        == "missing"
    )


def test_a_misread_label_heading_its_options_in_one_cell_matches_fuzzily() -> None:
    options = (
        "集群已开展的数字化新模式新业态推广工作三\n"  # `工作：` as OCR read it
        "☑建有国家智能制造、工业互联网以及其它国家新模式新业态试点示范项目\n"
        "□建有省级智能制造、工业互联网以及其它国家新模式新业态试点示范项目\n"
        "☑开展了智能制造、工业互联网等新模式新业态创新应用推广"
    )
    doc = document("四、数字化升级情况", table([["数字化新模式新业态推广情况", options]]))
    mapped = map_document(doc, "review", CATALOGUE)
    assert mapped.fields["digital.new_models_actions"].value == ["national_pilots", "application_promotion"]
    altered = [e.message for e in mapped.exceptions if e.field == "digital.new_models_actions"]
    assert any("被改为“集群已开展的数字化新模式新业态推广工作三”" in message for message in altered)


def test_a_standards_header_read_with_a_box_for_a_character_still_heads_its_column() -> None:
    group = "近三年集群中小企业主持（起草单位排名前三位）或参与制修订标准数量情况（需提供清单）（年度当前值）"
    header = ["类别", "主持数量", "参与数量", "类别", "主持数量", "参与数量", "类别", "主持数量", "☑与数量"]
    doc = document(
        "三、创新能力情况",
        table(
            [
                [(group, 1, 5), *header],
                ["国际", "0", "1", "国际", "0", "2", "国际", "1", "2"],
                ["国家", "1", "3", "国家", "2", "3", "国家", "2", "4"],
                ["行业", "2", "2", "行业", "2", "3", "行业", "3", "3"],
                ["团体", "3", "5", "团体", "4", "6", "团体", "4", "7"],
            ]
        ),
    )
    fields = _map(doc)
    assert fields["innovation.standards_group_participated"].value == {"2022": 5, "2023": 6, "2024": 7}
    assert fields["innovation.standards_group_led"].value == {"2022": 3, "2023": 4, "2024": 4}
