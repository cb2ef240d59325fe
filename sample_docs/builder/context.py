"""The build context: which form, what was filled in, and the field catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from sample_docs.builder.filling import Filling, TickFill
from schema.catalog import FieldCatalogue, FieldSpec, FormId


@dataclass(frozen=True)
class Ctx:
    """Everything a section builder needs to write one form."""

    form: FormId
    filling: Filling
    catalogue: FieldCatalogue

    def spec(self, field_id: str) -> FieldSpec:
        """Given a field id, return its catalogue entry."""
        return self.catalogue.field(field_id)

    def label(self, field_id: str, printed: str) -> str:
        """Given a field id and its printed label, return the label as this filer's copy shows it."""
        text = printed
        if text and field_id in self.filling.layout.spaced_labels:
            middle = max(2, len(text) // 2)
            text = text[:2] + " " + text[2:middle] + "\n" + text[middle:]
        if self.filling.layout.halfwidth_parens:
            text = text.replace("（", "(").replace("）", ")")
        return text

    def paras(self, field_id: str, year: str | None = None) -> tuple[str, ...]:
        """Given a field id (and year), return the written paragraphs, or one empty paragraph."""
        return self.filling.text(field_id, year) or ("",)

    def ticks(self, field_id: str) -> TickFill | None:
        """Given a choice field id, return the filer's ticks (None when nothing was filled)."""
        return self.filling.ticks.get(field_id)
