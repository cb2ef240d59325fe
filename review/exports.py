"""Exports with the review's corrections: records.xlsx, records.csv, values.parquet / findings.parquet (the
analysts' long tables, `reports.frames`) and one JSON record per file (with its submission, verdict and
run), written again from the store (the one source of truth) with every corrected value applied and marked,
the machine reading kept beside it (`reports.corrections`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import Engine, select

from reports.frames import values_frame
from reports.model import FilingReport
from reports.parquet import write_tables
from reports.records_table import CsvHeaders, write_records_csv, write_records_xlsx
from reports.verdict import verdict
from review.analysis import findings_frame
from review.copies import StoredCopy, SubmissionState, load_submission
from review.refresh import copies_as_read, corrected_primary
from schema.record import Record
from store.tables import submissions

RECORDS_XLSX, RECORDS_CSV, RECORDS_DIR = "records.xlsx", "records.csv", "records"


def _report(state: SubmissionState, copy: StoredCopy, record: Record) -> FilingReport:
    items = (*record.exceptions, *copy.batch)
    update = {"submission_id": state.id, "verdict": verdict(items), "run_id": state.run_id}
    marked = record.model_copy(update=update)
    return FilingReport(copy.name, marked, items, submission_id=state.id, copy_format=copy.copy_format)


def submission_reports(
    engine: Engine, submission_id: str, known: Mapping[int, Record] | None = None
) -> list[FilingReport]:
    """Given a submission (and the records of its copies when in memory, by filing id), return its copies
    as the reports show them: the primary with its corrections, each scan read against it."""
    state = load_submission(engine, submission_id, known)
    if state is None:
        return []
    with engine.connect() as connection:
        primary = corrected_primary(connection, state)
    records = copies_as_read(state, primary)
    return [_report(state, copy, records[copy.filing_id]) for copy in state.copies]


def store_reports(engine: Engine) -> list[FilingReport]:
    """Given the store, return every submission's copies as the reports show them (corrections applied)."""
    with engine.connect() as connection:
        ids = list(connection.execute(select(submissions.c.id).order_by(submissions.c.first_seen)).scalars())
    return [report for submission_id in ids for report in submission_reports(engine, submission_id)]


def _json_name(name: str) -> str:
    return name.replace(os.sep, "__").replace("/", "__") + ".json"


def export_from_store(engine: Engine, target: Path, csv_headers: CsvHeaders = "label") -> list[Path]:
    """Given the store, a folder and records.csv's header kind (Chinese labels or field ids), write
    records.xlsx, records.csv, values.parquet, findings.parquet and records/*.json there with the
    corrections applied and marked; return the files written."""
    reports = store_reports(engine)
    target.mkdir(parents=True, exist_ok=True)
    written = [target / RECORDS_XLSX, target / RECORDS_CSV]
    write_records_xlsx(written[0], reports)
    write_records_csv(written[1], reports, csv_headers)
    written.extend(write_tables(target, values_frame(reports), findings_frame(engine)))
    folder = target / RECORDS_DIR
    folder.mkdir(exist_ok=True)
    for report in reports:
        if report.record is not None:
            path = folder / _json_name(report.name)
            path.write_text(report.record.to_json_text(), encoding="utf-8")
            written.append(path)
    return written
