"""What a run tells its operator: the result the flow returns, and the lines a quiet (cron) run prints.

A quiet run prints only what is new since the last finished run: each newly quarantined file once (not
every night), files still being copied are not mentioned (the next run takes them). Failures are one line
pointing to the log file in OUT that holds the full traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.failures import stop_reason
from flows.outcome import KeptFiling
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


def kept_to_new_quarantined(
    filings: Sequence[KeptFiling], store: IntakeStore, run_id: int
) -> tuple[tuple[str, str], ...]:
    """Given the run's filings, return (name, reason) of each quarantined file new since the last run."""
    quarantined = {filing.filing_id: filing for filing in filings if filing.quarantined}
    new = new_since_last_run(store.engine, run_id, list(quarantined)) if quarantined else set()
    return tuple(
        (filing.name, filing.quarantine_reason or "")
        for filing_id, filing in quarantined.items()
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
    """Given a run's failure and its log file, return the one line that reports it (a full disk or a broken
    store said as such, `flows.failures`)."""
    said = stop_reason(error) or f"{type(error).__name__}: {' '.join(str(error).split())}"
    return f"批处理失败 / batch failed: {said}（完整信息见 / full traceback in {log_file}）"
