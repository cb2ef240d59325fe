"""`cluster-intake run` as a user runs it (subprocess), and the import weight of `cluster-intake extract`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from flow_inbox import write_filing
from flow_server import client_environment

from flows.exits import EXIT_FAILED, EXIT_INBOX_EMPTY

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
    assert "--dask" in usage.stdout and "--workers" in usage.stdout and "--settle" in usage.stdout
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    nested = subprocess.run(
        [*CLI, "run", str(inbox), "--out", str(inbox / "out")], capture_output=True, text=True
    )
    assert nested.returncode == 2 and "OUT must not be inside INBOX" in nested.stderr
    assert list(inbox.iterdir()) == []
    both = subprocess.run(
        [*CLI, "run", str(inbox), "--out", str(tmp_path / "o"), "--dask", "tcp://x:8786", "--workers", "2"],
        capture_output=True,
        text=True,
    )
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_an_empty_or_missing_inbox_exits_3_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = subprocess.run(
        [*CLI, "run", str(tmp_path / "nope"), "--out", str(out), "--quiet"], capture_output=True, text=True
    )
    assert missing.returncode == EXIT_INBOX_EMPTY == 3
    assert (
        missing.stderr.strip()
        == f"警告 / warning: 输入文件夹不存在或未挂载 / inbox is missing (not mounted?): {tmp_path / 'nope'}"
    )
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "~$lock.docx").write_bytes(b"x")
    empty = subprocess.run(
        [*CLI, "run", str(tmp_path / "inbox"), "--out", str(out)], capture_output=True, text=True
    )
    assert (
        empty.returncode == 3 and "inbox is empty" in empty.stderr and "✓" not in empty.stdout + empty.stderr
    )
    assert "inbox is missing" in (out / "logs" / "intake.log").read_text(encoding="utf-8")


def test_serve_without_a_prefect_server_is_a_usage_error(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    (tmp_path / "inbox").mkdir()
    command = [
        *CLI,
        "serve",
        "--inbox",
        str(tmp_path / "inbox"),
        "--out",
        str(tmp_path / "out"),
        "--cron",
        "0 2 * * *",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 2 and "serve needs a Prefect server" in done.stderr


def test_run_end_to_end_quiet(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    (inbox / "empty.docx").write_bytes(b"")
    command = [*CLI, "run", str(inbox), "--out", str(out), "--quiet", "--settle", "0"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.strip() == "已隔离 / quarantined: empty.docx: 文件为空 / the file is empty"
    assert (out / ".prefect").is_dir()  # PREFECT_HOME under OUT
    assert (out / "records" / "a.docx.json").is_file()
    assert (out / "quarantine" / "empty.docx.reason.txt").is_file()
    assert "| 找到文件 | 2 |" in (out / "summary.md").read_text(encoding="utf-8")
    assert "找到文件 2 个" in (out / "logs" / "intake.log").read_text(encoding="utf-8")
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")  # nothing new: a silent night


def test_a_failed_quiet_run_prints_one_line_and_logs_the_traceback(
    tmp_path: Path, prefect_api_url: str
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    out.mkdir()
    (out / "records").write_text("a file where the records folder goes")  # writing records fails
    done = subprocess.run(
        [*CLI, "run", str(inbox), "--out", str(out), "--quiet", "--settle", "0"],
        capture_output=True,
        text=True,
        timeout=300,
        env=client_environment(prefect_api_url),
    )
    assert done.returncode == EXIT_FAILED == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("批处理失败 / batch failed: ") and "intake.log" in lines[0]
    assert "Traceback" not in done.stderr
    log = (out / "logs" / "intake.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "batch failed" in log
