"""Handler for the 标准制修订 group: three column blocks (类别|主持数量|参与数量) read as 2022/2023/2024."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from extractors.mapping.coerce import Coerced, raw_to_entry
from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField, year_entry
from extractors.mapping.labels import label_key, year_of
from extractors.mapping.stream import Row, Slot
from extractors.mapping.values import RawValue
from schema.catalog import FieldSpec

GROUP = "innovation.standards"
CATEGORIES = {"international": "国际", "national": "国家", "industry": "行业", "group": "团体"}
_LED = label_key("主持数量")
_PARTICIPATED = label_key("参与数量")
_SCAN_LIMIT = 8
HEADER_SIMILARITY = 0.8
"""A header cell this similar to 主持数量/参与数量 is that header (`☑与数量`: a scan read 参 as a box)."""


@dataclass(frozen=True, slots=True)
class _Block:
    year: str
    led: tuple[int, int]
    participated: tuple[int, int]


def _field_parts(spec: FieldSpec) -> tuple[str, str]:
    _, name = spec.id.split(".", 1)
    _, category, role = name.split("_", 2)
    return CATEGORIES[category], role


def _header(ctx: MappingContext, start: int, stop: int) -> tuple[int, list[Slot]] | None:
    """The first 类别|主持数量|参与数量 row at or after the group title (it may be a table of its own)."""
    for row in ctx.rows[start:stop]:
        led = [s for s in row.slots if _is_header(s.key, _LED)]
        if led:
            return row.index, sorted(row.slots, key=lambda s: s.col)
    return None


def _is_header(key: str, header: str) -> bool:
    return key == header or SequenceMatcher(None, key, header).ratio() >= HEADER_SIMILARITY


def _blocks(header: list[Slot], years: tuple[str, ...], year_row: Row | None) -> list[_Block]:
    led = [s for s in header if _is_header(s.key, _LED)]
    participated = [s for s in header if _is_header(s.key, _PARTICIPATED)]
    labelled = _labelled_years(year_row, led) if year_row else []
    order = labelled if len(labelled) == len(led) else list(years)
    return [
        _Block(year, (a.col, a.col_end), (b.col, b.col_end))
        for year, a, b in zip(order, led, participated, strict=False)
    ]


def _labelled_years(row: Row, led: list[Slot]) -> list[str]:
    years: list[str] = []
    for slot in led:
        above = [s for s in row.slots if s.col <= slot.col < s.col_end and year_of(s.text)]
        years.extend(year_of(s.text) or "" for s in above[:1])
    return years


def _category_rows(ctx: MappingContext, header: Row) -> dict[str, Row]:
    found: dict[str, Row] = {}
    body = [r for r in ctx.rows[header.index + 1 : header.index + 1 + _SCAN_LIMIT] if r.table == header.table]
    for row in body:
        for slot in row.slots:
            name = next((c for c in CATEGORIES.values() if slot.key.startswith(label_key(c))), None)
            if name and name not in found:
                found[name] = row
    return found


def _cell(row: Row, span: tuple[int, int]) -> RawValue:
    for slot in row.slots:
        if slot.col < span[1] and span[0] < slot.col_end:
            return RawValue(text=slot.text, provenance=slot.provenance, lines=slot.lines)
    return RawValue(text=None)


def map_standards(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given one of the eight standards fields, return its three yearly counts."""
    group = ctx.catalogue.group(GROUP)
    hit = ctx.locator.locate(spec, label=group.title) if GROUP not in ctx.hits else ctx.hits[GROUP]
    ctx.hits[GROUP] = hit
    if hit is None:
        return None
    header = _header(ctx, hit.row, ctx.zones[spec.section].stop)
    if header is None:
        return None
    header_row, header_slots = header
    year_row = ctx.rows[header_row - 1] if header_row > hit.row else None
    blocks = _blocks(header_slots, spec.year_keys, year_row)
    category, role = _field_parts(spec)
    row = _category_rows(ctx, ctx.rows[header_row]).get(category)
    if row is None:
        return None
    by_year: dict[str, Coerced] = {}
    for block in blocks:
        raw = _cell(row, block.led if role == "led" else block.participated)
        by_year[block.year] = raw_to_entry(spec, raw)
    return year_entry(spec, by_year)
