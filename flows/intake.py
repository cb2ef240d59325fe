"""Stage `file_to_result`: one inbox file through the pipeline, every failure turned into a quarantine.

The file is read once (`read_inbox_file`): its bytes are hashed, and those same bytes are what the
pipeline parses, in a child process under a time and memory limit (`cluster_intake.contained`). A file
that cannot be read — a link, a special file, unreadable, too large — is identified by its path, size
and change time instead of a content hash, and is quarantined without being copied.

Bad input (IntakeError) is quarantined with the pipeline's own reason; any other exception is an internal
defect and is quarantined too (内部错误 + exception type), so one file never stops a batch.
KeyboardInterrupt and SystemExit are not caught: stopping a run stays possible.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cluster_intake.contained import Filing, filing_to_record
from cluster_intake.limits import ExtractionLimits
from extractors.errors import DocumentLoadError, IntakeError
from extractors.file_checks import MAX_FILING_BYTES, printable_name, read_regular_file
from flows.discovery import InboxFile
from flows.failures import stop_reason
from reports.verdict import QUARANTINED, verdict
from schema.exceptions import build_exception
from schema.rules_catalog import Profile
from store.repository import FileFacts, FilingResult

logger = logging.getLogger(__name__)

UNREADABLE_RULE = "file_unreadable"


@dataclass(frozen=True, slots=True)
class ReadFile:
    """An inbox file as the batch read it: its facts, and its bytes or why it could not be read."""

    facts: FileFacts
    data: bytes | None
    problem: IntakeError | None = None


def stored_path(item: InboxFile) -> str:
    """Given an inbox file, return the absolute path the store knows it by (its folder resolved, the
    file itself never followed), printable."""
    return printable_name(str(item.path.parent.resolve() / item.path.name))


def content_facts(item: InboxFile, data: bytes) -> FileFacts:
    """Given an inbox file and the bytes read from it, return its facts (SHA-256 of exactly those bytes)."""
    path = stored_path(item)
    return FileFacts(hashlib.sha256(data).hexdigest(), path, printable_name(item.path.name), len(data))


def unread_facts(item: InboxFile, problem: IntakeError) -> FileFacts:
    """Given an inbox file that could not be read and why, return facts identifying it by path, size and
    change time (a changed file is a new version; the same one is not tried again every night)."""
    path = stored_path(item)
    try:
        info = item.path.lstat()
        size, changed = info.st_size, info.st_mtime_ns
    except OSError:
        size, changed = 0, 0
    identity = f"unread:{path}:{size}:{changed}:{problem.reason_en}"
    return FileFacts(
        hashlib.sha256(identity.encode()).hexdigest(), path, printable_name(item.path.name), size
    )


def read_inbox_file(item: InboxFile, inbox: Path) -> ReadFile:
    """Given an inbox file and the inbox, return it read once (never through a link, never from outside
    the inbox, never more than the size limit)."""
    try:
        data = read_regular_file(item.path, MAX_FILING_BYTES, within=inbox)
    except DocumentLoadError as error:
        return ReadFile(unread_facts(item, error), None, error)
    problem = None if data else DocumentLoadError("文件为空", "the file is empty")
    return ReadFile(content_facts(item, data), data, problem)


def quarantine_result(rule: str, reason: str) -> FilingResult:
    """Given a document rule id and a bilingual reason, return the result of a quarantined file."""
    finding = build_exception(rule, params={"reason": reason})
    return FilingResult(record=None, exceptions=(finding,), status=QUARANTINED, quarantine_reason=reason)


def internal_error_reason(error: Exception) -> str:
    """Given an unexpected exception, return the bilingual quarantine reason naming its type."""
    return f"内部错误（{type(error).__name__}）/ internal error: {type(error).__name__}: {error}"


def file_to_result(
    item: InboxFile, read: ReadFile, profile: Profile | None, run_date: date | None, limits: ExtractionLimits
) -> FilingResult:
    """Given an inbox file as read, return its checked record, or the quarantine result of why it cannot
    be read."""
    if read.problem is not None or not read.data:
        problem = read.problem or DocumentLoadError("文件无法读取", "cannot read file")
        return quarantine_result(problem.rule, problem.one_line)
    try:
        record = filing_to_record(Filing(read.facts.file_name, read.data), profile, run_date, limits)
    except IntakeError as error:
        return quarantine_result(error.rule, error.one_line)
    except Exception as error:
        if stop_reason(error) is not None:  # the machine's disk, not the filing: stop the run
            raise
        logger.exception("internal error on %s", item.shown)
        return quarantine_result(UNREADABLE_RULE, internal_error_reason(error))
    return FilingResult(record=record, exceptions=tuple(record.exceptions), status=verdict(record.exceptions))
