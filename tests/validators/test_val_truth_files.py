"""Generated sample filings (sample_docs/docx/*.truth.json): clean ones clean, plants found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schema.record import Record
from validators import validate
from validators.registry import EXTRACTION_RULES, RECORD_RULES

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs" / "docx"
TRUTH_FILES = sorted(SAMPLES.glob("*.truth.json"))
# Findings extraction makes while reading the document (not visible in a truth record), except date_invalid.
NOT_OURS = EXTRACTION_RULES - RECORD_RULES


def load_truth(path: Path) -> tuple[Record, dict[str, object]]:
    """Given a truth file, return it as a Record (extra keys dropped) and the raw JSON."""
    data = json.loads(path.read_text(encoding="utf-8"))
    record = Record.model_validate({key: value for key, value in data.items() if key in Record.model_fields})
    return record, data


@pytest.mark.skipif(not TRUTH_FILES, reason="no generated sample filings yet (sample_docs/docx/*.truth.json)")
@pytest.mark.parametrize("path", TRUTH_FILES, ids=[p.name for p in TRUTH_FILES])
def test_truth_file(path: Path) -> None:
    record, data = load_truth(path)
    found = validate(record)
    if data.get("clean"):
        assert [(i.rule, i.field, i.year, i.message) for i in found if i.severity != "info"] == []
        return
    seen = {(i.rule, i.field, i.year) for i in [*found, *record.exceptions]}
    planted = data.get("planted")
    assert isinstance(planted, list)
    wanted = {(p["rule"], p.get("field"), p.get("year")) for p in planted if p["rule"] not in NOT_OURS}
    assert wanted - seen == set()
