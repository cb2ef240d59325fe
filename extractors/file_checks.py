"""Checks made before a file is read: it exists, it is a regular file, it is not empty, not too large.

`read_filing` reads a filing once, through one descriptor that follows no symbolic link and blocks on
no FIFO, so that the bytes hashed are the bytes parsed, and a file swapped for a link between listing
and reading is refused rather than followed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from extractors.errors import DocumentLoadError

MEGABYTE = 1024 * 1024
MAX_FILING_BYTES = 50 * MEGABYTE
OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
OPEN_REASONS: Mapping[int, tuple[str, str]] = MappingProxyType(
    {
        errno.ENOENT: ("文件不存在", "no such file"),
        errno.ELOOP: ("文件是符号链接，未读取", "the file is a symbolic link (not followed)"),
        errno.ENAMETOOLONG: ("文件名或路径过长，无法打开", "file name or path too long"),
        errno.EACCES: ("没有读取该文件的权限", "permission denied"),
        errno.EPERM: ("没有读取该文件的权限", "permission denied"),
        errno.EISDIR: ("这是文件夹，不是文件", "a folder, not a file"),
        errno.ENOTDIR: ("文件路径无效", "a part of the path is not a folder"),
    }
)


def unreadable_error(error: OSError) -> DocumentLoadError:
    """Given the OSError of opening or reading a file, return the bilingual DocumentLoadError for it."""
    zh, en = OPEN_REASONS.get(error.errno or 0, ("文件无法读取", f"cannot read file: {error.strerror}"))
    return DocumentLoadError(zh, en)


def too_large_error(size: int, max_bytes: int) -> DocumentLoadError:
    """Given a file's size and the limit, return the bilingual DocumentLoadError of a file too large."""
    return DocumentLoadError(
        f"文件过大（{size // MEGABYTE} MB，上限 {max_bytes // MEGABYTE} MB）",
        f"file too large ({size} bytes; limit {max_bytes})",
    )


def checked_size(path: Path, max_bytes: int) -> int:
    """Given a file and a size limit, return its size; raise DocumentLoadError if missing, empty, too big."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise unreadable_error(error) from error
    if size == 0:
        raise DocumentLoadError("文件为空", "the file is empty")
    if size > max_bytes:
        raise too_large_error(size, max_bytes)
    return size


def _check_within(fd: int, root: Path) -> None:
    """Given an open descriptor and a folder, raise DocumentLoadError unless the file lies inside it (a
    folder of the path swapped for a link after listing would lead outside)."""
    real = Path(os.readlink(f"/proc/self/fd/{fd}")) if Path("/proc/self/fd").is_dir() else None
    if real is not None and not real.is_relative_to(root.resolve()):
        raise DocumentLoadError(
            "文件位于输入文件夹之外，未读取", "the file lies outside the inbox (not read)"
        )


def read_regular_file(path: Path, max_bytes: int = MAX_FILING_BYTES, within: Path | None = None) -> bytes:
    """Given a path (and the folder it must lie in), return the bytes of the regular file there, read once
    (empty or not); raise DocumentLoadError for a link, a special file, an unreadable or too large one."""
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as error:
        raise unreadable_error(error) from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentLoadError("不是普通文件（管道、设备或文件夹），未读取", "not a regular file")
        if info.st_size > max_bytes:
            raise too_large_error(info.st_size, max_bytes)
        if within is not None:
            _check_within(fd, within)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise unreadable_error(error) from error
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while being read
        raise too_large_error(len(data), max_bytes)
    return data


def read_filing(path: Path, max_bytes: int = MAX_FILING_BYTES, within: Path | None = None) -> bytes:
    """Given a path (and the folder it must lie in), return the filing's bytes, read once; raise
    DocumentLoadError for a link, a special file, an unreadable, empty or too large file."""
    data = read_regular_file(path, max_bytes, within)
    if not data:
        raise DocumentLoadError("文件为空", "the file is empty")
    return data


def printable_name(name: str) -> str:
    """Given a file name as the file system gave it, return it printable on one line: bytes that are not
    UTF-8 as \\xNN, control characters and line separators as \\xNN / \\uNNNN, a backslash doubled (a
    name is untrusted too: a newline in it would split a one-line message, a stray byte stop a UTF-8
    writer; no two names print alike)."""
    return "".join(_printable(char) for char in name)


def _printable(char: str) -> str:
    if char == "\\":  # escaped itself, so that no two names print alike
        return "\\\\"
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the file system's decoding
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    if code in (0x2028, 0x2029, 0x85):
        return f"\\u{code:04x}"
    return char
