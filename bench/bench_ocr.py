"""Benchmark: OCR backend speed and accuracy on the sample scans, per engine.

Usage: .venv/bin/python bench/bench_ocr.py [--engines rapidocr,tesseract] [--threads N] [--json OUT]

For each engine and each `sample_docs/scans/*.{tif,pdf}` with a truth file: seconds per page (OCR
and layout, engine start-up excluded), field accuracy (cluster_intake.scoring, seals included),
checkbox-group and numeric-field accuracy, and the share of checkbox/numeric values that are wrong
without a `low_confidence` or `seal_over_value` flag (the operator would not look at them).
Set OMP_THREAD_LIMIT=1 for tesseract (done here when unset).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from cluster_intake.pipeline import document_to_record
from cluster_intake.scoring import score_record
from extractors.ocr.backend import OcrExtractor
from extractors.ocr.geometry import Image
from extractors.ocr.options import ENGINE_NAMES, OcrOptions
from schema.catalog import FieldCatalogue, load_field_catalogue
from schema.record import Record

SCANS = Path(__file__).resolve().parents[1] / "sample_docs" / "scans"
CHECKED_TYPES = frozenset({"choice", "multi_choice", "integer", "decimal", "percent"})
FLAG_RULES = frozenset({"low_confidence", "seal_over_value"})


@dataclass(frozen=True, slots=True)
class Result:
    """One engine on one scan."""

    engine: str
    scan: str
    pages: int
    seconds_per_page: float
    field_accuracy: float
    choice_accuracy: float
    numeric_accuracy: float
    checked_values: int
    wrong: int
    wrong_unflagged: int


def flagged(record: Record) -> set[tuple[str | None, str | None]]:
    """Given a record, return the (field, year) pairs an operator is asked to check (year None: all)."""
    return {(e.field, e.year) for e in record.exceptions if e.rule in FLAG_RULES}


def checked_mismatches(
    record: Record, truth: dict[str, object], catalogue: FieldCatalogue
) -> tuple[int, list[tuple[str, str | None]]]:
    """Given a record and its truth, return the count of checked values and the wrong (field, year) pairs."""
    score = score_record(record.to_jsonable(), truth, catalogue, text_only=False)  # type: ignore[arg-type]
    specs = [catalogue.field(f) for f in record.fields if catalogue.field(f).type in CHECKED_TYPES]
    total = sum(len(s.years) or 1 for s in specs)
    wrong = [(m.field, m.year) for m in score.mismatches if catalogue.field(m.field).type in CHECKED_TYPES]
    return total, wrong


def unflagged(record: Record, wrong: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Given a record and its wrong values, return those without a flag on the field (or that year)."""
    flags = flagged(record)
    return [(f, y) for f, y in wrong if (f, y) not in flags and (f, None) not in flags]


def run(engine: str, scan: Path, threads: int, catalogue: FieldCatalogue) -> Result:
    """Given an engine name and a scan with a truth file, return the measurements."""
    extractor = OcrExtractor(
        OcrOptions(engine="tesseract" if engine == "tesseract" else "rapidocr", threads=threads)
    )
    extractor.engine.read(warmup_image())
    start = time.perf_counter()
    document = extractor.extract(scan)
    seconds = time.perf_counter() - start
    record = document_to_record(document, catalogue)
    truth = json.loads(scan.with_name(scan.stem + ".truth.json").read_text(encoding="utf-8"))
    score = score_record(record.to_jsonable(), truth, catalogue, text_only=False)
    total, wrong = checked_mismatches(record, truth, catalogue)
    choice_wrong = score.choice_wrong
    numeric_total = total - score.choice_groups
    numeric_wrong = len(wrong) - sum(
        1 for f, _ in wrong if catalogue.field(f).type in ("choice", "multi_choice")
    )
    pages = document.page_count or 1
    return Result(
        engine=engine,
        scan=scan.name,
        pages=pages,
        seconds_per_page=round(seconds / pages, 2),
        field_accuracy=round(score.accuracy, 3),
        choice_accuracy=round(1 - choice_wrong / score.choice_groups, 3) if score.choice_groups else 1.0,
        numeric_accuracy=round(1 - numeric_wrong / numeric_total, 3) if numeric_total else 1.0,
        checked_values=total,
        wrong=len(wrong),
        wrong_unflagged=len(unflagged(record, wrong)),
    )


def warmup_image() -> Image:
    """Return a small blank image: reading it loads the engine's models before timing starts."""
    return np.full((64, 256), 255, np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default=",".join(ENGINE_NAMES))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    catalogue = load_field_catalogue()
    scans = sorted(p for p in SCANS.iterdir() if p.suffix in (".tif", ".pdf"))
    results = [run(e, s, args.threads, catalogue) for e in args.engines.split(",") for s in scans]
    header = (
        f"{'engine':<10} {'scan':<26} {'pages':>5} {'s/page':>7} {'fields':>7} {'boxes':>7} "
        f"{'numbers':>8} {'wrong':>6} {'unflagged':>9}"
    )
    print(header)
    for r in results:
        print(
            f"{r.engine:<10} {r.scan:<26} {r.pages:>5} {r.seconds_per_page:>7.2f} {r.field_accuracy:>7.3f} "
            f"{r.choice_accuracy:>7.3f} {r.numeric_accuracy:>8.3f} {r.wrong:>6} {r.wrong_unflagged:>9}"
        )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
