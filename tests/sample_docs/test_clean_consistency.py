"""Clean truths satisfy the rules they claim to (national_2022), recomputed from the truth values."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_paths import load_truths

from schema.rules_catalog import load_rule_catalogue

CLEAN = [(p, t) for p, t in load_truths() if t["clean"]]
YEARS = ("2022", "2023", "2024")


class Values:
    """Typed access to a truth record's values."""

    def __init__(self, truth: dict[str, object]) -> None:
        fields = truth["fields"]
        assert isinstance(fields, dict)
        self.fields = fields
        self.form = truth["form"]

    def num(self, field_id: str, year: str | None = None) -> float:
        value = self.fields[field_id]["value"]
        value = value[year] if year else value
        assert isinstance(value, int | float), (field_id, year, value)
        return float(value)

    def value(self, field_id: str) -> object:
        return self.fields[field_id]["value"]

    def row(self, field_id: str, indicator_id: str) -> dict[str, object]:
        rows = self.value(field_id)
        assert isinstance(rows, list)
        return next(r for r in rows if r["indicator_id"] == indicator_id)


def _close(reported: float, computed: float) -> bool:
    tolerances = load_rule_catalogue().tolerances
    return abs(reported - computed) <= max(tolerances.percent_points, abs(computed) * tolerances.relative)


@pytest.mark.parametrize(("path", "truth"), CLEAN, ids=[p.name for p, _ in CLEAN])
def test_counts_and_ratios(path: Path, truth: dict[str, object]) -> None:
    v = Values(truth)
    for year in YEARS:
        smes = v.num("industry.sme_count", year)
        assert smes <= v.num("industry.enterprise_count", year)
        assert _close(
            v.num("digital.cloud_adoption_rate", year), v.num("digital.cloud_sme_count", year) / smes * 100
        )
        assert _close(
            v.num("digital.iip_penetration_rate", year), v.num("digital.iip_sme_count", year) / smes * 100
        )
        sme_output = v.num("industry.total_output", year) * v.num("industry.sme_output_share", year) / 100
        assert _close(
            v.num("innovation.rd_intensity", year),
            v.num("innovation.rd_expenditure", year) / sme_output * 100,
        )
    if v.form == "application":
        per_10k = (
            v.num("innovation.invention_patent_count")
            / v.num("innovation.sme_employee_count", "2024")
            * 10000
        )
        assert _close(v.num("innovation.invention_patents_per_10k_staff"), per_10k)


@pytest.mark.parametrize(("path", "truth"), CLEAN, ids=[p.name for p, _ in CLEAN])
def test_growth_and_criteria(path: Path, truth: dict[str, object]) -> None:
    v = Values(truth)
    leading = [v.num("industry.total_output", y) * v.num("industry.leading_output_share", y) for y in YEARS]
    for index in (1, 2):
        assert _close(
            v.num("industry.leading_output_growth", YEARS[index]),
            (leading[index] / leading[index - 1] - 1) * 100,
        )
    assert v.num("industry.leading_output_cagr") > 10
    assert all(
        v.num("industry.total_output", y) >= 40
        and v.num("industry.sme_output_share", y) >= 70
        and v.num("industry.leading_output_share", y) > 70
        for y in YEARS
    )
    assert (
        v.num("innovation.rd_expenditure", "2024") / v.num("innovation.rd_expenditure", "2022")
    ) ** 0.5 > 1.1
    assert v.num("digital.iip_penetration_rate", "2024") >= 10 and v.num("basic.area") <= 100
    energy = [v.num("green.energy_intensity", y) for y in YEARS]
    assert _close(v.num("green.energy_intensity_reduction_rate"), (energy[0] - energy[2]) / energy[0] * 100)
    for field_id in ("basic.restricted_industry", "basic.major_incidents", "basic.violations"):
        assert v.value(field_id) == "no"
    assert v.value("cover.cluster_name") == v.value("basic.cluster_name")
    assert v.value("cover.operator") == v.value("basic.operator")


@pytest.mark.parametrize(("path", "truth"), CLEAN, ids=[p.name for p, _ in CLEAN])
def test_plan_targets(path: Path, truth: dict[str, object]) -> None:
    v = Values(truth)
    targets = "plan.three_year_targets"
    rd, patents = v.row(targets, "rd_expenditure"), v.row(targets, "invention_patent_count")
    assert (
        rd["baseline"] == v.num("innovation.rd_expenditure", "2024")
        and rd["target"] >= rd["baseline"] * 1.331
    )
    assert patents["baseline"] == v.num("innovation.invention_patent_count")
    assert patents["target"] >= patents["baseline"] * 1.520875
    assert v.row(targets, "output_cagr")["baseline"] == v.num("industry.leading_output_cagr")
    assert v.row(targets, "iip_penetration_rate")["baseline"] == v.num("digital.iip_penetration_rate", "2024")
    for indicator_id in ("co2_emissions", "energy_intensity"):
        row = v.row(targets, indicator_id)
        assert row["target"] < row["baseline"]
    if v.form == "review":
        for row in v.value("plan.target_completion"):  # type: ignore[attr-defined]
            if isinstance(row["actual"], int | float):
                lower = row["indicator_id"] in ("co2_emissions", "energy_intensity")
                assert row["actual"] <= row["target"] if lower else row["actual"] >= row["target"]
