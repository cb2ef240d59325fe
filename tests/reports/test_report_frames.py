"""The long table of a known filing (reports.frames) and its Parquet round trip (reports.parquet)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from reports.frames import VALUE_COLUMNS, typed_frame, values_frame, wide_frame
from reports.model import FilingReport
from reports.parquet import FINDINGS_PARQUET, VALUES_PARQUET, read_frame, write_frame, write_tables
from schema.catalog import load_field_catalogue


def _row(values: pd.DataFrame, field: str, year: int | None = None) -> pd.Series:
    rows = values[values["field_id"] == field]
    rows = rows[rows["year"] == year] if year is not None else rows[rows["year"].isna()]
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_cell_of_the_form_is_one_row(known_report: FilingReport) -> None:
    values = values_frame([known_report])
    specs = load_field_catalogue().fields_for("application")
    assert len(values) == sum(len(spec.year_keys) or 1 for spec in specs)
    assert dict(values.dtypes.astype(str)) == dict(VALUE_COLUMNS)


CLUSTER = "浙江省慈溪市智能家电产业集群"  # the known filing's name (tests/reports/conftest.py)


def test_cells_by_type(known_report: FilingReport) -> None:
    values = values_frame([known_report])
    assert _row(values, "industry.total_output", 2023)["number"] == 52.25
    assert _row(values, "basic.area")["number"] == 12.5
    platforms = _row(values, "innovation.national_platforms")
    assert platforms["number"] == 2 and platforms["text"] == "甲平台、乙平台"
    actions = _row(values, "industry.chain_actions")
    assert actions["code"] == "chain_mapping；supply_chain_risk" and "；" in actions["text"]
    alliances = _row(values, "governance.industry_alliances")
    assert alliances["status"] == "explicit_none" and pd.isna(alliances["text"])
    assert _row(values, "basic.cluster_name")["text"] == CLUSTER
    assert _row(values, "cover.region")["text"] == "浙江省宁波市慈溪县"


def test_parquet_round_trip_keeps_values_and_dtypes(tmp_path: Path, known_report: FilingReport) -> None:
    values = values_frame([known_report])
    findings = typed_frame(
        [["F1", "S1", 1, "a.docx", None, "rule", "规则", "field", "error", None, None, None, None, 2024]],
        {
            **{name: "string" for name in ("finding_id", "submission_id")},
            "filing_id": "Int64",
            **{name: "string" for name in ("filing", "cluster_name", "rule", "title", "category")},
            **{name: "string" for name in ("severity", "reason", "section", "field_id", "label")},
            "year": "Int64",
        },
    )
    written = write_tables(tmp_path, values, findings)
    assert [path.name for path in written] == [VALUES_PARQUET, FINDINGS_PARQUET]
    pd.testing.assert_frame_equal(read_frame(tmp_path / VALUES_PARQUET), values)
    pd.testing.assert_frame_equal(read_frame(tmp_path / FINDINGS_PARQUET), findings)
    assert not list(tmp_path.glob(".*partial"))


def test_an_empty_table_round_trips_with_its_columns(tmp_path: Path) -> None:
    empty = values_frame([])
    assert list(empty.columns) == list(VALUE_COLUMNS) and len(empty) == 0
    pd.testing.assert_frame_equal(read_frame(write_frame(tmp_path / "v.parquet", empty)), empty)


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    bad = pd.DataFrame({"mixed": pd.Series([1, "a"], dtype="object")})
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        write_frame(tmp_path / "bad.parquet", bad)
    assert list(tmp_path.iterdir()) == []


def test_wide_view_of_one_filing(known_report: FilingReport) -> None:
    wide = wide_frame(values_frame([known_report]), "industry")
    assert wide.loc[wide.index[0], ("industry.total_output", 2024)] == 60
    assert wide["cluster_name"].iloc[0] == CLUSTER
