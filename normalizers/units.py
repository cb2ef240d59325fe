"""Units written in numeric cells: which written units a field's unit accepts, and the conversion factor."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

PERCENT = "%"
MONEY_PREFIX = "人民币"
MONEY_IN_YUAN: Mapping[str, Decimal] = MappingProxyType(
    {
        "元": Decimal(1),
        "千元": Decimal(10) ** 3,
        "万元": Decimal(10) ** 4,
        "万": Decimal(10) ** 4,
        "百万元": Decimal(10) ** 6,
        "千万元": Decimal(10) ** 7,
        "亿元": Decimal(10) ** 8,
        "亿": Decimal(10) ** 8,
    }
)
COUNT_WORDS = ("个", "家", "人", "项", "件", "名", "户", "座", "次", "位", "款", "种", "所", "条")
COUNT_UNITS = frozenset({"个", "人"})
TEN_THOUSAND = "万"
ONE = Decimal(1)

PERCENT_UNITS: Mapping[str, Decimal] = MappingProxyType({PERCENT: ONE, "‰": Decimal("0.1")})
COUNT_FACTORS: Mapping[str, Decimal] = MappingProxyType(
    {word: ONE for word in COUNT_WORDS}
    | {TEN_THOUSAND + word: Decimal(10) ** 4 for word in COUNT_WORDS}
    | {TEN_THOUSAND: Decimal(10) ** 4}
)
FIXED_UNITS: Mapping[str, Mapping[str, Decimal]] = MappingProxyType(
    {
        "平方公里": MappingProxyType(
            {
                "平方公里": ONE,
                "平方千米": ONE,
                "km2": ONE,
                "km²": ONE,
                "公顷": Decimal("0.01"),
                "亩": ONE / Decimal(1500),
                "平方米": Decimal("0.000001"),
            }
        ),
        "个/万人": MappingProxyType({"个/万人": ONE, "件/万人": ONE, "项/万人": ONE}),
        "吨标准煤/万元": MappingProxyType(
            {"吨标准煤/万元": ONE, "吨标煤/万元": ONE, "tce/万元": ONE, "吨/万元": ONE}
        ),
        "吨二氧化碳/万元": MappingProxyType(
            {"吨二氧化碳/万元": ONE, "吨co2/万元": ONE, "tco2/万元": ONE, "吨/万元": ONE}
        ),
    }
)
MONEY_UNITS: Mapping[str, Mapping[str, Decimal]] = MappingProxyType(
    {
        field_unit: MappingProxyType({name: factor / base for name, factor in MONEY_IN_YUAN.items()})
        for field_unit, base in MONEY_IN_YUAN.items()
    }
)


def accepted_units(field_unit: str | None, kind: str) -> Mapping[str, Decimal]:
    """Given a field's unit and number kind, return the written units it accepts with their factors."""
    if kind == "percent" or field_unit == PERCENT:
        return PERCENT_UNITS
    if field_unit is not None and field_unit in MONEY_UNITS:
        return MONEY_UNITS[field_unit]
    if field_unit in COUNT_UNITS:
        return COUNT_FACTORS
    if field_unit is None:
        return MappingProxyType({})
    return FIXED_UNITS.get(field_unit, MappingProxyType({field_unit: ONE}))


def unit_factor(written: str, field_unit: str | None, kind: str) -> Decimal | None:
    """Given a unit written in a cell, return the factor converting it to the field unit (None: unknown).

    An empty written unit has factor 1; 人民币 around money units and Latin case are ignored.
    """
    if not written or written == field_unit:
        return ONE
    key = written.replace(MONEY_PREFIX, "").lower()
    return accepted_units(field_unit, kind).get(key)
