"""Handlers for 九、真实性声明及推荐意见: the two date lines and the provincial opinion text."""

from __future__ import annotations

import re
from itertools import takewhile

from extractors.mapping.coerce import raw_to_entry
from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField, single_entry
from extractors.mapping.labels import label_key
from extractors.mapping.stream import iter_slots
from extractors.mapping.values import RawValue
from schema.catalog import FieldSpec
from schema.record import Provenance

DECLARATION_DATE = "declaration.date"
OPINION = "declaration.provincial_opinion"
_DATE_LINE = re.compile(
    r"^[\d〇○零一二三四五六七八九十]{0,4}年[\d〇○零一二三四五六七八九十]{0,3}月[\d〇○零一二三四五六七八九十]{0,3}日$"
)
_UNIT_LABEL = label_key("推荐单位")
_UNIT_LINE = re.compile(r"推荐单位\s*(（[^）]*）|\([^)]*\))?\s*[：:]")


def is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.match(label_key(line)))


def _date_lines(ctx: MappingContext) -> list[tuple[int, str, Provenance]]:
    zone = ctx.zones["declaration"]
    return [
        (row.index, line, slot.provenance)
        for row, slot in iter_slots(ctx.rows, zone.start, zone.stop)
        for line in slot.lines
        if is_date_line(line)
    ]


def map_declaration_date(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given a declaration date field, return the date line of its block (statement or opinion)."""
    lines = _date_lines(ctx)
    opinion = ctx.hit(ctx.catalogue.field(OPINION))
    if opinion is not None:
        before = [x for x in lines if x[0] < opinion.row]
        after = [x for x in lines if x[0] >= opinion.row]
        chosen = (before[-1:] if spec.id == DECLARATION_DATE else after[:1]) or []
    else:
        chosen = lines[:1] if spec.id == DECLARATION_DATE else lines[1:2]
    if not chosen:
        return None
    _, text, provenance = chosen[0]
    return single_entry(spec, raw_to_entry(spec, RawValue(text=text, provenance=provenance)))


def map_opinion(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given the provincial opinion field, return its text: what stands before `推荐单位（公章）：` (what
    follows is the unit's name — carried over a line by a soft break or a wrap, or run into the
    opinion's paragraph by a conversion — and the date), date lines dropped."""
    hit = ctx.hit(spec)
    if hit is None:
        return None
    raw = ctx.reader.single(hit, multiline=True)
    before_unit = _UNIT_LINE.split(raw.text or "", maxsplit=1)[0]
    above = takewhile(lambda line: not label_key(line).startswith(_UNIT_LABEL), before_unit.split("\n"))
    lines = tuple(line for line in above if not is_date_line(line))
    return single_entry(
        spec, raw_to_entry(spec, RawValue(text="\n".join(lines), provenance=raw.provenance, lines=lines))
    )
