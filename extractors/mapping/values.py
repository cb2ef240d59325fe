"""Stage `hit_to_raw`: the raw text of a field's value, found relative to its label.

Single values: the text after the label on its line (and the lines a soft line break carried it on to);
else the cells right of the label cell up to the
next label cell; else the lines below the label inside its cell; else the row below. Year series: cells
paired with year cells (`2022年 | 0.52`), else columns matched to the 年度 header row, else in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.mapping.labels import label_key, strip_printed, year_of
from extractors.mapping.locate import Hit
from extractors.mapping.stream import Row, Slot
from schema.record import Provenance

_INLINE_YEAR = re.compile(r"(20\d\d)\s*年?\s*[:：]?\s*([^；;，,\n]+)")


@dataclass(frozen=True, slots=True)
class RawValue:
    """Verbatim text of one value (None = no cell found) and where it came from."""

    text: str | None
    provenance: Provenance | None = None
    lines: tuple[str, ...] = ()


MISSING = RawValue(text=None)


class ValueReader:
    """Reads values next to label hits; `label_keys` tells label cells from value cells."""

    def __init__(self, rows: tuple[Row, ...], label_keys: frozenset[str]) -> None:
        self._rows = rows
        self._label_keys = label_keys

    def is_label(self, slot: Slot) -> bool:
        key = slot.key
        return bool(key) and (key in self._label_keys or year_of(slot.text) is not None)

    def value_slots(self, row: Row, label: Slot) -> list[Slot]:
        """Given a row and its label slot, return the slots right of it up to the next label."""
        found: list[Slot] = []
        for slot in row.slots:
            if slot.col < label.col_end or slot.uid == label.uid:
                continue
            if self.is_label(slot):
                break
            found.append(slot)
        return found

    def single(self, hit: Hit, multiline: bool = False) -> RawValue:
        """Given a label hit, return the value's raw text (several lines/paragraphs when multiline)."""
        if hit.rest is not None and strip_printed(hit.rest).strip():
            lines = (hit.rest, *(self._lines_below(hit) if multiline else self._soft_lines_after(hit)))
            return _raw_from_lines(lines, hit.slot.provenance)
        slots = self.value_slots(self._rows[hit.row], hit.slot)
        if slots:
            return _raw_from_slots(slots)
        below = self._lines_below(hit)
        if below:
            return _raw_from_lines(below, hit.slot.provenance)
        if self._rows[hit.row].is_paragraph:
            return self._paragraphs_below(hit, multiline)
        return self._row_below(hit)

    def is_label_line(self, line: str) -> bool:
        key = label_key(line)
        return bool(key) and any(key.startswith(k) for k in self._label_keys)

    def _soft_lines_after(self, hit: Hit) -> tuple[str, ...]:
        """The lines a soft line break (Shift+Enter) carried the value on to, up to a label line."""
        lines: list[str] = []
        for number in range(hit.line + 1, len(hit.slot.lines)):
            line = hit.slot.lines[number]
            if number not in hit.slot.soft or self.is_label_line(line):
                break
            lines.append(line)
        return tuple(lines)

    def _lines_below(self, hit: Hit) -> tuple[str, ...]:
        lines: list[str] = []
        for line in hit.slot.lines[hit.line + 1 :]:
            if self.is_label_line(line):
                break
            lines.append(line)
        return tuple(lines) if any(strip_printed(x).strip() for x in lines) else ()

    def _paragraphs_below(self, hit: Hit, multiline: bool) -> RawValue:
        lines: list[str] = []
        for row in self._rows[hit.row + 1 :]:
            if not row.is_paragraph or self.is_label_line(row.slots[0].text):
                break
            lines.extend(row.slots[0].lines)
            if not multiline and any(strip_printed(x).strip() for x in lines):
                break
        return _raw_from_lines(tuple(lines), hit.slot.provenance)

    def _row_below(self, hit: Hit) -> RawValue:
        index = hit.row + hit.slot.row_span
        if index >= len(self._rows):
            return RawValue(text="", provenance=hit.slot.provenance)
        row = self._rows[index]
        same_table = row.table == self._rows[hit.row].table
        if not same_table or any(self.is_label(s) for s in row.slots):
            return RawValue(text="", provenance=hit.slot.provenance)
        return _raw_from_slots(list(row.slots))

    def years(self, hit: Hit, years: tuple[str, ...]) -> dict[str, RawValue]:
        """Given a year-series label hit, return the raw value of each year."""
        paired = self._paired_years(hit, years)
        if paired:
            return paired
        row = self._rows[hit.row]
        slots = self.value_slots(row, hit.slot)
        by_header = self._by_header(row, slots, years)
        if by_header:
            return by_header
        if len(slots) == len(years):
            return {year: _raw_from_slots([slot]) for year, slot in zip(years, slots, strict=True)}
        return _inline_years(slots, years)

    def _paired_years(self, hit: Hit, years: tuple[str, ...]) -> dict[str, RawValue]:
        found: dict[str, RawValue] = {}
        for index in range(hit.row, min(hit.row + hit.slot.row_span, len(self._rows))):
            slots = [s for s in self._rows[index].slots if s.col >= hit.slot.col_end]
            for position, slot in enumerate(slots[:-1]):
                year = year_of(slot.text)
                if year in years and year not in found:
                    found[year] = _raw_from_slots([slots[position + 1]])
        return found

    def _by_header(self, row: Row, slots: list[Slot], years: tuple[str, ...]) -> dict[str, RawValue]:
        header = self._header_for(row, years)
        if not header:
            return {}
        result: dict[str, RawValue] = {}
        for slot in slots:
            year = _overlapping_year(slot, header)
            if year in years and year not in result:
                result[year] = _raw_from_slots([slot])
        return result if len(result) == len(years) else {}

    def _header_for(self, row: Row, years: tuple[str, ...]) -> dict[str, tuple[int, int]]:
        for previous in reversed(self._rows[: row.index]):
            columns = {year: (s.col, s.col_end) for s in previous.slots if (year := year_of(s.text))}
            if len(columns) >= 2:
                return _complete_header(columns, previous.slots, years)
        return {}


def _complete_header(
    columns: dict[str, tuple[int, int]], slots: tuple[Slot, ...], years: tuple[str, ...]
) -> dict[str, tuple[int, int]]:
    """Given a header row's year columns, its cells and the years asked, return the columns with one
    year read blank (a seal or a stain over `2022年`) put back: the one blank cell past the first
    column, standing where that year is printed (after the years before it, before those after it)."""
    missing = [year for year in years if year not in columns]
    blanks = [s for s in slots if s.col > 0 and not s.text.strip()]
    if len(missing) != 1 or len(blanks) != 1:
        return columns
    year, (start, stop) = missing[0], (blanks[0].col, blanks[0].col_end)
    before = all(span[1] <= start for y, span in columns.items() if y < year)
    after = all(span[0] >= stop for y, span in columns.items() if y > year)
    return {**columns, year: (start, stop)} if before and after else columns


def _overlapping_year(slot: Slot, header: dict[str, tuple[int, int]]) -> str | None:
    best, overlap = None, 0
    for year, (start, stop) in header.items():
        shared = min(stop, slot.col_end) - max(start, slot.col)
        if shared > overlap:
            best, overlap = year, shared
    return best


def _inline_years(slots: list[Slot], years: tuple[str, ...]) -> dict[str, RawValue]:
    text = "\n".join(s.text for s in slots)
    matches = {m.group(1): m.group(2).strip() for m in _INLINE_YEAR.finditer(text)}
    provenance = slots[0].provenance if slots else None
    return {y: RawValue(text=matches[y], provenance=provenance) for y in years if y in matches}


def _raw_from_slots(slots: list[Slot]) -> RawValue:
    lines = tuple(line for slot in slots for line in slot.lines)
    return _raw_from_lines(lines, slots[0].provenance)


def _raw_from_lines(lines: tuple[str, ...], provenance: Provenance | None) -> RawValue:
    return RawValue(text="\n".join(lines), provenance=provenance, lines=lines)
