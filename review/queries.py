"""What the review pages show, read from the store: the queue of submissions, one submission, one finding.

Plain queries over `submissions` and `review_findings` (rebuilt after every batch and decision), so a page
costs a few indexed reads whatever the size of the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Row, and_, func, or_, select

from review.notice import NoticeItem
from schema.catalog import load_field_catalogue
from store.review_tables import audit, decisions, returns, review_findings
from store.tables import filings, runs, submissions

PAGE_SIZE = 50
QUEUE_STATES = ("open",)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """The queue's filters: severity, rule, section, review status, text, assignee, page (1-based)."""

    severity: str = ""
    rule: str = ""
    section: str = ""
    status: str = ""
    text: str = ""
    assignee: str = ""
    page: int = 1


@dataclass(frozen=True, slots=True)
class SubmissionRow:
    """One submission as the queue lists it."""

    id: str
    form: str
    cluster_name: str
    province: str
    city: str
    county: str
    verdict: str
    review_verdict: str
    review_status: str
    assignee: str
    open_errors: int
    open_warnings: int
    open_infos: int


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding of a submission as the pages show it."""

    finding_id: str
    submission_id: str
    filing_id: int
    rule: str
    title: str
    reason: str | None
    severity: str
    category: str
    section: str | None
    field: str | None
    year: str | None
    message: str
    value: object
    location: dict[str, object] | None
    related: list[str]
    state: str
    decision_version: int = 0
    decision_note: str = ""
    decided_by: str = ""


@dataclass(frozen=True, slots=True)
class Queue:
    """One page of the queue and how many submissions match in all."""

    rows: list[SubmissionRow]
    total: int
    page: int
    pages: int
    filters: QueueFilter = field(default_factory=QueueFilter)


def _submission_row(r: Row[Any]) -> SubmissionRow:
    return SubmissionRow(
        id=r.id,
        form=r.form,
        cluster_name=r.cluster_name or "",
        province=r.province or "",
        city=r.city or "",
        county=r.county or "",
        verdict=r.verdict,
        review_verdict=r.review_verdict or r.verdict,
        review_status=r.review_status or "open",
        assignee=r.assignee or "",
        open_errors=r.open_errors or 0,
        open_warnings=r.open_warnings or 0,
        open_infos=r.open_infos or 0,
    )


def _conditions(filters: QueueFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    finding = [review_findings.c.state == "open"]
    if filters.severity:
        finding.append(review_findings.c.severity == filters.severity)
    if filters.rule:
        finding.append(review_findings.c.rule == filters.rule)
    if filters.section:
        finding.append(review_findings.c.section == filters.section)
    if filters.severity or filters.rule or filters.section:
        having = select(review_findings.c.submission_id).where(and_(*finding)).distinct()
        conditions.append(submissions.c.id.in_(having))
    if filters.status:
        conditions.append(func.coalesce(submissions.c.review_status, "open") == filters.status)
    if filters.assignee:
        conditions.append(submissions.c.assignee == filters.assignee)
    if filters.text:
        pattern = f"%{filters.text.replace('%', '').replace('_', '')}%"
        named = [submissions.c.cluster_name, submissions.c.id, submissions.c.county, submissions.c.city]
        conditions.append(or_(*(column.like(pattern) for column in named)))
    return conditions


def queue(engine: Engine, filters: QueueFilter) -> Queue:
    """Given the filters, return one page of matching submissions: most open errors first."""
    conditions = _conditions(filters)
    order = (
        submissions.c.open_errors.desc(),
        submissions.c.open_warnings.desc(),
        submissions.c.cluster_name,
    )
    page = max(filters.page, 1)
    query = select(submissions).where(*conditions).order_by(*order)
    with engine.connect() as connection:
        total = connection.execute(
            select(func.count()).select_from(submissions).where(*conditions)
        ).scalar_one()
        rows = connection.execute(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return Queue([_submission_row(row) for row in rows], total, page, pages, filters)


def submission_row(connection: Connection, submission_id: str) -> SubmissionRow | None:
    """Given a submission id, return its queue row (None when unknown)."""
    row = connection.execute(select(submissions).where(submissions.c.id == submission_id)).first()
    return _submission_row(row) if row is not None else None


def _finding(r: Row[Any], decision: Row[Any] | None) -> FindingRow:
    return FindingRow(
        finding_id=r.finding_id,
        submission_id=r.submission_id,
        filing_id=r.filing_id,
        rule=r.rule,
        title=r.title,
        reason=r.reason,
        severity=r.severity,
        category=r.category,
        section=r.section,
        field=r.field,
        year=r.year,
        message=r.message,
        value=r.value,
        location=r.location,
        related=list(r.related or []),
        state=r.state,
        decision_version=decision.version if decision is not None else 0,
        decision_note=decision.note if decision is not None else "",
        decided_by=decision.by_user if decision is not None else "",
    )


def submission_findings(connection: Connection, submission_id: str) -> list[FindingRow]:
    """Given a submission id, return its findings in finding order, each with its current decision."""
    query = (
        select(review_findings, decisions.c.version, decisions.c.note, decisions.c.by_user)
        .outerjoin(decisions, decisions.c.finding_id == review_findings.c.finding_id)
        .where(review_findings.c.submission_id == submission_id)
        .order_by(review_findings.c.position)
    )
    return [_finding(row, row if row.version is not None else None) for row in connection.execute(query)]


def finding_row(connection: Connection, finding_id: str) -> FindingRow | None:
    """Given a finding id, return the finding with its current decision (None when it no longer stands)."""
    query = (
        select(review_findings, decisions.c.version, decisions.c.note, decisions.c.by_user)
        .outerjoin(decisions, decisions.c.finding_id == review_findings.c.finding_id)
        .where(review_findings.c.finding_id == finding_id)
    )
    row = connection.execute(query).first()
    return _finding(row, row if row.version is not None else None) if row is not None else None


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One audit row as a page shows it."""

    at: str
    by_user: str
    action: str
    finding_id: str | None
    field: str | None
    year: str | None
    old_value: object
    new_value: object
    reason: str


def audit_rows(connection: Connection, submission_id: str, finding_id: str | None = None) -> list[AuditRow]:
    """Given a submission (and one of its findings), return its audit rows, newest first."""
    query = select(audit).where(audit.c.submission_id == submission_id)
    if finding_id is not None:
        query = query.where(audit.c.finding_id == finding_id)
    return [
        AuditRow(
            row.at.strftime("%Y-%m-%d %H:%M:%S"),
            row.by_user,
            row.action,
            row.finding_id,
            row.field,
            row.year,
            row.old_value,
            row.new_value,
            row.reason,
        )
        for row in connection.execute(query.order_by(audit.c.id.desc()))
    ]


def earlier_decisions(connection: Connection, finding: FindingRow) -> list[AuditRow]:
    """Given a finding, return the decisions on the same item (rule, field, year, reason) of earlier
    versions of its submission: the history a new version's findings show."""
    query = select(decisions).where(
        decisions.c.submission_id == finding.submission_id,
        decisions.c.rule == finding.rule,
        decisions.c.field.is_not_distinct_from(finding.field),
        decisions.c.year.is_not_distinct_from(finding.year),
        decisions.c.reason.is_not_distinct_from(finding.reason),
        decisions.c.finding_id != finding.finding_id,
    )
    return [
        AuditRow(
            row.at.strftime("%Y-%m-%d %H:%M:%S"),
            row.by_user,
            row.action,
            row.finding_id,
            row.field,
            row.year,
            None,
            None,
            row.note,
        )
        for row in connection.execute(query.order_by(decisions.c.at.desc()))
    ]


def neighbours(findings: Sequence[FindingRow], finding_id: str) -> tuple[str | None, str | None]:
    """Given a submission's findings and one of them, return the previous and next finding ids."""
    ids = [f.finding_id for f in findings if f.category != "evidence"]
    if finding_id not in ids:
        return None, None
    at = ids.index(finding_id)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)


def next_open(findings: Sequence[FindingRow], after: str | None) -> str | None:
    """Given a submission's findings and the finding just decided, return the next open one (wrapping)."""
    queue_ids = [f.finding_id for f in findings if f.category != "evidence" and f.state == "open"]
    if not queue_ids:
        return None
    ordered = [f.finding_id for f in findings]
    start = ordered.index(after) if after in ordered else -1
    later = [fid for fid in ordered[start + 1 :] if fid in queue_ids]
    return later[0] if later else queue_ids[0]


def location_text(location: dict[str, object] | None) -> str:
    """Given a stored location, return where it points: 第3页 / 表3 第5行 第2列."""
    if not location:
        return ""
    parts: list[str] = []
    if isinstance(location.get("page"), int):
        parts.append(f"第{location['page']}页")
    table, row, col = location.get("table"), location.get("row"), location.get("col")
    if isinstance(table, int):
        row_no = row if isinstance(row, int) else 0
        col_no = col if isinstance(col, int) else 0
        parts.append(f"表{table + 1} 第{row_no + 1}行 第{col_no + 1}列")
    return " ".join(parts)


def notice_items(connection: Connection, submission_id: str) -> list[NoticeItem]:
    """Given a submission, return what its 退回 notice lists: the findings marked 退回, else every open
    error and warning."""
    findings = submission_findings(connection, submission_id)
    marked = [f for f in findings if f.state == "returned"]
    chosen = marked or [f for f in findings if f.state == "open" and f.severity in ("error", "warning")]
    specs = load_field_catalogue().by_id()
    return [
        NoticeItem(
            label=specs[f.field].shown_label("application") if f.field and f.field in specs else f.title,
            year=f.year,
            message=f.message,
            location=location_text(f.location),
        )
        for f in chosen
    ]


def return_rows(connection: Connection, submission_id: str) -> list[Row[Any]]:
    """Given a submission, return its 退回 rows, newest first."""
    query = select(returns).where(returns.c.submission_id == submission_id).order_by(returns.c.id.desc())
    return list(connection.execute(query))


def last_run(engine: Engine) -> Row[Any] | None:
    """Return the newest batch run row (None when the store has none)."""
    with engine.connect() as connection:
        return connection.execute(select(runs).order_by(runs.c.id.desc()).limit(1)).first()


def copy_rows(connection: Connection, submission_id: str) -> list[Row[Any]]:
    """Given a submission, return the filing rows of its copies as the last batch saw them."""
    last = select(submissions.c.last_run_id).where(submissions.c.id == submission_id).scalar_subquery()
    query = select(filings).where(filings.c.submission_id == submission_id, filings.c.last_run_id == last)
    return list(connection.execute(query.order_by(filings.c.id)))
