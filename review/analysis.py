"""Stage `store_to_frames`: the store's findings, filings and submissions as pandas tables, for analysts.

- `findings_frame`: the findings as an operator sees them now (`review_findings`: the primary copy
  validated again with its corrections, every copy's batch findings, a scan's seals), one row each, with
  the state of its review decision (open / accepted / corrected / returned); `finding_batches` gives the
  same table a few thousand rows at a time (a run's findings.parquet).
- `filings_frame`: one row per stored file (every version; `current` is False for one a later version
  superseded), quarantined files included with their reason.
- `submissions_frame`: one row per submission with its machine verdict and the review's state.
The values themselves come from the corrected records (`reports.frames.values_frame`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Row, Select, select

from reports.findings import field_spec, value_text
from reports.frames import typed_frame
from review.copies import relative_name
from schema.catalog import FieldCatalogue, load_field_catalogue
from store.review_tables import review_findings
from store.tables import filings, runs, submissions

FINDING_BATCH = 5000
"""Findings written to findings.parquet at a time (a row group each)."""
FINDING_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "finding_id": "string",
        "submission_id": "string",
        "filing_id": "Int64",
        "filing": "string",
        "cluster_name": "string",
        "rule": "string",
        "title": "string",
        "category": "string",
        "severity": "string",
        "reason": "string",
        "section": "string",
        "field_id": "string",
        "label": "string",
        "year": "Int64",
        "message": "string",
        "value": "string",
        "state": "string",
    }
)
FILING_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "filing_id": "Int64",
        "file": "string",
        "path": "string",
        "sha256": "string",
        "size": "Int64",
        "submission_id": "string",
        "copy_format": "string",
        "primary": "boolean",
        "form": "string",
        "status": "string",
        "quarantine_reason": "string",
        "version": "Int64",
        "supersedes": "Int64",
        "current": "boolean",
        "first_seen": "datetime64[us, UTC]",
        "last_seen": "datetime64[us, UTC]",
        "run_id": "Int64",
    }
)
SUBMISSION_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "submission_id": "string",
        "form": "string",
        "cluster_name": "string",
        "province": "string",
        "city": "string",
        "county": "string",
        "verdict": "string",
        "review_verdict": "string",
        "review_status": "string",
        "assignee": "string",
        "open_errors": "Int64",
        "open_warnings": "Int64",
        "open_infos": "Int64",
        "primary_filing_id": "Int64",
        "run_id": "Int64",
    }
)


def _file_names(engine: Engine) -> dict[int, str]:
    """Given the store, return every filing's inbox-relative name (as the batch names files) by id."""
    query = select(filings.c.id, filings.c.path, filings.c.file_name, runs.c.inbox).outerjoin(
        runs, runs.c.id == filings.c.last_run_id
    )
    with engine.connect() as connection:
        found = list(connection.execute(query))
    return {row.id: relative_name(row.path, row.inbox, row.file_name) for row in found}


def _findings_query(submission_ids: Collection[str] | None) -> Select[Any]:
    """Given the submissions wanted (None for all), return the query of their findings, in queue order."""
    query = (
        select(review_findings, submissions.c.cluster_name, submissions.c.form)
        .join(submissions, submissions.c.id == review_findings.c.submission_id)
        .order_by(submissions.c.first_seen, review_findings.c.submission_id, review_findings.c.position)
    )
    if submission_ids is not None:
        query = query.where(review_findings.c.submission_id.in_(list(submission_ids)))
    return query


def _finding_row(catalogue: FieldCatalogue, names: Mapping[int, str], row: Row[Any]) -> list[object]:
    """Given the catalogue, the files' names by id and a finding's row, return its FINDING_COLUMNS row."""
    spec = field_spec(catalogue, row.field)
    shown = value_text(spec, row.value)
    return [
        *(row.finding_id, row.submission_id, row.filing_id, names.get(row.filing_id)),
        *(row.cluster_name, row.rule, row.title, row.category, row.severity, row.reason),
        *(row.section, row.field, spec.shown_label(row.form) if spec else None),
        *(int(row.year) if row.year else None, row.message),
        *(None if shown is None else str(shown), row.state),
    ]


def findings_frame(engine: Engine, submission_ids: Collection[str] | None = None) -> pd.DataFrame:
    """Given the store (and the submissions wanted; None for all), return their current findings with
    their review state."""
    catalogue = load_field_catalogue()
    names = _file_names(engine)
    with engine.connect() as connection:
        found = list(connection.execute(_findings_query(submission_ids)))
    return typed_frame([_finding_row(catalogue, names, row) for row in found], FINDING_COLUMNS)


def finding_batches(
    engine: Engine, submission_ids: Collection[str] | None = None, size: int = FINDING_BATCH
) -> Iterator[pd.DataFrame]:
    """Given the store (and the submissions wanted; None for all), yield `findings_frame`'s table a
    frame of at most `size` findings at a time, the store's rows streamed (a run's findings are never
    all in memory at once)."""
    catalogue = load_field_catalogue()
    names = _file_names(engine)
    with engine.connect() as connection:
        streamed = connection.execution_options(stream_results=True, yield_per=size)
        for part in streamed.execute(_findings_query(submission_ids)).partitions(size):
            yield typed_frame([_finding_row(catalogue, names, row) for row in part], FINDING_COLUMNS)


def filings_frame(engine: Engine) -> pd.DataFrame:
    """Given the store, return one row per stored file (every version, quarantined ones included)."""
    names = _file_names(engine)
    with engine.connect() as connection:
        found = list(connection.execute(select(filings).order_by(filings.c.id)))
        primaries = set(connection.execute(select(submissions.c.primary_filing_id)).scalars())
    superseded = {row.supersedes for row in found if row.supersedes is not None}
    rows = [
        [
            *(row.id, names[row.id], row.path, row.sha256, row.size, row.submission_id, row.copy_format),
            *(row.id in primaries, row.form, row.status, row.quarantine_reason, row.version),
            *(row.supersedes, row.id not in superseded),
            *(_utc(row.first_seen), _utc(row.last_seen), row.last_run_id),
        ]
        for row in found
    ]
    return typed_frame(rows, FILING_COLUMNS)


def _utc(moment: datetime | None) -> pd.Timestamp | None:
    """Given a stored time (SQLite hands back naive UTC, PostgreSQL aware), return it in UTC."""
    if moment is None:
        return None
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def submissions_frame(engine: Engine) -> pd.DataFrame:
    """Given the store, return one row per submission: key, machine verdict, review verdict and state."""
    query = select(submissions).order_by(submissions.c.first_seen)
    with engine.connect() as connection:
        found = list(connection.execute(query))
    rows = [
        [
            *(row.id, row.form, row.cluster_name, row.province, row.city, row.county, row.verdict),
            *(row.review_verdict, row.review_status, row.assignee),
            *(row.open_errors, row.open_warnings, row.open_infos, row.primary_filing_id, row.last_run_id),
        ]
        for row in found
    ]
    return typed_frame(rows, SUBMISSION_COLUMNS)
