"""The processes a run starts die with it, however it dies: `start_lifeline()`.

A run starts processes of its own: Prefect's ephemeral API server, the fork server its readings are
forked from, LibreOffice. Killed with SIGKILL (by an operator, a time-out of cron, the OOM killer), the
batch process cannot stop them, and Prefect's server lived on. So the batch process first tags its
environment with RUN_TAG (every process it starts inherits the tag; LibreOffice is passed it
explicitly) and starts a watcher, in a session of its own, that waits on a pipe only the batch process
holds open. When the batch process ends, however it ends, the kernel closes the pipe; the watcher
then kills every process that carries the run's tag, and exits.

Run as `python -m flows.lifeline NAME VALUE` (standard input: the pipe).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Sequence

from extractors.processes import kill_tagged

RUN_TAG = "CLUSTER_INTAKE_RUN"
_pipe: list[int] = []
"""The write end of the lifeline pipe, kept open for the life of this process."""
_watchers: list[subprocess.Popen[bytes]] = []


def start_lifeline() -> str:
    """Tag this process's environment and start the watcher that kills every tagged process when this one
    ends; return the tag's value (idempotent: a second call returns the first value)."""
    if RUN_TAG in os.environ and _pipe:
        return os.environ[RUN_TAG]
    token = secrets.token_hex(8)
    read_end, write_end = os.pipe()  # not inherited by the processes this one starts (PEP 446)
    environ = {k: v for k, v in os.environ.items() if k != RUN_TAG}
    watcher = subprocess.Popen(
        [sys.executable, "-m", "flows.lifeline", RUN_TAG, token],
        stdin=read_end,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environ,
        start_new_session=True,
    )
    os.close(read_end)
    _pipe.append(write_end)
    _watchers.append(watcher)
    os.environ[RUN_TAG] = token
    return token


def watch(name: str, value: str) -> int:
    """Given the tag, wait until standard input closes, then kill every process carrying the tag."""
    while os.read(0, 4096):
        continue
    kill_tagged(name, value)
    return 0


def main(argv: Sequence[str]) -> int:
    """Given NAME VALUE, watch the run's lifeline."""
    if len(argv) != 2:
        print("usage: python -m flows.lifeline NAME VALUE", file=sys.stderr)
        return 2
    return watch(argv[0], argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
