"""Table-driven tests for normalizers.text."""

from __future__ import annotations

import pytest

from normalizers.text import (
    EXPLICIT_NONE,
    char_count,
    compact,
    is_explicit_none,
    normalize_long_text,
    normalize_text,
    to_halfwidth,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３", "123"),
        ("ＡＢＣｘｙｚ", "ABCxyz"),
        ("１２．５％", "12.5%"),
        ("１，２３４", "1,234"),
        ("（０５７１）", "(0571)"),
        ("－／", "-/"),
        ("a\u3000b", "a b"),
        ("甲、乙。", "甲、乙。"),
        ("“引号”", "“引号”"),
        ("", ""),
    ],
)
def test_to_halfwidth(raw: str, expected: str) -> None:
    assert to_halfwidth(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" a b ", "ab"),
        ("a\u3000b", "ab"),
        ("a\xa0b", "ab"),
        ("a\u200bb\ufeff", "ab"),
        ("a\n\tb", "ab"),
        ("", ""),
        ("无", "无"),
        ("中 小 企 业", "中小企业"),
    ],
)
def test_compact(raw: str, expected: str) -> None:
    assert compact(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("无", True),
        ("暂无", True),
        ("没有", True),
        ("无相关情况", True),
        ("不适用", True),
        ("—", True),
        ("——", True),
        ("－", True),
        ("-", True),
        ("／", True),
        ("/", True),
        ("N/A", True),
        ("n/a", True),
        ("无。", True),
        (" 无 ", True),
        ("\u3000暂 无\u3000", True),
        ("0", False),
        ("无锡", False),
        ("无人机", False),
        ("-5", False),
        ("___", False),
        ("", False),
    ],
)
def test_is_explicit_none(raw: str, expected: bool) -> None:
    assert is_explicit_none(raw) is expected


def test_explicit_none_tokens_are_compact_halfwidth() -> None:
    for token in EXPLICIT_NONE:
        assert token == compact(to_halfwidth(token)).upper()
        assert is_explicit_none(token)


@pytest.mark.parametrize(
    ("raw", "value", "status", "raw_out"),
    [
        (None, None, "missing", None),
        ("", None, "missing", None),
        ("  \u3000 ", None, "missing", None),
        ("无", None, "explicit_none", "无"),
        (" 暂无。", None, "explicit_none", "暂无。"),
        ("——", None, "explicit_none", "——"),
        ("  杭州市经信局 ", "杭州市经信局", "present", "杭州市经信局"),
        ("0", "0", "present", "0"),
        ("\u200bA 公司\u3000", "A 公司", "present", "A 公司"),
    ],
)
def test_normalize_text(raw: str | None, value: str | None, status: str, raw_out: str | None) -> None:
    result = normalize_text(raw)
    assert (result.value, result.status, result.raw, result.findings) == (value, status, raw_out, ())


@pytest.mark.parametrize(
    ("paragraphs", "value", "status"),
    [
        ([], None, "missing"),
        (["", "  ", "\u3000"], None, "missing"),
        (["无"], None, "explicit_none"),
        (["", " 无 ", ""], None, "explicit_none"),
        (["第一段"], "第一段", "present"),
        ([" 第一段 ", "", "第二段\u3000"], "第一段\n第二段", "present"),
        (["一", "无"], "一\n无", "present"),
        (["a", "b", "c"], "a\nb\nc", "present"),
    ],
)
def test_normalize_long_text(paragraphs: list[str], value: str | None, status: str) -> None:
    result = normalize_long_text(paragraphs)
    assert (result.value, result.status) == (value, status)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", 0),
        ("abc", 3),
        ("中小企业", 4),
        ("中 小\n企\u3000业", 4),
        ("a\u200bb", 2),
        ("12.5%", 5),
        ("，。", 2),
        ("  ", 0),
    ],
)
def test_char_count(raw: str, expected: int) -> None:
    assert char_count(raw) == expected


@pytest.mark.parametrize("text", ["ab", "中 文", "１２ ３", "a\u3000b\xa0c"])
def test_compact_and_halfwidth_are_idempotent(text: str) -> None:
    once = compact(to_halfwidth(text))
    assert compact(to_halfwidth(once)) == once
    assert char_count(text) == len(compact(text))
