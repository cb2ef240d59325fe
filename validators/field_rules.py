"""Per-field rules: completeness, ranges, lengths, ticks that need attachments or evidence, dates."""

from __future__ import annotations

import datetime

from schema.catalog import FieldSpec
from schema.record import ExceptionItem
from validators.context import Context
from validators.numeric import fmt
from validators.values import named_count_at, status_at, text_at, ticked, value_at
from validators.vocabulary import EVIDENCE_SEPARATOR, LIST_ITEM

GROWTH_MARKERS: tuple[str, ...] = ("growth", "cagr", "reduction_rate")
EVIDENCE_OPTION = "yes"  # a single choice needs evidence when 是 is ticked (green.carbon_monitoring)


def year_slots(spec: FieldSpec) -> tuple[str | None, ...]:
    """Given a spec, return the year keys of its cells ((None,) for a single value)."""
    return spec.year_keys or (None,)


def is_growth_rate(spec: FieldSpec) -> bool:
    """Given a spec, return whether it is a growth/reduction rate (may be negative, floor −100)."""
    return spec.type == "percent" and any(marker in spec.id for marker in GROWTH_MARKERS)


def char_count(text: str) -> int:
    """Given a text, return its length in characters, whitespace excluded (the form's 字)."""
    return sum(1 for ch in text if not ch.isspace())


def missing_items(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return required_missing (choice_none_ticked for a choice) for each blank cell."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        if not spec.required or spec.scan_only:
            continue
        for year in year_slots(spec):
            if status_at(ctx.entry(spec.id), year) == "missing":
                rule = "choice_none_ticked" if spec.type == "choice" else "required_missing"
                found.append(ctx.finding(rule, spec.id, year=year))
    return found


def range_rule(spec: FieldSpec, value: float) -> str | None:
    """Given a numeric spec and a value, return the range rule it breaks, if any."""
    if is_growth_rate(spec):
        return "percent_out_of_range" if value < -100 else None
    if spec.type == "percent":
        return "percent_out_of_range" if not 0 <= value <= 100 else None
    return "negative_value" if value < 0 else None


def out_of_range_values(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return negative_value / percent_out_of_range for numbers outside their range."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        if not spec.is_numeric:
            continue
        for year in year_slots(spec):
            value = ctx.number(spec.id, year)
            rule = range_rule(spec, value) if value is not None else None
            if rule and value is not None:
                found.append(ctx.finding(rule, spec.id, year=year, params={"value": fmt(value)}, value=value))
    return found


def negative_named_counts(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return negative_value for a 数量 below zero in a named_count item."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        named = named_count_at(ctx.entry(spec.id)) if spec.type == "named_count" else None
        if named and named.count is not None and named.count < 0:
            found.append(
                ctx.finding("negative_value", spec.id, params={"value": named.count}, value=named.count)
            )
    return found


def texts_too_long(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return text_too_long for each narrative over its max_chars."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        text = text_at(ctx.entry(spec.id)) if spec.max_chars else None
        if text is not None and spec.max_chars and char_count(text) > spec.max_chars:
            count = char_count(text)
            found.append(
                ctx.finding(
                    "text_too_long", spec.id, params={"count": count, "limit": spec.max_chars}, value=count
                )
            )
    return found


def sections_too_long(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return text_too_long for a section whose narratives together exceed max_chars_total."""
    found: list[ExceptionItem] = []
    for section in ctx.catalogue.sections:
        if section.max_chars_total is None:
            continue
        texts = [s.id for s in ctx.specs() if s.section == section.id and s.type == "long_text"]
        total = sum(char_count(text_at(ctx.entry(f)) or "") for f in texts)
        if total > section.max_chars_total:
            params = {"label": section.title_for(ctx.form), "count": total, "limit": section.max_chars_total}
            found.append(ctx.finding("text_too_long", None, params=params, value=total, related=texts))
    return found


def attachments_required(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return attachment_required where an option marked 需附情况说明 is ticked.

    Not for a field that a rule of its own names in its `fields:` (是否发生变化 → operator_changed,
    rules.yaml v2): one finding once."""
    own = own_rule_fields(ctx)
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        if spec.attachment_if and spec.id not in own and spec.attachment_if in ticked(ctx.entry(spec.id)):
            option = spec.options[spec.attachment_if]
            found.append(
                ctx.finding(
                    "attachment_required", spec.id, params={"option": option}, value=spec.attachment_if
                )
            )
    return found


ATTACHMENT_COVERING_RULES = ("operator_changed",)


def own_rule_fields(ctx: Context) -> frozenset[str]:
    """Given a record's context, return the fields whose attachment a rule of their own reports."""
    return frozenset(f for rule in ATTACHMENT_COVERING_RULES for f in ctx.rules.rule(rule).fields)


def evidence_items(ctx: Context, spec: FieldSpec) -> list[str]:
    """Given a spec that needs 佐证材料 or a 清单, return what the operator must check for it."""
    entry = ctx.entry(spec.id)
    if spec.type == "multi_choice":
        return [spec.options[o] for o in ticked(entry) if o in spec.options]
    if spec.type == "choice":
        return [spec.options[EVIDENCE_OPTION]] if EVIDENCE_OPTION in ticked(entry) else []
    if spec.type == "named_count":
        named = named_count_at(entry)
        if named is None:
            return []
        return list(named.names) or ([LIST_ITEM] if (named.count or 0) > 0 else [])
    counts = [ctx.number(spec.id, year) for year in year_slots(spec)]
    return [LIST_ITEM] if any(c is not None and c > 0 for c in counts) else []


def evidence_required(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return one evidence_required info per field whose answer needs 佐证材料 or a 清单."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        items = evidence_items(ctx, spec) if spec.evidence_required or spec.list_required else []
        if items:
            found.append(
                ctx.finding(
                    "evidence_required",
                    spec.id,
                    params={"items": EVIDENCE_SEPARATOR.join(items)},
                    value=list(items),
                )
            )
    return found


def named_count_mismatches(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return named_count_mismatch where 数量 differs from the number of 名称 listed."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        named = named_count_at(ctx.entry(spec.id)) if spec.type == "named_count" else None
        if named is not None and named.count is not None and named.count != len(named.names):
            params = {"count": named.count, "names_count": len(named.names)}
            found.append(ctx.finding("named_count_mismatch", spec.id, params=params, value=named.count))
    return found


def earliest_day(text: str) -> datetime.date | None:
    """Given "YYYY-MM-DD", "YYYY-MM" or "YYYY", return the earliest day it can mean (None if unreadable)."""
    parts = text.split("-")
    padded = [*parts, "01", "01"][:3] if 1 <= len(parts) <= 3 else []
    try:
        return datetime.date(*(int(p) for p in padded)) if padded else None
    except ValueError:
        return None


def dates_invalid(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return date_invalid for a date that is unreadable or after the run date."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        value = value_at(ctx.entry(spec.id)) if spec.type == "date" else None
        if not isinstance(value, str):
            continue
        day = earliest_day(value)
        if day is None or day > ctx.run_date:
            found.append(ctx.finding("date_invalid", spec.id, params={"raw": value}, value=value))
    return found
