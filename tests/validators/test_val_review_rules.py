"""Review form: 2025 完成值 vs 目标值, and a changed 运营管理机构."""

from __future__ import annotations

import pytest
from pydantic import JsonValue
from val_records import clean, hits, only, patch_row, patched, run

COMPLETION = "plan.target_completion"


@pytest.mark.parametrize(
    ("indicator_id", "actual"),
    [("rd_expenditure", 4.8), ("co2_emissions", 0.47), ("output_cagr", "9.5%"), ("quality_sme_count", 99)],
)
def test_review_target_not_met(indicator_id: str, actual: JsonValue) -> None:
    item = only(
        run(patch_row(clean("review"), COMPLETION, indicator_id, actual=actual)), "review_target_not_met"
    )
    assert item.field == COMPLETION and item.value == actual


@pytest.mark.parametrize(
    ("indicator_id", "actual"),
    [
        ("rd_expenditure", 5.0),
        ("rd_expenditure", "50000万元"),
        ("co2_emissions", 0.46),
        ("open_cooperation_qualitative", "未设立"),
        ("energy_intensity", None),
    ],
)
def test_review_target_met_or_not_comparable(indicator_id: str, actual: JsonValue) -> None:
    items = run(patch_row(clean("review"), COMPLETION, indicator_id, actual=actual))
    assert hits(items, "review_target_not_met") == []


def test_operator_changed() -> None:
    item = only(run(patched(clean("review"), "basic.operator_changed", "yes")), "operator_changed")
    assert item.severity == "warning" and item.message == "集群运营管理机构发生变化，需附情况说明。"


def test_operator_not_changed() -> None:
    assert hits(run(clean("review")), "operator_changed") == []
    assert hits(run(clean("application")), "review_target_not_met") == []
