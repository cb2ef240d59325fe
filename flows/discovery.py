"""Stage `inbox_to_inventory`: every entry under the inbox, split into filings to read and entries skipped.

Nothing with a plausible name is skipped: a file in a format without a backend still goes to the
pipeline, which refuses it with its own "unsupported format" reason (and so it ends in quarantine).
Skipped, each listed with its reason and never opened: editor lock files, hidden files (and everything in
hidden folders), partial downloads (`.part`, `.crdownload` …) and OS litter; symbolic links, to files or
folders (never followed: a link to a system file must not be read, nor copied into quarantine); special
files (FIFOs, sockets, devices), which cannot be read safely. The walk itself follows no link (`os.walk`
with followlinks off lists a linked folder among the folders, where it is taken out and skipped).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extractors.file_checks import printable_name

LOCK_PREFIXES: tuple[str, ...] = ("~$", ".~lock.")
OS_LITTER: frozenset[str] = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
JUNK_REASON = "锁定文件、隐藏文件、未下载完的文件或系统文件 / lock, hidden, partial or system file"
FILE_LINK_REASON = "符号链接，未跟随 / symbolic link, not followed"
FOLDER_LINK_REASON = "链接的文件夹，未进入 / linked folder, not entered"
SPECIAL_REASON = "特殊文件（管道、套接字或设备），未读取 / special file (FIFO, socket or device), not read"
GONE_REASON = "列出后已消失 / vanished while listed"
# Partial downloads and copies: browsers (.crdownload, .part, .download), WinSCP (.filepart), rsync/ours.
PARTIAL_SUFFIXES: tuple[str, ...] = (".part", ".crdownload", ".download", ".filepart", ".partial")


@dataclass(frozen=True, slots=True)
class InboxFile:
    """One entry of the inbox: its path and its name relative to the inbox (POSIX separators; bytes
    that are not UTF-8 kept as the file system gave them, see `shown`)."""

    path: Path
    name: str

    @property
    def shown(self) -> str:
        """The name printable on one line, for reports, the store and messages."""
        return printable_name(self.name)


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """An inbox entry the batch does not read, and why."""

    item: InboxFile
    reason: str

    @property
    def listed(self) -> str:
        """The entry as the summary lists it: its printable name and the reason."""
        return f"{self.item.shown}（{self.reason}）"


@dataclass(frozen=True, slots=True)
class Inventory:
    """The inbox split into files to read (sorted by name) and entries skipped."""

    filings: tuple[InboxFile, ...]
    skipped: tuple[SkippedEntry, ...]

    @property
    def found(self) -> int:
        return len(self.filings) + len(self.skipped)


def is_junk(name: str) -> bool:
    """Given a file's inbox-relative name, return whether it is a lock file, hidden, partial, or OS litter."""
    parts = PurePosixPath(name).parts
    base = parts[-1]
    if any(part.startswith(".") for part in parts):
        return True
    if base.lower().endswith(PARTIAL_SUFFIXES):
        return True
    return base.startswith(LOCK_PREFIXES) or base.lower() in OS_LITTER


def _entry(inbox: Path, folder: str, name: str) -> InboxFile:
    path = Path(folder) / name
    return InboxFile(path, path.relative_to(inbox).as_posix())


def inbox_entries(inbox: Path) -> tuple[list[InboxFile], list[InboxFile]]:
    """Given a folder, return every file entry below it and every linked folder (neither followed)."""
    files: list[InboxFile] = []
    linked: list[InboxFile] = []
    for folder, dirs, names in os.walk(inbox):
        for name in list(dirs):
            if os.path.islink(os.path.join(folder, name)):
                dirs.remove(name)
                linked.append(_entry(inbox, folder, name))
        files.extend(_entry(inbox, folder, name) for name in names)
    return files, linked


def skip_reason(item: InboxFile) -> str | None:
    """Given an inbox file, return why the batch skips it, or None when it is a filing to read."""
    if is_junk(item.name):
        return JUNK_REASON
    try:
        mode = item.path.lstat().st_mode
    except OSError:
        return GONE_REASON
    if stat.S_ISLNK(mode):
        return FILE_LINK_REASON
    return None if stat.S_ISREG(mode) else SPECIAL_REASON


def inbox_to_inventory(inbox: Path) -> Inventory:
    """Given the inbox folder, return its filings and its skipped entries, each sorted by name."""
    files, linked = inbox_entries(inbox)
    skipped = [SkippedEntry(item, FOLDER_LINK_REASON) for item in linked]
    filings: list[InboxFile] = []
    for item in files:
        reason = skip_reason(item)
        if reason is None:
            filings.append(item)
        else:
            skipped.append(SkippedEntry(item, reason))
    return Inventory(
        filings=tuple(sorted(filings, key=lambda f: f.name)),
        skipped=tuple(sorted(skipped, key=lambda s: s.item.name)),
    )
