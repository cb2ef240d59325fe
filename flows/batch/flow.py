"""The Prefect flow `cluster-intake-batch`: orchestration only, over the plain steps of `flows.steps`.

Files go in chunks of CHUNK_SIZE: one task run reads a chunk (no retries: extraction is deterministic and
bad input is quarantined), the next persists it (retried: database and file I/O; one commit per filing,
and saving is idempotent by content hash). Tasks are called, not submitted: extraction is CPU-bound on
2 cores, so concurrency would not pay, and a `.submit()` costs 30–80 ms. Chunks keep Prefect's share
small: with one task run per file, the ephemeral server's event recording (another process on the same
2 cores) slowed extraction by ~80% (measured with bench/bench_batch.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows import steps
from flows.arguments import RunOptions
from flows.context import RunContext, close_run, run_context
from flows.discovery import InboxFile, inbox_to_inventory
from flows.outcome import FilingOutcome
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


@task(name="intake-chunk", cache_policy=NO_CACHE, task_run_name="intake from {items[0].name}")
def intake_chunk(items: list[InboxFile], context: RunContext) -> list[FilingOutcome]:
    """Given a chunk of inbox files, return their outcomes (stored result, or extracted now)."""
    return [steps.intake_file(item, context) for item in items]


@task(name="persist-chunk", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def persist_chunk(outcomes: list[FilingOutcome], context: RunContext) -> list[FilingOutcome]:
    """Given a chunk's outcomes, commit each to the store and write its files; return them with ids."""
    return [steps.persist_filing(outcome, context) for outcome in outcomes]


@task(name="batch-rules", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def batch_rules(outcomes: list[FilingOutcome], context: RunContext) -> list[FilingReport]:
    """Given every outcome of the run, store the batch findings and return the reports."""
    return steps.apply_batch_rules(outcomes, context)


@task(name="write-reports", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def write_reports(reports: list[FilingReport], summary: RunSummary, context: RunContext) -> None:
    """Given the reports and summary, write the run's tables, exception report and summary.md."""
    steps.write_reports(reports, summary, context)


def intake_all(items: tuple[InboxFile, ...], context: RunContext) -> list[FilingOutcome]:
    """Given the inbox files, intake and persist them chunk by chunk (one commit per file), with progress."""
    outcomes: list[FilingOutcome] = []
    with batch_progress(len(items), context.options.quiet) as advance:
        for chunk in chunks(items):
            read = intake_chunk(chunk, opaque(context))
            outcomes.extend(persist_chunk(opaque(read), opaque(context)))
            advance(chunk[-1].name, len(chunk))
    return outcomes


@flow(name="cluster-intake-batch", validate_parameters=False)
def intake_batch(options: RunOptions, started_at: float) -> RunSummary:
    """Given the run's options and start time, read every filing of the inbox and write the outputs."""
    inventory = inbox_to_inventory(options.inbox)
    with run_context(options) as context:
        outcomes = intake_all(inventory.filings, context)
        reports = batch_rules(opaque(outcomes), opaque(context))
        summary = steps.run_summary(reports, inventory, started_at)
        write_reports(opaque(reports), summary, opaque(context))
        close_run(context, summary)
    return summary
