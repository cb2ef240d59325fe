"""The Word XML backend: a Word document saved as one XML file, read by the .docx stages.

Word opens two single-file XML forms of a document, and offices send both, often named `.doc`:
- **Word 2003 XML** (WordprocessingML 2003, `<w:wordDocument>`): Word 2003's "XML Document", and what
  many office systems generate as their `.doc` templates. Its vocabulary is the ancestor of the .docx
  one, so `wordml_to_document` rewrites it into a `w:document` element: the namespace changed, Word's
  auxiliary hints (`wx:sect`, `wx:sub-section`) and smart tags unwrapped, tracked insertions kept and
  deletions, comments and bookmarks (`aml:annotation`) dropped, `w:vmerge` as `w:vMerge`, `w:hmerge`
  runs of cells as one cell spanning their columns, embedded pictures (`w:binData`) left out.
- **Flat OPC** (Word 2007+ "Word XML Document", `<pkg:package>`): the package's parts inline; its main
  part (by content type) is the `w:document` itself.

Both are read exactly, without LibreOffice. They are parsed without a DTD (a document declaring one is
refused: no entity is ever expanded) and nothing in them is fetched.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from extractors.base import Extractor
from extractors.docx.body import body_to_blocks
from extractors.docx.ooxml import W_NS, Element, w
from extractors.docx.parts import WORD_MAIN_TYPES
from extractors.errors import DocumentLoadError
from extractors.file_checks import checked_size
from schema.document import ExtractedDocument

WORDML_2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
AUX_HINT = "http://schemas.microsoft.com/office/word/2003/auxHint"
AML = "http://schemas.microsoft.com/aml/2001/core"
FLAT_OPC = "http://schemas.microsoft.com/office/2006/xmlPackage"
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_SPAN = 64  # a table row of the forms has a handful of columns; Word allows 63
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_blank_text=True
)
_KEPT_NAMESPACES = frozenset(
    {
        WORDML_2003,
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
    }
)
_RENAMED = {"vmerge": "vMerge"}
_DROPPED = frozenset({"binData", "listPr"})
_INSERTION = "Word.Insertion"


def is_word_xml(head: bytes) -> bool:
    """Given a file's first bytes after an XML prolog, return whether it is a Word XML document."""
    return (WORDML_2003.encode() in head and b"wordDocument" in head) or FLAT_OPC.encode() in head


class WordXmlExtractor(Extractor):
    """Reads a Word 2003 XML or Flat OPC document into the common intermediate form."""

    @classmethod
    def supported_suffixes(cls) -> frozenset[str]:
        return frozenset({".xml"})

    def extract(self, path: Path) -> ExtractedDocument:
        """Given a Word XML document (under any name), return its paragraphs and tables."""
        checked_size(path, MAX_XML_BYTES)
        document = xml_to_document(path.read_bytes())
        body = document.find(w("body"))
        if body is None:
            raise DocumentLoadError("Word XML 文档没有正文", "Word XML document without a body")
        return ExtractedDocument(source=path.name, kind="docx", blocks=body_to_blocks(body))


def xml_to_document(data: bytes) -> Element:
    """Given a Word XML file's bytes, return its `w:document` element in the .docx vocabulary."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise DocumentLoadError(
            "Word XML 文档已损坏，无法解析", f"malformed Word XML document: {error}"
        ) from error
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.system_url or info.public_id:
        raise DocumentLoadError(
            "Word XML 文档含有 DTD 声明（Word 不会写入），不予读取",
            "the Word XML document declares a DTD (Word never writes one); not read",
        )
    if root.tag == f"{{{WORDML_2003}}}wordDocument":
        return wordml_to_document(root)
    if root.tag == f"{{{FLAT_OPC}}}package":
        return flat_opc_to_document(root)
    raise DocumentLoadError("文件不是有效的 Word XML 文档", "not a Word 2003 XML or Flat OPC document")


def flat_opc_to_document(package: Element) -> Element:
    """Given a Flat OPC `pkg:package`, return its main part's `w:document` element."""
    for part in package.iter(f"{{{FLAT_OPC}}}part"):
        if part.get(f"{{{FLAT_OPC}}}contentType", "") in WORD_MAIN_TYPES:
            data = part.find(f"{{{FLAT_OPC}}}xmlData")
            document = data[0] if data is not None and len(data) else None
            if document is not None and document.tag == w("document"):
                return document
    raise DocumentLoadError(
        "Word XML 文档中找不到正文部分", "no Word main document part in the Flat OPC package"
    )


def wordml_to_document(root: Element) -> Element:
    """Given a Word 2003 `w:wordDocument`, return the equivalent `w:document` (see the module)."""
    body = root.find(f"{{{WORDML_2003}}}body")
    if body is None:
        raise DocumentLoadError("Word XML 文档没有正文", "Word 2003 XML document without a body")
    document = etree.Element(w("document"), nsmap={"w": W_NS})
    document.append(_converted(copy.deepcopy(body)))
    for row in document.iter(w("tr")):
        _merge_hmerge_cells(row)
    return document


def _converted(element: Element) -> Element:
    """Rewrite `element`'s subtree in place into the .docx vocabulary and return it."""
    for child in list(element):
        if not isinstance(child.tag, str):
            element.remove(child)
            continue
        kind = child.get(f"{{{WORDML_2003}}}type", "")
        _converted(child)
        namespace, _, name = child.tag[1:].partition("}")
        if namespace == AML:  # an annotation's `aml:content` is unwrapped first, then kept or dropped
            _replace(child, list(child) if name == "content" or kind == _INSERTION else [])
        elif namespace == AUX_HINT:
            _replace(child, [c for c in child if c.tag != f"{{{AUX_HINT}}}t"])
        elif namespace == WORDML_2003 and name == "hlink":
            _replace(child, list(child))
        elif namespace == WORDML_2003 and name in _DROPPED:
            element.remove(child)
        elif namespace not in _KEPT_NAMESPACES and namespace != W_NS:
            _replace(child, list(child))  # a smart tag (`st1:chsdate`) or another wrapper: its runs stay
    if element.tag.startswith(f"{{{WORDML_2003}}}"):
        name = element.tag.partition("}")[2]
        element.tag = w(_RENAMED.get(name, name))
    for attribute in [str(a) for a in element.attrib if str(a).startswith(f"{{{WORDML_2003}}}")]:
        value = str(element.attrib.pop(attribute))
        element.set(w(attribute.partition("}")[2]), value)
    return element


def _replace(element: Element, children: list[Element]) -> None:
    """Put `children` where `element` stands, and remove it."""
    for child in children:
        element.addprevious(child)
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _merge_hmerge_cells(row: Element) -> None:
    """Cells of a row joined by `w:hmerge` (restart, then continue) become one cell spanning them."""
    start: Element | None = None
    for cell in [c for c in row if c.tag == w("tc")]:
        properties = cell.find(w("tcPr"))
        merge = properties.find(w("hmerge")) if properties is not None else None
        if merge is None:
            start = None
            continue
        assert properties is not None
        properties.remove(merge)
        if merge.get(w("val")) == "restart" or start is None:
            start = cell
            continue
        start_properties = start.find(w("tcPr"))
        span = start_properties.find(w("gridSpan")) if start_properties is not None else None
        if start_properties is not None:
            if span is None:
                span = etree.SubElement(start_properties, w("gridSpan"))
            own = cell.find(f"{w('tcPr')}/{w('gridSpan')}")
            total = _span(span) + (_span(own) if own is not None else 1)
            span.set(w("val"), str(total))
        row.remove(cell)


def _span(element: Element) -> int:
    """A `w:gridSpan`'s column count (1 when the file's value is not a small positive number)."""
    value = str(element.get(w("val"), "1"))
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_SPAN else 1
