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
from schema.record import FieldEntry, as_number, named_count_at, raw_at, status_at, value_at

Cell = str | int | float | None
LIST_JOIN = "；"
NAME_JOIN = "、"
STATUS_TEXT: Mapping[str, str | None] = MappingProxyType(
    {"explicit_none": "无", "unreadable": "〔无法辨认〕", "invalid": "〔无效〕", "missing": None}
)


def _number(value: JsonValue) -> Cell:
    number = as_number(value)
    if number is None:
        return None if value is None else str(value)
    return int(number) if isinstance(value, int) else number


def named_count_text(entry: FieldEntry) -> str:
    """Given a present named_count entry, return "3个：A、B、C" (or only the part that was filled)."""
    pair = named_count_at(entry)
    if pair is None:
        return ""
    names = NAME_JOIN.join(pair.names)
    if pair.count is None:
        return names
    return f"{pair.count}个：{names}" if names else f"{pair.count}个"


def options_text(spec: FieldSpec, value: JsonValue) -> str:
    """Given a choice / multi_choice value, return the printed option texts ("（未勾选）" if none)."""
    ids = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    texts = [spec.options.get(str(option), str(option)) for option in ids]
    return LIST_JOIN.join(texts) if texts else "（未勾选）"


def region_text(value: JsonValue) -> str:
    """Given a region value, return province + city + county as one name (上海市嘉定区, not 上海市上海市…)."""
    if not isinstance(value, dict):
        return ""
    parts = [str(value.get(part) or "") for part in ("province", "city", "county")]
    kept = [part for index, part in enumerate(parts) if part and (index == 0 or part != parts[index - 1])]
    return "".join(kept)


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
