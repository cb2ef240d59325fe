"""Against a real Prefect server (started by the tests on 127.0.0.1): kill -9 and re-run on both stores, two
runs on one PostgreSQL store, a served deployment that runs by itself, and Dask: a local cluster (--workers) and
a scheduler with a worker started as README's multi-machine commands do (--dask)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flow_inbox import write_filing
from flow_server import client_environment
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from flows.exits import EXIT_LOCKED, EXIT_OK
from flows.local_server import free_port

CLI = [sys.executable, "-m", "cluster_intake.cli"]
COPIES = 60


def copies_inbox(inbox: Path, count: int = COPIES) -> Path:
    """An inbox of `count` filings: three documents, each copy with its own content hash."""
    samples = [write_filing(inbox / f"{i:02d}.docx", f"浙江省慈溪市测试{i}产业集群") for i in range(3)]
    for index in range(3, count):
        shutil.copyfile(samples[index % 3], inbox / f"{index:02d}.docx")
        with zipfile.ZipFile(inbox / f"{index:02d}.docx", "a") as archive:
            archive.comment = f"copy {index}".encode()  # same document, its own content hash
    return inbox


def scalar(url: str, query: str) -> Any:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(query)).scalar()
    except (OperationalError, ProgrammingError):  # the store's tables are not created yet
        return 0
    finally:
        engine.dispose()


def rows(url: str, query: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def store_url(db_url: str, out: Path) -> tuple[list[str], str]:
    """The --db option for a backend (none for SQLite: the default store in OUT) and the URL to read it."""
    if db_url.startswith("sqlite"):
        return [], f"sqlite:///{out / 'intake.sqlite'}"
    return ["--db", db_url], db_url


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_killed_run_is_finished_by_the_next_run(tmp_path: Path, db_url: str, prefect_api_url: str) -> None:
    """SIGKILL the batch process after ten filings are committed, run again: complete, nothing doubled."""
    inbox, out = copies_inbox(tmp_path / "inbox"), tmp_path / "out"
    db_option, url = store_url(db_url, out)
    command = [*CLI, "run", str(inbox), "--out", str(out), "--quiet", "--settle", "0", *db_option]
    environment = client_environment(prefect_api_url)
    batch = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL, env=environment)
    try:
        deadline = time.monotonic() + 240
        while scalar(url, "SELECT count(*) FROM filings") < 10 and batch.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert batch.poll() is None, "the run ended before it could be killed"
    finally:
        os.killpg(batch.pid, signal.SIGKILL)
        batch.wait()
    killed_at = scalar(url, "SELECT count(*) FROM filings")
    assert 10 <= killed_at < COPIES
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=environment)
    assert done.returncode == 0, done.stderr
    assert rows(url, "SELECT count(*), count(DISTINCT sha256) FROM filings") == [(COPIES, COPIES)]
    per_filing = rows(url, "SELECT count(*) FROM field_values GROUP BY filing_id")
    assert len(per_filing) == COPIES and len(set(per_filing)) == 1  # every filing stored whole, none twice
    statuses = [status for (status,) in rows(url, "SELECT status FROM runs ORDER BY id")]
    assert statuses == ["interrupted", "finished"]  # the killed run's row, closed by the next run
    assert len(list((out / "records").iterdir())) == COPIES


@pytest.mark.postgres
def test_two_runs_at_once_on_one_postgresql_store_double_nothing(
    tmp_path: Path, pg_url: str, prefect_api_url: str
) -> None:
    inbox = copies_inbox(tmp_path / "inbox", 20)
    environment = client_environment(prefect_api_url)

    def command(out: str) -> list[str]:
        return [
            *CLI,
            "run",
            str(inbox),
            "--out",
            str(tmp_path / out),
            "--quiet",
            "--settle",
            "0",
            "--db",
            pg_url,
        ]

    runs = [
        subprocess.Popen(command(out), stderr=subprocess.PIPE, text=True, env=environment) for out in "ab"
    ]
    results = [(run.wait(timeout=300), run.stderr.read() if run.stderr else "") for run in runs]
    assert {status for status, _ in results} <= {EXIT_OK, EXIT_LOCKED}, results
    assert EXIT_OK in {status for status, _ in results}
    for status, message in results:
        assert status == EXIT_OK or "another run is using the store" in message
    for out in "ab":  # and both again, one after the other
        assert subprocess.run(command(out), env=environment, timeout=300).returncode == EXIT_OK
    assert rows(pg_url, "SELECT count(*), count(DISTINCT sha256) FROM filings") == [(20, 20)]
    per_filing = rows(pg_url, "SELECT count(*) FROM field_values GROUP BY filing_id")
    assert len(set(per_filing)) == 1
    doubled = "SELECT count(*) FROM exceptions GROUP BY filing_id, batch, position HAVING count(*) > 1"
    assert rows(pg_url, doubled) == []


def api(url: str, path: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    """POST a filter to the Prefect server's REST API; return the JSON answer."""
    request = urllib.request.Request(
        f"{url}/{path}", json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer: list[dict[str, Any]] = json.loads(response.read())
    return answer


def flow_runs(url: str, out: Path) -> list[dict[str, Any]]:
    """The flow runs of the server whose `out` parameter is this folder."""
    runs = api(url, "flow_runs/filter", {"sort": "START_TIME_ASC", "limit": 200})
    return [run for run in runs if run["parameters"].get("out") == str(out.resolve())]


def completed_runs(url: str, out: Path) -> list[dict[str, Any]]:
    return [run for run in flow_runs(url, out) if run["state_type"] == "COMPLETED"]


@pytest.mark.slow
def test_a_served_deployment_runs_by_itself_and_ingests_a_new_file(
    tmp_path: Path, prefect_api_url: str
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_filing(inbox / "a.docx", "浙江省慈溪市智能家电产业集群")
    command = [*CLI, "serve", "--inbox", str(inbox), "--out", str(out), "--interval", "5", "--settle", "0.5"]
    environment = client_environment(prefect_api_url, PREFECT_RUNNER_POLL_FREQUENCY="1")
    with (tmp_path / "serve.log").open("wb") as log:
        serving = subprocess.Popen(
            command, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for(lambda: (out / "records" / "a.docx.json").is_file(), 300, "the first scheduled run")
        assert serving.poll() is None
        write_filing(tmp_path / "b.docx", "江苏省常州市新能源产业集群", province="江苏")
        shutil.copyfile(tmp_path / "b.docx", inbox / "b.docx")  # dropped into the inbox
        wait_for(lambda: (out / "records" / "b.docx.json").is_file(), 180, "a run that takes the new file")
        wait_for(lambda: len(completed_runs(prefect_api_url, out)) >= 2, 120, "the run to complete")
    finally:
        os.killpg(serving.pid, signal.SIGTERM)
        serving.wait(timeout=60)
    completed = completed_runs(prefect_api_url, out)
    assert all(run["deployment_id"] for run in completed)
    assert completed[0]["parameters"]["inbox"] == str(inbox.resolve())

    def logged_summary() -> bool:  # the run logger's lines reach the UI (sent in batches)
        logs = api(prefect_api_url, "logs/filter", {"logs": {"flow_run_id": {"any_": [completed[0]["id"]]}}})
        return any("找到文件" in entry["message"] for entry in logs)

    wait_for(logged_summary, 60, "the run's summary in its logs")
    artifacts = api(
        prefect_api_url, "artifacts/filter", {"artifacts": {"key": {"any_": ["cluster-intake-summary"]}}}
    )
    mine = [a for a in artifacts if a["flow_run_id"] in {run["id"] for run in completed}]
    assert mine and all("# 批量读取汇总" in artifact["data"] for artifact in mine)


def task_run_names(url: str, flow_run_id: str) -> list[str]:
    runs = api(url, "task_runs/filter", {"flow_runs": {"id": {"any_": [flow_run_id]}}, "limit": 200})
    return [run["name"] for run in runs]


def comparable(out: Path) -> dict[str, str]:
    """The records and quarantine reasons of a run (without the time of quarantine)."""
    files = sorted([*(out / "records").glob("*.json"), *(out / "quarantine").glob("*.reason.txt")])
    return {
        path.name: "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if "隔离时间" not in line
        )
        for path in files
    }


def dask_cluster(tmp_path: Path, environment: dict[str, str]) -> tuple[list[subprocess.Popen[bytes]], str]:
    """Start a Dask scheduler and one worker as README's multi-machine commands do, on 127.0.0.1."""
    port = free_port()
    dask = str(Path(sys.executable).with_name("dask"))
    log = (tmp_path / "dask.log").open("wb")
    commands = [
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        [dask, "worker", f"tcp://127.0.0.1:{port}", "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
    ]
    processes = [
        subprocess.Popen(
            command, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        for command in commands
    ]
    return processes, f"tcp://127.0.0.1:{port}"


@pytest.mark.slow
def test_a_dask_local_cluster_run_produces_the_same_records(
    inbox: Path, tmp_path: Path, prefect_api_url: str
) -> None:
    environment = client_environment(prefect_api_url, EXTRACT_OCR_WORKERS="1")
    cluster, address = dask_cluster(tmp_path, environment)
    try:
        runs: tuple[tuple[str, list[str]], ...] = (
            ("plain", []),
            ("local", ["--workers", "2"]),
            ("remote", ["--dask", address]),
        )
        for out, extra in runs:
            done = subprocess.run(
                [*CLI, "run", str(inbox), "--out", str(tmp_path / out), "--quiet", "--settle", "0", *extra],
                capture_output=True,
                text=True,
                timeout=600,
                env=environment,
            )
            assert done.returncode == 0, done.stderr
    finally:
        for process in cluster:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
    plain = comparable(tmp_path / "plain")
    assert len(plain) == 13 and plain == comparable(tmp_path / "local") == comparable(tmp_path / "remote")
    extract_tasks = {}
    for out, _extra in runs:
        (run,) = flow_runs(prefect_api_url, tmp_path / out)
        names = task_run_names(prefect_api_url, run["id"])
        extract_tasks[out] = len([name for name in names if name.startswith("extract from")])
    # here: on one core chunks of 10, else chunks of 13 // (4 * cores) = 1 submitted, one per core at once;
    # one file per chunk on the 2 local workers; 13 // 4 = 3 per chunk on the 1 remote worker
    plain = 2 if len(os.sched_getaffinity(0)) == 1 else 13
    assert extract_tasks == {"plain": plain, "local": 13, "remote": 5}
