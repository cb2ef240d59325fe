"""What a run tells its operator: the result the flow returns, and the lines a quiet (cron) run prints.

A quiet run prints only what is new since the last finished run: each newly quarantined file once (not
every night), files still being copied are not mentioned (the next run takes them). Failures are one line
pointing to the log file in OUT that holds the full traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.outcome import FilingOutcome
from reports.summary import RunSummary, summary_lines
from store.history import new_since_last_run
from store.repository import IntakeStore


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one batch run returns: its summary, the quarantined files new since the last run, its log."""

    summary: RunSummary
    new_quarantined: tuple[tuple[str, str], ...]
    copying: tuple[str, ...]
    log_file: str


def outcomes_to_new_quarantined(
    outcomes: Sequence[FilingOutcome], store: IntakeStore, run_id: int
) -> tuple[tuple[str, str], ...]:
    """Given the run's outcomes, return (name, reason) of each quarantined file new since the last run."""
    quarantined = {o.filing_id: o for o in outcomes if o.result.record is None and o.filing_id is not None}
    new = new_since_last_run(store.engine, run_id, list(quarantined)) if quarantined else set()
    return tuple(
        (outcome.item.name, outcome.result.quarantine_reason or "")
        for filing_id, outcome in quarantined.items()
        if filing_id in new
    )


def quiet_lines(result: BatchResult) -> list[str]:
    """Given a run's result, return what a quiet run prints: the files newly quarantined."""
    return [f"已隔离 / quarantined: {name}: {reason}" for name, reason in result.new_quarantined]


def full_lines(result: BatchResult) -> list[str]:
    """Given a run's result, return the console summary (and the files left for the next run)."""
    lines = summary_lines(result.summary)
    if result.copying:
        waiting = "、".join(result.copying)
        lines.append(f"仍在复制，下次运行读取 / still being copied, read next run: {waiting}")
    return lines


def failure_line(error: BaseException, log_file: Path) -> str:
    """Given a run's failure and its log file, return the one line that reports it."""
    return (
        f"批处理失败 / batch failed: {type(error).__name__}: {error}"
        f"（完整信息见 / full traceback in {log_file}）"
    )
