"""Committed truth files: exactly the form's ids, valid statuses and shapes, coherent planted lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_paths import load_truths
from shapes import field_problems

from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue

TRUTHS = load_truths()
IDS = [p.name for p, _ in TRUTHS]


def test_sample_set_size_and_mix() -> None:
    forms = [(t["form"], t["clean"]) for _, t in TRUTHS]
    assert len(TRUTHS) >= 12
    for form in ("application", "review"):
        assert sum(1 for f, _ in forms if f == form) >= 6
        assert sum(1 for f, c in forms if f == form and c) >= 3
        assert sum(1 for f, c in forms if f == form and not c) >= 1


@pytest.mark.parametrize(("path", "truth"), TRUTHS, ids=IDS)
def test_exact_ids_and_shapes(path: Path, truth: dict[str, object]) -> None:
    catalogue = load_field_catalogue()
    specs = catalogue.fields_for(truth["form"])  # type: ignore[arg-type]
    fields = truth["fields"]
    assert isinstance(fields, dict)
    assert set(fields) == {s.id for s in specs}
    assert truth["spec_version"] == 1 and truth["source"] == path.name
    problems = [p for spec in specs for p in field_problems(spec, fields[spec.id])]
    assert problems == []


@pytest.mark.parametrize(("path", "truth"), TRUTHS, ids=IDS)
def test_seals_missing_in_docx(path: Path, truth: dict[str, object]) -> None:
    fields = truth["fields"]
    assert isinstance(fields, dict)
    for spec in load_field_catalogue().fields_for(truth["form"]):  # type: ignore[arg-type]
        if spec.scan_only:
            assert fields[spec.id] == {"value": None, "status": "missing"}


@pytest.mark.parametrize(("path", "truth"), TRUTHS, ids=IDS)
def test_planted_list(path: Path, truth: dict[str, object]) -> None:
    rule_ids = {r.id for r in load_rule_catalogue().rules}
    planted = truth["planted"]
    assert isinstance(planted, list)
    assert (planted == []) == truth["clean"]
    fields = truth["fields"]
    assert isinstance(fields, dict)
    for item in planted:
        assert set(item) == {"rule", "field", "year"}
        assert item["rule"] in rule_ids
        assert item["field"] is None or item["field"] in fields
        assert item["year"] in (None, "2022", "2023", "2024")


def test_planted_rules_cover_the_brief() -> None:
    planted = {p["rule"] for _, t in TRUTHS for p in t["planted"]}  # type: ignore[attr-defined]
    wanted = {
        "required_missing",
        "unit_converted",
        "decimal_places",
        "not_a_number",
        "choice_multiple_ticked",
        "choice_none_ticked",
        "sme_count_exceeds_total",
        "ratio_inconsistent",
        "growth_inconsistent",
        "trend_implausible",
        "criterion_output",
        "named_count_mismatch",
        "text_too_long",
        "phone_invalid",
        "date_invalid",
        "operator_changed",
        "review_target_not_met",
    }
    assert wanted - planted == set()


def test_planted_cells_carry_the_planted_status() -> None:
    for _, truth in TRUTHS:
        fields = truth["fields"]
        assert isinstance(fields, dict)
        for item in truth["planted"]:  # type: ignore[attr-defined]
            expected = {
                "required_missing": "missing",
                "not_a_number": "invalid",
                "choice_multiple_ticked": "invalid",
                "choice_none_ticked": "missing",
            }.get(item["rule"])
            if expected:
                status = fields[item["field"]]["status"]
                assert (status[item["year"]] if item["year"] else status) == expected
