"""What OUT's reports were last written from, so that a re-run with nothing new rewrites nothing.

After a run writes its reports it leaves `OUT/.outputs-state.json`: a fingerprint of what the reports
show — every filing's name, store id and form (or quarantine), every skipped entry with its reason, the
criteria, the program's version — and the run's finding counts. A later run whose fingerprint is the
same, that read no file afresh, and finds every report file still there, has nothing to rewrite: it
reports the counts kept here.
The file is written last (atomically), so a run killed while writing reports leaves the old fingerprint,
which then no longer matches and the next run writes the reports again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from flows.discovery import Inventory
from flows.outcome import KeptFiling
from flows.outputs import write_text_atomically
from reports.summary import RunSummary

logger = logging.getLogger(__name__)

STATE_FILE = ".outputs-state.json"
PACKAGE = "cluster-intake"


@dataclass(frozen=True, slots=True)
class FindingCounts:
    """The counts of a run's findings and verdicts, which only its filings' outcomes decide."""

    errors: int
    warnings: int
    infos: int
    passed: int
    needs_review: int
    failed: int

    @classmethod
    def of(cls, summary: RunSummary) -> FindingCounts:
        """Given a run summary, return its finding counts."""
        return cls(
            summary.errors,
            summary.warnings,
            summary.infos,
            summary.passed,
            summary.needs_review,
            summary.failed,
        )


def program_version() -> str:
    """Return the installed version of the program (reports written by another version are rewritten)."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "unknown"


def outputs_fingerprint(filings: Sequence[KeptFiling], inventory: Inventory, checked_with: str) -> str:
    """Given the run's filings, its inventory and its criteria fingerprint, return what its reports show
    as one hash."""
    shown = {
        "version": program_version(),
        "criteria": checked_with,
        "filings": [[f.name, f.filing_id, f.form or ""] for f in filings],
        "skipped": [entry.listed for entry in inventory.skipped],
    }
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8")).hexdigest()


def unchanged_counts(out: Path, fingerprint: str, report_files: Sequence[str]) -> FindingCounts | None:
    """Given the output folder, this run's fingerprint and the report files, return the counts the last
    reports were written with when they show exactly this run (and all exist), else None."""
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
        if state.get("fingerprint") != fingerprint:
            return None
        counts = FindingCounts(**state["counts"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return counts if all((out / name).is_file() for name in report_files) else None


def write_outputs_state(out: Path, fingerprint: str, summary: RunSummary) -> None:
    """Given the output folder, the run's fingerprint and summary, record what the reports now show."""
    state = {"fingerprint": fingerprint, "counts": asdict(FindingCounts.of(summary))}
    write_text_atomically(out / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=2) + "\n")
