"""Growth rates against the levels they describe: yearly growth, 近三年年均增速 and intensity reductions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from schema.record import ExceptionItem
from validators.consistency import TOTAL_OUTPUT
from validators.context import Context
from validators.numeric import cagr_percent, fmt, growth_percent, within_tolerance

LEADING_SHARE = "industry.leading_output_share"
LEADING_GROWTH = "industry.leading_output_growth"
LEADING_CAGR = "industry.leading_output_cagr"
# growth-rate field → the level series it is computed from (主导产业产值 is derived, see leading_levels).
GROWTH_LEVELS: Mapping[str, str] = MappingProxyType(
    {
        "innovation.rd_expenditure_growth": "innovation.rd_expenditure",
        "industry.fdi_growth": "industry.fdi_amount",
        "industry.export_growth": "industry.export_amount",
    }
)
# reduction-rate field → the intensity series (2022 vs 2024).
REDUCTIONS: tuple[tuple[str, str], ...] = (
    ("green.energy_intensity_reduction_rate", "green.energy_intensity"),
    ("green.co2_intensity_reduction_rate", "green.co2_intensity"),
)
FIRST, MIDDLE, LAST = "2022", "2023", "2024"


@dataclass(frozen=True)
class Series:
    """Levels and reported yearly growth rates of one quantity, keyed by year."""

    levels: dict[str, float]
    growths: dict[str, float]


def leading_levels(ctx: Context) -> dict[str, float]:
    """Return 主导产业产值 per year = 集群总产值 × 主导产业占比."""
    totals, shares = ctx.numbers(TOTAL_OUTPUT), ctx.numbers(LEADING_SHARE)
    return {year: totals[year] * shares[year] / 100 for year in totals if year in shares}


def levels_for(ctx: Context, growth_id: str) -> dict[str, float]:
    """Given a growth-rate field, return the levels its rates are computed from."""
    if growth_id == LEADING_GROWTH:
        return leading_levels(ctx)
    return ctx.numbers(GROWTH_LEVELS[growth_id])


def growth_inputs(growth_id: str) -> list[str]:
    """Given a growth-rate field, return the level fields it is computed from."""
    if growth_id == LEADING_GROWTH:
        return [TOTAL_OUTPUT, LEADING_SHARE]
    return [GROWTH_LEVELS[growth_id]]


def growth_inconsistent(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return growth_inconsistent for 2023/2024 growth rates the levels contradict."""
    found: list[ExceptionItem] = []
    for growth_id in (LEADING_GROWTH, *GROWTH_LEVELS):
        if not ctx.on_form(growth_id):
            continue
        levels = levels_for(ctx, growth_id)
        for prev, year in ((FIRST, MIDDLE), (MIDDLE, LAST)):
            reported = ctx.number(growth_id, year)
            computed = (
                growth_percent(levels[prev], levels[year]) if prev in levels and year in levels else None
            )
            if (
                reported is not None
                and computed is not None
                and not within_tolerance(reported, computed, ctx.rules.tolerances)
            ):
                params = {"reported": fmt(reported), "computed": fmt(computed)}
                related = growth_inputs(growth_id)
                found.append(
                    ctx.finding(
                        "growth_inconsistent",
                        growth_id,
                        year=year,
                        params=params,
                        value=reported,
                        related=related,
                    )
                )
    return found


def cagr_2021_base(series: Series) -> float | None:
    """Given a series, return the 3-year CAGR from a 2021 level derived from the 2022 growth rate."""
    level, rate, end = series.levels.get(FIRST), series.growths.get(FIRST), series.levels.get(LAST)
    if level is None or rate is None or end is None or rate <= -100:
        return None
    return cagr_percent(level / (1 + rate / 100), end, 3)


def arithmetic_mean(series: Series) -> float | None:
    """Given a series, return the mean of the three reported yearly growth rates."""
    rates = [series.growths.get(y) for y in (FIRST, MIDDLE, LAST)]
    return sum(r for r in rates if r is not None) / 3 if all(r is not None for r in rates) else None


def cagr_2022_base(series: Series) -> float | None:
    """Given a series, return the 2-year CAGR (v2024/v2022)^(1/2) − 1."""
    start, end = series.levels.get(FIRST), series.levels.get(LAST)
    return cagr_percent(start, end, 2) if start is not None and end is not None else None


GROWTH_METHODS: Mapping[str, Callable[[Series], float | None]] = MappingProxyType(
    {
        "cagr_2021_base": cagr_2021_base,
        "arithmetic_mean": arithmetic_mean,
        "cagr_2022_base": cagr_2022_base,
    }
)


def average_growth_inconsistent(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return average_growth_inconsistent when 主导产业产值年均增速 fits no method.

    有效发明专利年均增速 is not checked: the form reports only the 2024 patent stock, so no method applies.
    """
    reported = ctx.number(LEADING_CAGR)
    series = Series(levels=leading_levels(ctx), growths=ctx.numbers(LEADING_GROWTH))
    computed = [GROWTH_METHODS[m](series) for m in ctx.rules.tolerances.growth_methods]
    candidates = [c for c in computed if c is not None]
    if reported is None or len(candidates) < len(computed):  # a method lacks its inputs: cannot judge
        return []
    if any(within_tolerance(reported, c, ctx.rules.tolerances) for c in candidates):
        return []
    closest = min(candidates, key=lambda c: abs(c - reported))
    params = {"reported": fmt(reported), "computed": fmt(closest)}
    return [
        ctx.finding(
            "average_growth_inconsistent",
            LEADING_CAGR,
            params=params,
            value=reported,
            related=[TOTAL_OUTPUT, LEADING_SHARE, LEADING_GROWTH],
        )
    ]


def reduction_candidates(first: float, last: float) -> list[float]:
    """Given the 2022 and 2024 intensities, return the total and the annualised reduction in percent."""
    if first <= 0 or last < 0:
        return []
    return [(first - last) / first * 100, (1 - (last / first) ** 0.5) * 100]


def intensity_reduction_inconsistent(ctx: Context) -> list[ExceptionItem]:
    """Given a record, return intensity_reduction_inconsistent for rates the intensities contradict."""
    found: list[ExceptionItem] = []
    for rate_id, intensity_id in REDUCTIONS:
        reported = ctx.number(rate_id) if ctx.on_form(rate_id) else None
        levels = ctx.numbers(intensity_id)
        candidates = (
            reduction_candidates(levels[FIRST], levels[LAST]) if FIRST in levels and LAST in levels else []
        )
        if (
            reported is None
            or not candidates
            or any(within_tolerance(reported, c, ctx.rules.tolerances) for c in candidates)
        ):
            continue
        params = {"reported": fmt(reported), "computed": fmt(candidates[0])}
        found.append(
            ctx.finding(
                "intensity_reduction_inconsistent",
                rate_id,
                params=params,
                value=reported,
                related=[intensity_id],
            )
        )
    return found
