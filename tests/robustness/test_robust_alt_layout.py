"""Every sample's truth, laid out another way (alt_layout.py), reads back to the same record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alt_layout import AltLayout

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import score_record
from schema.catalog import load_field_catalogue

TRUTHS = sorted((Path(__file__).resolve().parents[2] / "sample_docs" / "docx").glob("*.truth.json"))


@pytest.mark.parametrize("variant", ["a", "b"])
@pytest.mark.parametrize("truth_file", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_alternative_layout_reads_back_to_the_truth(truth_file: Path, variant: str, tmp_path: Path) -> None:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    target = tmp_path / "alt.docx"
    AltLayout(truth, load_field_catalogue(), variant).write(target)
    score = score_record(extract_record(target).to_jsonable(), truth, load_field_catalogue())
    assert not score.mismatches, "\n".join(map(str, score.mismatches))
