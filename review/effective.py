"""The record an operator sees: the machine record with the current corrections, validated again (pure).

`corrected_record` applies the corrections to the machine reading, marking each corrected cell with the
machine value it replaced. `reviewed` then validates the corrected record again, so findings that depend
on a corrected value appear or disappear at once:
- findings of the reading (extraction: low_confidence, layout_changed, not_a_number …) stay, except on a
  corrected cell: the operator's value replaces the reading they doubted;
- findings of the validators are computed again from the corrected values;
- finding ids come from the file's content hash, rule, field, year and reason, so a finding that still
  stands keeps its id (and its decision).
The batch, the review station and the exports all call these functions: a correction never lives only in
a page or a sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import JsonValue

from cluster_intake.pipeline import validated
from schema.record import CorrectionNote, ExceptionItem, FieldEntry, Record, Status
from schema.rules_catalog import Profile
from validators.engine import reading_findings

SINGLE = ""
"""The year key of a correction of a field without years."""


@dataclass(frozen=True, slots=True)
class Correction:
    """The current corrected value of one cell (field, year) of one filing."""

    field: str
    year: str
    value: JsonValue
    status: Status
    text: str
    by: str
    at: str


def _corrected_entry(entry: FieldEntry, correction: Correction) -> FieldEntry:
    """Given a field entry and a correction of one of its cells, return the entry with the cell replaced."""
    notes = dict(entry.corrections or {})
    if correction.year == SINGLE:
        machine_status = entry.status if isinstance(entry.status, str) else "missing"
        notes[SINGLE] = CorrectionNote(
            machine_value=entry.value, machine_status=machine_status, by=correction.by, at=correction.at
        )
        return entry.model_copy(
            update={"value": correction.value, "status": correction.status, "corrections": notes}
        )
    values = dict(entry.value) if isinstance(entry.value, dict) else {}
    statuses = dict(entry.status) if isinstance(entry.status, dict) else {}
    notes[correction.year] = CorrectionNote(
        machine_value=values.get(correction.year),
        machine_status=statuses.get(correction.year, "missing"),
        by=correction.by,
        at=correction.at,
    )
    values[correction.year] = correction.value
    statuses[correction.year] = correction.status
    return entry.model_copy(update={"value": values, "status": statuses, "corrections": notes})


def corrected_record(record: Record, corrections: Sequence[Correction]) -> Record:
    """Given a machine record and the corrections of its cells, return the record with them applied and
    marked (a correction of a field the record's form does not have is ignored)."""
    fields = dict(record.fields)
    for correction in corrections:
        entry = fields.get(correction.field)
        if entry is not None:
            fields[correction.field] = _corrected_entry(entry, correction)
    return record.model_copy(update={"fields": fields})


def extraction_findings(
    record: Record, profile: Profile | None, run_date: date | None
) -> list[ExceptionItem]:
    """Given a machine record (with all its findings), return those of the reading (see
    `validators.engine.reading_findings`)."""
    return reading_findings(record, profile, run_date)


def reviewed(
    record: Record,
    corrections: Sequence[Correction],
    profile: Profile | None = None,
    run_date: date | None = None,
) -> Record:
    """Given a machine record, its corrections, the criteria and the date it was checked on, return the
    corrected record with its findings as they now stand (stable ids)."""
    if not corrections:
        return record
    cells = {(c.field, c.year or None) for c in corrections}
    kept = [
        item
        for item in extraction_findings(record, profile, run_date)
        if (item.field, item.year) not in cells and (item.field, None) not in cells
    ]
    base = corrected_record(record, corrections).model_copy(update={"exceptions": kept})
    return validated(base, profile, run_date)
