"""validate(): clean fixtures are clean; extraction findings are not raised twice; order and locations."""

from __future__ import annotations

import pytest
from val_records import clean, hits, patched, problems, run

from schema.catalog import FormId
from schema.record import ExceptionItem, Provenance
from validators import validate


@pytest.mark.parametrize("form", ["application", "review"])
def test_clean_record_has_no_error_or_warning(form: FormId) -> None:
    assert problems(run(clean(form))) == []


@pytest.mark.parametrize("form", ["application", "review"])
def test_clean_record_only_notes_evidence(form: FormId) -> None:
    assert {item.rule for item in run(clean(form))} == {"evidence_required"}


def test_default_profile_and_run_date_are_optional() -> None:
    assert problems(validate(clean())) == []


def test_extraction_finding_is_not_raised_again() -> None:
    record = patched(clean(), "cover.submission_date", "2099-01-01")
    record.exceptions.append(
        ExceptionItem(rule="date_invalid", severity="warning", field="cover.submission_date", message="x")
    )
    assert hits(run(record), "date_invalid") == []


def test_location_is_the_cells_provenance_per_year() -> None:
    record = patched(clean(), "industry.sme_count", 400, year="2023")
    record.fields["industry.sme_count"].provenance = {"2023": Provenance(table=2, row=8, col=2)}
    item = next(i for i in run(record) if i.rule == "sme_count_exceeds_total")
    assert item.location == Provenance(table=2, row=8, col=2)
    assert item.value == 400
