"""The limits of reading one filing (time and memory), as a validated object with one `resolve()` entry.

Settings (environment): EXTRACT_TIME_LIMIT (seconds per filing, default 60), EXTRACT_TIME_PER_PAGE
(seconds added for each page of a PDF or image file, default 15: a scanned page takes 2.5–3 s on an idle
2-core machine), EXTRACT_MEMORY_LIMIT_MB (address space of the reading process, default 3072: reading a
scan with the default two page workers reserves about 2.2 GB of address space and uses 1.25 GB).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from extractors.errors import SettingsError

MEGABYTE = 1024 * 1024
DEFAULT_SECONDS = 60.0
DEFAULT_SECONDS_PER_PAGE = 15.0
DEFAULT_MEMORY_MB = 3072
MIN_MEMORY_MB = 256


@dataclass(frozen=True, slots=True)
class ExtractionLimits:
    """seconds: time for one filing; seconds_per_page: added per page of a PDF or image file;
    memory_bytes: address-space limit of the process that reads it."""

    seconds: float = DEFAULT_SECONDS
    seconds_per_page: float = DEFAULT_SECONDS_PER_PAGE
    memory_bytes: int = DEFAULT_MEMORY_MB * MEGABYTE

    def __post_init__(self) -> None:
        if not (self.seconds > 0 and self.seconds_per_page >= 0):
            raise ValueError("time limits must be positive")
        if self.memory_bytes < MIN_MEMORY_MB * MEGABYTE:
            raise ValueError(f"the memory limit must be at least {MIN_MEMORY_MB} MB")

    def seconds_for(self, pages: int) -> float:
        """Given a file's page count (0 when it has no pages to render), return its time limit."""
        return self.seconds + self.seconds_per_page * max(pages, 0)

    @classmethod
    def resolve(cls, environ: Mapping[str, str] | None = None) -> ExtractionLimits:
        """Given environment variables (default: os.environ), return the limits they set; raise
        SettingsError naming the variable for a value that is not a number in range."""
        env = os.environ if environ is None else environ
        seconds = _number(env, "EXTRACT_TIME_LIMIT", DEFAULT_SECONDS)
        per_page = _number(env, "EXTRACT_TIME_PER_PAGE", DEFAULT_SECONDS_PER_PAGE)
        memory_mb = _number(env, "EXTRACT_MEMORY_LIMIT_MB", DEFAULT_MEMORY_MB)
        try:
            return cls(seconds, per_page, int(memory_mb * MEGABYTE))
        except ValueError as error:
            raise SettingsError("EXTRACT_TIME_LIMIT / EXTRACT_MEMORY_LIMIT_MB", str(error)) from error


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name)
    if text is None or not text.strip():
        return default
    try:
        return float(text)
    except ValueError as error:
        raise SettingsError(name, f"not a number: {text!r}") from error
