"""Stage `finding_to_view`: everything the page of one finding shows, gathered from the store (no web code).

The value as written (the cell's text) and as read (typed, or as corrected); the item's label, year and
section; the fields the finding relates (the counts behind a ratio, the cover beside the body) side by side;
where the evidence is (a page and box of a PDF or scan, or a table cell of a Word file); the correction
form the field's type needs; the finding's history (its audit rows and the decisions on the same item of
earlier versions); the submission's 佐证材料 checklist; and the findings before and after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select

from reports.findings import value_text
from review.copies import load_submission
from review.effective import SINGLE
from review.queries import (
    AuditRow,
    FindingRow,
    audit_rows,
    earlier_decisions,
    finding_row,
    neighbours,
    submission_findings,
)
from review.refresh import corrected_primary
from schema.catalog import FieldSpec, load_field_catalogue
from schema.record import FieldEntry, Record
from store.review_tables import corrections
from store.tables import filings

STATUS_TEXT = {
    "explicit_none": "无",
    "missing": "（未填写）",
    "unreadable": "（无法辨认）",
    "invalid": "（无效）",
}


@dataclass(frozen=True, slots=True)
class CellView:
    """One cell beside the finding: its label, year, the value read and the text written."""

    field: str
    label: str
    year: str | None
    value: object
    raw: str | None
    corrected: bool


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where the finding's proof is: a page and box of a PDF or scan, or a table cell of a Word file."""

    kind: str  # "page" | "table" | "paragraph" | "none"
    filing_id: int
    sha256: str
    path: str
    source: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True, slots=True)
class FindingView:
    """The page of one finding."""

    finding: FindingRow
    form: str
    section_title: str
    label: str
    field_type: str | None
    options: dict[str, str]
    cell: CellView | None
    related: list[CellView]
    evidence: Evidence
    correction_version: int
    correctable: bool
    file_name: str
    history: list[AuditRow]
    earlier: list[AuditRow]
    checklist: list[FindingRow]
    previous: str | None
    next: str | None
    siblings: list[FindingRow] = field(default_factory=list)


def _cell(spec: FieldSpec, entry: FieldEntry | None, year: str | None, form: str) -> CellView:
    label = spec.shown_label(form)  # type: ignore[arg-type]
    if entry is None:
        return CellView(spec.id, label, year, None, None, False)
    value = entry.value.get(year) if year and isinstance(entry.value, dict) else entry.value
    raw = entry.raw.get(year) if year and isinstance(entry.raw, dict) else entry.raw
    corrected = bool(entry.corrections and (year or SINGLE) in entry.corrections)
    shown = value_text(spec, value) if value is not None else _status_text(entry, year)
    return CellView(spec.id, label, year, shown, raw if isinstance(raw, str) else None, corrected)


def _status_text(entry: FieldEntry, year: str | None) -> str:
    status = entry.status.get(year or "", "missing") if isinstance(entry.status, dict) else entry.status
    return {
        "explicit_none": "无",
        "missing": "（未填写）",
        "unreadable": "（无法辨认）",
        "invalid": "（无效）",
    }.get(status, "")


def _related(record: Record, finding: FindingRow) -> list[CellView]:
    """Given the record and a finding, return the cells it relates: the related fields in the finding's
    year (every year for a field without that year)."""
    specs = load_field_catalogue().by_id()
    cells = []
    for field_id in finding.related:
        spec = specs.get(field_id)
        if spec is None:
            continue
        years: list[str | None] = list(spec.year_keys) or [None]
        if finding.year and finding.year in spec.year_keys:
            years = [finding.year]
        for year in years:
            cells.append(_cell(spec, record.fields.get(field_id), year, record.form))
    return cells


def _evidence(connection: Connection, finding: FindingRow) -> tuple[Evidence, str]:
    row = connection.execute(select(filings).where(filings.c.id == finding.filing_id)).one()
    location = finding.location or {}
    source = str(location.get("source", "docx"))
    base = {"filing_id": row.id, "sha256": row.sha256, "path": row.path, "source": source}
    page, bbox = location.get("page"), location.get("bbox")
    if source in ("pdf", "ocr") and isinstance(page, int) and isinstance(bbox, list) and len(bbox) == 4:
        box = (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3]))
        return Evidence("page", page=page, bbox=box, **base), row.file_name
    table = location.get("table")
    if isinstance(table, int):
        row_no, col_no = location.get("row"), location.get("col")
        evidence = Evidence(
            "table",
            table=table,
            row=row_no if isinstance(row_no, int) else 0,
            col=col_no if isinstance(col_no, int) else 0,
            **base,
        )
        return evidence, row.file_name
    paragraph = location.get("paragraph")
    if isinstance(paragraph, int):
        return Evidence("paragraph", paragraph=paragraph, **base), row.file_name
    return Evidence("none", **base), row.file_name


def _correction_version(connection: Connection, filing_id: int, field_id: str, year: str | None) -> int:
    row = connection.execute(
        select(corrections.c.version).where(
            corrections.c.filing_id == filing_id,
            corrections.c.field_id == field_id,
            corrections.c.year == (year or SINGLE),
        )
    ).first()
    return int(row.version) if row is not None else 0


def finding_view(engine: Engine, finding_id: str) -> FindingView | None:
    """Given a finding id, return its page (None when it no longer stands)."""
    with engine.connect() as connection:
        finding = finding_row(connection, finding_id)
        if finding is None:
            return None
        state = load_submission(engine, finding.submission_id)
        if state is None:
            return None
        primary = corrected_primary(connection, state)
        on_primary = finding.filing_id == state.primary.filing_id
        owner = next((c for c in state.copies if c.filing_id == finding.filing_id), state.primary)
        record = primary if on_primary else owner.record
        evidence, file_name = _evidence(connection, finding)
        siblings = submission_findings(connection, finding.submission_id)
        spec = load_field_catalogue().by_id().get(finding.field or "")
        version = _correction_version(connection, state.primary.filing_id, finding.field or "", finding.year)
        history = audit_rows(connection, finding.submission_id, finding_id)
        earlier = earlier_decisions(connection, finding)
    previous, following = neighbours(siblings, finding_id)
    sections = {s.id: s.title_for(record.form) for s in load_field_catalogue().sections}
    return FindingView(
        finding=finding,
        form=record.form,
        section_title=sections.get(finding.section or "", ""),
        label=spec.shown_label(record.form) if spec else finding.title,
        field_type=spec.type if spec else None,
        options=dict(spec.options) if spec else {},
        cell=_cell(spec, record.fields.get(spec.id), finding.year, record.form) if spec else None,
        related=_related(primary, finding),
        evidence=evidence,
        correction_version=version,
        correctable=spec is not None and spec.id in primary.fields and spec.type != "target_table",
        file_name=file_name,
        history=history,
        earlier=earlier,
        checklist=[f for f in siblings if f.category == "evidence"],
        previous=previous,
        next=following,
        siblings=siblings,
    )
