"""Value-shape checks of a truth record, per field type (spec README "Types and JSON value shapes")."""

from __future__ import annotations

import re
from collections.abc import Callable

from schema.catalog import FieldSpec

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
STATUSES = {"present", "explicit_none", "missing", "unreadable", "invalid"}
Check = Callable[[FieldSpec, object], bool]


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _multi(spec: FieldSpec, value: object) -> bool:
    options = list(spec.options)
    return (
        isinstance(value, list)
        and all(v in options for v in value)
        and [options.index(v) for v in value] == sorted(options.index(v) for v in value)
    )


def _named(spec: FieldSpec, value: object) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"count", "names"}
        and (value["count"] is None or isinstance(value["count"], int))
        and isinstance(value["names"], list)
        and all(isinstance(n, str) and n for n in value["names"])
    )


def _row(spec: FieldSpec, row: object) -> bool:
    keys = {"direction", "indicator", "indicator_id", "baseline", "target", "unit"} | (
        {"actual"} if "actual" in spec.columns else set()
    )
    if not isinstance(row, dict) or set(row) != keys:
        return False
    cells_ok = all(row[k] is None or isinstance(row[k], str) or _number(row[k]) for k in spec.columns)
    return (
        row["direction"] in spec.directions
        and cells_ok
        and (row["indicator_id"] is None or row["indicator_id"] in spec.indicators)
    )


def _region(spec: FieldSpec, value: object) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"province", "city", "county"}
        and all(v is None or isinstance(v, str) for v in value.values())
    )


CHECKS: dict[str, Check] = {
    "text": lambda s, v: isinstance(v, str) and v == v.strip() and bool(v),
    "long_text": lambda s, v: isinstance(v, str) and bool(v),
    "phone": lambda s, v: isinstance(v, str) and " " not in v,
    "integer": lambda s, v: isinstance(v, int) and not isinstance(v, bool),
    "decimal": lambda s, v: _number(v) and round(float(v), 2) == v,
    "percent": lambda s, v: _number(v) and round(float(v), 2) == v,
    "choice": lambda s, v: v in s.options,
    "multi_choice": _multi,
    "named_count": _named,
    "target_table": lambda s, v: isinstance(v, list) and all(_row(s, r) for r in v),
    "date": lambda s, v: isinstance(v, str) and bool(DATE.match(v)),
    "region": _region,
    "boolean": lambda s, v: isinstance(v, bool),
}


def entry_problems(spec: FieldSpec, value: object, status: object) -> list[str]:
    """Given one (value, status) of a field, return what is wrong with it (empty when fine)."""
    if status not in STATUSES:
        return [f"{spec.id}: bad status {status!r}"]
    if status != "present":
        return [] if value is None else [f"{spec.id}: {status} with a value"]
    return [] if CHECKS[spec.type](spec, value) else [f"{spec.id}: bad {spec.type} value {value!r}"]


def field_problems(spec: FieldSpec, entry: object) -> list[str]:
    """Given a field's truth entry, return its problems (year series checked per year)."""
    if not isinstance(entry, dict) or set(entry) != {"value", "status"}:
        return [f"{spec.id}: entry must have exactly value and status"]
    value, status = entry["value"], entry["status"]
    if not spec.years:
        return entry_problems(spec, value, status)
    years = set(spec.year_keys)
    if not (isinstance(value, dict) and isinstance(status, dict) and set(value) == years == set(status)):
        return [f"{spec.id}: year series must key value and status by {sorted(years)}"]
    return [p for y in spec.year_keys for p in entry_problems(spec, value[y], status[y])]
