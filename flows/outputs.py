"""Per-filing files in OUT: the JSON record, or a quarantined copy with its reason (INBOX is only read)."""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from flows.discovery import InboxFile, output_stem
from schema.record import Record
from store.repository import FileFacts

logger = logging.getLogger(__name__)

RECORDS_DIR = "records"
QUARANTINE_DIR = "quarantine"
REASON_SUFFIX = ".reason.txt"


def write_text_atomically(path: Path, text: str) -> None:
    """Given a path and a text, write it so that a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def record_path(out: Path, name: str) -> Path:
    """Given the output folder and an inbox-relative name, return where its JSON record goes."""
    return out / RECORDS_DIR / f"{output_stem(name)}.json"


def write_record(out: Path, name: str, record: Record) -> Path:
    """Given the output folder, a filing name and its record, write records/<name>.json; return its path."""
    path = record_path(out, name)
    write_text_atomically(path, json.dumps(record.to_jsonable(), ensure_ascii=False, indent=2) + "\n")
    return path


def reason_text(item: InboxFile, facts: FileFacts, rule: str, reason: str) -> str:
    """Given a quarantined file and why, return the text of its <name>.reason.txt."""
    return (
        f"文件 / file: {item.name}\n"
        f"规则 / rule: {rule}\n"
        f"原因 / reason: {reason}\n"
        f"SHA-256: {facts.sha256}\n"
        f"隔离时间 / quarantined at: {datetime.now(UTC).isoformat(timespec='seconds')}\n"
    )


def quarantine(out: Path, item: InboxFile, facts: FileFacts, rule: str, reason: str) -> Path:
    """Given a file that cannot be read, copy it to OUT/quarantine/ next to its reason; return the copy."""
    copy = out / QUARANTINE_DIR / output_stem(item.name)
    copy.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(item.path, copy)
    except OSError as error:
        logger.warning("cannot copy %s to quarantine: %s", item.path, error)
    write_text_atomically(copy.with_name(copy.name + REASON_SUFFIX), reason_text(item, facts, rule, reason))
    return copy
