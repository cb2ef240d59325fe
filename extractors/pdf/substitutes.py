"""Stage `decode_substituted_letters`: symbol-font letter ticks drawn in a substitute font.

Filers type `R` (☑) or `£` (☐) and set the run to Wingdings 2 (Wingdings: `þ` ☑, `¨` ☐). Exported
where that font is missing (LibreOffice on Linux), the PDF draws the plain letter in a fallback font
(DejaVu Sans), and the font name no longer says "symbol". Such a letter opening a line of a cell or
standing after a gap, directly followed by Chinese text in another font (on its line, or first on the
next one when the option wrapped at the cell's edge), with at least one more such letter or printed box
in the same cell, is decoded as the box it stood for (`þ`, `¨`, `ý` even alone) — otherwise the options
would read as printed text without any box, i.e. silently unticked. A cell a page break split is
judged again once joined (`decode_letters_of_joined_cells`): the letter's part may hold no box.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from types import MappingProxyType

from extractors.pdf.drafts import DraftBlock, DraftTable
from extractors.pdf.lines import Line
from extractors.pdf.primitives import Glyph
from extractors.symbols import decode_symbol
from schema.document import BOXES, EMPTY_GLYPH, TICKED_GLYPH

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
UNMISTAKABLE = frozenset("þ¨ý")
"""Trick letters that never open a Chinese option as themselves: one alone is the box it stood for."""
MIN_LETTERS = 2
GAP = 0.25


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _following(inked: list[list[Glyph]], row: int, index: int) -> Glyph | None:
    """The inked glyph after `inked[row][index]`: on its row, or first on the next row (an option's
    text wrapped after its box at the cell's edge)."""
    if index + 1 < len(inked[row]):
        return inked[row][index + 1]
    return inked[row + 1][0] if row + 1 < len(inked) and inked[row + 1] else None


def _opens_option(inked: list[list[Glyph]], row: int, index: int) -> bool:
    """A trick letter opening an option: first on its line or after a gap, in another font than the
    Chinese text right after it."""
    glyph = inked[row][index]
    after = _following(inked, row, index)
    if glyph.text not in _LETTER_FONTS or after is None:
        return False
    if not _is_cjk(after.text) or after.font == glyph.font:
        return False
    return index == 0 or glyph.bbox.x0 - inked[row][index - 1].bbox.x1 >= GAP * glyph.size


def _candidates(rows: list[list[Glyph]]) -> list[Glyph]:
    inked = [[g for g in row if not g.text.isspace()] for row in rows]
    return [glyph for r, row in enumerate(inked) for i, glyph in enumerate(row) if _opens_option(inked, r, i)]


def decode_substituted_letters(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Given a cell's glyph rows, return them with substituted symbol-font letters decoded to boxes.

    A letter is decoded when the cell holds at least MIN_LETTERS such letters and printed boxes
    together (`R是 ☐否`: the filer ticked in Wingdings 2 and left the template's boxes), or when it is
    UNMISTAKABLE (`þ是` alone in the part of a cell a page break left on its page)."""
    found = _candidates(rows)
    boxes = sum(1 for row in rows for g in row if g.text in BOXES)
    decoded = {
        id(g): _decode(g) for g in found if len(found) + boxes >= MIN_LETTERS or g.text in UNMISTAKABLE
    }
    if not decoded:
        return rows
    return [[decoded.get(id(g), g) for g in row] for row in rows]


def _decode(glyph: Glyph) -> Glyph:
    mark = decode_symbol(_LETTER_FONTS[glyph.text], ord(glyph.text))
    return dataclasses.replace(glyph, text=mark if mark in (TICKED_GLYPH, EMPTY_GLYPH) else glyph.text)


_OPENING_LETTER = re.compile(rf"^([{''.join(_LETTER_FONTS)}]) ?(?=[\u4e00-\u9fff])")


def decode_letters_of_joined_cells(drafts: list[DraftBlock]) -> list[DraftBlock]:
    """Given the document's drafts with continued tables joined, return them with a trick letter that
    opens a line of a cell decoded where at least MIN_LETTERS other lines of the cell open with a box:
    the evidence the page part holding the letter lacked (`R信息服务` alone at the foot of page 12,
    its ☑ siblings on page 13)."""
    for block in drafts:
        if isinstance(block, DraftTable):
            for cell in block.cells:
                cell.items = _decode_cell_items(cell.items)
    return drafts


def _decode_cell_items(items: list[Line | DraftTable]) -> list[Line | DraftTable]:
    boxed = sum(1 for item in items if isinstance(item, Line) and item.text[:1] in BOXES)
    decoded: list[Line | DraftTable] = []
    for item in items:
        if isinstance(item, DraftTable):
            decode_letters_of_joined_cells([item])
        elif boxed >= MIN_LETTERS and (opening := _OPENING_LETTER.match(item.text)) is not None:
            letter = opening.group(1)
            mark = decode_symbol(_LETTER_FONTS[letter], ord(letter))
            if mark in (TICKED_GLYPH, EMPTY_GLYPH):
                item = dataclasses.replace(item, text=mark + item.text[opening.end() :])
        decoded.append(item)
    return decoded
