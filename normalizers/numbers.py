"""Numeric cells (integer, decimal, percent): separators, signs, units, rounding and their findings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Literal

from normalizers.findings import Finding, Normalized
from normalizers.text import compact, is_blank, is_explicit_none, to_halfwidth
from normalizers.units import ONE, unit_factor

NumberKind = Literal["integer", "decimal", "percent"]
PLACES = 2
MINUS_TABLE = MappingProxyType(str.maketrans(dict.fromkeys("−–—﹣‐", "-")))
TRAILING_PAREN_RE = re.compile(r"(?:\([^()]*\))+$")
TRAILING_STOPS = "。.,;"
NUMBER_RE = re.compile(
    r"(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d*)(?:\.(?P<frac>\d+))?(?P<rest>.*)", re.DOTALL
)
APPROX_RE = re.compile(r"左右|以上|以下|以内|上下|多|余|约|近|超|不足|不到|至|到|或")
NOT_UNIT_RE = re.compile(r"[\d+\-<>≥≤≈~=]")
UNIT_TEXT_RE = re.compile(r"[A-Za-z\u4e00-\u9fff%‰/²³·]+")
NO_UNIT = ""
NUMBER_START_RE = re.compile(r"[+-]?[\d.]")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from a cell: its exact value, the decimal places written and the unit text after it."""

    value: Decimal
    places: int
    unit: str


def round_half_up(x: float | Decimal, places: int = PLACES) -> float:
    """Given a number, return it rounded half-up (away from zero on ties) to `places` decimals.

    Floats go through their shortest repr, so 2.345 → 2.35 and −2.345 → −2.35.
    """
    exact = x if isinstance(x, Decimal) else Decimal(repr(x))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def clean_number_text(raw: str) -> str:
    """Given a cell text, return it compacted, half-width, with one minus sign and no trailing remark."""
    text = compact(to_halfwidth(raw)).translate(MINUS_TABLE)
    return TRAILING_PAREN_RE.sub("", text).rstrip(TRAILING_STOPS)


def split_number(raw: str) -> ParsedNumber | None:
    """Given a cell text, return the leading number and the unit text after it (None if not a number)."""
    match = NUMBER_RE.fullmatch(clean_number_text(raw))
    if match is None or not (match["int"] or match["frac"]):
        return None
    rest = match["rest"]
    if rest and (APPROX_RE.search(rest) or NOT_UNIT_RE.search(rest) or not UNIT_TEXT_RE.fullmatch(rest)):
        return None
    digits = match["int"].replace(",", "") or "0"
    frac = match["frac"] or ""
    value = Decimal(f"{match['sign']}{digits}.{frac or '0'}")
    return ParsedNumber(value, len(frac.rstrip("0")) and len(frac), rest)


def parse_plain_number(raw: str) -> float | None:
    """Given a cell text such as "15%", "1,234.5万元" or "-3.2", return its number as written.

    No unit conversion and no rounding; None when the text is not a single number (≥10%, 10-20, 约20).
    """
    parsed = split_number(raw)
    return None if parsed is None else float(parsed.value)


def blank_or_none(raw: str, kind: NumberKind, unit: str | None) -> Normalized[float | int] | None:
    """Given a numeric cell, return missing / explicit_none when nothing but remnants or 无 is written.

    Printed remnants alone (（需提供清单…）, the printed 个 or %) count as blank.
    """
    if is_blank(raw):
        return Normalized(None, "missing")
    cleaned = clean_number_text(raw)
    if not cleaned or (not NUMBER_START_RE.match(cleaned) and unit_factor(cleaned, unit, kind) is not None):
        return Normalized(None, "missing")
    if is_explicit_none(raw) or is_explicit_none(cleaned):
        return Normalized(None, "explicit_none", raw=raw)
    return None


def invalid(raw: str, finding: Finding) -> Normalized[float | int]:
    """Given the raw text and the reason, return an invalid Normalized number."""
    return Normalized(None, "invalid", raw=raw, findings=(finding,))


def converted_value(value: Decimal, kind: NumberKind) -> float | int:
    """Given an exact value in the field unit, return it as int (integer) or rounded float."""
    return int(value) if kind == "integer" else round_half_up(value)


def number_findings(
    raw: str, parsed: ParsedNumber, factor: Decimal, result: float | int, unit: str
) -> tuple[Finding, ...]:
    """Given a parsed number and its conversion, return unit_converted / decimal_places findings."""
    if factor != ONE:
        return (Finding("unit_converted", {"raw": raw, "unit": unit, "value": result}),)
    if parsed.places not in (0, PLACES):
        return (Finding("decimal_places", {"raw": raw}),)
    return ()


def read_number(raw: str, kind: NumberKind, unit: str | None) -> Normalized[float | int]:
    """Given a non-blank numeric cell, return the number in the field unit, or invalid with the reason."""
    written = raw.strip()
    parsed = split_number(raw)
    if parsed is None:
        return invalid(raw, Finding("not_a_number", {"raw": written}))
    factor = unit_factor(parsed.unit, unit, kind)
    if factor is None:
        return invalid(raw, Finding("unit_unknown", {"raw_unit": parsed.unit, "unit": unit or NO_UNIT}))
    exact = parsed.value * factor
    if kind == "integer" and exact != exact.to_integral_value():
        return invalid(raw, Finding("integer_expected", {"raw": written}))
    result = converted_value(exact, kind)
    return Normalized(
        result, "present", raw=raw, findings=number_findings(written, parsed, factor, result, unit or NO_UNIT)
    )


def normalize_number(raw: str | None, kind: NumberKind, unit: str | None) -> Normalized[float | int]:
    """Given a numeric cell as written, its kind and the field unit, return the number in the field unit.

    Blank or printed remnants only → missing; 无 / — / ／ → explicit_none; integers are returned as int,
    decimals and percents as floats rounded half-up to 2 places (percents are never rescaled).
    Decimal places: a number written with no decimals or with only zero decimals (40, 40.0) is accepted;
    any other number of written places than 2 (12.5, 12.345, 12.500) raises decimal_places. After a unit
    conversion (3500万元 in an 亿元 row → 0.35) only unit_converted is raised.
    Integers: 12 and 12.0 → 12; 12.5 → invalid + integer_expected. Text (约20, 20左右, 二十, 10-20, ≥10%)
    → invalid + not_a_number; a unit that cannot be converted (12美元 in a 万元 row) → invalid + unit_unknown.
    """
    if raw is None:
        return Normalized(None, "missing")
    return blank_or_none(raw, kind, unit) or read_number(raw, kind, unit)
