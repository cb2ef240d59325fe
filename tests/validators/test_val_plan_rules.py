"""八: target table (missing rows, baselines, requirements a–g) and stage goals."""

from __future__ import annotations

import pytest
from pydantic import JsonValue
from val_records import clean, drop_row, hits, only, patch_row, patched, run

from validators.profiles import resolve_profile

TARGETS = "plan.three_year_targets"


@pytest.mark.parametrize(
    ("indicator_id", "name"),
    [("iip_penetration_rate", "工业互联网普及率"), ("open_cooperation_qualitative", "开放合作定性描述")],
)
def test_target_missing_row(indicator_id: str, name: str) -> None:
    item = only(run(drop_row(clean(), TARGETS, indicator_id)), "target_missing")
    assert item.field == TARGETS and item.message == f"三年总体目标缺少“{name}”的2027年目标值。"


def test_target_missing_empty_target() -> None:
    record = patch_row(clean(), TARGETS, "governance_qualitative", target=None)
    assert hits(run(record), "target_missing") == [(TARGETS, None)]


def test_target_missing_not_for_a_present_table() -> None:
    record = patch_row(clean(), TARGETS, "governance_qualitative", baseline=None)
    assert hits(run(record), "target_missing") == []


def test_missing_table_is_required_missing_only() -> None:
    items = run(patched(clean(), TARGETS, None, status="missing"))
    assert hits(items, "required_missing") == [(TARGETS, None)] and hits(items, "target_missing") == []


@pytest.mark.parametrize(
    ("indicator_id", "cells"),
    [
        ("rd_expenditure", {"baseline": 4.6}),
        ("rd_expenditure", {"baseline": "1.2亿元"}),
        ("rd_expenditure", {"baseline": 12000, "unit": "万元"}),
        ("invention_patent_count", {"baseline": 690}),
        ("iip_penetration_rate", {"baseline": 28.0}),
        ("output_cagr", {"baseline": 13.0}),
        ("energy_intensity", {"baseline": 0.2}),
        ("quality_sme_count", {"baseline": 1000}),
    ],
)
def test_target_baseline_mismatch(indicator_id: str, cells: dict[str, JsonValue]) -> None:
    items = run(patch_row(clean(), TARGETS, indicator_id, **cells))
    assert hits(items, "target_baseline_mismatch") == [(TARGETS, None)]


@pytest.mark.parametrize(
    ("indicator_id", "cells"),
    [
        ("rd_expenditure", {"baseline": "5.2亿元"}),
        ("rd_expenditure", {"baseline": 52000, "unit": "万元"}),
        ("rd_expenditure", {"baseline": "52000万元", "unit": None}),
        ("iip_penetration_rate", {"baseline": "29.2%"}),
        ("quality_sme_count", {"baseline": 35}),  # 小巨人 + 专精特新 + 单项冠军
        ("co2_emissions", {"baseline": 12.5, "unit": "万吨"}),  # total emissions: not on the form
    ],
)
def test_target_baseline_near_miss(indicator_id: str, cells: dict[str, JsonValue]) -> None:
    assert hits(run(patch_row(clean(), TARGETS, indicator_id, **cells)), "target_baseline_mismatch") == []


@pytest.mark.parametrize(
    ("indicator_id", "target", "letter"),
    [
        ("output_cagr", 9, "a"),
        ("output_cagr", "≥8%", "a"),
        ("quality_sme_count", 104, "b"),
        ("rd_expenditure", 6.9, "c"),
        ("rd_expenditure", "年均增长8%", "c"),
        ("invention_patent_count", 1064, "d"),
    ],
)
def test_target_growth_requirement(indicator_id: str, target: JsonValue, letter: str) -> None:
    item = only(run(patch_row(clean(), TARGETS, indicator_id, target=target)), "target_growth_requirement")
    assert f"要求{letter}" in item.message and item.field == TARGETS


@pytest.mark.parametrize(
    ("indicator_id", "target"),
    [
        ("output_cagr", 10),
        ("output_cagr", "≥10%"),
        ("quality_sme_count", 105),
        ("rd_expenditure", 6.92),
        ("rd_expenditure", "69200万元"),
        ("rd_expenditure", "年均增长12%"),
        ("invention_patent_count", 1065),
    ],
)
def test_target_growth_near_miss(indicator_id: str, target: JsonValue) -> None:
    items = run(patch_row(clean(), TARGETS, indicator_id, target=target))
    assert hits(items, "target_growth_requirement") == []


@pytest.mark.parametrize(
    ("indicator_id", "target", "letter"),
    [
        ("iip_penetration_rate", 25, "e"),
        ("co2_emissions", 0.5, "f"),
        ("energy_intensity", 0.19, "g"),
        ("energy_intensity", "0.19吨标准煤/万元", "g"),
    ],
)
def test_target_direction_requirement(indicator_id: str, target: JsonValue, letter: str) -> None:
    item = only(run(patch_row(clean(), TARGETS, indicator_id, target=target)), "target_direction_requirement")
    assert f"要求{letter}" in item.message


@pytest.mark.parametrize(
    ("indicator_id", "target"),
    [("iip_penetration_rate", 29.59), ("energy_intensity", 0.18), ("co2_emissions", "下降5%")],
)
def test_target_direction_near_miss(indicator_id: str, target: JsonValue) -> None:
    items = run(patch_row(clean(), TARGETS, indicator_id, target=target))
    assert hits(items, "target_direction_requirement") == []


@pytest.mark.parametrize(
    ("indicator_id", "baseline"),
    [("output_cagr", 9.0), ("iip_penetration_rate", 9.0), ("quality_sme_count", 0)],
)
def test_baseline_below_criteria(indicator_id: str, baseline: JsonValue) -> None:
    item = only(run(patch_row(clean(), TARGETS, indicator_id, baseline=baseline)), "baseline_below_criteria")
    assert item.severity == "warning" and item.value == baseline


def test_baseline_below_criteria_follows_the_profile() -> None:
    record = patch_row(clean(), TARGETS, "output_cagr", baseline=8.0)
    assert hits(run(record, resolve_profile("yunnan_provincial")), "baseline_below_criteria") == []
    near = patch_row(clean(), TARGETS, "output_cagr", baseline=10.5)
    assert hits(run(near), "baseline_below_criteria") == []


def test_stage_goals_not_increasing() -> None:
    text = "集群产值年均增速达到11%，优质中小企业数量达到110家，研发经费投入达到6.4亿元。"
    item = only(run(patched(clean(), "plan.stage_goal_2026", text)), "stage_goals_not_increasing")
    assert item.field == "plan.stage_goal_2026" and "优质中小企业数量" in item.message
    assert "2025年115、2026年110、2027年150" in item.message


def test_stage_goals_lower_is_better_for_energy() -> None:
    text = "单位工业产值能耗降至0.18吨标准煤/万元。"
    item = only(run(patched(clean(), "plan.stage_goal_2026", text)), "stage_goals_not_increasing")
    assert "单位工业产值能耗" in item.message


@pytest.mark.parametrize(
    "text",
    [
        "集群产值年均增速达到10%，研发经费投入达到6.4亿元。",  # a steady growth rate is fine
        "完善公共服务体系，2026年新增服务平台2个。",  # no indicator named
    ],
)
def test_stage_goals_near_miss(text: str) -> None:
    assert hits(run(patched(clean(), "plan.stage_goal_2026", text)), "stage_goals_not_increasing") == []
