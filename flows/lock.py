"""One run per output folder and per store: `run_lock(out)` and `store_lock(url, out)`.

`run_lock` is an advisory `flock` on OUT/.intake.lock. `store_lock` covers a store given by --db: a
PostgreSQL store is locked in the database itself (a session advisory lock), a SQLite file next to itself.
The kernel releases a `flock`, and PostgreSQL an advisory lock, when the process holding it dies: a lock
left by a killed run is recovered by the next run without clean-up. The lock file tells who holds it (pid,
host, start) for the message a second run prints; a second run does not wait, it exits (status 4).

Within one process the locks are re-entrant (the batch process takes the output folder's lock before
Prefect starts, the flow takes it again). The API is `run_lock(out)` raising RunLockedError.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

LOCK_NAME = ".intake.lock"


class RunLockedError(RuntimeError):
    """Raised when another run holds the lock of this output folder or store."""


def holder_text() -> str:
    """Return who holds a lock taken now: pid, host and time."""
    started = datetime.now(UTC).isoformat(timespec="seconds")
    return f"pid {os.getpid()} on {socket.gethostname()} since {started}"


_held: dict[Path, tuple[int, int]] = {}
"""Lock files this process holds: path → (descriptor, depth). Within one process a lock is re-entrant: the
batch process takes its output folder's lock before Prefect starts, the flow takes it again."""


def _take(path: Path, what: str) -> int:
    """Given a lock file path and what it guards, return its descriptor with an exclusive flock held, or
    raise RunLockedError naming the holder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = " ".join(os.pread(descriptor, 400, 0).decode("utf-8", "replace").split()) or "?"
        os.close(descriptor)
        raise RunLockedError(
            f"另一个批处理正在使用{what}（{holder}）/ another run is using {what}: {holder}"
        ) from None
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, holder_text().encode(), 0)
    return descriptor


@contextmanager
def file_lock(path: Path, what: str) -> Iterator[None]:
    """Given a lock file path and what it guards, hold an exclusive flock on it (again, when this process
    holds it already), or raise RunLockedError."""
    key = path.resolve()
    descriptor, depth = _held.get(key) or (_take(key, what), 0)
    _held[key] = (descriptor, depth + 1)
    try:
        yield
    finally:
        if depth == 0:
            del _held[key]
            os.close(descriptor)  # closing releases the flock
        else:
            _held[key] = (descriptor, depth)


@contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Given a run's output folder, hold its lock for the run, or raise RunLockedError."""
    with file_lock(out / LOCK_NAME, f"输出文件夹 / output folder {out}"):
        yield


def advisory_key(url: str) -> int:
    """Given a store URL, return a signed 63-bit key for PostgreSQL's advisory lock."""
    return int.from_bytes(hashlib.sha256(f"cluster-intake:{url}".encode()).digest()[:8], "big") >> 1


@contextmanager
def store_lock(url: str, out: Path) -> Iterator[None]:
    """Given the store URL of a run and its output folder, hold the store's lock, or raise RunLockedError.

    PostgreSQL: a session advisory lock on a connection kept for the run. SQLite: a flock next to the file,
    also for the default store inside OUT (a run into another folder may name it with --db).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = Path(parsed.database or "")
        if not parsed.database or parsed.database == ":memory:":
            yield
            return
        with file_lock(database.with_name(database.name + ".lock"), f"数据库 / store {database}"):
            yield
        return
    engine = create_engine(parsed, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": advisory_key(url)})
            if not got.scalar_one():
                shown = parsed.render_as_string(hide_password=True)
                raise RunLockedError(f"另一个批处理正在使用数据库 / another run is using the store {shown}")
            connection.commit()
            yield  # the session ends with the connection: PostgreSQL releases the lock (also on a crash)
    finally:
        engine.dispose()
