"""Handler for the plan's target tables (方向|指标|基准值|目标值[|完成值]) → target_table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import JsonValue

from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField
from extractors.mapping.labels import label_key
from extractors.mapping.stream import Row, Slot
from normalizers.numbers import round_half_up
from normalizers.text import to_halfwidth
from schema.catalog import FieldSpec
from schema.document import weakest_reading
from schema.record import FieldEntry, Provenance

_DIRECTION = label_key("方向")
_INDICATOR = label_key("指标")
_COLUMN_WORDS = {"baseline": "基准值", "target": "目标值", "actual": "完成值"}
TARGET_UNITS = (
    "吨二氧化碳/万元",
    "吨标准煤/万元",
    "吨/万元",
    "个/万人",
    "平方公里",
    "亿元",
    "万元",
    "元",
    "%",
    "个",
    "家",
    "项",
    "件",
    "人",
    "万吨",
    "吨",
)
_NUMBER = re.compile(
    r"^\s*([+\-]?\d[\d,，]*(?:\.\d+)?)\s*(" + "|".join(re.escape(u) for u in TARGET_UNITS) + r")?\s*$"
)
_PLACEHOLDER = re.compile(r"^[.。…·\s]*$")
COMPLETION = "plan.target_completion"


@dataclass(frozen=True, slots=True)
class TargetTable:
    """A found target table: its rows after the header and the column span of each role."""

    table: int
    header: Row
    body: tuple[Row, ...]
    columns: dict[str, tuple[int, int]]

    @property
    def is_completion(self) -> bool:
        return "actual" in self.columns


def _columns(header: Row) -> dict[str, tuple[int, int]]:
    columns: dict[str, tuple[int, int]] = {}
    for slot in header.slots:
        if slot.key == _DIRECTION:
            columns["direction"] = (slot.col, slot.col_end)
        elif slot.key == _INDICATOR:
            columns["indicator"] = (slot.col, slot.col_end)
        for role, word in _COLUMN_WORDS.items():
            if word in slot.key:
                columns[role] = (slot.col, slot.col_end)
    return columns


def find_target_tables(ctx: MappingContext) -> list[TargetTable]:
    """Given the mapping context, return every target table of the plan section in order."""
    zone = ctx.zones["plan"]
    tables: list[TargetTable] = []
    for row in ctx.rows[zone.start : zone.stop]:
        if row.table is None or any(t.table == row.table for t in tables):
            continue
        columns = _columns(row)
        if {"direction", "indicator", "target"} <= columns.keys():
            body = tuple(r for r in ctx.rows[row.index + 1 : zone.stop] if r.table == row.table)
            tables.append(TargetTable(row.table, row, body, columns))
    return tables


def _slot_at(row: Row, span: tuple[int, int] | None) -> Slot | None:
    if span is None:
        return None
    return next((s for s in row.slots if s.col < span[1] and span[0] < s.col_end), None)


def _text_at(row: Row, span: tuple[int, int] | None) -> str:
    slot = _slot_at(row, span)
    return slot.text.strip() if slot else ""


def cell_value(text: str) -> tuple[JsonValue, str | None]:
    """Given a target cell, return (number, unit) for a single number, else (verbatim text, None)."""
    if not text.strip():
        return None, None
    match = _NUMBER.match(to_halfwidth(text).replace("−", "-").replace("－", "-"))
    if not match:
        return text.strip(), None
    number = round_half_up(float(match.group(1).replace(",", "").replace("，", "")))
    value: JsonValue = int(number) if number == int(number) else number
    return value, match.group(2) or None


def _indicator_id(spec: FieldSpec, direction: str, indicator: str) -> str | None:
    key = label_key(indicator)
    for indicator_id, meta in spec.indicators.items():
        if meta.direction != direction:
            continue
        if key == label_key(meta.label) or (
            meta.better is None and (not key or _PLACEHOLDER.match(indicator))
        ):
            return indicator_id
    return None


def _direction(spec: FieldSpec, text: str, previous: str) -> str:
    key = label_key(text)
    if not key:
        return previous
    return next((d for d in spec.directions if label_key(d) == key), text.strip())


def without_placeholder_lines(text: str) -> str:
    """Given an indicator cell's text, return it without lines that hold only the form's printed
    placeholder (`……` of a row left for more indicators): a PDF export whose rule between the two rows
    is lost joins that row to the indicator above it."""
    lines = text.split("\n")
    kept = [line for line in lines if not _PLACEHOLDER.match(line)]
    return "\n".join(kept).strip() if kept else text


def _row_object(spec: FieldSpec, table: TargetTable, row: Row, direction: str) -> dict[str, JsonValue] | None:
    indicator = without_placeholder_lines(_text_at(row, table.columns.get("indicator")))
    values: dict[str, JsonValue] = {}
    units: list[str] = []
    for role in ("baseline", "target", "actual"):
        if role == "actual" and "actual" not in spec.columns:
            continue
        value, unit = cell_value(_text_at(row, table.columns.get(role)))
        values[role] = value
        units.extend([unit] if unit else [])
    if all(v is None for v in values.values()):
        return None
    return {
        "direction": direction,
        "indicator": indicator,
        "indicator_id": _indicator_id(spec, direction, indicator),
        **values,
        "unit": units[0] if units else None,
    }


def table_rows(spec: FieldSpec, table: TargetTable) -> list[JsonValue]:
    """Given a target table, return its non-empty rows as record row objects."""
    rows: list[JsonValue] = []
    direction = ""
    for row in table.body:
        direction = _direction(spec, _text_at(row, table.columns.get("direction")), direction)
        obj = _row_object(spec, table, row, direction)
        if obj is not None:
            rows.append(obj)
    return rows


def _pick(spec: FieldSpec, tables: list[TargetTable]) -> TargetTable | None:
    wanted = spec.id == COMPLETION
    matching = [t for t in tables if t.is_completion == wanted]
    return matching[0] if matching else None


def table_provenance(table: TargetTable) -> Provenance | None:
    """Where a target table lies (its header's first cell), read with the lowest confidence of its
    cells (None for typed sources): one doubtful figure makes the table doubtful."""
    if not table.header.slots:
        return None
    provenance = table.header.slots[0].provenance
    confidence, doubt = weakest_reading(
        (slot.provenance.confidence, slot.provenance.doubt)
        for row in (table.header, *table.body)
        for slot in row.slots
    )
    if confidence is None:
        return provenance
    return provenance.model_copy(update={"confidence": confidence, "doubt": doubt})


def map_targets(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given a target_table field, return its rows from the matching table."""
    table = _pick(spec, find_target_tables(ctx))
    if table is None:
        return None
    rows = table_rows(spec, table)
    provenance = table_provenance(table)
    if not rows:
        return MappedField(FieldEntry(value=None, status="missing", provenance=provenance))
    return MappedField(FieldEntry(value=rows, status="present", provenance=provenance))
