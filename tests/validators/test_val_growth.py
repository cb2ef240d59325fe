"""Yearly growth, 近三年年均增速 (every accepted method) and intensity reductions."""

from __future__ import annotations

import pytest
from val_records import clean, hits, only, patched, run

from schema.rules_catalog import load_rule_catalogue
from validators.growth import GROWTH_METHODS


@pytest.mark.parametrize(
    ("field_id", "year", "value"),
    [
        ("industry.leading_output_growth", "2023", 12.0),
        ("innovation.rd_expenditure_growth", "2024", 20.0),
        ("industry.fdi_growth", "2023", 12.0),
        ("industry.export_growth", "2024", 5.0),
    ],
)
def test_growth_inconsistent(field_id: str, year: str, value: float) -> None:
    item = only(run(patched(clean(), field_id, value, year=year)), "growth_inconsistent")
    assert (item.field, item.year, item.value) == (field_id, year, value)


def test_growth_within_tolerance_and_2022_not_checked() -> None:
    assert (
        hits(
            run(patched(clean(), "industry.leading_output_growth", 10.4, year="2023")), "growth_inconsistent"
        )
        == []
    )
    assert (
        hits(
            run(patched(clean(), "innovation.rd_expenditure_growth", 50, year="2022")), "growth_inconsistent"
        )
        == []
    )


def test_growth_not_checked_on_review_form_for_application_only_fields() -> None:
    assert hits(run(clean("review")), "growth_inconsistent") == []


def test_average_growth_inconsistent() -> None:
    item = only(run(patched(clean(), "industry.leading_output_cagr", 14.0)), "average_growth_inconsistent")
    assert "11.80" in item.message  # the closest accepted method (cagr_2022_base)


@pytest.mark.parametrize(
    "value", [11.19, 11.21, 11.80, 11.5]
)  # cagr_2021_base, arithmetic_mean, cagr_2022_base
def test_average_growth_any_method_accepted(value: float) -> None:
    assert (
        hits(run(patched(clean(), "industry.leading_output_cagr", value)), "average_growth_inconsistent")
        == []
    )


def test_every_catalogue_growth_method_is_implemented() -> None:
    assert set(load_rule_catalogue().tolerances.growth_methods) <= set(GROWTH_METHODS)


def test_patent_cagr_cannot_be_recomputed_from_the_form() -> None:
    items = run(patched(clean(), "innovation.invention_patent_cagr", 80.0))
    assert hits(items, "average_growth_inconsistent") == []


@pytest.mark.parametrize(
    ("form", "field_id", "value"),
    [
        ("application", "green.energy_intensity_reduction_rate", 20.0),
        ("review", "green.co2_intensity_reduction_rate", 25.0),
    ],
)
def test_intensity_reduction_inconsistent(form: str, field_id: str, value: float) -> None:
    record = patched(clean("review" if form == "review" else "application"), field_id, value)
    assert hits(run(record), "intensity_reduction_inconsistent") == [(field_id, None)]


@pytest.mark.parametrize("value", [10.0, 5.13, 9.6])  # total, annualised, within tolerance
def test_intensity_reduction_total_or_annualised(value: float) -> None:
    record = patched(clean(), "green.energy_intensity_reduction_rate", value)
    assert hits(run(record), "intensity_reduction_inconsistent") == []


def test_missing_level_raises_only_required_missing() -> None:
    items = run(patched(clean(), "innovation.rd_expenditure", None, year="2024", status="missing"))
    assert hits(items, "growth_inconsistent") == [] and hits(items, "criterion_rd_growth") == []
    assert hits(items, "required_missing") == [("innovation.rd_expenditure", "2024")]


def test_average_growth_not_judged_when_a_method_lacks_its_inputs() -> None:
    record = patched(clean(), "industry.leading_output_growth", None, year="2022", status="missing")
    items = run(patched(record, "industry.leading_output_cagr", 14.0))
    assert hits(items, "average_growth_inconsistent") == []
