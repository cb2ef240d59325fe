"""Table-driven tests for normalizers.numbers (and the unit table it uses)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from normalizers.findings import Finding
from normalizers.numbers import NumberKind, normalize_number, parse_plain_number, round_half_up

NO_FINDINGS: tuple[Finding, ...] = ()


@pytest.mark.parametrize(
    ("x", "places", "expected"),
    [
        (2.345, 2, 2.35),
        (-2.345, 2, -2.35),
        (1.005, 2, 1.01),
        (2.344, 2, 2.34),
        (Decimal("0.125"), 2, 0.13),
        (12.0, 2, 12.0),
        (2.5, 0, 3.0),
        (-2.5, 0, -3.0),
        (0.0, 2, 0.0),
    ],
)
def test_round_half_up(x: float | Decimal, places: int, expected: float) -> None:
    assert round_half_up(x, places) == expected


@pytest.mark.parametrize(
    ("raw", "kind", "unit", "value"),
    [
        ("12", "integer", "个", 12),
        ("12.0", "integer", "个", 12),
        ("12家", "integer", "个", 12),
        ("12个", "integer", "个", 12),
        ("12人", "integer", "人", 12),
        ("12项", "integer", "个", 12),
        ("1 234", "integer", "人", 1234),
        ("0", "integer", "个", 0),
        ("１２", "integer", "个", 12),
        ("12个（需提供清单及佐证材料）", "integer", "个", 12),
        ("1,234.56", "decimal", "亿元", 1234.56),
        ("1，234.56", "decimal", "亿元", 1234.56),
        ("40", "decimal", "亿元", 40.0),
        ("40.0", "decimal", "亿元", 40.0),
        ("12.35平方公里", "decimal", "平方公里", 12.35),
        ("１２．３５", "decimal", "平方公里", 12.35),
        ("0.52吨标准煤/万元", "decimal", "吨标准煤/万元", 0.52),
        ("251.00亿元", "decimal", "亿元", 251.0),
        ("12.50%", "percent", "%", 12.5),
        ("12.50％", "percent", "%", 12.5),
        ("−3.20", "percent", "%", -3.2),
        ("－3.20", "percent", "%", -3.2),
        ("—3.20", "percent", "%", -3.2),
        ("+5.00", "percent", "%", 5.0),
        ("8.35 %", "percent", "%", 8.35),
        ("12.35。", "decimal", "亿元", 12.35),
    ],
)
def test_present_without_findings(raw: str, kind: NumberKind, unit: str, value: float) -> None:
    result = normalize_number(raw, kind, unit)
    assert (result.value, result.status, result.findings) == (value, "present", NO_FINDINGS)
    assert type(result.value) is (int if kind == "integer" else float)
    assert result.raw == raw


@pytest.mark.parametrize(
    ("raw", "kind", "unit", "value", "finding"),
    [
        ("12.5", "decimal", "亿元", 12.5, Finding("decimal_places", {"raw": "12.5"})),
        ("12.345", "decimal", "亿元", 12.35, Finding("decimal_places", {"raw": "12.345"})),
        ("-2.345", "percent", "%", -2.35, Finding("decimal_places", {"raw": "-2.345"})),
        ("0.125", "percent", "%", 0.13, Finding("decimal_places", {"raw": "0.125"})),
        ("12.500", "decimal", "亿元", 12.5, Finding("decimal_places", {"raw": "12.500"})),
        (
            "3500万元",
            "decimal",
            "亿元",
            0.35,
            Finding("unit_converted", {"raw": "3500万元", "unit": "亿元", "value": 0.35}),
        ),
        (
            "1.5亿元",
            "decimal",
            "万元",
            15000.0,
            Finding("unit_converted", {"raw": "1.5亿元", "unit": "万元", "value": 15000.0}),
        ),
        (
            "2,000,000元",
            "decimal",
            "万元",
            200.0,
            Finding("unit_converted", {"raw": "2,000,000元", "unit": "万元", "value": 200.0}),
        ),
        (
            "1.2万人",
            "integer",
            "人",
            12000,
            Finding("unit_converted", {"raw": "1.2万人", "unit": "人", "value": 12000}),
        ),
        (
            "1500亩",
            "decimal",
            "平方公里",
            1.0,
            Finding("unit_converted", {"raw": "1500亩", "unit": "平方公里", "value": 1.0}),
        ),
    ],
)
def test_present_with_finding(raw: str, kind: NumberKind, unit: str, value: float, finding: Finding) -> None:
    result = normalize_number(raw, kind, unit)
    assert (result.value, result.status, result.findings) == (value, "present", (finding,))


@pytest.mark.parametrize(
    ("raw", "kind", "unit", "finding"),
    [
        ("约20", "decimal", "亿元", Finding("not_a_number", {"raw": "约20"})),
        ("20左右", "decimal", "亿元", Finding("not_a_number", {"raw": "20左右"})),
        ("二十", "integer", "个", Finding("not_a_number", {"raw": "二十"})),
        ("10-20", "integer", "个", Finding("not_a_number", {"raw": "10-20"})),
        ("≥10%", "percent", "%", Finding("not_a_number", {"raw": "≥10%"})),
        (">10", "percent", "%", Finding("not_a_number", {"raw": ">10"})),
        ("1,5", "decimal", "亿元", Finding("not_a_number", {"raw": "1,5"})),
        ("见附件", "decimal", "亿元", Finding("not_a_number", {"raw": "见附件"})),
        ("30余家", "integer", "个", Finding("not_a_number", {"raw": "30余家"})),
        ("12.5", "integer", "个", Finding("integer_expected", {"raw": "12.5"})),
        ("12美元", "decimal", "万元", Finding("unit_unknown", {"raw_unit": "美元", "unit": "万元"})),
        ("12吨", "decimal", "万元", Finding("unit_unknown", {"raw_unit": "吨", "unit": "万元"})),
        ("12%", "decimal", "亿元", Finding("unit_unknown", {"raw_unit": "%", "unit": "亿元"})),
    ],
)
def test_invalid(raw: str, kind: NumberKind, unit: str, finding: Finding) -> None:
    result = normalize_number(raw, kind, unit)
    assert (result.value, result.status, result.raw, result.findings) == (None, "invalid", raw, (finding,))


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (None, "missing"),
        ("", "missing"),
        ("  \u3000", "missing"),
        ("无", "explicit_none"),
        ("—", "explicit_none"),
        ("／", "explicit_none"),
        ("-", "explicit_none"),
        ("不适用", "explicit_none"),
        ("（需提供清单及佐证材料）", "missing"),
        ("亿元", "missing"),
        ("无（需提供清单）", "explicit_none"),
    ],
)
def test_blank_and_explicit_none(raw: str | None, status: str) -> None:
    result = normalize_number(raw, "decimal", "亿元")
    assert (result.value, result.status, result.findings) == (None, status, NO_FINDINGS)


@pytest.mark.parametrize(
    ("raw", "kind", "unit"), [("   个", "integer", "个"), ("%", "percent", "%"), ("人", "integer", "人")]
)
def test_printed_unit_alone_is_missing(raw: str, kind: NumberKind, unit: str) -> None:
    assert normalize_number(raw, kind, unit).status == "missing"


def test_zero_is_a_value_not_explicit_none() -> None:
    assert normalize_number("0", "integer", "个").status == "present"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15", 15.0),
        ("15%", 15.0),
        ("-3.2", -3.2),
        ("1,234.5万元", 1234.5),
        ("12.345", 12.345),
        ("≥10%", None),
        ("10-20", None),
        ("约20", None),
        ("定性描述", None),
        ("", None),
    ],
)
def test_parse_plain_number(raw: str, expected: float | None) -> None:
    assert parse_plain_number(raw) == expected


@pytest.mark.parametrize("cents", [-123456, -1, 0, 1, 5, 99, 100, 123456789])
def test_two_place_round_trip(cents: int) -> None:
    text = f"{Decimal(cents) / 100:.2f}"
    result = normalize_number(text, "decimal", "亿元")
    assert result.value == float(text)
    assert result.findings == NO_FINDINGS
    assert parse_plain_number(text) == float(text)


@pytest.mark.parametrize("n", [0, 7, 1234, 1234567])
def test_thousands_separator_round_trip(n: int) -> None:
    assert normalize_number(f"{n:,}", "integer", "个").value == n
    assert normalize_number(f"{n:,}".replace(",", "，"), "integer", "个").value == n
