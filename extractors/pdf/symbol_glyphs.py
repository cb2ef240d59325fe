"""Stage `char_to_text`: one text-layer character decoded by its font into canonical checkbox glyphs.

Word and WPS export Wingdings / Wingdings 2 / Webdings / Symbol ticks as private-use code points
(U+F0FE, U+F052, …) or as the plain letter of the symbol-font trick (`R` in Wingdings 2); LibreOffice
exports them in OpenSymbol with the Wingdings code kept. A private-use code in a text font (Noto CJK,
SimSun …) is a symbol LibreOffice drew as a missing glyph (Noto's crossed box ⊠, the same for ☑ and
☐): the picture lost the state, but the text layer keeps each character's own code (`04`: U+F0FE and
U+F0A8 side by side in NotoSansCJKjp), so a code that means one thing in both Wingdings fonts is
decoded from it, and any other code becomes UNKNOWN_GLYPH, never an empty box.
"""

from __future__ import annotations

import re

from extractors.symbols import decode_orphan_pua, decode_symbol, symbol_table
from schema.document import UNKNOWN_GLYPH

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"[,-](regular|bold|italic|oblique|bolditalic|roman)$", re.IGNORECASE)
_VENDOR_SUFFIX = re.compile(r"(psmt|mt|ps)$")
_KNOWN_SYMBOL_KEYS = frozenset({"symbol", "wingdings", "wingdings2", "wingdings3", "webdings"})
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0x10FFFF))
_PASS_THROUGH_SYMBOL_FONTS = frozenset({"opensymbol", "msgothic", "segoeuisymbol", "segoeuiemoji"})


def font_family(font_name: str) -> str:
    """Given a PDF base font name (`ABCDEF+Wingdings2-Regular`), return its family (`Wingdings2`)."""
    name = _SUBSET_PREFIX.sub("", font_name.strip())
    return _STYLE_SUFFIX.sub("", name)


def _family_key(font_name: str) -> str:
    key = font_family(font_name).lower().replace(" ", "").replace("-", "").replace("_", "")
    return _VENDOR_SUFFIX.sub("", key) if _VENDOR_SUFFIX.sub("", key) in _KNOWN_SYMBOL_KEYS else key


def is_private_use(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _PUA_RANGES)


def char_to_text(ch: str, font_name: str) -> str:
    """Given one text-layer character and its font, return its text with checkbox codes decoded.

    Symbol fonts decode by their code table; in any other font (OpenSymbol, LibreOffice's stand-in,
    or a text font that drew a missing glyph) the Wingdings codes that mean one thing only are
    decoded; other private-use codes are UNKNOWN_GLYPH in a text font and kept in a symbol font
    (OpenSymbol's own list bullets).
    """
    if ch.isspace():
        return ch
    family = _family_key(font_name)
    if symbol_table(family) is not None and (is_private_use(ch) or ord(ch) < 0x100):
        return decode_symbol(family, ord(ch))
    if not is_private_use(ch):
        return ch
    decoded = decode_orphan_pua(ch)
    if family in _PASS_THROUGH_SYMBOL_FONTS or not is_private_use(decoded):
        return decoded
    return UNKNOWN_GLYPH


def is_symbol_family(font_name: str) -> bool:
    """Given a font name, return whether it is a symbol font whose codes we decode."""
    return symbol_table(_family_key(font_name)) is not None
