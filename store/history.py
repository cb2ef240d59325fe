"""What is new since the last run: filings first stored after the last finished run of the store ended.

A run killed before it finished does not count as "last run": what it stored is still new to the next run
that finishes, so an operator reading only the new lines of each night misses nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Engine, func, select

from store.runs import RUN_FINISHED
from store.tables import filings, runs


def last_finished_end(engine: Engine, before_run_id: int) -> datetime | None:
    """Given a run id, return when the last finished run before it ended (None: no run finished yet)."""
    query = select(func.max(runs.c.finished)).where(runs.c.status == RUN_FINISHED, runs.c.id < before_run_id)
    with engine.connect() as connection:
        ended: datetime | None = connection.execute(query).scalar_one()
    return ended


def new_since_last_run(engine: Engine, run_id: int, filing_ids: Collection[int]) -> set[int]:
    """Given a run and some of its filings, return those first stored after the last finished run ended."""
    since = last_finished_end(engine, run_id)
    if since is None:
        return set(filing_ids)
    query = select(filings.c.id).where(filings.c.id.in_(list(filing_ids)), filings.c.first_seen > since)
    with engine.connect() as connection:
        return {int(row.id) for row in connection.execute(query)}
