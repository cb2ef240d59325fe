"""Stage `package_to_main_part`: which part of an OOXML package is the document, and what it is.

Word finds the document by the package relationship `officeDocument` in `_rels/.rels`, not by the name
`word/document.xml`: packages written by other tools name it otherwise (`word/document2.xml`,
`/Word/Document.xml`, `doc/main.xml`). The part's content type in `[Content_Types].xml` says what the
package is: a document (.docx), a macro-enabled document (.docm), a template (.dotx/.dotm) — all read
alike, macros never run — or a workbook or a presentation, which are not filings. Strict Open XML
(Word's "Strict" save format) names its relationships and elements in `purl.oclc.org` namespaces; the
main part is then parsed with them mapped to the transitional names the stages read.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from extractors.errors import DocumentLoadError

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
_OFFICE_DOCUMENT_TYPES = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    }
)
WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
_EXCEL = ("Excel 工作簿", "an Excel workbook")
_POWERPOINT = ("PowerPoint 演示文稿", "a PowerPoint presentation")
_OTHER_OFFICE = (
    ("spreadsheetml", *_EXCEL),
    ("ms-excel", *_EXCEL),
    ("presentationml", *_POWERPOINT),
    ("ms-powerpoint", *_POWERPOINT),
)
_FALLBACK_MAIN = "word/document.xml"
MAX_SMALL_PART_BYTES = 1024 * 1024
STRICT_NAMESPACES: dict[bytes, bytes] = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": (
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ),
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": (
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    ),
}
SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True
)


@dataclass(frozen=True, slots=True)
class MainPart:
    """The package's main part: its ZIP entry name and its declared content type ("" if none)."""

    name: str
    content_type: str

    @property
    def is_word(self) -> bool:
        return self.content_type in WORD_MAIN_TYPES


def read_small_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """Given an open package and a part name, return its bytes; refuse a part that inflates beyond
    MAX_SMALL_PART_BYTES (the content types and relationships of a real package are a few KB)."""
    with archive.open(name) as handle:
        data = handle.read(MAX_SMALL_PART_BYTES + 1)
    if len(data) > MAX_SMALL_PART_BYTES:
        raise DocumentLoadError("文件结构异常（部件过大），疑似压缩炸弹", f"part {name} is too large")
    return data


def _parse(data: bytes, what: str) -> etree._Element:
    try:
        return etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        raise DocumentLoadError("Word 文档内容已损坏，无法解析", f"corrupt {what}: {error}") from error


def _entry_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part names are case-insensitive (OPC): the lower-cased name → the ZIP entry's own name."""
    return {info.filename.lower(): info.filename for info in archive.infolist()}


def _relationship_target(archive: zipfile.ZipFile, names: dict[str, str]) -> str | None:
    rels = names.get(PACKAGE_RELS)
    if rels is None:
        return None
    for relation in _parse(read_small_part(archive, rels), "package relationships"):
        if relation.get("Type") in _OFFICE_DOCUMENT_TYPES and relation.get("TargetMode") != "External":
            target = unquote(relation.get("Target") or "")
            return posixpath.normpath("/" + target.lstrip("/")).lstrip("/").lower()
    return None


def _content_type(archive: zipfile.ZipFile, names: dict[str, str], part: str) -> str:
    types = _parse(read_small_part(archive, names[CONTENT_TYPES.lower()]), "content types")
    extension = part.rpartition(".")[2]
    default = ""
    for entry in types:
        local = etree.QName(entry).localname if isinstance(entry.tag, str) else ""
        if local == "Override" and (entry.get("PartName") or "").lstrip("/").lower() == part:
            return entry.get("ContentType") or ""
        if local == "Default" and (entry.get("Extension") or "").lower() == extension:
            default = entry.get("ContentType") or ""
    return default


def package_to_main_part(archive: zipfile.ZipFile) -> MainPart:
    """Given an open OOXML package, return its main part (raises DocumentLoadError without one)."""
    names = _entry_names(archive)
    target = _relationship_target(archive, names)
    part = target if target in names else _FALLBACK_MAIN if _FALLBACK_MAIN in names else None
    if part is None:
        raise DocumentLoadError(
            "文件缺少 Word 正文部分（word/document.xml）", "no main document part (word/document.xml)"
        )
    if CONTENT_TYPES.lower() not in names:
        raise DocumentLoadError(
            "文件已损坏（缺少 [Content_Types].xml）", "corrupt package: no [Content_Types].xml part"
        )
    return MainPart(name=names[part], content_type=_content_type(archive, names, part))


def check_not_other_office(main: MainPart) -> None:
    """Given a package's main part, raise DocumentLoadError when it is a workbook or a presentation."""
    for marker, zh, en in _OTHER_OFFICE:
        if marker in main.content_type:
            raise DocumentLoadError(f"文件是{zh}，不是 Word 文档", f"the file is {en}, not a Word document")


def check_word_main_part(main: MainPart) -> None:
    """Given a package's main part, raise DocumentLoadError unless it is a Word document or template."""
    if main.is_word:
        return
    check_not_other_office(main)
    raise DocumentLoadError(
        "文件不是 Word 文档（正文部分类型未知）",
        f"not a Word document (main part content type {main.content_type or 'missing'!r})",
    )


def main_part_to_root(archive: zipfile.ZipFile, main: MainPart) -> etree._Element:
    """Given an open package and its main part, return the parsed w:document element (Strict
    namespaces mapped to transitional; entities never expanded, nothing fetched)."""
    data = archive.read(main.name)
    if b"purl.oclc.org/ooxml" in data:
        for strict, transitional in STRICT_NAMESPACES.items():
            data = data.replace(strict, transitional)
    return _parse(data, "document XML")
