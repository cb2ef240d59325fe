"""What the report writers are given about one filing of a run."""

from __future__ import annotations

from dataclasses import dataclass

from schema.record import ExceptionItem, Record
from validators.values import text_at

NAME_FIELDS = ("cover.cluster_name", "basic.cluster_name")


@dataclass(frozen=True, slots=True)
class FilingReport:
    """One input file of a run: inbox-relative name, record (None if quarantined), all its findings."""

    name: str
    record: Record | None
    exceptions: tuple[ExceptionItem, ...]
    quarantine_reason: str | None = None
    reused: bool = False

    @property
    def quarantined(self) -> bool:
        return self.record is None

    @property
    def cluster_name(self) -> str:
        """Return the cluster name written on the form (cover first), or "" when there is none."""
        if self.record is None:
            return ""
        names = (text_at(self.record.fields.get(field_id)) for field_id in NAME_FIELDS)
        return next((name for name in names if name), "")
