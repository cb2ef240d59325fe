"""Stage `reports_to_frames`: a run's submissions as pandas tables with real dtypes, for analysts.

- `values_frame`: the long table — one row per submission, field and year (every cell of the submission's
  primary copy, as corrected by operators). A present number is in `number` (float), a choice's printed
  options in `text` and their ids in `code`, a seal in `flag` (boolean), a named count's count in `number`
  and its names in `text`, a region's full name in `text`; `status` says why a cell holds nothing;
  `corrected` marks a cell an operator corrected (`FieldEntry.corrections`), `raw` keeps what was read.
- `targets_frame`: one row per row of a target table (规划目标).
- `wide_frame`: one section of the long table as one row per submission, columns (field, year): a series
  has one column per year, a single field the year "" (so `frame["basic.cluster_name"]` is a Series).
Numbers are float64 with missing values as <NA> (pandas' nullable dtypes), never JSON text.
`submission_value_rows` gives one submission's rows of the long table (values.parquet is written a few
submissions at a time, in row groups: `reports.parquet.ValuesParquet`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
from pydantic import JsonValue

from reports.cells import targets_text
from reports.columns import REGION_FIELD, SECTION_NUMBERING, field_headers
from reports.model import FilingReport, SubmissionReport, submissions_of
from reports.records_table import TARGET_KEYS
from schema.catalog import FieldCatalogue, FieldSpec, load_field_catalogue
from schema.record import FieldEntry, as_number, named_count_at, raw_at, region_part, status_at, value_at
from schema.value_text import LIST_JOIN, NAME_JOIN, options_text, region_text

KEY_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "submission_id": "string",
        "filing": "string",
        "form": "string",
        "cluster_name": "string",
        "province": "string",
        "city": "string",
        "county": "string",
    }
)
VALUE_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        **KEY_COLUMNS,
        "section": "string",
        "section_title": "string",
        "field_id": "string",
        "label": "string",
        "unit": "string",
        "type": "string",
        "year": "Int64",
        "status": "string",
        "number": "Float64",
        "text": "string",
        "code": "string",
        "flag": "boolean",
        "corrected": "boolean",
        "raw": "string",
    }
)
TARGET_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        **KEY_COLUMNS,
        "field_id": "string",
        "row": "Int64",
        "direction": "string",
        "indicator": "string",
        "indicator_id": "string",
        "baseline": "Float64",
        "target": "Float64",
        "actual": "Float64",
        "unit": "string",
    }
)
WIDE_KEYS = ("cluster_name", "form", "province", "city", "county")
NO_YEAR = 0
"""The year of a field without years while the long table is grouped by cell."""
SINGLE_YEAR = ""
"""The year level of a field without years in a wide frame's columns."""


@dataclass(frozen=True, slots=True)
class TypedCell:
    """One cell of a record as typed columns: number, text, option ids, flag (whichever its type uses)."""

    number: float | None = None
    text: str | None = None
    code: str | None = None
    flag: bool | None = None


def typed_frame(rows: Sequence[list[object]], columns: Mapping[str, str]) -> pd.DataFrame:
    """Given rows in the order of `columns` (name → pandas dtype), return the frame with those dtypes."""
    data = {name: pd.Series([row[i] for row in rows], dtype="object") for i, name in enumerate(columns)}
    return pd.DataFrame(data, columns=list(columns)).astype(dict(columns))


def _options(spec: FieldSpec, value: JsonValue) -> TypedCell:
    ids = (
        [value]
        if isinstance(value, str)
        else [v for v in value if isinstance(v, str)]
        if isinstance(value, list)
        else []
    )
    return TypedCell(text=options_text(spec, value), code=LIST_JOIN.join(ids))


def present_typed(spec: FieldSpec, entry: FieldEntry, value: JsonValue) -> TypedCell:
    """Given a field, its entry and a present value of it, return the value as typed columns."""
    if spec.is_numeric:
        return TypedCell(number=as_number(value))
    if spec.type in ("choice", "multi_choice"):
        return _options(spec, value)
    if spec.type == "named_count":
        pair = named_count_at(entry)
        count = float(pair.count) if pair and pair.count is not None else None
        return TypedCell(number=count, text=NAME_JOIN.join(pair.names) if pair else None)
    if spec.type == "boolean":
        return TypedCell(flag=bool(value))
    if spec.type == "region":
        return TypedCell(text=region_text(value))
    if spec.type == "target_table":
        return TypedCell(text=targets_text(value))
    return TypedCell(text=value if isinstance(value, str) else None if value is None else str(value))


def typed_cell(spec: FieldSpec, entry: FieldEntry | None, year: str | None) -> TypedCell:
    """Given a field, its entry (None when absent) and a year key, return the cell's typed columns (empty
    unless the cell is present)."""
    if entry is None or status_at(entry, year) != "present":
        return TypedCell()
    return present_typed(spec, entry, value_at(entry, year))


def submission_keys(submission: SubmissionReport) -> list[object]:
    """Given a submission, return its key columns: id, primary file, form, cluster name, region parts."""
    primary = submission.primary
    record = primary.record
    region = record.fields.get(REGION_FIELD) if record else None
    return [
        *(submission.id, primary.name, record.form if record else None, primary.cluster_name or None),
        *(region_part(region, part) for part in ("province", "city", "county")),
    ]


def _field_rows(catalogue: FieldCatalogue, spec: FieldSpec, entry: FieldEntry | None) -> list[list[object]]:
    section = catalogue.section(spec.section)
    rows: list[list[object]] = []
    for year in spec.year_keys or (None,):
        cell = typed_cell(spec, entry, year)
        corrected = bool(entry and entry.corrections and (year or "") in entry.corrections)
        rows.append(
            [
                *(spec.section, section.title, spec.id, spec.label, spec.unit, spec.type),
                *(int(year) if year else None, status_at(entry, year)),
                *(cell.number, cell.text, cell.code, cell.flag, corrected, raw_at(entry, year)),
            ]
        )
    return rows


def submission_value_rows(catalogue: FieldCatalogue, submission: SubmissionReport) -> list[list[object]]:
    """Given a submission, return the long table's rows of every cell of its primary copy's form."""
    record = submission.primary.record
    if record is None:
        return []
    keys = submission_keys(submission)
    return [
        [*keys, *row]
        for spec in catalogue.fields_for(record.form)
        for row in _field_rows(catalogue, spec, record.fields.get(spec.id))
    ]


def values_frame(reports: Sequence[FilingReport]) -> pd.DataFrame:
    """Given the filings of a run (primary copies corrected, as `review.exports.store_reports` gives them),
    return the long table of their submissions' values."""
    catalogue = load_field_catalogue()
    rows = [row for s in submissions_of(reports) for row in submission_value_rows(catalogue, s)]
    return typed_frame(rows, VALUE_COLUMNS)


def _target_rows(submission: SubmissionReport, spec: FieldSpec) -> list[list[object]]:
    record = submission.primary.record
    table = value_at(record.fields.get(spec.id)) if record else None
    rows: list[list[object]] = []
    for index, item in enumerate(table if isinstance(table, list) else [], start=1):
        cells = item if isinstance(item, dict) else {}
        values = [cells.get(key) for key in TARGET_KEYS]
        typed = [
            as_number(v) if key in ("baseline", "target", "actual") else None if v is None else str(v)
            for key, v in zip(TARGET_KEYS, values, strict=True)
        ]
        rows.append([*submission_keys(submission), spec.id, index, *typed])
    return rows


def targets_frame(reports: Sequence[FilingReport]) -> pd.DataFrame:
    """Given the filings of a run, return one row per row of their submissions' target tables."""
    tables = [spec for spec in load_field_catalogue().fields if spec.type == "target_table"]
    rows = [row for s in submissions_of(reports) for spec in tables for row in _target_rows(s, spec)]
    return typed_frame(rows, TARGET_COLUMNS)


def _wide_column(part: pd.DataFrame, spec: FieldSpec) -> pd.Series:
    """Given a field's rows of the long table (indexed by submission) and the field, return its column:
    an integer field as Int64 (when every value is whole), other numbers Float64, flags, else text."""
    if spec.type == "integer":
        numbers = part["number"]
        return numbers.astype("Int64") if bool((numbers.dropna() % 1 == 0).all()) else numbers
    if spec.is_numeric:
        return part["number"]
    if spec.type == "boolean":
        return part["flag"]
    return part["text"]


def _cell_keys(rows: pd.DataFrame) -> list[pd.Series]:
    """Given rows of the long table, return the keys that group them by cell: field id and year."""
    return [rows["field_id"], rows["year"].fillna(NO_YEAR)]


def wide_frame(values: pd.DataFrame, section: str, labels: bool = False) -> pd.DataFrame:
    """Given the long table and a section id (`cover`, `basic`, `innovation` …), return one row per
    submission (index submission_id) with its key columns, then one column per field and year of the
    section: columns are (field id, year) — (label with unit, year) when `labels` — with the year ""
    for a field without years. Raises ValueError for an unknown section (the message lists them)."""
    catalogue = load_field_catalogue()
    known = [spec.id for spec in catalogue.sections]
    if section not in known:
        raise ValueError(f"未知的部分 / unknown section {section!r}; known: {', '.join(known)}")
    rows = values[values["section"] == section]
    submissions = pd.Index(values["submission_id"].drop_duplicates(), name="submission_id")
    keys = values.drop_duplicates("submission_id").set_index("submission_id")
    columns: dict[tuple[str, object], pd.Series] = {
        (key, SINGLE_YEAR): keys[key].reindex(submissions) for key in WIDE_KEYS
    }
    cells = {key: part.set_index("submission_id") for key, part in rows.groupby(_cell_keys(rows), sort=False)}
    empty = rows.iloc[0:0].set_index("submission_id")
    headers = field_headers(catalogue) if labels else {}
    for spec in (s for s in catalogue.fields if s.section == section):
        for year in [int(y) for y in spec.year_keys] or [NO_YEAR]:
            part = cells.get((spec.id, year), empty)
            series = _wide_column(part, spec).reindex(submissions)
            columns[(headers.get(spec.id, spec.id), SINGLE_YEAR if year == NO_YEAR else year)] = series
    frame = pd.DataFrame(columns, index=submissions)
    frame.columns = pd.MultiIndex.from_tuples(list(columns), names=["field", "year"])
    return frame


def section_titles() -> dict[str, str]:
    """Return every section id with its title without the printed numbering (基本情况 …), printed order."""
    sections = load_field_catalogue().sections
    return {section.id: SECTION_NUMBERING.sub("", section.title) for section in sections}
