"""The .docx backend: python-docx loads the package, our own stages read the XML."""

from __future__ import annotations

import logging
from pathlib import Path

import docx
from lxml import etree

from extractors.base import Extractor
from extractors.docx.body import body_to_blocks
from extractors.docx.package import DEFAULT_LIMITS, PackageLimits, check_package
from extractors.errors import DocumentLoadError
from schema.document import ExtractedDocument, SourceKind

logger = logging.getLogger(__name__)


class DocxExtractor(Extractor):
    """Reads a .docx filing into the common intermediate form."""

    def __init__(self, limits: PackageLimits = DEFAULT_LIMITS, kind: SourceKind = "docx") -> None:
        self._limits = limits
        self._kind = kind

    @classmethod
    def supported_suffixes(cls) -> frozenset[str]:
        return frozenset({".docx", ".docm", ".dotx"})

    def extract(self, path: Path, converted_from: str | None = None) -> ExtractedDocument:
        """Given a .docx path, return its paragraphs and tables with checkbox marks decoded."""
        check_package(path, self._limits)
        try:
            document = docx.Document(str(path))
        except (etree.XMLSyntaxError, KeyError, ValueError) as error:
            raise DocumentLoadError(
                "Word 文档内容已损坏，无法解析", f"corrupt document XML: {error}"
            ) from error
        body = document.element.body
        return ExtractedDocument(
            source=path.name, kind=self._kind, blocks=body_to_blocks(body), converted_from=converted_from
        )
