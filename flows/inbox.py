"""Inbox life: an empty or missing inbox is reported, and a file still being copied is left for the next run.

A copy in progress is told by its size and modification time changing across a short wait (`--settle`,
default 2 s); such a file is skipped and listed, and read by the next run once it is complete. The batch
reads while it waits (`Settling`): what it read of a file is kept only if, the wait over, the file still
shows the stamp it had before it was read. Names of
partial downloads (`.part`, `.crdownload` …), lock files and hidden files never get here
(`flows.discovery.is_junk`). The inbox is only ever read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
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


@dataclass(frozen=True, slots=True)
class Settling:
    """The inventory with every file's stamp taken at one moment (`inventory_to_settling`). A file is taken
    when, once `seconds` have passed, it still shows that stamp: a copy in progress changes its size or
    time. The run reads files meanwhile and keeps only what was read of files found unchanged."""

    inventory: Inventory
    stamps: Mapping[InboxFile, Stamp]
    taken_at: float
    seconds: float

    def ready(self) -> bool:
        """Return whether the wait is over (files can be told apart now)."""
        return time.monotonic() >= self.taken_at + self.seconds

    def wait(self, sleep: Callable[[float], None] | None = None) -> None:
        """Wait for what is left of the settle time (nothing when it is over)."""
        remaining = self.taken_at + self.seconds - time.monotonic()
        if self.seconds > 0 and remaining > 0:
            (sleep or time.sleep)(remaining)

    def unchanged(self, item: InboxFile) -> bool:
        """Given a file of the inventory (once `ready`), return whether it shows the stamp it had."""
        return self.seconds <= 0 or stamp(item.path) == self.stamps.get(item)

    def settled(self, copying: Sequence[InboxFile]) -> Settled:
        """Given the files found still being copied, return the inventory without them (they are among its
        skipped files, with the reason)."""
        for item in copying:
            logger.info("%s is still being copied; it will be read by the next run", item.name)
        left = set(copying)
        filings = tuple(item for item in self.inventory.filings if item not in left)
        waiting = (SkippedEntry(item, COPYING_REASON) for item in copying)
        skipped = tuple(sorted((*self.inventory.skipped, *waiting), key=lambda entry: entry.item.name))
        return Settled(
            Inventory(filings, skipped), tuple(item for item in self.inventory.filings if item in left)
        )


def inventory_to_settling(inventory: Inventory, seconds: float) -> Settling:
    """Given the inventory and the settle time, stamp every file now; return the settling inventory."""
    stamps = {item: stamp(item.path) for item in inventory.filings} if seconds > 0 else {}
    return Settling(inventory, stamps, time.monotonic(), seconds)


def inventory_to_settled(
    inventory: Inventory, seconds: float, sleep: Callable[[float], None] | None = None
) -> Settled:
    """Given the inventory and the settle wait, wait; return it without the files that changed meanwhile."""
    settling = inventory_to_settling(inventory, seconds)
    settling.wait(sleep)
    return settling.settled([item for item in inventory.filings if not settling.unchanged(item)])
