"""Stage `paragraph_to_text`: one w:p element to text with every checkbox encoding decoded.

Handles text runs, tabs and breaks, `w:sym` symbols, symbol-font runs (the Wingdings 2 `R` trick and
PUA codes), content-control checkboxes (`w14:checkbox`), legacy FORMCHECKBOX fields, 带圈字符 EQ fields
(`eq \\o\\ac(□,√)`), tracked insertions (deletions dropped) and markup-compatibility fallbacks. A content
control showing its placeholder prompt (`w:showingPlcHdr`) holds nothing the filer wrote: it reads empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.docx.ooxml import Element, local_name, mc, on_off, shows_placeholder, w, w14, wattr
from extractors.symbols import decode_orphan_pua, decode_symbol, decode_symbol_text, symbol_table
from extractors.tick_fields import eq_overlay_glyph, is_eq_overlay
from schema.document import EMPTY_GLYPH, TICKED_GLYPH

_SKIPPED = frozenset(
    {
        "del",
        "moveFrom",
        "rPr",
        "pPr",
        "sdtPr",
        "sdtEndPr",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "proofErr",
        "bookmarkStart",
        "bookmarkEnd",
        "lastRenderedPageBreak",
    }
)
_CONTAINERS = frozenset(
    {"hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "sdtContent", "dir", "bdo", "r"}
)
_FONT_ATTRS = tuple(w(attr) for attr in ("ascii", "hAnsi", "cs", "eastAsia"))
_RFONTS_PATH = f"{w('rPr')}/{w('rFonts')}"


@dataclass(slots=True)
class _Field:
    """A complex field being read: its instruction text and, for FORMCHECKBOX, its state."""

    instruction: list[str] = field(default_factory=list)
    checked: bool | None = None
    in_result: bool = False


@dataclass(slots=True)
class _Reader:
    out: list[str] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)

    @property
    def in_field_code(self) -> bool:
        return bool(self.fields) and not self.fields[-1].in_result

    def emit(self, text: str) -> None:
        if self.in_field_code:
            self.fields[-1].instruction.append(text)
        else:
            self.out.append(text)


def paragraph_to_text(paragraph: Element) -> str:
    """Given a w:p element, return its text with checkbox encodings as canonical glyphs."""
    reader = _Reader()
    _read_children(paragraph, reader)
    return decode_orphan_pua("".join(reader.out))


def _read_children(element: Element, reader: _Reader) -> None:
    for child in element:
        _read_node(child, reader)


def _read_node(node: Element, reader: _Reader) -> None:
    name = local_name(node)
    if name in _SKIPPED or not name:
        return
    if name == "AlternateContent":
        _read_alternate(node, reader)
    elif name == "sdt":
        _read_sdt(node, reader)
    elif name == "r":
        _read_run(node, reader)
    elif name in _CONTAINERS:
        _read_children(node, reader)


def _read_alternate(node: Element, reader: _Reader) -> None:
    choice = node.find(mc("Choice"))
    if choice is not None:
        _read_children(choice, reader)


def _read_sdt(node: Element, reader: _Reader) -> None:
    checkbox = node.find(f"{w('sdtPr')}/{w14('checkbox')}")
    if checkbox is not None:
        reader.emit(TICKED_GLYPH if on_off(checkbox.find(w14("checked")), default=True) else EMPTY_GLYPH)
        return
    content = node.find(w("sdtContent"))
    if content is not None and not shows_placeholder(node):
        _read_children(content, reader)


def run_font(run: Element) -> str | None:
    """Given a w:r, return the first symbol font named in its rFonts, else its ascii font."""
    fonts = run.find(_RFONTS_PATH)
    if fonts is None:
        return None
    names = [fonts.get(attr) for attr in _FONT_ATTRS]
    symbol = next((n for n in names if n and symbol_table(n) is not None), None)
    return symbol or names[0]


def _read_run(run: Element, reader: _Reader) -> None:
    font = run_font(run)
    symbolic = font is not None and symbol_table(font) is not None
    for child in run:
        name = local_name(child)
        if name in ("t", "instrText"):
            text = child.text or ""
            _emit_text(reader, decode_symbol_text(font, text) if symbolic and text.strip() else text, name)
        elif name == "sym":
            reader.emit(decode_symbol(wattr(child, "font"), int(wattr(child, "char") or "0", 16)))
        elif name == "tab":
            reader.emit(" ")
        elif name in ("br", "cr"):
            reader.emit("\n")
        elif name == "noBreakHyphen":
            reader.emit("-")
        elif name == "fldChar":
            _read_field_char(child, reader)


def _emit_text(reader: _Reader, text: str, kind: str) -> None:
    if kind == "instrText":
        if reader.fields:
            reader.fields[-1].instruction.append(text)
        return
    reader.emit(text)


def _read_field_char(node: Element, reader: _Reader) -> None:
    kind = wattr(node, "fldCharType")
    if kind == "begin":
        reader.fields.append(_Field(checked=_checkbox_state(node)))
    elif kind == "separate" and reader.fields:
        reader.fields[-1].in_result = True
    elif kind == "end" and reader.fields:
        finished = reader.fields.pop()
        glyph = _field_glyph(finished)
        if glyph:
            reader.emit(glyph)


def _checkbox_state(begin: Element) -> bool | None:
    box = begin.find(f"{w('ffData')}/{w('checkBox')}")
    if box is None:
        return None
    checked = box.find(w("checked"))
    if checked is not None:
        return on_off(checked)
    return on_off(box.find(w("default")), default=False)


def _field_glyph(finished: _Field) -> str:
    instruction = "".join(finished.instruction)
    upper = instruction.upper()
    if "FORMCHECKBOX" in upper:
        return TICKED_GLYPH if finished.checked else EMPTY_GLYPH
    if is_eq_overlay(instruction):
        return eq_overlay_glyph(instruction)
    return ""
