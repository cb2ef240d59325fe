"""Table-driven tests for normalizers.cjk_numerals."""

from __future__ import annotations

import pytest

from normalizers.cjk_numerals import cjk_to_arabic, parse_cjk_int

DIGITS = "〇一二三四五六七八九"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("二〇二五", 2025),
        ("二○二四", 2024),
        ("", None),
        ("十十", None),
        ("一百", None),
        ("abc", None),
    ],
)
def test_parse_cjk_int(text: str, expected: int | None) -> None:
    assert parse_cjk_int(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二五年四月十日", "2025年4月10日"),
        ("十二月三十一日", "12月31日"),
        ("2025年", "2025年"),
        ("无", "无"),
    ],
)
def test_cjk_to_arabic(text: str, expected: str) -> None:
    assert cjk_to_arabic(text) == expected


def spell(n: int) -> str:
    """Given 1..99, return it as a Chinese numeral (十二, 二十, 二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


@pytest.mark.parametrize("n", range(1, 100))
def test_round_trip(n: int) -> None:
    assert parse_cjk_int(spell(n)) == n
