"""Stage `identify_form`: 申报表 (application) or 复核申报表 (review), from the document's own text."""

from __future__ import annotations

from extractors.errors import FormUnrecognizedError
from extractors.mapping.labels import label_key
from schema.catalog import FieldCatalogue, FormId
from schema.document import ExtractedDocument, iter_paragraphs

MIN_LABELS = 12
_TITLE_SCAN_PARAGRAPHS = 60


def _keys(document: ExtractedDocument) -> list[str]:
    return [label_key(p.text) for p in iter_paragraphs(document.blocks)]


def _title_form(keys: list[str], catalogue: FieldCatalogue) -> FormId | None:
    review = label_key(catalogue.forms["review"])
    application = label_key(catalogue.forms["application"])
    for key in keys[:_TITLE_SCAN_PARAGRAPHS]:
        if review in key:
            return "review"
        if application in key:
            return "application"
    return None


def _only_labels(catalogue: FieldCatalogue, form: FormId) -> set[str]:
    other: FormId = "review" if form == "application" else "application"
    mine = {label_key(f.label_for(form)) for f in catalogue.fields_for(form)}
    theirs = {label_key(f.label_for(other)) for f in catalogue.fields_for(other)}
    return mine - theirs


def identify_form(document: ExtractedDocument, catalogue: FieldCatalogue) -> FormId:
    """Given a document, return its form id or raise FormUnrecognizedError."""
    keys = _keys(document)
    present = set(keys)
    labels = {label_key(f.label) for f in catalogue.fields}
    found = len(labels & present)
    if found < MIN_LABELS:
        raise FormUnrecognizedError(
            f"文档中仅找到{found}个申报表栏目", f"only {found} printed labels of the forms were found"
        )
    titled = _title_form(keys, catalogue)
    if titled is not None:
        return titled
    review_score = len(_only_labels(catalogue, "review") & present)
    application_score = len(_only_labels(catalogue, "application") & present)
    return "review" if review_score > application_score else "application"
