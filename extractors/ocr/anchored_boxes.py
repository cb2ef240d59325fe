"""Stage `anchor_missed_boxes`: an option read without its box gets its box looked at where print puts it.

The form prints a □ before every option. A box the pixel stages missed (a hand tick over its corner
or side, sides faded into pieces, a thick √ run into the text) leaves its option text without a box
glyph, and the option would be unknown. The option texts are known in advance, so the box's place
is known too: just left of the option's first character, about one character high. The ink there
(and beside it and above it, where a hand tick goes) is compared with the ink of the page's empty
boxes: much more is a tick, about as much is an empty box, anything between stays unknown. The
decision is always made with low confidence, so the operator checks it: a reading, never a silent
guess. Characters the engine read into the mark (`d否`, `V是`, `口第二产业`) are dropped.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.mapping.labels import label_key
from extractors.ocr.geometry import Grid, Image, TickBox, TickState, center, contains_point
from extractors.ocr.ticks import box_to_tick, cell_left, in_value_cell
from extractors.ocr.tokens import Token, ticks_to_tokens
from schema.document import BOXES, BBox

logger = logging.getLogger(__name__)

ANCHORED_CONFIDENCE = 0.5
"""Below any sensible threshold: a box decided from its expected place always goes to the operator."""
PIECE_GAP = 0.6
"""A gap wider than this (in character widths) ends a piece of text (options are set apart)."""
BOX_TO_CHAR = 0.85
"""A printed box's side in character heights (used when the page has no box to measure)."""
SEARCH_LEFT = 1.5
SEARCH_INTO = 0.3
"""A missed box is looked for from SEARCH_LEFT sides left of its option's first character to
SEARCH_INTO sides into it (OCR boxes hug the ink, a mark read with the text widens them)."""
PAGE_SIDES = (1.0, 1.15, 1.3)
"""Box sides tried (times the page's detected side): a box pasted from elsewhere may be larger."""
GUESSED_SIDES = (0.8, 0.9, 1.0, 1.1, 1.2)
"""Box sides tried (times the guess from the character height) on a page with no box detected."""
MIN_OUTLINE = 0.6
CLEAR_OUTLINE = 0.9
"""A square outlined less than this on the ordinary ink is looked for on the faint ink too (a grey box
beats the 口 of the option's own character)."""
LINE_CHAR_LIMIT = 1.25
READ_CHARACTER = 0.3
READ_INSET = 0.15
COVERED_READ = 0.5
"""A character read with READ_CHARACTER confidence holds no box (its box, READ_INSET in from each side),
and no box covers COVERED_READ of it."""
"""A square whose outline is inked less than this is no printed box (the filer removed it)."""
MARK_CHARACTERS = frozenset("口回团囗区□√✓✔VvYyd/\\×xX丶。·.,'‘’`~-_|")
"""What an engine reads a ticked or crossed box as (besides the box glyphs)."""
TICK_CHARACTERS = frozenset("√✓✔Vv")
"""What an engine reads a hand tick drawn beside a box as."""
HAND_MARK_CHARACTERS = TICK_CHARACTERS | frozenset("×xX")
"""What an engine reads a hand tick or cross (over a box it then misses) as."""
MAX_MARK_CHARACTERS = 2
ADJACENT = 0.3
"""A mark ending within this many box sides left of a box belongs to it."""
BOXED_REACH = 2.0
ADJACENT_BOX = 1.0
SWALLOWED = 1.4
"""A one-character token this much wider than the line's characters swallowed a box."""
"""A box glyph ending this close before an option (in character heights) is the option's own."""


@dataclass(frozen=True, slots=True)
class CharSize:
    """The typical width and height of a Chinese character token on a line, in pixels."""

    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Anchor:
    """An option's first character and the mark-like tokens read before it (the engine's reading of
    the box and the tick), to be dropped."""

    first: Token
    marks: tuple[Token, ...]
    char: CharSize
    """The size of a character on the line (a token read with the box or a tick in it is larger)."""


def is_box_token(token: Token) -> bool:
    """Whether a token is a box glyph (a decided box)."""
    return token.text in BOXES


def _middle(token: Token) -> float:
    return (token.bbox.y0 + token.bbox.y1) / 2


def tokens_to_lines(tokens: Sequence[Token]) -> list[list[Token]]:
    """Given a page's tokens, return them as text lines (vertical overlap), each ordered left to right."""
    lines: list[list[Token]] = []
    for token in sorted(tokens, key=_middle):
        line = lines[-1] if lines else None
        if line is not None and abs(_middle(token) - _middle(line[0])) <= 0.5 * line[0].bbox.height:
            line.append(token)
        else:
            lines.append([token])
    return [sorted(line, key=lambda t: t.bbox.x0) for line in lines]


def cell_lines(tokens: Sequence[Token], grids: Sequence[Grid]) -> list[list[Token]]:
    """Given a page's tokens and grids, return the text lines of each cell (and of the text outside
    the grids): a tick rising into an option makes it read tall, and it must not join a line of the
    label column beside it (`理工作建立` would hide the option `建立中小企业…`)."""
    by_cell: dict[tuple[int, int] | None, list[Token]] = {}
    for token in tokens:
        by_cell.setdefault(_cell_of(token.bbox, grids), []).append(token)
    return [line for cell in by_cell.values() for line in tokens_to_lines(cell)]


def _cell_of(box: BBox, grids: Sequence[Grid]) -> tuple[int, int] | None:
    x, y = center(box)
    for index, grid in enumerate(grids):
        for number, cell in enumerate(grid.cells):
            if contains_point(cell.bbox, x, y):
                return index, number
    return None


def _is_mark(token: Token) -> bool:
    return all(ch in MARK_CHARACTERS or ch in BOXES for ch in token.text)


def _piece_starts(line: list[Token], char: CharSize) -> Iterator[int]:
    """Given a line and its character size, yield the index of each token that may start an option:
    at the line start, after a gap, at a tick or cross the engine read as text right after other text
    (a √ drawn beside the box of an option set inline: `是（需附情况说明）√□否`; a × over a box the
    engine took for the mark alone: `□是X否`), and at a character read
    much wider than the others (it swallowed the box before it: `□否` read as one `否`)."""
    for index, token in enumerate(line):
        if index == 0 or _starts_piece(line[index - 1], token, char):
            yield index


def _starts_piece(previous: Token, token: Token, char: CharSize) -> bool:
    if _gap_between(previous, token, char):
        return True
    if _is_hand_mark(token) and not _is_mark(previous):
        return True
    return len(token.text) == 1 and token.bbox.width > SWALLOWED * char.width


def _gap_between(previous: Token, token: Token, char: CharSize) -> bool:
    """A gap wider than PIECE_GAP characters (of the line's width: a tick rising into a line makes
    the engine read all its characters taller)."""
    return token.bbox.x0 - previous.bbox.x1 > PIECE_GAP * min(token.bbox.height, char.width)


def _is_tick(token: Token) -> bool:
    return bool(token.text) and all(ch in TICK_CHARACTERS for ch in token.text)


def _is_hand_mark(token: Token) -> bool:
    return bool(token.text) and all(ch in HAND_MARK_CHARACTERS for ch in token.text)


def _option_at(line: list[Token], start: int, options: frozenset[str], char: CharSize) -> int | None:
    """Given a line, a piece start and the line's character size, return the index of an option's
    first character at most MAX_MARK_CHARACTERS mark-like tokens into the piece (the first may be
    any one character), if an option starts there."""
    for skip in range(MAX_MARK_CHARACTERS + 1):
        index = start + skip
        if index >= len(line) or (skip and not _skippable(line[index - 1], index - 1 == start)):
            return None
        if not _is_mark(line[index]) and starts_option(_text_from(line, index, char), options):
            return index
    return None


def _skippable(token: Token, opens_piece: bool) -> bool:
    """Whether a token before an option may be the engine's reading of its box: a mark-like one, or
    any single character opening the piece (a ticked box read as `石`)."""
    return _is_mark(token) or (opens_piece and len(token.text) == 1)


def _text_from(line: list[Token], index: int, char: CharSize) -> str:
    """The text of the line from a token to the start of the next piece (or box)."""
    text = line[index].text
    for previous, token in zip(line[index:], line[index + 1 :], strict=False):
        if _starts_piece(previous, token, char) or is_box_token(token):
            break
        text += token.text
    return text


def starts_option(text: str, options: frozenset[str]) -> bool:
    """Whether a text begins with a printed option (a short one whole, a long one by its first four)."""
    key = label_key(text)
    return any(
        key == label_key(option) or (len(option) >= 4 and key.startswith(label_key(option)[:4]))
        for option in options
    )


def _boxed(line: list[Token], index: int, char: CharSize) -> bool:
    """Whether the option starting at line[index] has a box glyph before it: within BOXED_REACH
    character widths (of the line: a tick rising into the option makes its character read taller),
    with nothing but marks between (a box beyond other text is another option's, whose text a tick
    may have hidden: `□是√□否` read as `□ 否`)."""
    first = line[index]
    reach = BOXED_REACH * min(first.bbox.height, char.width)
    for token in reversed(line[:index]):
        if token.bbox.x1 < first.bbox.x0 - reach:
            return False
        if is_box_token(token):
            return True
        if not _is_mark(token):
            return False
    return False


def char_size(line: list[Token]) -> CharSize:
    """Given a line, return the typical size of its characters: the median box of its one-character
    Chinese tokens (of all its tokens when it has none)."""
    chars = [t for t in line if len(t.text) == 1 and "\u3400" <= t.text <= "\u9fff"] or line
    width = statistics.median(t.bbox.width for t in chars)
    height = statistics.median(t.bbox.height for t in chars)
    return CharSize(min(width, height), height)  # a Chinese character is never wider than high


def _box_just_before(first: BBox, boxes: Sequence[BBox]) -> bool:
    """Whether a box lies right before a character (ending within ADJACENT_BOX sides of it, at its
    height): found whatever line the box was grouped into (a character a tick rises into is read
    taller, and joins another column's line)."""
    return any(
        box.x0 < first.x0
        and box.x1 >= first.x0 - ADJACENT_BOX * box.width
        and min(box.y1, first.y1) - max(box.y0, first.y0) > box.height / 2
        for box in boxes
    )


def line_to_anchors(
    line: list[Token], options: frozenset[str], boxes: Sequence[BBox] = (), page_char: CharSize | None = None
) -> Iterator[Anchor]:
    """Given a line, the page's box glyphs and its character size, yield each option start that has no
    box before it."""
    seen: set[int] = set()
    char = char_size(line) if page_char is None else _at_most(char_size(line), page_char)
    for start in _piece_starts(line, char):
        index = _option_at(line, start, options, char)
        if (
            index is None
            or index in seen
            or _boxed(line, index, char)
            or _box_just_before(line[index].bbox, boxes)
        ):
            continue
        seen.add(index)
        yield Anchor(line[index], tuple(line[start:index]), char)


def _at_most(char: CharSize, page: CharSize) -> CharSize:
    """A line's character size, at most LINE_CHAR_LIMIT times the page's: a line of one option read as
    one wide, tall token (`□否` with a tick rising into it) does not measure a character."""
    return CharSize(
        min(char.width, LINE_CHAR_LIMIT * page.width), min(char.height, LINE_CHAR_LIMIT * page.height)
    )


def page_boxes(ticks: Sequence[TickBox]) -> float | None:
    """Given the page's detected boxes, return a printed box's side (None: no box detected)."""
    return statistics.median(t.bbox.width for t in ticks) if ticks else None


def search_window(first: BBox, side: float, char: CharSize) -> BBox:
    """Given an option's first character, a box side and the line's character size, return where the
    box's top-left corner may lie: left of the character (up to SEARCH_LEFT sides), its middle within
    half a side of the character's.

    A character read larger than the others holds the box or a tick too (`□否` read as one wide
    `否`, a √ rising above it): the box is looked for up to where the character's own square begins,
    beside its bottom, or anywhere down from its top (the engine's box is loose around such a read)."""
    middle = first.y1 - min(first.height, char.height) / 2
    text_start = max(first.x0, first.x1 - char.width)
    return BBox(
        first.x0 - (SEARCH_LEFT + 1) * side,
        min(middle - side, first.y0),
        text_start + SEARCH_INTO * side - side,
        middle,
    )


def ring(side: int) -> Image:
    """A hollow square `side` px wide with one-pixel sides: the template of a printed box."""
    template = np.zeros((side, side), np.float32)
    template[[0, -1], :] = 1
    template[:, [0, -1]] = 1
    return template


def locate_box(
    free: Image, first: BBox, sides: Sequence[float], char: CharSize, read: Sequence[BBox] = ()
) -> tuple[BBox, float] | None:
    """Given the page ink, an option's first character, the box's possible sides, the line's
    character size and the characters read on the line, return the square before the option whose
    outline is inked most, and the inked share of its outline. No box lies where a character was
    read (the 日 of the previous option's 是 is square too)."""
    reach = round(max(sides) * (SEARCH_LEFT + 3))
    ox, oy = max(0, round(first.x0) - reach), max(0, round(first.y0) - reach)
    crop = free[oy : round(first.y1) + reach, ox : round(first.x1) + reach]
    grown = (cv2.dilate(crop, np.ones((3, 3), np.uint8)) > 0).astype(np.float32)
    for box in read:
        x0, y0, x1, y1 = (round(v) for v in _inset(box, READ_INSET).as_tuple())
        grown[max(0, y0 - oy) : max(0, y1 - oy), max(0, x0 - ox) : max(0, x1 - ox)] = 0
    found: list[tuple[BBox, float]] = []
    for size in sorted({round(side) for side in sides}):
        square = _best_square(grown, _shifted(search_window(first, size, char), -ox, -oy), size)
        if square is not None and not _covers_read(_shifted(square[0], ox, oy), read):
            found.append((_shifted(square[0], ox, oy), square[1]))
    return _leftmost_of(found)


def _leftmost_of(found: list[tuple[BBox, float]]) -> tuple[BBox, float] | None:
    """Given the best square of each size, return the leftmost place outlined clearly (a box redrawn by
    hand may be larger than the page's: the page's size then fits the 日 of 是 right of it), else the
    best outlined square. At one place the best outlined, smallest square wins (a larger one fits a
    box fattened by blur, and takes in the option's first stroke)."""
    clear = [f for f in found if f[1] >= CLEAR_OUTLINE]
    if not clear:
        return max(found, key=lambda f: f[1], default=None)
    first = min(clear, key=lambda f: f[0].x0 + f[0].x1)
    return max((f for f in clear if _same_place(f[0], first[0])), key=lambda f: (f[1], -f[0].width))


def _covers_read(square: BBox, read: Sequence[BBox]) -> bool:
    """Whether a square covers most of a character read on the line: the strokes around a character
    (the 亍 of 行 and the sides of 业 in `行业，不适用`) outline no box."""
    return any(_overlap_area(square, box) > COVERED_READ * box.width * box.height for box in read)


def _overlap_area(a: BBox, b: BBox) -> float:
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0.0, min(a.y1, b.y1) - max(a.y0, b.y0))


def _shifted(box: BBox, dx: float, dy: float) -> BBox:
    return BBox(box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy)


def _inset(box: BBox, share: float) -> BBox:
    dx, dy = box.width * share, box.height * share
    return BBox(box.x0 + dx, box.y0 + dy, box.x1 - dx, box.y1 - dy)


def read_characters(line: Sequence[Token], anchor: Anchor) -> list[BBox]:
    """The boxes of the Chinese characters read on an anchor's line, even with little confidence (a
    tick across 是 lowers its reading to 0.46), but its own first character and marks (a box the engine
    swallowed lies inside those) and what a box reads as (口, 回)."""
    own = {id(anchor.first), *(id(m) for m in anchor.marks)}
    return [
        t.bbox
        for t in line
        if id(t) not in own
        and len(t.text) == 1
        and "\u3400" <= t.text <= "\u9fff"
        and not _is_mark(t)
        and t.confidence >= READ_CHARACTER
    ]


def _best_square(grown: Image, window: BBox, size: int) -> tuple[BBox, float] | None:
    x0, y0 = max(0, round(window.x0)), max(0, round(window.y0))
    x1, y1 = round(window.x1) + size, round(window.y1) + size
    area = grown[y0:y1, x0:x1]
    if size < 4 or area.shape[0] < size or area.shape[1] < size:
        return None
    template = ring(size)
    scores = np.asarray(cv2.matchTemplate(area, template, cv2.TM_CCORR), np.float32) / float(template.sum())
    dx, dy = _leftmost_clear(scores, size)
    box = BBox(float(x0 + dx), float(y0 + dy), float(x0 + dx + size), float(y0 + dy + size))
    return box, float(scores[dy, dx])


def _leftmost_clear(scores: np.ndarray, size: int) -> tuple[int, int]:
    """Given the outline shares of every square's top-left corner, return the best corner of the
    leftmost squares outlined clearly (the box comes before its option: the 日 of 是 or the 口 of 否
    right of it is square too), or the best corner when none is."""
    columns = np.flatnonzero((scores >= CLEAR_OUTLINE).any(axis=0))
    if columns.size:
        start = int(columns[0])
        near = scores[:, start : start + max(1, size // 2)]
        dy, dx = np.unravel_index(int(np.argmax(near)), near.shape)
        return start + int(dx), int(dy)
    dy, dx = np.unravel_index(int(np.argmax(scores)), scores.shape)
    return int(dx), int(dy)


def anchor_to_tick(
    anchor: Anchor,
    side: float | None,
    masks: tuple[Image, Image],
    grids: Sequence[Grid],
    read: Sequence[BBox] = (),
) -> TickBox | None:
    """Given an option's anchor, the page's box side, its ordinary and faint ink (ruling removed),
    grids and the characters read on its line, return its box (if one is printed there) decided as
    any box is, from the ordinary ink, at low confidence. A box printed too light for the ordinary
    ink (a grey box under a hand tick) is looked for on the faint ink."""
    free, faint = masks
    guess = BOX_TO_CHAR * anchor.char.height
    sides = [side * f for f in PAGE_SIDES] if side else [guess * f for f in GUESSED_SIDES]
    located = _better_place(
        locate_box(free, anchor.first.bbox, sides, anchor.char, read),
        locate_box(faint, anchor.first.bbox, sides, anchor.char, read),
    )
    located = _outlined(located)
    if located is None:
        logger.debug("no box before %r", anchor.first.text)
        return None
    tick = box_to_tick(free, located[0], wall=cell_left(located[0], grids))
    state = TickState.TICKED if any(_is_tick(m) for m in marks_at(anchor, tick.bbox)) else tick.state
    logger.debug("box before %r found at %s: %s", anchor.first.text, located, state.name)
    return TickBox(tick.bbox, state, min(tick.confidence, ANCHORED_CONFIDENCE))


def _better_place(
    ordinary: tuple[BBox, float] | None, faint: tuple[BBox, float] | None
) -> tuple[BBox, float] | None:
    """The square the faint ink outlines, if the ordinary ink outlines none, or one elsewhere and less
    (a grey box left of the 口 of the option's character), or one clearly outlined left of it (a grey
    box left of the 日 of 是: the box comes first); the same box outlined on both keeps its ordinary
    square (the faint ink fattens a bold box: a larger square fits it)."""
    if faint is None:
        return ordinary
    if ordinary is None or ordinary[1] < MIN_OUTLINE:
        return faint
    if _same_place(ordinary[0], faint[0]):
        return ordinary
    if ordinary[1] >= CLEAR_OUTLINE:
        clear_left = faint[1] >= CLEAR_OUTLINE and (faint[0].x0 + faint[0].x1) / 2 < ordinary[0].x0
        return faint if clear_left else ordinary
    return ordinary if faint[1] <= ordinary[1] else faint


def _same_place(a: BBox, b: BBox) -> bool:
    overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
    overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
    smaller = min(a.width * a.height, b.width * b.height)
    return overlap_x > 0 and overlap_y > 0 and overlap_x * overlap_y > 0.5 * smaller


def _outlined(located: tuple[BBox, float] | None) -> tuple[BBox, float] | None:
    """A located square if its outline is inked enough to be a printed box."""
    return located if located is not None and located[1] >= MIN_OUTLINE else None


def marks_at(anchor: Anchor, box: BBox) -> list[Token]:
    """Given an anchor and its located box, return the marks read in the box or touching it from the
    left (a √ beside it); a mark further left is the previous option's typed tick (`是√ □否`)."""
    return [m for m in anchor.marks if m.bbox.x1 >= box.x0 - ADJACENT * box.width]


def marks_over(line: Sequence[Token], box: BBox) -> list[Token]:
    """Given a line and a located box, return the mark-like tokens lying mostly on the box: the engine's
    reading of the hand × in it (`是×`), which would tick the option before it."""
    return [t for t in line if _is_mark(t) and not is_box_token(t) and _mostly_on(t.bbox, box)]


def _mostly_on(token: BBox, box: BBox) -> bool:
    overlap_x = min(token.x1, box.x1) - max(token.x0, box.x0)
    overlap_y = min(token.y1, box.y1) - max(token.y0, box.y0)
    return overlap_x > 0 and overlap_y > 0 and overlap_x > 0.5 * token.width


def anchor_missed_boxes(
    tokens: Sequence[Token],
    ticks: Sequence[TickBox],
    masks: tuple[Image, Image],
    grids: list[Grid],
    options: frozenset[str],
) -> tuple[list[Token], list[TickBox]]:
    """Given a page's tokens, detected boxes, ordinary and faint ink (ruling removed), grids and the
    option texts, return the tokens without the characters read into missed boxes, and the missed
    boxes decided."""
    side = page_boxes(ticks)
    page_char = char_size(list(tokens)) if tokens else None
    dropped: set[int] = set()
    found: list[TickBox] = []
    boxes = [t.bbox for t in ticks]
    for line in cell_lines([*tokens, *ticks_to_tokens(list(ticks))], grids):
        for anchor in line_to_anchors(line, options, boxes, page_char):
            tick = anchor_to_tick(anchor, side, masks, grids, read_characters(line, anchor))
            if tick is not None and in_value_cell(tick.bbox, grids):
                found.append(tick)
                dropped.update(
                    id(mark) for mark in [*marks_at(anchor, tick.bbox), *marks_over(line, tick.bbox)]
                )
    kept = [t for t in tokens if id(t) not in dropped]
    return drop_beside_ticks(kept, [*ticks, *found]), found


def _beside(token: Token, box: BBox) -> bool:
    """Whether a token ends at the box's left side (within ADJACENT sides) on its line."""
    overlap = min(token.bbox.y1, box.y1) - max(token.bbox.y0, box.y0)
    return overlap > 0 and token.bbox.x0 < box.x0 and token.bbox.x1 >= box.x0 - ADJACENT * box.width


def drop_beside_ticks(tokens: list[Token], ticks: Sequence[TickBox]) -> list[Token]:
    """Given a page's tokens and boxes, return the tokens without the hand √ the engine read beside a
    ticked box (kept, it would read as a typed tick after the previous option: `是√☑否`)."""
    ticked = [t.bbox for t in ticks if t.state is TickState.TICKED]
    return [t for t in tokens if not (_is_tick(t) and any(_beside(t, box) for box in ticked))]
