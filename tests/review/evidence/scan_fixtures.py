"""The recorded OCR facts of the sample scans (`record_scan_fixtures.py`), loaded for the evidence tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cluster_intake.pipeline import content_hash
from review.evidence import ScanTransform

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
SCANS = ROOT / "sample_docs" / "scans"
APPLICATION = SCANS / "00_application_clean.tif"
REVIEW = SCANS / "01_review_clean.pdf"


@dataclass(frozen=True, slots=True)
class Value:
    """Where the OCR backend read one value: page, box (points) and whether it is a table cell's box."""

    name: str
    text: str | None
    page: int
    bbox: tuple[float, float, float, float]
    in_table: bool


@dataclass(frozen=True, slots=True)
class ScanFixture:
    path: Path
    transforms: dict[int, ScanTransform]
    values: list[Value]

    def value(self, name: str) -> Value:
        return next(v for v in self.values if v.name == name)


def load_fixture(path: Path) -> ScanFixture:
    """Given a sample scan, return its recorded facts; fail when the scan changed since they were recorded."""
    data = json.loads((DATA / f"{path.name}.json").read_text("utf-8"))
    assert data["sha256"] == content_hash(path), "sample scan changed: run record_scan_fixtures.py"
    transforms = {
        p["page"]: ScanTransform(turn=p["turn"], skew=p["skew"], shift_pt=p["shift_pt"])
        for p in data["pages"]
    }
    values = [
        Value(name, v["text"], v["page"], tuple(v["bbox"]), v["in_table"])  # type: ignore[arg-type]
        for name, v in data["values"].items()
    ]
    return ScanFixture(path, transforms, values)
