"""Stage `submission_to_findings`: the findings of one submission as they now stand, written to the store.

A submission's findings are its primary copy's (validated again with the current corrections), every copy's
batch findings (versions read from the machine readings; differences from the primary copy read from its
corrected values, so a correction that makes the copies agree resolves them), the recommendation quota,
and what only a scan shows (its seals). Each finding's state is its current decision, else open; the
submission's open counts and verdict follow. A submission whose returned or closed review concerned an
older version of its primary copy is reopened: the district sent a new version.

`refresh_submission` is run after every batch (for each submission it saw) and after every decision. It
rebuilds from the store in one short transaction and writes only if nobody refreshed in between
(`submissions.review_version`), else it starts again: a decision is never lost to a concurrent batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, insert, select, update

from reports.verdict import queue_items, severity_counts, verdict
from review.copies import SubmissionState, load_corrections, load_submission
from review.effective import reviewed
from schema.catalog import load_field_catalogue
from schema.finding_ids import with_finding_ids
from schema.record import ExceptionItem, Record
from schema.rules_catalog import load_rule_catalogue
from store.repository import now
from store.review_tables import audit, decisions, review_findings
from store.tables import submissions
from validators.batch import copy_findings, submission_verifications, verified_scans, version_findings
from validators.submissions import FilingCopy, Submission

logger = logging.getLogger(__name__)

OPEN = "open"
REOPENED_STATUSES = frozenset({"return_asked", "returned", "close_asked", "closed"})
QUOTA_RULE = "province_quota_exceeded"
ATTEMPTS = 5
SYSTEM_USER = "系统"


@dataclass(frozen=True, slots=True)
class OwnedFinding:
    """A finding of a submission with the filing it was made on."""

    filing_id: int
    item: ExceptionItem


def _as_submission(state: SubmissionState, primary: Record | None = None) -> Submission:
    """Given a submission (and its corrected primary record), return it as the batch rules see it."""
    copies = [FilingCopy(c.name, c.record, c.copy_format) for c in state.copies]
    if primary is not None:
        copies[0] = FilingCopy(copies[0].name, primary, copies[0].format)
    return Submission(state.id, state.id, tuple(copies))


def copies_as_read(state: SubmissionState, primary: Record) -> dict[int, Record]:
    """Given a submission and its corrected primary record, return every copy's record as the station
    shows it, by filing id: the primary corrected, each scan read against it (`validators.verification`:
    its verified cells, its flags as they stand), any other copy as read."""
    submission = _as_submission(state, primary)
    checked = submission_verifications(submission)
    verified = verified_scans([submission], checked, state.profile, state.run_date)
    return {
        copy.filing_id: primary if copy is state.primary else verified.get(copy.name, copy.record)
        for copy in state.copies
    }


def _batch_findings(state: SubmissionState, primary: Record) -> dict[str, list[ExceptionItem]]:
    """Given a submission and its corrected primary record, return every copy's batch findings by name:
    versions from the machine readings, differences from the corrected primary, the quota as stored."""
    found: dict[str, list[ExceptionItem]] = {copy.name: [] for copy in state.copies}
    machine = Submission(
        state.id, state.id, tuple(FilingCopy(c.name, c.record, c.copy_format) for c in state.copies)
    )
    for partial in (version_findings(machine), copy_findings(_as_submission(state, primary))):
        for name, items in partial.items():
            found[name].extend(items)
    for copy in state.copies:
        found[copy.name].extend(item for item in copy.batch if item.rule == QUOTA_RULE)
    return found


def _scan_only(items: Iterable[ExceptionItem]) -> list[ExceptionItem]:
    specs = load_field_catalogue().by_id()
    return [item for item in items if (spec := specs.get(item.field or "")) is not None and spec.scan_only]


def submission_findings(state: SubmissionState, primary: Record) -> list[OwnedFinding]:
    """Given a submission and its corrected primary record, return its findings with their owners."""
    batch = _batch_findings(state, primary)
    owned = [OwnedFinding(state.primary.filing_id, item) for item in primary.exceptions]
    for copy in state.copies:
        own_batch = with_finding_ids(batch[copy.name], copy.sha256)
        owned.extend(OwnedFinding(copy.filing_id, item) for item in own_batch)
        if copy is not state.primary:
            owned.extend(OwnedFinding(copy.filing_id, item) for item in _scan_only(copy.record.exceptions))
    return owned


def corrected_primary(connection: Connection, state: SubmissionState) -> Record:
    """Given a submission, return its primary record with the current corrections, validated again."""
    primary = state.primary
    record = primary.record
    items = with_finding_ids(record.exceptions, primary.sha256)
    machine = record.model_copy(update={"sha256": primary.sha256, "exceptions": items})
    return reviewed(machine, load_corrections(connection, primary.filing_id), state.profile, state.run_date)


def _states(connection: Connection, owned: Sequence[OwnedFinding]) -> dict[str, str]:
    ids = [o.item.id for o in owned if o.item.id]
    if not ids:
        return {}
    query = select(decisions.c.finding_id, decisions.c.action).where(decisions.c.finding_id.in_(ids))
    return {row.finding_id: row.action for row in connection.execute(query)}


Row = dict[str, object]


def _rows(state: SubmissionState, owned: Sequence[OwnedFinding], states: dict[str, str]) -> list[Row]:
    rules = load_rule_catalogue()
    specs = load_field_catalogue().by_id()
    rows: list[Row] = []
    for position, entry in enumerate(owned):
        item, spec = entry.item, specs.get(entry.item.field or "")
        rule = rules.rule(item.rule)
        rows.append(
            {
                "submission_id": state.id,
                "filing_id": entry.filing_id,
                "position": position,
                "finding_id": item.id,
                "rule": item.rule,
                "title": rule.title,
                "reason": item.reason,
                "severity": item.severity,
                "category": rule.category,
                "section": spec.section if spec else None,
                "field": item.field,
                "year": item.year,
                "message": item.message,
                "value": item.value,
                "location": _location(item),
                "related": list(item.related),
                "state": states.get(item.id or "", OPEN),
            }
        )
    return rows


def _location(item: ExceptionItem) -> object:
    return item.location.model_dump(mode="json", exclude_none=True) if item.location else None


def _unique(owned: Sequence[OwnedFinding]) -> list[OwnedFinding]:
    seen: set[str] = set()
    kept = []
    for entry in owned:
        if entry.item.id and entry.item.id not in seen:
            seen.add(entry.item.id)
            kept.append(entry)
    return kept


def _review_status(connection: Connection, state: SubmissionState) -> str:
    """Given a submission, return its review status: a returned or closed review of an older primary
    copy reopens it (with an audit row)."""
    status = state.review_status
    if status in REOPENED_STATUSES and state.reviewed_filing_id not in (None, state.primary.filing_id):
        connection.execute(
            insert(audit).values(
                at=now(),
                by_user=SYSTEM_USER,
                action="reopened",
                submission_id=state.id,
                filing_id=state.primary.filing_id,
                old_value=status,
                new_value=OPEN,
                reason="报送单位提交了新版本",
            )
        )
        return OPEN
    return status


def _write(connection: Connection, state: SubmissionState, owned: Sequence[OwnedFinding]) -> bool:
    """Given a submission and its findings, replace its review rows and counts; return False when another
    refresh wrote in between (nothing is written then)."""
    states = _states(connection, owned)
    rows = _rows(state, owned, states)
    open_items = [o.item for o in owned if states.get(o.item.id or "", OPEN) == OPEN]
    counts = severity_counts(open_items)
    status = _review_status(connection, state)
    values: Row = {
        "open_errors": counts["error"],
        "open_warnings": counts["warning"],
        "open_infos": counts["info"],
        "review_verdict": verdict(queue_items(open_items)),
        "review_status": status,
        "review_version": state.version + 1,
        "primary_filing_id": state.primary.filing_id,
    }
    if status == OPEN:
        values["reviewed_filing_id"] = None
    guard = update(submissions).where(submissions.c.id == state.id)
    guard = guard.where(
        submissions.c.review_version.is_(None)
        if state.version == 0
        else submissions.c.review_version == state.version
    )
    if connection.execute(guard.values(values)).rowcount != 1:
        return False
    connection.execute(delete(review_findings).where(review_findings.c.submission_id == state.id))
    if rows:
        connection.execute(insert(review_findings), rows)
    return True


def refresh_submission(engine: Engine, submission_id: str, known: Mapping[int, Record] | None = None) -> bool:
    """Given a submission id (and the records of its copies when in memory, by filing id), rebuild its
    review findings, open counts and verdict; return whether it exists. Retried when a concurrent refresh
    wrote first."""
    for _ in range(ATTEMPTS):
        state = load_submission(engine, submission_id, known)
        if state is None:
            return False
        with engine.begin() as connection:
            owned = _unique(submission_findings(state, corrected_primary(connection, state)))
            if _write(connection, state, owned):
                return True
    logger.warning("submission %s kept changing while refreshed; left as it was", submission_id)
    return True
