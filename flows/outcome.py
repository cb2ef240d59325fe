"""One inbox file after the batch read it: file facts, stored id, result, and whether it was reused."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from flows.discovery import InboxFile
from reports.model import FilingReport
from reports.verdict import QUARANTINED, verdict
from schema.finding_ids import with_finding_ids
from schema.record import ExceptionItem, Record
from schema.rules_catalog import Profile
from store.repository import CopyMembership, FileFacts, FilingResult
from validators.batch import Verifications, batch_findings, batch_verifications, verified_scans
from validators.submissions import Submission, group_submissions

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FilingOutcome:
    """One inbox file after intake; `filing_id` is set once the result is in the store."""

    item: InboxFile
    facts: FileFacts
    result: FilingResult
    reused: bool
    filing_id: int | None = None

    def stored_as(self, filing_id: int) -> FilingOutcome:
        """Given the store id of this filing, return the outcome carrying it."""
        return replace(self, filing_id=filing_id)


def recorded(outcomes: Sequence[FilingOutcome]) -> list[tuple[str, Record]]:
    """Given the outcomes of a run, return (name, record) of every file that was read."""
    return [(o.item.name, o.result.record) for o in outcomes if o.result.record is not None]


def outcomes_to_submissions(outcomes: Sequence[FilingOutcome]) -> list[Submission]:
    """Given the outcomes of a run, return the submissions their records make (primary copy first)."""
    return group_submissions(recorded(outcomes))


def memberships(submissions: Sequence[Submission]) -> dict[str, CopyMembership]:
    """Given the run's submissions, return every copy's membership by file name."""
    return {
        copy.name: CopyMembership(submission.id, copy.format)
        for submission in submissions
        for copy in submission.copies
    }


def submissions_to_verifications(submissions: Sequence[Submission]) -> Verifications:
    """Given the run's submissions, return every scan read against its electronic copy, by name.

    An internal error is logged and yields none: the scans are then reported as read."""
    try:
        return batch_verifications(submissions)
    except Exception:
        logger.exception("reading scans against their electronic copies failed; scans kept as read")
        return {}


def verified_outcomes(
    outcomes: Sequence[FilingOutcome],
    submissions: Sequence[Submission],
    verifications: Verifications,
    profile: Profile | None,
) -> list[FilingOutcome]:
    """Given the run's outcomes, submissions, scans' verifications and criteria, return the outcomes with
    every verified scan's record as verified (its own findings those of the verified record). The store
    keeps the machine reading: the batch and the review station verify it again against the current copy.
    An internal error is logged and leaves the scans as read."""
    try:
        records = verified_scans(submissions, verifications, profile)
    except Exception:
        logger.exception("applying the scans' verifications failed; scans kept as read")
        return list(outcomes)
    return [
        replace(o, result=replace(o.result, record=record, exceptions=tuple(record.exceptions)))
        if (record := records.get(o.item.name)) is not None
        else o
        for o in outcomes
    ]


def outcomes_to_batch_findings(
    outcomes: Sequence[FilingOutcome],
    submissions: Sequence[Submission],
    verifications: Verifications | None = None,
) -> dict[str, list[ExceptionItem]]:
    """Given the outcomes and submissions of a run (and its scans' verifications), return the batch
    rules' findings by file name, with stable ids (from each file's content hash).

    An internal error in the batch rules is logged and yields no findings: the filings, already stored,
    must still reach the reports.
    """
    try:
        found = batch_findings(submissions, verifications)
    except Exception:
        logger.exception("batch rules failed; the run's reports carry no batch findings")
        return {}
    hashes = {o.item.name: o.facts.sha256 for o in outcomes}
    return {name: with_finding_ids(items, hashes[name]) for name, items in found.items()}


def final_status(outcome: FilingOutcome, batch: Sequence[ExceptionItem]) -> str:
    """Given an outcome and its batch findings, return the filing's status for the store."""
    if outcome.result.record is None:
        return QUARANTINED
    return verdict([*outcome.result.exceptions, *batch])


def to_report(
    outcome: FilingOutcome,
    batch: Mapping[str, Sequence[ExceptionItem]],
    membership: CopyMembership | None,
) -> FilingReport:
    """Given an outcome, the run's batch findings and its submission, return what the reports show of it."""
    return FilingReport(
        name=outcome.item.name,
        record=outcome.result.record,
        exceptions=(*outcome.result.exceptions, *batch.get(outcome.item.name, ())),
        quarantine_reason=outcome.result.quarantine_reason,
        reused=outcome.reused,
        submission_id=membership.submission_id if membership else None,
        copy_format=membership.copy_format if membership else None,  # type: ignore[arg-type]
    )
