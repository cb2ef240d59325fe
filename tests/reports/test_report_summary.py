"""The run summary counts every file exactly once, and summary.md shows the counts and the lists."""

from __future__ import annotations

from reports.model import FilingReport
from reports.summary import summarize, summary_lines, summary_markdown
from schema.exceptions import build_exception


def test_found_equals_recorded_plus_quarantined_plus_skipped(known_report: FilingReport) -> None:
    reason = "文件为空 / the file is empty"
    bad = FilingReport(
        "empty.docx", None, (build_exception("file_unreadable", params={"reason": reason}),), reason
    )
    reused = FilingReport("again.docx", known_report.record, (), reused=True)
    summary = summarize([known_report, bad, reused], ["~$lock.docx", ".DS_Store"], 12.34)
    assert (summary.found, summary.recorded, summary.quarantined, summary.skipped) == (5, 2, 1, 2)
    assert summary.reused == 1
    assert summary.balanced
    assert summary.errors == sum(1 for i in known_report.exceptions if i.severity == "error") + 1
    assert (summary.passed, summary.needs_review, summary.failed) == (1, 0, 1)
    assert summary.quarantined_files == (("empty.docx", reason),)


def test_markdown_and_console_lines(known_report: FilingReport) -> None:
    summary = summarize([known_report], ["~$lock.docx"], 3.0)
    lines = summary_lines(summary)
    assert lines[0].startswith("找到文件 2 个：已读取 1（沿用已入库 0），已隔离 0，已跳过 1")
    assert lines[0].endswith("✓")
    text = summary_markdown(summary, "/in", "/out")
    assert "| 找到文件 | 2 |" in text
    assert "| 已跳过 | 1 |" in text
    assert "- `~$lock.docx`" in text
    assert "用时 3.0 秒" in text
