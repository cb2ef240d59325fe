"""Assemble the truth record (spec README "Record shape") from a finished draft."""

from __future__ import annotations

from sample_docs.builder.filling import slot_key
from sample_docs.generator.draft import Draft, Entry, Json
from schema.catalog import FieldSpec, load_field_catalogue

SPEC_VERSION = 1
MISSING = Entry(None, "missing")


def _field_truth(draft: Draft, spec: FieldSpec) -> dict[str, Json]:
    """Given a field, return its {"value", "status"} (per-year maps for year series)."""
    if not spec.years:
        entry = draft.entries.get(spec.id, MISSING)
        return {"value": entry.value, "status": entry.status}
    entries = {y: draft.entries.get(slot_key(spec.id, y), MISSING) for y in spec.year_keys}
    values: dict[str, Json] = {y: e.value for y, e in entries.items()}
    statuses: dict[str, Json] = {y: e.status for y, e in entries.items()}
    return {"value": values, "status": statuses}


def truth_record(draft: Draft, source: str, clean: bool) -> dict[str, Json]:
    """Given a finished draft and its file name, return the truth record with clean/planted/render keys."""
    fields: dict[str, Json] = {
        spec.id: _field_truth(draft, spec) for spec in load_field_catalogue().fields_for(draft.form)
    }
    return {
        "spec_version": SPEC_VERSION,
        "form": draft.form,
        "source": source,
        "fields": fields,
        "clean": clean,
        "planted": [p.to_json() for p in draft.planted],
        "render": dict(draft.render),
    }


def unfilled_ids(draft: Draft) -> list[str]:
    """Given a draft, return the ids of its form that have no truth recorded (should be none)."""
    missing = []
    for spec in load_field_catalogue().fields_for(draft.form):
        keys = [slot_key(spec.id, y) for y in spec.year_keys] or [spec.id]
        if any(k not in draft.entries for k in keys):
            missing.append(spec.id)
    return missing
