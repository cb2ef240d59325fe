"""Handlers for the green section's formula notes (（注：…需提供计算公式）), which have no printed blank."""

from __future__ import annotations

from extractors.mapping.coerce import raw_to_entry
from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField, single_entry
from extractors.mapping.labels import label_key, strip_printed
from extractors.mapping.stream import Row, Slot, iter_slots
from extractors.mapping.values import RawValue
from schema.catalog import FieldSpec


def _note_slot(ctx: MappingContext, key: str) -> tuple[Row, Slot] | None:
    zone = ctx.zones["green"]
    for row, slot in iter_slots(ctx.rows, zone.start, zone.stop):
        if key in label_key(slot.text.replace("（", "").replace("）", "").replace("(", "").replace(")", "")):
            return row, slot
    return None


def map_formula(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given a formula field, return what the filer wrote in or beside the printed note."""
    found = _note_slot(ctx, label_key(spec.label))
    if found is None:
        return None
    row, slot = found
    parts = [strip_printed(slot.text)] + [s.text for s in ctx.reader.value_slots(row, slot)]
    text = "\n".join(p for p in parts if p.strip())
    return single_entry(spec, raw_to_entry(spec, RawValue(text=text, provenance=slot.provenance)))
