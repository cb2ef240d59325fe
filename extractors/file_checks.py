"""Checks every backend makes before reading a file: it exists, it is not empty, it is not too large."""

from __future__ import annotations

from pathlib import Path

from extractors.errors import DocumentLoadError

MEGABYTE = 1024 * 1024


def checked_size(path: Path, max_bytes: int) -> int:
    """Given a file and a size limit, return its size; raise DocumentLoadError if missing, empty, too big."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DocumentLoadError("文件无法打开", f"cannot open file: {error.strerror}") from error
    if size == 0:
        raise DocumentLoadError("文件为空", "the file is empty")
    if size > max_bytes:
        raise DocumentLoadError(
            f"文件过大（{size // MEGABYTE} MB，上限 {max_bytes // MEGABYTE} MB）",
            f"file too large ({size} bytes; limit {max_bytes})",
        )
    return size
