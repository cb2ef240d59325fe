"""The run summary: counts that prove every input file is accounted for, as Markdown and as console lines.

found = recorded + quarantined + skipped, always; `reused` counts the recorded files whose stored result
was used instead of extracting them again. Verdicts are counted per submission (the Word / PDF / scan copies
of one filing); findings are the queue's (each submission's and each quarantined file's), and the 佐证材料
checklist is counted on its own: it is no finding to resolve.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reports.model import FilingReport, SubmissionReport
from reports.passes import feed
from reports.verdict import is_checklist, severity_counts

CHECKLIST_TITLE = "佐证材料核对清单（逐项见 exceptions.xlsx“佐证材料清单”；不是异常，不影响结论）"


@dataclass(frozen=True, slots=True)
class RunSummary:
    """The counts of one run, plus the names of the files that were quarantined or skipped."""

    found: int
    recorded: int
    reused: int
    quarantined: int
    skipped: int
    errors: int
    warnings: int
    infos: int
    passed: int
    needs_review: int
    failed: int
    seconds: float
    submissions: int = 0
    checklist: int = 0
    checklist_by_submission: tuple[tuple[str, int], ...] = ()
    quarantined_files: tuple[tuple[str, str], ...] = ()
    skipped_files: tuple[str, ...] = ()

    @property
    def balanced(self) -> bool:
        """Return whether every file found was recorded, quarantined or skipped."""
        return self.found == self.recorded + self.quarantined + self.skipped


class SummaryCounts:
    """The run summary's counts while the submissions pass: a `reports.passes.SubmissionSink`."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.checklist: list[tuple[str, int]] = []
        self.recorded = self.reused = self.submissions = 0
        self.quarantined: list[tuple[str, str]] = []

    def add_submission(self, positions: Sequence[int], submission: SubmissionReport) -> None:
        """Given a submission, count its findings, verdict, copies and checklist items."""
        self.counts.update(severity_counts(submission.exceptions))
        self.verdicts[submission.verdict] += 1
        self.submissions += 1
        self.recorded += len(submission.copies)
        self.reused += sum(1 for copy in submission.copies if copy.reused)
        primary = submission.primary
        if n := sum(1 for item in primary.exceptions if is_checklist(item)):
            self.checklist.append((f"{primary.cluster_name or primary.name}（{submission.id}）", n))

    def add_quarantined(self, position: int, report: FilingReport) -> None:
        """Given a quarantined file, count its findings and keep its reason."""
        self.counts.update(severity_counts(report.exceptions))
        self.quarantined.append((report.name, report.quarantine_reason or ""))

    def summary(self, filings: int, skipped: Sequence[str], seconds: float) -> RunSummary:
        """Given the number of the run's filings, the skipped names and the elapsed time, return the
        summary of what was counted."""
        return RunSummary(
            found=filings + len(skipped),
            recorded=self.recorded,
            reused=self.reused,
            quarantined=len(self.quarantined),
            skipped=len(skipped),
            errors=self.counts["error"],
            warnings=self.counts["warning"],
            infos=self.counts["info"],
            passed=self.verdicts["passed"],
            needs_review=self.verdicts["needs_review"],
            failed=self.verdicts["failed"],
            seconds=seconds,
            submissions=self.submissions,
            checklist=sum(count for _, count in self.checklist),
            checklist_by_submission=tuple(self.checklist),
            quarantined_files=tuple(self.quarantined),
            skipped_files=tuple(skipped),
        )


def summarize(reports: Sequence[FilingReport], skipped: Sequence[str], seconds: float) -> RunSummary:
    """Given the run's filings, the skipped names and the elapsed time, return the run's summary (counted in
    one pass over the submissions, one at a time, then over the quarantined files)."""
    counts = SummaryCounts()
    feed(reports, [counts])
    return counts.summary(len(reports), skipped, seconds)


def summary_lines(summary: RunSummary) -> list[str]:
    """Given a summary, return its console lines (Chinese, the numbers an operator checks)."""
    check = "✓" if summary.balanced else "✗ 不一致"
    return [
        f"找到文件 {summary.found} 个：已读取 {summary.recorded}（沿用已入库 {summary.reused}），"
        f"已隔离 {summary.quarantined}，已跳过 {summary.skipped}  {check}",
        f"申报 {summary.submissions} 份（同一申报的 Word、PDF、扫描件算一份）："
        f"通过 {summary.passed}，需复核 {summary.needs_review}，不合格 {summary.failed}",
        f"待处理异常：错误 {summary.errors} 条，警告 {summary.warnings} 条，提示 {summary.infos} 条",
        f"佐证材料核对清单：{summary.checklist} 项（见 exceptions.xlsx“佐证材料清单”，不计入结论）",
        f"用时 {summary.seconds:.1f} 秒",
    ]


def _listing(title: str, lines: Sequence[str]) -> list[str]:
    return [f"## {title}", "", *(lines or ["（无）"]), ""]


def summary_markdown(summary: RunSummary, inbox: str, out: str) -> str:
    """Given a summary and the run's folders, return summary.md."""
    counts = [
        "| 项目 | 数量 |",
        "|---|---:|",
        *(f"| {label} | {value} |" for label, value in _count_rows(summary)),
    ]
    quarantined = [f"- `{name}`：{reason}" for name, reason in summary.quarantined_files]
    skipped = [f"- `{name}`" for name in summary.skipped_files]
    checklist = [f"- {name}：{count} 项" for name, count in summary.checklist_by_submission]
    return "\n".join(
        [
            "# 批量读取汇总 / batch summary",
            "",
            f"- 输入文件夹：`{inbox}`",
            f"- 输出文件夹：`{out}`",
            "",
            *(f"- {line}" for line in summary_lines(summary)),
            "",
            *counts,
            "",
            *_listing("已隔离文件（见 quarantine/）", quarantined),
            *_listing("已跳过文件（锁定文件、隐藏文件等）", skipped),
            *_listing(
                "佐证材料核对清单（逐项见 exceptions.xlsx“佐证材料清单”；不是异常，不影响结论）", checklist
            ),
        ]
    )


def _count_rows(summary: RunSummary) -> list[tuple[str, int | str]]:
    return [
        ("找到文件", summary.found),
        ("已读取", summary.recorded),
        ("其中沿用已入库结果", summary.reused),
        ("已隔离", summary.quarantined),
        ("已跳过", summary.skipped),
        ("申报（份）", summary.submissions),
        ("通过", summary.passed),
        ("需复核", summary.needs_review),
        ("不合格", summary.failed),
        ("错误", summary.errors),
        ("警告", summary.warnings),
        ("提示", summary.infos),
        ("佐证材料核对项", summary.checklist),
        ("用时（秒）", f"{summary.seconds:.1f}"),
    ]
