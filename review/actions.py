"""What an operator does to a finding: accept it, correct a cell, mark it to be returned (退回).

Every action is one short transaction that names the version of the decision (or correction) the operator
saw: when someone else saved first, the action is refused with a conflict and nothing is overwritten. Each
action appends one audit row (who, when, which finding, action, old → new, reason); then the submission's
findings are rebuilt, so a correction's dependent findings appear or disappear and the verdict follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import JsonValue
from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from review.copies import load_submission
from review.effective import SINGLE
from review.refresh import corrected_primary, refresh_submission
from review.values import CorrectionInput, parse_correction
from schema.catalog import load_field_catalogue
from store.repository import now
from store.review_tables import audit, corrections, decisions, review_findings

ACCEPTED, CORRECTED, RETURNED = "accepted", "corrected", "returned"
FINDING_ACTIONS = frozenset({ACCEPTED, RETURNED})


class ConflictError(RuntimeError):
    """Raised when what an operator saw was changed by someone else before the save (message in Chinese)."""


class NotFoundError(LookupError):
    """Raised when a finding, submission or cell named by a request does not exist."""


@dataclass(frozen=True, slots=True)
class FindingRef:
    """A finding of the review as stored: which submission and filing, and what it is about."""

    finding_id: str
    submission_id: str
    filing_id: int
    rule: str
    field: str | None
    year: str | None
    reason: str | None


def finding_ref(connection: Connection, finding_id: str) -> FindingRef:
    """Given a finding id, return the finding as the review stores it (NotFoundError when none)."""
    row = connection.execute(
        select(review_findings).where(review_findings.c.finding_id == finding_id)
    ).first()
    if row is None:
        raise NotFoundError(f"没有编号为 {finding_id} 的异常（可能已因更正而消失）。")
    return FindingRef(
        row.finding_id, row.submission_id, row.filing_id, row.rule, row.field, row.year, row.reason
    )


def append_audit(connection: Connection, user: str, action: str, reason: str = "", **facts: object) -> None:
    """Given a connection, the user, the action, its reason and what it concerns, append one audit row.

    This is the only write to the audit table; nothing updates or deletes its rows."""
    connection.execute(insert(audit).values(at=now(), by_user=user, action=action, reason=reason, **facts))


def _save_decision(
    connection: Connection, ref: FindingRef, action: str, note: str, user: str, seen: int
) -> str:
    """Given a finding, an action and the decision version the user saw, write the decision; return the
    previous action ("open" when none). ConflictError when the version moved on."""
    current = connection.execute(select(decisions).where(decisions.c.finding_id == ref.finding_id)).first()
    version = current.version if current is not None else 0
    if version != seen:
        who = f"{current.by_user}（{current.action}）" if current is not None else "其他用户"
        raise ConflictError(f"该异常已被{who}处理，您的修改未保存。请刷新后重试。")
    values = {"action": action, "note": note, "by_user": user, "at": now(), "version": version + 1}
    if current is None:
        facts = {"submission_id": ref.submission_id, "filing_id": ref.filing_id, "rule": ref.rule}
        where = {"field": ref.field, "year": ref.year, "reason": ref.reason}
        connection.execute(insert(decisions).values(finding_id=ref.finding_id, **facts, **where, **values))
        return "open"
    moved = connection.execute(
        update(decisions)
        .where(decisions.c.finding_id == ref.finding_id, decisions.c.version == version)
        .values(values)
    )
    if moved.rowcount != 1:
        raise ConflictError("该异常刚被其他用户处理，您的修改未保存。请刷新后重试。")
    return str(current.action)


def decide(engine: Engine, finding_id: str, action: str, note: str, user: str, seen_version: int) -> None:
    """Given a finding, accepted or returned, a reason, the user and the decision version they saw, save
    the decision with its audit row and rebuild the submission's findings."""
    if action not in FINDING_ACTIONS:
        raise ValueError(f"unknown action {action!r}; one of {sorted(FINDING_ACTIONS)}")
    if action == ACCEPTED and not note.strip():
        raise ValueError("接受异常须填写理由。")
    try:
        with engine.begin() as connection:
            ref = finding_ref(connection, finding_id)
            before = _save_decision(connection, ref, action, note.strip(), user, seen_version)
            append_audit(
                connection,
                user,
                action,
                note.strip(),
                submission_id=ref.submission_id,
                filing_id=ref.filing_id,
                finding_id=ref.finding_id,
                field=ref.field,
                year=ref.year,
                old_value=before,
                new_value=action,
            )
    except IntegrityError as error:  # two first decisions at once: the second loses the insert
        raise ConflictError("该异常刚被其他用户处理，您的修改未保存。请刷新后重试。") from error
    refresh_submission(engine, ref.submission_id)


@dataclass(frozen=True, slots=True)
class CellRef:
    """One cell of a submission's primary copy that an operator corrects."""

    submission_id: str
    field: str
    year: str | None


def cell_value(connection: Connection, engine: Engine, cell: CellRef) -> tuple[int, JsonValue, int]:
    """Given a cell, return the primary filing's id, the cell's current value (corrected or read) and the
    version of its correction (0 when never corrected)."""
    state = load_submission(engine, cell.submission_id)
    if state is None:
        raise NotFoundError(f"没有编号为 {cell.submission_id} 的申报。")
    record = corrected_primary(connection, state)
    entry = record.fields.get(cell.field)
    if entry is None:
        raise NotFoundError(f"该申报表没有栏目 {cell.field}。")
    value = entry.value.get(cell.year) if cell.year and isinstance(entry.value, dict) else entry.value
    row = connection.execute(
        select(corrections.c.version).where(
            corrections.c.filing_id == state.primary.filing_id,
            corrections.c.field_id == cell.field,
            corrections.c.year == (cell.year or SINGLE),
        )
    ).first()
    return state.primary.filing_id, value, row.version if row is not None else 0


def _save_correction(
    connection: Connection, filing_id: int, cell: CellRef, values: dict[str, object], seen: int
) -> None:
    key = (
        corrections.c.filing_id == filing_id,
        corrections.c.field_id == cell.field,
        corrections.c.year == (cell.year or SINGLE),
    )
    if seen == 0:
        connection.execute(
            insert(corrections).values(
                filing_id=filing_id, field_id=cell.field, year=cell.year or SINGLE, version=1, **values
            )
        )
        return
    moved = connection.execute(
        update(corrections).where(*key, corrections.c.version == seen).values(version=seen + 1, **values)
    )
    if moved.rowcount != 1:
        raise ConflictError("该栏目刚被其他用户更正，您的修改未保存。请刷新后重试。")


def correct(
    engine: Engine,
    cell: CellRef,
    given: CorrectionInput,
    note: str,
    user: str,
    seen_version: int,
    finding: tuple[str, int] | None = None,
) -> None:
    """Given a cell, the operator's input, a reason, the user and the correction version they saw (and the
    finding it answers, with its decision version), parse the value with the field's normaliser (a
    CorrectionError refuses it), save it with its audit row and rebuild the submission's findings."""
    spec = load_field_catalogue().field(cell.field)
    parsed = parse_correction(spec, given)
    try:
        with engine.begin() as connection:
            filing_id, before, version = cell_value(connection, engine, cell)
            if version != seen_version:
                raise ConflictError("该栏目已被其他用户更正，您的修改未保存。请刷新后重试。")
            values: dict[str, object] = {"value": parsed.value, "status": parsed.status}
            values |= {"text": parsed.raw or "", "by_user": user, "at": now()}
            _save_correction(connection, filing_id, cell, values, seen_version)
            finding_id = _answer(connection, finding, note, user)
            append_audit(
                connection,
                user,
                CORRECTED,
                note.strip(),
                submission_id=cell.submission_id,
                filing_id=filing_id,
                finding_id=finding_id,
                field=cell.field,
                year=cell.year,
                old_value=before,
                new_value=parsed.value,
            )
    except IntegrityError as error:
        raise ConflictError("该栏目刚被其他用户更正，您的修改未保存。请刷新后重试。") from error
    refresh_submission(engine, cell.submission_id)


def _answer(connection: Connection, finding: tuple[str, int] | None, note: str, user: str) -> str | None:
    """Given the finding a correction answers (id, decision version seen), mark it corrected."""
    if finding is None:
        return None
    ref = finding_ref(connection, finding[0])
    _save_decision(connection, ref, CORRECTED, note.strip(), user, finding[1])
    return ref.finding_id
