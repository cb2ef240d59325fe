"""Tools of the hostile suite: run the CLI measured, serve HTTP counting requests, find leftover processes."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DOCX = ROOT / "sample_docs" / "docx" / "00_application_clean.docx"
SAMPLE_DOC = ROOT / "sample_docs" / "doc" / "04_application_clean.doc"
CLI = [sys.executable, "-m", "cluster_intake.cli"]
ANSWER_SECONDS = 60.0
ANSWER_MB = 1536.0

MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps({
    "returncode": done.returncode,
    "stdout": done.stdout.decode("utf-8", "replace"),
    "stderr": done.stderr.decode("utf-8", "replace"),
    "seconds": time.monotonic() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


@dataclass(frozen=True)
class Answer:
    """How a command answered: exit code, outputs, wall seconds, the largest peak RSS of its processes."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def lines(self) -> list[str]:
        return self.stderr.strip().splitlines()


def measured(command: list[str], env: Mapping[str, str] | None = None, timeout: float = 300) -> Answer:
    """Given a command, run it under a small measuring parent; return its answer (peak RSS: the largest
    of every process it waited for, the reading child and LibreOffice included)."""
    wrapper = [sys.executable, "-c", MEASURE, *command]
    done = subprocess.run(wrapper, capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT)
    return Answer(**json.loads(done.stdout))


def extract(path: Path | bytes, *options: str, env: Mapping[str, str] | None = None) -> Answer:
    """Given a file (a bytes path for names that are not UTF-8), run `cluster-intake extract` on it."""
    shown = path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else str(path)
    return measured([*CLI, "extract", shown, *options], env)


def assert_refused_in_one_line(answer: Answer, *fragments: str) -> None:
    """Given the answer of `extract` on a file that is not a readable form: exit 2, one bilingual line
    (holding every fragment), nothing on stdout, no traceback, within the time and memory bounds."""
    assert answer.returncode == 2, answer
    assert answer.stdout == ""
    assert len(answer.lines) == 1, answer.stderr
    assert "Traceback" not in answer.stderr and " / " in answer.lines[0]
    for fragment in fragments:
        assert fragment in answer.lines[0], answer.lines[0]
    assert answer.seconds < ANSWER_SECONDS and answer.peak_mb < ANSWER_MB, answer


class CountingHandler(http.server.BaseHTTPRequestHandler):
    """Counts every request it is sent, answers 404."""

    requests: ClassVar[list[str]] = []

    def _count(self) -> None:
        type(self).requests.append(f"{self.command} {self.path}")
        self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD = do_OPTIONS = do_POST = do_PROPFIND = _count

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def counting_server(port: int) -> Iterator[list[str]]:
    """Given a port, serve HTTP on 127.0.0.1 there; yield the list of requests received."""
    handler = type("Counter", (CountingHandler,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.requests
    finally:
        server.shutdown()
        server.server_close()


def processes_with(marker: str) -> list[int]:
    """Given a text, return the pids whose command line holds it (not this process)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker in command and state != "Z":
                found.append(int(entry.name))
    return found


def gone_within(marker: str, seconds: float) -> bool:
    """Given a text, return whether every process whose command line holds it ends within `seconds`."""
    deadline = time.monotonic() + seconds
    while processes_with(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True
