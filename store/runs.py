"""The runs table: one row per batch run, opened at the start and closed with its counts."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Engine, insert, update

from store.repository import new_id, now
from store.tables import runs

RUN_RUNNING = "running"
RUN_FINISHED = "finished"
RUN_INTERRUPTED = "interrupted"


@dataclass(frozen=True, slots=True)
class RunCounts:
    """The counts a finished run reports: files and findings."""

    found: int = 0
    recorded: int = 0
    reused: int = 0
    quarantined: int = 0
    skipped: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0


def start_run(engine: Engine, inbox: str, out: str, profile: str | None) -> int:
    """Given the run's folders and profile, insert its row (status running) and return its id."""
    values = {"started": now(), "inbox": inbox, "out": out, "profile": profile, "status": RUN_RUNNING}
    with engine.begin() as connection:
        return new_id(connection.execute(insert(runs).values(values)))


def finish_run(engine: Engine, run_id: int, counts: RunCounts, status: str = RUN_FINISHED) -> None:
    """Given a run id, its counts and final status, close its row."""
    values = {"finished": now(), "status": status, **asdict(counts)}
    with engine.begin() as connection:
        connection.execute(update(runs).where(runs.c.id == run_id).values(values))


def close_stale_runs(engine: Engine) -> int:
    """Mark every run still `running` as interrupted (a run that crashed could not close its row); call
    only while holding the run lock, so no live run is among them. Return how many were closed."""
    values = {"finished": now(), "status": RUN_INTERRUPTED}
    with engine.begin() as connection:
        done = connection.execute(update(runs).where(runs.c.status == RUN_RUNNING).values(values))
    return done.rowcount or 0
