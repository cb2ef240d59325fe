"""What every step of one run shares: options, store, criteria profile and the run's row in the store."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flows.arguments import RunOptions, folder_problem
from reports.summary import RunSummary
from schema.rules_catalog import Profile
from store.connection import StoreUrlError, default_url, open_engine
from store.repository import IntakeStore
from store.runs import RUN_INTERRUPTED, RunCounts, finish_run, start_run
from validators.profiles import ProfileError, default_profile, resolve_profile

FINGERPRINT_LENGTH = 16


@dataclass(frozen=True, slots=True)
class RunContext:
    """The shared state of one run (the store is the only resource; it is safe to share)."""

    options: RunOptions
    store: IntakeStore
    profile: Profile | None
    run_id: int

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
    """Given the options, return why the run cannot start (folders, profile, store URL), or None."""
    problem = folder_problem(options)
    if problem is not None:
        return problem
    try:
        profile_for(options)
        open_store(options)
    except (ProfileError, StoreUrlError) as error:
        return str(error)
    return None


def counts_of(summary: RunSummary) -> RunCounts:
    """Given a run summary, return the counts stored on the run's row."""
    return RunCounts(
        *(summary.found, summary.recorded, summary.reused, summary.quarantined, summary.skipped),
        *(summary.errors, summary.warnings, summary.infos),
    )


@contextmanager
def run_context(options: RunOptions) -> Iterator[RunContext]:
    """Given the options, yield the run's context; a run that does not finish is marked interrupted."""
    store = open_store(options)
    run_id = start_run(
        store.engine, str(options.inbox.resolve()), str(options.out.resolve()), options.profile
    )
    try:
        yield RunContext(options, store, profile_for(options), run_id)
    except BaseException:
        finish_run(store.engine, run_id, RunCounts(), RUN_INTERRUPTED)
        raise


def close_run(context: RunContext, summary: RunSummary) -> None:
    """Given a run's context and its summary, store the counts and mark the run finished."""
    finish_run(context.store.engine, context.run_id, counts_of(summary))
