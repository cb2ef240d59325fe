"""Inbox life: an empty or missing inbox is reported, and a file still being copied is left for the next run.

A copy in progress is told by its size and modification time changing across a short wait (`--settle`,
default 2 s); such a file is skipped and listed, and read by the next run once it is complete. Names of
partial downloads (`.part`, `.crdownload` …), lock files and hidden files never get here
(`flows.discovery.is_junk`). The inbox is only ever read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flows.discovery import InboxFile, Inventory, SkippedEntry

logger = logging.getLogger(__name__)

Stamp = tuple[int, int] | None
COPYING_REASON = "仍在复制，下次运行读取 / still being copied, read by the next run"


class InboxEmptyError(RuntimeError):
    """Raised when the inbox is missing or holds no file to read (an unmounted share looks like this)."""


@dataclass(frozen=True, slots=True)
class Settled:
    """The inventory once the copies in progress are set aside (they are among its skipped files too)."""

    inventory: Inventory
    copying: tuple[InboxFile, ...]


def inbox_problem(inbox: Path, inventory: Inventory | None) -> str | None:
    """Given the inbox and its inventory (None when not taken), return why nothing can be read, or None."""
    if not inbox.is_dir():
        return f"输入文件夹不存在或未挂载 / inbox is missing (not mounted?): {inbox}"
    if inventory is not None and not inventory.filings:
        return f"输入文件夹中没有申报文件 / inbox is empty: {inbox} ({inventory.found} files skipped)"
    return None


def stamp(path: Path) -> Stamp:
    """Given a file, return its (size, modification time in ns), or None when it cannot be read."""
    try:
        facts = path.stat()
    except OSError:
        return None
    return facts.st_size, facts.st_mtime_ns


def inventory_to_settled(
    inventory: Inventory, seconds: float, sleep: Callable[[float], None] | None = None
) -> Settled:
    """Given the inventory and the settle wait, return it without the files that changed during the wait."""
    if seconds <= 0 or not inventory.filings:
        return Settled(inventory, ())
    before = [stamp(item.path) for item in inventory.filings]
    (sleep or time.sleep)(seconds)
    copying = tuple(
        item for item, first in zip(inventory.filings, before, strict=True) if stamp(item.path) != first
    )
    for item in copying:
        logger.info("%s is still being copied; it will be read by the next run", item.name)
    filings = tuple(item for item in inventory.filings if item not in copying)
    waiting = (SkippedEntry(item, COPYING_REASON) for item in copying)
    skipped = tuple(sorted((*inventory.skipped, *waiting), key=lambda entry: entry.item.name))
    return Settled(Inventory(filings, skipped), copying)
