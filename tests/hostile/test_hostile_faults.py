"""Faults of a run, as an operator meets them with `cluster-intake run`: a kill -9 while reports are
written, two runs at once, a run killed (its Prefect server and children die with it), a full disk, a
corrupt store — each leaves whole outputs and says what happened in one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import hostile_files as make
import pytest
from hostile_tools import ROOT, processes_with
from openpyxl import load_workbook

CLI = [sys.executable, "-m", "cluster_intake.cli", "run"]
EXIT_LOCKED = 4

DRIVER = """
import sys, time
from pathlib import Path
from flows import steps
from flows.arguments import RunOptions
from flows.context import close_run, run_context
from flows.discovery import inbox_to_inventory

inbox, out, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if mode == "hang":
    def hanging_save(self, path):
        path.write_bytes(b"PK\\x03\\x04 half a workbook")
        (out / "writing").touch()
        time.sleep(600)
    steps.RecordsWorkbook.save = hanging_save
options = RunOptions(inbox, out, quiet=True)
inventory = inbox_to_inventory(inbox)
with run_context(options) as context:
    kept = [steps.persist_filing(steps.intake_file(item, context), context) for item in inventory.filings]
    reports = steps.apply_batch_rules(kept, context)
    summary = steps.write_reports(reports, inventory, time.time(), context)
    close_run(context, summary)
"""


def inbox_of(folder: Path, count: int) -> Path:
    for index in range(count):
        make.copy_of_sample(folder / f"{index:02d}.docx", str(index))
    return folder


def driver(inbox: Path, out: Path, mode: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", DRIVER, str(inbox), str(out), mode]
    return subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, start_new_session=True)


def wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_kill_9_while_reports_are_written_leaves_the_old_reports_whole(tmp_path: Path) -> None:
    inbox, out = inbox_of(tmp_path / "inbox", 2), tmp_path / "out"
    assert driver(inbox, out, "complete").wait(timeout=300) == 0
    before = (out / "records.xlsx").read_bytes()
    make.copy_of_sample(inbox / "new.docx", "new")
    hanging = driver(inbox, out, "hang")
    wait_for(out / "writing", hanging)
    os.killpg(hanging.pid, signal.SIGKILL)
    hanging.wait()
    assert (out / "records.xlsx").read_bytes() == before  # whole, the previous run's
    assert load_workbook(out / "records.xlsx")["文件明细"].max_row == 3
    assert driver(inbox, out, "complete").wait(timeout=300) == 0
    assert load_workbook(out / "records.xlsx")["文件明细"].max_row == 4
    assert not list(out.glob(".*.partial"))


HELD_SECONDS = 600


@pytest.fixture
def running_batch(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path, Path]]:
    """A `cluster-intake run` over 20 filings, started in a session of its own, once it holds its lock.
    Its settle wait (taken under its locks) is long, so it still holds them however fast it would read:
    the fixture stops it."""
    inbox, out = inbox_of(tmp_path / "inbox", 20), tmp_path / "out"
    batch = subprocess.Popen(
        [*CLI, str(inbox), "--out", str(out), "--quiet", "--settle", str(HELD_SECONDS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not (out / ".intake.lock").exists() or not (out / ".intake.lock").read_text():
        assert batch.poll() is None and time.monotonic() < deadline, batch.communicate()
        time.sleep(0.05)
    try:
        yield batch, inbox, out
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
        batch.communicate()


def test_a_second_run_on_the_same_folder_is_refused_at_once(
    running_batch: tuple[subprocess.Popen[str], Path, Path], tmp_path: Path
) -> None:
    batch, inbox, out = running_batch
    started = time.monotonic()
    second = subprocess.run([*CLI, str(inbox), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert second.returncode == EXIT_LOCKED and time.monotonic() - started < 30
    assert second.stderr.count("\n") == 1 and "another run" in second.stderr and "pid" in second.stderr
    shared_store = ["--db", f"sqlite:///{out / 'intake.sqlite'}"]
    other_out = subprocess.run(
        [*CLI, str(inbox), "--out", str(tmp_path / "other"), *shared_store],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert other_out.returncode == EXIT_LOCKED, other_out.stderr  # the same store from another folder
    assert batch.poll() is None  # the first run goes on (the fixture stops it)


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
def test_a_killed_run_takes_its_prefect_server_along(
    running_batch: tuple[subprocess.Popen[str], Path, Path], kill: signal.Signals
) -> None:
    batch = running_batch[0]
    deadline = time.monotonic() + 180
    while not (servers := [p for p in processes_with("uvicorn") if is_child(p, batch.pid)]):
        assert batch.poll() is None and time.monotonic() < deadline, "no Prefect server started"
        time.sleep(0.2)
    tag = next(v for v in environ(servers[0]) if v.startswith(b"CLUSTER_INTAKE_RUN="))
    os.kill(batch.pid, kill)  # the batch process alone, as the OOM killer or a cron time-out would
    assert batch.wait(timeout=60) == (-signal.SIGKILL if kill == signal.SIGKILL else 130)
    deadline = time.monotonic() + 15
    while left := [pid for pid in tagged(tag) if not zombie(pid)]:
        assert time.monotonic() < deadline, f"processes of the killed run are left: {left}"
        time.sleep(0.2)


def environ(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return []


def tagged(tag: bytes) -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and tag in environ(int(p.name))]


def is_child(pid: int, parent: int) -> bool:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) == parent
    except (OSError, ValueError, IndexError):
        return False


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_a_corrupt_store_is_one_line(tmp_path: Path) -> None:
    inbox, out = inbox_of(tmp_path / "inbox", 1), tmp_path / "out"
    out.mkdir()
    (out / "intake.sqlite").write_bytes(b"this is not a database " * 100)
    done = subprocess.run([*CLI, str(inbox), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "数据库文件已损坏" in done.stderr, done.stderr


def test_a_full_disk_is_one_line(tmp_path: Path) -> None:
    inbox, out = inbox_of(tmp_path / "inbox", 1), tmp_path / "small"
    out.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(out)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (the flow's disk-full test simulates ENOSPC instead)")
    try:
        done = subprocess.run([*CLI, str(inbox), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    finally:
        subprocess.run(["umount", "-l", str(out)], capture_output=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "空间不足" in done.stderr and "free space" in done.stderr
