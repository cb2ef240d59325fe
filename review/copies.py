"""Read one submission from the store: its copies (as the last batch saw them), corrections and criteria."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, select

from review.effective import Correction
from schema.record import ExceptionItem, Record
from schema.rules_catalog import Profile
from store.repository import IntakeStore
from store.review_tables import corrections
from store.rows import exception_from_row
from store.tables import exceptions, filings, runs, submissions
from validators.profiles import ProfileError, resolve_profile
from validators.submissions import CopyFormat, copy_rank


@dataclass(frozen=True, slots=True)
class StoredCopy:
    """One file of a submission in the store: its filing row, inbox-relative name and machine record."""

    filing_id: int
    name: str
    sha256: str
    path: str
    copy_format: CopyFormat
    record: Record
    batch: tuple[ExceptionItem, ...]


@dataclass(frozen=True, slots=True)
class SubmissionState:
    """What a submission is under review: its copies (primary first), criteria and review status."""

    id: str
    copies: tuple[StoredCopy, ...]
    profile: Profile | None
    run_date: date | None
    review_status: str
    reviewed_filing_id: int | None
    assignee: str | None
    version: int

    @property
    def primary(self) -> StoredCopy:
        return self.copies[0]


def relative_name(path: str, inbox: str | None, fallback: str) -> str:
    """Given a file's absolute path and its run's inbox, return the inbox-relative name (as the batch names
    files), else the file name."""
    if inbox and path.startswith(inbox.rstrip(os.sep) + os.sep):
        return os.path.relpath(path, inbox)
    return fallback


def _batch_items(connection: Connection, filing_id: int) -> tuple[ExceptionItem, ...]:
    query = (
        select(exceptions)
        .where(exceptions.c.filing_id == filing_id, exceptions.c.batch.is_(True))
        .order_by(exceptions.c.position)
    )
    return tuple(exception_from_row(row) for row in connection.execute(query))


def _criteria(connection: Connection, run_id: int | None) -> tuple[Profile | None, date | None, str | None]:
    """Given a run id, return the profile it checked against, the date it ran on and its inbox."""
    run = connection.execute(select(runs).where(runs.c.id == run_id)).first() if run_id else None
    if run is None:
        return None, None, None
    try:
        profile = resolve_profile(run.profile) if run.profile else None
    except ProfileError:
        profile = None  # a profile file since removed: judge by the default criteria
    return profile, run.started.date(), run.inbox


def load_corrections(connection: Connection, filing_id: int) -> list[Correction]:
    """Given a filing id, return the current corrections of its cells (oldest first)."""
    query = select(corrections).where(corrections.c.filing_id == filing_id).order_by(corrections.c.id)
    return [
        Correction(row.field_id, row.year, row.value, row.status, row.text, row.by_user, row.at.isoformat())
        for row in connection.execute(query)
    ]


def load_submission(
    engine: Engine, submission_id: str, known: Mapping[int, Record] | None = None
) -> SubmissionState | None:
    """Given a submission id (and records already in memory, by filing id: the batch that just stored
    them), return it with the copies its last batch saw (None when unknown)."""
    store = IntakeStore(engine)
    with engine.connect() as connection:
        row = connection.execute(select(submissions).where(submissions.c.id == submission_id)).first()
        if row is None:
            return None
        profile, run_date, inbox = _criteria(connection, row.last_run_id)
        query = select(filings).where(
            filings.c.submission_id == submission_id, filings.c.last_run_id == row.last_run_id
        )
        found = list(connection.execute(query))
        batches = {filing.id: _batch_items(connection, filing.id) for filing in found}
    copies = [
        StoredCopy(
            filing_id=filing.id,
            name=relative_name(filing.path, inbox, filing.file_name),
            sha256=filing.sha256,
            path=filing.path,
            copy_format=filing.copy_format or "docx",
            record=known[filing.id] if known and filing.id in known else store.load_record(filing.id),
            batch=batches[filing.id],
        )
        for filing in found
        if filing.form is not None
    ]
    if not copies:
        return None
    copies.sort(key=lambda copy: copy_rank(copy.copy_format, copy.name))
    return SubmissionState(
        id=submission_id,
        copies=tuple(copies),
        profile=profile,
        run_date=run_date,
        review_status=row.review_status or "open",
        reviewed_filing_id=row.reviewed_filing_id,
        assignee=row.assignee,
        version=row.review_version or 0,
    )
