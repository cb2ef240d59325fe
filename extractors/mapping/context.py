"""The state one mapping run shares between field handlers: rows, zones, locator, value reader."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.mapping.labels import label_key
from extractors.mapping.locate import Hit, LabelLocator
from extractors.mapping.sections import Zone, rows_to_zones
from extractors.mapping.stream import Row, document_to_rows
from extractors.mapping.values import ValueReader
from schema.catalog import FieldCatalogue, FieldSpec, FormId
from schema.document import ExtractedDocument
from schema.record import Provenance


@dataclass(frozen=True, slots=True)
class PlanTexts:
    """Lines collected under each plan field, with the provenance of its heading and of each line that
    carries its text (the line's own page, box and confidence where the backend gives them)."""

    lines: dict[str, list[str]]
    provenance: dict[str, Provenance]
    places: dict[str, list[Provenance]] = field(default_factory=dict)


_PRINTED_WORDS = ("年度", "类别", "主持数量", "参与数量", "方向", "指标", "真实性声明")


def label_keys(catalogue: FieldCatalogue, form: FormId) -> frozenset[str]:
    """Given a form, return the keys of every printed label that is not a value."""
    keys = {label_key(spec.label_for(form)) for spec in catalogue.fields_for(form)}
    keys |= {label_key(g.title_for(form)) for g in catalogue.groups if form in g.forms}
    keys |= {label_key(s.title_for(form)) for s in catalogue.sections}
    keys |= {label_key(word) for word in _PRINTED_WORDS}
    return frozenset(k for k in keys if k)


@dataclass
class MappingContext:
    """Everything the field handlers of one document read."""

    document: ExtractedDocument
    form: FormId
    catalogue: FieldCatalogue
    rows: tuple[Row, ...]
    zones: dict[str, Zone]
    locator: LabelLocator
    reader: ValueReader
    hits: dict[str, Hit | None] = field(default_factory=dict)
    plan_texts: PlanTexts | None = None

    @classmethod
    def build(cls, document: ExtractedDocument, form: FormId, catalogue: FieldCatalogue) -> MappingContext:
        rows = document_to_rows(document)
        zones = rows_to_zones(rows, catalogue, form)
        keys = label_keys(catalogue, form)
        return cls(
            document=document,
            form=form,
            catalogue=catalogue,
            rows=rows,
            zones=zones,
            locator=LabelLocator(rows, zones, form, keys),
            reader=ValueReader(rows, keys),
        )

    def prelocate(self, specs: list[FieldSpec]) -> None:
        """Given the fields read next to their printed labels, locate all of them in one go."""
        self.hits.update(self.locator.locate_all(specs))

    def hit(self, spec: FieldSpec) -> Hit | None:
        """Given a field, return its label hit (located once, then remembered)."""
        if spec.id not in self.hits:
            self.hits[spec.id] = self.locator.locate(spec)
        return self.hits[spec.id]
