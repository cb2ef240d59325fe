"""Handler for the plan's target tables (方向|指标|基准值|目标值[|完成值]) → target_table rows.

Each body row's texts (`RowTexts`) become row objects in `texts_to_rows`: the direction and indicator
snapped to the printed ones (`labels.snap_to_printed`), and two printed rows a reading ran together split
again by their numbers and units. A row that cannot be told apart stays one row for the operator
(`doubts.targets_unsure` flags it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import JsonValue

from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField
from extractors.mapping.labels import label_key, snap_to_printed
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


def header_to_columns(header: Row) -> dict[str, tuple[int, int]]:
    """Given a target table's header row, return the column span of each role it names."""
    columns: dict[str, tuple[int, int]] = {}
    for slot in header.slots:
        if slot.key.startswith(_DIRECTION):  # `方向主导产业`: a page break ran the header into the row below
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
        columns = header_to_columns(row)
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


def without_placeholder_lines(text: str) -> str:
    """Given an indicator cell's text, return it without lines that hold only the form's printed
    placeholder (`……` of a row left for more indicators): a PDF export whose rule between the two rows
    is lost joins that row to the indicator above it."""
    lines = text.split("\n")
    kept = [line for line in lines if not _PLACEHOLDER.match(line)]
    return "\n".join(kept).strip() if kept else text


@dataclass(frozen=True, slots=True)
class RowTexts:
    """The texts of one body row of a target table: its direction, its indicator and each value column
    (`baseline`, `target`, `actual`) as read."""

    direction: str
    indicator: str
    values: dict[str, str]


def _row_texts(table: TargetTable, row: Row) -> RowTexts:
    values = {role: _text_at(row, table.columns.get(role)) for role in ("baseline", "target", "actual")}
    return RowTexts(
        _text_at(row, table.columns.get("direction")), _text_at(row, table.columns.get("indicator")), values
    )


def _directions(spec: FieldSpec, text: str, previous: str) -> tuple[str, ...]:
    """The directions a row's direction cell names: the printed one it is (snapped; the header's `方向`
    run into it dropped), two printed ones next to each other run together (a row border not read:
    `治理和服务其它`), the direction above when the cell is empty (merged over several rows), else the
    text as read."""
    if label_key(text).startswith(_DIRECTION):
        text = text.strip().removeprefix("方向")
    if not label_key(text):
        return (previous,)
    snapped = snap_to_printed(text, spec.directions)
    if snapped is not None:
        return (snapped,)
    key = label_key(text)
    for first, second in zip(spec.directions, spec.directions[1:], strict=False):
        if key == label_key(first) + label_key(second):
            return (first, second)
    return (text.strip(),)


def _printed_indicator(spec: FieldSpec, directions: tuple[str, ...], text: str) -> tuple[str, str] | None:
    """The printed indicator (id, label) an indicator cell is, among those of its directions (None when
    it is none of them, or a label printed under two of them)."""
    candidates = [(i, meta.label) for i, meta in spec.indicators.items() if meta.direction in directions]
    snapped = snap_to_printed(text, [label for _, label in candidates])
    found = [(i, label) for i, label in candidates if label == snapped]
    return found[0] if len(found) == 1 else None


def _indicator_id(spec: FieldSpec, direction: str, indicator: str) -> str | None:
    printed = _printed_indicator(spec, (direction,), indicator)
    if printed is not None:
        return printed[0]
    for indicator_id, meta in spec.indicators.items():
        if (
            meta.direction == direction
            and meta.better is None
            and (not label_key(indicator) or _PLACEHOLDER.match(indicator))
        ):
            return indicator_id
    return None


def _direction_of(spec: FieldSpec, directions: tuple[str, ...], indicator: str) -> str:
    """Of the directions a row's cell names, the one its indicator is printed under (else the first)."""
    printed = _printed_indicator(spec, directions, indicator) if len(directions) > 1 else None
    return spec.indicators[printed[0]].direction if printed else directions[0]


def _row_object(
    spec: FieldSpec, direction: str, indicator: str, cells: dict[str, tuple[JsonValue, str | None]]
) -> dict[str, JsonValue] | None:
    values = {role: cell[0] for role, cell in cells.items()}
    if all(v is None for v in values.values()):
        return None
    units = [unit for _, unit in cells.values() if unit]
    printed = _printed_indicator(spec, (direction,), indicator)
    return {
        "direction": direction,
        "indicator": printed[1] if printed else indicator,
        "indicator_id": _indicator_id(spec, direction, indicator),
        **values,
        "unit": units[0] if units else None,
    }


def _roles(spec: FieldSpec) -> tuple[str, ...]:
    return tuple(
        role for role in ("baseline", "target", "actual") if role != "actual" or "actual" in spec.columns
    )


def texts_to_rows(spec: FieldSpec, texts: RowTexts, previous: str) -> tuple[list[dict[str, JsonValue]], str]:
    """Given the texts of one body row and the direction in force above it, return its row objects (none
    when it holds no value; one per printed indicator when the engine ran rows together) and the direction
    in force below it."""
    directions = _directions(spec, texts.direction, previous)
    indicator = without_placeholder_lines(texts.indicator)
    split = _split_rows(spec, directions, indicator, texts.values)
    if split is not None:
        return split, directions[-1]
    direction = _direction_of(spec, directions, indicator)
    cells = {role: cell_value(texts.values.get(role, "")) for role in _roles(spec)}
    row = _row_object(spec, direction, indicator, cells)
    return ([row] if row is not None else []), directions[-1]


_PIECE = re.compile(
    r"([+\-]?\d[\d,，]*(?:\.\d+)?)\s*(" + "|".join(re.escape(u) for u in TARGET_UNITS) + r")?"
)


def _pieces(text: str) -> list[tuple[JsonValue, str | None]] | None:
    """A value cell's numbers in order, each with its unit (`0.61吨二氧化碳/万元0.27吨标准煤/万元`), or None
    when the cell holds anything else."""
    plain = to_halfwidth(text).replace("−", "-").replace("－", "-")
    pieces: list[tuple[JsonValue, str | None]] = []
    position = 0
    for match in _PIECE.finditer(plain):
        if plain[position : match.start()].strip():
            return None
        pieces.append(cell_value(match.group(0)))
        position = match.end()
    return pieces if not plain[position:].strip() else None


def _split_rows(
    spec: FieldSpec, directions: tuple[str, ...], indicator: str, values: dict[str, str]
) -> list[dict[str, JsonValue]] | None:
    """Two or more printed rows the engine read as one (a row border not found): each indicator line a
    printed indicator, each value column as many numbers in order, or fewer that each carry the unit the
    other columns give one line only. None when the row cannot be told apart so."""
    lines = [line for line in indicator.split("\n") if label_key(line)]
    printed = [_printed_indicator(spec, directions, line) for line in lines]
    if len(lines) < 2 or any(p is None for p in printed) or len({p for p in printed}) != len(lines):
        return None
    columns = {role: _pieces(values.get(role, "")) for role in _roles(spec)}
    if any(pieces is None for pieces in columns.values()):
        return None
    whole = [pieces for pieces in columns.values() if pieces is not None and len(pieces) == len(lines)]
    line_units = [{unit for pieces in whole if (unit := pieces[k][1])} for k in range(len(lines))]
    cells: list[dict[str, tuple[JsonValue, str | None]]] = [{} for _ in lines]
    for role, pieces in columns.items():
        placed = _placed(pieces or [], line_units)
        if placed is None:
            return None
        for k, cell in enumerate(placed):
            cells[k][role] = cell
    rows = []
    for k, found in enumerate(printed):
        assert found is not None
        row = _row_object(spec, spec.indicators[found[0]].direction, found[1], cells[k])
        rows.extend([row] if row is not None else [])
    return rows


def _placed(
    pieces: list[tuple[JsonValue, str | None]], line_units: list[set[str]]
) -> list[tuple[JsonValue, str | None]] | None:
    """A column's numbers given to the lines of a split row: one each in order, none, or each by the
    unit only one line carries in the other columns."""
    empty: tuple[JsonValue, str | None] = (None, None)
    if len(pieces) == len(line_units):
        return pieces
    placed = [empty] * len(line_units)
    for value, unit in pieces:
        lines = [k for k, units in enumerate(line_units) if unit and unit in units]
        if len(lines) != 1 or placed[lines[0]] != empty:
            return None
        placed[lines[0]] = (value, unit)
    return placed


def table_rows(spec: FieldSpec, table: TargetTable) -> list[JsonValue]:
    """Given a target table, return its non-empty rows as record row objects."""
    rows: list[JsonValue] = []
    direction = ""
    for row in table.body:
        found, direction = texts_to_rows(spec, _row_texts(table, row), direction)
        rows.extend(found)
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
