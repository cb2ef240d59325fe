"""The Prefect flow `cluster-intake-batch`: orchestration only, over the plain steps of `flows.steps`.

Its parameters are plain JSON values, so a deployment (`cluster-intake serve`) carries them and the
Prefect UI shows them as a form. A run: checks its options, takes the inventory of the inbox (an empty or
missing inbox fails the run: InboxEmptyError), takes the locks of its output folder and store, then reads,
stores and reports — reading during the settle wait, keeping only files that did not change across it.
Logs go through Prefect's run logger (the UI) and into OUT/logs/intake.log; the run's summary is also a
markdown artifact.

Files are looked up in the store here (a known content is not read again), the others are extracted in
chunks by the task `extract-chunk`, which needs no store (each file is read once there and parsed from
those bytes in a limited child process, `cluster_intake.contained`): chunks are submitted, at most
IN_FLIGHT_PER_SLOT per slot at a time — on the default task runner a slot is a core of this machine (the
task's thread only waits for its child processes), on a Dask task runner a worker thread. Each chunk's
results are committed here as they arrive, one transaction per filing (`persist-chunk`, retried: saving
is idempotent by content hash), so a run killed half-way keeps what it stored. The run keeps of each
stored filing only a packed record (`flows.outcome.KeptFiling`). When OUT's reports already show exactly
this run's filings (`flows.state`), nothing is rewritten.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from cluster_intake.limits import ExtractionLimits
from flows import steps
from flows.arguments import DEFAULT_SETTLE_SECONDS, RunOptions
from flows.context import RunContext, close_run, run_context, run_problem, store_url
from flows.discovery import InboxFile, Inventory, inbox_to_inventory
from flows.inbox import InboxEmptyError, Settling, inbox_problem, inventory_to_settling
from flows.lock import RunLockedError, run_lock, store_lock
from flows.notices import BatchResult, kept_to_new_quarantined
from flows.outcome import FilingOutcome, KeptFiling
from flows.runlog import FILE_ONLY, run_log_file
from flows.state import outputs_fingerprint, unchanged_counts, write_outputs_state
from reports.model import FilingReport
from reports.progress import batch_progress
from reports.summary import RunSummary, summary_lines, summary_markdown
from schema.rules_catalog import Profile
from store.repository import FileFacts, FilingResult

IO_RETRIES = 2
IO_DELAY = 1
CHUNK_SIZE = 10
IN_FLIGHT_PER_SLOT = 2
ARTIFACT_KEY = "cluster-intake-summary"
T = TypeVar("T")
Read = tuple[FileFacts, FilingResult]


class RunConfigError(ValueError):
    """Raised when a run's options cannot be used (output folder, profile, store URL)."""


def opaque(value: T) -> T:
    """Given a task argument, return it wrapped so that Prefect passes it on without walking into it.

    Prefect visits every argument to resolve futures; one record alone holds thousands of nodes.
    """
    wrapped: Any = quote(value)
    return cast(T, wrapped)


def chunks(items: Sequence[T], size: int = CHUNK_SIZE) -> list[list[T]]:
    """Given items, return them in consecutive chunks of at most `size`."""
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


@task(name="extract-chunk", cache_policy=NO_CACHE, task_run_name="extract from {items[0].shown}")
def extract_chunk(
    items: list[InboxFile], inbox: Path, profile: Profile | None, checked_with: str, limits: ExtractionLimits
) -> list[Read]:
    """Given a chunk of inbox files and the run's criteria and limits, return each one's facts (of the
    bytes read) and extraction result."""
    return [steps.extract_result(item, inbox, profile, checked_with, limits) for item in items]


@task(name="persist-chunk", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def persist_chunk(outcomes: list[FilingOutcome | KeptFiling], context: RunContext) -> list[KeptFiling]:
    """Given a chunk's outcomes, commit each to the store and write its files; return what the run keeps."""
    return [steps.persist_filing(outcome, context) for outcome in outcomes]


@task(name="batch-rules", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def batch_rules(filings: list[KeptFiling], context: RunContext) -> Sequence[FilingReport]:
    """Given every filing of the run, store the batch findings and return the reports."""
    return steps.apply_batch_rules(filings, context)


@task(name="write-reports", cache_policy=NO_CACHE, retries=IO_RETRIES, retry_delay_seconds=IO_DELAY)
def write_reports(
    reports: Sequence[FilingReport], inventory: Inventory, started: float, context: RunContext
) -> RunSummary:
    """Given the reports, the inventory and the run's start, write the run's tables, exception report and
    summary.md; return the run's summary."""
    return steps.write_reports(reports, inventory, started, context)


def dask_slots() -> int | None:
    """Return how many chunks the flow's Dask task runner runs at once (its worker threads), or None."""
    context = FlowRunContext.get()
    if context is None or isinstance(context.task_runner, ThreadPoolTaskRunner):
        return None
    from prefect_dask.task_runners import DaskTaskRunner  # only a Dask task runner gets here

    if not isinstance(context.task_runner, DaskTaskRunner):
        return None
    threads: dict[str, int] = context.task_runner.client.nthreads()  # type: ignore[no-untyped-call]
    return max(1, sum(threads.values()))


def local_slots() -> int:
    """Return how many chunks the flow's own task runner extracts at once: one per core this process may
    use (each file is read in its own child process, so a task's thread only waits for it)."""
    return max(1, len(os.sched_getaffinity(0)))


def extraction_slots() -> tuple[int, int] | None:
    """Return how many chunks run at once and how many may be submitted ahead: IN_FLIGHT_PER_SLOT per
    slot — a Dask worker thread, or a thread of the flow's own task runner (one per core; what is
    submitted beyond waits in its queue, so a slot never waits for this thread to submit more); None on a
    single core (chunks are then extracted here, one after the other)."""
    slots = dask_slots()
    if slots is None:
        slots = local_slots()
        if slots == 1:
            return None
    return slots, IN_FLIGHT_PER_SLOT * slots


def extracted(
    pending: list[InboxFile], context: RunContext, slots: tuple[int, int] | None
) -> Iterator[tuple[list[InboxFile], list[Read]]]:
    """Given the files to read and the slots (`extraction_slots`: chunks run at once, chunks submitted
    ahead of the one being stored; None: none submitted), yield each chunk and its results in order.

    Without slots, chunks are extracted here one after the other; else chunks small enough to keep every
    slot busy are submitted, at most `ahead` at a time.
    """
    options = context.options
    arguments = (options.inbox, context.profile, context.checked_with, context.limits)  # plain values
    if slots is None:
        for chunk in chunks(pending, CHUNK_SIZE):
            yield chunk, extract_chunk(chunk, *arguments)
        return
    running, ahead = slots
    size = max(1, min(CHUNK_SIZE, len(pending) // (4 * running)))
    window: deque[tuple[list[InboxFile], PrefectFuture[list[Read]]]] = deque()
    for chunk in chunks(pending, size):
        window.append((chunk, extract_chunk.submit(chunk, *arguments)))
        if len(window) >= ahead:
            done, future = window.popleft()
            yield done, future.result()
    while window:
        done, future = window.popleft()
        yield done, future.result()


MAX_WAITING = 100
"""Filings read before the settle wait is over that may wait in memory to be stored; beyond, the run waits."""


@dataclass(slots=True)
class Intake:
    """What intake gives: the filings kept (sorted by name) and the files found still being copied."""

    kept: list[KeptFiling] = field(default_factory=list)
    copying: list[InboxFile] = field(default_factory=list)

    def persist(
        self, outcomes: Sequence[FilingOutcome | KeptFiling], settling: Settling, context: RunContext
    ) -> None:
        """Given outcomes of files read (or found stored) before, once the settle wait is over, persist
        those of files that still show their stamp; set the others aside as still being copied."""
        if not outcomes:
            return
        settling.wait()
        taken: list[FilingOutcome | KeptFiling] = []
        for outcome in outcomes:
            if settling.unchanged(outcome.item):
                taken.append(outcome)
            else:
                self.copying.append(outcome.item)
        if taken:
            self.kept.extend(persist_chunk(opaque(taken), opaque(context)))


def intake_all(settling: Settling, context: RunContext) -> Intake:
    """Given the settling inventory, extract the files not stored yet and persist each chunk as it comes
    (while the settle wait lasts, what was read waits in memory), then reuse the stored ones; a file that
    changed during the wait is not kept (`flows.inbox.Settling`)."""
    items = settling.inventory.filings
    known: list[KeptFiling] = []
    pending: list[InboxFile] = []
    for item in items:
        stored = steps.stored_outcome(item, steps.lookup_facts(item, context.options.inbox), context)
        if stored is None:
            pending.append(item)
        else:
            known.append(stored)
    intake = Intake()
    waiting: list[FilingOutcome | KeptFiling] = []
    with batch_progress(len(items), context.options.quiet) as advance:
        for done, results in extracted(pending, context, extraction_slots()):
            waiting.extend(
                steps.new_outcome(item, facts, result)
                for item, (facts, result) in zip(done, results, strict=True)
            )
            if settling.ready() or len(waiting) >= MAX_WAITING:
                intake.persist(waiting, settling, context)
                waiting = []
            advance(done[-1].shown, len(done))
        intake.persist(waiting, settling, context)
        for chunk in chunks(known):
            intake.persist(chunk, settling, context)
            advance(chunk[-1].name, len(chunk))
    intake.kept.sort(key=lambda filing: filing.item.name)
    return intake


def report_run(
    filings: list[KeptFiling], inventory: Inventory, context: RunContext, started: float
) -> RunSummary:
    """Given the run's filings, apply the batch rules and write the reports, unless OUT shows them all
    already (nothing read afresh): then nothing is rewritten; return the run's summary."""
    out = context.options.out
    fingerprint = outputs_fingerprint(filings, inventory, context.checked_with)
    counts = unchanged_counts(out, fingerprint, steps.REPORT_FILES)
    if counts is not None and all(filing.reused for filing in filings):
        return steps.unchanged_summary(filings, inventory, counts, started)
    reports = batch_rules(opaque(filings), opaque(context))
    summary = write_reports(opaque(reports), opaque(inventory), started, opaque(context))
    write_outputs_state(out, fingerprint, summary)
    return summary


def settled_inventory(options: RunOptions) -> Inventory:
    """Given the options, return the inbox's inventory; raise InboxEmptyError when nothing can be read."""
    inventory = inbox_to_inventory(options.inbox) if options.inbox.is_dir() else None
    problem = inbox_problem(options.inbox, inventory)
    if problem is not None or inventory is None:
        raise InboxEmptyError(problem)
    return inventory


def publish(result: BatchResult, options: RunOptions) -> None:
    """Given a finished run's result, log its summary to the run's log and attach it as an artifact."""
    run_logger = get_run_logger()
    for line in summary_lines(result.summary):
        run_logger.info(line)
    for name, reason in result.new_quarantined:
        run_logger.info("新隔离 / newly quarantined: %s: %s", name, reason)
    if result.copying:
        run_logger.info("仍在复制，下次运行读取 / still being copied: %s", ", ".join(result.copying))
    markdown = summary_markdown(result.summary, str(options.inbox.resolve()), str(options.out.resolve()))
    create_markdown_artifact(markdown=markdown, key=ARTIFACT_KEY, description="批量读取汇总 / run summary")


def read_settling(settling: Settling, options: RunOptions, log: Path, started: float) -> BatchResult:
    """Given the settling inventory, read, store and report the run; return its result."""
    with run_context(options) as context:
        intake = intake_all(settling, context)
        settled = settling.settled(intake.copying)
        summary = report_run(intake.kept, settled.inventory, context, started)
        new = kept_to_new_quarantined(intake.kept, context.store, context.run_id)
        close_run(context, summary)
    return BatchResult(summary, new, tuple(item.shown for item in settled.copying), str(log))


def run_batch(options: RunOptions, log: Path) -> BatchResult:
    """Given the run's options and log file, run the batch under the locks; return its result."""
    started = time.time()
    problem = run_problem(options)
    if problem is not None:
        raise RunConfigError(problem)
    inventory = settled_inventory(options)
    get_run_logger().info("收件箱 / inbox %s: %d 个文件 / files", options.inbox, inventory.found)
    with run_lock(options.out), store_lock(store_url(options), options.out):
        settling = inventory_to_settling(inventory, options.settle_seconds)
        result = read_settling(settling, options, log, started)
    publish(result, options)
    return result


LOCAL_RUNNER: TaskRunner[Any] = ThreadPoolTaskRunner(max_workers=local_slots())
"""The flow's own task runner: a thread per core (chunks submitted beyond wait in its queue)."""


@flow(name="cluster-intake-batch", task_runner=LOCAL_RUNNER)
def intake_batch(
    inbox: str,
    out: str,
    profile: str | None = None,
    db_url: str | None = None,
    force: bool = False,
    settle_seconds: float = DEFAULT_SETTLE_SECONDS,
    quiet: bool = True,
) -> BatchResult:
    """Given the inbox and output folders (and profile, store URL, switches), read the inbox's filings."""
    options = RunOptions(Path(inbox), Path(out), profile, db_url, quiet, force, settle_seconds)
    with run_log_file(options.out) as log:
        try:
            return run_batch(options, log)
        except (InboxEmptyError, RunLockedError, RunConfigError) as error:
            FILE_ONLY.warning("%s", error)
            raise
        except Exception:
            FILE_ONLY.exception("批处理失败 / batch failed: inbox %s, out %s", inbox, out)
            raise
