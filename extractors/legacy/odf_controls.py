"""Stage `odt_controls_to_glyphs`: an ODF text's form controls written as the glyphs they show.

A checkbox made with Writer's form controls (Form Controls → Check Box) is two things in `content.xml`:
the control's model in `office:forms` — `form:checkbox` with its state (`form:current-state`, else the
default `form:state`: `checked`, `unchecked`, `unknown`) and the `form:label` shown beside the box —
and a `draw:control` in the text pointing at it (`draw:control="<form:id>"`), where it is drawn. A radio
button is `form:radio` (`form:current-selected`, else `form:selected`). LibreOffice's .docx export
writes such a control as an empty run: the tick is gone. Each `draw:control` of a checkbox or radio
button is replaced by its glyph (☑ / ☐ / ⍰) and its label, in the text where it stood; the package is
otherwise copied member by member. Checkbox form fields (`field:fieldmark` FORMCHECKBOX) convert
faithfully and are left alone.

The file is untrusted: the package passes the .docx checks (entries, methods, sizes measured while
inflating) before `content.xml` is parsed without entities or network; a package with no control is
returned as it is.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from extractors.docx.package import DEFAULT_LIMITS, check_archive
from extractors.errors import DocumentLoadError
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH

CONTENT = "content.xml"
MIMETYPE = "mimetype"
FORM_NS = "urn:oasis:names:tc:opendocument:xmlns:form:1.0"
DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_STATES = {"checked": TICKED_GLYPH, "unchecked": EMPTY_GLYPH, "unknown": UNKNOWN_GLYPH}


def _form(name: str) -> str:
    return f"{{{FORM_NS}}}{name}"


def _control_glyphs(root: etree._Element) -> dict[str, str]:
    """Given content.xml, return what each checkbox or radio button control shows, by its id."""
    shown: dict[str, str] = {}
    for box in root.iter(_form("checkbox"), _form("radio")):
        if box.tag == _form("checkbox"):
            state = box.get(_form("current-state")) or box.get(_form("state")) or "unchecked"
            glyph = _STATES.get(state, UNKNOWN_GLYPH)
        else:
            selected = box.get(_form("current-selected")) or box.get(_form("selected")) or "false"
            glyph = TICKED_GLYPH if selected == "true" else EMPTY_GLYPH
        label = box.get(_form("label")) or ""
        for key in (box.get(_form("id")), box.get(XML_ID)):
            if key:
                shown[key] = glyph + label
    return shown


def _replace_with_text(element: etree._Element, text: str) -> None:
    """Given an element in mixed content, remove it, leaving `text` (and its tail) where it stood."""
    parent = element.getparent()
    if parent is None:
        return
    added = text + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + added
    else:
        parent.text = (parent.text or "") + added
    parent.remove(element)


def controls_to_glyphs(content: bytes) -> bytes | None:
    """Given content.xml, return it with every checkbox and radio control as its glyph and label, or
    None when it has none."""
    root = etree.fromstring(content, _PARSER)
    shown = _control_glyphs(root)
    controls = [c for c in root.iter(f"{{{DRAW_NS}}}control") if c.get(f"{{{DRAW_NS}}}control") in shown]
    if not controls:
        return None
    for control in controls:
        _replace_with_text(control, shown[control.get(f"{{{DRAW_NS}}}control") or ""])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _repacked(archive: zipfile.ZipFile, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            data = content if info.filename == CONTENT else archive.read(info)
            method = zipfile.ZIP_STORED if info.filename == MIMETYPE else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, data, compress_type=method)
    return out.getvalue()


def odt_controls_to_glyphs(data: bytes) -> bytes:
    """Given an ODF text package's bytes, return them with its checkbox and radio controls as glyphs
    (the bytes unchanged when it has none); raise DocumentLoadError for an unsafe or corrupt package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, DEFAULT_LIMITS)
            if CONTENT not in archive.namelist():
                return data
            content = archive.read(CONTENT)
            if b"control" not in content:
                return data
            changed = controls_to_glyphs(content)
            return data if changed is None else _repacked(archive, changed)
    except zipfile.BadZipFile as error:
        raise DocumentLoadError("文件已损坏（ZIP 结构无效）", f"corrupt file: {error}") from error
    except (zlib.error, EOFError, OSError, ValueError) as error:
        raise DocumentLoadError("文件已损坏（压缩数据无效）", f"corrupt compressed data: {error}") from error
    except etree.XMLSyntaxError as error:
        raise DocumentLoadError("文档内容已损坏，无法解析", f"corrupt content.xml: {error}") from error
