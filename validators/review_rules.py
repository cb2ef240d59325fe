"""Review form only: 2025 targets vs 完成值, and a change of 运营管理机构."""

from __future__ import annotations

from schema.record import ExceptionItem, ticked
from validators.context import Context
from validators.plan_rules import row_quantity
from validators.targets import cell_text, in_unit, table_rows

COMPLETION = "plan.target_completion"
OPERATOR_CHANGED = "basic.operator_changed"
CHANGED = "yes"


def misses_target(ctx: Context, indicator_id: str, target_cell: float, actual_cell: float) -> bool:
    """Given an indicator and a row's target and actual (same unit), return whether actual is worse."""
    better = ctx.spec(COMPLETION).indicators[indicator_id].better
    return (
        actual_cell < target_cell if better == "higher" else better == "lower" and actual_cell > target_cell
    )


def review_target_not_met(ctx: Context) -> list[ExceptionItem]:
    """Given a review record, return review_target_not_met for each 2025完成值 worse than its 目标值."""
    if not ctx.on_form(COMPLETION):
        return []
    indicators = ctx.spec(COMPLETION).indicators
    found: list[ExceptionItem] = []
    for row in table_rows(ctx.entry(COMPLETION)):
        target, actual = row_quantity(ctx, row, "target"), row_quantity(ctx, row, "actual")
        if (
            row.indicator_id not in indicators
            or target is None
            or actual is None
            or target.is_rate != actual.is_rate
        ):
            continue
        actual_value = in_unit(actual, target.unit)
        if actual_value is not None and misses_target(
            ctx, row.indicator_id or "", target.value, actual_value
        ):
            params = {
                "indicator": row.indicator or "",
                "actual": cell_text(row.actual),
                "target": cell_text(row.target),
            }
            found.append(ctx.finding("review_target_not_met", COMPLETION, params=params, value=row.actual))
    return found


def operator_changed(ctx: Context) -> list[ExceptionItem]:
    """Given a review record, return operator_changed when 是否发生变化 is ticked 是."""
    if not ctx.on_form(OPERATOR_CHANGED) or CHANGED not in ticked(ctx.entry(OPERATOR_CHANGED)):
        return []
    return [ctx.finding("operator_changed", OPERATOR_CHANGED, value=CHANGED)]
