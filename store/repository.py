"""The store's operations: look a filing up by content hash, save it (one transaction each), reload it.

Every write is one short transaction, so a run killed half-way leaves whole filings only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from typing import cast

from sqlalchemy import Connection, CursorResult, Engine, Row, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from schema.catalog import FormId
from schema.record import ExceptionItem, Record
from store.rows import entry_from_rows, exception_from_row, exception_rows, value_rows
from store.tables import ALL_TABLES, exceptions, field_values, filings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What identifies one input file: content hash, absolute path, name and size."""

    sha256: str
    path: str
    file_name: str
    size: int


@dataclass(frozen=True, slots=True)
class StoredFiling:
    """A filing row as the batch needs it to decide whether to extract again."""

    id: int
    sha256: str
    path: str
    form: FormId | None
    status: str
    quarantine_reason: str | None
    version: int
    supersedes: int | None
    checked_with: str | None


@dataclass(frozen=True, slots=True)
class CopyMembership:
    """Which submission a filing is a copy of, and in which format (docx / doc / pdf / scan)."""

    submission_id: str
    copy_format: str


@dataclass(frozen=True, slots=True)
class FilingResult:
    """What one extraction produced: a record, or the exceptions and reason of a quarantined file.

    `checked_with` names the criteria the record was validated against (a profile fingerprint).
    """

    record: Record | None
    exceptions: tuple[ExceptionItem, ...]
    status: str
    quarantine_reason: str | None = None
    checked_with: str | None = None


def now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


def new_id(result: CursorResult[tuple[object, ...]]) -> int:
    """Given the result of a single-row insert, return the new row's primary key."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the database returned no primary key for an insert")
    return cast(int, key[0])


def _stored(row: Row[tuple[object, ...]]) -> StoredFiling:
    return StoredFiling(
        id=row.id,
        sha256=row.sha256,
        path=row.path,
        form=row.form,
        status=row.status,
        quarantine_reason=row.quarantine_reason,
        version=row.version,
        supersedes=row.supersedes,
        checked_with=row.checked_with,
    )


def find_by_hash(connection: Connection, sha256: str) -> StoredFiling | None:
    """Given a content hash, return the stored filing with that content, if any."""
    row = connection.execute(select(filings).where(filings.c.sha256 == sha256)).first()
    return _stored(row) if row is not None else None


def latest_at_path(connection: Connection, path: str) -> StoredFiling | None:
    """Given an absolute path, return the newest version stored for it, if any."""
    query = select(filings).where(filings.c.path == path).order_by(filings.c.version.desc()).limit(1)
    row = connection.execute(query).first()
    return _stored(row) if row is not None else None


def _filing_columns(result: FilingResult, run_id: int | None) -> dict[str, object]:
    record = result.record
    return {
        "form": record.form if record else None,
        "spec_version": record.spec_version if record else None,
        "source": record.source if record else None,
        "status": result.status,
        "quarantine_reason": result.quarantine_reason,
        "checked_with": result.checked_with,
        "last_seen": now(),
        "last_run_id": run_id,
    }


def _insert_filing(connection: Connection, facts: FileFacts, columns: dict[str, object]) -> int:
    previous = latest_at_path(connection, facts.path)
    values = {
        "sha256": facts.sha256,
        "path": facts.path,
        "file_name": facts.file_name,
        "size": facts.size,
        "first_seen": columns["last_seen"],
        "version": previous.version + 1 if previous else 1,
        "supersedes": previous.id if previous else None,
        **columns,
    }
    return new_id(connection.execute(insert(filings).values(values)))


def _write_contents(connection: Connection, filing_id: int, result: FilingResult) -> None:
    connection.execute(delete(field_values).where(field_values.c.filing_id == filing_id))
    connection.execute(delete(exceptions).where(exceptions.c.filing_id == filing_id))
    if result.record is not None:
        connection.execute(insert(field_values), value_rows(filing_id, result.record))
    if result.exceptions:
        connection.execute(insert(exceptions), exception_rows(filing_id, result.exceptions, False, None))


class IntakeStore:
    """The store of one deployment: every method is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def lookup(self, sha256: str) -> StoredFiling | None:
        """Given a content hash, return the stored filing with that content, if any."""
        with self.engine.connect() as connection:
            return find_by_hash(connection, sha256)

    def save_filing(self, facts: FileFacts, result: FilingResult, run_id: int | None) -> int:
        """Given a file and its extraction result, store both (replacing a previous result); return its id.

        Two runs on one store may insert the same content at the same moment: the later insert breaks the
        unique content hash, and is then made again as an update of the row the other run committed.
        """
        try:
            return self._save_filing(facts, result, run_id)
        except IntegrityError:
            logger.info("%s was stored by another run at the same moment; updating it", facts.path)
            return self._save_filing(facts, result, run_id)

    def _save_filing(self, facts: FileFacts, result: FilingResult, run_id: int | None) -> int:
        columns = _filing_columns(result, run_id)
        with self.engine.begin() as connection:
            existing = find_by_hash(connection, facts.sha256)
            if existing is None:
                filing_id = _insert_filing(connection, facts, columns)
            else:
                filing_id = existing.id
                connection.execute(update(filings).where(filings.c.id == filing_id).values(columns))
            _write_contents(connection, filing_id, result)
        return filing_id

    def set_batch_findings(
        self,
        filing_id: int,
        items: Sequence[ExceptionItem],
        status: str,
        run_id: int | None,
        membership: CopyMembership | None = None,
    ) -> None:
        """Given a filing, its batch-rule findings of this run, its status and the submission it is a copy
        of, replace the previous ones."""
        stale = delete(exceptions).where(exceptions.c.filing_id == filing_id, exceptions.c.batch.is_(True))
        seen: dict[str, object] = {"status": status, "last_seen": now(), "last_run_id": run_id}
        if membership is not None:
            seen |= {"submission_id": membership.submission_id, "copy_format": membership.copy_format}
        with self.engine.begin() as connection:
            # the filing's row first: its lock makes a concurrent run wait, so no findings are added twice
            connection.execute(update(filings).where(filings.c.id == filing_id).values(seen))
            connection.execute(stale)
            if items:
                connection.execute(insert(exceptions), exception_rows(filing_id, items, True, run_id))

    def load_exceptions(self, filing_id: int) -> list[ExceptionItem]:
        """Given a filing id, return its own (non-batch) exceptions in finding order."""
        query = (
            select(exceptions)
            .where(exceptions.c.filing_id == filing_id, exceptions.c.batch.is_(False))
            .order_by(exceptions.c.position)
        )
        with self.engine.connect() as connection:
            return [exception_from_row(row) for row in connection.execute(query)]

    def load_record(self, filing_id: int) -> Record:
        """Given the id of a filing stored with a record, return that record (its own exceptions included)."""
        query = select(field_values).where(field_values.c.filing_id == filing_id).order_by(field_values.c.id)
        with self.engine.connect() as connection:
            filing = connection.execute(select(filings).where(filings.c.id == filing_id)).one()
            rows = list(connection.execute(query))
        grouped = groupby(rows, key=lambda row: row.field_id)
        fields = {field_id: entry_from_rows(list(group)) for field_id, group in grouped}
        return Record(
            spec_version=filing.spec_version,
            form=filing.form,
            source=filing.source,
            sha256=filing.sha256,
            submission_id=filing.submission_id,
            fields=fields,
            exceptions=self.load_exceptions(filing_id),
        )

    def row_counts(self) -> dict[str, int]:
        """Return the number of rows of every table, by table name."""
        with self.engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in ALL_TABLES
            }
