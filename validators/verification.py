"""Stage `copies_to_verification`: a scan read against the electronic copy of its submission.

A call asks for the Word file and the stamped paper copy of each filing; the paper exists to prove the
seals and that the signed page says what the electronic copy says. So a scan is not judged alone: for
every compared cell (field and year; the seal fields are what only paper shows and are read as always),
the electronic copy's value is the expected one and the scan's reading of the cell is the evidence
(`validators.paper_evidence`). Each cell ends one of three ways:
- **verified** — the evidence agrees: the cell takes the electronic value, its provenance says
  `verified_against` (the electronic copy's file name), and its reading flags (`READING_DOUBTS`:
  low_confidence, seal_over_value, layout_changed) are dropped;
- **mismatch** — the evidence contradicts (a different number, a tick moved, a name changed, a sentence
  edited): `paper_electronic_mismatch` with both values and the cell's place on the scan, which replaces
  the cell's reading flags;
- **unchanged** — the page shows too little either way: the ordinary reading and its flag stay.

A contradiction in characters the engine itself doubted (a low score, a seal over the text, a page
cut, ink not read) is a mismatch only when it is larger than such a misreading (`CLEAR`); below that the
cell stays flagged. A doubted number whose reading only lost digits (`18` for `18.93`), or one under a
seal read at a low score, shows too little however many digits differ. A cell whose electronic
reading is itself doubted is left unchanged.
`verification_to_record` applies a verification to the scan's record (the validators run again where a
verified value replaced another reading). Pure: records in, records out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

from pydantic import JsonValue

from extractors.mapping.choices import surely_read_options
from schema.catalog import FieldSpec, FormId, load_field_catalogue
from schema.document import BOX_DOUBT, FORMAT_DOUBT, LOW_SCORE_DOUBT
from schema.finding_ids import with_finding_ids
from schema.record import (
    ExceptionItem,
    FieldEntry,
    Provenance,
    Record,
    Status,
    location_at,
    raw_at,
    status_at,
    value_at,
)
from schema.rules_catalog import Profile
from validators.engine import reading_findings, validate
from validators.exceptions import build_exception
from validators.field_rules import year_slots
from validators.paper_evidence import CellPair, Evidence, cell_to_evidence
from validators.paper_text import fold

READING_DOUBTS = frozenset({"layout_changed", "low_confidence", "seal_over_value"})
"""Findings of the reading itself: a cell they name is doubted (on paper, the operator's to confirm; in a
PDF export, a tick drawn as a missing glyph is no answer)."""
TRUSTED_REASONS = frozenset({"repaired", "glyph_in_text", "count_names_mismatch"})
"""Doubts that leave the characters read as evidence: a number's point repaired (its digits stand), a box
glyph inside a text (no evidence at that character only), names not as many as their count."""
BOX_DOUBTS = frozenset({"box_uncertain", "seal_over_value", "layout_changed", "unread_ink"})
"""Doubts about a choice's boxes (undecided or placed where print puts them, a seal's ink, options not all
found, ink nobody read); a low score or a page cut doubt its words, not the marks of its boxes."""
SEAL_DOUBT_RULE = "seal_over_value"
LAYOUT_RULE = "layout_changed"
CLEAR: Mapping[str, tuple[int, float]] = MappingProxyType(
    {"choice": (2, 0.0), "multi_choice": (2, 0.0), "number": (2, 0.0), "text": (3, 0.2)}
)
"""In a doubted reading, a contradiction counts from (size, share of the expected text) on: a choice from
two boxes (a tick moved away and found elsewhere), a number from two digits, a text from three
characters and a fifth of its length."""
SEALED_LOW = frozenset({SEAL_DOUBT_RULE, LOW_SCORE_DOUBT})
"""A number under a seal and read at a low score: its digits are the seal's ink as much as the number's,
so no contradiction in them is clear (nor, under any doubt, digits only lost: `18` for `18.93`)."""
NUMBER_TYPES = frozenset({"integer", "decimal", "percent"})
MISSING_TEXT = "（未填写）"
Outcome = Literal["verified", "mismatch", "unchanged"]
Cell = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class CellVerdict:
    """How one cell of a scan stands against the electronic copy."""

    field: str
    year: str | None
    outcome: Outcome
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Verification:
    """A scan read against an electronic copy: every compared cell's verdict and the mismatches."""

    scan: str
    against: str
    verdicts: tuple[CellVerdict, ...]
    mismatches: tuple[ExceptionItem, ...]

    def cells(self, outcome: Outcome) -> frozenset[Cell]:
        """Given an outcome, return the cells that ended so."""
        return frozenset((v.field, v.year) for v in self.verdicts if v.outcome == outcome)

    @property
    def settled(self) -> frozenset[Cell]:
        """The cells the verification decided (verified or mismatched): their reading flags go."""
        return self.cells("verified") | self.cells("mismatch")


def compared_specs(record: Record) -> list[FieldSpec]:
    """Given a record, return the fields a scan is verified on (every field but the scan-only seals)."""
    return [spec for spec in load_field_catalogue().fields_for(record.form) if not spec.scan_only]


def doubts_by_cell(record: Record) -> dict[Cell, set[str]]:
    """Given a record, return the reading doubts on each cell (year None: the whole field) as reason
    codes (`seal_over_value` and `layout_changed` by their rule id)."""
    found: dict[Cell, set[str]] = {}
    for item in record.exceptions:
        if item.field and item.rule in READING_DOUBTS:
            found.setdefault((item.field, item.year), set()).add(item.reason or item.rule)
    return found


def _doubts_at(doubts: Mapping[Cell, set[str]], field: str, year: str | None) -> set[str]:
    return doubts.get((field, year), set()) | (doubts.get((field, None), set()) if year else set())


def _reading_doubts(spec: FieldSpec, doubts: set[str], electronic: Record, year: str | None) -> set[str]:
    """Given a scan cell's doubts, return those about its reading: a number not understood on paper
    (`约61`: format_suspect) is the filer's shape, not the engine's, when the electronic copy's number is
    not understood either (`约21`), so its digits are evidence."""
    entry = electronic.fields.get(spec.id)
    if spec.type in NUMBER_TYPES and entry is not None and status_at(entry, year) == "invalid":
        return doubts - {FORMAT_DOUBT}
    return doubts


def copies_to_verification(scan: Record, scan_name: str, electronic: Record, against: str) -> Verification:
    """Given a scan's record and name, and the electronic copy's record and name, return the scan read
    against it: the verdict of every compared cell and a mismatch finding for each contradiction."""
    scan_doubts, typed_doubts = doubts_by_cell(scan), doubts_by_cell(electronic)
    scan_texts, typed_texts = cell_texts(scan), cell_texts(electronic)
    verdicts: list[CellVerdict] = []
    mismatches: list[ExceptionItem] = []
    for spec in compared_specs(electronic):
        for year in year_slots(spec):
            if _doubts_at(typed_doubts, spec.id, year):
                continue
            pair = _cell_pair(spec, year, scan.fields.get(spec.id), electronic.fields.get(spec.id), scan.form)
            if pair is None:
                continue
            evidence = cell_to_evidence(pair)
            doubts = _reading_doubts(spec, _doubts_at(scan_doubts, spec.id, year), electronic, year)
            outcome = _outcome(spec, evidence, doubts)
            if (
                outcome == "mismatch"
                and _kind(spec) == "text"
                and _read_elsewhere((spec.id, year), scan_texts, typed_texts)
            ):
                outcome = "unchanged"
            verdicts.append(CellVerdict(spec.id, year, outcome, evidence))
            if outcome == "mismatch":
                mismatches.append(_mismatch(spec, year, evidence, scan))
    return Verification(scan_name, against, tuple(verdicts), tuple(mismatches))


MIN_PLACED_TEXT = 2
"""Folded characters from which a reading is weighed against the other cells' texts."""


def cell_texts(record: Record) -> dict[Cell, str]:
    """Given a record, return every cell's raw text folded (cells without text left out)."""
    texts: dict[Cell, str] = {}
    for field_id, entry in record.fields.items():
        years = list(entry.status) if isinstance(entry.status, dict) else [None]
        for year in years:
            raw = raw_at(entry, year)
            if raw and len(folded := fold(raw)) >= MIN_PLACED_TEXT:
                texts[(field_id, year)] = folded
    return texts


def _read_elsewhere(cell: Cell, scan_texts: Mapping[Cell, str], typed_texts: Mapping[Cell, str]) -> bool:
    """Whether the scan's reading of a cell belongs to another cell: it is what the electronic copy holds
    in another cell (the engine gave a row's value to its neighbour: two contacts or phones swapped), or the
    scan read the very same text for another cell whose electronic texts differ (one region given to two
    cells). Either way the page says nothing about this cell. Weighed on texts only: a tick or a number
    often reads like another cell's."""
    read = scan_texts.get(cell)
    if read is None:
        return False
    for other, text in typed_texts.items():
        if other != cell and text == read:
            return True
    return any(
        other != cell and text == read and typed_texts.get(other) != typed_texts.get(cell)
        for other, text in scan_texts.items()
    )


def _cell_pair(
    spec: FieldSpec, year: str | None, paper: FieldEntry | None, typed: FieldEntry | None, form: FormId
) -> CellPair | None:
    """Given a cell of both copies, return what is compared (None: nothing to verify — the electronic
    cell is empty or unreadable, or the scan did not read the cell at all). An invalid electronic cell
    (two boxes ticked in a single choice, `约20` in a number cell) is compared by its text."""
    if typed is None or paper is None or location_at(paper, year) is None:
        return None
    status = status_at(typed, year)
    corrected = bool(typed.corrections and (year or "") in typed.corrections)
    expected_text = None if corrected else raw_at(typed, year)
    if status not in ("present", "explicit_none") and not (status == "invalid" and expected_text):
        return None
    readings = [raw_at(paper, year), _read_as(paper, year)]
    return CellPair(
        spec=spec,
        expected_text=expected_text,
        expected_value=_cell_value(typed, year),
        readings=tuple(text for text in readings if text),
        paper_value=value_at(paper, year),
        label=spec.shown_label(form),
        sure_options=_sure_options(spec, paper, year),
    )


def _sure_options(spec: FieldSpec, paper: FieldEntry, year: str | None) -> frozenset[str]:
    """A scanned choice's options whose boxes were each read at or above the threshold (none unless the
    reading kept whether each box was doubted)."""
    location, raw = location_at(paper, year), raw_at(paper, year)
    if spec.type not in ("choice", "multi_choice") or location is None or not raw or not location.mark_doubts:
        return frozenset()
    return surely_read_options(raw, spec.options, location.mark_doubts)


def _cell_value(entry: FieldEntry, year: str | None) -> JsonValue:
    """A present value, or the explicit none's text (`无`) as the value a text shows."""
    value = value_at(entry, year)
    if value is None and status_at(entry, year) == "explicit_none":
        return raw_at(entry, year) or "无"
    return value


def _read_as(entry: FieldEntry, year: str | None) -> str | None:
    location = location_at(entry, year)
    return location.read_as if location is not None else None


def _outcome(spec: FieldSpec, evidence: Evidence, doubts: set[str]) -> Outcome:
    """Given a cell's evidence and the doubts on its reading, return its outcome."""
    if evidence.finding == "agrees":
        return "verified"
    if evidence.finding == "unclear":
        return "unchanged"
    if not _doubting(spec, doubts):
        return "mismatch"
    if _kind(spec) == "number" and (evidence.lost or doubts >= SEALED_LOW):
        return "unchanged"
    if _clear(spec, evidence) or _surely_read(evidence, doubts):
        return "mismatch"
    return "unchanged"


def _surely_read(evidence: Evidence, doubts: set[str]) -> bool:
    """Whether a choice's contradiction stands at boxes read surely while its doubts are about other
    boxes (a hand tick read at a low score, a mark undecided or an option's words not found elsewhere in
    the cell; no seal over it)."""
    return evidence.sure and doubts <= {BOX_DOUBT, LAYOUT_RULE}


def _doubting(spec: FieldSpec, doubts: set[str]) -> bool:
    """Whether the doubts on a cell's reading touch the evidence its type is judged on."""
    if spec.type in ("choice", "multi_choice"):
        return bool(doubts & BOX_DOUBTS)
    return not doubts <= TRUSTED_REASONS


def _clear(spec: FieldSpec, evidence: Evidence) -> bool:
    """Whether a contradiction is larger than the misreading its doubt could explain."""
    size, share = CLEAR[_kind(spec)]
    return evidence.size >= size and evidence.share >= share


def _kind(spec: FieldSpec) -> str:
    """A field's kind of evidence: boxes (choice, multi_choice), digits (number) or characters (text)."""
    if spec.type in ("choice", "multi_choice"):
        return spec.type
    return "number" if spec.type in NUMBER_TYPES else "text"


def _mismatch(spec: FieldSpec, year: str | None, evidence: Evidence, scan: Record) -> ExceptionItem:
    """Given a contradicted cell, return its paper_electronic_mismatch (on the scan, at the cell)."""
    entry = scan.fields.get(spec.id)
    return build_exception(
        "paper_electronic_mismatch",
        field=spec,
        label=spec.shown_label(scan.form),
        year=year,
        params={"paper_value": _shown(evidence.paper), "electronic_value": _shown(evidence.expected)},
        value=value_at(entry, year),
        location=location_at(entry, year),
    )


def _shown(text: str) -> str:
    """A value as the message shows it: without the full stop the message adds, `（未填写）` when empty."""
    return text.rstrip("。.") or MISSING_TEXT


def verification_to_record(
    scan: Record,
    verification: Verification,
    electronic: Record,
    profile: Profile | None = None,
    run_date: date | None = None,
) -> Record:
    """Given a scan's record, its verification and the electronic record (and the criteria and date the
    scan was checked with), return the scan's record as verified: verified cells hold the electronic
    value with `verified_against` in their provenance (the engine's text kept in `read_as` where the value
    changed), the reading flags of every settled cell are dropped, and where a value changed the
    validators' findings are those of the verified values."""
    fields = dict(scan.fields)
    changed = False
    for field_id, year in sorted(verification.cells("verified"), key=lambda c: (c[0], c[1] or "")):
        typed = electronic.fields.get(field_id)
        if typed is not None and field_id in fields:
            before = fields[field_id]
            fields[field_id] = _verified_entry(before, typed, year, verification.against)
            changed = changed or _cell_changed(before, fields[field_id], year)
    reading = reading_findings(scan, profile, run_date) if changed else list(scan.exceptions)
    kept = [item for item in reading if not _settled_flag(item, verification.settled)]
    verified = scan.model_copy(update={"fields": fields, "exceptions": kept})
    if not changed:
        return verified
    found = [*kept, *validate(verified, profile, run_date=run_date)]
    items = with_finding_ids(found, scan.sha256) if scan.sha256 else found
    return verified.model_copy(update={"exceptions": items})


def _cell_changed(before: FieldEntry, after: FieldEntry, year: str | None) -> bool:
    same_value = value_at(before, year) == value_at(after, year)
    return not same_value or status_at(before, year) != status_at(after, year)


def _settled_flag(item: ExceptionItem, settled: frozenset[Cell]) -> bool:
    """Whether a finding is a reading flag on a settled cell (a whole-field flag: every cell settled)."""
    if item.rule not in READING_DOUBTS or item.field is None:
        return False
    if item.year is not None:
        return (item.field, item.year) in settled
    spec = load_field_catalogue().by_id().get(item.field)
    years = year_slots(spec) if spec is not None else (None,)
    return all((item.field, year) in settled for year in years)


def _verified_entry(paper: FieldEntry, typed: FieldEntry, year: str | None, against: str) -> FieldEntry:
    """Given a scan's entry, the electronic entry and a verified cell, return the scan's entry with the
    cell verified."""
    value, status = value_at(typed, year), status_at(typed, year)
    old = location_at(paper, year)
    changed = value_at(paper, year) != value or status_at(paper, year) != status
    provenance = _verified_provenance(old, raw_at(paper, year) if changed else None, against)
    if year is None:
        return paper.model_copy(update={"value": value, "status": status, "provenance": provenance})
    values = dict(paper.value) if isinstance(paper.value, dict) else {}
    statuses: dict[str, Status] = dict(paper.status) if isinstance(paper.status, dict) else {}
    provenances = dict(paper.provenance) if isinstance(paper.provenance, dict) else {}
    values[year], statuses[year], provenances[year] = value, status, provenance
    return paper.model_copy(update={"value": values, "status": statuses, "provenance": provenances})


def _verified_provenance(old: Provenance | None, read: str | None, against: str) -> Provenance | None:
    """The provenance of a verified cell: the same place, no doubt, verified against the copy, and the
    engine's own text in `read_as` when the verified value replaced another reading."""
    if old is None:
        return None
    update: dict[str, object] = {"verified_against": against, "doubt": None}
    if read is not None and old.read_as is None:
        update["read_as"] = read
    return old.model_copy(update=update)
