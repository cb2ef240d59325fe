"""The Prefect flow `cluster-intake-batch`: orchestration only, over the plain steps of `flows.steps`.

One task run per file for intake (no retries: extraction is deterministic, bad input is quarantined) and
one for persisting it (retried: database and file I/O). Tasks are called, not submitted: on 2 cores a
`.submit()` costs 30–80 ms of overhead and extraction is CPU-bound, so concurrency would not pay.
"""

from __future__ import annotations

import logging
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
T = TypeVar("T")


def opaque(value: T) -> T:
    """Given a task argument, return it wrapped so that Prefect passes it on without walking into it.

    Prefect visits every argument to resolve futures; one record alone holds thousands of nodes.
    """
    wrapped: Any = quote(value)
    return cast(T, wrapped)


@task(name="intake-filing", cache_policy=NO_CACHE, task_run_name="intake {item.name}")
def intake_filing(item: InboxFile, context: RunContext) -> FilingOutcome:
    return steps.intake_file(item, context)


@task(name="persist-filing", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def persist_filing(outcome: FilingOutcome, context: RunContext) -> FilingOutcome:
    return steps.persist_filing(outcome, context)


@task(name="batch-rules", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def batch_rules(outcomes: list[FilingOutcome], context: RunContext) -> list[FilingReport]:
    return steps.apply_batch_rules(outcomes, context)


@task(name="write-reports", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def write_reports(reports: list[FilingReport], summary: RunSummary, context: RunContext) -> None:
    steps.write_reports(reports, summary, context)


def intake_all(items: tuple[InboxFile, ...], context: RunContext) -> list[FilingOutcome]:
    """Given the inbox files, intake and persist each in turn (one commit per file), with progress."""
    outcomes: list[FilingOutcome] = []
    with batch_progress(len(items), context.options.quiet) as advance:
        for item in items:
            outcome = intake_filing(item, opaque(context))
            outcomes.append(persist_filing(opaque(outcome), opaque(context)))
            advance(item.name)
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
