"""Table-driven tests for normalizers.dates."""

from __future__ import annotations

import datetime

import pytest

from normalizers.dates import normalize_date
from normalizers.findings import Finding


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025年4月10日", "2025-04-10"),
        ("2025年04月10日", "2025-04-10"),
        ("2025.4.10", "2025-04-10"),
        ("2025-04-10", "2025-04-10"),
        ("2025/4/10", "2025-04-10"),
        ("2025年4月", "2025-04"),
        ("2025年", "2025"),
        ("２０２５年４月１０日", "2025-04-10"),
        ("2025 年 4 月 10 日", "2025-04-10"),
        ("二〇二五年四月十日", "2025-04-10"),
        ("二○二四年十二月三十一日", "2024-12-31"),
        ("2025年 月 日", "2025"),
        ("2025年4月  日", "2025-04"),
        ("2025年4月10号", "2025-04-10"),
        ("20250410", "2025-04-10"),
        ("2024-02-29", "2024-02-29"),
        ("2025年4月10日（盖章）", "2025-04-10"),
    ],
)
def test_present(raw: str, expected: str) -> None:
    result = normalize_date(raw)
    assert (result.value, result.status, result.raw, result.findings) == (expected, "present", raw, ())


@pytest.mark.parametrize("raw", [None, "", "   ", "年 月 日", "  年   月   日  ", "____年__月__日"])
def test_missing(raw: str | None) -> None:
    result = normalize_date(raw)
    assert (result.value, result.status, result.findings) == (None, "missing", ())


@pytest.mark.parametrize("raw", ["无", "—", "／"])
def test_explicit_none(raw: str) -> None:
    assert normalize_date(raw).status == "explicit_none"


@pytest.mark.parametrize(
    "raw",
    [
        "2025-02-30",
        "2025年13月",
        "2025年2月30日",
        "2023-02-29",
        "2025年月10日",
        "明年",
        "2025-4/10",
        "0025年",
    ],
)
def test_invalid(raw: str) -> None:
    result = normalize_date(raw)
    assert (result.value, result.status, result.findings) == (
        None,
        "invalid",
        (Finding("date_invalid", {"raw": raw}),),
    )


def test_no_today_check() -> None:
    assert normalize_date("2099年1月1日").value == "2099-01-01"


@pytest.mark.parametrize("ordinal", range(738000, 740000, 97))
def test_round_trip(ordinal: int) -> None:
    day = datetime.date.fromordinal(ordinal)
    cjk = f"{day.year}年{day.month}月{day.day}日"
    for text in (day.isoformat(), cjk, f"{day.year}.{day.month}.{day.day}", f"{day:%Y/%m/%d}"):
        assert normalize_date(text).value == day.isoformat()
