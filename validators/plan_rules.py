"""八、发展规划: the 三年总体目标 table (备注 a–g, 基准值) and the 阶段性目标 texts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from types import MappingProxyType

from schema.catalog import Requirement
from schema.record import ExceptionItem, status_at, text_at
from validators.consistency import PATENTS, RD_EXPENDITURE
from validators.context import Context
from validators.criteria import GIANTS, IIP_RATE, OTHER_QUALITY
from validators.growth import LAST, LEADING_CAGR
from validators.numeric import fmt, satisfies, within_tolerance
from validators.targets import (
    PERCENT,
    Quantity,
    TargetRow,
    cell_quantity,
    cell_text,
    in_unit,
    indicator_name,
    rows_for,
    table_rows,
)
from validators.vocabulary import CLAUSE_BREAKS, ITEM_SEPARATOR, STAGE_GOAL_KEYWORDS, STAGE_VALUE

TARGETS = "plan.three_year_targets"
QUALITY = "quality_sme_count"
COUNT_UNIT = "个"
# indicator id → (form field, year) holding the same quantity as its 2024 baseline.
BASELINE_SOURCES: Mapping[str, tuple[str, str | None]] = MappingProxyType(
    {
        "output_cagr": (LEADING_CAGR, None),
        "rd_expenditure": (RD_EXPENDITURE, LAST),
        "invention_patent_count": (PATENTS, None),
        "iip_penetration_rate": (IIP_RATE, LAST),
        "energy_intensity": ("green.energy_intensity", LAST),
        "co2_emissions": ("green.co2_intensity", LAST),
    }
)
# Indicators that differ from the form's field: compared only when the row states that field's unit.
SAME_UNIT_ONLY: frozenset[str] = frozenset({"co2_emissions"})
# Requirement letter → the annual growth floor (percent) its 2027 target must reach over the 3 years.
GROWTH_FLOORS: Mapping[str, float] = MappingProxyType({"a": 10.0, "c": 10.0, "d": 15.0})
INCREASE = "b"
HORIZON = 3
STAGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("2025", "plan.stage_goal_2025"),
    ("2026", "plan.stage_goal_2026"),
    ("2027", "plan.stage_goal_2027"),
)
GOAL_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?![\d.年])")


def natural_unit(ctx: Context, indicator_id: str) -> str | None:
    """Given an indicator id, return the unit of the form field that reports the same quantity."""
    source = BASELINE_SOURCES.get(indicator_id)
    return ctx.spec(source[0]).unit if source else None


def row_quantity(ctx: Context, row: TargetRow, column: str) -> Quantity | None:
    """Given a row and "baseline"/"target"/"actual", return its number (row unit defaulting to the form's)."""
    cell = {"baseline": row.baseline, "target": row.target, "actual": row.actual}[column]
    unit = row.unit or natural_unit(ctx, row.indicator_id or "")
    return cell_quantity(cell, unit)


def target_missing(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return target_missing for each printed indicator without a row or a 2027 target."""
    spec = ctx.spec(TARGETS)
    if status_at(ctx.entry(TARGETS)) != "present":
        return []
    rows = table_rows(ctx.entry(TARGETS))
    found: list[ExceptionItem] = []
    for indicator_id in spec.indicators:
        if not any(cell_text(row.target).strip() for row in rows_for(rows, indicator_id)):
            params = {"indicator": indicator_name(spec, indicator_id), "column": spec.columns["target"]}
            found.append(ctx.finding("target_missing", TARGETS, params=params, value=indicator_id))
    return found


def subset_sums(values: list[float]) -> set[float]:
    """Given counts, return every sum over a non-empty subset of them."""
    return {sum(c) for n in range(1, len(values) + 1) for c in itertools.combinations(values, n)}


def reported_baseline(ctx: Context, indicator_id: str) -> list[float]:
    """Given an indicator id, return the form's own values its 2024 baseline may equal.

    优质中小企业 has no field of its own: any sum of the five 2024 quality-firm counts is accepted.
    """
    if indicator_id == QUALITY:
        counts = [ctx.number(f, LAST) for f in (*GIANTS, *OTHER_QUALITY)]
        return sorted(subset_sums([c for c in counts if c is not None])) if None not in counts else []
    field_id, year = BASELINE_SOURCES[indicator_id]
    value = ctx.number(field_id, year)
    return [value] if value is not None else []


def agrees(ctx: Context, indicator_id: str, baseline: float, reported: float) -> bool:
    """Given a baseline and the form's value, return whether they agree.

    Percentages use the catalogue tolerance, counts must be equal, amounts may differ by rounding or 1%.
    """
    unit = natural_unit(ctx, indicator_id)
    if unit == PERCENT:
        return within_tolerance(baseline, reported, ctx.rules.tolerances)
    if unit in (None, COUNT_UNIT):
        return baseline == reported
    return abs(baseline - reported) <= max(0.005, ctx.rules.tolerances.relative * abs(reported))


def comparable_baseline(ctx: Context, row: TargetRow) -> float | None:
    """Given a row, return its baseline in the unit of the form's field (None when not comparable)."""
    indicator_id = row.indicator_id or ""
    quantity = row_quantity(ctx, row, "baseline")
    unit = natural_unit(ctx, indicator_id)
    if quantity is None or (indicator_id in SAME_UNIT_ONLY and quantity.unit != unit):
        return None
    return quantity.value if indicator_id == QUALITY else in_unit(quantity, unit)


def target_baseline_mismatch(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return target_baseline_mismatch where a 2024 baseline differs from the form's value."""
    found: list[ExceptionItem] = []
    for row in table_rows(ctx.entry(TARGETS)):
        if row.indicator_id not in (*BASELINE_SOURCES, QUALITY):
            continue
        baseline = comparable_baseline(ctx, row)
        reported = reported_baseline(ctx, row.indicator_id or "")
        if (
            baseline is None
            or not reported
            or any(agrees(ctx, row.indicator_id or "", baseline, r) for r in reported)
        ):
            continue
        shown = reported[-1] if row.indicator_id == QUALITY else reported[0]
        params = {
            "indicator": row.indicator or "",
            "baseline": cell_text(row.baseline),
            "reported": fmt(shown),
        }
        found.append(ctx.finding("target_baseline_mismatch", TARGETS, params=params, value=row.baseline))
    return found


def meets_growth(ctx: Context, row: TargetRow, letter: str) -> bool | None:
    """Given a row and its requirement letter (a–d), return whether the target meets it (None: unknown)."""
    target, baseline = row_quantity(ctx, row, "target"), row_quantity(ctx, row, "baseline")
    if target is None:
        return None
    if letter in GROWTH_FLOORS and target.is_rate:
        return target.value >= GROWTH_FLOORS[letter]
    if baseline is None or baseline.is_rate or target.is_rate:
        return None
    end = in_unit(target, baseline.unit)
    if end is None:
        return None
    if letter == INCREASE:
        return end > baseline.value
    required = baseline.value * (1 + GROWTH_FLOORS[letter] / 100) ** HORIZON
    slack = 0.5 if natural_unit(ctx, row.indicator_id or "") in (None, COUNT_UNIT) else 0.005
    return end >= required - slack


def meets_direction(ctx: Context, row: TargetRow, better: str | None) -> bool | None:
    """Given a row and its better direction, return whether the target does not worsen the baseline."""
    target, baseline = row_quantity(ctx, row, "target"), row_quantity(ctx, row, "baseline")
    if target is None or baseline is None or target.is_rate != baseline.is_rate or better is None:
        return None
    start = in_unit(baseline, target.unit)
    if start is None:
        return None
    return target.value >= start if better == "higher" else target.value <= start


def requirement_params(row: TargetRow, letter: str, requirement: Requirement) -> dict[str, str]:
    return {
        "indicator": row.indicator or "",
        "target": cell_text(row.target),
        "baseline": cell_text(row.baseline),
        "requirement": letter,
        "requirement_text": requirement.text,
    }


def target_requirements(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return target_growth_requirement (a–d) and target_direction_requirement (e–g)."""
    spec = ctx.spec(TARGETS)
    rows = table_rows(ctx.entry(TARGETS))
    found: list[ExceptionItem] = []
    for letter, requirement in spec.requirements.items():
        indicator = spec.indicators[requirement.indicator]
        growth = letter in GROWTH_FLOORS or letter == INCREASE
        rule = "target_growth_requirement" if growth else "target_direction_requirement"
        for row in rows_for(rows, requirement.indicator):
            ok = meets_growth(ctx, row, letter) if growth else meets_direction(ctx, row, indicator.better)
            if ok is False:
                found.append(
                    ctx.finding(
                        rule, TARGETS, params=requirement_params(row, letter, requirement), value=row.target
                    )
                )
    return found


def baseline_fails_criteria(ctx: Context, indicator_id: str, baseline: float) -> bool:
    """Given an indicator and its 2024 baseline, return whether the profile's criterion rejects it."""
    profile = ctx.profile
    if indicator_id == "output_cagr":
        return not satisfies(baseline, profile.leading_output_cagr.op, profile.leading_output_cagr.value)
    if indicator_id == "iip_penetration_rate":
        return not satisfies(baseline, profile.iip_penetration_rate.op, profile.iip_penetration_rate.value)
    minima = profile.quality_firms
    return indicator_id == QUALITY and baseline < min(
        minima.champion_or_giant_min, minima.specialized_innovative_hightech_min
    )


def baseline_below_criteria(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return baseline_below_criteria for 2024 baselines that fail the profile's criteria."""
    found: list[ExceptionItem] = []
    for row in table_rows(ctx.entry(TARGETS)):
        quantity = row_quantity(ctx, row, "baseline")
        if (
            quantity is not None
            and row.indicator_id
            and baseline_fails_criteria(ctx, row.indicator_id, quantity.value)
        ):
            params = {"indicator": row.indicator or "", "baseline": cell_text(row.baseline)}
            found.append(ctx.finding("baseline_below_criteria", TARGETS, params=params, value=row.baseline))
    return found


def goal_number(text: str, keywords: tuple[str, ...]) -> float | None:
    """Given a stage-goal text and an indicator's keywords, return its number in the same clause."""
    for keyword in keywords:
        start = text.find(keyword)
        if start < 0:
            continue
        clause = re.split("[" + re.escape(CLAUSE_BREAKS) + "]", text[start + len(keyword) :], maxsplit=1)[0]
        match = GOAL_NUMBER.search(clause)
        if match:
            return float(match.group(1))
    return None


def worsens(ctx: Context, indicator_id: str, before: float, after: float) -> bool:
    """Given consecutive stage goals, return whether the later one fails to improve (rates may stay equal)."""
    better = ctx.spec(TARGETS).indicators[indicator_id].better
    step = after - before if better == "higher" else before - after
    return step < 0 or (step == 0 and natural_unit(ctx, indicator_id) != PERCENT)


def stage_goals_not_increasing(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return stage_goals_not_increasing where 2025–2027 goals do not improve."""
    texts = [(year, field_id, text_at(ctx.entry(field_id)) or "") for year, field_id in STAGE_FIELDS]
    found: list[ExceptionItem] = []
    for indicator_id, keywords in STAGE_GOAL_KEYWORDS.items():
        goals = [(y, f, n) for y, f, t in texts if (n := goal_number(t, keywords)) is not None]
        bad = [f for (_, _, a), (_, f, b) in itertools.pairwise(goals) if worsens(ctx, indicator_id, a, b)]
        if bad:
            values = ITEM_SEPARATOR.join(STAGE_VALUE.format(year=y, value=fmt(n)) for y, _, n in goals)
            params = {"indicator": indicator_name(ctx.spec(TARGETS), indicator_id), "values": values}
            found.append(
                ctx.finding(
                    "stage_goals_not_increasing", bad[0], params=params, value=[n for _, _, n in goals]
                )
            )
    return found
