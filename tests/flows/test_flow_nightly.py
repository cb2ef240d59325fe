"""Nightly runs in-process (Prefect test harness): inbox life, the lock, and what a quiet run reports as new."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from flow_inbox import write_filing

import flows.batch.flow as flow_module
from flows import steps
from flows.batch.flow import intake_batch
from flows.discovery import Inventory, inbox_to_inventory, is_junk
from flows.inbox import InboxEmptyError, Settling, inventory_to_settled
from flows.lock import RunLockedError, run_lock, store_lock
from flows.notices import BatchResult, quiet_lines


def run(inbox: Path, out: Path, settle: float = 0, db_url: str | None = None) -> BatchResult:
    return intake_batch(inbox=str(inbox), out=str(out), settle_seconds=settle, db_url=db_url)


@pytest.mark.parametrize(
    "name",
    ["a.docx.part", "a.docx.crdownload", "sub/a.pdf.filepart", "~$a.docx", ".a.docx", ".hidden/a.docx"],
)
def test_partial_lock_and_hidden_files_are_skipped(name: str) -> None:
    assert is_junk(name)


def test_plausible_names_are_not_junk() -> None:
    assert not any(is_junk(name) for name in ["a.docx", "part.docx", "报表.part1.pdf", "a.wps"])


def test_a_file_that_changes_during_the_wait_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / "done.docx").write_bytes(b"complete")
    growing = tmp_path / "growing.docx"
    growing.write_bytes(b"half")
    inventory = inbox_to_inventory(tmp_path)

    def copy_goes_on(_seconds: float) -> None:
        with growing.open("ab") as handle:
            handle.write(b" and more")

    settled = inventory_to_settled(inventory, 1.0, sleep=copy_goes_on)
    assert [item.name for item in settled.copying] == ["growing.docx"]
    assert [item.name for item in settled.inventory.filings] == ["done.docx"]
    assert "growing.docx" in [entry.item.name for entry in settled.inventory.skipped]
    again = inventory_to_settled(inbox_to_inventory(tmp_path), 1.0, sleep=lambda _s: None)
    assert [item.name for item in again.inventory.filings] == ["done.docx", "growing.docx"]


def test_a_half_copied_file_is_skipped_then_taken(tmp_path: Path) -> None:
    """A real copy in progress (another thread appends to the file) is left alone, then read once complete."""
    source = write_filing(tmp_path / "source.docx", "浙江省慈溪市智能家电产业集群")
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "first.docx", "江苏省常州市新能源产业集群", province="江苏")
    data = source.read_bytes()
    target = inbox / "copying.docx"
    target.write_bytes(data[: len(data) // 2])
    stop = threading.Event()

    def copier() -> None:
        written = len(data) // 2
        while not stop.wait(0.05):
            with target.open("ab") as handle:
                handle.write(data[written : written + 64])
            written = min(written + 64, len(data) - 1)

    thread = threading.Thread(target=copier)
    thread.start()
    try:
        first = run(inbox, out, settle=1.0)
    finally:
        stop.set()
        thread.join()
    assert first.copying == ("copying.docx",)
    assert first.summary.recorded == 1 and first.summary.quarantined == 0 and first.summary.balanced
    assert not (out / "quarantine").exists()
    shutil.copyfile(source, target)  # the copy completes
    second = run(inbox, out, settle=0.5)
    assert second.copying == ()
    assert (second.summary.recorded, second.summary.reused) == (2, 1)
    assert (out / "records" / "copying.docx.json").is_file()


def test_files_are_read_during_the_wait_and_one_changed_meanwhile_is_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run reads while the settle wait lasts (it used to sleep first); a file that changes after its
    stamp was taken is not kept, though it was read whole, and the next run takes it."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "a.docx", "江苏省常州市新能源产业集群", province="江苏")
    changed = write_filing(inbox / "b.docx", "浙江省慈溪市智能家电产业集群")
    events: list[str] = []
    stamp_inventory = flow_module.inventory_to_settling

    def stamped_then_changed(inventory: Inventory, seconds: float) -> Settling:
        settling = stamp_inventory(inventory, seconds)
        write_filing(changed, "浙江省慈溪市智能家电产业集群", output_2023="60.1")  # a complete new version
        return settling

    read = steps.extract_result
    waited = Settling.wait

    def extract(*args: Any) -> Any:
        events.append("read")
        return read(*args)

    def wait(self: Settling, sleep: Any = None) -> None:
        events.append("wait")
        waited(self, sleep)

    monkeypatch.setattr(flow_module, "inventory_to_settling", stamped_then_changed)
    monkeypatch.setattr(steps, "extract_result", extract)
    monkeypatch.setattr(Settling, "wait", wait)
    first = run(inbox, out, settle=2.0)
    assert events[:2] == ["read", "read"] and "wait" in events  # both read before the wait was looked at
    assert first.copying == ("b.docx",) and first.summary.recorded == 1 and first.summary.balanced
    assert not (out / "records" / "b.docx.json").exists()
    monkeypatch.setattr(flow_module, "inventory_to_settling", stamp_inventory)
    second = run(inbox, out, settle=0.5)
    assert second.copying == () and (second.summary.recorded, second.summary.reused) == (2, 1)
    assert (out / "records" / "b.docx.json").is_file()


def test_an_empty_or_missing_inbox_fails_the_run(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    (empty / "Thumbs.db").write_bytes(b"x")
    with pytest.raises(InboxEmptyError, match="inbox is empty"):
        run(empty, tmp_path / "out")
    with pytest.raises(InboxEmptyError, match="inbox is missing"):
        run(tmp_path / "unmounted", tmp_path / "out")
    log = (tmp_path / "out" / "logs" / "intake.log").read_text(encoding="utf-8")
    assert "inbox is empty" in log and "inbox is missing" in log


HOLD_LOCK = """
import sys, time
from pathlib import Path
from flows.lock import run_lock
with run_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_a_second_run_on_the_same_output_folder_is_refused(tmp_path: Path) -> None:
    """Another process (another run) holds the lock; within one process the lock is re-entrant."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(RunLockedError, match="another run is using"):
            run(inbox, out)
    finally:
        holder.kill()
        holder.wait()
    assert not (out / "records").exists()
    assert run(inbox, out).summary.recorded == 1  # the lock is free again


def test_a_lock_left_by_a_killed_run_is_recovered(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(RunLockedError, match=f"pid {holder.pid}"), run_lock(out):
            pass
    finally:
        holder.kill()  # SIGKILL: no clean-up runs in the holder
        holder.wait()
    assert (out / ".intake.lock").exists()  # the file stays …
    with run_lock(out):  # … but the lock went with the process
        pass


@pytest.mark.postgres
def test_one_run_per_postgresql_store(tmp_path: Path, pg_url: str) -> None:
    inbox = tmp_path / "inbox"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    with (
        store_lock(pg_url, tmp_path / "other"),
        pytest.raises(RunLockedError, match="another run is using the store"),
    ):
        run(inbox, tmp_path / "out", db_url=pg_url)
    assert run(inbox, tmp_path / "out", db_url=pg_url).summary.recorded == 1


def test_quiet_lines_name_each_newly_quarantined_file_once(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    (inbox / "empty.docx").write_bytes(b"")
    assert quiet_lines(run(inbox, out)) == ["已隔离 / quarantined: empty.docx: 文件为空 / the file is empty"]
    assert quiet_lines(run(inbox, out)) == []  # the next night: nothing new
    (inbox / "broken.pdf").write_bytes(b"not a PDF")
    time.sleep(0.01)
    lines = quiet_lines(run(inbox, out))
    assert len(lines) == 1 and lines[0].startswith("已隔离 / quarantined: broken.pdf: ")
    assert quiet_lines(run(inbox, out)) == []
