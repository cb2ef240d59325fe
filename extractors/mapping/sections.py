"""Stage `rows_to_zones`: where each printed section (封面, 一 … 九) starts and ends in the row stream."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.mapping.labels import label_key
from extractors.mapping.stream import Row
from schema.catalog import FieldCatalogue, FormId

COVER = "cover"
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+")
_COVER_END_KEYS = (label_key("填报说明"),)


@dataclass(frozen=True, slots=True)
class Zone:
    """Rows [start, stop) of one section; `found` is False when its heading was not printed."""

    section: str
    start: int
    stop: int
    found: bool


def _heading_keys(catalogue: FieldCatalogue, form: FormId) -> dict[str, tuple[str, str]]:
    keys: dict[str, tuple[str, str]] = {}
    for section in catalogue.sections:
        if section.id == COVER:
            continue
        full = label_key(section.title_for(form))
        keys[section.id] = (full, _NUMBERING.sub("", full))
    return keys


def _find_heading(rows: tuple[Row, ...], keys: tuple[str, str], start: int) -> int | None:
    full, bare = keys
    for row in rows[start:]:
        for slot in row.slots:
            first = label_key(slot.lines[0]) if slot.lines else ""
            if first == full or (first == bare and len(row.slots) == 1):
                return row.index
    return None


def _cover_end(rows: tuple[Row, ...], first_section: int | None) -> int:
    limit = first_section if first_section is not None else len(rows)
    for row in rows[:limit]:
        if any(slot.key in _COVER_END_KEYS for slot in row.slots):
            return row.index
    return limit


def rows_to_zones(rows: tuple[Row, ...], catalogue: FieldCatalogue, form: FormId) -> dict[str, Zone]:
    """Given the row stream, return each section's zone; a missing heading merges into its neighbour."""
    starts: dict[str, int | None] = {}
    cursor = 0
    for section_id, keys in _heading_keys(catalogue, form).items():
        found = _find_heading(rows, keys, cursor)
        starts[section_id] = found
        if found is not None:
            cursor = found
    first = next((s for s in starts.values() if s is not None), None)
    zones = {COVER: Zone(COVER, 0, _cover_end(rows, first), True)}
    ordered = [s for s in starts.items()]
    for position, (section_id, start) in enumerate(ordered):
        zones[section_id] = _zone(section_id, start, ordered[position + 1 :], zones, len(rows))
    return zones


def _zone(
    section_id: str,
    start: int | None,
    later: list[tuple[str, int | None]],
    zones: dict[str, Zone],
    total: int,
) -> Zone:
    stop = next((s for _, s in later if s is not None), total)
    if start is not None:
        return Zone(section_id, start, stop, True)
    previous = list(zones.values())[-1]
    return Zone(section_id, previous.start, stop, False)
