"""Target-table cells: the form's printed placeholder rows are never part of an indicator; directions and
indicators read on paper are snapped to the printed ones, rows read together split again."""

from __future__ import annotations

from extractors.mapping.doubts import targets_unsure
from extractors.mapping.labels import snap_to_printed
from extractors.mapping.stream import Row, Slot
from extractors.mapping.targets import RowTexts, header_to_columns, texts_to_rows, without_placeholder_lines
from schema.catalog import load_field_catalogue
from schema.record import Provenance


def test_a_placeholder_row_joined_to_the_indicator_above_is_dropped() -> None:
    """Seen in a LibreOffice PDF export (seed 777, filing 20): 工业互联网普及率 over the printed ……"""
    assert without_placeholder_lines("工业互联网普及率\n......") == "工业互联网普及率"
    assert without_placeholder_lines("工业互联网普及率\n……\n") == "工业互联网普及率"
    assert without_placeholder_lines("……") == "……"  # a placeholder row on its own stays what it is
    assert without_placeholder_lines("新增指标：专利数……") == "新增指标：专利数……"


SPEC = load_field_catalogue().by_id()["plan.three_year_targets"]


def rows_of(
    direction: str, indicator: str, baseline: str, target: str, above: str = "数字化"
) -> list[object]:
    rows, _ = texts_to_rows(
        SPEC, RowTexts(direction, indicator, {"baseline": baseline, "target": target}), above
    )
    return [
        (r["direction"], r["indicator"], r["indicator_id"], r["baseline"], r["target"], r["unit"])
        for r in rows
    ]


def test_a_direction_or_indicator_read_with_a_box_glyph_is_snapped_to_the_printed_one() -> None:
    """Seen on set 9191's filing 04 (a clean scan): 绿 and 氧 read as ☑."""
    assert rows_of("☑色化", "二☑化碳排放量", "0.49", "0.4吨二氧化碳/万元") == [
        ("绿色化", "二氧化碳排放量", "co2_emissions", 0.49, 0.4, "吨二氧化碳/万元")
    ]
    assert snap_to_printed("数色化", SPEC.directions) is None  # 数字化 or 绿色化: no guess
    assert snap_to_printed("创☑", SPEC.directions) is None  # too short to stand for 创新 with one unread
    assert rows_of("其它", "自定指标", "5", "6") == [("其它", "自定指标", None, 5, 6, None)]


def test_two_direction_cells_run_together_give_the_row_to_the_one_its_indicator_is_printed_under() -> None:
    """Seen on sets 5151 and 9191: the empty 其它 row read into 治理和服务's, `治理和服务其它`."""
    assert rows_of("治理和服务其它", "定性描述", "建有公共服务平台3个", "服务企业超过500家次/年") == [
        (
            "治理和服务",
            "定性描述",
            "governance_qualitative",
            "建有公共服务平台3个",
            "服务企业超过500家次/年",
            None,
        )
    ]
    _, below = texts_to_rows(SPEC, RowTexts("治理和服务其它", "定性描述", {"baseline": "x"}), "开放合作")
    assert below == "其它"


def test_two_printed_rows_read_as_one_are_split_by_their_numbers_and_units() -> None:
    """Seen on set 4242 (filings 03 and 05): the border between 二氧化碳排放量 and 单位工业产值能耗 lost,
    both rows' numbers in one cell; a column with one number goes to the line its unit names."""
    both = "二氧化碳排放量\n单位工业产值能耗"
    assert rows_of(
        "绿色化", both, "0.54吨二氧化碳/万元0.14吨标准煤/万元", "0.44吨二氧化碳/万元 0.12吨标准煤/万元"
    ) == [
        ("绿色化", "二氧化碳排放量", "co2_emissions", 0.54, 0.44, "吨二氧化碳/万元"),
        ("绿色化", "单位工业产值能耗", "energy_intensity", 0.14, 0.12, "吨标准煤/万元"),
    ]
    assert rows_of("", both, "0.61吨二氧化碳/万元0.27吨标准煤/万元", "0.23吨标准煤/万元", above="绿色化") == [
        ("绿色化", "二氧化碳排放量", "co2_emissions", 0.61, None, "吨二氧化碳/万元"),
        ("绿色化", "单位工业产值能耗", "energy_intensity", 0.27, 0.23, "吨标准煤/万元"),
    ]


def test_a_row_run_together_that_cannot_be_told_apart_stays_one_row_for_the_operator() -> None:
    both = "研发经费投入\n有效发明专利数量"
    (row,) = rows_of("创新", both, "1.2 3000", "2.0")  # one target, no unit: whose?
    assert row[1] == both and row[2] is None
    assert targets_unsure(SPEC, [dict(zip(("direction", "indicator"), row[:2], strict=True))])
    (row,) = rows_of("创新", both, "1.2亿元 3000个", "见附件")  # a text cannot be split
    assert row[1] == both


def _header(*texts: str) -> Row:
    provenance = Provenance(source="ocr")
    return Row(
        0, tuple(Slot(k, (text,), k, 1, provenance) for k, text in enumerate(texts)), table=8, grid_row=0
    )


def test_a_header_run_into_the_direction_below_it_still_names_the_columns() -> None:
    """Set 9595, filing 06: the header row alone at the foot of a page, the direction cell of the row
    after the page break joined to it (`方向主导产业`): the table was not found at all."""
    assert set(header_to_columns(_header("方向主导产业", "指标", "2024年基准值", "2027年目标值"))) == {
        "direction",
        "indicator",
        "baseline",
        "target",
    }
    assert rows_of("方向主导产业", "优质中小企业数量", "118", "158")[0][:3] == (
        "主导产业",
        "优质中小企业数量",
        "quality_sme_count",
    )
