"""The .docx backend: the package checked, its main part parsed with lxml, our own stages read the XML.

The main part is the one Word opens (`_rels/.rels`), whatever its name; .docm/.dotx/.dotm packages
are read like .docx (macros are never run). python-docx is not needed to read a filing: it would refuse
every content type but .docx's and parse parts the stages never look at.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from extractors.base import Extractor
from extractors.docx.body import body_to_blocks
from extractors.docx.ooxml import w
from extractors.docx.package import DEFAULT_LIMITS, PackageLimits, check_package
from extractors.docx.parts import main_part_to_root
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
        return frozenset({".docx", ".docm", ".dotx", ".dotm"})

    def extract(self, path: Path, converted_from: str | None = None) -> ExtractedDocument:
        """Given a .docx path, return its paragraphs and tables with checkbox marks decoded."""
        main = check_package(path, self._limits)
        try:
            with zipfile.ZipFile(path) as archive:
                root = main_part_to_root(archive, main)
        except (zipfile.BadZipFile, KeyError, OSError) as error:
            raise DocumentLoadError("Word 文档内容已损坏，无法解析", f"corrupt package: {error}") from error
        body = root.find(w("body"))
        if body is None:
            raise DocumentLoadError("Word 文档内容已损坏（没有正文）", "corrupt document XML: no w:body")
        return ExtractedDocument(
            source=path.name, kind=self._kind, blocks=body_to_blocks(body), converted_from=converted_from
        )
