"""Problems of the machine, not of a filing or of ours — a folder that cannot be written, a full disk — told
in one bilingual line instead of a traceback (standard library only: the launcher and `extract` use it).
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from types import MappingProxyType

DISK_ERRNOS: Mapping[int, str] = MappingProxyType(
    {
        errno.ENOSPC: "磁盘空间不足 / no space left on device",
        errno.EDQUOT: "超出磁盘配额 / disk quota exceeded",
        errno.EROFS: "文件系统只读 / read-only file system",
        errno.EIO: "磁盘读写错误 / input/output error",
    }
)
"""Failures of the disk itself: writing anything more there is useless (a run stops on them)."""
PATH_ERRNOS: Mapping[int, str] = MappingProxyType(
    {
        errno.EACCES: "没有写入权限 / permission denied",
        errno.EPERM: "不允许写入 / operation not permitted",
        errno.ENOTDIR: "路径中有一段是文件而不是文件夹 / a part of the path is a file, not a folder",
        errno.ENOENT: "路径不存在 / no such file or folder",
        errno.EEXIST: "已有同名文件 / a file of that name exists",
        errno.EISDIR: "是文件夹 / is a folder",
        errno.ENAMETOOLONG: "路径太长 / the path is too long",
    }
)


def os_error_reason(error: OSError) -> str:
    """Given an operating-system error, return its reason in Chinese and English."""
    known = DISK_ERRNOS.get(error.errno or 0) or PATH_ERRNOS.get(error.errno or 0)
    return known or f"系统错误 / system error: {error.strerror or error}"


def environment_line(doing_zh: str, doing_en: str, error: OSError) -> str:
    """Given what was being done (Chinese, English) and the error, return one bilingual line naming the
    path: `无法创建输出文件夹 / cannot create the output folder — 没有写入权限 / permission denied: /x`."""
    where = f": {error.filename}" if error.filename else ""
    return f"{doing_zh} / {doing_en} — {os_error_reason(error)}{where}"
