"""Benchmark: a large batch of .docx filings through `cluster-intake run` — wall time, peak memory, and a
re-run with nothing new.

Usage: .venv/bin/python bench/bench_scale.py [--count 1000] [--also 200] [--samples DIR] [--keep]

Builds COUNT filings in a temporary inbox (copies of the samples, each with its own ZIP comment: a
different content hash, the same document), then, each in a fresh process:
  first   – `cluster-intake run INBOX --out OUT --quiet` into a new OUT;
  re-run  – the same command again: nothing new.
While each runs, /proc is sampled every 0.1 s: the batch process's own resident memory (its peak is what
grows with the number of filings, if anything does) and the whole process tree's (Prefect's server,
the fork server, the reading child). After the re-run, the files of OUT whose content or time changed
are counted (expected: none but the store and Prefect's database). `--also N` repeats the first run with
N filings, to compare the batch process's peak at two sizes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench_batch import SAMPLES, make_inbox

PROC = Path("/proc")
SAMPLE_SECONDS = 0.1
STORE_PARTS = ("intake.sqlite", ".prefect", ".intake.lock")


@dataclass
class Measured:
    """One run: wall seconds, the batch process's peak RSS while it read the filings and while it wrote
    the reports, and the whole tree's peak RSS (MB)."""

    seconds: float = 0.0
    reading_mb: float = 0.0
    batch_mb: float = 0.0
    tree_mb: float = 0.0


def rss_mb(pid: int) -> float:
    """Given a pid, return its resident memory in MB (0 when gone)."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(root: int) -> set[int]:
    """Given a pid, return it and every process below it."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found = {root}
    while True:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        if not more:
            return found
        found |= more


def sample(pid: int, out: Path, measured: Measured, done: threading.Event) -> None:
    """Poll the batch process and its tree until `done`, keeping the peaks (the reading phase ends when
    the first report is being written)."""
    reading = True
    while not done.is_set():
        reading = reading and not (out / ".records.xlsx.partial").exists()
        batch = rss_mb(pid)
        measured.batch_mb = max(measured.batch_mb, batch)
        measured.reading_mb = max(measured.reading_mb, batch) if reading else measured.reading_mb
        measured.tree_mb = max(measured.tree_mb, sum(rss_mb(p) for p in descendants(pid)))
        time.sleep(SAMPLE_SECONDS)


def measured_run(inbox: Path, out: Path) -> Measured:
    """Given the inbox and OUT, run the batch once and return what it took."""
    command = [str(Path(sys.executable).with_name("cluster-intake")), "run", str(inbox), "--out", str(out)]
    measured, done = Measured(), threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen([*command, "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = threading.Thread(target=sample, args=(process.pid, out, measured, done))
    sampler.start()
    _, stderr = process.communicate()
    measured.seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"run failed ({process.returncode}): {stderr.decode(errors='replace')[-500:]}")
    return measured


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    """Given OUT, return every output file (store and Prefect's database left out) with size and mtime."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file() and not p.relative_to(out).as_posix().startswith(STORE_PARTS)
    }


def batch_of(work: Path, count: int, samples: Path) -> tuple[Path, Path]:
    """Given a work folder and a count, return a new inbox of that many filings and its OUT."""
    inbox = work / f"inbox{count}"
    inbox.mkdir()
    make_inbox(inbox, count, samples)
    return inbox, work / f"out{count}"


def line(label: str, count: int, m: Measured) -> str:
    return (
        f"{label:8s}: {m.seconds:7.1f} s ({count / m.seconds:5.1f} filings/s)  batch process peak "
        f"{m.reading_mb:5.0f} MB reading, {m.batch_mb:5.0f} MB with reports; whole tree {m.tree_mb:5.0f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--also", type=int, default=0, help="also measure a first run of this many filings")
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    print(f"{args.count} .docx filings (2 cores; other load on the machine shows in the times)")
    if args.also:
        small_inbox, small_out = batch_of(work, args.also, args.samples)
        print(line("first", args.also, measured_run(small_inbox, small_out)) + f"  [{args.also} filings]")
    inbox, out = batch_of(work, args.count, args.samples)
    first = measured_run(inbox, out)
    print(line("first", args.count, first))
    before = snapshot(out)
    again = measured_run(inbox, out)
    after = snapshot(out)
    changed = sorted(name for name in after if before.get(name) != after[name])
    print(line("re-run", args.count, again) + f"  = {again.seconds / first.seconds:.1%} of the first run")
    print(f"files rewritten by the re-run: {len(changed)} {changed[:5]}")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
