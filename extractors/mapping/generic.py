"""The generic field handler: locate the printed label, read the value beside it, coerce it."""

from __future__ import annotations

from extractors.mapping.coerce import raw_to_entry
from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField, missing_entry, single_entry, year_entry
from extractors.mapping.scan import map_seal
from schema.catalog import FieldSpec


def map_generic(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given a field, return its entry, or None when its label is not in the document."""
    hit = ctx.hit(spec)
    if hit is None:
        return None
    if spec.years:
        raws = ctx.reader.years(hit, spec.year_keys)
        return year_entry(spec, {year: raw_to_entry(spec, raw) for year, raw in raws.items()})
    return single_entry(spec, raw_to_entry(spec, ctx.reader.single(hit, multiline=spec.type == "long_text")))


def map_scan_only(ctx: MappingContext, spec: FieldSpec) -> MappedField:
    """Given a seal field, return true/false from a scan's seals; null/missing on a text-only source."""
    if ctx.document.scan is None:
        return MappedField(missing_entry(spec))
    return map_seal(ctx, spec, ctx.document.scan)


def map_missing(spec: FieldSpec) -> MappedField:
    return MappedField(missing_entry(spec))
