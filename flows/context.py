"""What every step of one run shares: options, store, criteria profile and the run's row in the store."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from cluster_intake.limits import ExtractionLimits
from extractors.errors import SettingsError
from extractors.ocr.options import OcrOptions
from flows.arguments import RunOptions, folder_problem
from flows.failures import store_problem
from flows.lifeline import start_lifeline
from flows.lock import run_lock
from flows.outputs import PARTIAL_SUFFIX
from reports.summary import RunSummary
from schema.rules_catalog import Profile
from store.connection import StoreUrlError, default_url, open_engine
from store.repository import IntakeStore
from store.runs import RUN_INTERRUPTED, RunCounts, close_stale_runs, finish_run, start_run
from validators.profiles import ProfileError, default_profile, resolve_profile

logger = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024
MIN_FREE_BYTES = 32 * MEGABYTE

FINGERPRINT_LENGTH = 16


@dataclass(frozen=True, slots=True)
class RunContext:
    """The shared state of one run (the store is the only resource; it is safe to share)."""

    options: RunOptions
    store: IntakeStore
    profile: Profile | None
    run_id: int
    limits: ExtractionLimits = field(default_factory=ExtractionLimits)

    @property
    def checked_with(self) -> str:
        """Return the fingerprint of the criteria this run validates against."""
        return profile_fingerprint(self.profile)


def store_url(options: RunOptions) -> str:
    """Given the options, return the store URL: --db, else OUT/intake.sqlite."""
    return options.db_url or default_url(options.out)


def open_store(options: RunOptions) -> IntakeStore:
    """Given the options, return the run's store (tables created when missing)."""
    options.out.mkdir(parents=True, exist_ok=True)
    return IntakeStore(open_engine(store_url(options)))


def profile_fingerprint(profile: Profile | None) -> str:
    """Given the run's profile (None = default), return a short fingerprint of its thresholds."""
    chosen = profile or default_profile()
    return hashlib.sha256(chosen.model_dump_json().encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def profile_for(options: RunOptions) -> Profile | None:
    """Given the options, return the chosen criteria profile (None = the validators' default)."""
    return resolve_profile(options.profile) if options.profile else None


def run_problem(options: RunOptions) -> str | None:
    """Given the options, return why the run cannot start (folders, profile, settings, store), or None."""
    problem = folder_problem(options)
    if problem is not None:
        return problem
    try:
        profile_for(options)
        ExtractionLimits.resolve()
        OcrOptions.resolve()
        open_store(options)
        return free_space_problem(options.out)
    except (ProfileError, StoreUrlError) as error:
        return " ".join(str(error).split())
    except SettingsError as error:
        return error.one_line
    except DatabaseError as error:
        return store_problem(error)


def free_space_problem(out: Path, needed: int | None = None) -> str | None:
    """Given the output folder (and the space a run needs, default MIN_FREE_BYTES), return why it cannot
    take a run's outputs (too little free space), or None."""
    needed = MIN_FREE_BYTES if needed is None else needed
    stats = os.statvfs(out)
    free = stats.f_bavail * stats.f_frsize
    if free >= needed:
        return None
    return (
        f"输出文件夹所在磁盘空间不足（剩余 {free // MEGABYTE} MB，至少需要 {needed // MEGABYTE} MB）/ "
        f"not enough free space for the outputs ({free} bytes free; {needed} needed): {out}"
    )


def remove_partial_files(out: Path) -> None:
    """Given the output folder, remove what a killed run left half-written (`.NAME.partial`)."""
    for folder in (out, out / "records", out / "quarantine"):
        for partial in folder.glob(f".*{PARTIAL_SUFFIX}") if folder.is_dir() else ():
            partial.unlink(missing_ok=True)


def counts_of(summary: RunSummary) -> RunCounts:
    """Given a run summary, return the counts stored on the run's row."""
    return RunCounts(
        *(summary.found, summary.recorded, summary.reused, summary.quarantined, summary.skipped),
        *(summary.errors, summary.warnings, summary.infos),
    )


@contextmanager
def run_context(options: RunOptions) -> Iterator[RunContext]:
    """Given the options, hold the run lock of OUT (the store's lock is the flow's, `flows.lock`), make
    sure what the run starts dies with it, close the rows of runs that crashed, and yield the run's
    context; a run that does not finish is marked interrupted."""
    with run_lock(options.out):
        start_lifeline()
        store = open_store(options)
        closed = close_stale_runs(store.engine)
        if closed:
            logger.warning("closed %d run(s) left running by a crash", closed)
        remove_partial_files(options.out)
        run_id = start_run(
            store.engine, str(options.inbox.resolve()), str(options.out.resolve()), options.profile
        )
        try:
            yield RunContext(options, store, profile_for(options), run_id, ExtractionLimits.resolve())
        except BaseException:
            mark_interrupted(store, run_id)
            raise


def mark_interrupted(store: IntakeStore, run_id: int) -> None:
    """Given the store and a run that did not finish, mark its row interrupted if the store still takes
    writes (a full disk may be why the run stopped: the next run closes the row then)."""
    try:
        finish_run(store.engine, run_id, RunCounts(), RUN_INTERRUPTED)
    except DatabaseError as error:
        logger.warning("cannot mark run %d interrupted: %s", run_id, error)


def close_run(context: RunContext, summary: RunSummary) -> None:
    """Given a run's context and its summary, store the counts and mark the run finished."""
    finish_run(context.store.engine, context.run_id, counts_of(summary))
