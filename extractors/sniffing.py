"""Stage `path_to_kind`: what a file is, decided from its bytes, never from its name.

Filers rename files freely: a .doc that is really a .docx, an RTF, a Word "web page" (HTML or MHT) or a
Word XML document (Word 2003 XML, Flat OPC),
a .docx that is really a .doc, a PDF or a scan under any name. The kind decides the backend; the name
only words the refusal of a file that is none of the kinds (`不是有效的 Word 文档` for a .docx name).
Office files that are not documents (workbooks, presentations), archives and encrypted packages are
named as such. Only the head of the file, a ZIP's directory and its two small index parts are read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from extractors.docx.parts import check_not_other_office, package_to_main_part, read_small_part
from extractors.docx.word_xml import is_word_xml
from extractors.errors import DocumentLoadError
from extractors.file_checks import checked_size
from extractors.legacy.ole import ole_stream_names

HEAD_BYTES = 4096
MAX_SNIFFED_BYTES = 200 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
PDF_MAGIC = b"%PDF-"
ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_IMAGES: tuple[tuple[bytes, str], ...] = (
    (b"II*\x00", ".tif"),
    (b"MM\x00*", ".tif"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
)
_MIME_HEADER = re.compile(rb"^(mime-version|content-type|from|subject|date|message-id|x-[\w-]+)\s*:", re.I)
_HTML_START = re.compile(rb"<(html|!doctype\s+html|head|body|meta|title)[\s>/]", re.I)
_OTHER_OLE = (
    (frozenset({"Workbook", "Book"}), "Excel 工作簿", "an Excel workbook"),
    (frozenset({"PowerPoint Document"}), "PowerPoint 演示文稿", "a PowerPoint presentation"),
)
_WORKS_STREAMS = frozenset({"CONTENTS", "MatOST"})
_PACKAGE_MARKERS = frozenset({"[content_types].xml", "_rels/.rels", "word/document.xml"})
_ENCRYPTION_STREAMS = frozenset({"EncryptedPackage", "EncryptionInfo"})
_ENCRYPTION_MARKERS = tuple(name.encode("utf-16-le") for name in sorted(_ENCRYPTION_STREAMS))
MAX_OLE_BYTES = 50 * 1024 * 1024


class FileKind(StrEnum):
    """The kinds of file a filing arrives as, each read by one backend."""

    WORD_PACKAGE = "docx"  # OOXML with a Word main part (.docx .docm .dotx .dotm, Strict too)
    WORD_BINARY = "doc"  # OLE compound file: Word 97–2003, WPS, Works
    OPEN_DOCUMENT = "odt"  # ODF text (what LibreOffice saves by default)
    RTF = "rtf"
    HTML = "html"  # a Word "web page" (.htm/.html, often renamed .doc)
    MHT = "mht"  # a Word "single file web page" (MIME)
    WORD_XML = "xml"  # a Word 2003 XML or Flat OPC document (one XML file), often named .doc
    PDF = "pdf"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A file's kind and the suffix its content goes by (what a converter or decoder expects)."""

    kind: FileKind
    suffix: str


_TEXT_SUFFIX = {FileKind.RTF: ".rtf", FileKind.HTML: ".html", FileKind.MHT: ".mht", FileKind.WORD_XML: ".xml"}


def path_to_kind(path: Path) -> Sniffed:
    """Given a file, return its kind from its content; raise DocumentLoadError (bilingual reason) for
    a file that is none of the kinds a filing comes as."""
    checked_size(path, MAX_SNIFFED_BYTES)
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(ZIP_MAGICS):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if PDF_MAGIC in head[:1024]:
        return Sniffed(FileKind.PDF, ".pdf")
    for magic, suffix in _IMAGES:
        if head.startswith(magic):
            return Sniffed(FileKind.IMAGE, suffix)
    text = _text_kind(head)
    if text is not None:
        return Sniffed(text, _TEXT_SUFFIX[text])
    raise unrecognized(path)


def _zip_kind(path: Path) -> Sniffed:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _odf_kind(read_small_part(archive, "mimetype"))
            if not {name.lower() for name in names} & _PACKAGE_MARKERS:
                raise DocumentLoadError(
                    "文件是压缩包，不是 Word 文档（请解压后提交其中的申报表）",
                    "the file is a ZIP archive, not a Word document (unpack it and submit the form)",
                )
            check_not_other_office(package_to_main_part(archive))  # the rest: the .docx backend's checks
    except zipfile.BadZipFile as error:
        if path.suffix.lower() not in _WORD_NAMES:
            raise unrecognized(path) from error
        raise DocumentLoadError("文件已损坏（ZIP 结构无效）", f"corrupt file: {error}") from error
    return Sniffed(FileKind.WORD_PACKAGE, ".docx")


def _odf_kind(mimetype: bytes) -> Sniffed:
    if mimetype.strip() == ODF_TEXT:
        return Sniffed(FileKind.OPEN_DOCUMENT, ".odt")
    raise DocumentLoadError(
        "文件是 OpenDocument 表格或演示文稿，不是文字文档",
        f"an OpenDocument file that is not a text document ({mimetype[:60].decode('ascii', 'replace')})",
    )


def _ole_kind(path: Path) -> Sniffed:
    checked_size(path, MAX_OLE_BYTES)
    data = path.read_bytes()
    names = ole_stream_names(data)
    if names & _ENCRYPTION_STREAMS or any(marker in data for marker in _ENCRYPTION_MARKERS):
        raise DocumentLoadError(
            "文件已加密（设有打开密码）", "the document is encrypted (password-protected)"
        )
    if "WordDocument" in names or names & _WORKS_STREAMS:
        return Sniffed(FileKind.WORD_BINARY, ".doc")
    for streams, zh, en in _OTHER_OLE:
        if names & streams:
            raise DocumentLoadError(f"文件是{zh}，不是 Word 文档", f"the file is {en}, not a Word document")
    raise DocumentLoadError(
        "文件为旧版 Word/WPS 格式但已损坏（找不到正文）",
        "a legacy Word/WPS (OLE) file without a document stream: corrupt or not a Word file",
    )


def _text_kind(head: bytes) -> FileKind | None:
    """Given a file's first bytes, return RTF, Word XML, MHT or HTML when it is one, else None."""
    body = head
    for bom in _BOMS:
        if body.startswith(bom):
            body = body[len(bom) :]
            break
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = body.decode("utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be", "ignore").encode()
    body = body.lstrip()
    if body.startswith(b"{\\rtf"):
        return FileKind.RTF
    if body.startswith(b"<?xml") and is_word_xml(body):
        return FileKind.WORD_XML
    if _MIME_HEADER.match(body) and re.search(rb"multipart/related|text/html", body, re.I):
        return FileKind.MHT
    if _HTML_START.search(body[:2048]):
        return FileKind.HTML
    return None


_WORD_NAMES = frozenset({".docx", ".docm", ".dotx", ".dotm", ".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt"})
_NAMED_KINDS = (
    (_WORD_NAMES, "Word 文档", "Word"),
    (frozenset({".htm", ".html", ".mht", ".mhtml"}), "网页文件", "web page"),
    (frozenset({".pdf"}), "PDF 文档", "PDF"),
    (frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png"}), "图片", "image"),
)


def unrecognized(path: Path) -> DocumentLoadError:
    """Given a file whose content is none of the kinds, return the refusal, worded by what its name
    claims (`不是有效的 Word 文档` for a .docx name; `不支持的文件格式` for another name)."""
    suffix = path.suffix.lower()
    for suffixes, claimed, claimed_en in _NAMED_KINDS:
        if suffix in suffixes:
            return DocumentLoadError(
                f"文件不是有效的 {claimed}（内容无法识别）",
                f"not a {claimed_en} {suffix} file: the content is not a Word, RTF, web page, PDF or image",
            )
    return DocumentLoadError(
        f"不支持的文件格式“{suffix or '无扩展名'}”（内容不是 Word、PDF 或图片）",
        f"unsupported file type {suffix!r}: the content is not a Word, RTF, web page, PDF or image document",
    )
