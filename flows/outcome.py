"""One inbox file after the batch read it, and what the run keeps of it once it is stored.

A record held as a model takes about 0.5 MB; a batch of thousands of filings must not hold them all while
it reads. Once a filing is stored, the run keeps a `KeptFiling`: its name, store id, and its record
pickled and compressed (about 10 KB), unpacked only when a step needs it (`KeptReports` unpacks one
report at a time).

The batch rules (`validators.batch`) compare whole records only between the copies of one submission,
and count a province's submissions by their primary copies' forms and regions. So a kept filing also
carries its `CopyFacts` (cluster key, name keys, format, form, region): the run groups its files into
submissions by these alone (`kept_to_plans`), then unpacks one submission's records at a time
(`check_submission`); memory after reading does not grow with the number of filings
(`tests/flows/test_flow_memory.py`).
"""

from __future__ import annotations

import logging
import pickle
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from flows.discovery import InboxFile
from reports.model import FilingReport, ReportFacts
from reports.verdict import QUARANTINED, verdict
from schema.finding_ids import with_finding_ids
from schema.record import ExceptionItem, Record
from schema.rules_catalog import Profile
from store.repository import CopyMembership, FileFacts, FilingResult
from validators.batch import (
    Findings,
    Verifications,
    batch_findings,
    batch_verifications,
    quota_findings,
    verified_scans,
)
from validators.submissions import (
    CopyFacts,
    Submission,
    SubmissionPlan,
    copy_facts,
    plan_submissions,
    planned_submission,
)

logger = logging.getLogger(__name__)

PACK_LEVEL = 1


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


def pack(record: Record) -> bytes:
    """Given a record, return it pickled and compressed."""
    return zlib.compress(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL), PACK_LEVEL)


def unpack(packed: bytes) -> Record:
    """Given a packed record (made by `pack` in this run), return the record."""
    record = pickle.loads(zlib.decompress(packed))
    if not isinstance(record, Record):
        raise TypeError("a packed record did not unpack to a Record")
    return record


@dataclass(frozen=True, slots=True)
class KeptFiling:
    """What the run keeps of a stored filing: name, ids, form (None: quarantined), the findings of a
    quarantined file, and the record packed with what groups it into its submission (a reused record is
    packed only when the run needs it: see `flows.steps.with_record`)."""

    item: InboxFile
    filing_id: int
    reused: bool
    form: str | None
    sha256: str
    quarantine_reason: str | None = None
    quarantine_findings: tuple[ExceptionItem, ...] = ()
    packed: bytes | None = None
    facts: CopyFacts | None = None

    @property
    def name(self) -> str:
        """The filing's printable inbox-relative name (what reports show, what batch findings key)."""
        return self.item.shown

    @property
    def quarantined(self) -> bool:
        return self.form is None

    def record(self) -> Record | None:
        """Return the filing's record, unpacked (None when quarantined)."""
        if self.form is None:
            return None
        if self.packed is None:
            raise ValueError(f"the record of {self.name} was not loaded")
        return unpack(self.packed)


def kept(outcome: FilingOutcome) -> KeptFiling:
    """Given a stored outcome, return what the run keeps of it."""
    record = outcome.result.record
    if outcome.filing_id is None:
        raise ValueError("only a stored outcome is kept")
    sha256 = outcome.facts.sha256
    if record is None:
        reason = outcome.result.quarantine_reason
        return KeptFiling(
            outcome.item, outcome.filing_id, outcome.reused, None, sha256, reason, outcome.result.exceptions
        )
    return loaded(KeptFiling(outcome.item, outcome.filing_id, outcome.reused, record.form, sha256), record)


def loaded(filing: KeptFiling, record: Record) -> KeptFiling:
    """Given a kept filing whose record was not packed yet and that record, return it packed."""
    return replace(filing, packed=pack(record), facts=copy_facts(filing.name, record))


def kept_to_plans(filings: Sequence[KeptFiling]) -> list[SubmissionPlan]:
    """Given the run's kept filings, return the submissions of the recorded ones, by their facts alone."""
    return plan_submissions([filing.facts for filing in filings if filing.facts is not None])


def plans_to_quota_findings(plans: Sequence[SubmissionPlan]) -> Findings:
    """Given the run's submissions as planned, return the quota findings by file name (no ids yet).

    An internal error is logged and yields none."""
    try:
        return quota_findings(plans)
    except Exception:
        logger.exception("the quota rule failed; the run's reports carry no quota findings")
        return {}


@dataclass(frozen=True, slots=True)
class CheckedSubmission:
    """One submission after the batch rules: its copies as kept (a verified scan's record as verified),
    their records (primary first) and every copy's batch findings with stable ids."""

    filings: tuple[KeptFiling, ...]
    records: tuple[Record, ...]
    found: dict[str, list[ExceptionItem]]

    def copies(self) -> Iterator[tuple[KeptFiling, Record]]:
        """Return (kept filing, record) of every copy, primary first."""
        return zip(self.filings, self.records, strict=True)


def check_submission(
    plan: SubmissionPlan, filings: Sequence[KeptFiling], quota: Findings, profile: Profile | None
) -> CheckedSubmission:
    """Given a submission's plan, the kept filings of its copies (same order), the run's quota findings
    and its criteria, return the submission checked: its scans read against its electronic copy, its
    batch findings. Only this submission's records are unpacked."""
    records = {filing.name: record for filing in filings if (record := filing.record()) is not None}
    submission = planned_submission(plan, records)
    verifications = submissions_to_verifications([submission])
    found = kept_to_batch_findings(filings, [submission], verifications, quota)
    verified = verified_records([submission], verifications, profile)
    kept_filings = tuple(
        loaded(filing, record) if (record := verified.get(filing.name)) is not None else filing
        for filing in filings
    )
    kept_records = tuple(verified.get(name, record) for name, record in records.items())
    return CheckedSubmission(kept_filings, kept_records, found)


def memberships(plans: Sequence[SubmissionPlan]) -> dict[str, CopyMembership]:
    """Given submissions as planned, return every copy's membership by file name."""
    return {copy.name: CopyMembership(plan.id, copy.format) for plan in plans for copy in plan.copies}


def submissions_to_verifications(submissions: Sequence[Submission]) -> Verifications:
    """Given the run's submissions, return every scan read against its electronic copy, by name.

    An internal error is logged and yields none: the scans are then reported as read."""
    try:
        return batch_verifications(submissions)
    except Exception:
        logger.exception("reading scans against their electronic copies failed; scans kept as read")
        return {}


def verified_records(
    submissions: Sequence[Submission], verifications: Verifications, profile: Profile | None
) -> dict[str, Record]:
    """Given submissions, their scans' verifications and the run's criteria, return every verified scan's
    record as verified (its own findings those of the verified record), by name. The store keeps the
    machine reading: the batch and the review station verify it again against the current copy. An
    internal error is logged and leaves the scans as read."""
    try:
        return verified_scans(submissions, verifications, profile)
    except Exception:
        logger.exception("applying the scans' verifications failed; scans kept as read")
        return {}


def kept_to_batch_findings(
    filings: Sequence[KeptFiling],
    submissions: Sequence[Submission],
    verifications: Verifications | None = None,
    quota: Findings | None = None,
) -> dict[str, list[ExceptionItem]]:
    """Given the kept filings of some submissions and those submissions (and their scans'
    verifications, and the run's quota findings), return the batch rules' findings by file name, with
    stable ids (from each file's content hash).

    An internal error in the batch rules is logged and yields no findings: the filings, already stored,
    must still reach the reports.
    """
    try:
        found = batch_findings(submissions, verifications, quota)
    except Exception:
        logger.exception("batch rules failed; the run's reports carry no batch findings")
        return {}
    hashes = {filing.name: filing.sha256 for filing in filings}
    return {name: with_finding_ids(items, hashes[name]) for name, items in found.items()}


def final_status(filing: KeptFiling, own: Sequence[ExceptionItem], batch: Sequence[ExceptionItem]) -> str:
    """Given a kept filing, its own findings and its batch findings, return its status for the store."""
    if filing.quarantined:
        return QUARANTINED
    return verdict([*own, *batch])


def to_report(
    filing: KeptFiling,
    batch: Mapping[str, Sequence[ExceptionItem]],
    membership: CopyMembership | None,
    record: Record | None = None,
) -> FilingReport:
    """Given a kept filing, the run's batch findings and its submission (and its record when already
    unpacked), return what the reports show."""
    record = filing.record() if record is None else record
    own = tuple(record.exceptions) if record is not None else filing.quarantine_findings
    return FilingReport(
        name=filing.name,
        record=record,
        exceptions=(*own, *batch.get(filing.name, ())),
        quarantine_reason=filing.quarantine_reason,
        reused=filing.reused,
        submission_id=membership.submission_id if membership else None,
        copy_format=membership.copy_format if membership else None,  # type: ignore[arg-type]
    )


class KeptReports(Sequence[FilingReport]):
    """The run's filings as report rows, each record unpacked only while it is looked at."""

    def __init__(
        self,
        filings: Sequence[KeptFiling],
        batch: Mapping[str, Sequence[ExceptionItem]],
        members: Mapping[str, CopyMembership],
    ) -> None:
        self._filings = filings
        self._batch = batch
        self._members = members

    def __len__(self) -> int:
        return len(self._filings)

    def __getitem__(self, index: int) -> FilingReport:  # type: ignore[override]
        filing = self._filings[index]
        return to_report(filing, self._batch, self._members.get(filing.name))

    def __iter__(self) -> Iterator[FilingReport]:
        for filing in self._filings:
            yield to_report(filing, self._batch, self._members.get(filing.name))

    def report_facts(self) -> list[ReportFacts]:
        """Return every filing's facts (name, submission, recorded, kind of copy) in run order, no record
        unpacked (`reports.model.FactsSource`)."""
        facts = []
        for filing in self._filings:
            membership = self._members.get(filing.name)
            submission_id = membership.submission_id if membership else None
            copy_format = membership.copy_format if membership else None
            facts.append(ReportFacts(filing.name, submission_id, not filing.quarantined, copy_format))  # type: ignore[arg-type]
        return facts
