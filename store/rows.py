"""Convert between records / exceptions and the rows of the store's tables (both directions)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import cast

from pydantic import JsonValue
from sqlalchemy import Row

from schema.record import ExceptionItem, FieldEntry, Provenance, Record, Status

RowParams = dict[str, object]


def _provenance_json(provenance: Provenance | None) -> JsonValue:
    return provenance.model_dump(mode="json", exclude_none=True) if provenance else None


def _year_rows(field_id: str, entry: FieldEntry, statuses: Mapping[str, Status]) -> Iterator[RowParams]:
    values = entry.value if isinstance(entry.value, dict) else {}
    raws = entry.raw if isinstance(entry.raw, dict) else {}
    provenances = entry.provenance if isinstance(entry.provenance, dict) else {}
    for year, status in statuses.items():
        yield {
            "field_id": field_id,
            "year": year,
            "value": values.get(year),
            "status": status,
            "raw": raws.get(year),
            "provenance": _provenance_json(provenances.get(year)),
            "raw_by_year": isinstance(entry.raw, dict),
            "provenance_by_year": isinstance(entry.provenance, dict),
        }


def entry_rows(field_id: str, entry: FieldEntry) -> list[RowParams]:
    """Given one field entry, return its field_values rows: one per year for a year series, else one."""
    if isinstance(entry.status, dict):
        return list(_year_rows(field_id, entry, entry.status))
    provenance = entry.provenance if isinstance(entry.provenance, Provenance) else None
    raw = entry.raw if isinstance(entry.raw, str) else None
    return [
        {
            "field_id": field_id,
            "year": None,
            "value": entry.value,
            "status": entry.status,
            "raw": raw,
            "provenance": _provenance_json(provenance),
            "raw_by_year": False,
            "provenance_by_year": False,
        }
    ]


def value_rows(filing_id: int, record: Record) -> list[RowParams]:
    """Given a stored filing id and its record, return the field_values rows of every field."""
    return [
        {"filing_id": filing_id, **row}
        for field_id, entry in record.fields.items()
        for row in entry_rows(field_id, entry)
    ]


def exception_rows(
    filing_id: int, items: Sequence[ExceptionItem], batch: bool, run_id: int | None
) -> list[RowParams]:
    """Given a filing id and its exceptions, return the exceptions rows in finding order."""
    return [
        {
            "filing_id": filing_id,
            "batch": batch,
            "run_id": run_id,
            "position": position,
            "finding_id": item.id,
            "rule": item.rule,
            "reason": item.reason,
            "severity": item.severity,
            "field": item.field,
            "year": item.year,
            "message": item.message,
            "value": item.value,
            "location": _provenance_json(item.location),
            "related": list(item.related),
        }
        for position, item in enumerate(items)
    ]


def _provenance(data: object) -> Provenance | None:
    return Provenance.model_validate(data) if data else None


def _series_entry(rows: Sequence[Row[tuple[object, ...]]]) -> FieldEntry:
    years = [cast(str, row.year) for row in rows]
    raws = {year: cast(str | None, row.raw) for year, row in zip(years, rows, strict=True)}
    provenances = {year: _provenance(row.provenance) for year, row in zip(years, rows, strict=True)}
    return FieldEntry(
        value={year: cast(JsonValue, row.value) for year, row in zip(years, rows, strict=True)},
        status={year: cast(Status, row.status) for year, row in zip(years, rows, strict=True)},
        raw=raws if rows[0].raw_by_year else None,
        provenance=provenances if rows[0].provenance_by_year else None,
    )


def entry_from_rows(rows: Sequence[Row[tuple[object, ...]]]) -> FieldEntry:
    """Given the field_values rows of one field (in stored order), return its entry."""
    if rows[0].year is not None:
        return _series_entry(rows)
    row = rows[0]
    return FieldEntry(
        value=cast(JsonValue, row.value),
        status=cast(Status, row.status),
        raw=cast(str | None, row.raw),
        provenance=_provenance(row.provenance),
    )


def exception_from_row(row: Row[tuple[object, ...]]) -> ExceptionItem:
    """Given one exceptions row, return the exception item it stores."""
    return ExceptionItem.model_validate(
        {
            "id": row.finding_id,
            "rule": row.rule,
            "reason": row.reason,
            "severity": row.severity,
            "field": row.field,
            "year": row.year,
            "message": row.message,
            "value": row.value,
            "location": row.location or None,
            "related": row.related or [],
        }
    )
