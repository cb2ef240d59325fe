"""The submissions table: one row per filing (its Word / PDF / scan copies), kept up to date by the batch."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from store.repository import now
from store.tables import submissions


@dataclass(frozen=True, slots=True)
class SubmissionFacts:
    """What the batch knows of one submission: who filed it, its primary copy and its machine verdict."""

    id: str
    form: str
    cluster_name: str | None
    province: str | None
    city: str | None
    county: str | None
    primary_filing_id: int | None
    verdict: str


def _upsert(connection: Connection, facts: SubmissionFacts, run_id: int | None) -> None:
    seen = now()
    values = {**asdict(facts), "last_seen": seen, "last_run_id": run_id}
    exists = connection.execute(select(submissions.c.id).where(submissions.c.id == facts.id)).first()
    if exists is None:
        connection.execute(insert(submissions).values(first_seen=seen, **values))
    else:
        connection.execute(update(submissions).where(submissions.c.id == facts.id).values(values))


def save_submission(engine: Engine, facts: SubmissionFacts, run_id: int | None) -> None:
    """Given a submission's facts and the run that saw it, insert or update its row (one transaction).

    Two runs saving the same new submission at once: the one that loses the insert updates instead."""
    try:
        with engine.begin() as connection:
            _upsert(connection, facts, run_id)
    except IntegrityError:
        with engine.begin() as connection:
            _upsert(connection, facts, run_id)
