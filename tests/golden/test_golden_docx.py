"""Golden tests: every sample .docx filing's record equals its ground truth, field for field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import score_record
from schema.catalog import load_field_catalogue

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs" / "docx"
DOCX_FILES = sorted(SAMPLES.glob("*.docx"))


def truth_path(sample: Path) -> Path:
    return sample.with_name(sample.stem + ".truth.json")


def test_samples_exist_for_both_forms() -> None:
    forms = {
        json.loads(truth_path(p).read_text(encoding="utf-8"))["form"]
        for p in DOCX_FILES
        if truth_path(p).exists()
    }
    assert len(DOCX_FILES) >= 10, f"expected ≥10 sample filings in {SAMPLES}"
    assert forms == {"application", "review"}


@pytest.mark.parametrize("sample", DOCX_FILES, ids=lambda p: p.name)
def test_record_equals_truth(sample: Path) -> None:
    truth_file = truth_path(sample)
    assert truth_file.exists(), (
        f"truth missing for {sample.name}: regenerate the samples (sample_docs/README.md)"
    )
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    record = extract_record(sample).to_jsonable()
    catalogue = load_field_catalogue()
    assert record["form"] == truth["form"]
    assert set(record["fields"]) == {f.id for f in catalogue.fields_for(truth["form"])}
    score = score_record(record, truth, catalogue)
    assert not score.mismatches, "\n".join(map(str, score.mismatches))
