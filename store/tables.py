"""Table definitions of the intake store, in portable SQLAlchemy Core types (SQLite and PostgreSQL).

A filing is identified by the SHA-256 of its content. A file whose content changed at the same path becomes
a new filing whose `supersedes` points at the previous version, which is kept.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from store.types import json_column_type

metadata = MetaData()
JSON = json_column_type()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("finished", DateTime(timezone=True)),
    Column("inbox", Text, nullable=False),
    Column("out", Text, nullable=False),
    Column("profile", String(200)),
    Column("status", String(20), nullable=False),
    Column("found", Integer, nullable=False, default=0),
    Column("recorded", Integer, nullable=False, default=0),
    Column("reused", Integer, nullable=False, default=0),
    Column("quarantined", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
    Column("warnings", Integer, nullable=False, default=0),
    Column("infos", Integer, nullable=False, default=0),
)

filings = Table(
    "filings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False),
    Column("path", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("form", String(20)),
    Column("spec_version", Integer),
    Column("source", Text),
    Column("status", String(20), nullable=False),
    Column("quarantine_reason", Text),
    Column("checked_with", String(64)),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("last_run_id", Integer, ForeignKey("runs.id")),
    Column("version", Integer, nullable=False, default=1),
    Column("supersedes", Integer, ForeignKey("filings.id")),
    # The submission (Word / PDF / scan copies of one filing) this file belongs to; see `submissions`.
    Column("submission_id", String(20)),
    Column("copy_format", String(10)),
    UniqueConstraint("sha256", name="uq_filings_sha256"),
)
Index("ix_filings_path", filings.c.path)
Index("ix_filings_submission", filings.c.submission_id)

submissions = Table(
    "submissions",
    metadata,
    # Stable id derived from form + cluster name (`validators.submissions.submission_id`).
    Column("id", String(20), primary_key=True),
    Column("form", String(20), nullable=False),
    Column("cluster_name", Text),
    Column("province", Text),
    Column("city", Text),
    Column("county", Text),
    Column("primary_filing_id", Integer, ForeignKey("filings.id")),
    # The machine verdict of the last batch (passed / needs_review / failed).
    Column("verdict", String(20), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("last_run_id", Integer, ForeignKey("runs.id")),
    # The review: open / return_asked / returned / close_asked / closed (已审结), who works it, and the
    # findings still open (rebuilt with `review_findings`).
    Column("review_status", String(20)),
    Column("assignee", String(100)),
    Column("open_errors", Integer),
    Column("open_warnings", Integer),
    Column("open_infos", Integer),
    Column("review_verdict", String(20)),
    Column("review_version", Integer),
    Column("reviewed_filing_id", Integer),
)

field_values = Table(
    "field_values",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("filing_id", Integer, ForeignKey("filings.id", ondelete="CASCADE"), nullable=False),
    Column("field_id", String(100), nullable=False),
    Column("year", String(4)),
    Column("value", JSON),
    Column("status", String(20), nullable=False),
    Column("raw", Text),
    Column("provenance", JSON),
    # A year series keeps raw / provenance as per-year maps even when every year is empty.
    Column("raw_by_year", Boolean, nullable=False, default=False),
    Column("provenance_by_year", Boolean, nullable=False, default=False),
)
Index("ix_field_values_filing", field_values.c.filing_id)

exceptions = Table(
    "exceptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("filing_id", Integer, ForeignKey("filings.id", ondelete="CASCADE"), nullable=False),
    Column("batch", Boolean, nullable=False, default=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("position", Integer, nullable=False),
    Column("finding_id", String(32)),
    Column("rule", String(100), nullable=False),
    Column("reason", String(40)),
    Column("severity", String(10), nullable=False),
    Column("field", String(100)),
    Column("year", String(4)),
    Column("message", Text, nullable=False),
    Column("value", JSON),
    Column("location", JSON),
    Column("related", JSON),
)
Index("ix_exceptions_filing", exceptions.c.filing_id)
Index("ix_exceptions_finding", exceptions.c.finding_id)

ALL_TABLES = (runs, filings, field_values, exceptions, submissions)
