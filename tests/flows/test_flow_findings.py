"""Finding ids and submissions through the batch flow (rules.yaml v2)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from flow_inbox import write_filing
from sqlalchemy import select

from flows.arguments import RunOptions
from flows.batch.flow import intake_batch
from flows.context import open_store
from reports.summary import RunSummary
from store.tables import exceptions, submissions

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


def run(inbox: Path, out: Path, force: bool = False) -> RunSummary:
    result = intake_batch(inbox=str(inbox), out=str(out), force=force, settle_seconds=0)
    return result.summary


def finding_ids(out: Path) -> dict[str, list[tuple[str, str]]]:
    """Every record's (finding id, rule) in finding order, by record file."""
    return {
        path.name: [(item["id"], item["rule"]) for item in json.loads(path.read_text("utf-8"))["exceptions"]]
        for path in sorted((out / "records").iterdir())
    }


def test_finding_ids_are_stable_across_runs_and_force_and_change_with_the_content(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    write_filing(inbox / "b.docx", "江苏省常州市新能源产业集群", province="江苏")
    out = tmp_path / "out"
    run(inbox, out)
    first = finding_ids(out)
    ids = [finding for items in first.values() for finding, _ in items]
    assert ids and all(finding.startswith("F") for finding in ids) and len(set(ids)) == len(ids)
    run(inbox, out)
    assert finding_ids(out) == first
    run(inbox, out, force=True)
    assert finding_ids(out) == first
    with open_store(RunOptions(out, out)).engine.connect() as connection:
        stored = {row.finding_id for row in connection.execute(select(exceptions.c.finding_id))}
    assert stored == set(ids)
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群", output_2023="53")
    run(inbox, out)
    changed = finding_ids(out)
    assert changed["b.docx.json"] == first["b.docx.json"]
    assert not {f for f, _ in changed["a.docx.json"]} & {f for f, _ in first["a.docx.json"]}


def edited_docx(source: Path, target: Path, old: str, new: str) -> None:
    """Copy a .docx with one text of its body replaced (the filer edited it after exporting the PDF)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            copy.writestr(info, data)


def test_word_and_pdf_of_one_filing_are_one_clean_submission_until_one_is_edited(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "docx" / "00_application_clean.docx", inbox / "申报表.docx")
    shutil.copy(SAMPLES / "pdf" / "00_application_clean.pdf", inbox / "申报表.pdf")
    out = tmp_path / "out"
    summary = run(inbox, out)
    assert (summary.submissions, summary.passed) == (1, 1)
    records = {p.name: json.loads(p.read_text("utf-8")) for p in (out / "records").iterdir()}
    assert not [e for r in records.values() for e in r["exceptions"] if e["rule"] == "duplicate_filing"]
    assert len({r["submission_id"] for r in records.values()}) == 1
    with open_store(RunOptions(out, out)).engine.connect() as connection:
        (row,) = connection.execute(select(submissions)).all()
    assert (row.verdict, row.form) == ("passed", "application")

    edited_docx(
        SAMPLES / "docx" / "00_application_clean.docx",
        inbox / "申报表.docx",
        "83.94平方公里",
        "93.94平方公里",
    )
    summary = run(inbox, out)
    pdf = json.loads((out / "records" / "申报表.pdf.json").read_text("utf-8"))
    (mismatch,) = [e for e in pdf["exceptions"] if e["rule"] == "electronic_copies_mismatch"]
    assert mismatch["field"] == "basic.area"
    assert mismatch["message"] == "电子版申报表.docx与申报表.pdf的“集群占地面积”不一致：93.94 ≠ 83.94。"
    assert summary.failed == 1
