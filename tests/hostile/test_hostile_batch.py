"""The batch on a hostile inbox: links and special files skipped with their reasons and never followed,
nothing from outside the inbox read or copied, quarantine private and without oversized copies, output
names that cannot collide, no formula in any export, the bytes hashed are the bytes parsed, a filing that
hit a limit quarantined once, a quarantined name that arrives complete leaves quarantine, a re-run with
nothing new rewrites nothing, a full disk stops the run with one line."""

from __future__ import annotations

import csv
import errno
import hashlib
import json
import os
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import hostile_files as make
import pytest
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from flows import context as context_module
from flows import intake as intake_module
from flows import outputs as outputs_module
from flows.arguments import RunOptions
from flows.batch.flow import intake_batch
from flows.batch.testing import flow_test_harness
from flows.context import open_store
from flows.notices import failure_line
from reports.summary import RunSummary
from store.tables import filings, runs

SECRET = b"SECRET-OUTSIDE-THE-INBOX-9931"
TOO_LARGE = 60 * 1024 * 1024
FILESYSTEM_MB = 4
ROOM_LEFT = 1536 * 1024  # … and the outputs of 24 filings do not fit


@pytest.fixture(scope="module", autouse=True)
def prefect_harness() -> Iterator[None]:
    with flow_test_harness():
        yield


def run(inbox: Path, out: Path) -> RunSummary:
    return intake_batch(inbox=str(inbox), out=str(out), quiet=True, settle_seconds=0).summary


@pytest.fixture
def hostile_inbox(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.docx").write_bytes(SECRET)
    inbox = tmp_path / "inbox"
    make.copy_of_sample(inbox / "good.docx", "good")
    make.copy_of_sample(inbox / "a" / "b.docx", "a/b")
    make.copy_of_sample(inbox / "a__b.docx", "a__b")
    (inbox / "x.docx").write_bytes(b"not a zip")
    (inbox / "x.docx.reason.txt").write_bytes(b"also not a filing")
    os.symlink(outside / "secret.docx", inbox / "leak.docx")
    os.symlink(outside, inbox / "linked-folder")
    os.mkfifo(inbox / "pipe.docx")
    with open(inbox / "huge.docx", "wb") as handle:
        handle.truncate(TOO_LARGE)
    make.formula_filing(inbox / "=cmd|' calc'!A0.docx")
    odd = os.fsencode(inbox) + b"/\xff\xfe odd name \xb0\xa1.docx"
    with open(odd, "wb") as handle:
        handle.write(make.copy_of_sample(tmp_path / "odd.docx", "odd").read_bytes())
    return inbox


def every_output_byte(out: Path) -> Iterator[tuple[Path, bytes]]:
    for path in out.rglob("*"):
        if path.is_file() and ".prefect" not in path.parts:
            yield path, path.read_bytes()


def test_a_hostile_inbox(hostile_inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run(hostile_inbox, out)
    assert summary.balanced
    skipped = "\n".join(summary.skipped_files)
    assert "leak.docx（符号链接" in skipped and "linked-folder（链接的文件夹" in skipped
    assert "pipe.docx（特殊文件" in skipped
    for path, data in every_output_byte(out):
        assert SECRET not in data, f"{path} holds a byte of a file outside the inbox"
    quarantine = out / "quarantine"
    assert not (quarantine / "leak.docx").exists()
    huge_reason = (quarantine / "huge.docx.reason.txt").read_text(encoding="utf-8")
    assert "文件过大" in huge_reason and not (quarantine / "huge.docx").exists()
    assert stat.S_IMODE(quarantine.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in quarantine.iterdir()} == {0o600}
    records = {p.name for p in (out / "records").iterdir()}
    assert {"a__b.docx.json", "a%5F%5Fb.docx.json", "good.docx.json"} <= records
    assert "%FF%FE odd name %B0%A1.docx.json" in records
    odd = json.loads((out / "records" / "%FF%FE odd name %B0%A1.docx.json").read_text(encoding="utf-8"))
    assert odd["source"] == "\\xff\\xfe odd name \\xb0\\xa1.docx"
    assert (quarantine / "x.docx.reason.txt").read_text(encoding="utf-8").startswith("文件 / file: x.docx\n")
    assert (quarantine / "x.docx%2Ereason.txt").read_bytes() == b"also not a filing"


def test_no_formula_reaches_an_export(hostile_inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(hostile_inbox, out)
    for workbook in ("records.xlsx", "exceptions.xlsx"):
        with zipfile.ZipFile(out / workbook) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
            assert any(b"=cmd|" in archive.read(n) for n in sheets)  # kept, as text
    with (out / "records.csv").open(encoding="utf-8-sig", newline="") as handle:
        fields = [field for row in csv.reader(handle, quoting=csv.QUOTE_NONNUMERIC) for field in row]
    texts = [field for field in fields if isinstance(field, str)]  # unquoted fields are numbers
    assert "'=cmd|' /C calc'!A0" in texts
    assert not [text for text in texts if text.startswith(make.FORMULAS_STARTS)]


def test_the_bytes_hashed_are_the_bytes_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    target = make.copy_of_sample(inbox / "a.docx", "first")
    parsed: list[str] = []
    real = intake_module.filing_to_record

    def swapped_after_reading(filing: object, *args: object) -> object:
        parsed.append(hashlib.sha256(filing.data).hexdigest())  # type: ignore[attr-defined]
        make.copy_of_sample(target, "swapped while reading")  # the file changes under the batch
        return real(filing, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(intake_module, "filing_to_record", swapped_after_reading)
    out = tmp_path / "out"
    run(inbox, out)
    with open_store(RunOptions(inbox, out)).engine.connect() as connection:
        stored = connection.execute(select(filings.c.sha256)).scalars().all()
    assert stored == parsed


def test_a_limit_hit_is_quarantined_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    make.big_table_docx(inbox / "rows.docx")
    monkeypatch.setenv("EXTRACT_TIME_LIMIT", "0.5")
    first = run(inbox, out)
    assert first.quarantined == 1 and "读取超时" in first.quarantined_files[0][1]
    monkeypatch.delenv("EXTRACT_TIME_LIMIT")
    calls: list[object] = []
    monkeypatch.setattr(intake_module, "filing_to_record", lambda *args: calls.append(args))
    again = run(inbox, out)
    assert calls == [] and again.quarantined == 1  # not read again on the next night


def test_a_quarantined_name_that_arrives_complete_leaves_quarantine(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "late.docx").write_bytes(make.SAMPLE_DOCX.read_bytes()[:5000])  # still being copied
    assert run(inbox, out).quarantined == 1
    assert (out / "quarantine" / "late.docx.reason.txt").exists()
    shutil.copyfile(make.SAMPLE_DOCX, inbox / "late.docx")
    assert run(inbox, out).recorded == 1
    assert (out / "records" / "late.docx.json").exists()
    assert not list((out / "quarantine").iterdir())


def test_a_rerun_with_nothing_new_rewrites_nothing(hostile_inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(hostile_inbox, out)

    def outputs() -> dict[str, tuple[int, int]]:
        return {
            p.relative_to(out).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in out.rglob("*")
            if p.is_file() and not p.name.startswith(("intake.sqlite", ".intake.lock", "intake.log"))
        }

    before = outputs()
    summary = run(hostile_inbox, out)
    assert outputs() == before
    assert summary.reused == summary.recorded > 0


def test_a_full_disk_stops_the_run_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_filesystem: Path | None
) -> None:
    inbox = tmp_path / "inbox"
    for index in range(24):
        make.copy_of_sample(inbox / f"{index:02d}.docx", str(index))
    if small_filesystem is not None:
        monkeypatch.setattr(context_module, "MIN_FREE_BYTES", 128 * 1024)  # the start passes …
        out = small_filesystem / "out"
        (small_filesystem / "filler").write_bytes(b"\0" * (FILESYSTEM_MB * 1024 * 1024 - ROOM_LEFT))
    else:  # no tmpfs here: the disk fills when the first record is renamed into place
        out = tmp_path / "out"

        def full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out / "records"))

        monkeypatch.setattr(outputs_module.os, "replace", full)
    with pytest.raises((OSError, DatabaseError)) as raised:
        intake_batch(inbox=str(inbox), out=str(out), quiet=True, settle_seconds=0)
    line = failure_line(raised.value, out / "logs" / "intake.log")
    assert "\n" not in line and "空间不足" in line and "no space" in line


@pytest.fixture
def small_filesystem(tmp_path: Path) -> Iterator[Path | None]:
    """A small tmpfs where this machine lets the tests mount one (as root), else None."""
    mount = tmp_path / "small"
    mount.mkdir()
    size = f"size={FILESYSTEM_MB}m"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", size, "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_runs_left_running_by_a_crash_are_closed(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    make.copy_of_sample(inbox / "a.docx", "a")
    run(inbox, out)
    engine = open_store(RunOptions(inbox, out)).engine
    with engine.begin() as connection:
        connection.execute(runs.update().values(status="running", finished=None))
    run(inbox, out)
    with engine.connect() as connection:
        statuses = connection.execute(select(runs.c.status).order_by(runs.c.id)).scalars().all()
    assert statuses == ["interrupted", "finished"]
