"""所属地区 (province / city / county) as printed `__省（区、市）__市（区）__县（市、区）` and filled."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TypedDict

from normalizers.findings import Normalized
from normalizers.text import compact, is_blank, is_explicit_none, to_halfwidth


class Region(TypedDict):
    """JSON value of a region field: full names including the administrative suffix, or None."""

    province: str | None
    city: str | None
    county: str | None


PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
    "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区", "新疆生产建设兵团",
)  # fmt: skip
PROVINCE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
EXTRA_PROVINCE_ALIASES = MappingProxyType(
    {
        "新疆维吾尔": "新疆维吾尔自治区",
        "广西壮族": "广西壮族自治区",
        "宁夏回族": "宁夏回族自治区",
        "兵团": "新疆生产建设兵团",
    }
)
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
CITY_SUFFIXES = ("市", "自治州", "盟", "地区", "区")
COUNTY_SUFFIXES = ("区", "县", "市", "旗")
PROVINCE_SUFFIX, CITY_SUFFIX, COUNTY_SUFFIX = "省", "市", "县"

TEMPLATE_RE = re.compile(r"(?P<p>.*?)省\([^()]*\)(?P<c>.*?)市\([^()]*\)(?P<k>.*?)县\([^()]*\)", re.DOTALL)
PRINTED_HINT = r"\((?:区、市|区|市、区|县、区|省、市|市)\)"
REDUNDANT_SUFFIX_RE = re.compile(rf"(?<=[省市区县旗州盟])\s*[省市县]\s*{PRINTED_HINT}")
PRINTED_SUFFIX_RE = re.compile(rf"\s*([省市县])\s*{PRINTED_HINT}")
LABEL_RE = re.compile(r"^\s*所属地区\s*[:]?")
CITY_RE = re.compile(r"(?P<city>.+?(?:自治州|地区|市|盟))(?P<rest>.*)")


def province_aliases() -> Mapping[str, str]:
    """Given nothing, return every written form of a provincial-level name mapped to its full name."""
    aliases: dict[str, str] = {}
    for name in PROVINCES:
        aliases[name] = name
        stem = next((name[: -len(s)] for s in PROVINCE_SUFFIXES if name.endswith(s)), name)
        aliases[stem] = name
    return MappingProxyType(aliases | dict(EXTRA_PROVINCE_ALIASES))


PROVINCE_ALIASES = province_aliases()
PROVINCE_PREFIXES = tuple(sorted(PROVINCE_ALIASES, key=len, reverse=True))


def with_suffix(stem: str, suffix: str, kept: tuple[str, ...]) -> str | None:
    """Given a filled stem, return it with the printed suffix unless it already ends in one of `kept`."""
    if not stem:
        return None
    return stem if stem.endswith(kept) else stem + suffix


def full_province(stem: str) -> str | None:
    """Given a filled province stem (浙江, 上海, 内蒙古, 浙江省), return the full provincial-level name."""
    if not stem:
        return None
    return PROVINCE_ALIASES.get(stem) or with_suffix(stem, PROVINCE_SUFFIX, PROVINCE_SUFFIXES)


def region_from_stems(province: str, city: str, county: str) -> Region:
    """Given the three filled stems, return the region with printed suffixes applied."""
    return Region(
        province=full_province(province),
        city=with_suffix(city, CITY_SUFFIX, CITY_SUFFIXES),
        county=with_suffix(county, COUNTY_SUFFIX, COUNTY_SUFFIXES),
    )


def split_free_text(text: str) -> Region:
    """Given a region written without printed markers (浙江省杭州市余杭区), return its three parts.

    The province is recognised by the table, the city by its suffix; the rest is the county. A
    municipality written without a city (上海市嘉定区) gets the municipality as its city.
    """
    prefix = next((p for p in PROVINCE_PREFIXES if text.startswith(p)), "")
    rest = text[len(prefix) :]
    city_match = CITY_RE.fullmatch(rest)
    city, county = (city_match["city"], city_match["rest"]) if city_match else ("", rest)
    province = full_province(prefix)
    if not city and county and province in MUNICIPALITIES:
        city = province
    return region_from_stems(prefix, city, county)


def parse_region(text: str) -> Region:
    """Given the half-width text after 所属地区, return the region (template, spaced or free form)."""
    template = TEMPLATE_RE.fullmatch(compact(text))
    if template is not None:
        return region_from_stems(template["p"], template["c"], template["k"])
    loose = PRINTED_SUFFIX_RE.sub(r"\1 ", REDUNDANT_SUFFIX_RE.sub(" ", text))
    words = loose.split()
    if len(words) == len(Region.__annotations__):
        return region_from_stems(*words)
    return split_free_text(compact(loose))


def normalize_region(raw: str | None) -> Normalized[Region]:
    """Given the text after 所属地区：as printed and filled, return province / city / county full names.

    Filled stem + printed suffix (省/市/县) unless the stem already ends in an administrative suffix;
    provinces go through the table of provincial-level names. Blank parts → None; all blank → missing.
    """
    if raw is None or is_blank(raw):
        return Normalized(None, "missing")
    text = LABEL_RE.sub("", to_halfwidth(raw))
    if is_explicit_none(text):
        return Normalized(None, "explicit_none", raw=raw)
    region = parse_region(text)
    if not any(region.values()):
        return Normalized(None, "missing")
    return Normalized(region, "present", raw=raw)
