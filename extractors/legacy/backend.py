"""The converted backend: .doc/.wps (Word 97–2003, WPS), .odt, RTF and Word web pages (.htm, .mht),
converted to .docx by LibreOffice and read by the .docx stages.

Which of these a file is comes from its content (`extractors.sniffing`), so a .doc that is an RTF or a
web page converts as one. Ticks the conversion would lose are read from the file itself: written as
glyphs into what LibreOffice is given (`sources`), or, for a Word binary, put back into what was read
from the conversion (`word_fields`). The record's provenance says `source: "doc"` with `converted_from` naming
the original file, so an operator knows values passed through a conversion. Encrypted files (an
encrypted OOXML package in OLE, or a Word binary with the FIB fEncrypted flag) and files that are none
of these kinds are refused before LibreOffice runs.
"""

from __future__ import annotations

import dataclasses
import logging
import tempfile
from pathlib import Path

from extractors.base import Extractor
from extractors.docx.backend import DocxExtractor
from extractors.docx.package import OLE_MAGIC, ZIP_MAGIC
from extractors.errors import DocumentLoadError
from extractors.file_checks import checked_size
from extractors.legacy.ole import word_binary_encrypted
from extractors.legacy.soffice import ConversionSettings, legacy_to_docx
from extractors.legacy.sources import CONVERTED_KINDS, file_to_conversion_source
from extractors.legacy.word_fields import with_word_binary_ticks
from extractors.sniffing import FileKind, path_to_kind, unrecognized
from schema.document import ExtractedDocument

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def check_legacy_file(path: Path) -> bool:
    """Given a .doc/.wps path, return True if it is really a .docx (ZIP); raise for unreadable files."""
    checked_size(path, MAX_FILE_BYTES)
    data = path.read_bytes()
    if data.startswith(ZIP_MAGIC):
        return True
    if not data.startswith(OLE_MAGIC):
        raise DocumentLoadError(
            "文件不是有效的 Word/WPS 文档", "not a Word 97–2003 / WPS file (no OLE header)"
        )
    if any(marker in data for marker in _ENCRYPTED_MARKERS) or word_binary_encrypted(data):
        raise DocumentLoadError(
            "文件已加密（设有打开密码）", "the document is encrypted (password-protected)"
        )
    return False


class LegacyWordExtractor(Extractor):
    """Reads the filings LibreOffice converts to .docx (.doc, .wps, .odt, RTF, web pages)."""

    def __init__(self, settings: ConversionSettings | None = None) -> None:
        self._settings = settings or ConversionSettings()

    @classmethod
    def supported_suffixes(cls) -> frozenset[str]:
        return frozenset({".doc", ".wps", ".dot", ".wpt", ".odt", ".rtf", ".htm", ".html", ".mht", ".mhtml"})

    def extract(self, path: Path) -> ExtractedDocument:
        """Given a file LibreOffice converts, return its document as read from the conversion."""
        sniffed = path_to_kind(path)
        if sniffed.kind is FileKind.WORD_PACKAGE:
            return DocxExtractor().extract(path)
        if sniffed.kind not in CONVERTED_KINDS:
            raise unrecognized(path)
        if sniffed.kind is FileKind.WORD_BINARY:
            check_legacy_file(path)
        else:
            checked_size(path, MAX_FILE_BYTES)
        with tempfile.TemporaryDirectory(prefix="cluster-intake-soffice-") as tmp:
            source = file_to_conversion_source(path, sniffed, Path(tmp))
            converted = legacy_to_docx(source, Path(tmp), self._settings)
            document = DocxExtractor(kind="doc").extract(converted, converted_from=path.name)
        if sniffed.kind is FileKind.WORD_BINARY:
            document = with_word_binary_ticks(document, path.read_bytes())
        return dataclasses.replace(document, source=path.name)
