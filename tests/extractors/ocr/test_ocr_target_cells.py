"""Stage `restrict_target_cells`: target table value cells cleaned of toner specks."""

from __future__ import annotations

import pytest

from extractors.ocr.target_cells import clean_value, nearest_direction, restrict_target_cells
from schema.document import Cell, Paragraph, Table


@pytest.mark.parametrize(
    ("read", "value"),
    [
        ("0.35.吨二氧化碳/万元", "0.35吨二氧化碳/万元"),
        (".53.09%", "53.09%"),
        ("288个 .", "288个"),
        ("18.3.7%", "18.37%"),
        ("12.5", "12.5"),
        ("3个以上", "3个以上"),
        ("参加国际展会5次", "参加国际展会5次"),
        ("—", "—"),
    ],
)
def test_a_number_with_its_unit_loses_the_specks_around_it(read: str, value: str) -> None:
    assert clean_value(read) == value


DIRECTIONS = frozenset({"主导产业", "创新", "数字化", "绿色化", "开放合作", "治理和服务", "其它"})


@pytest.mark.parametrize(
    ("read", "meant"),
    [("☑色化", "绿色化"), ("数字", "数字化"), ("创新", "创新"), ("", ""), ("备注说明", "备注说明")],
)
def test_a_direction_read_wrong_is_snapped_to_the_printed_one(read: str, meant: str) -> None:
    assert nearest_direction(read, DIRECTIONS) == meant


def _row(row: int, texts: list[str]) -> list[Cell]:
    return [
        Cell(row, col, blocks=(Paragraph(text, row * 10 + col, 13, confidence=0.99),), page=13)
        for col, text in enumerate(texts)
    ]


def test_only_value_cells_below_the_header_are_cleaned_and_go_to_the_operator() -> None:
    cells = [
        *_row(0, ["方向", "指标", "基准值", "目标值"]),
        *_row(1, ["数字化", "工业互联网普及率.", ".41.99%", "53.09%"]),
        *_row(2, ["开放合作", "定性描述", "参加国际展会5次", "与2个境外产业园区合作."]),
        *_row(3, ["☑色化", "二氧化碳排放量", "0.35", "0.30"]),
    ]
    table = Table(index=0, n_rows=4, n_cols=4, cells=tuple(cells), page=13)
    (table,) = restrict_target_cells((table,), DIRECTIONS)
    assert isinstance(table, Table)
    texts = {(c.row, c.col): c.text for c in table.cells}
    assert texts[(1, 1)] == "工业互联网普及率." and texts[(1, 2)] == "41.99%" and texts[(1, 3)] == "53.09%"
    assert texts[(2, 2)] == "参加国际展会5次" and texts[(2, 3)] == "与2个境外产业园区合作."
    assert texts[(3, 0)] == "绿色化" and texts[(0, 0)] == "方向"
    confidences = {(c.row, c.col): c.confidence for c in table.cells}
    assert confidences[(1, 2)] == pytest.approx(0.6) and confidences[(1, 3)] == pytest.approx(0.99)


def test_a_table_without_value_headers_is_left_alone() -> None:
    table = Table(index=0, n_rows=1, n_cols=2, cells=tuple(_row(0, ["集群总产值", ".41.99"])), page=4)
    assert restrict_target_cells((table,)) == (table,)
