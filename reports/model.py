"""What the report writers are given: the filings of a run (one per input file) and their submissions.

A submission is the Word / PDF / scan copies of one filing (`validators.submissions`). Its findings are the
primary copy's, every copy's batch findings (versions, copies that disagree) and what only a scan shows
(its seals); the other copies' own readings repeat the primary's values and stay on the per-file sheets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.verdict import VERDICT_ZH, Verdict, verdict
from schema.catalog import load_field_catalogue
from schema.record import ExceptionItem, Record
from schema.rules_catalog import load_rule_catalogue
from validators.submissions import FORMAT_ZH, CopyFormat, copy_rank
from validators.values import text_at

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


def submissions_of(reports: Sequence[FilingReport]) -> list[SubmissionReport]:
    """Given a run's filings, return the submissions of the recorded ones in the order first seen, each with
    its primary copy first (`validators.submissions.copy_rank`). A recorded filing the batch gave no
    submission (read on its own) is a submission by itself."""
    grouped: dict[str, list[FilingReport]] = {}
    for report in reports:
        if report.record is not None:
            grouped.setdefault(report.submission_id or f"file:{report.name}", []).append(report)
    return [
        SubmissionReport(
            copies[0].submission_id or "",
            tuple(sorted(copies, key=lambda c: copy_rank(c.copy_format or "docx", c.name))),
        )
        for copies in grouped.values()
    ]
