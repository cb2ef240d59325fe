"""Small numeric helpers: tolerance comparisons, growth rates and how numbers read in messages."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from types import MappingProxyType

from schema.rules_catalog import Comparison, Tolerances

COMPARE: Mapping[Comparison, Callable[[float, float], bool]] = MappingProxyType(
    {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
)
OP_SYMBOLS: Mapping[Comparison, str] = MappingProxyType({">=": "≥", ">": ">", "<=": "≤", "<": "<"})


def within_tolerance(reported: float, computed: float, tolerances: Tolerances) -> bool:
    """Given a reported and a computed figure, return whether they agree within the catalogue tolerance."""
    allowed = max(tolerances.percent_points, tolerances.relative * abs(computed))
    return abs(reported - computed) <= allowed + 1e-9


def satisfies(value: float, op: Comparison, limit: float) -> bool:
    """Given a value, a comparison and a limit, return whether value op limit holds."""
    return COMPARE[op](value, limit)


def growth_percent(previous: float, current: float) -> float | None:
    """Given two consecutive levels, return the growth in percent (None when the base is not positive)."""
    if previous <= 0:
        return None
    return (current / previous - 1.0) * 100.0


def cagr_percent(start: float, end: float, periods: int) -> float | None:
    """Given a start and end level over `periods` years, return the compound annual growth in percent."""
    if start <= 0 or end < 0 or periods <= 0:
        return None
    return float(((end / start) ** (1.0 / periods) - 1.0) * 100.0)


def fmt(value: float) -> str:
    """Given a number, return it as a message shows it: integers plain, others with 2 decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"
