"""Benchmark: 200 .docx filings through `cluster-intake run` (Prefect) vs the same work without Prefect.

Usage: .venv/bin/python bench/bench_batch.py [--count 200] [--samples DIR] [--keep]

Builds COUNT filings in a temporary inbox by copying the samples (sample_docs/docx, else filings made by
the sample generator) and giving each copy its own ZIP comment, so every file has a different content hash
but the same document. Then times, each in a fresh process (process start included):
  direct  – `extract_record` over every file (the pipeline alone: no store, no reports),
  plain   – the batch steps of flows.steps without Prefect (pipeline + store + JSON + Excel + summary),
  flow    – `cluster-intake run INBOX --out OUT --quiet` into a new OUT (cold Prefect database),
  warm    – the same again with --force into the same OUT (Prefect database exists; every file re-read).
Prefect's share is (flow − plain) / flow.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from sample_docs.builder import build_document
from sample_docs.generator.filing import generate_filing
from schema.catalog import FormId

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs" / "docx"
GENERATED_SEED = 2025

DIRECT = """
import sys, time
from pathlib import Path
from cluster_intake.pipeline import extract_record
for path in sorted(Path(sys.argv[1]).glob("*.docx")):
    extract_record(path)
"""

PLAIN = """
import sys, time
from pathlib import Path
from flows import steps
from flows.arguments import RunOptions
from flows.context import close_run, run_context
from flows.discovery import inbox_to_inventory
started = time.time()
options = RunOptions(Path(sys.argv[1]), Path(sys.argv[2]), quiet=True)
inventory = inbox_to_inventory(options.inbox)
with run_context(options) as context:
    outcomes = [steps.persist_filing(steps.intake_file(item, context), context) for item in inventory.filings]
    reports = steps.apply_batch_rules(outcomes, context)
    summary = steps.write_reports(reports, inventory, started, context)
    close_run(context, summary)
"""


def generated_samples(folder: Path, count: int) -> list[Path]:
    """Given a folder, write `count` generated filings of both forms into it; return their paths."""
    paths = []
    for index in range(count):
        form: FormId = "application" if index % 2 == 0 else "review"
        filing = generate_filing(form, GENERATED_SEED, index, clean=index % 3 != 0)
        path = folder / f"{filing.name}.docx"
        build_document(filing.form, filing.filling).save(str(path))
        paths.append(path)
    return paths


def make_inbox(inbox: Path, count: int, samples: Path) -> None:
    """Given an empty inbox folder, fill it with `count` filings whose contents all differ."""
    sources = sorted(samples.glob("*.docx")) if samples.is_dir() else []
    if not sources:
        sources = generated_samples(inbox.parent, 20)
    for index in range(count):
        source = sources[index % len(sources)]
        copy = inbox / f"{index:03d}_{source.name}"
        shutil.copyfile(source, copy)
        with zipfile.ZipFile(copy, "a") as archive:
            archive.comment = f"bench copy {index}".encode()


def timed(command: list[str]) -> float:
    """Given a command, run it and return its wall time in seconds (fails loudly on a non-zero exit)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    inbox = work / "inbox"
    inbox.mkdir()
    make_inbox(inbox, args.count, args.samples)
    python, cli = sys.executable, str(Path(sys.executable).with_name("cluster-intake"))
    direct = timed([python, "-c", DIRECT, str(inbox)])
    plain = timed([python, "-c", PLAIN, str(inbox), str(work / "plain")])
    flow = timed([cli, "run", str(inbox), "--out", str(work / "out"), "--quiet"])
    warm = timed([cli, "run", str(inbox), "--out", str(work / "out"), "--quiet", "--force"])
    print(f"{args.count} filings (2 cores: run on an idle machine)")
    print(f"direct pipeline  : {direct:6.1f} s  ({args.count / direct:5.1f} filings/s)")
    print(f"batch w/o Prefect: {plain:6.1f} s  (pipeline + store + JSON + Excel + summary)")
    print(f"flow, cold       : {flow:6.1f} s  (cluster-intake run, new Prefect database)")
    print(f"flow, warm       : {warm:6.1f} s  (same OUT again with --force)")
    print(
        f"Prefect share    : cold {(flow - plain) / flow:5.1%} ({flow - plain:.1f} s), "
        f"warm {(warm - plain) / warm:5.1%} ({warm - plain:.1f} s)"
    )
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
