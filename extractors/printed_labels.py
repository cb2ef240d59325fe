"""The form's printed row labels, shared by the backends that join tables a page break cut.

A cell whose text begins with a label the form prints at the start of a row (a field's label, a
group's title, a target table's indicator) opens a new row: it is never the rest of the row above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.mapping.labels import label_key
from schema.catalog import FieldCatalogue

MIN_ROW_LABEL = 4
"""Shorter label keys (`方向`, `其它`) also occur inside values and are not taken as row starts."""


def catalogue_row_labels(catalogue: FieldCatalogue) -> tuple[str, ...]:
    """Given the field catalogue, return the label keys that open a row of the form: field labels,
    group titles and the target tables' indicators (not options: an option list runs on over a page
    break)."""
    texts = [t for spec in catalogue.fields for t in (spec.label, *spec.form_labels.values())]
    texts += [t for group in catalogue.groups for t in (group.title, *group.form_titles.values())]
    texts += [i.label for spec in catalogue.fields for i in spec.indicators.values()]
    return tuple(sorted({label_key(text) for text in texts}))


@dataclass(frozen=True, slots=True)
class PrintedRowLabels:
    """Tells, from exact text (a text layer), whether a cell begins with a printed row label."""

    keys: tuple[str, ...]

    @classmethod
    def from_catalogue(cls, catalogue: FieldCatalogue) -> PrintedRowLabels:
        return cls(tuple(k for k in catalogue_row_labels(catalogue) if len(k) >= MIN_ROW_LABEL))

    def starts_row(self, text: str) -> bool:
        """Given a cell's text, return whether it begins with a printed row label."""
        key = label_key(text)
        return any(key.startswith(label) for label in self.keys)
