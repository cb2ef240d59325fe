"""Printed-label matching: keys that survive filers' spacing, width, punctuation and line breaks.

`label_key` reduces a text to its CJK characters, letters and digits with every parenthetical removed,
so `集群总产值（亿元）`, `集群总产值 (亿元)` and `集群\n总产值` share one key. `split_label` finds a label
at the start of a text that goes on with a value (`集群名称：XXX`) and returns the value part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from normalizers.text import compact, to_halfwidth
from schema.document import BOXES

_OPEN = "（(【["
_CLOSE = "）)】]"
_KEY_CHAR = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
# Parentheticals printed in the form: instructions (removed from values too) and units (after labels only).
_INSTRUCTION_MARKERS = (
    "字以内",
    "需提供",
    "注",
    "盖章",
    "公章",
    "签字",
    "XX",
    "需附",
    "如涉及",
    "年度当前值",
)
_PRINTED_PAREN_MARKERS = (
    *_INSTRUCTION_MARKERS,
    "元",
    "%",
    "平方公里",
    "省、市",
    "包括",
    "起草单位",
    "万人",
    "吨",
)
_SEPARATORS = " \t\n\r\u3000\xa0:：;；,，。.、"
YEAR_CELL = re.compile(r"^(20\d\d)年度?$")


def remove_parentheticals(text: str) -> str:
    """Given text, return it without any (possibly nested) parenthesised parts."""
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """Given printed or filled text, return its comparison key (no parentheticals, no punctuation)."""
    bare = remove_parentheticals(to_halfwidth(text))
    return "".join(ch for ch in bare if _KEY_CHAR.match(ch))


SNAP_WILDCARD = "?"
SNAP_WILDCARD_SHARE = 1 / 3
"""A read text stands for a printed one with at most this share of its characters unread (box glyphs)."""
SNAP_MIN_LENGTH = 3
"""From this many characters, a read text with one character unread or misread still names the printed
text; from four times as many, two."""


def _snap_key(text: str) -> str:
    """A read text's key with every box glyph kept as a wildcard (an engine reads 绿 or 氧 as ☑)."""
    bare = remove_parentheticals(to_halfwidth(text))
    return "".join(SNAP_WILDCARD if ch in BOXES else ch for ch in bare if ch in BOXES or _KEY_CHAR.match(ch))


def _stands_for(read: str, printed: str) -> bool:
    """Whether a read key is a printed key but for a few characters unread (at most a third) or misread
    (`SNAP_MIN_LENGTH`)."""
    if len(read) != len(printed) or len(printed) < SNAP_MIN_LENGTH:
        return False
    unread = read.count(SNAP_WILDCARD)
    other = sum(1 for a, b in zip(read, printed, strict=True) if a != SNAP_WILDCARD and a != b)
    allowed = max(1, len(printed) // (SNAP_MIN_LENGTH + 1))
    return unread <= len(printed) * SNAP_WILDCARD_SHARE and unread + other <= allowed


def snap_to_printed(text: str, printed: Iterable[str]) -> str | None:
    """Given a text read where the form prints one of several texts (a target table's directions and
    indicators), return the printed text it is: the same key, else the only printed text it stands for
    with a character unread or misread (`☑色化` is 绿色化). None when it is none of them or several."""
    choices = list(dict.fromkeys(printed))
    key = label_key(text)
    exact = [p for p in choices if label_key(p) == key]
    if exact or not key:
        return exact[0] if exact else None
    read = _snap_key(text)
    near = [p for p in choices if _stands_for(read, label_key(p))]
    return near[0] if len(near) == 1 else None


def year_of(text: str) -> str | None:
    """Given a header cell text such as `2023年`, return "2023", else None."""
    match = YEAR_CELL.match(compact(to_halfwidth(text)))
    return match.group(1) if match else None


def split_label(text: str, key: str) -> str | None:
    """Given text and a label key, return what follows the label if the text starts with it, else None.

    The label may be interrupted by whitespace, punctuation and parentheticals; it must be followed by
    a separator (colon, whitespace, a printed parenthetical) or the end of the text.
    """
    position = _match_key(text, key)
    if position is None:
        return None
    rest = _skip_printed(text, position)
    if rest == position and position < len(text) and text[position] not in _SEPARATORS + _OPEN:
        return None
    return text[rest:]


def _match_key(text: str, key: str) -> int | None:
    index = 0
    half = to_halfwidth(text)
    for wanted in key:
        index = _skip_ignorable(half, index)
        if index >= len(half) or half[index] != wanted:
            return None
        index += 1
    return index


def _skip_ignorable(text: str, index: int) -> int:
    while index < len(text):
        ch = text[index]
        if ch in _OPEN:
            index = _skip_paren(text, index)
        elif _KEY_CHAR.match(ch):
            return index
        else:
            index += 1
    return index


def _skip_paren(text: str, index: int) -> int:
    depth = 0
    for position in range(index, len(text)):
        if text[position] in _OPEN:
            depth += 1
        elif text[position] in _CLOSE:
            depth -= 1
            if depth == 0:
                return position + 1
    return len(text)


def _skip_printed(text: str, index: int) -> int:
    """Skip separators and printed instruction parentheticals after a label."""
    while index < len(text):
        ch = text[index]
        if ch in _SEPARATORS or ch in _CLOSE:
            index += 1
        elif ch in _OPEN and _is_printed_paren(text, index):
            index = _skip_paren(text, index)
        else:
            break
    return index


def _is_printed_paren(text: str, index: int, markers: tuple[str, ...] = _PRINTED_PAREN_MARKERS) -> bool:
    """Whether the parenthetical at `index` is printed: it holds a printed marker, or is what is left of
    one (`（字）` where a seal hid the 签 of `（签字）`)."""
    content = to_halfwidth(text[index : _skip_paren(text, index)])
    inner = content.strip("()").strip()
    return any(marker in content or (inner and inner in marker) for marker in markers)


def strip_printed(text: str) -> str:
    """Given a value text, return it without the printed instruction parentheticals of the form.

    Only instructions (（注：…）, （需提供清单…）, the XX hint) are removed: a unit in brackets is the
    filler's own text (`排放总量（吨）÷总产值（万元）`).
    """
    out: list[str] = []
    index = 0
    while index < len(text):
        if text[index] in _OPEN and _is_printed_paren(text, index, _INSTRUCTION_MARKERS):
            index = _skip_paren(text, index)
            while index < len(text) and text[index] in _CLOSE:
                index += 1
            continue
        out.append(text[index])
        index += 1
    return "".join(out)
