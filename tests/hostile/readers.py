"""Readers that misbehave on purpose, for the tests of the reading child's limits (module-level: a fork
server's child imports them by name)."""

from __future__ import annotations

import ctypes
import os
import subprocess
import time
from datetime import date
from pathlib import Path

from schema.record import Record
from schema.rules_catalog import Profile

SLEEPER_MARKER = "hostile-sleeper-7f3a"


def allocates_two_gigabytes(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    buffer = bytearray(2 * 1024**3)
    raise AssertionError(f"allocated {len(buffer)} bytes")


def sleeps(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    time.sleep(600)
    raise AssertionError("woke up")


def starts_a_sleeper_and_sleeps(
    path: Path, profile: Profile | None, run_date: date | None, name: str
) -> Record:
    """Start a program in a session of its own (as LibreOffice would be), carrying the job's tags."""
    tagged = {k: v for k, v in os.environ.items() if k.startswith("CLUSTER_INTAKE_")}
    command = ["sh", "-c", f"exec -a {SLEEPER_MARKER} sleep 600"]
    subprocess.Popen(command, env={**tagged, "PATH": os.environ["PATH"]}, start_new_session=True)
    time.sleep(600)
    raise AssertionError("woke up")


def crashes(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    ctypes.string_at(0)
    raise AssertionError("survived")


def raises_a_defect(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    raise ValueError("a defect of ours")


def prints_chatter(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    os.write(2, b"TIFFReadDirectory: Warning, unknown field with tag 50000\n")
    print("library chatter on stdout")
    raise ValueError("after chatter")
