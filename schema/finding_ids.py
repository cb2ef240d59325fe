"""Stable finding ids: the same file content, rule, field, year and reason give the same id on every run.

An operator's decision (accepted, corrected, returned) hangs on the id, so it must not depend on anything a
re-run changes: not on the run, the time, the message wording, the value read, or the store's row numbers.
Two findings of one filing with the same key (two target-table rows failing the same rule) are told apart
by their order among those findings, which the validators keep stable.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from schema.record import ExceptionItem

ID_PREFIX = "F"
ID_HEX_LENGTH = 20


def finding_key(item: ExceptionItem) -> tuple[str, str, str, str]:
    """Given a finding, return what identifies it within one file: rule, field, year and reason."""
    return item.rule, item.field or "", item.year or "", item.reason or ""


def finding_id(sha256: str, key: tuple[str, str, str, str], occurrence: int = 0) -> str:
    """Given the file's content hash, a finding key and its occurrence among equal keys, return its id."""
    text = "\x1f".join((sha256, *key, str(occurrence)))
    return ID_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_LENGTH]


def with_finding_ids(items: Iterable[ExceptionItem], sha256: str) -> list[ExceptionItem]:
    """Given a file's findings in finding order and its content hash, return them with their stable ids."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    identified: list[ExceptionItem] = []
    for item in items:
        key = finding_key(item)
        identified.append(item.model_copy(update={"id": finding_id(sha256, key, seen[key])}))
        seen[key] += 1
    return identified
