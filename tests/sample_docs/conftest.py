"""Fixtures of the sample_docs tests (helpers live in `sample_paths`)."""

from __future__ import annotations

import pytest
from docx.document import Document as DocumentObject

from sample_docs.builder import build_document


@pytest.fixture(scope="session")
def blank_documents() -> dict[str, DocumentObject]:
    return {form: build_document(form) for form in ("application", "review")}  # type: ignore[arg-type]
