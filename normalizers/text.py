"""Plain and long text: width folding, whitespace removal, explicit-none detection and text statuses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from normalizers.findings import Normalized

FULLWIDTH_FIRST = 0xFF01
FULLWIDTH_LAST = 0xFF5E
FULLWIDTH_OFFSET = 0xFEE0
IDEOGRAPHIC_SPACE = 0x3000

HALFWIDTH_TABLE = MappingProxyType(
    {code: code - FULLWIDTH_OFFSET for code in range(FULLWIDTH_FIRST, FULLWIDTH_LAST + 1)}
    | {IDEOGRAPHIC_SPACE: ord(" ")}
)
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
WHITESPACE_RE = re.compile(rf"[\s{ZERO_WIDTH}]+")
EDGE_SPACE = " \t\r\n\f\v\u3000\xa0" + ZERO_WIDTH
TRAILING_STOPS = "。."

EXPLICIT_NONE: frozenset[str] = frozenset(
    {
        "无",
        "暂无",
        "没有",
        "暂没有",
        "无相关情况",
        "暂无相关情况",
        "没有相关情况",
        "无此情况",
        "无此项",
        "不涉及",
        "不适用",
        "无数据",
        "暂无数据",
        "空",
        "N/A",
        "NA",
        "NONE",
        "NULL",
        "NIL",
        "-",
        "--",
        "—",
        "——",
        "–",
        "/",
        "//",
    }
)
DASH_ONLY_RE = re.compile(r"[-/\\—–―─]+")


def to_halfwidth(s: str) -> str:
    """Given text, return it with full-width ASCII folded to ASCII and ideographic spaces to spaces.

    Chinese punctuation without an ASCII twin (、 。 “ ”) is left alone.
    """
    return s.translate(HALFWIDTH_TABLE)


def compact(s: str) -> str:
    """Given text, return it without any whitespace (incl. ideographic, no-break and zero-width spaces)."""
    return WHITESPACE_RE.sub("", s)


def strip_edges(s: str) -> str:
    """Given text, return it without leading and trailing whitespace, including zero-width characters."""
    return s.strip(EDGE_SPACE)


def is_blank(s: str | None) -> bool:
    """Given text or None, return whether nothing but whitespace is written."""
    return s is None or not compact(s)


def is_explicit_none(s: str) -> bool:
    """Given a cell text, return whether it says "nothing to report" (无, 暂无, 不适用, —, ／, N/A …).

    The comparison ignores whitespace, width and a trailing 。; a written 0 is a value, not explicit none.
    """
    token = compact(to_halfwidth(s)).rstrip(TRAILING_STOPS).upper()
    return token in EXPLICIT_NONE or DASH_ONLY_RE.fullmatch(token) is not None


def text_status(text: str | None) -> Normalized[str]:
    """Given trimmed text (or None), return it as a present, explicit_none or missing Normalized."""
    if text is None or is_blank(text):
        return Normalized(None, "missing")
    if is_explicit_none(text):
        return Normalized(None, "explicit_none", raw=text)
    return Normalized(text, "present", raw=text)


def normalize_text(raw: str | None) -> Normalized[str]:
    """Given a text cell as written, return the trimmed text with its status.

    Blank → missing (raw None); 无 / — / ／ … → explicit_none (value None, raw kept); else present.
    """
    return text_status(None if raw is None else strip_edges(raw))


def one_line(s: str) -> str:
    """Given a one-line value written over several lines (a soft line break, a wrap in a narrow cell),
    return it on one line: Chinese pieces joined as they are, Latin words and numbers kept apart by a
    space."""
    pieces = [piece.strip(EDGE_SPACE) for piece in s.splitlines()]
    out = ""
    for piece in (p for p in pieces if p):
        gap = out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum()
        out += (" " if gap else "") + piece
    return out


def normalize_long_text(paragraphs: Sequence[str]) -> Normalized[str]:
    """Given the paragraphs of a narrative cell, return them stripped, blanks dropped, joined by newlines."""
    kept = [strip_edges(p) for p in paragraphs if not is_blank(p)]
    return text_status("\n".join(kept))


def char_count(s: str) -> int:
    """Given text, return its number of characters excluding whitespace (the 字 of 200字以内)."""
    return len(compact(s))
