"""Stage `locate_labels`: find the printed label of every field in the row stream.

Fields are searched in printed (catalogue) order inside their section's zone, from the position of the
previous field onwards, so repeated labels (联系人, 联系方式, 是否高于行业平均水平) resolve by order and
rows inserted by filers do not shift anything. A label matches a whole cell (`集群总产值（亿元）`) or the
start of a line followed by its value (`集群名称：XXX`).
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.mapping.labels import label_key, split_label
from extractors.mapping.sections import Zone
from extractors.mapping.stream import Row, Slot, iter_slots
from schema.catalog import FieldSpec, FormId


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a field's label was found: row, slot, line, and the text after the label on that line."""

    row: int
    slot: Slot
    line: int = 0
    rest: str | None = None

    @property
    def exact(self) -> bool:
        return self.rest is None


def _slot_hits(row: Row, slot: Slot, key: str) -> list[Hit]:
    if slot.key == key:
        return [Hit(row=row.index, slot=slot)]
    hits = []
    for number, line in enumerate(slot.lines):
        if not label_key(line).startswith(key):
            continue
        rest = split_label(line, key)
        if rest is not None:
            hits.append(Hit(row=row.index, slot=slot, line=number, rest=rest))
    return hits


def find_label(rows: tuple[Row, ...], key: str, zone: Zone) -> list[Hit]:
    """Given a label key and a zone, return every place the label occurs there, in order."""
    hits: list[Hit] = []
    for row, slot in iter_slots(rows, zone.start, zone.stop):
        hits.extend(_slot_hits(row, slot, key))
    return hits


class LabelLocator:
    """Assigns label hits to fields in printed order; a hit serves one field only."""

    def __init__(self, rows: tuple[Row, ...], zones: dict[str, Zone], form: FormId) -> None:
        self._rows = rows
        self._zones = zones
        self._form = form
        self._used: set[tuple[int, int]] = set()
        self._cursor: dict[str, int] = {}

    def locate(self, spec: FieldSpec, label: str | None = None) -> Hit | None:
        """Given a field (and optionally another label text), return its label hit or None."""
        zone = self._zones[spec.section]
        key = label_key(label or spec.label_for(self._form))
        free = [h for h in find_label(self._rows, key, zone) if (h.slot.uid, h.line) not in self._used]
        cursor = self._cursor.get(spec.section, zone.start)
        hit = next((h for h in free if h.row >= cursor), free[0] if free else None)
        if hit is not None:
            self._used.add((hit.slot.uid, hit.line))
            self._cursor[spec.section] = hit.row
        return hit
