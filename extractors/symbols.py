"""Symbol-font code points (Wingdings, Wingdings 2, Webdings, Symbol) decoded to canonical glyphs.

Filers insert ticks as `w:sym` symbols, as PUA characters in a symbol-font run (.doc/.wps converted
by LibreOffice), or by typing a plain letter and setting the run font to Wingdings 2 (`R` = ☑).
All three reach `decode_symbol(font, code)`; a code we do not know becomes UNKNOWN_GLYPH so that
the mapper reports it instead of reading it as unticked.
"""

from __future__ import annotations

import re
from functools import lru_cache

from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH

TICK_MARK = "√"
CROSS_MARK = "×"

_WINGDINGS: dict[int, str] = {
    0xFE: TICKED_GLYPH,  # ☑
    0xFD: TICKED_GLYPH,  # ☒
    0x78: TICKED_GLYPH,  # ☒
    0x6E: TICKED_GLYPH,  # ■
    0xA8: EMPTY_GLYPH,  # ◻
    0x6F: EMPTY_GLYPH,  # □
    0x71: EMPTY_GLYPH,  # ❑
    0x72: EMPTY_GLYPH,  # ❒
    0xFC: TICK_MARK,  # ✓
    0xFB: CROSS_MARK,  # ✗
}
_WINGDINGS_2: dict[int, str] = {
    0x52: TICKED_GLYPH,  # ☑
    0x54: TICKED_GLYPH,  # ☒
    0x53: TICKED_GLYPH,  # ☒ (bold)
    0x51: TICKED_GLYPH,  # ☒
    0xA3: EMPTY_GLYPH,  # □
    0x2A: EMPTY_GLYPH,  # □
    0x50: TICK_MARK,  # ✓
    0x4F: CROSS_MARK,  # ✗
}
_WEBDINGS: dict[int, str] = {
    0x61: TICK_MARK,  # ✓
    0x72: CROSS_MARK,  # ✗
    0x63: EMPTY_GLYPH,  # □
}
_SYMBOL: dict[int, str] = {
    0xD6: TICK_MARK,  # √
    0xB4: CROSS_MARK,  # ×
}
_FONT_TABLES: dict[str, dict[int, str]] = {
    "wingdings": _WINGDINGS,
    "wingdings2": _WINGDINGS_2,
    "webdings": _WEBDINGS,
    "symbol": _SYMBOL,
}
_FONT_LIST_SEPARATOR = re.compile("[,;]")
_PUA_BASE = 0xF000
_PUA_CODE = re.compile("[\uf000-\uf0ff]")


@lru_cache(maxsize=256)
def symbol_table(font: str | None) -> dict[int, str] | None:
    """Given a font name, return its code table if it is a symbol font we decode, else None. A list of
    families (`Wingdings, serif` of a web page, `Wingdings;serif` as LibreOffice writes it into a .docx)
    names its first family: the one the text is drawn in when it is installed, as it is wherever the
    filer made the tick."""
    if not font:
        return None
    first = _FONT_LIST_SEPARATOR.split(font, maxsplit=1)[0]
    key = first.strip().strip("\"'").lower().replace(" ", "").replace("-", "")
    return _FONT_TABLES.get(key)


def is_symbol_font(font: str | None) -> bool:
    return symbol_table(font) is not None


def decode_symbol(font: str | None, code: int) -> str:
    """Given a symbol font and a code (0x52 or PUA 0xF052), return the canonical glyph."""
    table = symbol_table(font)
    if table is None:
        return UNKNOWN_GLYPH
    if code >= _PUA_BASE:
        code -= _PUA_BASE
    return table.get(code, UNKNOWN_GLYPH)


def decode_symbol_text(font: str | None, text: str) -> str:
    """Given the text of a run set in a symbol font, return it with every character decoded."""
    return "".join(decode_symbol(font, ord(ch)) for ch in text if not ch.isspace())


def decode_orphan_pua(text: str) -> str:
    """Given text with PUA symbol codes but no symbol font, decode the codes that mean one thing only."""
    if not _PUA_CODE.search(text):
        return text
    return "".join(_orphan_glyph(ch) for ch in text)


def _orphan_glyph(ch: str) -> str:
    code = ord(ch)
    if not _PUA_BASE <= code <= 0xF0FF:
        return ch
    glyphs = {g for table in (_WINGDINGS, _WINGDINGS_2) if (g := table.get(code - _PUA_BASE)) is not None}
    return glyphs.pop() if len(glyphs) == 1 else UNKNOWN_GLYPH
