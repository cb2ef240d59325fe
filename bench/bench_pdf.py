"""Benchmark: typed-PDF extraction speed and accuracy over the sample PDFs (and the .doc samples).

Usage: .venv/bin/python bench/bench_pdf.py [SAMPLE_DIR] [--rounds N] [--cli N] [--doc]
Prints in-process PDF filings/second (one core; target ≥ 3), field and checkbox-group accuracy against
the truth files, how many wrong checkbox groups were reported (unreadable/invalid or an exception on
the field) rather than read wrong silently, and the median wall time of `cluster-intake extract X.pdf
--json` (process start included; target ≤ 2 s). `--doc` adds accuracy and seconds per .doc filing
(LibreOffice conversion included).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from timing import cli_median

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import Score, score_record
from schema.catalog import FieldCatalogue, load_field_catalogue

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"
REPORTED = ("unreadable", "invalid")


@dataclass(frozen=True, slots=True)
class Result:
    """One filing's score and how many of its wrong checkbox groups were reported."""

    score: Score
    groups_reported: int
    seconds: float


def in_process_rate(files: list[Path], rounds: int) -> float:
    """Given sample files, return filings per second of extract_record (after one warm-up pass)."""
    for path in files:
        extract_record(path)
    start = time.perf_counter()
    for _ in range(rounds):
        for path in files:
            extract_record(path)
    return rounds * len(files) / (time.perf_counter() - start)


def _reported(record: Mapping[str, object], score: Score, catalogue: FieldCatalogue) -> int:
    exceptions = record.get("exceptions")
    flagged = (
        {e.get("field") for e in exceptions if isinstance(e, dict)} if isinstance(exceptions, list) else set()
    )
    wrong = [m for m in score.mismatches if catalogue.field(m.field).type in ("choice", "multi_choice")]
    return sum(
        1
        for m in wrong
        if (isinstance(m.got, dict) and m.got.get("status") in REPORTED) or m.field in flagged
    )


def evaluate(files: list[Path]) -> list[Result]:
    """Given sample files with truth files beside them, return each file's result."""
    catalogue = load_field_catalogue()
    results = []
    for path in files:
        truth = path.with_name(path.stem + ".truth.json")
        if not truth.exists():
            continue
        start = time.perf_counter()
        record = extract_record(path).to_jsonable()
        seconds = time.perf_counter() - start
        score = score_record(record, json.loads(truth.read_text("utf-8")), catalogue)
        results.append(Result(score, _reported(record, score, catalogue), seconds))
    return results


def report(kind: str, results: list[Result]) -> None:
    """Print accuracy lines for one kind of sample."""
    compared = sum(r.score.compared for r in results)
    wrong = sum(len(r.score.mismatches) for r in results)
    groups = sum(r.score.choice_groups for r in results)
    groups_wrong = sum(r.score.choice_wrong for r in results)
    reported = sum(r.groups_reported for r in results)
    print(f"{kind} filings with truth: {len(results)}")
    print(f"{kind} field accuracy: {1 - wrong / max(compared, 1):.4f} ({compared - wrong}/{compared})")
    print(
        f"{kind} checkbox groups: {1 - groups_wrong / max(groups, 1):.4f} ({groups - groups_wrong}/{groups})"
    )
    print(f"{kind} wrong groups reported (not silent): {reported}/{groups_wrong}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="?", type=Path, default=SAMPLES / "pdf")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cli", type=int, default=10, help="CLI runs for the start-up median")
    parser.add_argument("--doc", action="store_true", help="also score the .doc samples (runs LibreOffice)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    files = sorted(args.directory.glob("*.pdf"))
    report("PDF", evaluate(files))
    print(f"PDF in-process: {in_process_rate(files, args.rounds):.1f} filings/s on one core")
    print(f"PDF CLI median incl. process start: {cli_median(files, args.cli):.3f} s")
    if args.doc:
        doc_results = evaluate(sorted((SAMPLES / "doc").glob("*.doc")))
        report(".doc", doc_results)
        seconds = statistics.median(r.seconds for r in doc_results)
        print(f".doc seconds per filing (conversion included): {seconds:.2f}")


if __name__ == "__main__":
    main()
