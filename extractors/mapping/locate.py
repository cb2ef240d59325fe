"""Stage `locate_labels`: find the printed label of every field in the row stream.

Fields are searched in printed (catalogue) order inside their section's zone, from the position of the
previous field onwards, so repeated labels (联系人, 联系方式, 是否高于行业平均水平) resolve by order and
rows inserted by filers do not shift anything. A label matches a whole cell (`集群总产值（亿元）`) or the
start of a line followed by its value (`集群名称：XXX`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

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
    fuzzy: bool = False

    @property
    def exact(self) -> bool:
        return self.rest is None


_PREFIX = 2
FUZZY_LABEL_RATIO = 0.8


def _close_in_length(a: str, b: str) -> bool:
    return bool(a) and 0.7 <= len(a) / len(b) <= 1.4


def _similar(
    keyed: dict[str, list[Hit]], key: str, zone: Zone, excluded: frozenset[str]
) -> list[tuple[float, Hit]]:
    """Given hits by their text's key and a label key, return the zone's hits whose key resembles it."""
    scored: list[tuple[float, Hit]] = []
    for text_key, hits in keyed.items():
        if text_key in excluded or not _close_in_length(text_key, key):
            continue
        matcher = SequenceMatcher(None, text_key, key)
        if matcher.quick_ratio() < FUZZY_LABEL_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= FUZZY_LABEL_RATIO:
            scored.extend((ratio, h) for h in hits if zone.start <= h.row < zone.stop)
    return scored


class LabelIndex:
    """Every cell and line of the stream keyed for label lookup (built once per document)."""

    def __init__(self, rows: tuple[Row, ...]) -> None:
        self._cells: dict[str, list[Hit]] = defaultdict(list)
        self._lines: dict[str, list[tuple[str, Hit]]] = defaultdict(list)
        self._first_lines: dict[str, list[Hit]] = defaultdict(list)
        for row, slot in iter_slots(rows):
            self._cells[slot.key].append(Hit(row=row.index, slot=slot))
            for number, line in enumerate(slot.lines):
                key = label_key(line)
                self._lines[key[:_PREFIX]].append((key, Hit(row=row.index, slot=slot, line=number)))
            if len(slot.lines) > 1:
                self._first_lines[label_key(slot.lines[0])].append(Hit(row=row.index, slot=slot, rest=""))

    def similar(self, key: str, zone: Zone, excluded: frozenset[str]) -> list[tuple[float, Hit]]:
        """Given a label key, return whole cells in the zone that resemble it, and first lines of cells
        that resemble it (a label heading its options or value below, `工作三` for `工作：`), best first."""
        scored = _similar(self._cells, key, zone, excluded) + _similar(self._first_lines, key, zone, excluded)
        return sorted(scored, key=lambda pair: (-pair[0], pair[1].row))

    def find(self, key: str, zone: Zone) -> list[Hit]:
        """Given a label key and a zone, return every place the label occurs there, in order."""
        exact = [h for h in self._cells.get(key, ()) if zone.start <= h.row < zone.stop]
        exact_slots = {h.slot.uid for h in exact}
        hits = list(exact)
        for line_key, hit in self._lines.get(key[:_PREFIX], ()):
            if not zone.start <= hit.row < zone.stop or hit.slot.uid in exact_slots:
                continue
            if line_key.startswith(key):
                rest = split_label(hit.slot.lines[hit.line], key)
                if rest is not None:
                    hits.append(Hit(row=hit.row, slot=hit.slot, line=hit.line, rest=rest))
        return sorted(hits, key=lambda h: (h.row, h.slot.col, h.line))


class LabelLocator:
    """Assigns label hits to fields in printed order; a hit serves one field only."""

    def __init__(
        self, rows: tuple[Row, ...], zones: dict[str, Zone], form: FormId, label_keys: frozenset[str]
    ) -> None:
        self._index = LabelIndex(rows)
        self._label_keys = label_keys
        self._zones = zones
        self._form = form
        self._used: set[tuple[int, int]] = set()
        self._cursor: dict[str, int] = {}

    def locate(self, spec: FieldSpec, label: str | None = None) -> Hit | None:
        """Given a field (and optionally another label text), return its exact label hit or None."""
        zone = self._zones[spec.section]
        key = label_key(label or spec.label_for(self._form))
        free = [h for h in self._index.find(key, zone) if (h.slot.uid, h.line) not in self._used]
        cursor = self._cursor.get(spec.section, zone.start)
        hit = next((h for h in free if h.row >= cursor), free[0] if free else None)
        if hit is not None:
            self._claim(spec, hit)
        return hit

    def locate_all(self, specs: list[FieldSpec]) -> dict[str, Hit | None]:
        """Given fields in printed order, return their hits: exact labels first, then altered ones.

        Altered labels are matched after every exact one, best similarity first, so a fuzzy match never
        takes a cell that another field's exact or closer label owns.
        """
        hits = {spec.id: self.locate(spec) for spec in specs}
        candidates = [
            (ratio, spec, hit)
            for spec in specs
            if hits[spec.id] is None
            for ratio, hit in self._index.similar(
                label_key(spec.label_for(self._form)), self._zones[spec.section], self._label_keys
            )
        ]
        for _, spec, hit in sorted(candidates, key=lambda c: (-c[0], c[2].row)):
            if hits[spec.id] is None and (hit.slot.uid, hit.line) not in self._used:
                hits[spec.id] = Hit(row=hit.row, slot=hit.slot, line=hit.line, rest=hit.rest, fuzzy=True)
                self._claim(spec, hit)
        return hits

    def _claim(self, spec: FieldSpec, hit: Hit) -> None:
        self._used.add((hit.slot.uid, hit.line))
        self._cursor[spec.section] = max(hit.row, self._cursor.get(spec.section, 0))
