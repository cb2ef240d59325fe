"""Benchmark: .docx extraction speed and accuracy over the bundled samples.

Usage: .venv/bin/python bench/bench_extract.py [SAMPLE_DIR] [--rounds N] [--cli N]
Prints in-process filings/second (one core), field accuracy and checkbox-group accuracy against the
truth files, and the median wall time of `cluster-intake extract FILE --json` (process start included).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from timing import cli_median

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import Score, score_record
from schema.catalog import load_field_catalogue

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "sample_docs" / "docx"


def in_process_rate(files: list[Path], rounds: int) -> float:
    """Given sample files, return filings per second of extract_record (after one warm-up pass)."""
    for path in files:
        extract_record(path)
    start = time.perf_counter()
    for _ in range(rounds):
        for path in files:
            extract_record(path)
    return rounds * len(files) / (time.perf_counter() - start)


def accuracy(files: list[Path]) -> list[tuple[Path, Score]]:
    """Given sample files with truth files beside them, return each file's score."""
    catalogue = load_field_catalogue()
    scores = []
    for path in files:
        truth = path.with_name(path.stem + ".truth.json")
        if truth.exists():
            record = extract_record(path).to_jsonable()
            scores.append((path, score_record(record, json.loads(truth.read_text("utf-8")), catalogue)))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cli", type=int, default=10, help="CLI runs for the start-up median")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    files = sorted(args.directory.glob("*.docx"))
    scores = accuracy(files)
    compared = sum(s.compared for _, s in scores)
    wrong = sum(len(s.mismatches) for _, s in scores)
    groups = sum(s.choice_groups for _, s in scores)
    groups_wrong = sum(s.choice_wrong for _, s in scores)
    print(f"filings: {len(files)} ({len(scores)} with truth)")
    print(f"field accuracy: {1 - wrong / max(compared, 1):.4f} ({compared - wrong}/{compared})")
    print(f"checkbox groups: {1 - groups_wrong / max(groups, 1):.4f} ({groups - groups_wrong}/{groups})")
    print(f"in-process: {in_process_rate(files, args.rounds):.1f} filings/s on one core")
    print(f"CLI median incl. process start: {cli_median(files, args.cli):.3f} s")


if __name__ == "__main__":
    main()
