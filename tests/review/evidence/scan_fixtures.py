"""The recorded OCR facts of the sample scans (`record_scan_fixtures.py`), loaded for the evidence tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from cluster_intake.pipeline import content_hash
from review.evidence import ScanTransform

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
SCANS = ROOT / "sample_docs" / "scans"
APPLICATION = SCANS / "00_application_clean.tif"
REVIEW = SCANS / "01_review_clean.pdf"
SHIFT_PX = 40


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


def make_variant(folder: Path) -> Path:
    """Write the application scan's pages 1-5 as a lossless TIFF, page 3 (the alignment reference) turned
    a quarter anticlockwise, page 4 moved SHIFT_PX right, page 5 upside down."""
    pages: list[Image.Image] = []
    with Image.open(APPLICATION) as scan:
        for number in range(1, 6):
            scan.seek(number - 1)
            pages.append(scan.convert("RGB"))
    moved = np.full_like(np.asarray(pages[3]), 255)
    moved[:, SHIFT_PX:] = np.asarray(pages[3])[:, :-SHIFT_PX]
    pages[2] = pages[2].transpose(Image.Transpose.ROTATE_90)
    pages[3] = Image.fromarray(moved)
    pages[4] = pages[4].transpose(Image.Transpose.ROTATE_180)
    target = folder / "variant.tif"
    pages[0].save(target, save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(150, 150))
    return target
