"""Stage `inbox_to_inventory`: every file under the inbox, split into filings to read and junk to skip.

Nothing with a plausible name is skipped: a file in a format without a backend still goes to the
pipeline, which refuses it with its own "unsupported format" reason (and so it ends in quarantine).
Only editor lock files, hidden files (and everything in hidden folders), partial downloads (`.part`,
`.crdownload` …) and OS litter are skipped,
and each one is counted and listed; so are special files (FIFOs, sockets, broken links), which cannot
be read safely.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

LOCK_PREFIXES: tuple[str, ...] = ("~$", ".~lock.")
OS_LITTER: frozenset[str] = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
# Partial downloads and copies: browsers (.crdownload, .part, .download), WinSCP (.filepart), rsync/ours.
PARTIAL_SUFFIXES: tuple[str, ...] = (".part", ".crdownload", ".download", ".filepart", ".partial")


@dataclass(frozen=True, slots=True)
class InboxFile:
    """One file of the inbox: its path and its name relative to the inbox (POSIX separators)."""

    path: Path
    name: str


@dataclass(frozen=True, slots=True)
class Inventory:
    """The inbox split into files to read (sorted by name) and files skipped as junk."""

    filings: tuple[InboxFile, ...]
    skipped: tuple[InboxFile, ...]

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


def inbox_files(inbox: Path) -> list[InboxFile]:
    """Given a folder, return every file entry below it, sorted by name (symlinked folders not followed)."""
    found = [
        InboxFile(Path(folder) / file_name, (Path(folder) / file_name).relative_to(inbox).as_posix())
        for folder, _dirs, names in os.walk(inbox)
        for file_name in names
    ]
    return sorted(found, key=lambda item: item.name)


def is_skipped(item: InboxFile) -> bool:
    """Given an inbox file, return whether the batch skips it (junk, or not a regular file)."""
    return is_junk(item.name) or not item.path.is_file()


def inbox_to_inventory(inbox: Path) -> Inventory:
    """Given the inbox folder, return its filings and its skipped junk."""
    files = inbox_files(inbox)
    return Inventory(
        filings=tuple(f for f in files if not is_skipped(f)),
        skipped=tuple(f for f in files if is_skipped(f)),
    )


def output_stem(name: str) -> str:
    """Given an inbox-relative name, return a flat file name for outputs ("a/b.docx" → "a__b.docx")."""
    return name.replace("/", "__")
