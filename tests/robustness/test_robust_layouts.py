"""Filers' layout changes must not change the record: every sample, mutated, still equals its truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_mutations import MUTATIONS, mutate_docx

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import score_record
from schema.catalog import load_field_catalogue

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_docs" / "docx").glob("*.docx"))


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_mutated_sample_equals_truth(sample: Path, mutation: str, tmp_path: Path) -> None:
    target = tmp_path / sample.name
    mutate_docx(sample, target, MUTATIONS[mutation])
    truth = json.loads(sample.with_name(sample.stem + ".truth.json").read_text(encoding="utf-8"))
    score = score_record(extract_record(target).to_jsonable(), truth, load_field_catalogue())
    assert not score.mismatches, "\n".join(map(str, score.mismatches))
