"""Table-driven tests for normalizers.phones."""

from __future__ import annotations

import pytest

from normalizers.findings import Finding
from normalizers.phones import normalize_phone, split_contact


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0571-88889999", "0571-88889999"),
        ("(0571)88889999", "0571-88889999"),
        ("（0571）88889999", "0571-88889999"),
        ("0571 8888 9999", "0571-88889999"),
        ("057188889999", "0571-88889999"),
        ("010-12345678", "010-12345678"),
        ("02155556666", "021-55556666"),
        ("0571—88889999", "0571-88889999"),
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0571-88889999/13812345678", "0571-88889999;13812345678"),
        ("0571-88889999、13812345678", "0571-88889999;13812345678"),
        ("0571-88889999，13812345678", "0571-88889999;13812345678"),
        ("0571-88889999；13812345678\n010-12345678", "0571-88889999;13812345678;010-12345678"),
        ("0571 88889999 13812345678", "0571-88889999;13812345678"),
        ("0571-88889999转8001", "0571-88889999-8001"),
        ("手机：13812345678", "13812345678"),
        ("400-123-4567", "400-123-4567"),
        ("88889999", "88889999"),
        ("0571-88889999（办公室）", "0571-88889999"),
        ("13812345678(手机)/0571-88889999", "13812345678;0571-88889999"),
    ],
)
def test_present(raw: str, expected: str) -> None:
    result = normalize_phone(raw)
    assert (result.value, result.status, result.raw, result.findings) == (expected, "present", raw, ())


@pytest.mark.parametrize(
    "raw", ["zhang@example.com", "12345", "0571-123", "1381234567", "张三 13812345678", "请联系办公室"]
)
def test_not_a_phone_is_kept_with_finding(raw: str) -> None:
    result = normalize_phone(raw)
    assert (result.value, result.status, result.findings) == (
        raw,
        "present",
        (Finding("phone_invalid", {"raw": raw}),),
    )


@pytest.mark.parametrize(
    ("raw", "status"), [(None, "missing"), ("", "missing"), (" ", "missing"), ("无", "explicit_none")]
)
def test_blank_and_explicit_none(raw: str | None, status: str) -> None:
    result = normalize_phone(raw)
    assert (result.value, result.status) == (None, status)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三 0571-88889999", ("张三", "0571-88889999")),
        ("张三，13812345678", ("张三", "13812345678")),
        ("张三,13812345678", ("张三", "13812345678")),
        ("张三/13812345678", ("张三", "13812345678")),
        ("13812345678 张三", ("张三", "13812345678")),
        ("张三（13812345678）", ("张三", "13812345678")),
        ("张 三  13812345678", ("张三", "13812345678")),
        ("联系人：张三 电话：0571-88889999/13812345678", ("张三", "0571-88889999/13812345678")),
        ("(0571)88889999 李四", ("李四", "(0571)88889999")),
        ("张三", ("张三", None)),
        ("13812345678", (None, "13812345678")),
        ("林明：151.06115664", ("林明", "15106115664")),  # a speck read as a dot inside the number
        ("", (None, None)),
    ],
)
def test_split_contact(raw: str, expected: tuple[str | None, str | None]) -> None:
    assert split_contact(raw) == expected


@pytest.mark.parametrize("mobile", ["13812345678", "15900001111", "19987654321"])
@pytest.mark.parametrize("landline", ["0571-88889999", "010-12345678", "0755-1234567"])
def test_round_trip(mobile: str, landline: str) -> None:
    joined = f"{landline};{mobile}"
    assert normalize_phone(joined).value == joined
    assert normalize_phone(normalize_phone(joined).value).value == joined
    name, phone = split_contact(f"王五 {landline}/{mobile}")
    assert name == "王五"
    assert normalize_phone(phone).value == joined


def test_0086_inside_a_mobile_number_is_not_a_country_prefix() -> None:
    assert normalize_phone("15200867439").value == "15200867439"


def test_a_number_wrapped_inside_a_narrow_cell_is_one_number() -> None:
    assert normalize_phone("0571-\n8601234\n5、13912345678").value == "0571-86012345;13912345678"
    assert normalize_phone("0571-86012345\n13912345678").value == "0571-86012345;13912345678"


def test_an_extension_after_a_dash() -> None:
    assert normalize_phone("021-64123456-8012").value == "021-64123456-8012"
