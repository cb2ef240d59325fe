"""Table-driven tests for normalizers.named_count."""

from __future__ import annotations

import pytest

from normalizers.findings import Finding
from normalizers.named_count import NamedCount, normalize_named_count, split_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A平台、B平台、C平台", ["A平台", "B平台", "C平台"]),
        ("A平台，B平台,C平台；D平台;E平台", ["A平台", "B平台", "C平台", "D平台", "E平台"]),
        ("A平台\nB平台\r\nC平台", ["A平台", "B平台", "C平台"]),
        ("1.A平台；2.B平台", ["A平台", "B平台"]),
        ("1、浙江省XX中心\n2、YY平台。", ["浙江省XX中心", "YY平台"]),
        ("（1）A平台（2）B平台", ["A平台", "B平台"]),
        ("(1)A平台 (2)B平台", ["A平台", "B平台"]),
        ("①A ②B", ["A", "B"]),
        ("1. A平台 2. B平台 3. C平台", ["A平台", "B平台", "C平台"]),
        ("5G工厂、1.5万吨项目", ["5G工厂", "1.5万吨项目"]),
        ("XX中心（2021年认定）、YY", ["XX中心（2021年认定）", "YY"]),
        ("A、A", ["A", "A"]),
        ("、 ，", []),
        ("", []),
    ],
)
def test_split_names(text: str, expected: list[str]) -> None:
    assert split_names(text) == expected


@pytest.mark.parametrize(
    ("raw", "count", "names"),
    [
        ("数量：3 个\n名称：A平台、B平台、C平台", 3, ["A平台", "B平台", "C平台"]),
        ("数量：3个 名称：1.A平台；2.B平台", 3, ["A平台", "B平台"]),
        ("数量：0 个 名称：无", 0, []),
        ("数量：2个", 2, []),
        ("数量：2个\n名称：", 2, []),
        ("名称：A平台，B平台", None, ["A平台", "B平台"]),
        ("数量： 个 名称：A平台", None, ["A平台"]),
        ("数量：３个\n名称：（1）A平台（2）B平台", 3, ["A平台", "B平台"]),
        ("数量：二 个 名称：①A ②B", 2, ["A", "B"]),
        ("数量：十二个 名称：", 12, []),
        ("数量:1个名称:XX智能工厂", 1, ["XX智能工厂"]),
        ("数 量 ： 1 个  名 称 ： XX智能工厂", 1, ["XX智能工厂"]),
        ("A平台、B平台", None, ["A平台", "B平台"]),
        ("3", 3, []),
        ("数量：2个\nA平台、B平台", 2, ["A平台", "B平台"]),
        ("数量：\n2\n个\n名称：\nA平台\nB平台", 2, ["A平台", "B平台"]),
    ],
)
def test_present(raw: str, count: int | None, names: list[str]) -> None:
    result = normalize_named_count(raw)
    assert (result.value, result.status, result.findings) == (
        NamedCount(count=count, names=names),
        "present",
        (),
    )
    assert result.raw == raw


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (None, "missing"),
        ("", "missing"),
        ("数量： 个\n名称：", "missing"),
        ("数量：     个\n名称：     ", "missing"),
        ("无", "explicit_none"),
        ("无。", "explicit_none"),
        ("数量：无 个 名称：无", "explicit_none"),
        ("数量： 个 名称：无", "explicit_none"),
        ("——", "explicit_none"),
    ],
)
def test_missing_and_explicit_none(raw: str | None, status: str) -> None:
    result = normalize_named_count(raw)
    assert (result.value, result.status, result.findings) == (None, status, ())


@pytest.mark.parametrize(
    ("raw", "finding"),
    [
        ("数量：约3个 名称：A", Finding("not_a_number", {"raw": "约3"})),
        ("数量：若干 名称：A", Finding("not_a_number", {"raw": "若干"})),
        ("数量：2.5个 名称：A", Finding("integer_expected", {"raw": "2.5"})),
    ],
)
def test_invalid(raw: str, finding: Finding) -> None:
    result = normalize_named_count(raw)
    assert (result.value, result.status, result.raw, result.findings) == (None, "invalid", raw, (finding,))


@pytest.mark.parametrize(
    "names",
    [["A平台"], ["A平台", "B平台", "C平台"], ["浙江XX创新中心", "XX（杭州）研究院"], ["同名", "同名"]],
)
def test_round_trip(names: list[str]) -> None:
    for joiner in ("、", "；", "\n"):
        raw = f"数量：{len(names)}个\n名称：{joiner.join(names)}"
        assert normalize_named_count(raw).value == NamedCount(count=len(names), names=names)
    numbered = " ".join(f"{i}.{name}" for i, name in enumerate(names, start=1))
    assert split_names(numbered) == names
