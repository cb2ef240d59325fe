"""Benchmark: 200 .docx filings through `cluster-intake run` against a running Prefect server (target ≤ 20 s).

Usage: .venv/bin/python bench/bench_nightly.py [--count 200] [--repeat 1] [--keep]

Starts a throwaway Prefect server (127.0.0.1, state in a temporary folder; not timed: a nightly set-up keeps
it running), builds COUNT filings as bench/bench_batch.py does (copies of the samples, each with its own
content hash), then times, each as a fresh `cluster-intake run` process (process start included):
  first  – a new OUT: every filing extracted, stored and reported (the default 2 s settle wait included),
  night  – the same inbox again: nothing new (what most nights cost),
  cold   – the first run again without a server (ephemeral Prefect, new OUT), for comparison.
`--repeat N` times the first run N times (each into a new OUT, the same server) and judges their median:
on a shared machine one run can be seconds off.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import SAMPLES, make_inbox

from flows.local_server import prefect_server

TARGET_SECONDS = 20.0


def timed_run(inbox: Path, out: Path, environment: dict[str, str]) -> float:
    """Given an inbox, OUT and the environment, run `cluster-intake run --quiet`; return its wall seconds."""
    cli = str(Path(sys.executable).with_name("cluster-intake"))
    start = time.perf_counter()
    subprocess.run([cli, "run", str(inbox), "--out", str(out), "--quiet"], check=True, env=environment)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1, help="first runs to time (their median is judged)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_nightly_"))
    inbox = work / "inbox"
    inbox.mkdir()
    make_inbox(inbox, args.count, SAMPLES)
    plain = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    with prefect_server(work / "prefect") as url:
        served = {**plain, "PREFECT_API_URL": url}
        firsts = [timed_run(inbox, work / f"out{index}", served) for index in range(max(1, args.repeat))]
        night = timed_run(inbox, work / "out0", served)
    cold = timed_run(inbox, work / "cold", plain)
    first = statistics.median(firsts)
    verdict = "within" if first <= TARGET_SECONDS else "OVER"
    print(f"{args.count} .docx filings, 2 cores (load average {os.getloadavg()[0]:.1f} at the end)")
    each = f"; each: {', '.join(f'{seconds:.1f}' for seconds in firsts)} s" if len(firsts) > 1 else ""
    print(
        f"server, first run : {first:6.1f} s  "
        f"({'median, ' if len(firsts) > 1 else ''}{verdict} the {TARGET_SECONDS:.0f} s target; "
        f"settle 2 s included{each})"
    )
    print(f"server, next night: {night:6.1f} s  (nothing new)")
    print(f"no server (cold)  : {cold:6.1f} s  (ephemeral Prefect, new OUT)")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
