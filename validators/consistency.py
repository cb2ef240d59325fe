"""Cross-field consistency within one filing: subsets vs totals, reported vs recomputed ratios, trends."""

from __future__ import annotations

from collections.abc import Iterator

from schema.record import ExceptionItem
from validators.context import Context
from validators.numeric import fmt, within_tolerance

ENTERPRISES = "industry.enterprise_count"
SMES = "industry.sme_count"
STAFF = "innovation.sme_employee_count"
RD_STAFF = "innovation.sme_rd_staff_count"
# (count, the total it is part of): tier counts ⊆ 企业数; 上云/接入 counts ⊆ 中小企业数.
TIER_TOTALS: tuple[tuple[str, str], ...] = (
    ("industry.provincial_specialized_sme_count", ENTERPRISES),
    ("industry.little_giant_count", ENTERPRISES),
    ("industry.single_champion_count", ENTERPRISES),
    ("industry.high_tech_enterprise_count", ENTERPRISES),
    ("industry.innovative_sme_count", ENTERPRISES),
    ("industry.listed_sme_count", ENTERPRISES),
    ("industry.pre_listing_sme_count", ENTERPRISES),
    ("digital.cloud_sme_count", SMES),
    ("digital.iip_sme_count", SMES),
)
# (reported percentage, numerator count, denominator count), per year.
SHARE_RATIOS: tuple[tuple[str, str, str], ...] = (
    ("digital.cloud_adoption_rate", "digital.cloud_sme_count", SMES),
    ("digital.iip_penetration_rate", "digital.iip_sme_count", SMES),
)
RD_INTENSITY = "innovation.rd_intensity"
RD_EXPENDITURE = "innovation.rd_expenditure"
TOTAL_OUTPUT = "industry.total_output"
SME_SHARE = "industry.sme_output_share"
PATENTS_PER_10K = "innovation.invention_patents_per_10k_staff"
PATENTS = "innovation.invention_patent_count"
STAFF_YEAR = "2024"
TREND_FACTOR = 3.0


def exceeding(ctx: Context, part_id: str, total_id: str) -> Iterator[tuple[str, float, float]]:
    """Given a count and its total, yield (year, part, total) for each year the part is larger."""
    totals = ctx.numbers(total_id) if ctx.on_form(total_id) else {}
    parts = ctx.numbers(part_id) if ctx.on_form(part_id) else {}
    for year, part in parts.items():
        total = totals.get(year)
        if total is not None and part > total:
            yield year, part, total


def sme_count_exceeds_total(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return sme_count_exceeds_total for each year 中小企业数 > 企业数."""
    return [
        ctx.finding(
            "sme_count_exceeds_total",
            SMES,
            year=year,
            params={"sme": fmt(sme), "total": fmt(total)},
            value=sme,
            related=[ENTERPRISES],
        )
        for year, sme, total in exceeding(ctx, SMES, ENTERPRISES)
    ]


def tier_count_exceeds_total(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return tier_count_exceeds_total for each tier count above its total."""
    found: list[ExceptionItem] = []
    for part_id, total_id in TIER_TOTALS:
        for year, part, total in exceeding(ctx, part_id, total_id):
            params = {"value": fmt(part), "total_label": ctx.label(total_id), "total": fmt(total)}
            found.append(
                ctx.finding(
                    "tier_count_exceeds_total",
                    part_id,
                    year=year,
                    params=params,
                    value=part,
                    related=[total_id],
                )
            )
    return found


def staff_count_inconsistent(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return staff_count_inconsistent for each year 研发人员 > 从业人员."""
    return [
        ctx.finding(
            "staff_count_inconsistent",
            RD_STAFF,
            year=year,
            params={"rd": fmt(rd), "staff": fmt(staff)},
            value=rd,
            related=[STAFF],
        )
        for year, rd, staff in exceeding(ctx, RD_STAFF, STAFF)
    ]


def ratio_finding(
    ctx: Context, field_id: str, year: str | None, candidates: list[float]
) -> ExceptionItem | None:
    """Given a reported ratio and the values it may be computed as, return ratio_inconsistent if none fits."""
    reported = ctx.number(field_id, year)
    if reported is None or not candidates:
        return None
    if any(within_tolerance(reported, c, ctx.rules.tolerances) for c in candidates):
        return None
    params = {"reported": fmt(reported), "computed": fmt(candidates[0])}
    related = [f for f in RATIO_INPUTS.get(field_id, []) if ctx.on_form(f)]
    return ctx.finding(
        "ratio_inconsistent", field_id, year=year, params=params, value=reported, related=related
    )


def share_candidates(ctx: Context, part_id: str, total_id: str, year: str) -> list[float]:
    """Given a count and its base, return the percentage they imply for a year (empty if not computable)."""
    part, total = ctx.number(part_id, year), ctx.number(total_id, year)
    return [part / total * 100] if part is not None and total else []


def rd_intensity_candidates(ctx: Context, year: str) -> list[float]:
    """Given a year, return 研发投入强度 over the SMEs' output, and over the total output (both, or none)."""
    rd, output, share = (ctx.number(f, year) for f in (RD_EXPENDITURE, TOTAL_OUTPUT, SME_SHARE))
    if rd is None or not output or not share:
        return []
    return [rd / (output * share / 100) * 100, rd / output * 100]


def patents_per_10k_candidates(ctx: Context) -> list[float]:
    """Return 每万人有效发明专利 computed from 有效发明专利 and the 2024 从业人员 (application form only)."""
    patents = ctx.number(PATENTS)
    staff = ctx.number(STAFF, STAFF_YEAR) if ctx.on_form(STAFF) else None
    return [patents / staff * 10000] if patents is not None and staff else []


RATIO_INPUTS: dict[str, list[str]] = {
    **{rate_id: [part_id, total_id] for rate_id, part_id, total_id in SHARE_RATIOS},
    RD_INTENSITY: [RD_EXPENDITURE, TOTAL_OUTPUT, SME_SHARE],
    PATENTS_PER_10K: [PATENTS, STAFF],
}
"""The fields each checked ratio is computed from (named as `related` on its finding)."""


def ratio_inconsistent(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return ratio_inconsistent for reported ratios the form's own counts contradict."""
    checks: list[tuple[str, str | None, list[float]]] = []
    for rate_id, part_id, total_id in SHARE_RATIOS:
        checks += [
            (rate_id, y, share_candidates(ctx, part_id, total_id, y)) for y in ctx.spec(rate_id).year_keys
        ]
    checks += [(RD_INTENSITY, y, rd_intensity_candidates(ctx, y)) for y in ctx.spec(RD_INTENSITY).year_keys]
    checks.append((PATENTS_PER_10K, None, patents_per_10k_candidates(ctx)))
    found = [ratio_finding(ctx, field_id, year, candidates) for field_id, year, candidates in checks]
    return [item for item in found if item is not None]


def trend_implausible(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return trend_implausible where an amount jumps ×3 or falls by 2/3 year on year."""
    found: list[ExceptionItem] = []
    for spec in ctx.specs():
        if spec.type != "decimal" or not spec.years:
            continue
        values = ctx.numbers(spec.id)
        for prev, year in zip(spec.year_keys, spec.year_keys[1:], strict=False):
            before, after = values.get(prev), values.get(year)
            if (
                before
                and after is not None
                and before > 0
                and not (before / TREND_FACTOR <= after <= before * TREND_FACTOR)
            ):
                params = {
                    "from_year": prev,
                    "from_value": fmt(before),
                    "to_year": year,
                    "to_value": fmt(after),
                }
                found.append(ctx.finding("trend_implausible", spec.id, year=year, params=params, value=after))
    return found
