"""Table-driven tests for normalizers.region."""

from __future__ import annotations

import pytest

from normalizers.region import PROVINCES, Region, normalize_region


def region(province: str | None, city: str | None, county: str | None) -> Region:
    """Given three parts, return a Region."""
    return Region(province=province, city=city, county=county)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("浙江省（区、市）杭州市（区）余杭区县（市、区）", region("浙江省", "杭州市", "余杭区")),
        ("  浙江  省（区、市）  杭州  市（区）  余杭  县（市、区）", region("浙江省", "杭州市", "余杭县")),
        ("上海省（区、市）上海市（区）浦东新区县（市、区）", region("上海市", "上海市", "浦东新区")),
        ("浙江省（区、市）宁波市（区）慈溪市县（市、区）", region("浙江省", "宁波市", "慈溪市")),
        (
            "内蒙古省（区、市）鄂尔多斯市（区）准格尔旗县（市、区）",
            region("内蒙古自治区", "鄂尔多斯市", "准格尔旗"),
        ),
        ("广西省（区、市）柳州市（区）柳江区县（市、区）", region("广西壮族自治区", "柳州市", "柳江区")),
        (
            "四川省（区、市）甘孜藏族自治州市（区）康定市县（市、区）",
            region("四川省", "甘孜藏族自治州", "康定市"),
        ),
        ("浙江省杭州市余杭区", region("浙江省", "杭州市", "余杭区")),
        ("浙江省 杭州市 余杭区", region("浙江省", "杭州市", "余杭区")),
        ("浙江 杭州 余杭", region("浙江省", "杭州市", "余杭县")),
        ("湖北省恩施土家族苗族自治州恩施市", region("湖北省", "恩施土家族苗族自治州", "恩施市")),
        ("山东省济南市市中区", region("山东省", "济南市", "市中区")),
        ("浙江省（区、市）杭州市（区）余杭区", region("浙江省", "杭州市", "余杭区")),
        ("所属地区：浙江省杭州市余杭区", region("浙江省", "杭州市", "余杭区")),
        ("浙江  省（区、市）     市（区）   县（市、区）", region("浙江省", None, None)),
        (
            "新疆生产建设兵团省（区、市）第八师石河子市（区）  县（市、区）",
            region("新疆生产建设兵团", "第八师石河子市", None),
        ),
        ("上海市浦东新区", region("上海市", "上海市", "浦东新区")),
        ("重庆 璧山区", region("重庆市", "重庆市", "璧山区")),
        ("上海市", region("上海市", None, None)),
    ],
)
def test_present(raw: str, expected: Region) -> None:
    result = normalize_region(raw)
    assert (result.value, result.status, result.raw, result.findings) == (expected, "present", raw, ())


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "    省（区、市）    市（区）   县（市、区）", "省（区、市）市（区）县（市、区）"],
)
def test_missing(raw: str | None) -> None:
    result = normalize_region(raw)
    assert (result.value, result.status) == (None, "missing")


def test_explicit_none() -> None:
    assert normalize_region("无").status == "explicit_none"


def test_there_are_34_provincial_level_names_plus_the_corps() -> None:
    assert len(set(PROVINCES)) == 35
    assert "新疆生产建设兵团" in PROVINCES


@pytest.mark.parametrize("province", PROVINCES)
def test_every_province_round_trips(province: str) -> None:
    stems = {province, province.removesuffix("省").removesuffix("市")}
    for stem in stems:
        raw = f"{stem}省（区、市）某某市（区）某某县（市、区）"
        assert normalize_region(raw).value == region(province, "某某市", "某某县")
    assert normalize_region(f"{province} 某某市 某某区").value == region(province, "某某市", "某某区")


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("内蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        ("西藏", "西藏自治区"),
        ("宁夏", "宁夏回族自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("香港", "香港特别行政区"),
        ("北京", "北京市"),
        ("兵团", "新疆生产建设兵团"),
    ],
)
def test_short_province_names(short: str, full: str) -> None:
    value = normalize_region(f"{short}省（区、市）  市（区）  县（市、区）").value
    assert value is not None
    assert value["province"] == full
