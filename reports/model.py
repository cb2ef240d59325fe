"""What the report writers are given: the filings of a run (one per input file) and their submissions.

A submission is the Word / PDF / scan copies of one filing (`validators.submissions`). Its findings are the
primary copy's, every copy's batch findings (versions, copies that disagree) and what only a scan shows
(its seals); the other copies' own readings repeat the primary's values and stay on the per-file sheets.

A run's filings may keep their records packed (`flows.outcome.KeptReports`, which unpacks a record each
time a report is looked at). So the filings are grouped into submissions by what is known of each without
its record (`ReportFacts`), and a submission is built — its copies' records unpacked — only when it is
looked at (`RunSubmissions`): a writer holds one submission at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, overload, runtime_checkable

from reports.verdict import VERDICT_ZH, verdict
from schema.catalog import load_field_catalogue
from schema.record import ExceptionItem, Record, Verdict, text_at
from schema.rules_catalog import load_rule_catalogue
from validators.submissions import FORMAT_ZH, CopyFormat, copy_rank

NAME_FIELDS = ("cover.cluster_name", "basic.cluster_name")


@dataclass(frozen=True, slots=True)
class FilingReport:
    """One input file of a run: inbox-relative name, record (None if quarantined), all its findings."""

    name: str
    record: Record | None
    exceptions: tuple[ExceptionItem, ...]
    quarantine_reason: str | None = None
    reused: bool = False
    submission_id: str | None = None
    copy_format: CopyFormat | None = None

    @property
    def quarantined(self) -> bool:
        return self.record is None

    @property
    def cluster_name(self) -> str:
        """Return the cluster name written on the form (cover first), or "" when there is none."""
        if self.record is None:
            return ""
        names = (text_at(self.record.fields.get(field_id)) for field_id in NAME_FIELDS)
        return next((name for name in names if name), "")

    @property
    def copy_label(self) -> str:
        """Return the kind of copy in Chinese (Word / PDF / 扫描件), "" for a quarantined file."""
        return FORMAT_ZH.get(self.copy_format or "", "")


@dataclass(frozen=True, slots=True)
class SubmissionReport:
    """The copies of one filing in a run; `copies[0]` is the primary copy (its values are the filing's)."""

    id: str
    copies: tuple[FilingReport, ...]

    @property
    def primary(self) -> FilingReport:
        return self.copies[0]

    @property
    def exceptions(self) -> tuple[ExceptionItem, ...]:
        """Return the submission's findings: the primary copy's, and of the other copies their batch
        findings and the findings on scan-only fields (seals)."""
        others = [item for copy in self.copies[1:] for item in copy.exceptions if _concerns_submission(item)]
        return (*self.primary.exceptions, *others)

    @property
    def verdict(self) -> Verdict:
        return verdict(self.exceptions)

    @property
    def copies_text(self) -> str:
        """Return which copies were seen, with each copy's own verdict: `Word（通过）、扫描件（需复核）`."""
        return "、".join(f"{c.copy_label}（{VERDICT_ZH[verdict(c.exceptions)]}）" for c in self.copies)


def _concerns_submission(item: ExceptionItem) -> bool:
    """Whether a finding of a secondary copy belongs to its submission: a batch finding, or one about a
    field only a scan shows (seals)."""
    if load_rule_catalogue().rule(item.rule).category == "batch":
        return True
    spec = load_field_catalogue().by_id().get(item.field or "")
    return spec is not None and spec.scan_only


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What grouping reads of a filing, known without its record: its name, its submission (None: the
    batch gave it none), whether it was recorded (not quarantined) and its kind of copy."""

    name: str
    submission_id: str | None
    recorded: bool
    copy_format: CopyFormat | None = None

    @property
    def group(self) -> str:
        """Return the key of the submission it belongs to (a filing without one is one by itself)."""
        return self.submission_id or f"file:{self.name}"

    @property
    def rank(self) -> tuple[int, str]:
        """Return its rank among its submission's copies, primary first (`copy_rank`)."""
        return copy_rank(self.copy_format or "docx", self.name)


@runtime_checkable
class FactsSource(Protocol):
    """A run's filings that tell each one's `ReportFacts` without unpacking its record, in run order."""

    def report_facts(self) -> Sequence[ReportFacts]: ...


def facts_of(report: FilingReport) -> ReportFacts:
    """Given a filing's report, return its facts."""
    return ReportFacts(report.name, report.submission_id, report.record is not None, report.copy_format)


def run_facts(reports: Sequence[FilingReport]) -> Sequence[ReportFacts]:
    """Given the run's filings, return their facts in run order (asked of a `FactsSource`, which unpacks
    nothing; else read from each report)."""
    if isinstance(reports, FactsSource):
        return reports.report_facts()
    return [facts_of(report) for report in reports]


class RunSubmissions(Sequence[SubmissionReport]):
    """The submissions of a run's recorded filings in the order first seen, grouped by their facts; a
    submission is built (its copies looked up, so unpacked) each time it is looked at."""

    def __init__(self, reports: Sequence[FilingReport], facts: Sequence[ReportFacts]) -> None:
        groups: dict[str, list[int]] = {}
        for index, fact in enumerate(facts):
            if fact.recorded:
                groups.setdefault(fact.group, []).append(index)
        self._reports = reports
        self._facts = facts
        self._ids = tuple(facts[group[0]].submission_id or "" for group in groups.values())
        self.positions: tuple[tuple[int, ...], ...] = tuple(
            tuple(sorted(group, key=lambda index: facts[index].rank)) for group in groups.values()
        )
        """Every submission's copies as positions in the run, primary first."""

    @property
    def ids(self) -> tuple[str, ...]:
        """The submissions' ids, in order (nothing unpacked)."""
        return self._ids

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, index: int) -> SubmissionReport: ...

    @overload
    def __getitem__(self, index: slice) -> list[SubmissionReport]: ...

    def __getitem__(self, index: int | slice) -> SubmissionReport | list[SubmissionReport]:
        if isinstance(index, slice):
            return [self._submission(i) for i in range(len(self))[index]]
        return self._submission(range(len(self))[index])

    def __iter__(self) -> Iterator[SubmissionReport]:
        return (self._submission(index) for index in range(len(self)))

    def _submission(self, index: int) -> SubmissionReport:
        return SubmissionReport(self._ids[index], tuple(self._reports[i] for i in self.positions[index]))

    def indexed(self) -> Iterator[tuple[tuple[int, ...], SubmissionReport]]:
        """Yield every submission with its copies' positions in the run (in the order of its copies)."""
        return ((self.positions[index], self._submission(index)) for index in range(len(self)))

    def quarantined(self) -> Iterator[tuple[int, FilingReport]]:
        """Yield every quarantined filing with its position in the run, in run order (no record unpacked)."""
        return ((i, self._reports[i]) for i, fact in enumerate(self._facts) if not fact.recorded)


def submissions_of(reports: Sequence[FilingReport]) -> RunSubmissions:
    """Given a run's filings, return the submissions of the recorded ones in the order first seen, each with
    its primary copy first (`validators.submissions.copy_rank`). A recorded filing the batch gave no
    submission (read on its own) is a submission by itself. They are grouped by the filings' facts
    (`run_facts`); a submission's copies are looked up only when it is looked at."""
    return RunSubmissions(reports, run_facts(reports))
