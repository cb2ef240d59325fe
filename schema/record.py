"""The JSON record of one filing (spec README "Record shape"), and its exceptions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from schema.catalog import FormId
from schema.rules_catalog import Severity

Status = Literal["present", "explicit_none", "missing", "unreadable", "invalid"]
STATUSES: tuple[Status, ...] = ("present", "explicit_none", "missing", "unreadable", "invalid")
SPEC_VERSION = 1


class Provenance(BaseModel):
    """Where a value came from: page + bbox for PDFs and scans, table/row/col for docx."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: Literal["docx", "pdf", "ocr", "doc"] = "docx"
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    paragraph: int | None = None
    converted_from: str | None = None
    confidence: float | None = None
    doubt: str | None = None
    """Why the reading of this value is doubtful (a low_confidence reason code), decided by the backend."""
    read_as: str | None = None
    """What the engine read before a repair rule changed it (scans only), or before the value was
    verified against an electronic copy that the page agrees with."""
    verified_against: str | None = None
    """A scan's value the page shows as the submission's electronic copy has it: that copy's file name
    (inbox-relative). Set by the batch (`validators.verification`); absent on an unverified reading."""


class CorrectionNote(BaseModel):
    """An operator's correction of one cell, with the machine reading it replaced (kept beside it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    machine_value: JsonValue = None
    machine_status: Status
    by: str
    at: str


class FieldEntry(BaseModel):
    """One field of a record: value + status (both keyed by year for year series).

    `corrections` (exports of the review station only) marks the cells an operator corrected, keyed by
    year ("" for a field without years)."""

    model_config = ConfigDict(extra="forbid")

    value: JsonValue = None
    status: Status | dict[str, Status]
    raw: str | dict[str, str | None] | None = None
    provenance: Provenance | dict[str, Provenance | None] | None = None
    corrections: dict[str, CorrectionNote] | None = None

    def to_jsonable(self) -> dict[str, JsonValue]:
        """Return {"value", "status"} plus raw and provenance when they hold something."""
        out: dict[str, JsonValue] = {"value": self.value, "status": self.status}  # type: ignore[dict-item]
        if self.raw is not None:
            out["raw"] = self.raw  # type: ignore[assignment]
        if isinstance(self.provenance, Provenance):
            out["provenance"] = self.provenance.model_dump(mode="json", exclude_none=True)
        elif self.provenance is not None:
            out["provenance"] = {
                year: p.model_dump(mode="json", exclude_none=True) if p else None
                for year, p in self.provenance.items()
            }
        if self.corrections:
            out["corrections"] = {
                year: note.model_dump(mode="json") for year, note in self.corrections.items()
            }
        return out


class ExceptionItem(BaseModel):
    """One finding about a filing (spec README "Exceptions").

    `id` is stable for the same file content, rule, field, year and reason (see `schema.finding_ids`);
    `reason` is a code of the rule's `reasons:` (required for low_confidence)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    rule: str
    reason: str | None = None
    severity: Severity
    field: str | None = None
    year: str | None = None
    message: str
    value: JsonValue = None
    location: Provenance | None = None
    related: list[str] = Field(default_factory=list)


class Record(BaseModel):
    """The structured record of one filing, keyed by field ids of its form."""

    model_config = ConfigDict(extra="forbid")

    spec_version: int = SPEC_VERSION
    form: FormId
    source: str
    sha256: str | None = None
    """SHA-256 of the exact bytes the record was read from (finding ids derive from it)."""
    submission_id: str | None = None
    """The submission (one filing's Word / PDF / scan copies) this file belongs to, set by the batch."""
    fields: dict[str, FieldEntry]
    exceptions: list[ExceptionItem] = Field(default_factory=list)

    def to_jsonable(self) -> dict[str, JsonValue]:
        """Return the record in the spec's JSON shape; empty raw/provenance keys are left out."""
        return {
            "spec_version": self.spec_version,
            "form": self.form,
            "source": self.source,
            **({"sha256": self.sha256} if self.sha256 else {}),
            **({"submission_id": self.submission_id} if self.submission_id else {}),
            "fields": {field_id: entry.to_jsonable() for field_id, entry in self.fields.items()},
            "exceptions": [item.model_dump(mode="json", exclude_none=True) for item in self.exceptions],
        }
