"""One run per output folder (and per SQLite store) at a time: `run_lock(out)`.

The lock is an advisory `flock` on `OUT/.intake.lock` (and on `<store>.lock` beside a SQLite store, see
`store_lock_path`). The kernel drops a lock when the process holding it ends, however it ends, so a run
killed with SIGKILL leaves nothing to clean up: the next run takes the lock at once. The file keeps the
holder's pid, host and start time, for the message a second run prints. Within one process the lock is
re-entrant (the batch process takes it before Prefect starts, the run's context takes it again).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = ".intake.lock"
STORE_LOCK_SUFFIX = ".lock"
_held: dict[Path, tuple[int, int]] = {}
"""Lock files this process holds: path → (descriptor, depth)."""


class RunLockedError(RuntimeError):
    """Another run holds the lock of this output folder or store (the message names the holder)."""


def locked_message(path: Path, holder: str) -> str:
    """Given a lock file held by another run and its holder, return the one line a second run prints."""
    return (
        f"另一个批处理正在使用该输出文件夹或数据库（{holder}），请等其结束后再运行 / "
        f"another run is using this output folder or store ({holder}): {path}"
    )


def _holder(descriptor: int) -> str:
    os.lseek(descriptor, 0, os.SEEK_SET)
    text = os.read(descriptor, 400).decode("utf-8", "replace").strip()
    return " ".join(text.split()) or "pid ?"


def _take(path: Path) -> int:
    """Given a lock file path, return its descriptor with the lock held; raise RunLockedError if held."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(descriptor)
        os.close(descriptor)
        raise RunLockedError(locked_message(path, holder)) from None
    started = datetime.now(UTC).isoformat(timespec="seconds")
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"pid {os.getpid()} on {socket.gethostname()} since {started}\n".encode(), 0)
    return descriptor


def store_lock_path(db_file: Path) -> Path:
    """Given a SQLite store file, return the lock file that guards it (beside it)."""
    return db_file.with_name(db_file.name + STORE_LOCK_SUFFIX)


@contextlib.contextmanager
def _holding(path: Path) -> Iterator[None]:
    """Given a lock file, hold its lock for the block (again, if this process holds it already)."""
    key = path.resolve()
    descriptor, depth = _held.get(key) or (_take(key), 0)
    _held[key] = (descriptor, depth + 1)
    try:
        yield
    finally:
        if depth == 0:
            del _held[key]
            os.close(descriptor)
        else:
            _held[key] = (descriptor, depth)


@contextlib.contextmanager
def run_lock(out: Path, store_file: Path | None = None) -> Iterator[None]:
    """Given the output folder (and the run's SQLite store file), hold the run's lock for the block;
    raise RunLockedError at once, naming the holder, when another run holds it."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(_holding(out / LOCK_FILE))
        if store_file is not None:
            stack.enter_context(_holding(store_lock_path(store_file)))
        yield
