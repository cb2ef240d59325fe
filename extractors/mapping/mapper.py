"""The one label mapper: intermediate document → record fields + extraction exceptions.

Reads like the algorithm: flatten to rows, find section zones, then give every field of the form to
its handler (generic label/value lookup, or one of the few printed blocks that need their own reading).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extractors.mapping.context import MappingContext
from extractors.mapping.cover import SHARED_BLANK, map_contact
from extractors.mapping.declaration import map_declaration_date, map_opinion
from extractors.mapping.entries import MappedField, missing_entry
from extractors.mapping.formulas import map_formula
from extractors.mapping.generic import map_generic, map_scan_only
from extractors.mapping.plan import map_plan_text
from extractors.mapping.scan import field_findings
from extractors.mapping.standards import GROUP as STANDARDS_GROUP
from extractors.mapping.standards import map_standards
from extractors.mapping.targets import map_targets
from schema.catalog import FieldCatalogue, FieldSpec, FormId
from schema.document import ExtractedDocument
from schema.exceptions import build_exception
from schema.record import ExceptionItem, FieldEntry

Handler = Callable[[MappingContext, FieldSpec], MappedField | None]

_BY_ID: dict[str, Handler] = {
    "cover.contact_name": map_contact,
    "cover.contact_phone": map_contact,
    "declaration.date": map_declaration_date,
    "declaration.recommendation_date": map_declaration_date,
    "declaration.provincial_opinion": map_opinion,
    "green.co2_intensity_formula": map_formula,
    "green.energy_intensity_formula": map_formula,
}


_LABELLED: tuple[Handler, ...] = (map_generic, map_contact, map_opinion)


@dataclass(frozen=True, slots=True)
class MappedDocument:
    """The record fields of one document and what the mapping noticed."""

    form: FormId
    fields: dict[str, FieldEntry]
    exceptions: tuple[ExceptionItem, ...]


def handler_for(spec: FieldSpec) -> Handler:
    """Given a field, return the handler that reads it."""
    if spec.scan_only:
        return map_scan_only
    if spec.id in _BY_ID:
        return _BY_ID[spec.id]
    if spec.group == STANDARDS_GROUP:
        return map_standards
    if spec.type == "target_table":
        return map_targets
    if spec.section == "plan" and spec.type == "long_text":
        return map_plan_text
    return map_generic


def map_document(document: ExtractedDocument, form: FormId, catalogue: FieldCatalogue) -> MappedDocument:
    """Given a document and its form, return every field of the form with extraction exceptions."""
    ctx = MappingContext.build(document, form, catalogue)
    labelled = [
        s for s in catalogue.fields_for(form) if handler_for(s) in _LABELLED and s.id not in SHARED_BLANK
    ]
    ctx.prelocate(labelled)
    fields: dict[str, FieldEntry] = {}
    exceptions: list[ExceptionItem] = []
    not_found: list[FieldSpec] = []
    for spec in catalogue.fields_for(form):
        mapped = handler_for(spec)(ctx, spec)
        if mapped is None:
            not_found.append(spec)
            mapped = MappedField(missing_entry(spec))
        fields[spec.id] = mapped.entry
        exceptions.extend(field_findings(ctx, spec, mapped))
        exceptions.extend(_fuzzy_label_exceptions(ctx, spec))
    exceptions.extend(_layout_exceptions(ctx, not_found))
    return MappedDocument(form=form, fields=fields, exceptions=tuple(exceptions))


def _fuzzy_label_exceptions(ctx: MappingContext, spec: FieldSpec) -> list[ExceptionItem]:
    hit = ctx.hits.get(spec.id)
    if hit is None or not hit.fuzzy:
        return []
    altered = hit.slot.text if hit.exact else hit.slot.lines[hit.line]
    detail = f"“{spec.label_for(ctx.form)}”栏目文字被改为“{altered.strip()}”"
    return [
        build_exception("layout_changed", field=spec, params={"detail": detail}, location=hit.slot.provenance)
    ]


def _layout_exceptions(ctx: MappingContext, not_found: list[FieldSpec]) -> list[ExceptionItem]:
    found_sections = {spec.section for spec in ctx.catalogue.fields_for(ctx.form)} - {
        s.section for s in not_found
    }
    items: list[ExceptionItem] = []
    reported: set[str] = set()
    for spec in not_found:
        if spec.section not in found_sections and not ctx.zones[spec.section].found:
            if spec.section not in reported:
                reported.add(spec.section)
                title = ctx.catalogue.section(spec.section).title_for(ctx.form)
                items.append(build_exception("section_missing", params={"section": title}))
            continue
        detail = f"未找到“{spec.label_for(ctx.form)}”栏目"
        items.append(build_exception("layout_changed", field=spec, params={"detail": detail}))
    return items
