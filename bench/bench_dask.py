"""Benchmark: 8 scanned filings on a local Dask cluster of 1 vs 2 workers, and 1,000 scans extrapolated.

Usage: .venv/bin/python bench/bench_dask.py [--scans 8] [--keep]

Builds SCANS scanned filings from the two sample scans (sample_docs/scans: a 15-page TIFF, a 14-page
image-only PDF), each copy with its own content hash (bytes appended after the image data), starts a
throwaway Prefect server (not timed), then times `cluster-intake run --workers N` for N = 1 and 2, each
into a new OUT, with EXTRACT_OCR_WORKERS=1 so that each Dask worker uses one core. Prints the speed-up and
what 1,000 such scans would take on M machines of 2 cores, from the measured seconds per filing per worker
(scheduling overhead scaled in, network file reads not: the inbox is assumed on a shared mount).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flows.local_server import prefect_server

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT / "sample_docs" / "scans"
SOURCES = ("00_application_clean.tif", "01_review_clean.pdf")
CORES_PER_MACHINE = 2


def make_scans(inbox: Path, count: int) -> int:
    """Given an empty inbox, write `count` scans with distinct content; return their total pages."""
    pages = {"00_application_clean.tif": 15, "01_review_clean.pdf": 14}
    total = 0
    for index in range(count):
        source = SOURCES[index % len(SOURCES)]
        target = inbox / f"{index:02d}_{source}"
        shutil.copyfile(SCANS / source, target)
        with target.open("ab") as handle:  # trailing bytes: readers ignore them, the hash changes
            handle.write(f"\n%bench copy {index}\n".encode())
        total += pages[source]
    return total


def timed_run(inbox: Path, out: Path, workers: int, environment: dict[str, str]) -> float:
    """Given an inbox, OUT and a worker count, run the batch on a local cluster; return its wall seconds."""
    cli = str(Path(sys.executable).with_name("cluster-intake"))
    command = [
        cli,
        "run",
        str(inbox),
        "--out",
        str(out),
        "--quiet",
        "--settle",
        "0",
        "--workers",
        str(workers),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=environment)
    return time.perf_counter() - start


def extrapolate(seconds_per_filing_worker: float, overhead: float) -> list[str]:
    """Given seconds per filing and worker and the fixed overhead, return the 1,000-scan lines."""
    lines = []
    for machines in (1, 2, 4, 8, 16):
        workers = machines * CORES_PER_MACHINE
        total = overhead + 1000 * seconds_per_filing_worker / workers
        lines.append(f"  {machines:2d} machine(s), {workers:2d} workers: {total / 3600:5.2f} h")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scans", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_dask_"))
    inbox = work / "inbox"
    inbox.mkdir()
    pages = make_scans(inbox, args.scans)
    plain = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    with prefect_server(work / "prefect") as url:
        environment = {**plain, "PREFECT_API_URL": url, "EXTRACT_OCR_WORKERS": "1"}
        one = timed_run(inbox, work / "one", 1, environment)
        two = timed_run(inbox, work / "two", 2, environment)
    records = [len(list((work / out / "records").glob("*.json"))) for out in ("one", "two")]
    overhead = max(0.0, 2 * two - one)  # t(n) ≈ overhead + work/n  →  overhead ≈ 2·t(2) − t(1)
    print(f"{args.scans} scanned filings ({pages} pages), records written: {records}")
    print(f"1 worker : {one:6.1f} s  ({one / pages:.2f} s/page)")
    print(f"2 workers: {two:6.1f} s  (speed-up {one / two:.2f}x; load average {os.getloadavg()[0]:.1f})")
    print(
        f"fixed overhead ≈ {overhead:.0f} s; 1,000 such scans at "
        f"{(one - overhead) / args.scans:.0f} s/filing/worker:"
    )
    print("\n".join(extrapolate((one - overhead) / args.scans, overhead)))
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
