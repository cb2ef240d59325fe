"""Reading target-table rows and their cells (numbers or verbatim strings such as "≥10%", "1.2亿元")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, ValidationError

from schema.catalog import FieldSpec, Indicator, load_field_catalogue
from schema.record import FieldEntry, value_at
from validators.numeric import fmt
from validators.vocabulary import MONEY_SCALE, PERCENT_SIGNS

PERCENT = "%"
Cell = float | int | str | None
LONE_NUMBER = re.compile(r"\D{0,4}?(-?\d+(?:\.\d+)?)\D{0,4}")


class TargetRow(BaseModel):
    """One row of a target table (spec README "Target tables")."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    direction: str | None = None
    indicator: str | None = None
    indicator_id: str | None = None
    baseline: Cell = None
    target: Cell = None
    actual: Cell = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read from a cell, with the unit it is stated in (None: the row's unit is unknown)."""

    value: float
    unit: str | None

    @property
    def is_rate(self) -> bool:
        return self.unit == PERCENT


def table_rows(entry: FieldEntry | None) -> list[TargetRow]:
    """Given a target_table entry, return its well-formed rows (malformed rows are skipped)."""
    value = value_at(entry)
    rows: list[TargetRow] = []
    for raw in value if isinstance(value, list) else []:
        try:
            rows.append(TargetRow.model_validate(raw))
        except ValidationError:
            continue
    return rows


@cache
def number_with_unit() -> re.Pattern[str]:
    """Return the pattern of a number followed by a unit (fields.yaml units or money; longest first)."""
    units = {*load_field_catalogue().units, *PERCENT_SIGNS, *MONEY_SCALE}
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(r"(-?\d+(?:\.\d+)?)\s*(" + alternatives + ")")


def canonical_unit(unit: str | None) -> str | None:
    """Given a unit as written, return it with full-width % unified."""
    return PERCENT if unit in PERCENT_SIGNS else unit


def cell_quantity(cell: Cell, row_unit: str | None) -> Quantity | None:
    """Given a cell and its row's unit, return the number it states, or None for text without one number."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return Quantity(float(cell), canonical_unit(row_unit))
    with_unit = number_with_unit().search(cell)
    if with_unit:
        return Quantity(float(with_unit.group(1)), canonical_unit(with_unit.group(2)))
    lone = LONE_NUMBER.fullmatch(cell.strip())
    return Quantity(float(lone.group(1)), canonical_unit(row_unit)) if lone else None


def in_unit(quantity: Quantity, unit: str | None) -> float | None:
    """Given a quantity and a unit, return its value in that unit (None when not convertible)."""
    if quantity.unit is None or unit is None or quantity.unit == unit:
        return quantity.value
    if quantity.unit in MONEY_SCALE and unit in MONEY_SCALE:
        return quantity.value * MONEY_SCALE[quantity.unit] / MONEY_SCALE[unit]
    return None


def cell_text(cell: Cell) -> str:
    """Given a cell, return how it reads in a message."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return fmt(float(cell))
    return str(cell) if cell is not None else ""


def indicator_name(spec: FieldSpec, indicator_id: str) -> str:
    """Given a table spec and an indicator id, return its display name (定性描述 gets its direction)."""
    indicator: Indicator = spec.indicators[indicator_id]
    shared = sum(1 for other in spec.indicators.values() if other.label == indicator.label) > 1
    return indicator.direction + indicator.label if shared else indicator.label


def rows_for(rows: list[TargetRow], indicator_id: str) -> list[TargetRow]:
    """Given rows and an indicator id, return the rows of that indicator."""
    return [row for row in rows if row.indicator_id == indicator_id]
