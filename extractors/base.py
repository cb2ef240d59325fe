"""The backend interface: one extractor class per input format, each producing the common document."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from schema.document import ExtractedDocument


class Extractor(ABC):
    """Turns one input file into the common intermediate form (`ExtractedDocument`)."""

    @classmethod
    @abstractmethod
    def supported_suffixes(cls) -> frozenset[str]:
        """Return the lower-case file suffixes this backend reads (e.g. {".docx"})."""

    @abstractmethod
    def extract(self, path: Path) -> ExtractedDocument:
        """Given a file path, return its document, or raise an `IntakeError` subclass for bad input."""
