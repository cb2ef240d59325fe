"""Table-driven tests for normalizers.units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from normalizers.units import unit_factor


@pytest.mark.parametrize(
    ("written", "field_unit", "kind", "expected"),
    [
        ("", "亿元", "decimal", Decimal(1)),
        ("亿元", "亿元", "decimal", Decimal(1)),
        ("万元", "亿元", "decimal", Decimal("0.0001")),
        ("亿元", "万元", "decimal", Decimal(10000)),
        ("元", "万元", "decimal", Decimal("0.0001")),
        ("万元人民币", "万元", "decimal", Decimal(1)),
        ("%", "%", "percent", Decimal(1)),
        ("‰", "%", "percent", Decimal("0.1")),
        ("家", "个", "integer", Decimal(1)),
        ("万人", "人", "integer", Decimal(10000)),
        ("KM2", "平方公里", "decimal", Decimal(1)),
        ("公顷", "平方公里", "decimal", Decimal("0.01")),
        ("吨标煤/万元", "吨标准煤/万元", "decimal", Decimal(1)),
        ("件/万人", "个/万人", "decimal", Decimal(1)),
        ("美元", "万元", "decimal", None),
        ("吨", "万元", "decimal", None),
        ("%", "亿元", "decimal", None),
        ("个", None, "decimal", None),
    ],
)
def test_unit_factor(written: str, field_unit: str | None, kind: str, expected: Decimal | None) -> None:
    assert unit_factor(written, field_unit, kind) == expected


@pytest.mark.parametrize(("a", "b"), [("元", "万元"), ("万元", "亿元"), ("千元", "亿元"), ("亿元", "元")])
def test_money_factors_are_inverse(a: str, b: str) -> None:
    there, back = unit_factor(a, b, "decimal"), unit_factor(b, a, "decimal")
    assert there is not None and back is not None
    assert there * back == 1
