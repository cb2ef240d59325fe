"""The Prefect flow `cluster-intake-batch`: orchestration only, over the plain steps of `flows.steps`.

Files go in chunks of CHUNK_SIZE: one task run reads a chunk (no retries: extraction is deterministic and
bad input is quarantined), the next persists it (retried: database and file I/O; one commit per filing,
and saving is idempotent by content hash). Tasks are called, not submitted: extraction is CPU-bound on
2 cores, so concurrency would not pay, and a `.submit()` costs 30–80 ms. Chunks keep Prefect's share
small: with one task run per file, the ephemeral server's event recording (another process on the same
2 cores) slowed extraction by ~80% (measured with bench/bench_batch.py).

The run keeps of each stored filing only a packed record (`flows.outcome.KeptFiling`). When OUT's
reports already show exactly this run's filings (`flows.state`), nothing is rewritten. A full disk or a
broken store stops the run with one line (`flows.failures`): the tasks return it instead of raising, so
that neither a retry nor a traceback hides it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote
from sqlalchemy.exc import DatabaseError

from flows import steps
from flows.arguments import RunOptions
from flows.context import RunContext, close_run, run_context
from flows.discovery import InboxFile, Inventory, inbox_to_inventory
from flows.failures import RunStopped, RunStoppedError, stop_reason, stopping
from flows.outcome import FilingOutcome, KeptFiling
from flows.state import outputs_fingerprint, unchanged_counts, write_outputs_state
from reports.model import FilingReport
from reports.progress import batch_progress
from reports.summary import RunSummary

logger = logging.getLogger(__name__)

IO_RETRIES = 2
IO_DELAY = 1
CHUNK_SIZE = 10
T = TypeVar("T")


def opaque(value: T) -> T:
    """Given a task argument, return it wrapped so that Prefect passes it on without walking into it.

    Prefect visits every argument to resolve futures; one record alone holds thousands of nodes.
    """
    wrapped: Any = quote(value)
    return cast(T, wrapped)


def chunks(items: Sequence[InboxFile], size: int = CHUNK_SIZE) -> list[list[InboxFile]]:
    """Given the inbox files, return them in consecutive chunks of at most `size`."""
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def go_on(result: T | RunStopped) -> T:
    """Given a task's result, return it, or stop the run (inside its context) when it is a RunStopped."""
    if isinstance(result, RunStopped):
        raise RunStoppedError(result)
    return result


@task(name="intake-chunk", cache_policy=NO_CACHE, task_run_name="intake from {items[0].shown}")
def intake_chunk(
    items: list[InboxFile], context: RunContext
) -> list[FilingOutcome | KeptFiling] | RunStopped:
    """Given a chunk of inbox files, return what is known of them (stored, or extracted now)."""
    return stopping(lambda: [steps.intake_file(item, context) for item in items])


@task(name="persist-chunk", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def persist_chunk(
    outcomes: list[FilingOutcome | KeptFiling], context: RunContext
) -> list[KeptFiling] | RunStopped:
    """Given a chunk's outcomes, commit each to the store and write its files; return what is kept."""
    return stopping(lambda: [steps.persist_filing(outcome, context) for outcome in outcomes])


@task(name="batch-rules", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def batch_rules(filings: list[KeptFiling], context: RunContext) -> Sequence[FilingReport] | RunStopped:
    """Given every filing of the run, store the batch findings and return the reports."""
    return stopping(lambda: steps.apply_batch_rules(filings, context))


@task(name="write-reports", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def write_reports(
    reports: Sequence[FilingReport], summary: RunSummary, context: RunContext
) -> RunStopped | None:
    """Given the reports and summary, write the run's tables, exception report and summary.md."""
    return stopping(lambda: steps.write_reports(reports, summary, context))


def intake_all(items: tuple[InboxFile, ...], context: RunContext) -> list[KeptFiling]:
    """Given the inbox files, intake and persist them chunk by chunk (one commit per file), with progress."""
    kept: list[KeptFiling] = []
    with batch_progress(len(items), context.options.quiet) as advance:
        for chunk in chunks(items):
            read = go_on(intake_chunk(chunk, opaque(context)))
            kept.extend(go_on(persist_chunk(opaque(read), opaque(context))))
            advance(chunk[-1].shown, len(chunk))
    return kept


def report_run(
    filings: list[KeptFiling], inventory: Inventory, context: RunContext, started_at: float
) -> RunSummary:
    """Given the run's filings, apply the batch rules and write the reports, unless OUT shows them all
    already; return the run's summary."""
    out = context.options.out
    fingerprint = outputs_fingerprint(filings, inventory, context.checked_with)
    counts = unchanged_counts(out, fingerprint, steps.REPORT_FILES)
    if counts is not None and all(filing.reused for filing in filings):
        return steps.unchanged_summary(filings, inventory, counts, started_at)
    reports = go_on(batch_rules(opaque(filings), opaque(context)))
    summary = steps.run_summary(reports, inventory, started_at)
    go_on(write_reports(opaque(reports), summary, opaque(context)))
    go_on(stopping(lambda: write_outputs_state(out, fingerprint, summary)))
    return summary


@flow(name="cluster-intake-batch", validate_parameters=False)
def intake_batch(options: RunOptions, started_at: float) -> RunSummary | RunStopped:
    """Given the run's options and start time, read every filing of the inbox and write the outputs;
    return the summary, or why the run stopped (disk full, store broken)."""
    inventory = inbox_to_inventory(options.inbox)
    try:
        with run_context(options) as context:
            filings = intake_all(inventory.filings, context)
            summary = report_run(filings, inventory, context, started_at)
            go_on(stopping(lambda: close_run(context, summary)))
    except RunStoppedError as stop:
        return stop.stopped
    except (OSError, DatabaseError) as error:  # opening or closing the run's store and folders
        reason = stop_reason(error)
        if reason is None:
            raise
        return RunStopped(reason)
    return summary
