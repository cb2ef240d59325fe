"""The Python API for analysts: read one filing, or load a run's store into pandas.

    import cluster_intake as ci
    record = ci.extract("filing.docx")          # a schema.record.Record
    data = ci.load("out/result")                # a run folder (its intake.sqlite) or a store URL
    data.values, data.findings, data.filings, data.submissions, data.targets, data.wide("innovation")

The tables come from the store, the one source of truth: the values are each submission's primary copy
with the operators' corrections applied (`corrected` marks such a cell), the findings those an operator
sees now with the state of their review decision. README "Analysing a run" has a worked example.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from cluster_intake.contained import filing_to_record, named_filing
from cluster_intake.limits import ExtractionLimits
from reports.frames import section_titles, targets_frame, values_frame, wide_frame
from review.analysis import filings_frame, findings_frame, submissions_frame
from review.exports import store_reports
from schema.record import Record
from schema.rules_catalog import Profile
from store.connection import DEFAULT_DB_NAME, open_engine, sqlite_url
from validators.profiles import resolve_profile

URL_MARK = "://"


class SourceError(ValueError):
    """Raised when what `load` was given is neither a run folder with its store nor a store URL."""


@dataclass(frozen=True)
class IntakeData:
    """A store's tables as pandas frames (see `reports.frames` and `review.analysis` for the columns)."""

    values: pd.DataFrame
    findings: pd.DataFrame
    filings: pd.DataFrame
    submissions: pd.DataFrame
    targets: pd.DataFrame

    @property
    def sections(self) -> dict[str, str]:
        """Return the section ids `wide` takes, with their Chinese titles."""
        return section_titles()

    def wide(self, section: str, labels: bool = False) -> pd.DataFrame:
        """Given a section id, return one row per submission and one column per (field, year) of it;
        `labels` names the fields by their Chinese headers (with units) instead of their ids."""
        return wide_frame(self.values, section, labels)


def extract(path: str | Path, profile: str | Profile | None = None) -> Record:
    """Given a filing's path (and a criteria profile: a name of rules.yaml, a YAML path or a Profile),
    return its checked record with stable finding ids, read as `cluster-intake extract` reads it (in a
    child process under the EXTRACT_* time and memory limits: a filing is untrusted). Raises
    `extractors.errors.IntakeError` for a file that is not a readable form, `ProfileError` for a bad
    profile."""
    chosen = resolve_profile(profile) if isinstance(profile, str) else profile
    return filing_to_record(named_filing(Path(path)), chosen, None, ExtractionLimits.resolve())


def store_engine(source: str | Path) -> Engine:
    """Given a run folder (holding intake.sqlite), a store file or a store URL, return the store's engine."""
    if isinstance(source, str) and URL_MARK in source:
        return open_engine(source)
    path = Path(source)
    database = path / DEFAULT_DB_NAME if path.is_dir() else path
    if not database.is_file():
        raise SourceError(
            f"找不到数据库 {database}：请给出批处理的输出文件夹，或 --db 所用的数据库地址 / "
            f"no store at {database}: give the run's output folder or the store URL the run used (--db)"
        )
    return open_engine(sqlite_url(database))


def load(source: str | Path) -> IntakeData:
    """Given a run folder or a store URL, return its values, findings, filings, submissions and target
    rows as pandas frames."""
    engine = store_engine(source)
    try:
        reports = store_reports(engine)
        return IntakeData(
            values=values_frame(reports),
            findings=findings_frame(engine),
            filings=filings_frame(engine),
            submissions=submissions_frame(engine),
            targets=targets_frame(reports),
        )
    finally:
        engine.dispose()
