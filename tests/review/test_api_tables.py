"""The analysts' API (cluster_intake.api): typed tables of a store, operators' corrections marked, Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from review_store import CLEAN, MESSY, open_findings, submission_of
from sqlalchemy import Engine

import cluster_intake as ci
from reports.frames import typed_frame
from reports.parquet import read_frame, write_frames
from review.actions import CellRef, correct, decide
from review.analysis import FINDING_COLUMNS, finding_batches, findings_frame
from review.exports import export_from_store
from review.values import CorrectionInput
from schema.record import Record

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


def _cell(values: pd.DataFrame, submission: str, field: str, year: int | None) -> pd.Series:
    rows = values[(values["submission_id"] == submission) & (values["field_id"] == field)]
    rows = rows[rows["year"] == year] if year is not None else rows[rows["year"].isna()]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_values_are_typed_not_json_text(store: tuple[Engine, Path]) -> None:
    engine, root = store
    data = ci.load(root / "out")
    values = data.values
    assert values["number"].dtype == "Float64" and values["year"].dtype == "Int64"
    assert values["corrected"].dtype == "boolean" and values["flag"].dtype == "boolean"
    assert values["field_id"].dtype == "string"
    clean = submission_of(engine, f"{CLEAN}.docx")
    output = _cell(values, clean, "industry.total_output", 2023)
    assert isinstance(output["number"], float) and output["status"] == "present"
    assert output["label"] == "集群总产值" and output["section"] == "industry" and output["unit"] == "亿元"
    name = _cell(values, clean, "basic.cluster_name", None)
    assert name["text"] == "浙江省余杭区五金工具产业集群" and pd.isna(name["number"])
    assert (name["province"], name["city"], name["county"]) == ("浙江省", "杭州市", "余杭区")
    # one set of values per submission: its primary copy (the Word file, not its PDF export)
    assert set(values.loc[values["submission_id"] == clean, "filing"]) == {f"{CLEAN}.docx"}
    assert not values["corrected"].any()


def test_choice_and_named_count_cells(store: tuple[Engine, Path]) -> None:
    engine, root = store
    values = ci.load(root / "out").values
    clean = submission_of(engine, f"{CLEAN}.docx")
    rows = values[(values["submission_id"] == clean) & values["code"].notna()]
    assert len(rows) > 0 and rows["text"].notna().all()  # option ids with their printed texts
    counts = values[(values["submission_id"] == clean) & (values["type"] == "named_count")]
    present = counts[counts["status"] == "present"]
    assert len(present) > 0 and present["number"].notna().all()


def test_a_corrected_value_shows_as_corrected(store: tuple[Engine, Path]) -> None:
    engine, root = store
    submission = submission_of(engine, MESSY)
    found = open_findings(engine, submission)
    finding = found[("ratio_inconsistent", "digital.cloud_adoption_rate", "2024")]
    cell = CellRef(submission, "digital.cloud_adoption_rate", "2024")
    correct(engine, cell, CorrectionInput(text="58.99"), "重算", "甲", 0, (finding, 0))
    accepted = next(fid for (rule, _, _), fid in found.items() if rule != "ratio_inconsistent")
    decide(engine, accepted, "accepted", "已核实", "甲", 0)

    data = ci.load(root / "out")
    corrected = _cell(data.values, submission, "digital.cloud_adoption_rate", 2024)
    assert corrected["number"] == 58.99 and bool(corrected["corrected"])
    other = _cell(data.values, submission, "digital.cloud_adoption_rate", 2023)
    assert not bool(other["corrected"])
    assert int(data.values["corrected"].sum()) == 1
    findings = data.findings.set_index("finding_id")
    assert findings.loc[accepted, "state"] == "accepted"
    assert finding not in findings.index  # the correction resolved it
    assert (findings["state"] == "open").sum() == len(findings) - 1


def test_findings_table(store: tuple[Engine, Path]) -> None:
    engine, root = store
    findings = ci.load(root / "out").findings
    messy = submission_of(engine, MESSY)
    assert set(findings.loc[findings["submission_id"] == messy, "finding_id"]) == set(
        open_findings(engine, messy).values()
    )
    row = findings[(findings["rule"] == "ratio_inconsistent")].iloc[0]
    assert row["title"] and row["severity"] in ("error", "warning", "info") and row["state"] == "open"
    assert row["year"] == 2024 and row["filing"] == MESSY and row["label"]
    assert findings["year"].dtype == "Int64"


def test_filings_and_submissions_tables(store: tuple[Engine, Path]) -> None:
    _, root = store
    data = ci.load(str(root / "out"))
    filings = data.filings.set_index("file")
    assert set(filings.index) == {MESSY, f"{CLEAN}.docx", f"{CLEAN}.pdf"}
    assert bool(filings.loc[f"{CLEAN}.docx", "primary"]) and not bool(filings.loc[f"{CLEAN}.pdf", "primary"])
    assert filings["current"].all() and str(filings["first_seen"].dtype) == "datetime64[us, UTC]"
    assert len(filings.loc[MESSY, "sha256"]) == 64
    assert set(data.submissions["verdict"]) <= {"passed", "needs_review", "failed"}
    assert data.submissions["open_errors"].dtype == "Int64"
    assert len(data.targets) > 0 and data.targets["target"].dtype == "Float64"


def test_wide_view_has_years_as_columns(store: tuple[Engine, Path]) -> None:
    engine, root = store
    data = ci.load(root / "out")
    wide = data.wide("industry")
    clean = submission_of(engine, f"{CLEAN}.docx")
    assert len(wide) == 2 and wide.index.name == "submission_id"
    assert list(wide.columns.names) == ["field", "year"]
    assert list(wide["industry.total_output"].columns) == [2022, 2023, 2024]
    assert wide["industry.total_output"][2023].dtype == "Float64"
    expected = _cell(data.values, clean, "industry.total_output", 2023)["number"]
    assert wide.loc[clean, ("industry.total_output", 2023)] == expected
    assert isinstance(wide["cluster_name"], pd.Series)  # a single field is one column
    integers = data.wide("innovation")["innovation.sme_employee_count"]
    assert (integers.dtypes == "Int64").all()
    labelled = data.wide("industry", labels=True)
    assert "集群总产值（亿元）" in labelled.columns.get_level_values("field")
    assert set(data.sections) >= {"cover", "basic", "industry", "plan", "declaration"}
    with pytest.raises(ValueError, match="innovation"):
        data.wide("nosuch")


def test_load_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ci.api.SourceError, match=r"找不到数据库.*no store at"):
        ci.load(tmp_path)


def test_extract_one_filing() -> None:
    record = ci.extract(SAMPLES / "docx" / f"{CLEAN}.docx", profile="shanghai_2024")
    assert isinstance(record, Record) and record.form == "application"
    assert record.sha256 and all(item.id for item in record.exceptions)


def test_export_writes_parquet_and_json_records_carry_their_run(
    store: tuple[Engine, Path], tmp_path: Path
) -> None:
    engine, root = store
    files = export_from_store(engine, tmp_path / "export")
    assert {p.name for p in files} >= {"values.parquet", "findings.parquet"}
    data = ci.load(root / "out")
    pd.testing.assert_frame_equal(read_frame(tmp_path / "export" / "values.parquet"), data.values)
    pd.testing.assert_frame_equal(read_frame(tmp_path / "export" / "findings.parquet"), data.findings)
    record = json.loads((tmp_path / "export" / "records" / f"{MESSY}.json").read_text(encoding="utf-8"))
    filings = data.filings.set_index("file")
    assert record["sha256"] == filings.loc[MESSY, "sha256"]
    assert record["submission_id"] == submission_of(engine, MESSY)
    assert record["verdict"] == "failed" and record["run_id"] == filings.loc[MESSY, "run_id"] == 1


def test_findings_streamed_a_few_at_a_time_make_the_same_table(store: tuple[Engine, Path]) -> None:
    engine, root = store
    whole = findings_frame(engine)
    batches = list(finding_batches(engine, size=3))
    assert len(whole) > 6 and len(batches) == -(-len(whole) // 3)
    parquet = root / "findings-streamed.parquet"
    write_frames(parquet, batches, typed_frame([], FINDING_COLUMNS))
    pd.testing.assert_frame_equal(read_frame(parquet), whole)
