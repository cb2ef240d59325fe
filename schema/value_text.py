"""A field's value as a person reads it, one line of Chinese: a choice's printed option texts, a
named_count "3个：A、B、C", a region's full name. Shared by the reports (`reports.cells`) and the
messages of the validators that quote values (`validators.batch`)."""

from __future__ import annotations

from pydantic import JsonValue

from schema.catalog import FieldSpec
from schema.record import FieldEntry, named_count_at

LIST_JOIN = "；"
NAME_JOIN = "、"


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


def value_text(spec: FieldSpec, value: JsonValue) -> str:
    """Given a field and a value of it (one year's), return it as a message quotes it."""
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if spec.type in ("choice", "multi_choice"):
        return options_text(spec, value)
    if spec.type == "named_count" and isinstance(value, dict):
        return named_count_text(FieldEntry(value=value, status="present")) or "（空）"
    if spec.type == "region":
        return region_text(value)
    if spec.type == "target_table" and isinstance(value, list):
        return f"{len(value)}项指标"
    return str(value)
