"""Plants in section 八: target tables and stage goals."""

from __future__ import annotations

from sample_docs.builder.filling import TargetRowFill
from sample_docs.generator.draft import Draft, Json
from sample_docs.generator.fill_targets import cell_text
from sample_docs.generator.numbers import r2

TARGETS = "plan.three_year_targets"
COMPLETION = "plan.target_completion"


def _truth_row(draft: Draft, field_id: str, indicator_id: str) -> dict[str, Json]:
    """Given a target table and an indicator id, return that row of the truth (to edit)."""
    rows = draft.entries[field_id].value
    assert isinstance(rows, list)
    for row in rows:
        if isinstance(row, dict) and row["indicator_id"] == indicator_id:
            return row
    raise KeyError(indicator_id)


def edit_target(
    draft: Draft, field_id: str, indicator_id: str, column: str, value: float | int | None
) -> None:
    """Given a target table cell (row by indicator id, column key), rewrite its text and truth."""
    truth = _truth_row(draft, field_id, indicator_id)
    truth[column] = value
    columns = list(draft.spec(field_id).columns)
    unit = truth["unit"] if isinstance(truth["unit"], str) else None
    rows = list(draft.targets[field_id])
    for index, row in enumerate(rows):
        if row.indicator == truth["indicator"] and row.direction == truth["direction"]:
            cells = list(row.cells)
            cells[columns.index(column)] = cell_text(value, unit)
            rows[index] = TargetRowFill(row.direction, row.indicator, tuple(cells))
    draft.targets[field_id] = tuple(rows)


def _number(draft: Draft, field_id: str, indicator_id: str, column: str) -> float:
    value = _truth_row(draft, field_id, indicator_id)[column]
    assert isinstance(value, int | float)
    return float(value)


def rd_target_too_low(draft: Draft) -> None:
    """Set the 2027 研发经费 target below baseline×1.331 (target_growth_requirement)."""
    baseline = _number(draft, TARGETS, "rd_expenditure", "baseline")
    edit_target(draft, TARGETS, "rd_expenditure", "target", r2(baseline * 1.2))
    draft.plant("target_growth_requirement", TARGETS)


def patent_baseline_off(draft: Draft) -> None:
    """Make the 有效发明专利 baseline differ from the form's count (target_baseline_mismatch)."""
    baseline = int(_number(draft, TARGETS, "invention_patent_count", "baseline"))
    edit_target(draft, TARGETS, "invention_patent_count", "baseline", baseline - draft.rng.randint(80, 200))
    draft.plant("target_baseline_mismatch", TARGETS)


def energy_target_up(draft: Draft) -> None:
    """Set the 2027 单位工业产值能耗 target above its baseline (target_direction_requirement)."""
    baseline = _number(draft, TARGETS, "energy_intensity", "baseline")
    edit_target(draft, TARGETS, "energy_intensity", "target", r2(baseline * 1.1 + 0.01))
    draft.plant("target_direction_requirement", TARGETS)


def co2_target_blank(draft: Draft) -> None:
    """Leave the 二氧化碳排放量 target empty (target_missing)."""
    edit_target(draft, TARGETS, "co2_emissions", "target", None)
    draft.plant("target_missing", TARGETS)


def completion_missed(draft: Draft) -> None:
    """Review form: a 2025 研发经费 actual below its target (review_target_not_met)."""
    target = _number(draft, COMPLETION, "rd_expenditure", "target")
    edit_target(draft, COMPLETION, "rd_expenditure", "actual", r2(target * 0.85))
    draft.plant("review_target_not_met", COMPLETION)


def _amount(text: str, token: str) -> tuple[int, int]:
    """Given a stage-goal sentence and a lead-in, return the span of the 亿元 amount after it."""
    start = text.index(token) + len(token)
    return start, text.index("亿元", start)


def stage_goals_fall(draft: Draft) -> None:
    """Make the 2026 总产值/研发经费 goals lower than 2025's (stage_goals_not_increasing); counts still rise."""
    first = str(draft.entries["plan.stage_goal_2025"].value)
    text = str(draft.entries["plan.stage_goal_2026"].value)
    for token in ("总产值达到", "研发经费投入达到"):
        low, high = _amount(first, token)
        start, end = _amount(text, token)
        text = text[:start] + f"{float(first[low:high]) * 0.9:.2f}" + text[end:]
    draft.put("plan.stage_goal_2026", None, (text,), text)
    draft.plant("stage_goals_not_increasing", "plan.stage_goal_2026")
