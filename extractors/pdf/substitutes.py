"""Stage `decode_substituted_letters`: symbol-font letter ticks drawn in a substitute font.

Filers type `R` (☑) or `£` (☐) and set the run to Wingdings 2 (Wingdings: `þ` ☑, `¨` ☐). Exported
where that font is missing (LibreOffice on Linux), the PDF draws the plain letter in a fallback font
(DejaVu Sans), and the font name no longer says "symbol". Such a letter opening a line of a cell or
standing after a gap, directly followed by Chinese text in another font, with at least one more in
the same cell, is decoded as the box it stood for — otherwise the options would read as printed
text without any box, i.e. silently unticked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from extractors.pdf.primitives import Glyph
from extractors.symbols import decode_symbol
from schema.document import EMPTY_GLYPH, TICKED_GLYPH

_LETTER_FONTS: Mapping[str, str] = MappingProxyType(
    {
        "R": "Wingdings 2",
        "£": "Wingdings 2",
        "S": "Wingdings 2",
        "T": "Wingdings 2",
        "Q": "Wingdings 2",
        "þ": "Wingdings",
        "¨": "Wingdings",
        "ý": "Wingdings",
    }
)
MIN_LETTERS = 2
GAP = 0.25


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _opens_option(inked: list[Glyph], index: int) -> bool:
    """A trick letter opening an option: first on its line or after a gap, in another font than the
    Chinese text right after it."""
    glyph = inked[index]
    if glyph.text not in _LETTER_FONTS or index + 1 >= len(inked):
        return False
    after = inked[index + 1]
    if not _is_cjk(after.text) or after.font == glyph.font:
        return False
    return index == 0 or glyph.bbox.x0 - inked[index - 1].bbox.x1 >= GAP * glyph.size


def _candidates(rows: list[list[Glyph]]) -> list[Glyph]:
    found: list[Glyph] = []
    for row in rows:
        inked = [g for g in row if not g.text.isspace()]
        found.extend(inked[i] for i in range(len(inked)) if _opens_option(inked, i))
    return found


def decode_substituted_letters(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Given a cell's glyph rows, return them with substituted symbol-font letters decoded to boxes."""
    found = _candidates(rows)
    if len(found) < MIN_LETTERS:
        return rows
    decoded = {id(g): _decode(g) for g in found}
    return [[decoded.get(id(g), g) for g in row] for row in rows]


def _decode(glyph: Glyph) -> Glyph:
    mark = decode_symbol(_LETTER_FONTS[glyph.text], ord(glyph.text))
    return dataclasses.replace(glyph, text=mark if mark in (TICKED_GLYPH, EMPTY_GLYPH) else glyph.text)
