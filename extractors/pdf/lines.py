"""Stage `glyphs_to_lines`: characters to text lines in reading order (pdfplumber's chars → words → lines).

Glyphs whose vertical centres agree form one line, read left to right. A gap wider than a third of
the font size becomes one space (Chinese text has none; numbers, names and phone numbers do); spaces
present in the text layer are kept, runs of them collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise, takewhile

from extractors.pdf.primitives import Glyph, union_bbox
from schema.document import MARKS, BBox, weakest_reading

OPTION_STARTS = frozenset("□☐▢☑☒■▇√✓✔✗✘×⍰")
_CN_DIGITS = "一二三四五六七八九十"
ENUMERATION = re.compile(rf"^(\d+[.、．](?!\d)|[（(][\d{_CN_DIGITS}]+[）)]|[{_CN_DIGITS}]+、|[a-g][.．])")
LINE_OVERLAP = 0.45
SPACE_GAP = 0.33
FIT_TOLERANCE = 0.03
RUN_SLACK = 1.0
LINE_GAP = 1.0
LATIN_ADVANCE = 0.55
COLLISION = 0.5
TOUCH = 0.01  # characters set one after the other touch: the next starts where the last ends
"""Typed characters overlapping by more than this share of the smaller one, across and down, collide."""
_LATIN_RUN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff]+")
_LABEL_START = re.compile(r"^[\u4e00-\u9fff]{1,8}[：:]")
_OPENING_MARKS = frozenset("（(「『《【〔“‘")
_CLOSING_MARKS = frozenset("，。、；：）」』》】〕”’？！,.;:)%")
ENDINGS = ("。", "；", "：", ":", ";", "！", "？")
CELL_PADDING = 5.6
COLUMN_GAP = 1.8


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of text with its box and page (confidence: the lowest of its OCR'd glyphs)."""

    text: str
    bbox: BBox
    page: int
    size: float
    tail: float = 0.0
    head: float = 0.0
    confidence: float | None = None
    doubt: str | None = None
    column: float | None = None
    """Where a second column starts after a wide gap (a borderless `label | value` layout), if any."""
    split: int = 0
    """The length of the text before that second column (its first column: the label)."""
    broken_at_space: bool = False
    """The text layer ends the line with a space: the layout broke it there, between words."""
    mark_confidences: tuple[float | None, ...] = ()
    """The confidence of each mark glyph of the text (`MARKS`: boxes, tick marks), in order (scans: each
    box decided on its own)."""

    @property
    def tail_x1(self) -> float:
        """The right end of the line's last visual row (lines joined across wraps keep it)."""
        return self.tail or self.bbox.x1


@dataclass(slots=True)
class _RowDraft:
    """A visual line being collected, with its running vertical extent."""

    glyphs: list[Glyph]
    top: float
    bottom: float

    def accepts(self, glyph: Glyph) -> bool:
        centre = (self.top + self.bottom) / 2
        return abs(glyph.center_y - centre) <= LINE_OVERLAP * max(self.bottom - self.top, glyph.bbox.height)

    def add(self, glyph: Glyph) -> None:
        self.glyphs.append(glyph)
        self.top = min(self.top, glyph.bbox.y0)
        self.bottom = max(self.bottom, glyph.bbox.y1)


def glyphs_to_rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Given glyphs (a text layer's in its drawing order), return them grouped into visual lines, top to
    bottom, each left to right by centre (an OCR character box may start over the box glyph before it);
    typed text drawn over other typed text is a line of its own (`separate_layers`)."""
    rows: list[_RowDraft] = []
    for glyph in sorted(glyphs, key=lambda g: (g.center_y, g.bbox.x0)):
        if rows and rows[-1].accepts(glyph):
            rows[-1].add(glyph)
        else:
            rows.append(_RowDraft([glyph], glyph.bbox.y0, glyph.bbox.y1))
    drawn = {id(glyph): index for index, glyph in enumerate(glyphs)}
    return [
        layer
        for row in rows
        for layer in separate_layers(sorted(row.glyphs, key=lambda g: g.center_x), drawn)
    ]


def _collide(a: Glyph, b: Glyph) -> bool:
    """Two typed characters covering the same place: neither could have been laid out beside the other."""
    across = min(a.bbox.x1, b.bbox.x1) - max(a.bbox.x0, b.bbox.x0)
    return (
        a.confidence is None
        and b.confidence is None
        and across > COLLISION * min(a.bbox.width, b.bbox.width)
        and min(a.bbox.y1, b.bbox.y1) - max(a.bbox.y0, b.bbox.y0)
        > COLLISION * min(a.bbox.height, b.bbox.height)
    )


def separate_layers(row: list[Glyph], drawn: dict[int, int]) -> list[list[Glyph]]:
    """Given one visual line's glyphs (left to right) and each glyph's place in the drawing order,
    return the line, or, where typed characters cover each other (a floating text box drawn over body
    text: `县级…主管部门` under `工业和信息化部 制`), its layers: each run drawn in one go, left to right,
    joins the first layer it collides with nothing in. Layers are returned in drawing order."""
    inked = [g for g in row if not g.text.isspace()]
    if not any(
        b.bbox.x0 < a.bbox.x1 - COLLISION * b.bbox.width and _collide(a, b) for a, b in pairwise(inked)
    ):
        return [row]
    runs: list[list[Glyph]] = []
    for glyph in sorted(row, key=lambda g: drawn.get(id(g), 0)):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and drawn.get(id(glyph), 0) == drawn.get(id(last), 0) + 1
            and glyph.center_x > last.center_x
        ):
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    layers: list[list[Glyph]] = []
    for run in runs:
        layer = next(
            (lay for lay in layers if not any(_collide(a, b) for a in run for b in lay)),
            None,
        )
        if layer is None:
            layers.append(list(run))
        else:
            layer.extend(run)
    return [sorted(layer, key=lambda g: g.center_x) for layer in layers]


def row_to_text(row: list[Glyph]) -> str:
    """Given one line's glyphs (left to right), return its text with word gaps as single spaces."""
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in row:
        if previous is not None and parts and not glyph.text.isspace() and not parts[-1].endswith(" "):
            gap = glyph.bbox.x0 - previous.bbox.x1
            if gap > SPACE_GAP * max(glyph.size, previous.size, 1.0):
                parts.append(" ")
        if glyph.text.isspace():
            if parts and not parts[-1].endswith(" "):
                parts.append(" ")
        else:
            parts.append(glyph.text)
        previous = glyph
    return "".join(parts).strip()


def glyphs_to_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Given glyphs of one region of a page, return its non-empty text lines in reading order."""
    return rows_to_lines(glyphs_to_rows(glyphs), page)


def rows_to_lines(rows: list[list[Glyph]], page: int) -> list[Line]:
    """Given glyph rows (each left to right), return the non-empty text lines."""
    lines: list[Line] = []
    for row in rows:
        text = row_to_text(row)
        if text:
            inked = [g for g in row if not g.text.isspace()]
            size = max(g.size for g in inked)
            box = union_bbox([g.bbox for g in inked])
            confidence, doubt = weakest_reading((g.confidence, g.doubt) for g in inked)
            column, split = _second_column(inked, size)
            lines.append(
                Line(
                    *(text, box, page, size),
                    head=head_width(inked),
                    confidence=confidence,
                    doubt=doubt,
                    column=column,
                    split=split,
                    broken_at_space=row[-1].text.isspace(),
                    mark_confidences=tuple(g.confidence for g in inked if g.text in MARKS),
                )
            )
    return lines


def _second_column(inked: list[Glyph], size: float) -> tuple[float | None, int]:
    """Given a line's inked glyphs, return where a second column starts after a gap wider than
    COLUMN_GAP text sizes (None without one) and the length of the text before it."""
    for index, (before, after) in enumerate(pairwise(inked), start=1):
        if after.bbox.x0 - before.bbox.x1 >= COLUMN_GAP * size:
            return after.bbox.x0, len(row_to_text(inked[:index]))
    return None, 0


def head_width(glyphs: list[Glyph]) -> float:
    """Given a line's glyphs, return the measured width of its first unbreakable piece: a CJK
    character (with a closing mark after it, or after an opening bracket), or a run of Latin text —
    with the CJK character after it when the run is a number (LibreOffice keeps `10.72亿`, `2次` together)."""
    first = glyphs[0].text
    if _is_ideograph(first) or first in _OPENING_MARKS:
        paired = len(glyphs) > 1 and (glyphs[1].text in _CLOSING_MARKS or first in _OPENING_MARKS)
        last = glyphs[1] if paired else glyphs[0]
    else:
        run = list(takewhile(lambda g: bool(_LATIN_RUN.fullmatch(g.text)), glyphs)) or glyphs[:1]
        last = run[-1]
        if last.text.isdigit() and len(glyphs) > len(run) and _is_ideograph(glyphs[len(run)].text):
            last = glyphs[len(run)]
    return last.bbox.x1 - glyphs[0].bbox.x0


def join_lines(first: Line, second: Line) -> Line:
    """Given a line and the line it wraps onto, return them as one line (a space kept where the
    layout broke the line at one between Latin words or numbers)."""
    box = union_bbox([first.bbox, second.bbox])
    size = max(first.size, second.size)
    spaced = first.broken_at_space and _space_between(first.text, second.text)
    text = first.text + (" " if spaced else "") + second.text
    head = first.head
    if first.head >= first.bbox.width - RUN_SLACK and not starts_with_ideograph(second.text):
        head += second.head  # a word longer than the line, broken where it had to be
    confidence, doubt = weakest_reading([(first.confidence, first.doubt), (second.confidence, second.doubt)])
    return Line(
        *(text, box, first.page, size),
        tail=second.tail_x1,
        head=head,
        confidence=confidence,
        doubt=doubt,
        mark_confidences=first.mark_confidences + second.mark_confidences,
    )


def _space_between(before: str, after: str) -> bool:
    """Latin words or numbers on both sides of a wrap (`8012 15800001111` stays two numbers)."""
    return before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum()


def _first_unit_width(text: str, size: float) -> float:
    """Estimate the width of the first unbreakable piece of `text`: a CJK character (with the
    closing mark line breaking keeps with it, or after an opening bracket that cannot end a line),
    or a run of Latin letters, digits and the punctuation between them (`7909123，1385`), a number with
    the CJK character after it."""
    if _is_ideograph(text[0]) or text[0] in _OPENING_MARKS:
        paired = len(text) > 1 and (text[1] in _CLOSING_MARKS or text[0] in _OPENING_MARKS)
        return size * (2 if paired else 1)
    run = _LATIN_RUN.match(text)
    length = len(run.group(0)) if run else 1
    width = max(length, 1) * LATIN_ADVANCE * size
    number_before_cjk = text[length - 1 : length].isdigit() and _is_ideograph(text[length : length + 1])
    return width + (size if number_before_cjk else 0.0)


def starts_with_ideograph(text: str) -> bool:
    """Whether `text` opens with a CJK character or an opening bracket (a CJK line-break unit)."""
    return bool(text) and (_is_ideograph(text[0]) or text[0] in _OPENING_MARKS)


def _is_ideograph(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def continues(previous: Line, line: Line, right: float, endings: tuple[str, ...] = ENDINGS) -> bool:
    """Whether `line` continues `previous`: the layout broke the line because the next piece of
    text did not fit in the room left, not because the filer started a new paragraph (a line
    ending in one of `endings` ends its paragraph)."""
    if line.text[0] in OPTION_STARTS or previous.text.endswith(endings):
        return False
    if ENUMERATION.match(line.text) or _LABEL_START.match(line.text):
        return False
    if line.page == previous.page and line.bbox.y0 - previous.bbox.y1 > LINE_GAP * line.size:
        return False
    room = right - previous.tail_x1
    head = line.head or _first_unit_width(line.text, line.size)
    return room < head + FIT_TOLERANCE * line.size


def join_wrapped_lines(lines: list[Line], right: float) -> list[Line]:
    """Given a cell's lines and its right text limit, return them with soft-wrapped lines rejoined.

    A line is wrapped by the layout when the first piece of the next line would not have fitted
    in the room left on it; otherwise the filer started a new paragraph there. Lines are joined
    from the bottom up, so that a word longer than a line (a phone number) counts as one piece.
    """
    joined: list[Line] = []
    for line in reversed(lines):
        following = joined[-1] if joined else None
        if following is not None and continues(line, following, right):
            joined[-1] = join_lines(line, following)
        else:
            joined.append(line)
    return joined[::-1]
