"""Exports with the review's corrections: applied and marked, the machine reading kept beside them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook
from review_store import MESSY, open_findings, submission_of
from sqlalchemy import Engine

from review.actions import CellRef, correct
from review.exports import export_from_store
from review.values import CorrectionInput


def test_corrected_values_are_exported_marked_with_the_machine_reading_beside(
    store: tuple[Engine, Path], tmp_path: Path
) -> None:
    engine, _ = store
    submission = submission_of(engine, MESSY)
    finding = open_findings(engine, submission)[("ratio_inconsistent", "digital.cloud_adoption_rate", "2024")]
    cell = CellRef(submission, "digital.cloud_adoption_rate", "2024")
    correct(engine, cell, CorrectionInput(text="58.99"), "重算", "甲", 0, (finding, 0))
    files = export_from_store(engine, tmp_path / "export")
    assert {p.name for p in files} >= {"records.xlsx", "records.csv"}

    book = load_workbook(tmp_path / "export" / "records.xlsx")
    sheet = book["数字化"]  # the section sheet the corrected cell stands on
    headers = [c.value for c in sheet[1]]
    column = headers.index("集群中小企业上云比例（%）2024年") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == submission)
    corrected = sheet.cell(row, column)
    assert corrected.value == 58.99
    assert corrected.fill.start_color.rgb == "FFE0F2F1"
    assert (
        corrected.comment is not None and "67.99" in corrected.comment.text and "甲" in corrected.comment.text
    )
    (listed,) = [r for r in book["人工更正"].iter_rows(min_row=2, values_only=True)]
    assert listed[0] == submission and listed[3:6] == ("2024", 67.99, 58.99)

    with (tmp_path / "export" / "records.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["提交编号"]: r for r in csv.DictReader(handle)}
    assert rows[submission]["人工更正"] == "集群中小企业上云比例 2024：67.99 → 58.99"

    record = json.loads((tmp_path / "export" / "records" / f"{MESSY}.json").read_text(encoding="utf-8"))
    entry = record["fields"]["digital.cloud_adoption_rate"]
    assert entry["value"]["2024"] == 58.99
    assert (
        entry["corrections"]["2024"]["machine_value"] == 67.99 and entry["corrections"]["2024"]["by"] == "甲"
    )
    assert not [e for e in record["exceptions"] if e["rule"] == "ratio_inconsistent"]
