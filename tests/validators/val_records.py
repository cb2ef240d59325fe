"""Test helpers: load the clean fixtures, patch one field, run validate and pick findings."""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path

from pydantic import JsonValue

from schema.catalog import FormId
from schema.record import ExceptionItem, Record, Status
from schema.rules_catalog import Profile
from validators import validate

DATA = Path(__file__).parent / "data"
RUN_DATE = datetime.date(2025, 6, 1)
Hit = tuple[str | None, str | None]


@cache
def _clean_json(form: FormId) -> str:
    return (DATA / f"clean_{form}.json").read_text(encoding="utf-8")


def clean(form: FormId = "application") -> Record:
    """Given a form id, return a fresh copy of the clean record of that form."""
    return Record.model_validate(json.loads(_clean_json(form)))


def patched(
    record: Record, field_id: str, value: JsonValue, *, year: str | None = None, status: Status = "present"
) -> Record:
    """Given a record, return a copy with one field (or one year of it) set to value/status."""
    copy = record.model_copy(deep=True)
    entry = copy.fields[field_id]
    if year is None:
        entry.value, entry.status = value, status
        return copy
    assert isinstance(entry.value, dict) and isinstance(entry.status, dict)
    entry.value[year] = value
    entry.status[year] = status
    return copy


def patch_row(record: Record, field_id: str, indicator_id: str, **cells: JsonValue) -> Record:
    """Given a record, return a copy with cells of one target-table row replaced."""
    copy = record.model_copy(deep=True)
    rows = copy.fields[field_id].value
    assert isinstance(rows, list)
    for row in rows:
        if isinstance(row, dict) and row.get("indicator_id") == indicator_id:
            row.update(cells)
    return copy


def drop_row(record: Record, field_id: str, indicator_id: str) -> Record:
    """Given a record, return a copy without the target-table row of one indicator."""
    copy = record.model_copy(deep=True)
    rows = copy.fields[field_id].value
    assert isinstance(rows, list)
    copy.fields[field_id].value = [
        r for r in rows if not (isinstance(r, dict) and r.get("indicator_id") == indicator_id)
    ]
    return copy


def run(record: Record, profile: Profile | None = None) -> list[ExceptionItem]:
    """Given a record, return validate()'s findings with the tests' fixed run date."""
    return validate(record, profile, run_date=RUN_DATE)


def hits(items: list[ExceptionItem], rule: str) -> list[Hit]:
    """Given findings, return (field, year) of those of one rule."""
    return [(item.field, item.year) for item in items if item.rule == rule]


def only(items: list[ExceptionItem], rule: str) -> ExceptionItem:
    """Given findings, return the single finding of one rule (fails otherwise)."""
    found = [item for item in items if item.rule == rule]
    assert len(found) == 1, found
    return found[0]


def problems(items: list[ExceptionItem]) -> list[ExceptionItem]:
    """Given findings, return the errors and warnings."""
    return [item for item in items if item.severity != "info"]
