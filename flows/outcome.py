"""One inbox file after the batch read it, and what the run keeps of it once it is stored.

A record held as a model takes about 0.5 MB; a batch of thousands of filings must not hold them all. Once
a filing is stored, the run keeps a `KeptFiling`: its name, store id, findings count, and its record
pickled and compressed (about 10 KB), unpacked only while a report row is written (`KeptReports`, one
at a time) or the batch rules need it.

The batch rules (`validators.batch`) look at a filing's cluster name, region and medium, and compare
whole records only between the paper and the electronic copy of one cluster. So they are given the whole
record of a filing whose cluster has filings of both media, or that has no name (its key is then a hash
of its content), and of every other filing only its name and region fields (`batch_view`); what they find
is the same (`tests/flows/test_flow_memory.py` checks it).
"""

from __future__ import annotations

import logging
import pickle
import zlib
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from flows.discovery import InboxFile
from reports.model import FilingReport
from reports.verdict import QUARANTINED, verdict
from schema.record import ExceptionItem, Record
from store.repository import FileFacts, FilingResult
from validators.batch import NAME_FIELDS, REGION, batch_exceptions, cluster_key, is_scan

logger = logging.getLogger(__name__)

PACK_LEVEL = 1
BATCH_FIELDS = (*NAME_FIELDS, REGION)


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
    the run needs it: `with_records`)."""

    item: InboxFile
    filing_id: int
    reused: bool
    form: str | None
    quarantine_reason: str | None = None
    quarantine_findings: tuple[ExceptionItem, ...] = ()
    packed: bytes | None = None
    cluster: str | None = None
    scan: bool = False

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
            raise ValueError(f"the record of {self.name} was not loaded (with_records)")
        return unpack(self.packed)


def kept(outcome: FilingOutcome) -> KeptFiling:
    """Given a stored outcome, return what the run keeps of it."""
    record = outcome.result.record
    if outcome.filing_id is None:
        raise ValueError("only a stored outcome is kept")
    if record is None:
        return KeptFiling(
            outcome.item,
            outcome.filing_id,
            outcome.reused,
            None,
            outcome.result.quarantine_reason,
            outcome.result.exceptions,
        )
    return loaded(KeptFiling(outcome.item, outcome.filing_id, outcome.reused, record.form), record)


def loaded(filing: KeptFiling, record: Record) -> KeptFiling:
    """Given a kept filing whose record was not packed yet and that record, return it packed."""
    return replace(filing, packed=pack(record), cluster=cluster_key(record), scan=is_scan(record))


def slim(record: Record) -> Record:
    """Given a record, return it with only the fields the batch rules read of a lone filing."""
    fields = {field_id: record.fields[field_id] for field_id in BATCH_FIELDS if field_id in record.fields}
    return record.model_copy(update={"fields": fields, "exceptions": []})


def batch_view(filings: Sequence[KeptFiling]) -> list[tuple[str, Record]]:
    """Given the run's kept filings, return (name, record) of every recorded one as the batch rules need
    it: whole when its cluster has filings of both media or it has no name, else slim."""
    media: dict[str, set[bool]] = defaultdict(set)
    for filing in filings:
        media[filing.cluster or ""].add(filing.scan)
    view: list[tuple[str, Record]] = []
    for filing in filings:
        record = filing.record()
        if record is None:
            continue
        cluster = filing.cluster or ""
        whole = len(media[cluster]) > 1 or not cluster.startswith(f"{record.form}:")
        view.append((filing.name, record if whole else slim(record)))
    return view


def kept_to_batch_findings(filings: Sequence[KeptFiling]) -> dict[str, list[ExceptionItem]]:
    """Given the run's kept filings, return the batch rules' findings by file name.

    An internal error in the batch rules is logged and yields no findings: the filings, already stored,
    must still reach the reports.
    """
    try:
        return batch_exceptions(batch_view(filings))
    except Exception:
        logger.exception("batch rules failed; the run's reports carry no batch findings")
        return {}


def final_status(filing: KeptFiling, own: Sequence[ExceptionItem], batch: Sequence[ExceptionItem]) -> str:
    """Given a kept filing, its own findings and its batch findings, return its status for the store."""
    if filing.quarantined:
        return QUARANTINED
    return verdict([*own, *batch])


def to_report(filing: KeptFiling, batch: Mapping[str, Sequence[ExceptionItem]]) -> FilingReport:
    """Given a kept filing and the run's batch findings, return what the report writers show of it."""
    record = filing.record()
    own = tuple(record.exceptions) if record is not None else filing.quarantine_findings
    return FilingReport(
        name=filing.name,
        record=record,
        exceptions=(*own, *batch.get(filing.name, ())),
        quarantine_reason=filing.quarantine_reason,
        reused=filing.reused,
    )


class KeptReports(Sequence[FilingReport]):
    """The run's filings as report rows, each record unpacked only while it is looked at."""

    def __init__(self, filings: Sequence[KeptFiling], batch: Mapping[str, Sequence[ExceptionItem]]) -> None:
        self._filings = filings
        self._batch = batch

    def __len__(self) -> int:
        return len(self._filings)

    def __getitem__(self, index: int) -> FilingReport:  # type: ignore[override]
        return to_report(self._filings[index], self._batch)

    def __iter__(self) -> Iterator[FilingReport]:
        for filing in self._filings:
            yield to_report(filing, self._batch)
