"""Field rules: completeness, ranges, lengths, attachments, evidence, named counts, dates."""

from __future__ import annotations

import pytest
from pydantic import JsonValue
from val_records import clean, hits, only, patched, run

from validators.field_rules import char_count


def test_required_missing_fires_per_year_and_suppresses_dependent_rules() -> None:
    items = run(patched(clean(), "industry.total_output", None, year="2023", status="missing"))
    assert hits(items, "required_missing") == [("industry.total_output", "2023")]
    assert "2023年" in only(items, "required_missing").message
    assert hits(items, "growth_inconsistent") == []
    assert hits(items, "criterion_output") == []
    assert hits(items, "trend_implausible") == []


def test_required_missing_not_for_explicit_none() -> None:
    record = patched(clean(), "governance.industry_alliances", None, status="explicit_none")
    assert hits(run(record), "required_missing") == []


def test_required_missing_not_for_unknown_seals() -> None:
    assert clean().fields["cover.county_authority_seal"].status == "missing"
    assert hits(run(clean()), "required_missing") == []


def test_missing_field_key_counts_as_missing() -> None:
    record = clean()
    del record.fields["basic.area"]
    assert hits(run(record), "required_missing") == [("basic.area", None)]


def test_choice_none_ticked_instead_of_required_missing() -> None:
    items = run(patched(clean(), "basic.industry_type", None, status="missing"))
    assert hits(items, "choice_none_ticked") == [("basic.industry_type", None)]
    assert hits(items, "required_missing") == []


def test_invalid_status_is_left_to_extraction() -> None:
    items = run(patched(clean(), "basic.industry_type", None, status="invalid"))
    assert hits(items, "choice_none_ticked") == [] and hits(items, "required_missing") == []


@pytest.mark.parametrize(
    ("field_id", "year", "value", "rule"),
    [
        ("industry.enterprise_count", "2022", -5, "negative_value"),
        ("basic.area", None, -1.5, "negative_value"),
        ("industry.sme_output_share", "2023", 120.0, "percent_out_of_range"),
        ("industry.sme_output_share", "2023", -1.0, "percent_out_of_range"),
        ("industry.leading_output_growth", "2022", -120.0, "percent_out_of_range"),
        ("green.water_reuse_rate", None, 101.0, "percent_out_of_range"),
    ],
)
def test_range_rules_fire(field_id: str, year: str | None, value: float, rule: str) -> None:
    items = run(patched(clean(), field_id, value, year=year))
    assert (field_id, year) in hits(items, rule)


@pytest.mark.parametrize(
    ("field_id", "year", "value"),
    [
        ("industry.leading_output_growth", "2022", -99.5),
        ("industry.sme_output_share", "2023", 100.0),
        ("industry.sme_output_share", "2023", 0.0),
        ("industry.enterprise_count", "2022", 0),
        ("green.energy_intensity_reduction_rate", None, -100.0),
    ],
)
def test_range_rules_near_miss(field_id: str, year: str | None, value: float) -> None:
    items = run(patched(clean(), field_id, value, year=year))
    assert (field_id, year) not in hits(items, "negative_value") + hits(items, "percent_out_of_range")


def test_negative_named_count() -> None:
    items = run(patched(clean(), "digital.other_pilot_projects", {"count": -1, "names": []}))
    assert ("digital.other_pilot_projects", None) in hits(items, "negative_value")


def test_text_too_long_counts_characters_without_whitespace() -> None:
    assert char_count("ab c\n d\u3000e") == 5
    assert hits(run(patched(clean(), "industry.chain_desc", "字" * 201)), "text_too_long") == [
        ("industry.chain_desc", None)
    ]
    assert hits(run(patched(clean(), "industry.chain_desc", "字 " * 200)), "text_too_long") == []


def test_plan_section_total_over_3000() -> None:
    record = patched(clean(), "plan.overview", "甲" * 2000)
    over = run(patched(record, "plan.key_tasks", "乙" * 1000))
    item = only(over, "text_too_long")
    assert item.field is None and "plan.overview" in item.related
    assert "3000" in item.message


def test_plan_section_total_near_miss() -> None:
    record = clean()
    used = sum(
        char_count(e.value)
        for k, e in record.fields.items()
        if k.startswith("plan.") and isinstance(e.value, str) and k != "plan.overview"
    )
    assert hits(run(patched(record, "plan.overview", "甲" * (3000 - used))), "text_too_long") == []


def test_attachment_required_when_option_ticked() -> None:
    items = run(patched(clean(), "basic.major_incidents", "yes"))
    item = only(items, "attachment_required")
    assert item.field == "basic.major_incidents" and "是（需附情况说明）" in item.message


def test_attachment_required_not_for_no() -> None:
    assert hits(run(patched(clean(), "basic.violations", "no")), "attachment_required") == []


def test_operator_change_is_reported_once_by_its_own_rule() -> None:
    items = run(patched(clean("review"), "basic.operator_changed", "yes"))
    assert hits(items, "operator_changed") == [("basic.operator_changed", None)]
    assert hits(items, "attachment_required") == []  # rules.yaml v2: one finding once


def test_attachment_required_still_for_other_attachment_options() -> None:
    items = run(patched(clean(), "basic.violations", "yes"))
    assert hits(items, "attachment_required") == [("basic.violations", None)]


def test_evidence_required_lists_ticked_option_texts() -> None:
    item = next(
        i for i in run(clean()) if i.rule == "evidence_required" and i.field == "industry.chain_actions"
    )
    assert item.severity == "info"
    assert "绘制产业链图谱，开展产业链培育；联合集群上下游企业" in item.message


@pytest.mark.parametrize(
    ("field_id", "value"),
    [
        ("industry.chain_actions", []),
        ("green.carbon_monitoring", "no"),
        ("innovation.provincial_platforms", {"count": 0, "names": []}),
        ("open.overseas_branch_count", 0),
    ],
)
def test_evidence_not_required_when_nothing_claimed(field_id: str, value: JsonValue) -> None:
    assert (field_id, None) not in hits(run(patched(clean(), field_id, value)), "evidence_required")


def test_evidence_asks_for_list_when_names_are_absent() -> None:
    items = run(patched(clean(), "innovation.provincial_platforms", {"count": 2, "names": []}))
    item = next(
        i for i in items if i.rule == "evidence_required" and i.field == "innovation.provincial_platforms"
    )
    assert item.message.endswith("清单。")


def test_named_count_mismatch() -> None:
    items = run(
        patched(clean(), "governance.industry_alliances", {"count": 3, "names": ["甲联盟", "乙协会"]})
    )
    item = only(items, "named_count_mismatch")
    assert "3个" in item.message and "2个" in item.message


@pytest.mark.parametrize(
    "value",
    [{"count": 0, "names": []}, {"count": 2, "names": ["甲", "乙"]}, {"count": None, "names": ["甲"]}],
)
def test_named_count_near_miss(value: JsonValue) -> None:
    assert hits(run(patched(clean(), "governance.industry_alliances", value)), "named_count_mismatch") == []


@pytest.mark.parametrize("value", ["2025-07-01", "2026", "2025-13-01"])
def test_date_invalid_future_or_unreadable(value: str) -> None:
    assert hits(run(patched(clean(), "cover.submission_date", value)), "date_invalid") == [
        ("cover.submission_date", None)
    ]


@pytest.mark.parametrize("value", ["2025-06-01", "2025-06", "2025"])
def test_date_on_or_before_run_date_is_valid(value: str) -> None:
    assert hits(run(patched(clean(), "cover.submission_date", value)), "date_invalid") == []
