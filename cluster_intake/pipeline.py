"""One filing through the pipeline: backend → intermediate document → form → mapped record."""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from datetime import date
from pathlib import Path

from extractors.errors import DocumentLoadError, ScannedPdfError
from extractors.mapping.form_id import identify_form
from extractors.mapping.mapper import map_document
from extractors.registry import backend_for as backend_for  # by name, for callers that have no file
from extractors.registry import backend_for_kind, content_named, ocr_backend
from extractors.sniffing import Sniffed, path_to_kind
from schema.catalog import FieldCatalogue, load_field_catalogue
from schema.document import ExtractedDocument
from schema.finding_ids import with_finding_ids
from schema.record import Record
from schema.rules_catalog import Profile
from validators import validate


def extract_document(path: Path) -> ExtractedDocument:
    """Given a filing, return its intermediate document (raises IntakeError on bad input).

    The backend is chosen by what the file is, not by its name. A PDF without a text layer (the PDF
    backend raises ScannedPdfError) is read by the OCR backend.
    """
    if not path.is_file():
        raise DocumentLoadError("文件不存在或不是普通文件", f"no such file: {path}")
    sniffed = path_to_kind(path)
    with content_named(path, sniffed) as readable:
        document = _read(readable, sniffed)
    if readable == path:
        return document
    converted = path.name if document.converted_from is not None else None
    return dataclasses.replace(document, source=path.name, converted_from=converted)


def _read(path: Path, sniffed: Sniffed) -> ExtractedDocument:
    try:
        return backend_for_kind(sniffed).extract(path)
    except ScannedPdfError:
        return scanned_pdf_to_document(path)


def scanned_pdf_to_document(path: Path) -> ExtractedDocument:
    """Given a PDF whose text only its pictures show, return what the OCR backend reads, its 2-up
    sheets cut into single pages first."""
    # Imported here, like the backends (extractors.registry): it loads NumPy, which reading a .docx
    # must not pay for at start-up.
    from extractors.pdf.scan_sheets import split_scanned_sheets

    with tempfile.TemporaryDirectory(prefix="cluster-intake-sheets-") as tmp:
        sheets = split_scanned_sheets(path, Path(tmp))
        document = ocr_backend().extract(sheets)
    return document if sheets == path else dataclasses.replace(document, source=path.name)


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


HASH_CHUNK = 1024 * 1024


def content_hash(path: Path) -> str:
    """Given a file, return the SHA-256 of its bytes (hex)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def validated(record: Record, profile: Profile | None = None, run_date: date | None = None) -> Record:
    """Given a record, return it with the validators' findings appended to its exceptions.

    A record that knows its content hash gets stable finding ids (`schema.finding_ids`)."""
    found = [*record.exceptions, *validate(record, profile, run_date=run_date)]
    items = with_finding_ids(found, record.sha256) if record.sha256 else found
    return record.model_copy(update={"exceptions": items})


def extract_record(
    path: Path, profile: Profile | None = None, run_date: date | None = None, name: str | None = None
) -> Record:
    """Given a filing path (and the filing's own name when the path is a private copy of it), return its
    checked record with finding ids (raises IntakeError on bad input)."""
    document = extract_document(path)
    if name is not None:
        document = named(document, name)
    record = document_to_record(document)
    return validated(record.model_copy(update={"sha256": content_hash(path)}), profile, run_date)
