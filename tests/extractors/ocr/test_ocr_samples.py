"""End to end on the sample scans with the real engines (slow: runs in CI, which installs them).

RapidOCR reads both filings in full: the multi-page TIFF through the OCR backend, the image-only
PDF through the pipeline (the PDF backend reports ScannedPdfError, the OCR backend takes over).
Every checkbox group and every number is either right or flagged for the operator
(`low_confidence` / `seal_over_value`): no value is wrong without a flag. Tesseract reads three
pages of the application (cost: ~1 s per cell-rich page) under the same assertion.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from cluster_intake.pipeline import document_to_record, extract_document
from cluster_intake.scoring import score_record
from extractors.mapping.mapper import map_document
from extractors.ocr.backend import OcrExtractor
from extractors.ocr.options import OcrOptions
from schema.catalog import load_field_catalogue
from schema.document import ExtractedDocument
from schema.record import Record

pytestmark = pytest.mark.slow

SCANS = Path(__file__).resolve().parents[3] / "sample_docs" / "scans"
APPLICATION = SCANS / "00_application_clean.tif"
REVIEW = SCANS / "01_review_clean.pdf"
CATALOGUE = load_field_catalogue()
CHECKED_TYPES = frozenset({"choice", "multi_choice", "integer", "decimal", "percent"})
FLAG_RULES = frozenset({"low_confidence", "seal_over_value"})
SEALS = ("cover.county_authority_seal", "declaration.county_seal", "declaration.recommending_unit_seal")


def _truth(path: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(path.with_name(path.stem + ".truth.json").read_text("utf-8"))
    return loaded


def _wrong_unflagged(record: Record, truth: dict[str, object], fields: set[str] | None = None) -> list[str]:
    score = score_record(record.to_jsonable(), truth, CATALOGUE, text_only=False)  # type: ignore[arg-type]
    flags = {(e.field, e.year) for e in record.exceptions if e.rule in FLAG_RULES}
    return [
        str(m)
        for m in score.mismatches
        if CATALOGUE.field(m.field).type in CHECKED_TYPES
        and (fields is None or m.field in fields)
        and (m.field, m.year) not in flags
        and (m.field, None) not in flags
    ]


@pytest.fixture(scope="module")
def threads() -> Iterator[None]:
    old = os.environ.get("EXTRACT_OCR_THREADS")
    os.environ["EXTRACT_OCR_THREADS"] = "2"
    yield
    if old is None:
        os.environ.pop("EXTRACT_OCR_THREADS")
    else:
        os.environ["EXTRACT_OCR_THREADS"] = old


@pytest.fixture(scope="module")
def application(threads: None) -> Record:
    return document_to_record(extract_document(APPLICATION), CATALOGUE)


@pytest.fixture(scope="module")
def review(threads: None) -> Record:
    return document_to_record(extract_document(REVIEW), CATALOGUE)


def test_application_no_checkbox_or_number_wrong_without_a_flag(application: Record) -> None:
    assert _wrong_unflagged(application, _truth(APPLICATION)) == []


def test_review_pdf_no_checkbox_or_number_wrong_without_a_flag(review: Record) -> None:
    assert _wrong_unflagged(review, _truth(REVIEW)) == []


@pytest.mark.parametrize("which", ["application", "review"])
def test_seal_fields_match_what_was_stamped(which: str, request: pytest.FixtureRequest) -> None:
    record: Record = request.getfixturevalue(which)
    truth = _truth(APPLICATION if which == "application" else REVIEW)
    fields = truth["fields"]
    assert isinstance(fields, dict)
    assert {f: record.fields[f].value for f in SEALS} == {f: fields[f]["value"] for f in SEALS}


def test_missing_county_seal_and_seal_over_a_number_are_reported(application: Record) -> None:
    rules = {(e.rule, e.field, e.year) for e in application.exceptions}
    assert ("seal_missing", "declaration.county_seal", None) in rules
    assert ("seal_over_value", "industry.total_output", "2023") in rules


def test_most_fields_read_right(application: Record, review: Record) -> None:
    for record, path in ((application, APPLICATION), (review, REVIEW)):
        score = score_record(record.to_jsonable(), _truth(path), CATALOGUE, text_only=False)  # type: ignore[arg-type]
        assert score.accuracy >= 0.98, [str(m) for m in score.mismatches]


@pytest.mark.parametrize(
    ("which", "field"),
    [
        ("application", "plan.three_year_targets"),
        ("review", "plan.three_year_targets"),
        ("review", "plan.target_completion"),
    ],
)
def test_target_tables_nested_in_section_eight_are_read(
    which: str, field: str, request: pytest.FixtureRequest
) -> None:
    record: Record = request.getfixturevalue(which)
    fields = _truth(APPLICATION if which == "application" else REVIEW)["fields"]
    assert isinstance(fields, dict)
    assert record.fields[field].value == fields[field]["value"]


def test_tesseract_on_three_pages(tmp_path: Path) -> None:
    _, pages = cv2.imreadmulti(str(APPLICATION))
    subset = tmp_path / "three_pages.tif"
    cv2.imwritemulti(str(subset), list(pages[2:5]))
    document = OcrExtractor(OcrOptions(engine="tesseract")).extract(subset)
    assert document.page_count == 3
    record = document_to_record_lenient(document)
    industry = {s.id for s in CATALOGUE.fields_for("application") if s.section == "industry" and s.years}
    assert _wrong_unflagged(record, _truth(APPLICATION), industry) == []
    assert record.fields["industry.total_output"].status != {
        "2022": "missing",
        "2023": "missing",
        "2024": "missing",
    }


def document_to_record_lenient(document: ExtractedDocument) -> Record:
    """Map a partial scan as an application (three pages are too few to identify the form)."""
    mapped = map_document(document, "application", CATALOGUE)
    return Record(
        form="application", source="subset", fields=mapped.fields, exceptions=list(mapped.exceptions)
    )
