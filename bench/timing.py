"""Shared by the benchmark scripts: wall time of the CLI, process start included."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path


def cli_median(files: list[Path], count: int) -> float:
    """Given sample files, return the median wall seconds of one CLI extraction (process start included)."""
    exe = Path(sys.executable).with_name("cluster-intake")
    times = []
    for path in (files * count)[:count]:
        start = time.perf_counter()
        subprocess.run([str(exe), "extract", str(path), "--json"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
