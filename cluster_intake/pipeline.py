"""One filing through the pipeline: backend → intermediate document → form → mapped record."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from extractors.errors import DocumentLoadError, ScannedPdfError
from extractors.mapping.form_id import identify_form
from extractors.mapping.mapper import map_document
from extractors.registry import backend_for, ocr_backend
from schema.catalog import FieldCatalogue, load_field_catalogue
from schema.document import ExtractedDocument
from schema.record import Record
from schema.rules_catalog import Profile
from validators import validate


def extract_document(path: Path) -> ExtractedDocument:
    """Given a filing, return its intermediate document (raises IntakeError on bad input).

    A PDF without a text layer (the PDF backend raises ScannedPdfError) is read by the OCR backend.
    """
    if not path.is_file():
        raise DocumentLoadError("文件不存在或不是普通文件", f"no such file: {path}")
    try:
        return backend_for(path).extract(path)
    except ScannedPdfError:
        return ocr_backend().extract(path)


def named(document: ExtractedDocument, name: str) -> ExtractedDocument:
    """Given a document read from a private copy of a filing, return it under the filing's own name
    (as its source, and as what it was converted from when it passed through a conversion)."""
    converted_from = name if document.converted_from is not None else None
    return dataclasses.replace(document, source=name, converted_from=converted_from)


def document_to_record(document: ExtractedDocument, catalogue: FieldCatalogue | None = None) -> Record:
    """Given an intermediate document, return its record with the exceptions extraction found."""
    fields_catalogue = catalogue or load_field_catalogue()
    form = identify_form(document, fields_catalogue)
    mapped = map_document(document, form, fields_catalogue)
    return Record(form=form, source=document.source, fields=mapped.fields, exceptions=list(mapped.exceptions))


def validated(record: Record, profile: Profile | None = None, run_date: date | None = None) -> Record:
    """Given a record, return it with the validators' findings appended to its exceptions."""
    found = validate(record, profile, run_date=run_date)
    return record.model_copy(update={"exceptions": [*record.exceptions, *found]})


def extract_record(
    path: Path, profile: Profile | None = None, run_date: date | None = None, name: str | None = None
) -> Record:
    """Given a filing path (and the filing's own name when the path is a private copy of it), return its
    checked record (raises IntakeError on bad input)."""
    document = extract_document(path)
    if name is not None:
        document = named(document, name)
    return validated(document_to_record(document), profile, run_date)
