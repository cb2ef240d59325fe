"""One pass over a run's filings that hands each submission, then each quarantined file, to every writer.

Every report of a run (records.xlsx, records.csv, exceptions.xlsx, values.parquet, the summary) is made
from the same submissions in the same order. Looking at a submission unpacks its copies' records, which
costs more than most writers' own work, so the run's reports are written by one pass feeding all of
them (`feed`); each writer on its own is the same pass with one sink.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reports.model import FilingReport, SubmissionReport, submissions_of


class SubmissionSink(Protocol):
    """A writer fed one submission at a time (with its copies' positions in the run), then each
    quarantined file (with its position)."""

    def add_submission(self, positions: Sequence[int], submission: SubmissionReport) -> None: ...

    def add_quarantined(self, position: int, report: FilingReport) -> None: ...


def feed(reports: Sequence[FilingReport], sinks: Sequence[SubmissionSink]) -> None:
    """Given the run's filings and the writers, hand every submission (each looked at once), then every
    quarantined file, to each writer in turn."""
    submissions = submissions_of(reports)
    for positions, submission in submissions.indexed():
        for sink in sinks:
            sink.add_submission(positions, submission)
    for position, report in submissions.quarantined():
        for sink in sinks:
            sink.add_quarantined(position, report)
