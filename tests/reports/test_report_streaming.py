"""The writers read a run of packed records (issue #21): grouped into submissions without unpacking any, each
record unpacked once per writer (and once for all of a run's reports), values.parquet the same file in row groups, and memory while writing that
does not grow with the number of filings."""

from __future__ import annotations

import pickle
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook, load_workbook

from flows import steps
from flows.arguments import RunOptions
from flows.context import run_context
from flows.discovery import Inventory
from reports import parquet
from reports.corrections import CORRECTED_FILL
from reports.exceptions_report import write_exceptions_xlsx
from reports.frames import values_frame
from reports.model import FactsSource, FilingReport, ReportFacts, facts_of, submissions_of
from reports.parquet import write_parquet, write_values_parquet
from reports.records_table import write_records_csv, write_records_xlsx
from reports.sheets import Mark, TableSpool
from reports.summary import summarize
from schema.exceptions import build_exception
from schema.record import Record
from validators.submissions import CopyFormat

Writer = Callable[[Path, Sequence[FilingReport]], None]


class PackedReports(Sequence[FilingReport]):
    """A run's reports with their records pickled, like `flows.outcome.KeptReports`: a record is unpacked
    each time its report is looked at; unpacking one twice raises (reset with `unpacked.clear()`)."""

    def __init__(self, reports: Sequence[FilingReport]) -> None:
        self._facts = [facts_of(report) for report in reports]
        self._packed = [(report, pickle.dumps(report.record)) for report in reports]
        self.unpacked: set[int] = set()

    def report_facts(self) -> list[ReportFacts]:
        return list(self._facts)

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, index: int) -> FilingReport:  # type: ignore[override]
        report, packed = self._packed[index]
        if report.record is None:
            return report
        if index in self.unpacked:
            raise AssertionError(f"the record of {report.name} was unpacked twice")
        self.unpacked.add(index)
        record = pickle.loads(packed)
        assert isinstance(record, Record)
        return FilingReport(
            report.name, record, report.exceptions, report.quarantine_reason, report.reused,
            report.submission_id, report.copy_format,
        )  # fmt: skip

    def __iter__(self) -> Iterator[FilingReport]:
        return (self[index] for index in range(len(self)))


def quarantined(name: str) -> FilingReport:
    reason = "文件为空 / the file is empty"
    return FilingReport(name, None, (build_exception("file_unreadable", params={"reason": reason}),), reason)


def run_of(record: Record, count: int) -> list[FilingReport]:
    """`count` filings of the known record: one submission of three copies, lone filings, quarantined files."""
    copies: list[tuple[str, CopyFormat]] = [("s.tif", "scan"), ("s.pdf", "pdf"), ("s.docx", "docx")]
    run = [FilingReport(name, record, (), submission_id="S1", copy_format=kind) for name, kind in copies]
    for index in range(count - len(run)):
        lone = FilingReport(f"{index:04d}.docx", record, tuple(record.exceptions), reused=index % 2 == 0)
        run.append(quarantined(f"{index:04d}-bad.docx") if index % 5 == 4 else lone)
    return run


def test_grouping_unpacks_nothing_and_keeps_the_order(known_report: FilingReport) -> None:
    assert known_report.record is not None
    run = run_of(known_report.record, 12)
    packed = PackedReports(run)
    assert isinstance(packed, FactsSource) and not isinstance(run, FactsSource)
    submissions = submissions_of(packed)
    assert len(submissions) == 1 + 8 and not packed.unpacked  # S1 and the lone filings, none unpacked
    assert submissions.ids[0] == "S1" and submissions.ids[1:] == ("",) * 8
    assert [report.name for _, report in submissions.quarantined()] == ["0004-bad.docx"]
    assert not packed.unpacked
    first = submissions[0]
    assert [copy.name for copy in first.copies] == ["s.docx", "s.pdf", "s.tif"]  # primary first
    assert packed.unpacked == {0, 1, 2}  # only its copies
    packed.unpacked.clear()
    expected = [(s.id, [c.name for c in s.copies]) for s in submissions_of(run)]
    assert [(s.id, [c.name for c in s.copies]) for s in submissions] == expected
    assert submissions.positions[0] == (2, 1, 0)


@pytest.mark.parametrize(
    "writer",
    [
        write_records_xlsx,
        write_records_csv,
        write_exceptions_xlsx,
        write_values_parquet,
        lambda _, reports: summarize(reports, [], 0.0),
    ],
    ids=["records.xlsx", "records.csv", "exceptions.xlsx", "values.parquet", "summary"],
)
def test_every_writer_unpacks_each_record_once(
    tmp_path: Path, known_report: FilingReport, writer: Writer
) -> None:
    assert known_report.record is not None
    packed = PackedReports(run_of(known_report.record, 12))
    writer(tmp_path / "out", packed)  # a second unpacking of a record raises
    recorded = {i for i, fact in enumerate(packed.report_facts()) if fact.recorded}
    assert packed.unpacked == recorded


def test_the_files_of_a_packed_run_are_those_of_the_reports(
    tmp_path: Path, known_report: FilingReport
) -> None:
    assert known_report.record is not None
    run = run_of(known_report.record, 9)
    write_records_xlsx(tmp_path / "plain.xlsx", run)
    write_records_xlsx(tmp_path / "packed.xlsx", PackedReports(run))
    plain, packed = load_workbook(tmp_path / "plain.xlsx"), load_workbook(tmp_path / "packed.xlsx")
    for name in plain.sheetnames:
        assert list(plain[name].values) == list(packed[name].values), name
    files = [row[0] for row in plain["文件明细"].iter_rows(min_row=2, values_only=True)]
    assert files == [r.name for r in run if r.record is not None]  # run order, not submission order
    write_exceptions_xlsx(tmp_path / "exceptions.xlsx", PackedReports(run))
    listed = load_workbook(tmp_path / "exceptions.xlsx")["文件汇总"]
    assert [row[0] for row in listed.iter_rows(min_row=2, values_only=True)] == [r.name for r in run]


def test_values_parquet_in_row_groups_is_the_frames_file(
    tmp_path: Path, known_report: FilingReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert known_report.record is not None
    run = run_of(known_report.record, 12)
    write_parquet(tmp_path / "whole.parquet", values_frame(run))
    monkeypatch.setattr(parquet, "BATCH_SUBMISSIONS", 3)
    write_values_parquet(tmp_path / "streamed.parquet", PackedReports(run))
    whole, streamed = pq.read_table(tmp_path / "whole.parquet"), pq.read_table(tmp_path / "streamed.parquet")
    assert streamed.schema.equals(whole.schema, check_metadata=True)
    assert pq.ParquetFile(tmp_path / "streamed.parquet").num_row_groups == 3  # 9 submissions, 3 a group
    pd.testing.assert_frame_equal(streamed.to_pandas(), whole.to_pandas())
    write_values_parquet(tmp_path / "empty.parquet", [])
    empty = pq.read_table(tmp_path / "empty.parquet")
    assert empty.schema.equals(pq.read_table(tmp_path / "whole.parquet").schema, check_metadata=True)
    pd.testing.assert_frame_equal(empty.to_pandas(), values_frame([]))


def test_a_spooled_table_keeps_places_marks_and_text(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    spool = TableSpool(("名称", "数量"), freeze="B2")
    spool.add(["=1+1", 2], order=2)
    spool.add(["第一行很长很长", None], [Mark(0, CORRECTED_FILL, "备注")], order=1)
    with pytest.raises(ValueError, match="place"):
        spool.add(["x", 3])
    spool.write(book, "表")
    book.save(tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx")["表"]
    assert list(sheet.values) == [("名称", "数量"), ("第一行很长很长", None), ("=1+1", 2)]
    assert sheet["A3"].data_type == "s" and sheet["A2"].comment.text == "备注"  # never a formula
    assert sheet["A2"].fill.start_color.rgb == "FFE0F2F1" and sheet["A1"].font.b
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("B2", "A1:B3")
    assert sheet.column_dimensions["A"].width == 16 and sheet.column_dimensions["B"].width == 8


def peak_while(write: Callable[[], object]) -> int:
    """The peak of memory allocated while `write` runs, above what was allocated before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        write()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_memory_of_writing_does_not_grow_with_the_filings(
    tmp_path: Path, known_report: FilingReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing every report of 16 filings may take at most 1 MB more at its peak than of 4 (values.parquet
    two submissions a row group, as it would be 50 of thousands). The old writers held every record
    unpacked (about 0.5 MB a filing) and every row of the workbooks: each of them grew by 5 to 12 MB from 4
    to 16 filings. What may still grow is small: the filings' facts, the places of the file rows."""
    assert known_report.record is not None
    record = known_report.record
    monkeypatch.setattr(parquet, "BATCH_SUBMISSIONS", 2)

    def write_all(count: int) -> Callable[[], None]:
        packed = PackedReports(run_of(record, count))

        def write() -> None:
            for name, writer in (
                ("records.xlsx", write_records_xlsx),
                ("records.csv", write_records_csv),
                ("exceptions.xlsx", write_exceptions_xlsx),
                ("values.parquet", write_values_parquet),
            ):
                packed.unpacked.clear()
                writer(tmp_path / name, packed)
            packed.unpacked.clear()
            summarize(packed, [], 0.0)

        return write

    small, large = peak_while(write_all(4)), peak_while(write_all(16))
    assert large - small < 1_000_000, (small, large)


def test_a_runs_reports_are_one_pass_and_the_same_files(tmp_path: Path, known_report: FilingReport) -> None:
    """The batch writes every report of a run from one pass over its submissions (`reports.passes.feed`):
    each record is unpacked once for all of them (it was once per writer: five times), and each file is
    the one its writer makes on its own."""
    assert known_report.record is not None
    run = run_of(known_report.record, 12)
    (tmp_path / "inbox").mkdir()
    options = RunOptions(tmp_path / "inbox", tmp_path / "out", quiet=True)
    packed = PackedReports(run)
    with run_context(options) as context:
        summary = steps.write_reports(packed, Inventory((), ()), 0.0, context)  # a second unpacking raises
    recorded = {i for i, fact in enumerate(packed.report_facts()) if fact.recorded}
    assert packed.unpacked == recorded
    assert replace(summary, seconds=0.0) == summarize(run, [], 0.0)
    alone = tmp_path / "alone"
    alone.mkdir()
    write_records_csv(alone / "records.csv", run)
    assert (alone / "records.csv").read_bytes() == (tmp_path / "out" / "records.csv").read_bytes()
    write_values_parquet(alone / "values.parquet", run)
    one_pass = pq.read_table(tmp_path / "out" / "values.parquet")
    assert one_pass.equals(pq.read_table(alone / "values.parquet"), check_metadata=True)
    for name, writer in (("records.xlsx", write_records_xlsx), ("exceptions.xlsx", write_exceptions_xlsx)):
        writer(alone / name, run)
        expected, written = load_workbook(alone / name), load_workbook(tmp_path / "out" / name)
        assert written.sheetnames == expected.sheetnames
        for sheet in expected.sheetnames:
            assert list(written[sheet].values) == list(expected[sheet].values), (name, sheet)
