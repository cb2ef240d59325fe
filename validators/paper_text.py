"""Stage `texts_to_alignment`: what a scan's reading of a cell says about the text the cell should show.

Both texts are folded the same way first, so that what the OCR engine cannot tell apart compares equal:
full/half width (NFKC), no whitespace, the punctuation of one kind as one character (。．. → `.`,
，,；;、 → `,`, brackets, quotes, dashes and 一), and the characters the engine is known to confuse as
one class (O/o/〇 → 0, l/I/i/|/! → 1, S/s → 5, B → 8, Z/z → 2, g/q → 9, ÷ → +). difflib's
SequenceMatcher then aligns the folded reading with the folded expected text, and every edit it makes is
classed:
- a speck: only points, commas or marks lost or added (toner specks, a seal's ink, a lost comma);
- a wildcard: box glyphs or ⍰ the engine put where characters are printed, or added where none is (a
  speck read as a box; `兰陵县⍰产业`, `☑）` for `（2）`): it shows nothing either way;
- a difference: anything else — characters that are not what the expected text says.

Numbers are compared on their digits (`digits_of`): a point or comma lost, added or read for the other
is a speck; a point that stands clearly elsewhere is a difference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from types import MappingProxyType

TRADITIONAL = "".join(
    (
        "業產發會經濟區縣術數務動網領賦與個為這進設計員機構",
        "關係統項質級國際資綠協門類單電車間線纜紡織藥醫農裝",
        "備鏈園萬億標準證認開實現長東廣興寧蘇陽鎮鄉場聯營運",
        "銷創轉體優強環節廢熱壓檢測費廳專漢華雲護衛據報學軟",
        "導",
    )
)
SIMPLIFIED = "".join(
    (
        "业产发会经济区县术数务动网领赋与个为这进设计员机构",
        "关系统项质级国际资绿协门类单电车间线缆纺织药医农装",
        "备链园万亿标准证认开实现长东广兴宁苏阳镇乡场联营运",
        "销创转体优强环节废热压检测费厅专汉华云护卫据报学软",
        "导",
    )
)
"""Traditional forms the engine writes at times for the simplified ones print shows (`領域` for 领域, `賦能`
for 赋能 on faxes): the common characters of the forms' texts, one for one."""
FOLDS = MappingProxyType(
    str.maketrans(
        {
            **dict.fromkeys("。．.·•", "."),
            **dict.fromkeys("，,；;、", ","),
            **dict.fromkeys("：:", ":"),
            **dict.fromkeys("（(【[〔", "("),
            **dict.fromkeys("）)】]〕", ")"),
            **dict.fromkeys("“”\"‘’'「」『』`", '"'),
            **dict.fromkeys("—–－-−﹣‐―一", "-"),
            **dict.fromkeys("OoQD〇○", "0"),
            **dict.fromkeys("lIi|!", "1"),
            **dict.fromkeys("Ss", "5"),
            **dict.fromkeys("B", "8"),
            **dict.fromkeys("Zz", "2"),
            **dict.fromkeys("gq", "9"),
            **dict.fromkeys("bG", "6"),
            **dict.fromkeys("÷", "+"),
            **dict(zip(TRADITIONAL, SIMPLIFIED, strict=True)),
        }
    )
)
"""After NFKC: characters the engine reads for one another, folded to one."""
SPECKS = frozenset(".,:\"'")
"""Folded marks a speck of toner or seal ink adds, or a faint print loses."""
WILDCARDS = frozenset("□☐☑☒■⍰▢◻")
"""What the engine puts where it saw a box or could not read a mark: no evidence either way."""
WHITESPACE = re.compile(r"\s+")
DIGIT_FOLDS = MappingProxyType(
    str.maketrans({**dict.fromkeys("OoQD〇○", "0"), **dict.fromkeys("lIi|!", "1")})
)
NUMBER_FOLDS = MappingProxyType(
    str.maketrans({"S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "b": "6", "G": "6"})
)
POINTS = frozenset(".。．·,，、")


@dataclass(frozen=True, slots=True)
class Edit:
    """One place where the reading is not the expected text: the expected characters and those read."""

    expected: str
    read: str
    at: int
    """Offset of the edit in the folded expected text."""

    @property
    def size(self) -> int:
        return max(len(self.expected), len(self.read))


@dataclass(frozen=True, slots=True)
class Alignment:
    """A reading aligned with its expected text: the differences, and how much of it was read at all."""

    expected: str
    read: str
    differences: tuple[Edit, ...]
    wildcards: int
    specks: int

    @property
    def agrees(self) -> bool:
        return not self.differences

    @property
    def differing(self) -> int:
        """How many characters the differences span (the larger side of each)."""
        return sum(edit.size for edit in self.differences)


def fold(text: str) -> str:
    """Given a text, return it folded: NFKC, no whitespace, confusable characters as one (see FOLDS)."""
    return WHITESPACE.sub("", unicodedata.normalize("NFKC", text)).translate(FOLDS)


def _fold_keeping_wildcards(text: str) -> str:
    """Fold a reading, keeping box glyphs (NFKC would leave them, but be explicit about it)."""
    return "".join(ch if ch in WILDCARDS else fold(ch) for ch in text)


def texts_to_alignment(expected: str, read: str) -> Alignment:
    """Given the text a cell should show and the engine's reading of it, return their alignment."""
    want, got = fold(expected), _fold_keeping_wildcards(read)
    matcher = SequenceMatcher(None, want, got, autojunk=False)
    differences: list[Edit] = []
    wildcards = specks = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edit = Edit(want[i1:i2], got[j1:j2], i1)
        kind = _edit_kind(edit)
        if kind == "speck":
            specks += 1
        elif kind == "wildcard":
            wildcards += edit.size
        else:
            differences.append(edit)
    return Alignment(want, got, tuple(differences), wildcards, specks)


def _edit_kind(edit: Edit) -> str:
    """Given an edit, return "speck", "wildcard" or "difference"."""
    expected = "".join(ch for ch in edit.expected if ch not in SPECKS)
    read = "".join(ch for ch in edit.read if ch not in SPECKS)
    if expected == read:
        return "speck"
    if read and all(ch in WILDCARDS for ch in read):
        return "wildcard"
    return "difference"


UNREAD_DIGIT = "?"
"""In `Digits.digits`, a place where the engine saw a character it could not read (a box glyph, ⍰)."""


@dataclass(frozen=True, slots=True)
class Digits:
    """A number as printed: its digits (`UNREAD_DIGIT` where unread), where its point stands (digits before
    it; None: no point shown once), its sign."""

    digits: str
    point: int | None
    negative: bool

    @property
    def unread(self) -> bool:
        return UNREAD_DIGIT in self.digits


def digits_of(text: str) -> Digits | None:
    """Given a number cell's text, return its digits (letters the engine reads for digits folded), the
    place of its decimal point (when it shows exactly one) and its sign; None when it holds no digit."""
    folded = unicodedata.normalize("NFKC", text).translate(DIGIT_FOLDS)
    if not any(ch.isdigit() for ch in folded):
        return None
    folded = folded.translate(NUMBER_FOLDS)
    kept = (ch for ch in folded if ch.isdigit() or ch in WILDCARDS)
    digits = "".join(UNREAD_DIGIT if ch in WILDCARDS else ch for ch in kept)
    return Digits(digits, _point_place(folded), _negative(folded))


def _point_place(text: str) -> int | None:
    """The number of digits before the decimal point, when the text has exactly one point-like mark
    between digits (a point, or a comma the engine read for it) and nothing else; else None."""
    number = "".join(ch for ch in text if ch.isdigit() or ch in POINTS or ch in WILDCARDS)
    number = number.rstrip("".join(POINTS))  # a leading point stands: `.61` is `0.61` with its 0 lost
    marks = [index for index, ch in enumerate(number) if ch in POINTS]
    if len(marks) != 1:
        return None
    return sum(1 for ch in number[: marks[0]] if ch not in POINTS)


def _negative(text: str) -> bool:
    head = text.lstrip()
    return bool(head) and head[0] in "-−－﹣‐–—"
