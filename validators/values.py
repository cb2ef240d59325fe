"""Typed accessors over one FieldEntry: status, number, text, choice and location for a year."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import JsonValue

from schema.record import FieldEntry, Provenance, Status


@dataclass(frozen=True, slots=True)
class NamedCount:
    """The 数量：__个 名称：__ pattern."""

    count: int | None
    names: tuple[str, ...]


def status_at(entry: FieldEntry | None, year: str | None = None) -> Status:
    """Given an entry (absent = None) and a year key, return that cell's status."""
    if entry is None:
        return "missing"
    if isinstance(entry.status, dict):
        return entry.status.get(year or "", "missing")
    return entry.status


def value_at(entry: FieldEntry | None, year: str | None = None) -> JsonValue:
    """Given an entry and a year key, return the cell's value when its status is present, else None."""
    if entry is None or status_at(entry, year) != "present":
        return None
    if isinstance(entry.status, dict):
        return entry.value.get(year or "") if isinstance(entry.value, dict) else None
    return entry.value


def raw_at(entry: FieldEntry | None, year: str | None = None) -> str | None:
    """Given an entry and a year key, return the text read in that cell (verbatim), when kept."""
    if entry is None or entry.raw is None:
        return None
    if isinstance(entry.raw, dict):
        return entry.raw.get(year or "")
    return entry.raw


def as_number(value: JsonValue) -> float | None:
    """Given a JSON value, return it as a float when it is a number (booleans are not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def number_at(entry: FieldEntry | None, year: str | None = None) -> float | None:
    """Given an entry and a year key, return the present number there, else None."""
    return as_number(value_at(entry, year))


def text_at(entry: FieldEntry | None) -> str | None:
    """Given a text-like entry, return its present string value, else None."""
    value = value_at(entry)
    return value if isinstance(value, str) else None


def ticked(entry: FieldEntry | None) -> tuple[str, ...]:
    """Given a choice or multi_choice entry, return the ticked option ids (present values only)."""
    value = value_at(entry)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def named_count_at(entry: FieldEntry | None) -> NamedCount | None:
    """Given a named_count entry, return its count and names when present."""
    value = value_at(entry)
    if not isinstance(value, dict):
        return None
    count = value.get("count")
    names = value.get("names")
    return NamedCount(
        count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        names=tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else (),
    )


def region_part(entry: FieldEntry | None, part: str) -> str | None:
    """Given a region entry and "province"/"city"/"county", return that name when present."""
    value = value_at(entry)
    name = value.get(part) if isinstance(value, dict) else None
    return name if isinstance(name, str) and name else None


def location_at(entry: FieldEntry | None, year: str | None = None) -> Provenance | None:
    """Given an entry and a year key, return the provenance of that cell (per-year maps included)."""
    if entry is None or entry.provenance is None:
        return None
    if isinstance(entry.provenance, dict):
        return entry.provenance.get(year or "")
    return entry.provenance
