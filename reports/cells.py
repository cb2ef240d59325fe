"""Stage `entry_to_cell`: one field value (one year of it) as a spreadsheet cell.

Numbers stay numbers; choices become their printed option text; multi_choice the printed texts joined
by "；"; named_count "3个：A、B、C"; a region its full name; seals 是/否; target tables a short summary
(the rows themselves go to their own sheet). 无 / blank / illegible / invalid are shown as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from pydantic import JsonValue

from schema.catalog import FieldSpec
from schema.record import FieldEntry, as_number, raw_at, status_at, value_at
from schema.value_text import named_count_text, options_text, region_text

Cell = str | int | float | None
STATUS_TEXT: Mapping[str, str | None] = MappingProxyType(
    {"explicit_none": "无", "unreadable": "〔无法辨认〕", "invalid": "〔无效〕", "missing": None}
)


def _number(value: JsonValue) -> Cell:
    number = as_number(value)
    if number is None:
        return None if value is None else str(value)
    return int(number) if isinstance(value, int) else number


def targets_text(value: JsonValue) -> str:
    """Given a target table, return a one-line summary pointing at the 规划目标 sheet."""
    count = len(value) if isinstance(value, list) else 0
    return f"{count}项指标（详见“规划目标”表）"


def present_cell(spec: FieldSpec, entry: FieldEntry, value: JsonValue) -> Cell:
    """Given a field and its present value, return the cell for its type."""
    if spec.is_numeric:
        return _number(value)
    if spec.type in ("choice", "multi_choice"):
        return options_text(spec, value)
    if spec.type == "named_count":
        return named_count_text(entry)
    if spec.type == "region":
        return region_text(value)
    if spec.type == "boolean":
        return "是" if value else "否"
    if spec.type == "target_table":
        return targets_text(value)
    return value if isinstance(value, str) else None if value is None else str(value)


def entry_to_cell(spec: FieldSpec, entry: FieldEntry | None, year: str | None = None) -> Cell:
    """Given a field, its entry (None when the form has no such field) and a year, return the cell."""
    if entry is None:
        return None
    status = status_at(entry, year)
    if status != "present":
        raw = raw_at(entry, year)
        text = STATUS_TEXT.get(status)
        return f"{text}{raw}" if status == "invalid" and raw else text
    return present_cell(spec, entry, value_at(entry, year))
