"""One inbox file after the batch read it: file facts, stored id, result, and whether it was reused."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from flows.discovery import InboxFile
from reports.model import FilingReport
from reports.verdict import QUARANTINED, verdict
from schema.record import ExceptionItem, Record
from store.repository import FileFacts, FilingResult
from validators.batch import batch_exceptions

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


def outcomes_to_batch_findings(outcomes: Sequence[FilingOutcome]) -> dict[str, list[ExceptionItem]]:
    """Given the outcomes of a run, return the batch rules' findings by file name.

    An internal error in the batch rules is logged and yields no findings: the filings, already stored,
    must still reach the reports.
    """
    try:
        return batch_exceptions(recorded(outcomes))
    except Exception:
        logger.exception("batch rules failed; the run's reports carry no batch findings")
        return {}


def final_status(outcome: FilingOutcome, batch: Sequence[ExceptionItem]) -> str:
    """Given an outcome and its batch findings, return the filing's status for the store."""
    if outcome.result.record is None:
        return QUARANTINED
    return verdict([*outcome.result.exceptions, *batch])


def to_report(outcome: FilingOutcome, batch: Mapping[str, Sequence[ExceptionItem]]) -> FilingReport:
    """Given an outcome and the run's batch findings, return what the report writers show of it."""
    return FilingReport(
        name=outcome.item.name,
        record=outcome.result.record,
        exceptions=(*outcome.result.exceptions, *batch.get(outcome.item.name, ())),
        quarantine_reason=outcome.result.quarantine_reason,
        reused=outcome.reused,
    )
