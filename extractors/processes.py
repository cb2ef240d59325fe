"""Child processes started while reading a filing: killed as a whole group, and found again by a tag.

A reading may start programs that start programs of their own (LibreOffice's `soffice` starts
`soffice.bin`). Each is started in a process group of its own, and that whole group is killed when the
reading ends or times out. A process that left its group, or whose parent was killed before it could
clean up, is found by a tag: every variable of the environment whose name begins with TAG_PREFIX is
passed on to the programs we start, so `kill_tagged(name, value)` finds each process that carries it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Iterator, Mapping
from pathlib import Path

logger = logging.getLogger(__name__)

TAG_PREFIX = "CLUSTER_INTAKE_"
PROC = Path("/proc")


def tags(environ: Mapping[str, str]) -> dict[str, str]:
    """Given an environment, return its tag variables (names beginning with TAG_PREFIX)."""
    return {name: value for name, value in environ.items() if name.startswith(TAG_PREFIX)}


def kill_group(pgid: int) -> None:
    """Given a process group id, send SIGKILL to every process in it (a group already gone is fine)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _tagged_pids(marker: bytes) -> Iterator[int]:
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or not ours to read
            continue
        if marker in b"\0" + environ:
            yield int(entry.name)


def kill_tagged(name: str, value: str) -> int:
    """Given a tag's name and value, SIGKILL every process whose environment carries it; return how many."""
    marker = b"\0" + f"{name}={value}".encode() + b"\0"
    killed = 0
    for pid in list(_tagged_pids(marker)):
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except (ProcessLookupError, PermissionError):
            continue
    if killed:
        logger.warning("killed %d leftover process(es) tagged %s", killed, name)
    return killed
