"""Chinese numerals as written in dates and counts: 二〇二五, 十二, 二十三, 两."""

from __future__ import annotations

import re
from types import MappingProxyType

CJK_DIGITS = MappingProxyType(
    {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
     "六": 6, "七": 7, "八": 8, "九": 9}
)  # fmt: skip
TEN = "十"
CJK_NUMERAL_RE = re.compile(r"[〇○零一二两三四五六七八九十]+")
CJK_TENS_RE = re.compile(r"([一二两三四五六七八九])?十([一二三四五六七八九])?")


def parse_cjk_int(s: str) -> int | None:
    """Given a Chinese numeral up to 99 (十二, 二十三) or a digit-by-digit run (二〇二五), return its int.

    Return None when the text is not such a numeral.
    """
    if not s:
        return None
    tens = CJK_TENS_RE.fullmatch(s)
    if tens is not None:
        high, low = tens.groups()
        return CJK_DIGITS[high or "一"] * 10 + (CJK_DIGITS[low] if low else 0)
    if TEN in s or any(c not in CJK_DIGITS for c in s):
        return None
    return int("".join(str(CJK_DIGITS[c]) for c in s))


def _replace_run(match: re.Match[str]) -> str:
    """Given a match of a Chinese numeral run, return its Arabic digits (or the run unchanged)."""
    value = parse_cjk_int(match.group(0))
    return match.group(0) if value is None else str(value)


def cjk_to_arabic(s: str) -> str:
    """Given text, return it with every run of Chinese numerals replaced by Arabic digits."""
    return CJK_NUMERAL_RE.sub(_replace_run, s)
