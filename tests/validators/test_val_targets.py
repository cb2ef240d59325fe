"""Reading target-table cells."""

from __future__ import annotations

import pytest

from schema.record import FieldEntry
from validators.targets import Cell, Quantity, cell_quantity, in_unit, table_rows


@pytest.mark.parametrize(
    ("cell", "unit", "expected"),
    [
        (12.5, "%", Quantity(12.5, "%")),
        ("≥10%", None, Quantity(10.0, "%")),
        ("1.2亿元", "万元", Quantity(1.2, "亿元")),
        ("12000万元", None, Quantity(12000.0, "万元")),
        ("15", "个", Quantity(15.0, "个")),
        ("10以上", "%", Quantity(10.0, "%")),
        ("较2024年增长10％", None, Quantity(10.0, "%")),
        ("设立境外分支机构2个", None, Quantity(2.0, "个")),
        ("参加进博会等展会", None, None),
        ("0.30吨标准煤/万元", None, Quantity(0.3, "吨标准煤/万元")),
        ("1.21吨二氧化碳/万元", None, Quantity(1.21, "吨二氧化碳/万元")),
        (None, "%", None),
    ],
)
def test_cell_quantity(cell: Cell, unit: str | None, expected: Quantity | None) -> None:
    assert cell_quantity(cell, unit) == expected


def test_money_conversion() -> None:
    assert in_unit(Quantity(1.2, "亿元"), "万元") == pytest.approx(12000)
    assert in_unit(Quantity(5.0, "%"), "亿元") is None


def test_malformed_rows_are_skipped() -> None:
    entry = FieldEntry(
        value=[{"indicator_id": "output_cagr", "target": 12}, "not a row", {"target": {"x": 1}}],
        status="present",
    )
    assert [row.indicator_id for row in table_rows(entry)] == ["output_cagr"]
