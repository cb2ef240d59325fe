"""Dates as written (申报时间, 年 月 日 under the seals) → ISO "YYYY-MM-DD" / "YYYY-MM" / "YYYY"."""

from __future__ import annotations

import datetime
import re
from types import MappingProxyType

from normalizers.cjk_numerals import cjk_to_arabic
from normalizers.findings import Finding, Normalized
from normalizers.text import compact, is_blank, is_explicit_none, to_halfwidth

TEMPLATE_CHARS = "年月日号_"
DAY_ALIAS = MappingProxyType(str.maketrans({"号": "日"}))
TRAILING_STOPS = "。."
REMARK_RE = re.compile(r"\([^()]*\)")
CJK_DATE_RE = re.compile(r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})?月)?(?:(?P<d>\d{1,2})?日)?")
SEPARATED_DATE_RE = re.compile(r"(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?")
PACKED_DATE_RE = re.compile(r"(?P<y>\d{4})(?:(?P<m>\d{2})(?P<d>\d{2})?)?")
DATE_PATTERNS = (CJK_DATE_RE, SEPARATED_DATE_RE, PACKED_DATE_RE)
MIN_YEAR = 1900
MAX_YEAR = 2100
MONTHS_IN_YEAR = 12


def clean_date_text(raw: str) -> str:
    """Given a date cell, return it compacted, half-width, with Arabic digits and 日 for 号."""
    text = REMARK_RE.sub("", compact(to_halfwidth(raw)))
    return cjk_to_arabic(text).translate(DAY_ALIAS).rstrip(TRAILING_STOPS)


def date_parts(text: str) -> tuple[int, int | None, int | None] | None:
    """Given a cleaned date text, return (year, month, day) as written, or None if no pattern matches.

    A day written without a month does not match.
    """
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            month, day = match["m"], match["d"]
            if day and not month:
                return None
            return int(match["y"]), int(month) if month else None, int(day) if day else None
    return None


def iso_date(year: int, month: int | None, day: int | None) -> str | None:
    """Given year, optional month and day, return the ISO (partial) date, or None if impossible."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= MONTHS_IN_YEAR:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(raw: str | None) -> Normalized[str]:
    """Given a date cell (2025年4月10日, 2025.4.10, 二〇二五年四月十日, 2025年4月 …), return its ISO form.

    The printed blank 年 月 日 → missing; unreadable or impossible dates → invalid + date_invalid.
    No check against today (validators do that).
    """
    if raw is None or is_blank(compact(raw).strip(TEMPLATE_CHARS)):
        return Normalized(None, "missing")
    if is_explicit_none(raw):
        return Normalized(None, "explicit_none", raw=raw)
    parts = date_parts(clean_date_text(raw))
    value = None if parts is None else iso_date(*parts)
    if value is None:
        return Normalized(None, "invalid", raw=raw, findings=(Finding("date_invalid", {"raw": raw.strip()}),))
    return Normalized(value, "present", raw=raw)
