"""Per-filing files in OUT: the JSON record, or a quarantined copy with its reason (INBOX is only read).

Every file is written to a temporary name in its folder and renamed over the old one, so a run killed
while writing leaves the previous file whole, never a half-written one. A file whose content would not
change is not written again (a re-run with nothing new rewrites nothing). The quarantine folder is
readable by its owner only, and a copy is made only of the bytes the batch read from a regular file
under the size limit (never of a link's target, never of a file too large to read). A filing's record
and its quarantine entry exclude each other: a file quarantined once (half-copied) that later arrives
complete leaves quarantine, and the other way round.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from flows.discovery import InboxFile
from flows.naming import REASON_SUFFIX, output_stem
from schema.record import Record
from store.repository import FileFacts

logger = logging.getLogger(__name__)

RECORDS_DIR = "records"
QUARANTINE_DIR = "quarantine"
PARTIAL_SUFFIX = ".partial"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


@contextlib.contextmanager
def replaced_atomically(path: Path, mode: int = 0o644, durable: bool = False) -> Iterator[Path]:
    """Given a path, yield a temporary path next to it to write; when the block ends normally, rename it
    over `path` (a reader never sees a half-written file; `durable`: flushed to disk first), else
    remove it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}{PARTIAL_SUFFIX}")
    try:
        yield partial
        os.chmod(partial, mode)
        if durable:
            with partial.open("rb") as handle:
                os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_bytes_atomically(path: Path, data: bytes, mode: int = 0o644) -> bool:
    """Given a path and bytes, write them atomically unless the file holds them already; return whether
    the file was written."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    with replaced_atomically(path, mode) as partial:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, PRIVATE_FILE)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    return True


def write_text_atomically(path: Path, text: str, mode: int = 0o644) -> bool:
    """Given a path and a text, write it (UTF-8) atomically unless unchanged; return whether written."""
    return write_bytes_atomically(path, text.encode("utf-8"), mode)


def record_path(out: Path, name: str) -> Path:
    """Given the output folder and an inbox-relative name, return where its JSON record goes."""
    return out / RECORDS_DIR / f"{output_stem(name)}.json"


def quarantine_paths(out: Path, name: str) -> tuple[Path, Path]:
    """Given the output folder and an inbox-relative name, return its quarantine copy and reason file."""
    copy = out / QUARANTINE_DIR / output_stem(name)
    return copy, copy.with_name(copy.name + REASON_SUFFIX)


def record_text(record: Record) -> str:
    """Given a record, return its JSON file's text."""
    return record.to_json_text()


def write_record(out: Path, name: str, record: Record) -> Path:
    """Given the output folder, a filing name and its record, write records/<name>.json (unless it holds
    that already) and take the name out of quarantine; return the record's path."""
    path = record_path(out, name)
    write_text_atomically(path, record_text(record))
    for stale in quarantine_paths(out, name):
        stale.unlink(missing_ok=True)
    return path


def reason_text(item: InboxFile, facts: FileFacts, rule: str, reason: str) -> str:
    """Given a quarantined file and why, return the text of its <name>.reason.txt."""
    return (
        f"文件 / file: {item.shown}\n"
        f"规则 / rule: {rule}\n"
        f"原因 / reason: {reason}\n"
        f"SHA-256: {facts.sha256}\n"
        f"隔离时间 / quarantined at: {datetime.now(UTC).isoformat(timespec='seconds')}\n"
    )


def private_quarantine(out: Path) -> Path:
    """Given the output folder, return its quarantine folder, created readable by the owner only."""
    folder = out / QUARANTINE_DIR
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    os.chmod(folder, PRIVATE_FOLDER)
    return folder


def quarantine(
    out: Path, item: InboxFile, facts: FileFacts, rule: str, reason: str, data: bytes | None
) -> Path:
    """Given a file that cannot be read and why, write OUT/quarantine/<name>.reason.txt and, when the
    batch read the file's bytes (`data`), a copy of exactly those bytes; drop any record of the name.
    Both are readable by the owner only. Return the copy's path (absent when nothing was copied)."""
    private_quarantine(out)
    copy, reason_file = quarantine_paths(out, item.name)
    if data is not None:
        write_bytes_atomically(copy, data, PRIVATE_FILE)
    else:
        copy.unlink(missing_ok=True)
    write_bytes_atomically(reason_file, reason_text(item, facts, rule, reason).encode("utf-8"), PRIVATE_FILE)
    record_path(out, item.name).unlink(missing_ok=True)
    return copy
