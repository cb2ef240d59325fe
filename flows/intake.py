"""Stage `file_to_result`: one inbox file through the pipeline, every failure turned into a quarantine.

Bad input (IntakeError) is quarantined with the pipeline's own reason; any other exception is an internal
defect and is quarantined too (内部错误 + exception type), so one file never stops a batch.
KeyboardInterrupt and SystemExit are not caught: stopping a run stays possible.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path

from cluster_intake.pipeline import extract_record
from extractors.errors import IntakeError
from flows.discovery import InboxFile
from reports.verdict import QUARANTINED, verdict
from schema.exceptions import build_exception
from schema.rules_catalog import Profile
from store.repository import FileFacts, FilingResult, IntakeStore, StoredFiling

logger = logging.getLogger(__name__)

HASH_CHUNK = 1024 * 1024
UNREADABLE_RULE = "file_unreadable"


def file_facts(item: InboxFile) -> FileFacts:
    """Given an inbox file, return its content hash, absolute path, name and size.

    A file that cannot even be read is identified by its path instead (its extraction fails the same way).
    """
    digest = hashlib.sha256()
    try:
        with item.path.open("rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        digest = hashlib.sha256(f"unreadable:{item.path.resolve()}".encode())
    size = item.path.stat().st_size if item.path.exists() else 0
    return FileFacts(digest.hexdigest(), str(item.path.resolve()), item.path.name, size)


def quarantine_result(rule: str, reason: str) -> FilingResult:
    """Given a document rule id and a bilingual reason, return the result of a quarantined file."""
    finding = build_exception(rule, params={"reason": reason})
    return FilingResult(record=None, exceptions=(finding,), status=QUARANTINED, quarantine_reason=reason)


def internal_error_reason(error: Exception) -> str:
    """Given an unexpected exception, return the bilingual quarantine reason naming its type."""
    return f"内部错误（{type(error).__name__}）/ internal error: {type(error).__name__}: {error}"


def file_to_result(path: Path, profile: Profile | None, run_date: date | None) -> FilingResult:
    """Given a filing path, return its checked record, or the quarantine result of why it cannot be read."""
    try:
        record = extract_record(path, profile, run_date)
    except IntakeError as error:
        return quarantine_result(error.rule, error.one_line)
    except Exception as error:
        logger.exception("internal error on %s", path)
        return quarantine_result(UNREADABLE_RULE, internal_error_reason(error))
    return FilingResult(record=record, exceptions=tuple(record.exceptions), status=verdict(record.exceptions))


def stored_result(store: IntakeStore, stored: StoredFiling) -> FilingResult:
    """Given a filing already in the store, return its stored result without extracting it again."""
    if stored.form is None:
        items = tuple(store.load_exceptions(stored.id))
        return FilingResult(None, items, QUARANTINED, stored.quarantine_reason)
    record = store.load_record(stored.id)
    return FilingResult(record, tuple(record.exceptions), verdict(record.exceptions))
