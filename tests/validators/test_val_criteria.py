"""Recognition criteria under the three catalogue profiles, threshold severities and western relaxation."""

from __future__ import annotations

import pytest
from pydantic import JsonValue
from val_records import clean, hits, only, patched, run

from schema.record import Record
from validators.profiles import resolve_profile


def quality(giants: tuple[int, int], others: tuple[int, int, int]) -> Record:
    record = clean()
    fields = (
        "industry.single_champion_count",
        "industry.little_giant_count",
        "industry.provincial_specialized_sme_count",
        "industry.innovative_sme_count",
        "industry.high_tech_enterprise_count",
    )
    for field_id, value in zip(fields, (*giants, *others), strict=True):
        record = patched(record, field_id, value, year="2024")
    return record


@pytest.mark.parametrize(
    ("field_id", "year", "value", "rule", "severity"),
    [
        ("basic.area", None, 150.0, "criterion_area", "warning"),
        ("industry.total_output", "2022", 35.0, "criterion_output", "error"),
        ("industry.sme_output_share", "2023", 60.0, "criterion_sme_share", "error"),
        ("industry.leading_output_share", "2024", 70.0, "criterion_leading_share", "error"),
        ("industry.leading_output_cagr", None, 9.0, "criterion_growth", "error"),
        ("digital.iip_penetration_rate", "2024", 9.0, "criterion_iip_rate", "warning"),
    ],
)
def test_threshold_criteria_national(
    field_id: str, year: str | None, value: float, rule: str, severity: str
) -> None:
    item = only(run(patched(clean(), field_id, value, year=year)), rule)
    assert (item.field, item.year, item.severity, item.value) == (field_id, year, severity, value)


@pytest.mark.parametrize(
    ("field_id", "year", "value", "rule"),
    [
        ("basic.area", None, 100.0, "criterion_area"),
        ("industry.total_output", "2022", 40.0, "criterion_output"),
        ("industry.sme_output_share", "2023", 70.0, "criterion_sme_share"),
        ("industry.leading_output_share", "2024", 70.01, "criterion_leading_share"),
        ("industry.leading_output_cagr", None, 10.01, "criterion_growth"),
        ("digital.iip_penetration_rate", "2024", 10.0, "criterion_iip_rate"),
    ],
)
def test_threshold_criteria_near_miss(field_id: str, year: str | None, value: float, rule: str) -> None:
    assert hits(run(patched(clean(), field_id, value, year=year)), rule) == []


def test_criterion_message_names_operator_and_limit() -> None:
    item = only(run(patched(clean(), "industry.sme_output_share", 60.0, year="2023")), "criterion_sme_share")
    assert item.message == "2023年集群内中小企业产值占比60%，不满足≥70%的认定标准。"


@pytest.mark.parametrize(
    ("field_id", "year", "value", "rule", "national", "shanghai", "yunnan"),
    [
        ("industry.total_output", "2022", 35.0, "criterion_output", True, False, False),
        ("industry.total_output", "2022", 25.0, "criterion_output", True, True, False),
        ("industry.sme_output_share", "2023", 60.0, "criterion_sme_share", True, False, False),
        ("industry.leading_output_share", "2024", 65.0, "criterion_leading_share", True, False, False),
        ("industry.leading_output_share", "2024", 55.0, "criterion_leading_share", True, False, True),
        ("industry.leading_output_cagr", None, 8.0, "criterion_growth", True, True, False),
    ],
)
def test_profiles_change_outcomes(
    field_id: str, year: str | None, value: JsonValue, rule: str, national: bool, shanghai: bool, yunnan: bool
) -> None:
    record = patched(clean(), field_id, value, year=year)
    outcome = {
        name: bool(hits(run(record, resolve_profile(name)), rule))
        for name in ("national_2022", "shanghai_2024", "yunnan_provincial")
    }
    assert outcome == {"national_2022": national, "shanghai_2024": shanghai, "yunnan_provincial": yunnan}


def test_quality_firms_fail_only_when_both_groups_are_short() -> None:
    short = quality((0, 0), (3, 3, 3))
    item = only(run(short), "criterion_quality_firms")
    assert item.severity == "error" and "0家" in item.message and "9家" in item.message
    assert hits(run(short, resolve_profile("yunnan_provincial")), "criterion_quality_firms") == []
    assert hits(run(short, resolve_profile("shanghai_2024")), "criterion_quality_firms") == []
    assert hits(run(quality((0, 1), (0, 0, 0))), "criterion_quality_firms") == []
    assert hits(run(quality((0, 0), (4, 3, 3))), "criterion_quality_firms") == []


def test_rd_growth_uses_the_three_yearly_amounts() -> None:
    record = patched(clean(), "innovation.rd_expenditure", 4.6, year="2024")  # (4.6/4.0)^0.5 − 1 = 7.24%
    item = only(run(record), "criterion_rd_growth")
    assert item.severity == "warning" and "7.24" in item.message
    assert hits(run(record, resolve_profile("shanghai_2024")), "criterion_rd_growth") == []
    near = patched(clean(), "innovation.rd_expenditure", 4.85, year="2024")  # 10.11%
    assert hits(run(near), "criterion_rd_growth") == []


@pytest.mark.parametrize(
    ("field_id", "value", "rule"),
    [
        ("basic.restricted_industry", "yes", "criterion_compliance"),
        ("basic.major_incidents", "yes", "criterion_compliance"),
        ("basic.violations", "yes", "criterion_compliance"),
        ("basic.energy_efficiency_benchmark", "no", "criterion_efficiency_benchmark"),
        ("basic.water_efficiency_benchmark", "no", "criterion_efficiency_benchmark"),
    ],
)
def test_choice_criteria(field_id: str, value: str, rule: str) -> None:
    item = only(run(patched(clean(), field_id, value)), rule)
    assert item.field == field_id and item.severity == "error"


@pytest.mark.parametrize(
    ("field_id", "value"),
    [
        ("basic.restricted_industry", "no"),
        ("basic.energy_efficiency_benchmark", "yes"),
        ("basic.water_efficiency_benchmark", "not_applicable"),
    ],
)
def test_choice_criteria_near_miss(field_id: str, value: str) -> None:
    items = run(patched(clean(), field_id, value))
    assert hits(items, "criterion_compliance") == [] and hits(items, "criterion_efficiency_benchmark") == []


def western(record: Record) -> Record:
    record = patched(record, "cover.region", {"province": "四川省", "city": "成都市", "county": "郫都区"})
    record = patched(record, "cover.cluster_name", "四川省郫都区新能源电池产业集群")
    return patched(record, "basic.cluster_name", "四川省郫都区新能源电池产业集群")


def test_western_relaxation_downgrades_numeric_errors() -> None:
    items = run(western(patched(clean(), "industry.total_output", 35.0, year="2022")))
    assert only(items, "criterion_output").severity == "warning"
    assert only(items, "criterion_relaxed_west").severity == "info"


def test_western_relaxation_keeps_compliance_errors() -> None:
    items = run(western(patched(clean(), "basic.violations", "yes")))
    assert only(items, "criterion_compliance").severity == "error"
    assert hits(items, "criterion_relaxed_west") == []


def test_no_relaxation_without_profile_flag_or_outside_the_west() -> None:
    west = western(patched(clean(), "industry.total_output", 5.0, year="2022"))
    items = run(west, resolve_profile("yunnan_provincial"))
    assert only(items, "criterion_output").severity == "error" and hits(items, "criterion_relaxed_west") == []
    east = run(patched(clean(), "industry.total_output", 35.0, year="2022"))
    assert only(east, "criterion_output").severity == "error" and hits(east, "criterion_relaxed_west") == []


def test_clean_western_record_gets_no_relaxation_note() -> None:
    assert hits(run(western(clean())), "criterion_relaxed_west") == []
