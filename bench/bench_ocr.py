"""Benchmark: OCR backend speed and accuracy on the sample scans, per engine.

Usage: .venv/bin/python bench/bench_ocr.py [--engines rapidocr,tesseract] [--threads N] [--json OUT]
       [--scans DIR]

For each engine and each `sample_docs/scans/*.{tif,pdf}` (or each scan in DIR, e.g. made by
`python -m sample_docs.scans.variety`) with a truth file: seconds per page (OCR
and layout, engine start-up excluded), field accuracy (cluster_intake.scoring, seals included),
checkbox-group and numeric-field accuracy, and the share of checkbox/numeric values that are wrong
without a `low_confidence` or `seal_over_value` flag (the operator would not look at them); the flags
per filing, the share of flags pointing at a wrong value, the share of all values wrong without a
flag ("silent"), and after the TOTAL the reliability curve (`bench/flag_figures.py`).
A TOTAL line per engine pools the counts of all its scans (median seconds per page over the scans);
`--json` also lists every mismatch.
Set OMP_THREAD_LIMIT=1 for tesseract (done here when unset).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from flag_figures import Checked, by_reason, checked_values, flag_counts, reliability, target_rows

from cluster_intake.pipeline import document_to_record
from cluster_intake.scoring import Score, score_record
from extractors.ocr.backend import OcrExtractor
from extractors.ocr.geometry import Image
from extractors.ocr.options import ENGINE_NAMES, OcrOptions
from schema.catalog import FieldCatalogue, load_field_catalogue
from schema.record import Record

SCANS = Path(__file__).resolve().parents[1] / "sample_docs" / "scans"
CHECKED_TYPES = frozenset({"choice", "multi_choice", "integer", "decimal", "percent"})
FLAG_RULES = frozenset({"low_confidence", "seal_over_value"})
SCAN_SUFFIXES = (".tif", ".tiff", ".pdf")
POOLED = (
    "pages",
    "checked_values",
    "wrong",
    "wrong_unflagged",
    "fields_compared",
    "fields_wrong",
    "choice_groups",
    "choice_wrong",
    "numeric_values",
    "numeric_wrong",
    "flags",
    "flags_wrong",
    "values_wrong_unflagged",
    "values",
    "target_rows",
    "target_rows_right",
)


@dataclass(frozen=True, slots=True)
class Result:
    """One engine on one scan."""

    engine: str
    scan: str
    pages: int
    seconds_per_page: float
    cpu_per_page: float
    """CPU seconds per page over the page workers: the wall time a page takes on a machine of as
    many free cores as workers (this machine is shared: wall times vary with the others' load)."""
    field_accuracy: float
    choice_accuracy: float
    numeric_accuracy: float
    checked_values: int
    wrong: int
    wrong_unflagged: int
    fields_compared: int
    fields_wrong: int
    choice_groups: int
    choice_wrong: int
    numeric_values: int
    numeric_wrong: int
    flags: int
    """Values (fields or years) flagged for the operator."""
    flags_wrong: int
    """Flagged values that are really wrong."""
    values_wrong_unflagged: int
    """Values of any type wrong without a flag."""
    values: int
    target_rows: int
    target_rows_right: int
    mismatches: tuple[str, ...]
    checked: tuple[Checked, ...] = ()


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


def ratio_right(wrong: int, total: int) -> float:
    """Given a wrong count and a total, return the share right (1.0 when there is nothing to check)."""
    return round(1 - wrong / total, 3) if total else 1.0


def run(engine: str, scan: Path, threads: int, catalogue: FieldCatalogue) -> Result:
    """Given an engine name and a scan with a truth file, return the measurements."""
    options = OcrOptions(engine="tesseract" if engine == "tesseract" else "rapidocr", threads=threads)
    extractor = OcrExtractor(options)
    extractor.engine.read(warmup_image())
    start, cpu = time.perf_counter(), time.process_time()
    document = extractor.extract(scan)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    record = document_to_record(document, catalogue)
    truth = json.loads(scan.with_name(scan.stem + ".truth.json").read_text(encoding="utf-8"))
    score = score_record(record.to_jsonable(), truth, catalogue, text_only=False)
    total, wrong = checked_mismatches(record, truth, catalogue)
    pages = document.page_count or 1
    result = measure(
        engine, scan.name, (pages, seconds), score, (total, wrong, unflagged(record, wrong)), catalogue
    )
    checked = checked_values(record, score, catalogue)
    rows, rows_right = target_rows(record, truth, catalogue)
    flags, flags_wrong, silent = flag_counts(checked)
    return replace(
        result,
        cpu_per_page=round(cpu / pages / options.workers, 2),
        flags=flags,
        flags_wrong=flags_wrong,
        values_wrong_unflagged=silent,
        values=len(checked),
        checked=tuple(checked),
        target_rows=rows,
        target_rows_right=rows_right,
    )


def measure(
    engine: str,
    scan: str,
    timing: tuple[int, float],
    score: Score,
    checked: tuple[int, list[tuple[str, str | None]], list[tuple[str, str | None]]],
    catalogue: FieldCatalogue,
) -> Result:
    """Given the timing (pages, seconds), the score and the checked values (total, wrong, wrong without
    a flag) of one engine on one scan, return its result."""
    pages, seconds = timing
    total, wrong, silent = checked
    numeric_total = total - score.choice_groups
    numeric_wrong = len(wrong) - sum(
        1 for f, _ in wrong if catalogue.field(f).type in ("choice", "multi_choice")
    )
    return Result(
        engine=engine,
        scan=scan,
        pages=pages,
        seconds_per_page=round(seconds / pages, 2),
        cpu_per_page=0.0,
        field_accuracy=round(score.accuracy, 3),
        choice_accuracy=ratio_right(score.choice_wrong, score.choice_groups),
        numeric_accuracy=ratio_right(numeric_wrong, numeric_total),
        checked_values=total,
        wrong=len(wrong),
        wrong_unflagged=len(silent),
        fields_compared=score.compared,
        fields_wrong=len(score.mismatches),
        choice_groups=score.choice_groups,
        choice_wrong=score.choice_wrong,
        numeric_values=numeric_total,
        numeric_wrong=numeric_wrong,
        flags=0,
        flags_wrong=0,
        values_wrong_unflagged=0,
        values=0,
        target_rows=0,
        target_rows_right=0,
        mismatches=tuple(str(m) for m in score.mismatches),
    )


def total(engine: str, results: Sequence[Result]) -> Result:
    """Given one engine's results, return their TOTAL: pooled counts, median seconds per page."""
    pooled = {key: sum(getattr(r, key) for r in results) for key in POOLED}
    return Result(
        engine=engine,
        scan="TOTAL",
        seconds_per_page=round(statistics.median(r.seconds_per_page for r in results), 2),
        cpu_per_page=round(statistics.median(r.cpu_per_page for r in results), 2),
        field_accuracy=ratio_right(pooled["fields_wrong"], pooled["fields_compared"]),
        choice_accuracy=ratio_right(pooled["choice_wrong"], pooled["choice_groups"]),
        numeric_accuracy=ratio_right(pooled["numeric_wrong"], pooled["numeric_values"]),
        mismatches=(),
        checked=tuple(v for r in results for v in r.checked),
        **pooled,
    )


def warmup_image() -> Image:
    """Return a small blank image: reading it loads the engine's models before timing starts."""
    return np.full((64, 256), 255, np.uint8)


def scans_in(folder: Path) -> list[Path]:
    """Given a folder, return its scans (.tif/.tiff/.pdf) that have a `<stem>.truth.json`, sorted."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in SCAN_SUFFIXES and p.with_name(p.stem + ".truth.json").is_file()
    )


def header(width: int) -> str:
    """Given the scan column's width, return the table's header line."""
    return (
        f"{'engine':<10} {'scan':<{width}} {'pages':>5} {'s/page':>7} {'cpu/pg':>7} {'fields':>7} "
        f"{'boxes':>7} {'numbers':>8} {'wrong':>6} {'unflagged':>9} {'flags':>6} {'flag→wrong':>10} "
        f"{'silent':>7} {'targets':>8}"
    )


def line(r: Result, width: int) -> str:
    """Given a result and the scan column's width, return its table line."""
    return (
        f"{r.engine:<10} {r.scan:<{width}} {r.pages:>5} {r.seconds_per_page:>7.2f} {r.cpu_per_page:>7.2f} "
        f"{r.field_accuracy:>7.3f} {r.choice_accuracy:>7.3f} {r.numeric_accuracy:>8.3f} "
        f"{r.wrong:>6} {r.wrong_unflagged:>9} {r.flags:>6} {_share(r.flags_wrong, r.flags):>10} "
        f"{_share(r.values_wrong_unflagged, r.values, 4):>7} "
        f"{_share(r.target_rows_right, r.target_rows, 3):>8}"
    )


def _share(part: int, whole: int, digits: int = 2) -> str:
    return f"{part / whole:.{digits}f}" if whole else "—"


def parse_args() -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default=",".join(ENGINE_NAMES))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--scans", type=Path, default=SCANS, help="folder of scans with truth files")
    return parser.parse_args()


def main() -> None:
    """Run every engine on every scan, print a line per scan and a TOTAL per engine, optionally write JSON."""
    args = parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    catalogue = load_field_catalogue()
    scans = scans_in(args.scans)
    width = max([26, *(len(s.name) for s in scans)])
    print(header(width), flush=True)
    results: list[Result] = []
    for engine in args.engines.split(","):
        per_scan = []
        for scan in scans:
            per_scan.append(run(engine, scan, args.threads, catalogue))
            print(line(per_scan[-1], width), flush=True)
        results += [*per_scan, total(engine, per_scan)]
        print(line(results[-1], width), flush=True)
        checked = results[-1].checked
        print("\n".join(["reliability (all compared values):", *reliability(checked)]), flush=True)
        print("\n".join(["low_confidence by reason:", *by_reason(checked)]), flush=True)
    if args.json:
        dumped = [{k: v for k, v in asdict(r).items() if k != "checked"} for r in results]
        args.json.write_text(json.dumps(dumped, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
