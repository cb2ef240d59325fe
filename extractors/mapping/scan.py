"""What only a scan adds to mapping: seal fields from the seals found, and OCR findings per field.

`map_seal`: a seal field is true when a red seal lies nearest to its printed 盖章/公章 line (on the
same page, within 1.5 seal radii), false when none does; a false seal listed by rule `seal_missing`
raises it. `scan_exceptions`: a value whose OCR confidence is below the document's threshold raises
`low_confidence`; a number or checkbox cell under a seal raises `seal_over_value`. Text-only sources
(`document.scan` is None) get neither: their seals stay null/missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.mapping.choices import BOXES
from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField, missing_entry
from extractors.mapping.labels import label_key
from extractors.mapping.stream import iter_slots
from normalizers.text import compact, to_halfwidth
from schema.catalog import FieldSpec
from schema.document import BBox, Cell, ScanFacts, SealMark
from schema.exceptions import build_exception
from schema.record import ExceptionItem, FieldEntry, Provenance
from schema.rules_catalog import load_rule_catalogue

SEAL_REACH = 1.5
SEAL_WORDS = ("盖章", "公章")
COVERED_TYPES = frozenset({"integer", "decimal", "percent", "choice", "multi_choice", "named_count"})
CHOICE_TYPES = frozenset({"choice", "multi_choice"})
TARGET_VALUES = ("baseline", "target", "actual")
SPOILED_NUMBER = re.compile(
    r"^[\s.·'`,，]+[+\-]?\d|^[+\-]?\d[\d.]*[.·'`](?!\d)|^[+\-]?\d+\.\d+\.\d|^[+\-]?\d.*\s[.·'`]+$"
)
"""A target value kept as text (no number) that reads like a number a speck spoiled: a point before
it, a point after its digits, two points, a speck after it."""


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


UNDERSTOOD_NOT = frozenset({"invalid", "unreadable"})


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
    """Whether a seal's disc overlaps a line of a text value (not the cell's other lines): the engine
    loses or invents characters under the red ink (`真实有效，符合` read without its comma)."""
    cell = _cell_at(ctx, provenance)
    if cell is None or not isinstance(value, str):
        return False
    written = compact(value)
    return any(
        _under_seal(par.bbox.as_tuple(), provenance.page, seals)
        for par in cell.paragraphs
        if par.bbox is not None and compact(par.text) and compact(par.text) in written
    )


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


def _year_status(entry: FieldEntry, year: str | None) -> str:
    if year is not None and isinstance(entry.status, dict):
        return entry.status.get(year, "missing")
    return entry.status if isinstance(entry.status, str) else "present"


def _doubtful(entry: FieldEntry, year: str | None, provenance: Provenance, threshold: float) -> bool:
    """A scanned value the operator must check: read below the confidence threshold, a text holding a
    box glyph, or read but not understood (invalid, unreadable: on paper most often the reading's fault)."""
    if provenance.confidence is not None and provenance.confidence < threshold:
        return True
    value = _year_value(entry, year)
    if holds_box_glyph(value):
        return True  # a box glyph inside a text: a character taken for a checkbox
    if names_miscounted(value):
        return True  # two names read as one (the first filled its line), or a name lost
    if brackets_unbalanced(value):
        return True  # a bracket lost in the reading (`公司（绿色工厂`)
    return _year_status(entry, year) in UNDERSTOOD_NOT


def names_miscounted(value: object) -> bool:
    """Whether a named count's names, as read, are not as many as its count says."""
    if not isinstance(value, dict):
        return False
    count, names = value.get("count"), value.get("names")
    return isinstance(count, int) and isinstance(names, list) and bool(names) and count != len(names)


def brackets_unbalanced(value: object) -> bool:
    """Whether a text (or any text of a list or mapping) opens more brackets than it closes, or the
    other way round: on paper a bracket is most often lost in the reading."""
    return any_text(value, lambda text: _bracket_depth(text) != 0)


def any_text(value: object, test: Callable[[str], bool]) -> bool:
    """Whether a text, or any text of a list or mapping (the names of a named count), passes a test."""
    if isinstance(value, str):
        return test(value)
    if isinstance(value, dict):
        return any(any_text(v, test) for v in value.values())
    if isinstance(value, list):
        return any(any_text(v, test) for v in value)
    return False


def _bracket_depth(text: str) -> int:
    return sum(text.count(ch) for ch in "（(") - sum(text.count(ch) for ch in "）)")


def holds_box_glyph(value: object) -> bool:
    """Whether a value (a text, or the texts of a list or mapping: the names of a named count) holds
    a box glyph."""
    return any_text(value, lambda text: any(ch in BOXES for ch in text))


def _year_value(entry: FieldEntry, year: str | None) -> object:
    if year is not None and isinstance(entry.value, dict):
        return entry.value.get(year)
    return entry.value


FORMULA_WORD = "计算公式"
DIVISION_SIGNS = ("÷", "/", "／", "除以")
MISREAD_FORMATS = frozenset({"phone_invalid", "date_invalid"})
"""A phone or date not in any form a filer writes: on paper most often a speck read into it."""


def _format_unsure(mapped: MappedField) -> bool:
    return any(e.rule in MISREAD_FORMATS for e in mapped.exceptions)


def _options_unsure(spec: FieldSpec, mapped: MappedField) -> bool:
    """A choice whose options were not all found, or with a tick that could not be placed: on paper
    most often a reading fault (a box or an option line not read), so the operator checks it."""
    return spec.type in CHOICE_TYPES and any(e.rule == "layout_changed" for e in mapped.exceptions)


def quotient_unsure(spec: FieldSpec, value: object) -> bool:
    """A per-unit formula (`单位产值能耗=…`) read without a division sign: the quantity is a quotient,
    and on paper ÷ is most often read as `+`."""
    if FORMULA_WORD not in spec.label or not isinstance(value, str) or "=" not in to_halfwidth(value):
        return False
    return not any(sign in value for sign in DIVISION_SIGNS)


def targets_unsure(spec: FieldSpec, value: object) -> bool:
    """A target table read with a row that paper reading most often spoils: a direction that is none
    of the form's (two rows' texts run together), an indicator over two lines (a row border not
    found), or a value that starts like a number but is none (`0.35.吨`, a speck read as a point)."""
    if spec.type != "target_table" or not isinstance(value, list):
        return False
    return any(_target_row_unsure(spec, row) for row in value if isinstance(row, dict))


def _target_row_unsure(spec: FieldSpec, row: dict[str, object]) -> bool:
    direction, indicator = row.get("direction"), row.get("indicator")
    if isinstance(direction, str) and direction not in spec.directions:
        return True
    if isinstance(indicator, str) and "\n" in indicator.strip():
        return True
    return any(
        isinstance(v, str) and SPOILED_NUMBER.match(v) is not None
        for v in (row.get(k) for k in TARGET_VALUES)
    )


def scan_exceptions(ctx: MappingContext, spec: FieldSpec, mapped: MappedField) -> list[ExceptionItem]:
    """Given a mapped field of a scan, return its low_confidence and seal_over_value findings."""
    scan = ctx.document.scan
    if scan is None or spec.scan_only:
        return []
    entry = mapped.entry
    unsure = (
        _options_unsure(spec, mapped)
        or _format_unsure(mapped)
        or targets_unsure(spec, entry.value)
        or quotient_unsure(spec, entry.value)
    )
    items: list[ExceptionItem] = []
    for year, provenance in _provenances(entry):
        value = _year_value(entry, year)
        json_value = value if isinstance(value, str | int | float | bool | list | dict) else None
        if (
            unsure
            or _doubtful(entry, year, provenance, scan.confidence_threshold)
            or (spec.type not in COVERED_TYPES and _text_under_seal(ctx, value, provenance, scan.seals))
        ):
            params = {"confidence": f"{provenance.confidence or 0.0:.2f}"}
            items.append(
                build_exception(
                    "low_confidence",
                    field=spec,
                    year=year,
                    params=params,
                    value=json_value,
                    location=provenance,
                )
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
