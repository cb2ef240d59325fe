"""Fields that draw a tick, decoded from their instruction (and form-field data) to canonical glyphs.

Word stores three kinds of tick as fields, in every format it writes (.docx, .doc, RTF, web page):

- a 带圈字符 enclosed character: `EQ \\o\\ac(□,√)`, the box and the mark drawn over each other, with no
  field result;
- a legacy form-field checkbox: `FORMCHECKBOX`, its state in the form-field data (FFData, [MS-DOC]
  2.9.78: the result `iRes`, 25 meaning "the default", else 0 or 1; and the default `wDef`);
- an inserted symbol: `SYMBOL 82 \\f "Wingdings 2"`.

`tick_field_glyph` turns one into ☑ / ☐ (⍰ when a checkbox's state is not in the file), or None for a
field that draws no tick. Readers of formats whose conversion loses these fields use it
(`extractors.legacy`), the .docx reader its EQ part.
"""

from __future__ import annotations

import re
import struct

from extractors.symbols import CROSS_MARK, TICK_MARK, decode_symbol
from schema.document import EMPTY_BOXES, EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH

EQ_TICKS = frozenset("√✓✔☑☒■×✗✘")
FFDATA_VERSION = 0xFFFFFFFF
CHECKBOX_TYPE = 1
RESULT_IS_DEFAULT = 25
_SYMBOL = re.compile(r"^\s*SYMBOL\s+(0x[0-9a-f]+|\d+)(.*)$", re.I | re.S)
_SYMBOL_FONT = re.compile(r"\\f\s*(\"[^\"]*\"|\S+)", re.I)
_SYMBOL_MARKS = frozenset({TICKED_GLYPH, EMPTY_GLYPH, TICK_MARK, CROSS_MARK})


def eq_overlay_glyph(instruction: str) -> str:
    """Given an EQ overlay (带圈字符) instruction, return what it draws: ☑ for a mark over anything, ☐ for
    a box alone, else the overlaid characters."""
    if any(ch in EQ_TICKS for ch in instruction):
        return TICKED_GLYPH
    if any(ch in EMPTY_BOXES for ch in instruction):
        return EMPTY_GLYPH
    inner = instruction[instruction.find("(") + 1 : instruction.rfind(")")]
    return inner.replace(",", "")


def is_eq_overlay(instruction: str) -> bool:
    upper = instruction.upper()
    return upper.strip().startswith("EQ") and "\\O" in upper


def is_checkbox_field(instruction: str) -> bool:
    return instruction.strip().upper().startswith("FORMCHECKBOX")


def symbol_field_glyph(instruction: str) -> str | None:
    """Given a SYMBOL field's instruction, return the tick or box it inserts, else None."""
    match = _SYMBOL.match(instruction)
    if match is None:
        return None
    font = _SYMBOL_FONT.search(match.group(2))
    code = int(match.group(1), 0) if match.group(1).lower().startswith("0x") else int(match.group(1))
    glyph = decode_symbol(font.group(1).strip('"') if font else None, code)
    return glyph if glyph in _SYMBOL_MARKS else None


def tick_field_glyph(instruction: str, checked: bool | None = None) -> str | None:
    """Given a field's instruction (and, for a checkbox, its state when the file holds one), return the
    glyph the field draws when it draws a tick or a box, else None."""
    if is_checkbox_field(instruction):
        return UNKNOWN_GLYPH if checked is None else TICKED_GLYPH if checked else EMPTY_GLYPH
    if is_eq_overlay(instruction):
        glyph = eq_overlay_glyph(instruction)
        return glyph if glyph in (TICKED_GLYPH, EMPTY_GLYPH) else None
    return symbol_field_glyph(instruction)


def ffdata_checkbox_state(data: bytes) -> bool | None:
    """Given the bytes of a form field's FFData, return a checkbox's state (its result, or its default
    when the result says so); None when they are not a checkbox's FFData. Data without the version
    (RTF's `\\datafield`, Word 95's layout) gives the result only: its default lies after a name whose
    layout differs."""
    if len(data) >= 2 and not data.startswith(struct.pack("<I", FFDATA_VERSION)):
        bits = struct.unpack_from("<H", data, 0)[0]
        result = (bits >> 2) & 0x1F
        return bool(result) if bits & 0x3 == CHECKBOX_TYPE and result in (0, 1) else None
    if len(data) < 10:
        return None
    bits = struct.unpack_from("<H", data, 4)[0]
    if bits & 0x3 != CHECKBOX_TYPE:
        return None
    result = (bits >> 2) & 0x1F
    if result != RESULT_IS_DEFAULT:
        return bool(result) if result in (0, 1) else None
    default = _checkbox_default(data)
    return None if default is None else bool(default)


def _checkbox_default(data: bytes) -> int | None:
    """The wDef of a checkbox's FFData: after the version, bits, cch, hps and the name (an Xstz: a
    16-bit count, that many UTF-16 units, a 16-bit terminator)."""
    at = 10
    if at + 2 > len(data):
        return None
    name_length = struct.unpack_from("<H", data, at)[0]
    at += 2 + 2 * name_length + 2
    if at + 2 > len(data):
        return None
    return int(struct.unpack_from("<H", data, at)[0])
