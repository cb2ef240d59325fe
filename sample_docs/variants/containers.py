"""How the same filing is packaged by other tools, or saved in another format Word opens.

- `with_main_content_type`: the package of a .docm, .dotx or .dotm (the main part's content type);
- `with_main_part_renamed`: the main part under another name, found through `_rels/.rels`;
- `as_strict`: Word's "Strict Open XML" namespaces;
- `web_page_as_word_saves_it` / `as_mht`: a web page in GB2312 as Word on Chinese Windows saves it,
  and as a single-file web page (MIME, quoted-printable);
- `as_word_2003_xml` / `as_flat_opc`: the document saved as one XML file, Word 2003's "XML Document"
  (also what office systems generate as .doc templates) and Word 2007's "Word XML Document";
- `convert`: LibreOffice conversions (RTF, HTML, .doc, .odt, PDF) with a private profile.
"""

from __future__ import annotations

import copy
import quopri
import re
import subprocess
import tempfile
from pathlib import Path

from lxml import etree

from sample_docs.variants.package import CT_NS, MAIN, Package

CONTENT_TYPES = {
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def _set_override(package: Package, part: str, content_type: str | None, new_name: str | None = None) -> None:
    types = package.xml("[Content_Types].xml")
    for override in types.iter(f"{{{CT_NS}}}Override"):
        if override.get("PartName") == "/" + part:
            if content_type:
                override.set("ContentType", content_type)
            if new_name:
                override.set("PartName", "/" + new_name)
    package.put_xml("[Content_Types].xml", types)


def with_main_content_type(package: Package, kind: str) -> None:
    """Give the main part the content type of a .docm, .dotx or .dotm."""
    _set_override(package, MAIN, CONTENT_TYPES[kind])


def with_main_part_renamed(package: Package, name: str = "word/document2.xml") -> None:
    """Move the main part (and its relationships) to another name, as other writers name it."""
    package.parts[name] = package.parts.pop(MAIN)
    folder, _, base = name.rpartition("/")
    package.parts[f"{folder}/_rels/{base}.rels"] = package.parts.pop("word/_rels/document.xml.rels")
    _set_override(package, MAIN, None, name)
    rels = package.xml("_rels/.rels")
    for rel in rels:
        if rel.get("Target") in ("word/document.xml", "/word/document.xml"):
            rel.set("Target", "/" + name)
    package.put_xml("_rels/.rels", rels)


def as_strict(package: Package) -> None:
    """Write the main part and the package relationships in Strict Open XML namespaces."""
    for name in (MAIN, "_rels/.rels"):
        data = package.parts[name]
        for transitional, strict in STRICT.items():
            data = data.replace(transitional, strict)
        package.parts[name] = data


_META_CHARSET = re.compile(rb"<meta[^>]*charset[^>]*>", re.I)
_HEAD = re.compile(rb"<head[^>]*>", re.I)


def web_page_as_word_saves_it(html: bytes) -> bytes:
    """Given a UTF-8 web page, return it in GB2312 with the meta tag Word writes (characters GB2312 has
    not, such as ☑, as numeric character references, as Word writes them)."""
    text = _META_CHARSET.sub(b"", html).decode("utf-8")
    encoded = text.encode("gb2312", "xmlcharrefreplace")
    meta = b'<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
    head = _HEAD.search(encoded)
    return encoded[: head.end()] + meta + encoded[head.end() :] if head else meta + encoded


def as_mht(html: bytes) -> bytes:
    """Given a web page (as Word saves it, GB2312), return it as Word's single-file web page (.mht):
    MIME multipart/related, the page quoted-printable."""
    boundary = b"----=_NextPart_01DA0F3C.5E8B2A10"
    head = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="' + boundary + b'"\r\n\r\n'
        b"This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
    )
    part = (
        b"--" + boundary + b"\r\nContent-Location: file:///C:/D3E4B5A1/filing.htm\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b'Content-Type: text/html; charset="gb2312"\r\n\r\n'
    )
    return head + part + quopri.encodestring(html) + b"\r\n\r\n--" + boundary + b"--\r\n"


def convert(sources: list[Path], target: str, outdir: Path, timeout: float = 900) -> None:
    """Convert files with one soffice call and a private, throw-away profile (`target`: a LibreOffice
    --convert-to argument such as `pdf`, `rtf`, `html`, `doc`, `odt`)."""
    with tempfile.TemporaryDirectory(prefix="variants-soffice-") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        subprocess.run(
            [*command, "--convert-to", target, "--outdir", str(outdir), *map(str, sources)],
            check=True,
            capture_output=True,
            timeout=timeout,
        )


WORDML_2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
AUX_HINT = "http://schemas.microsoft.com/office/word/2003/auxHint"
FLAT_OPC = "http://schemas.microsoft.com/office/2006/xmlPackage"
SMART_TAGS = "urn:schemas-microsoft-com:office:smarttags"
_OOXML_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MSO_PI = b'<?mso-application progid="Word.Document"?>'
_NUMBER_RUN = re.compile(r"^\d+(\.\d+)?$")


def _to_2003(element: etree._Element) -> None:
    """Rewrite a .docx subtree in place into Word 2003's vocabulary, as Word saves an XML document:
    DrawingML left for its VML fallback, content controls as their content, `w:vMerge` as `w:vmerge`."""
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        namespace, _, name = child.tag[1:].partition("}")
        if namespace == _MC and name == "AlternateContent":
            fallback = child.find(f"{{{_MC}}}Fallback")
            _swap(child, list(fallback) if fallback is not None else [])
            continue
        if namespace == _OOXML_W and name in ("sdt", "sdtContent"):
            _to_2003(child)
            _swap(
                child,
                [c for c in child if c.tag != f"{{{_OOXML_W}}}sdtPr" and c.tag != f"{{{_OOXML_W}}}sdtEndPr"],
            )
            continue
        if namespace == _OOXML_W and name == "drawing":
            element.remove(child)
            continue
        _to_2003(child)
    if isinstance(element.tag, str) and element.tag.startswith(f"{{{_OOXML_W}}}"):
        name = element.tag.partition("}")[2]
        element.tag = f"{{{WORDML_2003}}}{'vmerge' if name == 'vMerge' else name}"
    for attribute in [str(a) for a in element.attrib if str(a).startswith(f"{{{_OOXML_W}}}")]:
        value = str(element.attrib.pop(attribute))
        element.set(f"{{{WORDML_2003}}}{attribute.partition('}')[2]}", value)


def _fresh(element: etree._Element) -> etree._Element:
    """A copy of `element` built anew, so that it takes its namespace prefixes from its new parent (a
    renamed element keeps declaring the prefixes of the document it came from)."""
    copied = etree.Element(element.tag, {str(k): str(v) for k, v in element.attrib.items()})
    copied.text, copied.tail = element.text, element.tail
    for child in element:
        if isinstance(child.tag, str):
            copied.append(_fresh(child))
    return copied


def _swap(element: etree._Element, children: list[etree._Element]) -> None:
    for child in children:
        element.addprevious(child)
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def as_word_2003_xml(package: Package) -> bytes:
    """The document saved as Word 2003 XML (`<w:wordDocument>`), as Word writes it: the body inside
    `wx:sect` / `wx:sub-section` hints, and each number alone in its run inside a smart tag (Chinese
    Word tags numbers with units: `st1:chmetcnv`)."""
    body = copy.deepcopy(package.xml(MAIN).find(f"{{{_OOXML_W}}}body"))
    assert body is not None
    _to_2003(body)
    w2003 = f"{{{WORDML_2003}}}"
    for text in list(body.iter(f"{w2003}t")):
        run = text.getparent()
        if run is not None and _NUMBER_RUN.match(text.text or "") and run.getparent() is not None:
            tag = etree.Element(f"{{{SMART_TAGS}}}chmetcnv", {"UnitName": "", "SourceValue": text.text or ""})
            run.addprevious(tag)
            tag.append(run)
    section = etree.Element(f"{{{AUX_HINT}}}sect")
    sub = etree.SubElement(section, f"{{{AUX_HINT}}}sub-section")
    for child in list(body):
        (section if child.tag == f"{w2003}sectPr" else sub).append(child)
    body.append(section)
    root = etree.Element(f"{w2003}wordDocument", nsmap={"w": WORDML_2003, "wx": AUX_HINT, "st1": SMART_TAGS})
    root.append(_fresh(body))
    xml = etree.tostring(root, encoding="UTF-8")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + _MSO_PI + b"\n" + xml


def as_flat_opc(package: Package) -> bytes:
    """The document saved as Word 2007+ "Word XML Document" (Flat OPC): every part inline."""
    root = etree.Element(f"{{{FLAT_OPC}}}package", nsmap={"pkg": FLAT_OPC})
    types = package.xml("[Content_Types].xml")
    overrides = {o.get("PartName", ""): o.get("ContentType", "") for o in types if o.get("PartName")}
    for name, data in package.parts.items():
        if name == "[Content_Types].xml" or not name.endswith((".xml", ".rels")):
            continue
        content_type = overrides.get(f"/{name}", "application/vnd.openxmlformats-package.relationships+xml")
        part = etree.SubElement(
            root,
            f"{{{FLAT_OPC}}}part",
            {f"{{{FLAT_OPC}}}name": f"/{name}", f"{{{FLAT_OPC}}}contentType": content_type},
        )
        etree.SubElement(part, f"{{{FLAT_OPC}}}xmlData").append(etree.fromstring(data))
    xml = etree.tostring(root, encoding="UTF-8")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + _MSO_PI + b"\n" + xml
