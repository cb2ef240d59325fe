"""The JSON record of one filing (spec README "Record shape"), its exceptions, and the typed accessors of
one field's cells (status, value, number, text, ticked options, region part, location) that validators,
reports, the review station and the mapper read a record through."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue
from pydantic_core import to_json

from schema.catalog import FormId
from schema.rules_catalog import Severity

Status = Literal["present", "explicit_none", "missing", "unreadable", "invalid"]
STATUSES: tuple[Status, ...] = ("present", "explicit_none", "missing", "unreadable", "invalid")
Verdict = Literal["passed", "needs_review", "failed"]
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
    mark_doubts: tuple[bool, ...] | None = None
    """A scanned cell's marks (`MARKS`: boxes and tick marks), in the order of its text: whether each was
    read below the confidence threshold (absent when not known). A doubt about one box is not a doubt
    about the others."""


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


# Typed accessors over one FieldEntry: status, value, number, text, choice and location of a cell.


@dataclass(frozen=True, slots=True)
class NamedCount:
    """The 数量：__个 名称：__ pattern."""

    count: int | None
    names: tuple[str, ...]


def status_at(entry: FieldEntry | None, year: str | None = None) -> Status:
    """Given an entry (absent = None) and a year key, return that cell's status."""
    if entry is None:
        return "missing"
    if isinstance(entry.status, dict):
        return entry.status.get(year or "", "missing")
    return entry.status


def value_at(entry: FieldEntry | None, year: str | None = None) -> JsonValue:
    """Given an entry and a year key, return the cell's value when its status is present, else None."""
    if entry is None or status_at(entry, year) != "present":
        return None
    if isinstance(entry.status, dict):
        return entry.value.get(year or "") if isinstance(entry.value, dict) else None
    return entry.value


def as_number(value: JsonValue) -> float | None:
    """Given a JSON value, return it as a float when it is a number (booleans are not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def number_at(entry: FieldEntry | None, year: str | None = None) -> float | None:
    """Given an entry and a year key, return the present number there, else None."""
    return as_number(value_at(entry, year))


def text_at(entry: FieldEntry | None) -> str | None:
    """Given a text-like entry, return its present string value, else None."""
    value = value_at(entry)
    return value if isinstance(value, str) else None


def ticked(entry: FieldEntry | None) -> tuple[str, ...]:
    """Given a choice or multi_choice entry, return the ticked option ids (present values only)."""
    value = value_at(entry)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def named_count_at(entry: FieldEntry | None) -> NamedCount | None:
    """Given a named_count entry, return its count and names when present."""
    value = value_at(entry)
    if not isinstance(value, dict):
        return None
    count = value.get("count")
    names = value.get("names")
    return NamedCount(
        count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        names=tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else (),
    )


def region_part(entry: FieldEntry | None, part: str) -> str | None:
    """Given a region entry and "province"/"city"/"county", return that name when present."""
    value = value_at(entry)
    name = value.get(part) if isinstance(value, dict) else None
    return name if isinstance(name, str) and name else None


def location_at(entry: FieldEntry | None, year: str | None = None) -> Provenance | None:
    """Given an entry and a year key, return the provenance of that cell (per-year maps included)."""
    if entry is None or entry.provenance is None:
        return None
    if isinstance(entry.provenance, dict):
        return entry.provenance.get(year or "")
    return entry.provenance


def stored_at(entry: FieldEntry, year: str | None = None) -> JsonValue:
    """Given an entry and a year key (None for the whole field), return the value stored there whatever its
    status (an invalid cell keeps what was read)."""
    if year is not None and isinstance(entry.value, dict):
        return entry.value.get(year)
    return entry.value


def raw_at(entry: FieldEntry | None, year: str | None = None) -> str | None:
    """Given an entry and a year key, return the verbatim text read in that cell, if kept."""
    if entry is None:
        return None
    return entry.raw.get(year or "") if isinstance(entry.raw, dict) else entry.raw


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
    verdict: Verdict | None = None
    """This file's verdict from its findings (its own and the batch's), set where records are written."""
    run_id: int | None = None
    """The batch run that read this file last (the store's runs.id), set where records are written."""
    fields: dict[str, FieldEntry]
    exceptions: list[ExceptionItem] = Field(default_factory=list)

    def to_json_text(self) -> str:
        """Return the record's JSON file text: the spec's shape (`to_jsonable`), indented by 2, non-ASCII
        kept, ending with a newline (what json.dumps(indent=2, ensure_ascii=False) writes, ≈7× faster)."""
        return to_json(self.to_jsonable(), indent=2).decode("utf-8") + "\n"

    def to_jsonable(self) -> dict[str, JsonValue]:
        """Return the record in the spec's JSON shape; empty raw/provenance keys are left out."""
        return {
            "spec_version": self.spec_version,
            "form": self.form,
            "source": self.source,
            **({"sha256": self.sha256} if self.sha256 else {}),
            **({"submission_id": self.submission_id} if self.submission_id else {}),
            **({"verdict": self.verdict} if self.verdict else {}),
            **({"run_id": self.run_id} if self.run_id is not None else {}),
            "fields": {field_id: entry.to_jsonable() for field_id, entry in self.fields.items()},
            "exceptions": [item.model_dump(mode="json", exclude_none=True) for item in self.exceptions],
        }
