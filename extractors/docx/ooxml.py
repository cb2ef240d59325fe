"""WordprocessingML names and small element helpers shared by the docx stages."""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

Element = etree._Element


def w(tag: str) -> str:
    """Given a local name, return the Clark name in the w: namespace."""
    return f"{{{W_NS}}}{tag}"


def w14(tag: str) -> str:
    return f"{{{W14_NS}}}{tag}"


def mc(tag: str) -> str:
    return f"{{{MC_NS}}}{tag}"


def wattr(element: Element | None, name: str) -> str | None:
    """Given an element, return its w:NAME attribute (or None)."""
    if element is None:
        return None
    value = element.get(w(name))
    return None if value is None else str(value)


def on_off(element: Element | None, *, default: bool = True) -> bool:
    """Given an OOXML on/off element (`<w:checked/>`, `w:val="0"`), return its boolean value."""
    if element is None:
        return False
    value = element.get(w("val"), element.get(w14("val")))
    if value is None:
        return default
    return str(value).lower() not in {"0", "false", "off"}


def local_name(element: Element) -> str:
    """Given an element, return its tag without namespace ("" for comments and processing instructions)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def shows_placeholder(sdt: Element) -> bool:
    """Given a content control (w:sdt), return whether it shows its placeholder prompt
    (`w:showingPlcHdr`, "单击或点击此处输入文字。"): the filer wrote nothing there."""
    return on_off(sdt.find(f"{w('sdtPr')}/{w('showingPlcHdr')}"))
