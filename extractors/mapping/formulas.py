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
    text = "\n".join(p for p in parts if p.strip()) or continued_text(ctx, row, slot)
    return single_entry(spec, raw_to_entry(spec, RawValue(text=text, provenance=slot.provenance)))


def continued_text(ctx: MappingContext, row: Row, slot: Slot) -> str:
    """The text of the note's cell continued on the next page: the next row of the same table, on a
    later page, whose only new cell lies in the note's column (its label cell spans down to it)."""
    following = ctx.rows[row.index + 1] if row.index + 1 < len(ctx.rows) else None
    if following is None or following.table != row.table:
        return ""
    spanning = {s.uid for s in row.slots}
    fresh = [s for s in following.slots if s.uid not in spanning]
    if len(fresh) != 1 or fresh[0].col != slot.col:
        return ""
    later = (fresh[0].provenance.page or 0) > (slot.provenance.page or 0)
    return fresh[0].text.strip() if later else ""
