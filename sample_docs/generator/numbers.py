"""Rounding and the ways filers write numbers (separators, full-width digits, units, minus signs)."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

NumberStyle = Literal["plain", "thousands", "fullwidth", "unit", "unit_fullwidth_percent"]
NUMBER_STYLES: tuple[NumberStyle, ...] = ("plain", "thousands", "fullwidth", "unit", "unit_fullwidth_percent")
MINUS_SIGNS = ("-", "−", "－")
FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
Triple = tuple[float, float, float]


def r2(value: float) -> float:
    """Given a number, return it rounded half-up to 2 decimal places."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def r2_text(text: str) -> float:
    """Given a decimal as written (e.g. '12.345'), return it rounded half-up to 2 places."""
    return float(Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def triple(a: float, b: float, c: float) -> Triple:
    """Given three numbers, return them rounded to 2 places as a year triple."""
    return (r2(a), r2(b), r2(c))


def _digits(value: float, integer: bool, thousands: bool) -> str:
    """Given a value, return its digits with 2 decimals (none for integers), optionally grouped."""
    if integer:
        return f"{int(value):,}" if thousands else str(int(value))
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


def format_number(
    value: float, unit: str | None, style: NumberStyle, rng: random.Random, integer: bool = False
) -> str:
    """Given a value in the row unit and a style, return the cell text a filer would write."""
    text = _digits(abs(value), integer, style == "thousands" and abs(value) >= 1000)
    if value < 0:
        text = rng.choice(MINUS_SIGNS) + text
    if style == "fullwidth":
        text = text.translate(FULLWIDTH)
    if style in ("unit", "unit_fullwidth_percent") and unit:
        text += "％" if unit == "%" and style == "unit_fullwidth_percent" else unit
    return text


def pick_style(rng: random.Random, value: float) -> NumberStyle:
    """Given a value, return a plausible writing style (mostly plain)."""
    weights = (55, 15 if abs(value) >= 1000 else 0, 10, 12, 8)
    return rng.choices(NUMBER_STYLES, weights=weights)[0]
