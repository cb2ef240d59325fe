"""Benchmark: the analysts' API and Parquet on a store of COUNT generated filings (one submission each).

Usage: .venv/bin/python bench/bench_analysis.py [--count 100] [--keep]

Writes COUNT generated filings (both forms, clean and messy; each its own cluster, so its own submission),
files them through the batch's steps without Prefect, then times, in this process:
  load     – `cluster_intake.load(OUT)`: every table from the store (corrected records rebuilt),
  parquet  – values.parquet + findings.parquet written with pyarrow (sizes shown),
  read     – both read back with pandas,
  wide     – `wide(section)` for every section,
  export   – `review.exports.export_from_store` (records.xlsx, records.csv, Parquet, JSON).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

import cluster_intake as ci
from reports.parquet import read_frame, write_tables
from review.exports import export_from_store
from sample_docs.builder import build_document
from sample_docs.generator.filing import generate_filing
from schema.catalog import FormId
from store.connection import default_url, open_engine

SEED = 2026
T = TypeVar("T")


def make_inbox(inbox: Path, count: int) -> None:
    """Given an empty folder, write `count` generated filings of both forms into it."""
    for index in range(count):
        form: FormId = "application" if index % 2 == 0 else "review"
        filing = generate_filing(form, SEED, index, clean=index % 3 != 0)
        build_document(filing.form, filing.filling).save(str(inbox / f"{index:03d}_{filing.name}.docx"))


def ingest(inbox: Path, out: Path) -> None:
    """Given an inbox and an output folder, file the inbox through the batch's steps (no Prefect)."""
    from flows import steps
    from flows.arguments import RunOptions
    from flows.context import close_run, run_context
    from flows.discovery import inbox_to_inventory

    options = RunOptions(inbox=inbox, out=out, quiet=True)
    inventory = inbox_to_inventory(inbox)
    with run_context(options) as context:
        outcomes = [steps.persist_filing(steps.intake_file(i, context), context) for i in inventory.filings]
        reports = steps.apply_batch_rules(outcomes, context)
        close_run(context, steps.run_summary(reports, inventory, 0.0))


def timed(label: str, call: Callable[[], T]) -> T:
    """Given a label and a call, run it, print its wall time, return its result."""
    start = time.perf_counter()
    result = call()
    print(f"{label:8s}: {time.perf_counter() - start:6.2f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_analysis_"))
    inbox, out = work / "inbox", work / "out"
    inbox.mkdir()
    make_inbox(inbox, args.count)
    ingest(inbox, out)
    data = timed("load", lambda: ci.load(out))
    print(
        f"          values {len(data.values)} rows, findings {len(data.findings)}, "
        f"submissions {len(data.submissions)}"
    )
    paths = timed("parquet", lambda: write_tables(work, data.values, data.findings))
    print("          " + ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in paths))
    frames = timed("read", lambda: [read_frame(p) for p in paths])
    pd.testing.assert_frame_equal(frames[0], data.values)
    timed("wide", lambda: [data.wide(section) for section in data.sections])
    timed("export", lambda: export_from_store(open_engine(default_url(out)), work / "export"))
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
