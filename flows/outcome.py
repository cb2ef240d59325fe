"""One inbox file after the batch read it, and what the run keeps of it once it is stored.

A record held as a model takes about 0.5 MB; a batch of thousands of filings must not hold them all while
it reads. Once a filing is stored, the run keeps a `KeptFiling`: its name, store id, and its record
pickled and compressed (about 10 KB), unpacked only when a step needs it (`KeptReports` unpacks one
report at a time; `KeptRecords` one record at a time).

The batch rules (`validators.batch`) group the files into submissions by cluster key and compare whole
records only between the copies of one submission; of a submission's only copy they read its name,
region and format. So they are given the whole record of a filing whose cluster key is shared or is a
hash of its content (no name), and of every other filing only its name and region fields and one field
that tells its format (`batch_view`); what they find is the same (`tests/flows/test_flow_memory.py`).
"""

from __future__ import annotations

import logging
import pickle
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from flows.discovery import InboxFile
from reports.model import FilingReport
from reports.verdict import QUARANTINED, verdict
from schema.finding_ids import with_finding_ids
from schema.record import ExceptionItem, Record
from schema.rules_catalog import Profile
from store.repository import CopyMembership, FileFacts, FilingResult
from validators.batch import (
    REGION,
    Verifications,
    batch_findings,
    batch_verifications,
    verified_scans,
)
from validators.submissions import NAME_FIELDS, Submission, cluster_key, group_submissions

logger = logging.getLogger(__name__)

PACK_LEVEL = 1
BATCH_FIELDS = (*NAME_FIELDS, REGION)
CONTENT_KEY = "content:"


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
    quarantined file, and the record packed with its cluster key (a reused record is packed only when
    the run needs it: see `flows.steps.with_record`)."""

    item: InboxFile
    filing_id: int
    reused: bool
    form: str | None
    sha256: str
    quarantine_reason: str | None = None
    quarantine_findings: tuple[ExceptionItem, ...] = ()
    packed: bytes | None = None
    cluster: str | None = None

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
    return replace(filing, packed=pack(record), cluster=cluster_key(record))


def slim(record: Record) -> Record:
    """Given a record, return it with only what the batch rules read of a submission's only copy: its
    name and region fields, and the first field read from the file (its provenance tells the format)."""
    kept_ids = [field_id for field_id in BATCH_FIELDS if field_id in record.fields]
    kept_ids += next(([f] for f, entry in record.fields.items() if entry.provenance is not None), [])
    fields = {field_id: record.fields[field_id] for field_id in kept_ids}
    return record.model_copy(update={"fields": fields, "exceptions": []})


def batch_view(filings: Sequence[KeptFiling]) -> list[tuple[str, Record]]:
    """Given the run's kept filings, return (name, record) of every recorded one as the batch rules need
    it: whole when its cluster key is shared or is a hash of its content, else slim."""
    shared = Counter(f.cluster for f in filings if f.cluster is not None)
    view: list[tuple[str, Record]] = []
    for filing in filings:
        record = filing.record()
        if record is None:
            continue
        cluster = filing.cluster or CONTENT_KEY
        whole = shared[cluster] > 1 or cluster.startswith(CONTENT_KEY)
        view.append((filing.name, record if whole else slim(record)))
    return view


def kept_to_submissions(filings: Sequence[KeptFiling]) -> list[Submission]:
    """Given the run's kept filings, return the submissions they make (as the batch rules see them)."""
    return group_submissions(batch_view(filings))


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


def verified_filings(
    filings: Sequence[KeptFiling],
    submissions: Sequence[Submission],
    verifications: Verifications,
    profile: Profile | None,
) -> list[KeptFiling]:
    """Given the run's kept filings, submissions, scans' verifications and criteria, return the filings
    with every verified scan's record as verified (its own findings those of the verified record). The
    store keeps the machine reading: the batch and the review station verify it again against the
    current copy. An internal error is logged and leaves the scans as read."""
    try:
        records = verified_scans(submissions, verifications, profile)
    except Exception:
        logger.exception("applying the scans' verifications failed; scans kept as read")
        return list(filings)
    return [loaded(f, record) if (record := records.get(f.name)) is not None else f for f in filings]


def kept_to_batch_findings(
    filings: Sequence[KeptFiling],
    submissions: Sequence[Submission],
    verifications: Verifications | None = None,
) -> dict[str, list[ExceptionItem]]:
    """Given the kept filings and submissions of a run (and its scans' verifications), return the batch
    rules' findings by file name, with stable ids (from each file's content hash).

    An internal error in the batch rules is logged and yields no findings: the filings, already stored,
    must still reach the reports.
    """
    try:
        found = batch_findings(submissions, verifications)
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
) -> FilingReport:
    """Given a kept filing, the run's batch findings and its submission, return what the reports show."""
    record = filing.record()
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


class KeptRecords(Mapping[int, Record]):
    """The run's records by filing id, each unpacked only when it is looked up."""

    def __init__(self, filings: Sequence[KeptFiling]) -> None:
        self._filings = {filing.filing_id: filing for filing in filings if not filing.quarantined}

    def __getitem__(self, filing_id: int) -> Record:
        record = self._filings[filing_id].record()
        if record is None:
            raise KeyError(filing_id)
        return record

    def __iter__(self) -> Iterator[int]:
        return iter(self._filings)

    def __len__(self) -> int:
        return len(self._filings)
