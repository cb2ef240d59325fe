"""Tables of the review station, in the same metadata as the intake tables (SQLite and PostgreSQL).

The machine reading (filings, field_values, exceptions) is never changed by an operator. An operator's work
lives beside it, keyed by stable finding ids and submission ids, so no re-run can overwrite it:
- `corrections`: the current corrected value of one cell (filing, field, year) — the batch never writes it;
- `decisions`: the current decision on one finding (accepted / corrected / returned), with a version number
  for optimistic locking (a save names the version it saw; a stale one is a conflict, not an overwrite);
- `audit`: one row per action ever taken; append-only (database triggers refuse UPDATE and DELETE);
- `review_findings`: the current findings of each submission as an operator sees them (the primary copy
  validated again with its corrections, every copy's batch findings, a scan's seals), rebuilt after each
  batch and each decision, so queue pages are plain queries;
- `users`: operators and supervisors (argon2 hashes), with failed log-ins for throttling;
- `returns`: 退回 notices — asked for by an operator, signed off by a supervisor;
- `settings`: the web app's secret key and similar (one row per name).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from store.tables import JSON, metadata

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    UniqueConstraint("name", name="uq_users_name"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("filing_id", Integer, ForeignKey("filings.id"), nullable=False),
    Column("field_id", String(100), nullable=False),
    # "" for a field without years, so that the unique key holds on every database.
    Column("year", String(4), nullable=False, default=""),
    Column("value", JSON),
    Column("status", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("by_user", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    UniqueConstraint("filing_id", "field_id", "year", name="uq_corrections_cell"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding_id", String(32), nullable=False),
    Column("submission_id", String(20), nullable=False),
    Column("filing_id", Integer, ForeignKey("filings.id")),
    Column("rule", String(100), nullable=False),
    Column("field", String(100)),
    Column("year", String(4)),
    Column("reason", String(40)),
    Column("action", String(20), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("by_user", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    UniqueConstraint("finding_id", name="uq_decisions_finding"),
)
Index("ix_decisions_submission", decisions.c.submission_id)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by_user", String(100), nullable=False),
    Column("action", String(30), nullable=False),
    Column("submission_id", String(20)),
    Column("filing_id", Integer),
    Column("finding_id", String(32)),
    Column("field", String(100)),
    Column("year", String(4)),
    Column("old_value", JSON),
    Column("new_value", JSON),
    Column("reason", Text, nullable=False, default=""),
)
Index("ix_audit_submission", audit.c.submission_id)
Index("ix_audit_finding", audit.c.finding_id)

review_findings = Table(
    "review_findings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(20), nullable=False),
    Column("filing_id", Integer, ForeignKey("filings.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("finding_id", String(32), nullable=False),
    Column("rule", String(100), nullable=False),
    Column("title", String(100), nullable=False),
    Column("reason", String(40)),
    Column("severity", String(10), nullable=False),
    Column("category", String(20), nullable=False),
    Column("section", String(20)),
    Column("field", String(100)),
    Column("year", String(4)),
    Column("message", Text, nullable=False),
    Column("value", JSON),
    Column("location", JSON),
    Column("related", JSON),
    # open / accepted / corrected / returned: the current decision, or open when there is none.
    Column("state", String(20), nullable=False),
    UniqueConstraint("submission_id", "finding_id", name="uq_review_findings"),
)
Index("ix_review_findings_submission", review_findings.c.submission_id)
Index("ix_review_findings_rule", review_findings.c.rule, review_findings.c.state)
Index("ix_review_findings_severity", review_findings.c.severity, review_findings.c.state)
Index("ix_review_findings_section", review_findings.c.section, review_findings.c.state)

returns = Table(
    "returns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(20), nullable=False),
    Column("filing_id", Integer, ForeignKey("filings.id")),
    Column("message", Text, nullable=False),
    Column("asked_by", String(100), nullable=False),
    Column("asked_at", DateTime(timezone=True), nullable=False),
    Column("signed_by", String(100)),
    Column("signed_at", DateTime(timezone=True)),
    Column("notice", LargeBinary),
)
Index("ix_returns_submission", returns.c.submission_id)

settings = Table(
    "settings",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

REVIEW_TABLES = (users, corrections, decisions, audit, review_findings, returns, settings)


APPEND_ONLY_MESSAGE = "audit rows are append-only"
SQLITE_APPEND_ONLY = tuple(
    f"CREATE TRIGGER IF NOT EXISTS audit_no_{verb.lower()} BEFORE {verb} ON audit "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    for verb in ("UPDATE", "DELETE")
)
POSTGRESQL_APPEND_ONLY = (
    "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$",
    "DROP TRIGGER IF EXISTS audit_append_only ON audit",
    "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
)


def protect_audit(connection: Connection) -> None:
    """Given a connection on a ready schema (inside the caller's transaction), make the audit table refuse
    UPDATE and DELETE (database triggers on SQLite and PostgreSQL; no code path of ours updates or deletes
    an audit row either)."""
    statements = {"sqlite": SQLITE_APPEND_ONLY, "postgresql": POSTGRESQL_APPEND_ONLY}
    for statement in statements.get(connection.dialect.name, ()):
        connection.execute(text(statement))
