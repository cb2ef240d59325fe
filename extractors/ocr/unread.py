"""Stage `mark_unread_cells`: written ink nobody read gets an unknown glyph (⍰).

The engine reads nothing of some marks a filer leaves in a cell: a lone dash (`—`, meaning none), a
handwritten figure, a very faint entry. The cell would read as empty and its field as not filled
in, with nobody told to look. A cell that holds a sizeable inked shape (larger than any toner
speck, outside any seal) but no word and no box gets `⍰` with confidence 0 over that ink, or `—`
(none) at a low confidence when that ink is one thin horizontal stroke: either way its field is
flagged for the operator; unless the recogniser, shown that ink alone, reads it confidently (a lone
figure the text detector passed over): that reading is taken, still below the threshold. In a cell
of options, a mark nobody read (a √ written after an option
that wrapped alone onto the next line) is shown to the recogniser by itself: read as a tick it
becomes `√` at a low confidence (it then ticks the option it follows, and the operator confirms);
read as anything else it gets ⍰, and a mark that cannot be placed makes the options unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np

from extractors.ocr.confirm import BOX_LIKE
from extractors.ocr.geometry import Grid, Image, contains_point
from extractors.ocr.tokens import Token
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH, UNREAD_DOUBT, BBox, SealMark

MIN_MARK_MM = 1.5
"""An inked shape at least this long (mm) is written, not a toner speck."""
CELL_INSET = 4
WALL_BAND = 4
"""Ink within this many px beyond a cell's wall (and its removal margin) continues a mark across it."""
MIN_OPTION_BOXES = 2
LINE_START = 3.0
"""A cell with MIN_OPTION_BOXES boxes, or one within LINE_START box widths of its left side, lists options."""
READ_MARGIN = 3
"""Ink this close (px) to a token's box is that token's."""
BESIDE_REACH = 2.0
"""A hand tick beside a ticked box lies within this many box widths left of it."""
DASH = "—"
DASH_MAX_HEIGHT_MM = 0.8
DASH_ASPECT = 3.0
DASH_CONFIDENCE = 0.7
DASH_READINGS = frozenset({"一", "一一"})
"""What an engine reads a filer's lone dash as."""
TICK = "√"
TICK_CONFIDENCE = 0.5
TICK_READINGS = frozenset("√✓✔Vv")
DOUBTFUL_MARK = 0.7
MIN_REREAD = 0.7
"""What a lone hand or typed √ is recognised as."""
MIN_RECOGNISED = 0.9
RECOGNISED_CONFIDENCE = 0.8
"""Ink the text detector passed over, read by the recogniser alone with MIN_RECOGNISED, is taken
(in an empty cell at RECOGNISED_CONFIDENCE, below the threshold: the operator confirms it)."""
GlyphReader = Callable[[BBox], tuple[str, float]]
"""Reads the one glyph at a bbox of the page: its text and confidence."""
"""A lone thin horizontal stroke is read as `—` (none), below the threshold: the operator confirms it."""


def _inside_any(box: BBox, others: Sequence[BBox]) -> bool:
    """Whether the box's centre lies in any of the others."""
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return any(contains_point(other, cx, cy) for other in others)


def cell_marks(free: Image, cell: BBox, min_length: float) -> list[BBox]:
    """Given the page ink (ruling removed), a cell and a length in px, return the boxes of the inked
    shapes in the cell at least that long."""
    x0, y0 = round(cell.x0) + CELL_INSET, round(cell.y0) + CELL_INSET
    region = np.ascontiguousarray(free[y0 : round(cell.y1) - CELL_INSET, x0 : round(cell.x1) - CELL_INSET])
    if region.size == 0:
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats(region)
    return [
        BBox(float(x0 + x), float(y0 + y), float(x0 + x + w), float(y0 + y + h))
        for x, y, w, h, _ in (stats[i] for i in range(1, count))
        if max(w, h) >= min_length
    ]


def crosses_wall(free: Image, cell: BBox, mark: BBox) -> bool:
    """Whether an inked shape reaches a wall of its cell and ink goes on right beyond the wall: the
    tail of a mark drawn in the next cell (a hand √ before an option box crossing into the empty
    label cell of a row continued on a new page), not this cell's own."""
    return any(_inked(free, band) for band in _bands_beyond(cell, mark))


def _bands_beyond(cell: BBox, mark: BBox) -> list[BBox]:
    """The strips just beyond each wall of the cell the shape reaches, along the shape."""
    reach, far = CELL_INSET + 1, CELL_INSET + 1 + WALL_BAND
    bands = []
    if mark.x0 <= cell.x0 + reach:
        bands.append(BBox(cell.x0 - far, mark.y0, cell.x0 - reach, mark.y1))
    if mark.x1 >= cell.x1 - reach:
        bands.append(BBox(cell.x1 + reach, mark.y0, cell.x1 + far, mark.y1))
    if mark.y0 <= cell.y0 + reach:
        bands.append(BBox(mark.x0, cell.y0 - far, mark.x1, cell.y0 - reach))
    if mark.y1 >= cell.y1 - reach:
        bands.append(BBox(mark.x0, cell.y1 + reach, mark.x1, cell.y1 + far))
    return bands


def _inked(free: Image, box: BBox) -> bool:
    x0, y0, x1, y1 = (max(0, round(v)) for v in box.as_tuple())
    return bool(free[y0:y1, x0:x1].any())


def is_dash(mark: BBox, px_per_mm: float) -> bool:
    """Whether an inked shape is a dash: a thin horizontal stroke (`—`, meaning none)."""
    return mark.height <= DASH_MAX_HEIGHT_MM * px_per_mm and mark.width >= DASH_ASPECT * mark.height


def mark_unread_cells(
    free: Image,
    grids: list[Grid],
    tokens: Sequence[Token],
    seals: Sequence[SealMark],
    px_per_mm: float,
    read_glyph: GlyphReader,
) -> list[Token]:
    """Given the page ink, grids, tokens read, seals and a glyph reader, return an unknown-glyph token
    for every cell holding written ink but no token, and a token for every mark nobody read in an
    option cell (`√` when it reads as a tick, else ⍰)."""
    discs = [seal.bbox for seal in seals]
    unread: list[Token] = []
    for cell in (cell for grid in grids for cell in grid.cells):
        inside = [token for token in tokens if _inside_any(token.bbox, [cell.bbox])]
        marks = [m for m in cell_marks(free, cell.bbox, MIN_MARK_MM * px_per_mm) if not _inside_any(m, discs)]
        if not inside:
            own = [m for m in marks if not crosses_wall(free, cell.bbox, m)]
            unread.extend(_empty_cell_tokens(own, px_per_mm, read_glyph))
        elif lists_options(inside, cell.bbox):
            left = [m for m in marks if _unread_mark(m, inside)]
            unread.extend(_option_mark_token(cluster, read_glyph) for cluster in clusters(left))
    return unread


def reread_doubtful_marks(tokens: Sequence[Token], grids: list[Grid], read_glyph: GlyphReader) -> list[Token]:
    """Given a page's tokens, grids and a glyph reader, return the tokens with every punctuation mark
    of an option cell read below DOUBTFUL_MARK (a hand √ after an option read as `、`, an option word
    a tick runs into read as `.`) shown to the recogniser by itself: read as a tick, it becomes `√`,
    read as Chinese (MIN_REREAD) that text, both at a flagged confidence."""
    doubtful = {
        id(token)
        for cell in (cell for grid in grids for cell in grid.cells)
        for inside in [[t for t in tokens if _inside_any(t.bbox, [cell.bbox])]]
        if lists_options(inside, cell.bbox)
        for token in inside
        if _doubtful_mark(token)
    }
    return [_reread(token, read_glyph) if id(token) in doubtful else token for token in tokens]


def _doubtful_mark(token: Token) -> bool:
    text = token.text.strip()
    return (
        len(text) == 1 and not text.isalnum() and not is_box_glyph(text) and token.confidence < DOUBTFUL_MARK
    )


def _reread(token: Token, read_glyph: GlyphReader) -> Token:
    text, confidence = read_glyph(token.bbox)
    if text.strip() in TICK_READINGS:
        return Token(TICK, token.bbox, TICK_CONFIDENCE, UNREAD_DOUBT)
    if _is_chinese(text) and confidence >= MIN_REREAD:
        return Token(text.strip(), token.bbox, min(confidence, RECOGNISED_CONFIDENCE), UNREAD_DOUBT)
    return token


def read_lone_dashes(tokens: Sequence[Token], grids: list[Grid]) -> list[Token]:
    """Given a page's tokens and grids, return them with a lone `一` filling a cell read as `—`: the
    filer's dash (none) the engine took for the character one (a count is written in figures), at a
    flagged confidence."""
    lone = {
        id(inside[0])
        for cell in (cell for grid in grids for cell in grid.cells)
        for inside in [[t for t in tokens if _inside_any(t.bbox, [cell.bbox])]]
        if len(inside) == 1 and inside[0].text.strip() in DASH_READINGS
    }
    return [
        Token(DASH, t.bbox, min(t.confidence, DASH_CONFIDENCE), UNREAD_DOUBT) if id(t) in lone else t
        for t in tokens
    ]


def clusters(marks: Sequence[BBox]) -> list[BBox]:
    """Given inked shapes, return the boxes of the groups of them that touch (within READ_MARGIN):
    the parts of one character, the characters of one word."""
    groups: list[BBox] = []
    for mark in sorted(marks, key=lambda m: m.x0):
        touching = [g for g in groups if _overlaps(_grown(g, READ_MARGIN), mark)]
        groups = [g for g in groups if g not in touching] + [_union([mark, *touching])]
    return groups


def _union(boxes: Sequence[BBox]) -> BBox:
    return BBox(
        min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes)
    )


def _option_mark_token(mark: BBox, read_glyph: GlyphReader) -> Token:
    """The token for ink nobody read in an option cell: `√` (flagged) when it reads as a tick, the
    option's text when it reads as Chinese text (a lone `否` the text detector passed over), else ⍰."""
    text, confidence = read_glyph(mark)
    if text.strip() in TICK_READINGS:
        return Token(TICK, mark, TICK_CONFIDENCE, UNREAD_DOUBT)
    if _is_chinese(text) and confidence >= MIN_RECOGNISED:
        return Token(text.strip(), mark, confidence, UNREAD_DOUBT)
    return Token(UNKNOWN_GLYPH, mark, 0.0, UNREAD_DOUBT)


def _is_chinese(text: str) -> bool:
    """Chinese text, and not a box read as 口 or 回."""
    glyphs = text.strip()
    return (
        bool(glyphs)
        and all("\u3400" <= ch <= "\u9fff" for ch in glyphs)
        and not all(ch in BOX_LIKE for ch in glyphs)
    )


def _empty_cell_tokens(marks: list[BBox], px_per_mm: float, read_glyph: GlyphReader) -> list[Token]:
    """The token for the written ink of a cell nobody read: `—` for one thin stroke; else what the
    recogniser reads in it alone (a lone figure the text detector passed over), below the threshold;
    else ⍰."""
    if len(marks) == 1 and is_dash(marks[0], px_per_mm):
        return [Token(DASH, marks[0], DASH_CONFIDENCE, UNREAD_DOUBT)]
    if not marks:
        return []
    box = _union(marks)
    text, confidence = read_glyph(box)
    if text.strip() and confidence >= MIN_RECOGNISED:
        return [Token(text.strip(), box, min(confidence, RECOGNISED_CONFIDENCE), UNREAD_DOUBT)]
    return [Token(UNKNOWN_GLYPH, box, 0.0, UNREAD_DOUBT)]


def lists_options(tokens: Sequence[Token], cell: BBox) -> bool:
    """Whether a cell's tokens list options: two boxes or more, or one opening a line (a box inside a
    sentence is more likely a character taken for one)."""
    boxes = [t.bbox for t in tokens if is_box_glyph(t.text)]
    return len(boxes) >= MIN_OPTION_BOXES or any(b.x0 - cell.x0 <= LINE_START * b.width for b in boxes)


def is_box_glyph(text: str) -> bool:
    return text in (TICKED_GLYPH, EMPTY_GLYPH, UNKNOWN_GLYPH)


def _unread_mark(mark: BBox, tokens: Sequence[Token]) -> bool:
    """Whether an inked shape of an option cell is nobody's: no token overlaps it, and it is not a
    hand tick beside a ticked box (which decided that box)."""
    return not any(_overlaps(mark, _grown(t.bbox, READ_MARGIN)) for t in tokens) and not any(
        t.text == TICKED_GLYPH and _overlaps(mark, _beside(t.bbox)) for t in tokens
    )


def _grown(box: BBox, margin: float) -> BBox:
    return BBox(box.x0 - margin, box.y0 - margin, box.x1 + margin, box.y1 + margin)


def _beside(box: BBox) -> BBox:
    """Where a hand tick beside a box lies: left of it and a little above."""
    return BBox(box.x0 - BESIDE_REACH * box.width, box.y0 - box.height, box.x1, box.y1 + box.height / 2)


def _overlaps(a: BBox, b: BBox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
