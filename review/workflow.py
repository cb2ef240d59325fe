"""What happens to a whole submission: assigned to an operator, 退回 to its district, 审结 (closed).

An operator asks for 退回 (with a message for the district) or for 审结; a supervisor signs either off. A
supervisor may also do both at once. Signing a 退回 writes the notice for the district (a Word document)
into the store. Each step is one transaction with its audit row; a review status names the primary copy it
concerns, so a new version from the district reopens it (see `review.refresh`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update

from review.actions import ConflictError, NotFoundError, append_audit
from review.notice import NoticeFacts, notice_docx
from review.queries import notice_items
from review.refresh import refresh_submission
from store.repository import now
from store.review_tables import returns
from store.tables import submissions

OPERATOR, SUPERVISOR = "operator", "supervisor"
ROLES = (OPERATOR, SUPERVISOR)
OPEN, RETURN_ASKED, RETURNED, CLOSE_ASKED, CLOSED = (
    "open",
    "return_asked",
    "returned",
    "close_asked",
    "closed",
)
FORM_TITLES = {"application": "中小企业特色产业集群申报表", "review": "中小企业特色产业集群复核申报表"}
STATUS_ZH = {
    OPEN: "审核中",
    RETURN_ASKED: "退回待签批",
    RETURNED: "已退回",
    CLOSE_ASKED: "审结待签批",
    CLOSED: "已审结",
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a user name and role."""

    name: str
    role: str

    @property
    def supervisor(self) -> bool:
        return self.role == SUPERVISOR


def _submission(connection: Connection, submission_id: str) -> tuple[str, int | None]:
    row = connection.execute(select(submissions).where(submissions.c.id == submission_id)).first()
    if row is None:
        raise NotFoundError(f"没有编号为 {submission_id} 的申报。")
    return row.review_status or OPEN, row.primary_filing_id


def _move(connection: Connection, submission_id: str, before: str, after: str, filing_id: int | None) -> None:
    """Move a submission from one review status to another, refusing when someone moved it first."""
    current = submissions.c.review_status
    was = (current == before) | (current.is_(None)) if before == OPEN else current == before
    moved = connection.execute(
        update(submissions)
        .where(submissions.c.id == submission_id, was)
        .values(review_status=after, reviewed_filing_id=filing_id)
    )
    if moved.rowcount != 1:
        raise ConflictError("该申报的状态刚被其他用户修改，请刷新后重试。")


def assign(engine: Engine, submission_id: str, assignee: str | None, actor: Actor) -> None:
    """Given a submission and an operator's name (None: nobody), assign it (supervisors only)."""
    if not actor.supervisor:
        raise PermissionError("只有审核负责人可以分配申报。")
    with engine.begin() as connection:
        _submission(connection, submission_id)
        old = connection.execute(
            select(submissions.c.assignee).where(submissions.c.id == submission_id)
        ).scalar()
        connection.execute(
            update(submissions).where(submissions.c.id == submission_id).values(assignee=assignee)
        )
        append_audit(
            connection, actor.name, "assigned", submission_id=submission_id, old_value=old, new_value=assignee
        )


def ask_return(engine: Engine, submission_id: str, message: str, actor: Actor) -> int:
    """Given a submission, the message for its district and who asks, record the 退回 (signed at once when
    a supervisor asks); return the id of the 退回 row."""
    if not message.strip():
        raise ValueError("退回须填写给报送单位的说明。")
    with engine.begin() as connection:
        status, filing_id = _submission(connection, submission_id)
        if status not in (OPEN, CLOSE_ASKED):
            raise ConflictError("该申报已退回或已审结，不能再次退回。")
        row = insert(returns).values(
            submission_id=submission_id,
            filing_id=filing_id,
            message=message.strip(),
            asked_by=actor.name,
            asked_at=now(),
        )
        return_id = int(connection.execute(row).inserted_primary_key[0])  # type: ignore[index]
        _move(connection, submission_id, status, RETURN_ASKED, filing_id)
        append_audit(
            connection,
            actor.name,
            "return_asked",
            message.strip(),
            submission_id=submission_id,
            filing_id=filing_id,
        )
    if actor.supervisor:
        sign_return(engine, submission_id, actor)
    refresh_submission(engine, submission_id)
    return return_id


def sign_return(engine: Engine, submission_id: str, actor: Actor) -> None:
    """Given a submission whose 退回 was asked for, sign it off (supervisors only) and write the notice."""
    if not actor.supervisor:
        raise PermissionError("只有审核负责人可以签批退回。")
    with engine.begin() as connection:
        status, filing_id = _submission(connection, submission_id)
        if status != RETURN_ASKED:
            raise ConflictError("该申报没有待签批的退回。")
        asked = connection.execute(
            select(returns)
            .where(returns.c.submission_id == submission_id)
            .order_by(returns.c.id.desc())
            .limit(1)
        ).one()
        about = connection.execute(select(submissions).where(submissions.c.id == submission_id)).one()
        facts = NoticeFacts(
            submission_id=submission_id,
            message=asked.message,
            asked_by=asked.asked_by,
            signed_by=actor.name,
            date=now().date(),
            cluster_name=about.cluster_name or "",
            form_title=FORM_TITLES.get(about.form, ""),
            district=f"{about.county or about.city or ''}中小企业主管部门",
        )
        document = notice_docx(facts, notice_items(connection, submission_id))
        connection.execute(
            update(returns)
            .where(returns.c.id == asked.id)
            .values(signed_by=actor.name, signed_at=now(), notice=document)
        )
        _move(connection, submission_id, RETURN_ASKED, RETURNED, filing_id)
        append_audit(
            connection,
            actor.name,
            "returned",
            asked.message,
            submission_id=submission_id,
            filing_id=filing_id,
        )


def ask_close(engine: Engine, submission_id: str, note: str, actor: Actor) -> None:
    """Given a submission, a note and who asks, ask for 审结 (closed at once when a supervisor asks)."""
    with engine.begin() as connection:
        status, filing_id = _submission(connection, submission_id)
        if status != OPEN:
            raise ConflictError("只有审核中的申报可以审结。")
        after = CLOSED if actor.supervisor else CLOSE_ASKED
        _move(connection, submission_id, status, after, filing_id)
        append_audit(
            connection, actor.name, after, note.strip(), submission_id=submission_id, filing_id=filing_id
        )


def sign_close(engine: Engine, submission_id: str, actor: Actor) -> None:
    """Given a submission whose 审结 was asked for, sign it off (supervisors only)."""
    if not actor.supervisor:
        raise PermissionError("只有审核负责人可以签批审结。")
    with engine.begin() as connection:
        status, filing_id = _submission(connection, submission_id)
        if status != CLOSE_ASKED:
            raise ConflictError("该申报没有待签批的审结。")
        _move(connection, submission_id, status, CLOSED, filing_id)
        append_audit(connection, actor.name, CLOSED, submission_id=submission_id, filing_id=filing_id)


def reopen(engine: Engine, submission_id: str, note: str, actor: Actor) -> None:
    """Given a submission asked for, returned or closed, reopen it (supervisors only)."""
    if not actor.supervisor:
        raise PermissionError("只有审核负责人可以重新打开申报。")
    with engine.begin() as connection:
        status, _ = _submission(connection, submission_id)
        if status == OPEN:
            return
        _move(connection, submission_id, status, OPEN, None)
        append_audit(
            connection, actor.name, "reopened", note.strip(), submission_id=submission_id, old_value=status
        )
    refresh_submission(engine, submission_id)
