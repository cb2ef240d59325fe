"""Stage `raw_to_entry`: a field's raw text to its typed record entry, through the normalisers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import JsonValue

from extractors.mapping.choices import Mark, OptionReading, text_to_option_reading
from extractors.mapping.labels import strip_printed
from extractors.mapping.values import RawValue
from normalizers.dates import normalize_date
from normalizers.findings import Finding, Normalized
from normalizers.named_count import normalize_named_count
from normalizers.numbers import NumberKind, normalize_number
from normalizers.phones import normalize_phone
from normalizers.region import normalize_region
from normalizers.text import normalize_long_text, normalize_text, one_line
from schema.catalog import FieldSpec
from schema.record import Provenance

_NUMBER_KINDS: dict[str, NumberKind] = {"integer": "integer", "decimal": "decimal", "percent": "percent"}
Coercer = Callable[[FieldSpec, RawValue], Normalized[JsonValue]]
_YEAR_HEADING = re.compile(r"(19|20)\d\d\s*年(度)?")


@dataclass(frozen=True, slots=True)
class Coerced:
    """One normalised value with its provenance (the unit of a record entry or of one year)."""

    normalized: Normalized[JsonValue]
    provenance: Provenance | None


def _text(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    return _widen(normalize_text(None if raw.text is None else one_line(strip_printed(raw.text))))


def _long_text(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    if raw.text is None:
        return Normalized(None, "missing")
    lines = raw.lines or tuple(raw.text.split("\n"))
    return _widen(normalize_long_text([strip_printed(line) for line in lines]))


def _number(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    text = None if raw.text is None else without_year_heading(strip_printed(raw.text))
    return _widen(normalize_number(text, _NUMBER_KINDS[spec.type], spec.unit))


def without_year_heading(text: str) -> str:
    """Given a number cell's text, return it without a first line that is only a year (`2022年` over
    `154家`: a header row merged into the cell when the rule between them was lost)."""
    lines = text.split("\n")
    if len(lines) > 1 and _YEAR_HEADING.fullmatch(lines[0].strip()):
        return "\n".join(lines[1:])
    return text


def _date(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    return _widen(normalize_date(raw.text))


def _phone(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    return _widen(normalize_phone(raw.text))


def _region(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    result = normalize_region(raw.text)
    region = result.value
    value: JsonValue = None
    if region is not None:
        value = {"province": region["province"], "city": region["city"], "county": region["county"]}
    return Normalized(value, result.status, result.raw, result.findings)


def _named_count(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    result = normalize_named_count(None if raw.text is None else strip_printed(raw.text))
    value: JsonValue = None
    if result.value is not None:
        value = {"count": result.value["count"], "names": list(result.value["names"])}
    return Normalized(value, result.status, result.raw, result.findings)


def _choice(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    if raw.text is None or not raw.text.strip():
        return Normalized(None, "missing", raw=raw.text)
    reading = text_to_option_reading(raw.text, spec.options)
    marks = reading.marks
    ticked = [oid for oid, mark in marks.items() if mark is Mark.TICKED]
    if len(ticked) > 1:
        names = "、".join(spec.options[oid] for oid in ticked)
        return Normalized(None, "invalid", raw.text, (Finding("choice_multiple_ticked", {"options": names}),))
    if Mark.UNKNOWN in marks.values():
        return _with_unknown(spec, raw.text, ticked)
    if ticked:
        return Normalized(ticked[0], "present", raw.text, _placed(spec, reading))
    findings = _absent_options(spec, marks) + _unboxed(spec, marks) + _placed(spec, reading)
    return Normalized(None, "missing", raw.text, findings)


def _with_unknown(spec: FieldSpec, text: str, ticked: list[str]) -> Normalized[JsonValue]:
    """A single choice with a mark nobody could decide: the one option ticked plainly is the answer
    (only one may be ticked; the undecided box is most often a seal or a speck over an empty one),
    reported with the unknown mark so the operator confirms it; with none ticked it is unreadable."""
    if len(ticked) == 1:
        return Normalized(ticked[0], "present", text, (_unknown_mark(spec),))
    return Normalized(None, "unreadable", text, (_unknown_mark(spec),))


def _multi_choice(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    if raw.text is None:
        return Normalized(None, "missing")
    reading = text_to_option_reading(raw.text, spec.options)
    marks = reading.marks
    ticked: list[JsonValue] = [oid for oid, mark in marks.items() if mark is Mark.TICKED]
    findings = _absent_options(spec, marks) + _unboxed(spec, marks) + _placed(spec, reading)
    if Mark.UNKNOWN in marks.values():
        findings += (_unknown_mark(spec),)
    return Normalized(ticked, "present", raw.text, findings)


def _absent_options(spec: FieldSpec, marks: dict[str, Mark]) -> tuple[Finding, ...]:
    absent = [spec.options[oid] for oid, mark in marks.items() if mark is Mark.ABSENT]
    if not absent:
        return ()
    detail = f"“{spec.label}”中未找到选项：{'、'.join(absent)}"
    return (Finding("layout_changed", {"detail": detail}),)


def _unboxed(spec: FieldSpec, marks: dict[str, Mark]) -> tuple[Finding, ...]:
    if Mark.UNBOXED not in marks.values():
        return ()
    detail = f"“{spec.label}”的选项前没有勾选框，无法确认勾选情况，请核对原件"
    return (Finding("layout_changed", {"detail": detail}),)


def _placed(spec: FieldSpec, reading: OptionReading) -> tuple[Finding, ...]:
    if not reading.placed:
        return ()
    names = "、".join(spec.options[oid] for oid in reading.placed)
    detail = f"“{spec.label}”中选项“{names}”的文字未能识别，已按勾选框的位置判断，请核对原件"
    return (Finding("layout_changed", {"detail": detail}),)


def _unknown_mark(spec: FieldSpec) -> Finding:
    return Finding("layout_changed", {"detail": f"“{spec.label}”中有无法识别的勾选符号，请核对原件"})


def _seal(spec: FieldSpec, raw: RawValue) -> Normalized[JsonValue]:
    return Normalized(None, "missing")


def _widen(result: Normalized[str] | Normalized[float | int]) -> Normalized[JsonValue]:
    return Normalized(result.value, result.status, result.raw, result.findings)


COERCERS: dict[str, Coercer] = {
    "text": _text,
    "long_text": _long_text,
    "integer": _number,
    "decimal": _number,
    "percent": _number,
    "date": _date,
    "phone": _phone,
    "region": _region,
    "named_count": _named_count,
    "choice": _choice,
    "multi_choice": _multi_choice,
    "boolean": _seal,
}


def raw_to_entry(spec: FieldSpec, raw: RawValue) -> Coerced:
    """Given a field and its raw value, return the normalised value with its provenance."""
    return Coerced(COERCERS[spec.type](spec, raw), raw.provenance)
