"""Compare a record with its ground truth by the spec's scoring conventions (README "Scoring").

Numbers equal after rounding to 2 places; text after removing whitespace and folding width;
multi_choice as sets; named_count names as multisets; explicit_none ≡ empty for named_count and
multi_choice; target rows matched by indicator_id, then by (direction, indicator); scan_only fields
skipped for text-only sources. Status must match as well as value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import JsonValue

from normalizers.numbers import round_half_up
from normalizers.text import compact, to_halfwidth
from schema.catalog import FieldCatalogue, FieldSpec

_PUNCT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "，": ",", "：": ":", "；": ";", "。": "."})


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One field (or one year of it) where record and truth differ."""

    field: str
    year: str | None
    got: JsonValue
    expected: JsonValue

    def __str__(self) -> str:
        where = f"{self.field}[{self.year}]" if self.year else self.field
        return f"{where}: got {self.got!r}, expected {self.expected!r}"


@dataclass(frozen=True, slots=True)
class Score:
    """Fields compared, fields wrong, and the checkbox-group share of both."""

    compared: int
    mismatches: tuple[Mismatch, ...]
    choice_groups: int
    choice_wrong: int

    @property
    def accuracy(self) -> float:
        return 1 - len(self.mismatches) / self.compared if self.compared else 1.0


def _text_key(value: str) -> str:
    return compact(to_halfwidth(value)).translate(_PUNCT)


def _empty_equivalent(spec: FieldSpec, value: JsonValue, status: JsonValue) -> tuple[JsonValue, JsonValue]:
    if status == "explicit_none" and spec.type == "named_count":
        return {"count": 0, "names": []}, "present"
    if status == "explicit_none" and spec.type == "multi_choice":
        return [], "present"
    return value, status


def values_equal(spec: FieldSpec, got: JsonValue, expected: JsonValue) -> bool:
    """Given a field and two values, return whether they are equal under the scoring conventions."""
    if got is None or expected is None:
        return got is None and expected is None
    if spec.is_numeric or isinstance(expected, int | float):
        return _numbers_equal(got, expected)
    if spec.type == "multi_choice" and isinstance(got, list) and isinstance(expected, list):
        return set(map(str, got)) == set(map(str, expected))
    if spec.type == "named_count" and isinstance(got, dict) and isinstance(expected, dict):
        return got.get("count") == expected.get("count") and _names(got) == _names(expected)
    if spec.type == "target_table" and isinstance(got, list) and isinstance(expected, list):
        return _target_rows_equal(got, expected)
    return _generic_equal(got, expected)


def _numbers_equal(got: JsonValue, expected: JsonValue) -> bool:
    if isinstance(got, bool) or not isinstance(got, int | float) or not isinstance(expected, int | float):
        return got == expected
    return round_half_up(got) == round_half_up(expected)


def _names(value: Mapping[str, JsonValue]) -> Counter[str]:
    names = value.get("names") or []
    return Counter(_text_key(str(n)) for n in names) if isinstance(names, list) else Counter()


def _generic_equal(got: JsonValue, expected: JsonValue) -> bool:
    if isinstance(got, str) and isinstance(expected, str):
        return _text_key(got) == _text_key(expected)
    if isinstance(got, dict) and isinstance(expected, dict):
        keys = got.keys() | expected.keys()
        return all(_generic_equal(got.get(k), expected.get(k)) for k in keys)
    if isinstance(got, int | float) and isinstance(expected, int | float):
        return _numbers_equal(got, expected)
    return got == expected


def _row_key(row: JsonValue) -> tuple[str, ...]:
    if not isinstance(row, dict):
        return ("?",)
    if row.get("indicator_id"):
        return ("id", str(row["indicator_id"]))
    return ("text", _text_key(str(row.get("direction") or "")), _text_key(str(row.get("indicator") or "")))


def _target_rows_equal(got: list[JsonValue], expected: list[JsonValue]) -> bool:
    if len(got) != len(expected):
        return False
    by_key = {_row_key(row): row for row in got}
    for row in expected:
        match = by_key.get(_row_key(row))
        if match is None or not isinstance(row, dict) or not isinstance(match, dict):
            return False
        if any(
            not _generic_equal(match.get(k), row.get(k)) for k in ("baseline", "target", "actual", "unit")
        ):
            return False
    return True


def _compare_entry(
    spec: FieldSpec, got: Mapping[str, JsonValue], expected: Mapping[str, JsonValue]
) -> list[Mismatch]:
    if spec.years:
        return [m for year in spec.year_keys for m in _compare_year(spec, got, expected, year)]
    value, status = _empty_equivalent(spec, got.get("value"), got.get("status"))
    want_value, want_status = _empty_equivalent(spec, expected.get("value"), expected.get("status"))
    if status != want_status or not values_equal(spec, value, want_value):
        return [
            Mismatch(
                spec.id,
                None,
                {"value": value, "status": status},
                {"value": want_value, "status": want_status},
            )
        ]
    return []


def _compare_year(
    spec: FieldSpec, got: Mapping[str, JsonValue], expected: Mapping[str, JsonValue], year: str
) -> list[Mismatch]:
    def part(entry: Mapping[str, JsonValue], key: str) -> JsonValue:
        mapping = entry.get(key)
        return mapping.get(year) if isinstance(mapping, dict) else None

    pair = (part(got, "value"), part(got, "status"))
    want = (part(expected, "value"), part(expected, "status"))
    if pair[1] != want[1] or not values_equal(spec, pair[0], want[0]):
        return [
            Mismatch(
                spec.id, year, {"value": pair[0], "status": pair[1]}, {"value": want[0], "status": want[1]}
            )
        ]
    return []


def score_record(
    record: Mapping[str, JsonValue],
    truth: Mapping[str, JsonValue],
    catalogue: FieldCatalogue,
    *,
    text_only: bool = True,
) -> Score:
    """Given a record's JSON and its truth JSON, return the comparison of every scored field."""
    got_fields = record.get("fields")
    want_fields = truth.get("fields")
    if not isinstance(got_fields, dict) or not isinstance(want_fields, dict):
        raise ValueError("record and truth need a 'fields' mapping")
    mismatches: list[Mismatch] = []
    compared = choice_groups = choice_wrong = 0
    for field_id, expected in want_fields.items():
        spec = catalogue.field(field_id)
        if (text_only and spec.scan_only) or not isinstance(expected, dict):
            continue
        got = got_fields.get(field_id)
        wrong = _compare_entry(spec, got if isinstance(got, dict) else {}, expected)
        compared += len(spec.years) or 1
        mismatches.extend(wrong)
        if spec.type in ("choice", "multi_choice"):
            choice_groups += 1
            choice_wrong += bool(wrong)
    return Score(compared, tuple(mismatches), choice_groups, choice_wrong)
