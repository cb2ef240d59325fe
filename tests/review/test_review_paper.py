"""The stamped scan read against its Word file, through the batch and the review station: the sample
scan (its recorded reading) beside its .docx edited after printing (a number, a name, a sentence)."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from flask import Flask
from review_store import SAMPLES, ingest, open_findings, submission_of
from sqlalchemy import Engine, select
from test_review_browser import RECORDED, SCAN, recorded_scan
from test_review_http import app_for, logged_in

from review.actions import CellRef, correct
from review.exports import export_from_store
from review.refresh import refresh_submission
from review.values import CorrectionInput
from schema.record import Record, location_at
from store.review_tables import review_findings

WORD = "00_application_clean.docx"
EDITS = (
    ("<w:t>126.48</w:t>", "<w:t>126.84</w:t>"),  # 2024 集群总产值
    ("<w:t>罗涛</w:t>", "<w:t>李涛</w:t>"),  # 县级主管部门联系人
    ("降低企业运营成本。", "带动就业人数稳步增长。"),  # 资源协同协作情况
)
MISMATCH = "paper_electronic_mismatch"
PLANTED = {
    (MISMATCH, "industry.total_output", "2024"),
    (MISMATCH, "basic.county_authority_contact", None),
    (MISMATCH, "industry.resource_sharing_desc", None),
}


def edited_word(target: Path) -> None:
    """The sample's .docx as the filer changed it after printing the paper copy."""
    with zipfile.ZipFile(SAMPLES / "docx" / WORD) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                for before, after in EDITS:
                    assert data.count(before.encode()) == 1
                    data = data.replace(before.encode(), after.encode())
            copy.writestr(info, data)


@pytest.fixture(scope="module")
def paper_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Path]]:
    root = tmp_path_factory.mktemp("paper")
    inbox = root / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "scans" / SCAN, inbox / SCAN)
    edited_word(inbox / WORD)
    with pytest.MonkeyPatch.context() as patch:
        recorded_scan(patch)
        engine = ingest(inbox, root / "out")
    yield engine, root


def test_the_batch_lists_each_difference_of_the_paper_and_nothing_else(
    paper_store: tuple[Engine, Path],
) -> None:
    engine, _ = paper_store
    found = open_findings(engine, submission_of(engine, SCAN))
    assert {key for key in found if key[0] == MISMATCH} == PLANTED
    assert not any(rule == "low_confidence" for rule, _, _ in found)


def test_the_scan_s_json_record_says_what_was_verified_against_which_copy(
    paper_store: tuple[Engine, Path],
) -> None:
    _, root = paper_store
    data = json.loads((root / "out" / "records" / f"{SCAN}.json").read_text(encoding="utf-8"))
    record = Record.model_validate(data)
    area = record.fields["basic.area"].provenance
    assert area is not None and not isinstance(area, dict) and area.verified_against == WORD
    changed = location_at(record.fields["industry.total_output"], "2024")
    assert changed is not None and changed.verified_against is None  # the mismatch is no verified cell
    flags = [(i.rule, i.field) for i in record.exceptions if i.rule in ("low_confidence", "seal_over_value")]
    assert flags == []
    rules = [i.rule for i in record.exceptions]
    assert rules.count(MISMATCH) == 3 and "seal_missing" in rules


def test_the_station_shows_a_mismatch_with_both_values_and_the_scan_s_crop(
    paper_store: tuple[Engine, Path],
) -> None:
    engine, root = paper_store
    app: Flask = app_for(engine, root / "out")
    client = logged_in(app)
    finding = open_findings(engine, submission_of(engine, SCAN))[(MISMATCH, "industry.total_output", "2024")]
    page = client.get(f"/f/{finding}").text
    assert "纸质扫描件与电子版“集群总产值”2024年不一致：126.48 ≠ 126.84。" in page
    assert f"/evidence/{finding}/crop.png" in page and "第4页" in page
    with engine.connect() as connection:
        row = connection.execute(select(review_findings).where(review_findings.c.finding_id == finding)).one()
    recorded = Record.model_validate(json.loads(RECORDED.read_text(encoding="utf-8")))
    cell = location_at(recorded.fields["industry.total_output"], "2024")
    assert (
        cell is not None
        and row.location["page"] == cell.page
        and row.location["bbox"] == list(cell.bbox or ())
    )
    png = client.get(f"/evidence/{finding}/crop.png")
    assert png.status_code == 200
    image = cv2.imdecode(np.frombuffer(png.data, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image is not None and float(image.std()) > 20 and (image < 128).mean() > 0.005


def test_refreshing_agrees_with_the_batch_and_a_correction_can_settle_a_difference(
    paper_store: tuple[Engine, Path], tmp_path: Path
) -> None:
    engine, _ = paper_store
    submission = submission_of(engine, SCAN)
    before = open_findings(engine, submission)
    assert refresh_submission(engine, submission)
    assert open_findings(engine, submission) == before  # the station reads the scan as the batch did
    correct(
        engine, CellRef(submission, "industry.total_output", "2024"), CorrectionInput("126.48"), "", "甲", 0
    )
    after = open_findings(engine, submission)
    assert (MISMATCH, "industry.total_output", "2024") not in after
    assert {k for k in after if k[0] == MISMATCH} == PLANTED - {(MISMATCH, "industry.total_output", "2024")}
    export_from_store(engine, tmp_path / "export")
    exported = json.loads((tmp_path / "export" / "records" / f"{SCAN}.json").read_text(encoding="utf-8"))
    total = exported["fields"]["industry.total_output"]["provenance"]["2024"]
    assert total["verified_against"] == WORD  # verified against the corrected Word value
