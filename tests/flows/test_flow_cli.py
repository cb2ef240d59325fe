"""`cluster-intake run` as a user runs it (subprocess), and the import weight of `cluster-intake extract`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from flow_inbox import write_filing

HEAVY = ("prefect", "pandas", "sqlalchemy", "openpyxl", "rich")
CLI = [sys.executable, "-m", "cluster_intake.cli"]


def loaded_heavy_modules(statement: str) -> list[str]:
    code = (
        f"{statement}; import sys, json; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return [name for name in json.loads(output) if name in HEAVY]


def test_importing_the_cli_loads_neither_prefect_nor_pandas() -> None:
    assert loaded_heavy_modules("import cluster_intake.cli") == []


def test_the_launcher_is_light_but_the_flow_is_not() -> None:
    assert loaded_heavy_modules("import flows.launcher") == []
    assert "prefect" in loaded_heavy_modules("import flows.batch.flow")  # the check can fail


def test_run_help_and_bad_folders(tmp_path: Path) -> None:
    usage = subprocess.run([*CLI, "run", "-h"], capture_output=True, text=True)
    assert usage.returncode == 0 and "--out" in usage.stdout and "--force" in usage.stdout
    missing = subprocess.run(
        [*CLI, "run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and "inbox is not a folder" in missing.stderr
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    nested = subprocess.run(
        [*CLI, "run", str(inbox), "--out", str(inbox / "out")], capture_output=True, text=True
    )
    assert nested.returncode == 2 and "OUT must not be inside INBOX" in nested.stderr
    assert list(inbox.iterdir()) == []


def test_run_end_to_end_quiet(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    (inbox / "empty.docx").write_bytes(b"")
    done = subprocess.run(
        [*CLI, "run", str(inbox), "--out", str(out), "--quiet"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.strip() == "已隔离 / quarantined: empty.docx: 文件为空 / the file is empty"
    assert (out / ".prefect").is_dir()  # PREFECT_HOME under OUT
    assert (out / "records" / "a.docx.json").is_file()
    assert (out / "quarantine" / "empty.docx.reason.txt").is_file()
    assert "| 找到文件 | 2 |" in (out / "summary.md").read_text(encoding="utf-8")


def stored_filings(database: Path) -> int:
    if not database.exists():
        return 0
    with sqlite3.connect(database, timeout=30) as connection:
        try:
            return int(connection.execute("SELECT count(*) FROM filings").fetchone()[0])
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def test_killed_run_is_finished_by_the_next_run(tmp_path: Path) -> None:
    """SIGKILL the batch process after the first chunk is committed, run again: complete, nothing doubled."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    samples = [write_filing(inbox / f"{i:02d}.docx", f"浙江省慈溪市测试{i}产业集群") for i in range(3)]
    for index in range(3, 40):
        shutil.copyfile(samples[index % 3], inbox / f"{index:02d}.docx")
        with zipfile.ZipFile(inbox / f"{index:02d}.docx", "a") as archive:
            archive.comment = f"copy {index}".encode()  # same document, its own content hash
    command = [*CLI, "run", str(inbox), "--out", str(out), "--quiet"]
    batch = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while (
            stored_filings(out / "intake.sqlite") < 10
            and batch.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
        assert batch.poll() is None, "the run ended before it could be killed"
    finally:
        os.killpg(batch.pid, signal.SIGKILL)  # the batch process and its Prefect server
        batch.wait()
    killed_at = stored_filings(out / "intake.sqlite")
    assert 10 <= killed_at < 40
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(out / "intake.sqlite") as connection:
        assert connection.execute("SELECT count(*), count(DISTINCT sha256) FROM filings").fetchone() == (
            40,
            40,
        )
        per_filing = connection.execute("SELECT count(*) FROM field_values GROUP BY filing_id").fetchall()
        statuses = [row[0] for row in connection.execute("SELECT status FROM runs ORDER BY id")]
    assert len({count for (count,) in per_filing}) == 1  # every filing stored whole, none twice
    assert statuses == ["interrupted", "finished"]  # the killed run's row, closed by the next run
    assert len(list((out / "records").iterdir())) == 40
