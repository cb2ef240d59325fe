"""The batch flow end to end under the Prefect test harness: outputs, quarantine, store, re-runs, crashes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from flow_inbox import BAD_FILES, JUNK_FILES, write_filing
from openpyxl import load_workbook
from sqlalchemy import select

from cluster_intake.contained import Filing
from flows import intake as intake_module
from flows import outcome as outcome_module
from flows import steps
from flows.arguments import RunOptions
from flows.batch.flow import CHUNK_SIZE, intake_batch
from flows.context import open_store
from flows.notices import BatchResult
from reports.parquet import read_frame
from reports.summary import RunSummary
from store.tables import filings, runs

GOOD = 3
BAD = len(BAD_FILES) + 1  # + the letter
assert CHUNK_SIZE + 2 <= GOOD + BAD, "the crash test needs a second chunk"
EXPECTED_REASONS = {
    "bad__empty.docx": "文件为空",
    "bad__random.docx": "不是有效的 Word 文档",
    "bad__corrupt_zip.docx": "已损坏",
    "bad__encrypted.docx": "已加密",
    "bad__legacy.docx": "旧版 Word",
    "bad__bomb.docx": "压缩",
    "bad__letter.docx": "申报表栏目",
}


def run(
    inbox: Path, out: Path, force: bool = False, db_url: str | None = None, profile: str | None = None
) -> RunSummary:
    return run_result(inbox, out, force, db_url, profile).summary


def run_result(
    inbox: Path, out: Path, force: bool = False, db_url: str | None = None, profile: str | None = None
) -> BatchResult:
    parameters = {"force": force, "db_url": db_url, "profile": profile, "settle_seconds": 0}
    return intake_batch(inbox=str(inbox), out=str(out), **parameters)  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def table_rows(out: Path, db_url: str | None = None) -> dict[str, int]:
    counts = open_store(RunOptions(out, out, db_url=db_url)).row_counts()
    return {name: count for name, count in counts.items() if name != "runs"}


def test_every_file_is_recorded_quarantined_or_skipped(inbox: Path, tmp_path: Path, db_url: str) -> None:
    before = snapshot(inbox)
    out = tmp_path / "out"
    summary = run(inbox, out, db_url=db_url)
    assert (summary.recorded, summary.quarantined, summary.skipped) == (GOOD, BAD, len(JUNK_FILES))
    assert summary.found == GOOD + BAD + len(JUNK_FILES) == len(before)
    assert summary.balanced
    assert snapshot(inbox) == before  # the inbox is never modified
    assert sorted(p.name for p in (out / "records").iterdir()) == [
        "c.docx.json",
        "浙江__a.docx.json",
        "浙江__b.docx.json",
    ]
    assert {"records.xlsx", "records.csv", "exceptions.xlsx", "summary.md"} <= {p.name for p in out.iterdir()}
    assert table_rows(out, db_url)["filings"] == GOOD + BAD
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert f"| 找到文件 | {len(before)} |" in markdown and "- `~$lock.docx（锁定文件" in markdown


def queue(out: Path, sheet: str = "异常清单") -> list[dict[str, object]]:
    """The rows of a sheet of exceptions.xlsx, keyed by header."""
    rows = list(load_workbook(out / "exceptions.xlsx")[sheet].iter_rows(values_only=True))
    return [dict(zip([str(h) for h in rows[0]], row, strict=True)) for row in rows[1:]]


def test_each_kind_of_bad_input_is_quarantined_with_its_reason(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inbox, out)
    quarantine = out / "quarantine"
    copies = {p.name for p in quarantine.iterdir() if not p.name.endswith(".reason.txt")}
    assert copies == {name.replace("/", "__") for name in [*BAD_FILES, "bad/letter.docx"]}
    for name in copies:
        assert (quarantine / name).read_bytes() == (inbox / name.replace("__", "/")).read_bytes()
        reason = (quarantine / f"{name}.reason.txt").read_text(encoding="utf-8")
        assert " / " in reason.split("原因 / reason: ", 1)[1]  # Chinese / English
        assert EXPECTED_REASONS.get(name, "") in reason
    letter = (quarantine / "bad__letter.docx.reason.txt").read_text(encoding="utf-8")
    assert "规则 / rule: form_unrecognized" in letter
    rows = queue(out)
    quarantined = {r["文件"]: r for r in rows if r["规则编号"] in ("file_unreadable", "form_unrecognized")}
    assert set(quarantined) == {name.replace("__", "/") for name in copies}
    assert (
        quarantined["bad/empty.docx"]["说明"]
        == "文件无法读取：文件为空 / the file is empty。已移入隔离区，请联系报送单位重新提交。"
    )
    assert quarantined["bad/empty.docx"]["规则"] == "文件无法读取"


def test_batch_rules_flag_two_differing_versions_of_one_cluster(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inbox, out)
    duplicates = {r["文件"]: r["说明"] for r in queue(out) if r["规则编号"] == "duplicate_filing"}
    assert duplicates == {
        "浙江/a.docx": "与浙江/b.docx为同一集群的重复报送。",
        "浙江/b.docx": "与浙江/a.docx为同一集群的重复报送。",
    }
    record = json.loads((out / "records" / "浙江__a.docx.json").read_text(encoding="utf-8"))
    assert any(item["rule"] == "duplicate_filing" for item in record["exceptions"])
    other = json.loads((out / "records" / "浙江__b.docx.json").read_text(encoding="utf-8"))
    assert record["submission_id"] == other["submission_id"] and record["submission_id"].startswith("S")
    # every JSON record says which content, verdict, run and submission it is
    with open_store(RunOptions(out, out)).engine.connect() as connection:
        stored = {row.file_name: row for row in connection.execute(select(filings))}
    for name, shown in (("a.docx", record), ("b.docx", other)):
        assert shown["sha256"] == stored[name].sha256 and shown["run_id"] == stored[name].last_run_id
        assert shown["verdict"] == stored[name].status and shown["verdict"] in (
            "passed",
            "needs_review",
            "failed",
        )
    # the analysts' tables beside the Excel outputs: the values as read, the findings with their state
    values = read_frame(out / "values.parquet")
    assert record["submission_id"] in set(values["submission_id"])
    assert values["number"].dtype == "Float64" and len(values) > 100
    findings = read_frame(out / "findings.parquet")
    assert "duplicate_filing" in set(findings["rule"]) and set(findings["state"]) == {"open"}


def test_rerun_adds_no_rows_and_reuses_stored_results(inbox: Path, tmp_path: Path, db_url: str) -> None:
    out = tmp_path / "out"
    run(inbox, out, db_url=db_url)
    first_rows = table_rows(out, db_url)
    first_json = {p.name: p.read_text(encoding="utf-8") for p in (out / "records").iterdir()}
    summary = run(inbox, out, db_url=db_url)
    assert table_rows(out, db_url) == first_rows
    assert summary.reused == GOOD
    assert {p.name: p.read_text(encoding="utf-8") for p in (out / "records").iterdir()} == first_json
    with open_store(RunOptions(out, out, db_url=db_url)).engine.connect() as connection:
        assert [row.status for row in connection.execute(select(runs))] == ["finished", "finished"]
    assert first_rows["filings"] == GOOD + BAD


def test_force_extracts_again_without_new_rows(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inbox, out)
    rows = table_rows(out)
    summary = run(inbox, out, force=True)
    assert summary.reused == 0
    assert table_rows(out) == rows


def test_changed_file_at_same_path_is_a_new_version(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inbox, out)
    write_filing(inbox / "c.docx", "江苏省常州市新能源产业集群", output_2023="70", province="江苏")
    run(inbox, out)
    with open_store(RunOptions(out, out)).engine.connect() as connection:
        versions = connection.execute(
            select(filings.c.id, filings.c.version, filings.c.supersedes)
            .where(filings.c.path == str((inbox / "c.docx").resolve()))
            .order_by(filings.c.version)
        ).all()
    assert [(v.version, v.supersedes) for v in versions] == [(1, None), (2, versions[0].id)]


def test_internal_error_on_one_file_is_quarantined_and_the_batch_goes_on(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = intake_module.filing_to_record

    def broken(filing: Filing, *args: object) -> object:
        if filing.name == "c.docx":
            raise ValueError("boom")
        return real(filing, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(intake_module, "filing_to_record", broken)
    out = tmp_path / "out"
    summary = run(inbox, out)
    assert (summary.recorded, summary.quarantined) == (GOOD - 1, BAD + 1)
    reason = (out / "quarantine" / "c.docx.reason.txt").read_text(encoding="utf-8")
    assert "内部错误（ValueError）" in reason and "internal error" in reason


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_crash_half_way_then_rerun_finishes_with_nothing_lost_or_doubled(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException], db_url: str
) -> None:
    real = steps.file_to_result
    calls: list[Path] = []

    def dies_in_second_chunk(path: Path, *args: object) -> object:
        calls.append(path)
        if len(calls) == CHUNK_SIZE + 2:
            raise stop()
        return real(path, *args)  # type: ignore[arg-type]

    out = tmp_path / "out"
    monkeypatch.setattr(steps, "file_to_result", dies_in_second_chunk)
    with pytest.raises(BaseException) as raised:
        run(inbox, out, db_url=db_url)
    assert not isinstance(raised.value, AssertionError)
    committed = table_rows(out, db_url)["filings"]  # what was read before the crash, filing by filing
    assert 0 < committed < GOOD + BAD
    extracted: list[Path] = []

    def counting(path: Path, *args: object) -> object:
        extracted.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(steps, "file_to_result", counting)
    summary = run(inbox, out, db_url=db_url)
    assert summary.balanced and summary.recorded == GOOD and summary.quarantined == BAD
    assert len(extracted) == len(set(extracted)) == GOOD + BAD - committed  # the stored ones not read again
    clean = tmp_path / "clean"
    run(inbox, clean)
    assert table_rows(out, db_url) == table_rows(clean)
    with open_store(RunOptions(out, out, db_url=db_url)).engine.connect() as connection:
        assert [row.status for row in connection.execute(select(runs).order_by(runs.c.id))] == [
            "interrupted",
            "finished",
        ]


def test_other_criteria_profile_checks_stored_filings_again(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inbox, out)
    rows = table_rows(out)
    summary = run(inbox, out, profile="shanghai_2024")
    assert summary.reused == 0  # validated against other thresholds: read again
    assert table_rows(out)["filings"] == rows["filings"]
    assert run(inbox, out).reused == 0  # and back to the default profile: again
    assert run(inbox, out).reused == GOOD


def test_a_failing_batch_rule_does_not_lose_the_reports(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_submissions: object) -> object:
        raise RuntimeError("batch rule defect")

    monkeypatch.setattr(outcome_module, "batch_findings", broken)
    out = tmp_path / "out"
    summary = run(inbox, out)
    assert summary.recorded == GOOD and summary.balanced
    assert not [r for r in queue(out) if r["规则编号"] == "duplicate_filing"]
