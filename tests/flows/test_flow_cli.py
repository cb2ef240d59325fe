"""`cluster-intake run` as a user runs it (subprocess), and the import weight of `cluster-intake extract`."""

from __future__ import annotations

import json
import subprocess
import sys
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
