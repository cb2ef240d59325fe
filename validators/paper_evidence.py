"""Stage `cell_to_evidence`: what the page shows about one cell whose electronic value is known.

The expected side is the electronic copy's cell (its raw text, or its value when an operator corrected
it or no text was kept); the paper side is the scan's reading of the same cell: its raw text, the
engine's text before a repair (`Provenance.read_as`), its value. By the field's type:
- choices: the mark of every option's box on paper (`text_to_option_reading`, as the mapper reads
  them) against the expected ticks: a box read ticked where none is expected, or read empty where a tick
  is expected, contradicts; ⍰ and options not found show nothing;
- numbers: the digits read against the expected digits (a lost or added point or comma, letters the
  engine reads for digits, full-width forms are no difference), then the rest of the text;
- target tables: row by row, each cell as a number or a text;
- everything else: the reading aligned with the expected text (`paper_text.texts_to_alignment`).

`Evidence.size` is how much contradicts (characters, digits or boxes) and `share` that size against the
expected text: a caller that doubts the reading (low score, a seal over it) needs more than a character
or two before calling it a difference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Literal

from pydantic import JsonValue

from extractors.mapping.choices import Mark, text_to_option_reading
from extractors.mapping.context import label_keys
from extractors.mapping.labels import label_key
from schema.catalog import FieldSpec, load_field_catalogue
from schema.document import BOXES, TICK_MARKS, UNKNOWN_GLYPH
from validators.numeric import fmt
from validators.paper_text import (
    SPECKS,
    UNREAD_DIGIT,
    WILDCARDS,
    Alignment,
    Digits,
    digits_of,
    fold,
    texts_to_alignment,
)

Finding = Literal["agrees", "contradicts", "unclear"]
WILDCARD_SHARE = 0.1
"""An agreeing reading may leave at most this share of its characters unread (box glyphs, ⍰)."""
SHORT_TEXT = 6
"""Below this many characters, a reading with an unread character shows too little."""
SHORT_NUMBER = 4
UNREAD_SHARE = 0.25
"""A number read with unread digits vouches for the expected one from 4 digits, a quarter unread at most."""
CHOICE_TYPES = frozenset({"choice", "multi_choice"})
NONE_TICKED = "未勾选"
NUMBER_TYPES = frozenset({"integer", "decimal", "percent"})
TARGET_KEYS = ("direction", "indicator", "baseline", "target", "actual", "unit")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the page shows about a cell: agrees, contradicts (how much), or too little either way."""

    finding: Finding
    size: int = 0
    share: float = 0.0
    paper: str = ""
    expected: str = ""
    """For a contradiction: the part of the paper reading and of the expected text that differ."""
    sure: bool = False
    """A choice's contradiction only at boxes the engine read at or above the confidence threshold."""
    lost: bool = False
    """A number's contradiction only by digits missing from the reading, the rest in order (`18` for
    `18.93`): what a seal or faint print takes away, not an edit."""


UNCLEAR = Evidence("unclear")
AGREES = Evidence("agrees")


@dataclass(frozen=True, slots=True)
class CellPair:
    """One cell of both copies: the expected (electronic) text and value, the paper's readings and value."""

    spec: FieldSpec
    expected_text: str | None
    expected_value: JsonValue
    readings: tuple[str, ...]
    """The scan's texts of the cell: its raw text first, then the engine's text before a repair."""
    paper_value: JsonValue
    label: str = ""
    """The cell's printed label on the form (a reading of it is no reading of the value)."""
    sure_options: frozenset[str] = frozenset()
    """A choice's options whose boxes the engine read, each at or above the confidence threshold
    (`surely_read_options` on the raw text)."""


def cell_to_evidence(cell: CellPair) -> Evidence:
    """Given one cell of both copies, return what the page shows about the expected value."""
    if not cell.readings and cell.paper_value is None:
        return UNCLEAR
    if cell.spec.type in CHOICE_TYPES:
        return _choice_evidence(cell)
    if cell.spec.type == "target_table":
        return _targets_evidence(cell.expected_value, cell.paper_value)
    expected = cell.expected_text or _plain(cell.expected_value)
    if cell.spec.type in NUMBER_TYPES:
        return _best(_number_evidence(expected, text) for text in _texts(cell))
    return _best(_text_evidence(expected, text, cell.label) for text in _texts(cell))


def _texts(cell: CellPair) -> list[str]:
    """The paper texts to weigh: the readings, else the value as text."""
    return list(cell.readings) or [_plain(cell.paper_value)]


def _best(evidences: Iterable[Evidence]) -> Evidence:
    """Of the evidence of several readings of one cell, the one that agrees, else the smallest
    contradiction, else unclear."""
    found = list(evidences)
    for wanted in ("agrees", "contradicts"):
        matching = [e for e in found if e.finding == wanted]
        if matching:
            return min(matching, key=lambda e: e.size)
    return UNCLEAR


def _plain(value: JsonValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return fmt(float(value))
    if isinstance(value, dict):
        return "".join(_plain(v) for v in value.values())
    if isinstance(value, list):
        return "".join(_plain(v) for v in value)
    return value


def _text_evidence(expected: str, read: str, label: str = "") -> Evidence:
    """A text cell: the reading aligned with the expected text. A reading that holds the expected text
    whole beside a neighbour's words (`spilled`) agrees; one whose characters are the expected text's
    out of order (`reordered`) or that lost whole lines of it (`lost_lines`) shows too little."""
    if not any(ch not in WILDCARDS for ch in fold(read)):
        return UNCLEAR
    alignment = texts_to_alignment(expected, read)
    if alignment.agrees:
        return AGREES if _read_enough(alignment) else UNCLEAR
    if spilled(expected, read):
        return AGREES
    head = run_on_head(expected, read)
    if head is not None:
        return _text_evidence(expected, head, label)
    if reordered(expected, read) or lost_lines(expected, read) or _misplaced(expected, read, label):
        return UNCLEAR
    if _one_lost(alignment) or lost_at_gaps(alignment, read):
        return UNCLEAR
    own = without_next_row(read)
    if own != read:
        return _text_evidence(expected, own, label)
    return _contradiction(alignment, expected, read)


NEXT_LABEL = 4
"""From this many characters, a piece of a reading that begins a printed label of the form is that label."""
PIECES = re.compile(r"(\s+)")


@cache
def _printed_labels() -> frozenset[str]:
    catalogue = load_field_catalogue()
    return label_keys(catalogue, "application") | label_keys(catalogue, "review")


def without_next_row(read: str) -> str:
    """A text reading without what the engine read of the next row after it: from the first piece (apart
    by a space) that is a printed label of the form or its start (`是否发生变` of 是否发生变化), or that opens
    with a box glyph (an option of the next row), to the end. The space before it stays: the reading is
    cut there, as where ink went unread. Weighed only where the whole reading contradicts."""
    pieces = PIECES.split(read)
    for index in range(2, len(pieces), 2):
        piece = pieces[index]
        key = label_key(piece)
        printed = len(key) >= NEXT_LABEL and any(label.startswith(key) for label in _printed_labels())
        if piece and (piece[0] in BOXES or printed) and fold("".join(pieces[:index])):
            return "".join(pieces[:index])
    return read


OVERGROWN = 3
"""A reading this many times the expected text's length (from `SHORT_TEXT` characters) read another
region of the page (a column of the next page, the form's notes), not an edit of the cell."""


def _misplaced(expected: str, read: str, label: str) -> bool:
    """Whether a reading is of another place than the cell's value: the cell's printed label itself
    (`单位产值二氧化碳排放量需提供计算公式`), or far longer than the expected text."""
    got = fold(read)
    if label and got and got in fold(label):
        return True
    return len(fold(expected)) >= SHORT_TEXT and len(got) >= OVERGROWN * len(fold(expected))


def run_on_head(expected: str, read: str) -> str | None:
    """The part of a reading that is the cell's own when the engine ran on into what follows it (the
    next table's texts): a reading far longer than an expected text of several lines whose first line
    is the expected first line (`（1）加强组织领导…` then the 发展成效 table) is weighed by its first as many
    lines as the expected text has. None for any other reading."""
    want = [line for line in expected.split("\n") if fold(line)]
    got = [line for line in read.split("\n") if fold(line)]
    overgrown = len(fold(read)) >= OVERGROWN * len(fold(expected)) >= OVERGROWN * SHORT_TEXT
    if len(want) < 2 or len(got) <= len(want) or not overgrown or fold(want[0]) != fold(got[0]):
        return None
    return "\n".join(got[: len(want)])


def lost_at_gaps(alignment: Alignment, read: str) -> bool:
    """Whether every difference is characters lost, nothing read in their place, where the reading has a
    gap inside its line (`江 工业和 化厅` for `江西省工业和信息化厅`): ink the engine saw and could not
    read (under a black seal, faint print), not an edit, which prints no gap."""
    if not alignment.differences or any(edit.read for edit in alignment.differences):
        return False
    lost = {edit.at for edit in alignment.differences}
    matcher = SequenceMatcher(None, alignment.expected, alignment.read, autojunk=False)
    places = [j1 for tag, i1, _, j1, _ in matcher.get_opcodes() if tag == "delete" and i1 in lost]
    gaps = _gaps(read)
    return len(places) == len(lost) and all(place in gaps for place in places)


def _gaps(read: str) -> set[int]:
    """The places in a folded reading where its text has a space inside a line after a letter, digit or
    character (a space after punctuation is the type's own), as offsets of the folded characters."""
    gaps: set[int] = set()
    folded, previous = 0, ""
    for ch in read:
        if ch.isspace() and ch != "\n":
            if folded and previous.isalnum():
                gaps.add(folded)
        else:
            folded += len(fold(ch)) if ch not in WILDCARDS else 1
        previous = ch
    return gaps


def _one_lost(alignment: Alignment) -> bool:
    """Whether a text (from `SHORT_TEXT` characters) differs only by one character lost, nothing read in
    its place (`检测备` for `检测设备`): a faint or cut character, too little to call it an edit."""
    edits = alignment.differences
    return (
        len(alignment.expected) >= SHORT_TEXT
        and len(edits) == 1
        and not edits[0].read
        and len(edits[0].expected) == 1
    )


SPILL_RUNS = 12
"""Whitespace-separated pieces of a reading weighed one run at a time, at most (the pieces of a cell)."""


def spilled(expected: str, read: str) -> bool:
    """Whether a reading holds the expected text whole, with words around it the engine took from the
    neighbouring cells: the expected text (from `SHORT_TEXT` characters) inside the reading, or a run of
    the reading's whitespace-separated pieces that agrees with it (`罗敏 联系方式 18811954560`)."""
    want = fold(expected)
    if len(want) >= SHORT_TEXT and want in fold(read):
        return True
    pieces = read.split()
    if not 1 < len(pieces) <= SPILL_RUNS:
        return False
    for start in range(len(pieces)):
        for end in range(start + 1, len(pieces) + 1):
            if (start, end) == (0, len(pieces)):
                continue
            run = texts_to_alignment(expected, " ".join(pieces[start:end]))
            if run.agrees and _read_enough(run):
                return True
    return False


def _characters(text: str) -> Counter[str]:
    return Counter(ch for ch in fold(text) if ch not in SPECKS and ch not in WILDCARDS)


def reordered(expected: str, read: str) -> bool:
    """Whether a reading holds only characters of the expected text, but not in its order: the engine
    read two printed lines as one, interleaving them
    (`色坚化持发创展新。驱动…` for `坚持创新驱动…绿色化发展。`).
    An edit of the text adds characters or keeps the order of what it leaves."""
    got, want = _characters(read), _characters(expected)
    return not got - want and not _in_order(_bare_characters(read), _bare_characters(expected))


def _bare_characters(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch not in SPECKS and ch not in WILDCARDS)


def _in_order(read: str, expected: str) -> bool:
    """Whether every character read stands in the expected text in the same order (a subsequence)."""
    rest = iter(expected)
    return all(ch in rest for ch in read)


def lost_lines(expected: str, read: str) -> bool:
    """Whether a reading is an unbroken piece of a text of several lines, that lost at least a whole line
    break's worth of it: the engine gave the other lines to no cell or another (`数量：1个` for
    `数量：1个\n名称：江阴市家电产业联盟`). An edited sentence within one line is no such loss."""
    lines = [fold(line) for line in expected.split("\n")]
    lines = [line for line in lines if line]
    got = fold(read)
    whole = "".join(lines)
    if len(lines) < 2 or not got or got not in whole:
        return False
    start = whole.index(got)
    end = start + len(got)
    breaks = [sum(len(line) for line in lines[:k]) for k in range(1, len(lines))]
    return any(b <= start or b >= end for b in breaks)


def _read_enough(alignment: Alignment) -> bool:
    """Whether an agreeing reading read enough of its characters to vouch for the expected text."""
    if not alignment.wildcards:
        return True
    length = max(len(alignment.expected), 1)
    return length >= SHORT_TEXT and alignment.wildcards / length <= WILDCARD_SHARE


def _contradiction(alignment: Alignment, expected: str, read: str) -> Evidence:
    """Given a reading that differs from its expected text, return the contradiction with both parts."""
    first, last = alignment.differences[0], alignment.differences[-1]
    want_from, want_to = first.at, last.at + len(last.expected)
    return Evidence(
        "contradicts",
        size=alignment.differing,
        share=alignment.differing / max(len(alignment.expected), 1),
        paper=excerpt(read, alignment.read, _read_span(alignment)),
        expected=excerpt(expected, alignment.expected, (want_from, want_to)),
    )


def _read_span(alignment: Alignment) -> tuple[int, int]:
    """Where the differences lie in the folded reading (the same context as on the expected side)."""
    matcher = SequenceMatcher(None, alignment.expected, alignment.read, autojunk=False)
    spans = [(j1, j2) for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    return (spans[0][0], spans[-1][1]) if spans else (0, len(alignment.read))


EXCERPT_CONTEXT = 8
"""Characters of context kept on each side of a difference in a long text's message."""
EXCERPT_WHOLE = 40
"""Texts up to this long are shown whole."""


def excerpt(text: str, folded: str, span: tuple[int, int]) -> str:
    """Given a text, its folded form and a span of the folded form, return the text around that span
    (whole when short; `…` where cut). Positions are carried over by counting non-space characters."""
    bare = "".join(text.split())
    if len(bare) <= EXCERPT_WHOLE or len(bare) != len(folded):
        return bare if len(bare) <= EXCERPT_WHOLE else bare[:EXCERPT_WHOLE] + "…"
    start, end = max(span[0] - EXCERPT_CONTEXT, 0), min(span[1] + EXCERPT_CONTEXT, len(bare))
    return ("…" if start else "") + bare[start:end] + ("…" if end < len(bare) else "")


def _number_evidence(expected: str, read: str, words: bool = True) -> Evidence:
    """A number cell: the digits first (sign, digits, the point where both show one; zeros ending the
    decimals are none: `10.9` is `10.90`), then (`words`) the rest of the text (a unit, 约, a letter that
    is no digit)."""
    want, got = digits_of(expected), digits_of(read)
    if want is not None and got is not None and got.unread:
        return _partly_read_number(want.digits, got.digits, expected, read)
    if want is None or got is None:
        return _text_evidence(expected, read) if want is None and fold(read) else UNCLEAR
    if words and _number_spilled(expected, read):
        return AGREES
    if not same_number(want, got):
        if _edge_digit_lost(want, got):
            return UNCLEAR
        if want.digits == got.digits and want.negative == got.negative:  # the point elsewhere
            return Evidence("contradicts", 1, 1 / max(len(want.digits), 1), _bare(read), _bare(expected))
        return _digits_contradiction(want.digits, got.digits, expected, read)
    if not words:
        return AGREES
    rest = texts_to_alignment(_non_digits(expected), _non_digits(read))
    extra = [edit for edit in rest.differences if edit.read]
    if extra:
        size = sum(edit.size for edit in extra)
        return Evidence("contradicts", size, size / max(len(fold(expected)), 1), _bare(read), _bare(expected))
    return AGREES  # the same number; a unit or word the reading lost shows no other value


def _number_spilled(expected: str, read: str) -> bool:
    """Whether a number cell's reading, beside the number, holds only words from the neighbouring cells
    apart from it by a space or a line (`人 116.33\n专`: the label's characters around the value)."""
    pieces = read.split()
    if len(pieces) < 2:
        return False
    alone = [p for p in pieces if digits_of(p) is not None]
    return len(alone) == 1 and _number_evidence(expected, alone[0]).finding == "agrees"


def _edge_digit_lost(want: Digits, got: Digits) -> bool:
    """Whether the reading is the expected digits but one lost at either end (`54家` for `554家`): a digit
    cut by a table line or faint print; an edited number keeps its length."""
    if len(got.digits) != len(want.digits) - 1 or not got.digits:
        return False
    return want.digits.startswith(got.digits) or want.digits.endswith(got.digits)


def same_number(want: Digits, got: Digits) -> bool:
    """Whether two numbers as printed are the same: the sign, and the digits with the point where both
    show one — or, both showing their point at one place, the digits but for zeros ending the decimals."""
    if want.negative != got.negative:
        return False
    if want.point is not None and got.point is not None:
        return _trimmed(want) == _trimmed(got)
    return want.digits == got.digits


def _trimmed(number: Digits) -> str:
    """The digits without the zeros that end the decimals nor those that begin the whole part (the point
    being known, and kept in place: `.61` is `0.61`)."""
    point = number.point if number.point is not None else len(number.digits)
    whole = number.digits[:point].lstrip("0")
    return whole + "." + number.digits[point:].rstrip("0")


def _partly_read_number(want: str, got: str, expected: str, read: str) -> Evidence:
    """A number read with digits the engine could not read (`1⍰.69`): it agrees when every digit read
    stands where the expected number has it and few are unread; it contradicts on a digit read otherwise."""
    if len(got) != len(want):
        return UNCLEAR
    wrong = sum(1 for a, b in zip(want, got, strict=True) if b != UNREAD_DIGIT and a != b)
    if wrong:
        return Evidence("contradicts", wrong, wrong / len(want), _bare(read), _bare(expected))
    unread = got.count(UNREAD_DIGIT)
    return AGREES if len(want) >= SHORT_NUMBER and unread / len(want) <= UNREAD_SHARE else UNCLEAR


def _digits_contradiction(want: str, got: str, expected: str, read: str) -> Evidence:
    matcher = SequenceMatcher(None, want, got, autojunk=False)
    size = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    size = max(size, 1)
    lost = len(got) < len(want) and _in_order(got, want)
    return Evidence("contradicts", size, size / max(len(want), 1), _bare(read), _bare(expected), lost=lost)


def _non_digits(text: str) -> str:
    """A number cell's text without its number: what is written around it (unit, words)."""
    folded = fold(text)
    return "".join(ch for ch in folded if not ch.isdigit() and ch not in ".,-+")


def _bare(text: str) -> str:
    return "".join(text.split())


def _choice_evidence(cell: CellPair) -> Evidence:
    """A choice cell: the marks read at every option against the expected ticks."""
    options = cell.spec.options
    expected = _expected_ticks(cell)
    if expected is None:
        return UNCLEAR
    texts = [_misread_ticks(text) for text in cell.readings if text]
    texts += [bare for text in texts if (bare := _without_orphans(text, options)) != text]
    texts += [boxes for text in texts if (boxes := _boxes_at_options(text, options)) != text]
    readings = [text_to_option_reading(text, options).marks for text in texts]
    return _best(_marks_evidence(cell.spec, expected, marks, cell.sure_options) for marks in readings)


MISREAD_TICKS = frozenset("、，,/vV")
"""What the engine reads for a tick mark written after an option (`…机制、` for `…机制√`): no option's
printed text ends so."""


def _misread_ticks(text: str) -> str:
    """A choice cell's text where a line that starts with a box and ends with a mark an engine reads for a
    tick (`☐投融资服务、`) has its box undecided: the tick may be there, the reading cannot tell. In a cell
    whose filer ticked after the options' texts (a line ends with √), a letter or digit ending a line is
    such a mark too (`…防范机制5`): no printed option ends with one."""
    lines = text.split("\n")
    ticked_after = any(line.rstrip()[-1:] in TICK_MARKS for line in lines if line.strip())
    out = []
    for line in lines:
        bare = line.rstrip()
        last = bare[-1:]
        misread = last in MISREAD_TICKS or (ticked_after and last.isascii() and last.isalnum())
        if len(bare) > 2 and bare[0] in BOXES and misread:
            line = UNKNOWN_GLYPH + bare[1:-1]
        out.append(line)
    return "\n".join(out)


def _without_orphans(text: str, options: dict[str, str]) -> str:
    """A choice cell's text without the lines that hold a box or mark but no option (`⍰1`: a speck read as
    a box): the reader would give their mark to every option read empty; each option keeps its own box."""
    kept = [
        line
        for line in text.split("\n")
        if not (any(ch in BOXES for ch in line) and _no_option(line, options))
    ]
    return "\n".join(kept)


OPTION_START = 4
"""How many characters of an option's text show that a box stands before it (one may be misread)."""
CHARACTER_READ_AS_BOX = "※"


def _boxes_at_options(text: str, options: dict[str, str]) -> str:
    """A choice cell's text where a box glyph that stands before no option's text is taken for the
    character the engine read as a box (`建立“揭榜` / `☑帅”…` for `揭榜挂帅`): print puts a box before each
    option only, so such a glyph joins the text around it."""
    starts = [label_key(printed)[:OPTION_START] for printed in options.values()]
    out: list[str] = []
    for index, ch in enumerate(text):
        if ch in BOXES and not _starts_option(label_key(text[index + 1 : index + 12]), starts):
            while out and out[-1] == "\n":
                out.pop()
            out.append(CHARACTER_READ_AS_BOX)
        else:
            out.append(ch)
    return "".join(out)


def _starts_option(following: str, starts: list[str]) -> bool:
    """Whether the words after a box begin an option's text (all but one of its first characters)."""
    head = following[:OPTION_START]
    return any(
        sum(a == b for a, b in zip(head, start, strict=False)) >= min(len(start), OPTION_START) - 1
        for start in starts
        if start
    )


def _no_option(line: str, options: dict[str, str]) -> bool:
    """Whether a line's words (its boxes and marks aside) are no option's."""
    words = "".join(ch for ch in line if ch not in BOXES and ch not in TICK_MARKS)
    return not words.strip() or all(
        mark is Mark.ABSENT for mark in text_to_option_reading(words, options).marks.values()
    )


def _expected_ticks(cell: CellPair) -> frozenset[str] | None:
    """The options the electronic copy ticks: from its text's boxes, else from its value; None when its
    boxes cannot all be read."""
    if cell.expected_text:
        marks = text_to_option_reading(cell.expected_text, cell.spec.options).marks
        if all(mark in (Mark.TICKED, Mark.EMPTY) for mark in marks.values()):
            return frozenset(o for o, mark in marks.items() if mark is Mark.TICKED)
    value = cell.expected_value
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(v for v in value if isinstance(v, str))
    return None


def _marks_evidence(
    spec: FieldSpec, expected: frozenset[str], marks: dict[str, Mark], sure: frozenset[str] = frozenset()
) -> Evidence:
    """Given the expected ticks, the marks read and the options read surely, return the evidence (size:
    boxes that contradict; sure when each of them was read surely)."""
    wrong = [
        option
        for option, mark in marks.items()
        if (mark is Mark.TICKED and option not in expected) or (mark is Mark.EMPTY and option in expected)
    ]
    if wrong and spec.type == "choice" and (_answer_and_more(expected, marks, wrong) or _no_mark_seen(marks)):
        return UNCLEAR
    if wrong:
        paper, typed = _ticks_shown(spec, wrong, marks, expected)
        share = len(wrong) / max(len(marks), 1)
        return Evidence("contradicts", len(wrong), share, paper, typed, sure=set(wrong) <= sure)
    if all(_agrees(mark, option in expected) for option, mark in marks.items()):
        return AGREES
    if spec.type == "choice" and _single_tick_shown(expected, marks):
        return AGREES
    if spec.type == "multi_choice" and _ticks_apart(expected, marks):
        return AGREES
    return UNCLEAR


def _ticks_apart(expected: frozenset[str], marks: dict[str, Mark]) -> bool:
    """Whether a multi choice's undecided boxes are exactly at ticks the electronic copy has, while every
    box it leaves empty reads empty (one at least): the engine tells the two kinds of box apart on the
    page (a filled box `■` read as ⍰), it only cannot name the filled one. A tick removed on paper reads
    empty where a tick is expected, one added reads where none is: neither agrees."""
    if any(mark not in (Mark.TICKED, Mark.EMPTY, Mark.UNKNOWN) for mark in marks.values()):
        return False
    empty = [o for o in marks if o not in expected]
    undecided = [o for o, mark in marks.items() if mark is Mark.UNKNOWN]
    return (
        bool(empty) and all(marks[o] is Mark.EMPTY for o in empty) and all(o in expected for o in undecided)
    )


def _ticks_shown(
    spec: FieldSpec, wrong: list[str], marks: dict[str, Mark], expected: frozenset[str]
) -> tuple[str, str]:
    """How both copies answer: a single choice by the option ticked (`是` ≠ `否`); a multi choice by the
    options that differ, each with its box (`☐开展人力资源共享` ≠ `☑开展人力资源共享`)."""
    if spec.type == "choice":
        read = "、".join(spec.options[o] for o, mark in marks.items() if mark is Mark.TICKED)
        answer = "、".join(spec.options[o] for o in spec.options if o in expected)
        return read or NONE_TICKED, answer or NONE_TICKED
    paper = "；".join(("☑" if marks[o] is Mark.TICKED else "☐") + spec.options[o] for o in wrong)
    typed = "；".join(("☑" if o in expected else "☐") + spec.options[o] for o in wrong)
    return paper, typed


def _agrees(mark: Mark, ticked: bool) -> bool:
    return mark is (Mark.TICKED if ticked else Mark.EMPTY)


def _answer_and_more(expected: frozenset[str], marks: dict[str, Mark], wrong: list[str]) -> bool:
    """Whether a single choice reads its expected option ticked and another box ticked too (`☑是□否☑不适用`
    for `不适用`): a box misread as ticked, since a single choice holds one tick; a moved tick leaves the
    expected box empty."""
    return (
        len(expected) == 1
        and all(marks.get(o) is Mark.TICKED for o in expected)
        and all(marks[o] is Mark.TICKED for o in wrong)
    )


def _no_mark_seen(marks: dict[str, Mark]) -> bool:
    """Whether a single choice reads every box it found empty: a single choice holds one tick, so the
    reading missed it (a circle round the option, a faint tick); a tick moved on paper is read somewhere."""
    return all(mark in (Mark.EMPTY, Mark.ABSENT) for mark in marks.values())


def _single_tick_shown(expected: frozenset[str], marks: dict[str, Mark]) -> bool:
    """A single choice whose expected option is read ticked and no other read ticked, or whose expected
    option's box is undecided while every other box is read empty: the page shows the expected answer."""
    if len(expected) != 1:
        return False
    (answer,) = expected
    others = [mark for option, mark in marks.items() if option != answer]
    if marks.get(answer) is Mark.TICKED:
        return Mark.TICKED not in others
    return marks.get(answer) is Mark.UNKNOWN and all(mark is Mark.EMPTY for mark in others)


def _targets_evidence(expected: JsonValue, paper: JsonValue) -> Evidence:
    """A target table: its rows in order, cell by cell (a number by its digits, the unit it carries on
    paper aside; a text aligned, an unread character allowed), judged as one: any cell contradicting
    contradicts, every cell agreeing (few characters unread in all) agrees."""
    if not isinstance(expected, list) or not isinstance(paper, list) or len(expected) != len(paper):
        return UNCLEAR
    found = [
        _target_cell_evidence(want.get(key), got.get(key))
        for want, got in zip(expected, paper, strict=True)
        if isinstance(want, dict) and isinstance(got, dict)
        for key in TARGET_KEYS
    ]
    contradictions = [e for e in found if e.finding == "contradicts"]
    if contradictions:
        size = sum(e.size for e in contradictions)
        cells = [r.get(k) for r in expected if isinstance(r, dict) for k in TARGET_KEYS]
        length = sum(len(fold(_plain(cell))) for cell in cells)
        first = contradictions[0]
        return Evidence("contradicts", size, size / max(length, 1), first.paper, first.expected)
    return AGREES if all(e.finding == "agrees" for e in found) else UNCLEAR


def _target_cell_evidence(want: JsonValue, got: JsonValue) -> Evidence:
    if want is None and got is None:
        return AGREES
    if want is None or got is None:
        return UNCLEAR
    if isinstance(want, int | float) and not isinstance(want, bool):
        return _number_evidence(_number_text(want), _number_text(got), words=False)
    alignment = texts_to_alignment(_plain(want), _plain(got))
    if not alignment.agrees:
        return _contradiction(alignment, _plain(want), _plain(got))
    return AGREES if alignment.wildcards * 2 <= len(alignment.expected) else UNCLEAR


def _number_text(value: JsonValue) -> str:
    """A target cell's number as digits without padding zeros (`229.7`: a speck the engine read as a point
    in `2297` must stay a speck); any other value as text."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0")
    return _plain(value)
