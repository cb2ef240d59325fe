"""Subset counts, recomputed ratios and implausible trends."""

from __future__ import annotations

import pytest
from pydantic import JsonValue
from val_records import clean, hits, only, patched, run


def test_sme_count_exceeds_total() -> None:
    item = only(run(patched(clean(), "industry.sme_count", 330, year="2023")), "sme_count_exceeds_total")
    assert (item.field, item.year, item.related) == (
        "industry.sme_count",
        "2023",
        ["industry.enterprise_count"],
    )
    assert "330" in item.message and "320" in item.message


def test_sme_count_equal_to_total_is_fine() -> None:
    assert (
        hits(run(patched(clean(), "industry.sme_count", 320, year="2023")), "sme_count_exceeds_total") == []
    )


@pytest.mark.parametrize(
    ("field_id", "value", "total_label"),
    [
        ("industry.little_giant_count", 351, "集群企业数量"),
        ("industry.listed_sme_count", 400, "集群企业数量"),
        ("digital.cloud_sme_count", 339, "其中：集群中小企业数量"),
    ],
)
def test_tier_count_exceeds_total(field_id: str, value: int, total_label: str) -> None:
    item = only(run(patched(clean(), field_id, value, year="2024")), "tier_count_exceeds_total")
    assert item.field == field_id and total_label in item.message


def test_tier_count_equal_is_fine() -> None:
    items = run(patched(clean(), "digital.iip_sme_count", 338, year="2024"))
    assert hits(items, "tier_count_exceeds_total") == []


def test_staff_count_inconsistent() -> None:
    items = run(patched(clean(), "innovation.sme_rd_staff_count", 40000, year="2024"))
    assert hits(items, "staff_count_inconsistent") == [("innovation.sme_rd_staff_count", "2024")]
    near = run(patched(clean(), "innovation.sme_rd_staff_count", 35000, year="2024"))
    assert hits(near, "staff_count_inconsistent") == []


@pytest.mark.parametrize(
    ("field_id", "year", "value"),
    [
        ("digital.cloud_adoption_rate", "2023", 60.0),
        ("digital.iip_penetration_rate", "2022", 30.0),
        ("innovation.rd_intensity", "2024", 3.5),
        ("innovation.invention_patents_per_10k_staff", None, 210.0),
    ],
)
def test_ratio_inconsistent(field_id: str, year: str | None, value: JsonValue) -> None:
    assert hits(run(patched(clean(), field_id, value, year=year)), "ratio_inconsistent") == [(field_id, year)]


@pytest.mark.parametrize(
    ("field_id", "year", "value"),
    [
        ("digital.cloud_adoption_rate", "2023", 58.5),  # within 0.5 points of 58.06
        ("innovation.rd_intensity", "2024", 2.08),  # 研发经费 ÷ 总产值 is also accepted
        ("innovation.invention_patents_per_10k_staff", None, 201.5),  # within 1% of 200
    ],
)
def test_ratio_near_miss(field_id: str, year: str | None, value: JsonValue) -> None:
    assert hits(run(patched(clean(), field_id, value, year=year)), "ratio_inconsistent") == []


def test_patents_per_10k_not_recomputed_on_review_form() -> None:
    record = patched(clean("review"), "innovation.invention_patents_per_10k_staff", 999.0)
    assert hits(run(record), "ratio_inconsistent") == []


def test_trend_implausible_on_unit_slip() -> None:
    items = run(patched(clean(), "industry.total_output", 22000, year="2023"))
    assert hits(items, "trend_implausible") == [
        ("industry.total_output", "2023"),
        ("industry.total_output", "2024"),
    ]
    assert "22000" in items[[i.rule for i in items].index("trend_implausible")].message


def test_trend_within_factor_three_is_fine() -> None:
    items = run(patched(clean(), "digital.industrial_software_spend", 2400, year="2023"))
    assert hits(items, "trend_implausible") == []


def test_trend_not_on_counts() -> None:
    items = run(patched(clean(), "industry.single_champion_count", 5, year="2024"))
    assert hits(items, "trend_implausible") == []


def test_rd_intensity_not_judged_without_the_sme_share() -> None:
    record = patched(clean(), "industry.sme_output_share", None, year="2024", status="explicit_none")
    assert hits(run(patched(record, "innovation.rd_intensity", 3.5, year="2024")), "ratio_inconsistent") == []
