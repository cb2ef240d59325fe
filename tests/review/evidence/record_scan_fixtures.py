"""Record what the OCR backend did to every page of the sample scans, and where it found each value.

Run from the repository root after a change to the OCR backend's preprocessing (slow: reads both
scans with the real engine, a few minutes):

    .venv/bin/python tests/review/evidence/record_scan_fixtures.py

Writes `data/<scan name>.json`: the file's sha256, the dpi it was read at, per page the backend's turn,
skew and alignment shift (taken from its own PageReading and `align_pages`), and per field (and year)
the value's text, page, box and whether it is a table cell's (the box is then the cell's). The evidence tests compare recovered transforms with
these, and draw crops at these boxes without running the OCR; `test_evidence_scan_backend.py`
(slow) checks that the backend still gives the same transforms.
"""

from __future__ import annotations

import json
from pathlib import Path

from cluster_intake.pipeline import content_hash, document_to_record
from extractors.ocr.backend import OcrExtractor
from extractors.ocr.drafting import align_pages, left_border, reading_to_content
from extractors.ocr.options import OcrOptions
from extractors.ocr.page import PageReading
from schema.record import Provenance, Record

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
SCANS = (
    ROOT / "sample_docs" / "scans" / "00_application_clean.tif",
    ROOT / "sample_docs" / "scans" / "01_review_clean.pdf",
)


class RecordingExtractor(OcrExtractor):
    """The OCR backend, keeping the page readings of the last file it read."""

    def __init__(self) -> None:
        super().__init__()
        self.readings: list[PageReading] = []

    def read_pages(self, path: Path) -> list[PageReading]:
        self.readings = super().read_pages(path)
        return self.readings


def page_transforms(readings: list[PageReading]) -> list[dict[str, float | int]]:
    """Given a scan's page readings, return each page's turn, skew and alignment shift (points)."""
    contents = [reading_to_content(r) for r in readings]
    aligned = align_pages(contents)
    out: list[dict[str, float | int]] = []
    for reading, before, after in zip(readings, contents, aligned, strict=True):
        old, new = left_border(before), left_border(after)
        shift = new - old if old is not None and new is not None else 0.0
        out.append({"page": reading.number, "turn": reading.turn, "skew": reading.skew, "shift_pt": shift})
    return out


def _entries(record: Record) -> dict[str, dict[str, object]]:
    values: dict[str, dict[str, object]] = {}
    for field, entry in record.fields.items():
        provenances = entry.provenance if isinstance(entry.provenance, dict) else {"": entry.provenance}
        raws = entry.raw if isinstance(entry.raw, dict) else {"": entry.raw}
        for year, provenance in provenances.items():
            if isinstance(provenance, Provenance) and provenance.page and provenance.bbox:
                key = f"{field}/{year}" if year else field
                values[key] = {
                    "text": raws.get(year),
                    "page": provenance.page,
                    "bbox": list(provenance.bbox),
                    "in_table": provenance.table is not None,
                }
    return values


def record_scan(path: Path, extractor: RecordingExtractor) -> dict[str, object]:
    """Given a sample scan, return its fixture: sha256, dpi, page transforms and value locations."""
    record = document_to_record(extractor.extract(path))
    return {
        "source": path.name,
        "sha256": content_hash(path),
        "ocr_dpi": OcrOptions.resolve().dpi,
        "pages": page_transforms(extractor.readings),
        "values": _entries(record),
    }


def main() -> None:
    extractor = RecordingExtractor()
    for path in SCANS:
        target = DATA / f"{path.name}.json"
        target.write_text(
            json.dumps(record_scan(path, extractor), ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
