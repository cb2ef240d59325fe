"""What only a scan adds to mapping: seal fields from the seals found, and OCR findings per field.

`map_seal`: a seal field is true when a red seal lies nearest to its printed 盖章/公章 line (on the
same page, within 1.5 seal radii), false when none does; a false seal listed by rule `seal_missing`
raises it. `scan_exceptions`: a value `extractors.mapping.doubts` finds doubtful raises `low_confidence`
with its reason; a number or checkbox cell under a seal raises `seal_over_value`. `field_findings` gives
a field's handler findings with those, one flag per cause. Text-only sources (`document.scan` is None)
get neither: their seals stay null/missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import JsonValue

from extractors.mapping.context import MappingContext
from extractors.mapping.doubts import ValuePlace, field_doubt, value_doubt
from extractors.mapping.entries import MappedField, missing_entry
from extractors.mapping.labels import label_key
from extractors.mapping.stream import iter_slots
from normalizers.text import compact
from schema.catalog import FieldSpec
from schema.document import BOX_DOUBT, BBox, Cell, ScanFacts, SealMark
from schema.exceptions import build_exception
from schema.record import ExceptionItem, FieldEntry, Provenance, raw_at, status_at, stored_at
from schema.rules_catalog import load_rule_catalogue

SEAL_REACH = 1.5
SEAL_WORDS = ("盖章", "公章")
LAYOUT_RULE = "layout_changed"
COVERED_TYPES = frozenset({"integer", "decimal", "percent", "choice", "multi_choice", "named_count"})


@dataclass(frozen=True, slots=True)
class SealLine:
    """The printed line of a seal field: where the seal belongs."""

    field_id: str
    page: int
    bbox: BBox
    provenance: Provenance


def _is_seal_line(text: str, key: str) -> bool:
    return label_key(text).startswith(key) and any(word in text for word in SEAL_WORDS)


def _wrapped_seal_word(previous: str, text: str, key: str) -> bool:
    """A line holding only the seal word (`(盖章):`) right after a line with the label: the printed
    label wrapped before its 盖章 (a filer's value typed in between)."""
    return not label_key(text) and any(w in text for w in SEAL_WORDS) and label_key(previous).startswith(key)


def seal_lines(ctx: MappingContext, spec: FieldSpec) -> list[SealLine]:
    """Given a seal field, return the lines of its section that print its label with 盖章/公章."""
    zone = ctx.zones[spec.section]
    key = label_key(spec.label_for(ctx.form))
    found = []
    previous = ""
    for _, slot in iter_slots(ctx.rows, zone.start, zone.stop):
        paragraphs = slot.cell.paragraphs if slot.cell else ()
        body_seal_line = _is_seal_line(slot.text, key) or _wrapped_seal_word(previous, slot.text, key)
        if not paragraphs and slot.provenance.bbox and body_seal_line:
            found.append(
                SealLine(spec.id, slot.provenance.page or 0, BBox(*slot.provenance.bbox), slot.provenance)
            )
        previous = slot.text if not paragraphs else ""
        for p in paragraphs:
            if p.bbox is not None and _is_seal_line(p.text, key):
                provenance = slot.provenance.model_copy(update={"bbox": p.bbox.as_tuple(), "page": p.page})
                found.append(SealLine(spec.id, p.page or 0, p.bbox, provenance))
    return found


def _distance(seal: SealMark, line: SealLine) -> float:
    cy = (seal.bbox.y0 + seal.bbox.y1) / 2
    return 0.0 if line.bbox.y0 <= cy <= line.bbox.y1 else min(abs(cy - line.bbox.y0), abs(cy - line.bbox.y1))


def _owner(seal: SealMark, lines: list[SealLine]) -> SealLine | None:
    """Given a seal and every seal line, return the line it belongs to (nearest, within reach)."""
    reach = SEAL_REACH * max(seal.bbox.width, seal.bbox.height) / 2
    candidates = [line for line in lines if line.page == seal.page and _distance(seal, line) <= reach]
    return min(candidates, key=lambda line: _distance(seal, line), default=None)


def _all_seal_lines(ctx: MappingContext) -> list[SealLine]:
    return [
        line
        for spec in ctx.catalogue.fields_for(ctx.form)
        if spec.scan_only
        for line in seal_lines(ctx, spec)
    ]


def map_seal(ctx: MappingContext, spec: FieldSpec, scan: ScanFacts) -> MappedField:
    """Given a seal field of a scan, return true/false (missing when its printed line is not found)."""
    own = seal_lines(ctx, spec)
    if not own:
        return MappedField(missing_entry(spec))
    lines = _all_seal_lines(ctx)
    mine = [
        seal
        for seal in scan.seals
        if (owner := _owner(seal, lines)) is not None and owner.field_id == spec.id
    ]
    provenance = own[0].provenance
    if mine:
        seal = mine[0]
        located = provenance.model_copy(
            update={"page": seal.page, "bbox": seal.bbox.as_tuple(), "confidence": seal.confidence}
        )
        return MappedField(FieldEntry(value=True, status="present", provenance=located))
    entry = FieldEntry(value=False, status="present", provenance=provenance)
    missing_rule = load_rule_catalogue().rule("seal_missing")
    if spec.id not in missing_rule.fields:
        return MappedField(entry)
    return MappedField(entry, (build_exception("seal_missing", field=spec, location=provenance),))


def _provenances(entry: FieldEntry) -> list[tuple[str | None, Provenance]]:
    if isinstance(entry.provenance, Provenance):
        return [(None, entry.provenance)]
    if isinstance(entry.provenance, dict):
        return [(year, p) for year, p in entry.provenance.items() if p is not None]
    return []


def _text_box(ctx: MappingContext, provenance: Provenance) -> tuple[float, float, float, float] | None:
    """Given a value's provenance, return where its text lies: the cell's written lines across the
    cell's width (a seal over the line may hide its start: `54.02` read `02`), the whole cell when
    nothing was read in it (a seal may hide all of it), not the blank rest of a tall cell."""
    cell = _cell_at(ctx, provenance)
    boxes = [par.bbox for par in cell.paragraphs if par.bbox is not None] if cell else []
    return _lines_across(union_box(boxes), provenance.bbox) if boxes else provenance.bbox


def _cell_at(ctx: MappingContext, provenance: Provenance) -> Cell | None:
    """Given a value's provenance, return the table cell it was read from (None: not from a table)."""
    if provenance.table is None:
        return None
    for row in ctx.rows:
        for slot in row.slots:
            p = slot.provenance
            if slot.cell and (p.table, p.row, p.col) == (provenance.table, provenance.row, provenance.col):
                return slot.cell
    return None


def _text_under_seal(
    ctx: MappingContext, value: object, provenance: Provenance, seals: tuple[SealMark, ...]
) -> bool:
    """Whether a seal's disc overlaps a line of a text value (not the cell's other lines; a value after
    its label on one line: that line; a value outside tables, such as a cover line: its own line): the
    engine loses or invents characters under the red ink
    (`真实有效，符合` read without its comma, `…信息化局` without the 局 it wrapped onto the next line)."""
    if not isinstance(value, str):
        return False
    cell = _cell_at(ctx, provenance)
    if cell is None:
        return provenance.table is None and _under_seal(provenance.bbox, provenance.page, seals)
    written = compact(value)
    return any(
        _under_seal(par.bbox.as_tuple(), provenance.page, seals)
        for par in cell.paragraphs
        if par.bbox is not None and _holds_value(compact(par.text), written)
    )


MIN_VALUE_IN_LINE = 2
"""From this many characters, a value found inside a longer line was read from that line."""


def _holds_value(line: str, written: str) -> bool:
    """Whether a cell's line carries (part of) a text value: a line of the value, or a line that holds
    the value after its printed label (`推荐单位（公章）：湖南省工业和自化厅`)."""
    return bool(line) and (line in written or (len(written) >= MIN_VALUE_IN_LINE and written in line))


def _lines_across(
    text: tuple[float, float, float, float], cell: tuple[float, float, float, float] | None
) -> tuple[float, float, float, float]:
    """A text box widened to its cell's width."""
    return text if cell is None else (cell[0], text[1], cell[2], text[3])


def union_box(boxes: list[BBox]) -> tuple[float, float, float, float]:
    """Given boxes, return the tuple of the box enclosing them."""
    return (
        min(b.x0 for b in boxes),
        min(b.y0 for b in boxes),
        max(b.x1 for b in boxes),
        max(b.y1 for b in boxes),
    )


def _under_seal(
    box: tuple[float, float, float, float] | None, page: int | None, seals: tuple[SealMark, ...]
) -> bool:
    """Given a text box and its page, return whether a seal's disc overlaps it."""
    if box is None:
        return False
    x0, y0, x1, y1 = box
    for seal in seals:
        if seal.page != page:
            continue
        cx, cy = (seal.bbox.x0 + seal.bbox.x1) / 2, (seal.bbox.y0 + seal.bbox.y1) / 2
        radius = max(seal.bbox.width, seal.bbox.height) / 2
        nearest_x, nearest_y = min(max(cx, x0), x1), min(max(cy, y0), y1)
        if (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 <= (radius * 0.9) ** 2:
            return True
    return False


def field_findings(ctx: MappingContext, spec: FieldSpec, mapped: MappedField) -> list[ExceptionItem]:
    """Given a mapped field, return its findings: the handler's, and on a scan its reading flags
    (`scan_exceptions`). A scanned choice whose options or marks were not all read is flagged once, by
    its low_confidence (box_uncertain): the handler's layout_changed of the same cause (an option not
    found, a mark not understood) is a reading fault on paper, not a form the filer changed."""
    if ctx.document.scan is None or spec.scan_only:
        return list(mapped.exceptions)
    whole_field = field_doubt(spec, mapped)
    kept = [e for e in mapped.exceptions if not (whole_field == BOX_DOUBT and e.rule == LAYOUT_RULE)]
    return [*kept, *scan_exceptions(ctx, spec, mapped, whole_field)]


def scan_exceptions(
    ctx: MappingContext, spec: FieldSpec, mapped: MappedField, whole_field: str | None
) -> list[ExceptionItem]:
    """Given a mapped field of a scan and why the whole field is doubtful (`field_doubt`), return its
    low_confidence (with its reason) and seal_over_value findings."""
    scan = ctx.document.scan
    if scan is None or spec.scan_only:
        return []
    entry = mapped.entry
    items: list[ExceptionItem] = []
    for year, provenance in _provenances(entry):
        value = stored_at(entry, year)
        json_value = value if isinstance(value, str | int | float | bool | list | dict) else None
        status = status_at(entry, year)
        place = _place(ctx, spec, value, provenance, scan.seals)
        raw = raw_at(entry, year)
        threshold = scan.confidence_threshold
        reason = whole_field or value_doubt(spec, value, status, provenance, threshold, place, raw)
        if reason is not None:
            items.append(
                _low_confidence(spec, year, reason, provenance, raw or _shown(json_value), json_value)
            )
        if spec.type in COVERED_TYPES and _under_seal(
            _text_box(ctx, provenance), provenance.page, scan.seals
        ):
            items.append(
                build_exception(
                    "seal_over_value", field=spec, year=year, value=json_value, location=provenance
                )
            )
    return items


def _place(
    ctx: MappingContext,
    spec: FieldSpec,
    value: object,
    provenance: Provenance,
    seals: tuple[SealMark, ...],
) -> ValuePlace:
    """Given a value of a scan and where it was read, return what lies there."""
    cell = _cell_at(ctx, provenance)
    pages = {p.page for p in cell.paragraphs if p.page is not None} if cell else set()
    under_seal = spec.type not in COVERED_TYPES and _text_under_seal(ctx, value, provenance, seals)
    return ValuePlace(text_under_seal=under_seal, across_pages=len(pages) > 1)


def _low_confidence(
    spec: FieldSpec, year: str | None, reason: str, provenance: Provenance, read: str, value: JsonValue
) -> ExceptionItem:
    """Given a doubtful value, why, and the text read there, return its low_confidence finding (the
    reason's message; a repaired value shows what the engine read before the repair)."""
    raw = provenance.read_as if provenance.read_as is not None else read
    params = {"confidence": f"{provenance.confidence or 0.0:.2f}", "raw": raw}
    return build_exception(
        "low_confidence",
        field=spec,
        year=year,
        reason=reason,
        params=params,
        value=value,
        location=provenance,
    )


def _shown(value: JsonValue) -> str:
    """Given a value, return how it reads inside a message."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
