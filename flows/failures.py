"""Failures that stop a run, each told in one clear line: the output disk is full, the store is corrupt.

A run writes to OUT and to its store; when either refuses every write (no space left, a read-only or
broken disk, a store file that is not a database), going on is useless and a traceback tells an
operator nothing. `stop_reason` turns such an error into one bilingual line (`flows.notices.failure_line`
prints it); a disk failure under a filing's reading stops the run instead of quarantining the filing.
"""

from __future__ import annotations

from sqlalchemy.exc import DatabaseError

from cluster_intake.environment import DISK_ERRNOS

STORE_FULL = ("database or disk is full", "disk i/o error")
STORE_CORRUPT = ("file is not a database", "database disk image is malformed", "malformed")


def _store_reason(error: DatabaseError) -> str | None:
    text = str(error.orig if error.orig is not None else error).lower()
    if any(marker in text for marker in STORE_FULL):
        return "数据库写入失败：磁盘空间不足 / the store cannot be written: no space left on device"
    if any(marker in text for marker in STORE_CORRUPT):
        return (
            "数据库文件已损坏或不是数据库，请恢复备份或换用新的 --db / the store is corrupt or not a database"
        )
    return None


def stop_reason(error: BaseException) -> str | None:
    """Given an error raised while writing outputs or the store, return the one line that stops the run,
    or None when it is not such a failure (a busy database, say, is retried instead)."""
    if isinstance(error, OSError) and error.errno is not None and error.errno in DISK_ERRNOS:
        where = f": {error.filename}" if error.filename else ""
        return f"无法写入输出 / cannot write the outputs — {DISK_ERRNOS[error.errno]}{where}"
    if isinstance(error, DatabaseError):
        return _store_reason(error)
    return None


def store_problem(error: DatabaseError) -> str:
    """Given the error of opening the store, return the one line that says why the run cannot start."""
    first = " ".join(str(error.orig if error.orig is not None else error).split())[:200]
    return _store_reason(error) or f"数据库无法使用 / the store cannot be used: {first}"
