"""Handlers for the cover's combined blank 联系人及联系电话 (one blank, two fields)."""

from __future__ import annotations

from extractors.mapping.coerce import raw_to_entry
from extractors.mapping.context import MappingContext
from extractors.mapping.entries import MappedField, single_entry
from extractors.mapping.labels import strip_printed
from extractors.mapping.values import RawValue
from normalizers.phones import split_contact
from schema.catalog import FieldSpec

CONTACT_NAME = "cover.contact_name"
CONTACT_PHONE = "cover.contact_phone"
SHARED_BLANK = frozenset({CONTACT_PHONE})  # fields read from another field's blank, not their own label


def map_contact(ctx: MappingContext, spec: FieldSpec) -> MappedField | None:
    """Given cover.contact_name or cover.contact_phone, return its part of the shared blank."""
    hit = ctx.hit(ctx.catalogue.field(CONTACT_NAME))
    if hit is None:
        return None
    raw = ctx.reader.single(hit)
    name, phone = split_contact(strip_printed(raw.text or ""))
    part = name if spec.id == CONTACT_NAME else phone
    return single_entry(spec, raw_to_entry(spec, RawValue(text=part, provenance=raw.provenance)))
