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


def read_in_a_daemon(outcomes: object) -> None:
    """In a daemonic process (as a Dask worker is): read one filing in a limited child, report the outcome."""
    from cluster_intake.contained import Filing, LimitExceededError, filing_to_record
    from cluster_intake.limits import ExtractionLimits

    here = Path(__file__).resolve().parent  # the child interpreter imports `sleeps` from here
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(here), os.environ.get("PYTHONPATH")]))
    sample = here.parents[1] / "sample_docs" / "docx" / "00_application_clean.docx"
    filing = Filing("a.docx", sample.read_bytes())
    record = filing_to_record(filing)
    try:
        filing_to_record(filing, limits=ExtractionLimits(seconds=2, seconds_per_page=0), read=sleeps)
        limited = "no limit"
    except LimitExceededError as error:
        limited = error.reason_zh
    outcomes.put((record.form, limited))  # type: ignore[attr-defined]


def tells_what_was_loaded(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    """Refuse the file, saying which catalogues the child had loaded before reading anything."""
    from extractors.errors import DocumentLoadError
    from schema.catalog import load_field_catalogue
    from schema.rules_catalog import load_rule_catalogue

    loaded = f"fields={load_field_catalogue.cache_info().currsize} rules={load_rule_catalogue.cache_info().currsize}"
    raise DocumentLoadError(loaded, loaded)


def tells_what_it_imported(path: Path, profile: Profile | None, run_date: date | None, name: str) -> Record:
    """Refuse the file, saying which modules the child has beyond what its fork server preloaded (this
    module aside) and whether the server's heap was frozen."""
    import gc
    import sys

    from cluster_intake.warm import PRELOADED
    from extractors.errors import DocumentLoadError

    extra = sorted(module for module in set(sys.modules) - PRELOADED if module != __name__)
    told = f"frozen={gc.get_freeze_count() > 0} extra={','.join(extra)}"
    raise DocumentLoadError(told, told)
