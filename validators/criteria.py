"""Recognition criteria (认定标准) judged against the selected profile's thresholds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from schema.catalog import load_field_catalogue
from schema.record import ExceptionItem, region_part, ticked
from schema.rules_catalog import SEVERITY_ZH, Profile, Threshold
from validators.consistency import RD_EXPENDITURE, SME_SHARE, TOTAL_OUTPUT
from validators.context import Context
from validators.field_rules import year_slots
from validators.growth import FIRST, LAST, LEADING_CAGR, LEADING_SHARE
from validators.numeric import OP_SYMBOLS, cagr_percent, fmt, satisfies

IIP_RATE = "digital.iip_penetration_rate"
GIANTS = ("industry.single_champion_count", "industry.little_giant_count")
OTHER_QUALITY = (
    "industry.provincial_specialized_sme_count",
    "industry.innovative_sme_count",
    "industry.high_tech_enterprise_count",
)
NUMERIC_CRITERIA: frozenset[str] = frozenset(
    {
        "criterion_area",
        "criterion_output",
        "criterion_sme_share",
        "criterion_leading_share",
        "criterion_growth",
        "criterion_quality_firms",
        "criterion_rd_growth",
        "criterion_iip_rate",
    }
)


@dataclass(frozen=True)
class ThresholdCriterion:
    """A criterion that compares one field (per year, or some years) with one profile threshold."""

    rule: str
    field: str
    threshold: Callable[[Profile], Threshold]
    years: tuple[str, ...] | None = None  # None: every cell of the field


THRESHOLD_CRITERIA: tuple[ThresholdCriterion, ...] = (
    ThresholdCriterion("criterion_area", "basic.area", lambda p: p.area_km2),
    ThresholdCriterion("criterion_output", TOTAL_OUTPUT, lambda p: p.total_output_each_year),
    ThresholdCriterion("criterion_sme_share", SME_SHARE, lambda p: p.sme_output_share),
    ThresholdCriterion("criterion_leading_share", LEADING_SHARE, lambda p: p.leading_output_share),
    ThresholdCriterion("criterion_growth", LEADING_CAGR, lambda p: p.leading_output_cagr),
    ThresholdCriterion("criterion_iip_rate", IIP_RATE, lambda p: p.iip_penetration_rate, (LAST,)),
)


def threshold_text(threshold: Threshold, unit: str | None) -> str:
    """Given a profile threshold and the unit of what it limits, return it as a person reads it:
    `≥40亿元`, `≤100平方公里（警告）` when the profile sets the finding's severity."""
    text = f"{OP_SYMBOLS[threshold.op]}{fmt(threshold.value)}{unit or ''}"
    return f"{text}（{SEVERITY_ZH[threshold.severity]}）" if threshold.severity else text


def criterion_thresholds(profile: Profile) -> dict[str, str]:
    """Given a profile, return the threshold each criterion rule applies under it, by rule id (Chinese)."""
    specs = load_field_catalogue().by_id()
    shown = {c.rule: threshold_text(c.threshold(profile), specs[c.field].unit) for c in THRESHOLD_CRITERIA}
    firms = profile.quality_firms
    shown["criterion_quality_firms"] = (
        f"单项冠军+小巨人≥{firms.champion_or_giant_min}家，"
        f"或专精特新+创新型+高新技术≥{firms.specialized_innovative_hightech_min}家"
    )
    shown["criterion_rd_growth"] = threshold_text(profile.rd_expenditure_cagr, "%")
    shown["criterion_relaxed_west"] = "适用" if profile.western_relaxed else "不适用"
    return shown


def threshold_params(value: float, threshold: Threshold) -> dict[str, str]:
    """Given a value and the threshold it fails, return the message placeholders."""
    return {"value": fmt(value), "op": OP_SYMBOLS[threshold.op], "limit": fmt(threshold.value)}


def threshold_criteria(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return the criterion findings for each cell that fails its profile threshold."""
    found: list[ExceptionItem] = []
    for criterion in THRESHOLD_CRITERIA:
        threshold = criterion.threshold(ctx.profile)
        for year in criterion.years or year_slots(ctx.spec(criterion.field)):
            value = ctx.number(criterion.field, year)
            if value is not None and not satisfies(value, threshold.op, threshold.value):
                found.append(
                    ctx.finding(
                        criterion.rule,
                        criterion.field,
                        year=year,
                        value=value,
                        params=threshold_params(value, threshold),
                        severity=threshold.severity,
                    )
                )
    return found


def choice_criteria(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return criterion_compliance (是) and criterion_efficiency_benchmark (否)."""
    found: list[ExceptionItem] = []
    for rule_id, failing in (("criterion_compliance", "yes"), ("criterion_efficiency_benchmark", "no")):
        for field_id in ctx.rules.rule(rule_id).fields:
            if ctx.on_form(field_id) and failing in ticked(ctx.entry(field_id)):
                found.append(ctx.finding(rule_id, field_id, value=failing))
    return found


def quality_firms(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return criterion_quality_firms when both 2024 groups are below the minima."""
    giants = [ctx.number(f, LAST) for f in GIANTS]
    others = [ctx.number(f, LAST) for f in OTHER_QUALITY]
    if any(v is None for v in (*giants, *others)):
        return []
    giant_total = sum(v for v in giants if v is not None)
    other_total = sum(v for v in others if v is not None)
    minima = ctx.profile.quality_firms
    if (
        giant_total >= minima.champion_or_giant_min
        or other_total >= minima.specialized_innovative_hightech_min
    ):
        return []
    params = {"giants": fmt(giant_total), "others": fmt(other_total)}
    return [
        ctx.finding(
            "criterion_quality_firms",
            GIANTS[1],
            year=LAST,
            params=params,
            value=giant_total,
            related=[GIANTS[0], *OTHER_QUALITY],
        )
    ]


def rd_growth(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return criterion_rd_growth when the 研发经费 2022→2024 CAGR misses it."""
    amounts = ctx.numbers(RD_EXPENDITURE)
    growth = cagr_percent(amounts[FIRST], amounts[LAST], 2) if FIRST in amounts and LAST in amounts else None
    threshold = ctx.profile.rd_expenditure_cagr
    if growth is None or satisfies(round(growth, 2), threshold.op, threshold.value):
        return []
    return [
        ctx.finding(
            "criterion_rd_growth",
            RD_EXPENDITURE,
            params=threshold_params(growth, threshold),
            value=round(growth, 2),
            severity=threshold.severity,
        )
    ]


def relax_for_west(ctx: Context, items: list[ExceptionItem]) -> list[ExceptionItem]:
    """Given criterion findings, downgrade numeric errors to warnings in the west (+ one info)."""
    province = region_part(ctx.entry("cover.region"), "province")
    if not ctx.profile.western_relaxed or province not in ctx.rules.western_provinces:
        return items
    relaxed = [
        i.model_copy(update={"severity": "warning"})
        if i.rule in NUMERIC_CRITERIA and i.severity == "error"
        else i
        for i in items
    ]
    if relaxed == items:
        return items
    return [*relaxed, ctx.finding("criterion_relaxed_west", "cover.region", value=province)]


def criteria(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return every criterion finding under the context's profile."""
    items = [*choice_criteria(ctx), *threshold_criteria(ctx), *quality_firms(ctx), *rd_growth(ctx)]
    return relax_for_west(ctx, items)
