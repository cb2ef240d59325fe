"""Phone cells (联系方式, 联系人及联系电话): Chinese landlines and mobiles, several numbers, name + phone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from normalizers.findings import Finding, Normalized
from normalizers.text import compact, is_blank, is_explicit_none, strip_edges, to_halfwidth

DASH_TABLE = MappingProxyType(str.maketrans(dict.fromkeys("−–—﹣‐", "-")))
SEPARATOR_RE = re.compile(r"[/、,;\n\r]+|或")
WRAPPED_SEPARATOR_RE = re.compile(r"[/、,;]+|或")
LABEL_RE = re.compile(
    r"(?:联系电话|联系方式|办公电话|电话|手机|座机|固话|tel|phone|mobile)[:]?", re.IGNORECASE
)
EXTENSION_RE = re.compile(r"(?P<main>.+?)(?:转|分机|ext\.?|x|#)(?P<ext>\d{1,6})", re.IGNORECASE)
COUNTRY_RE = re.compile(r"^(?:\+86|0086)-?")
DASHED_EXTENSION_RE = re.compile(r"^(0\d{2,3}-\d{7,8})-(\d{1,6})$")  # 021-64123456-8012: extension 8012
FORMAT_CHARS_RE = re.compile(r"[-()]")
REMARK_RE = re.compile(r"\([^()\d]*\)")
DIGITS_RE = re.compile(r"\d+")
MOBILE_RE = re.compile(r"1[3-9]\d{9}")
SERVICE_RE = re.compile(r"[48]00\d{7}")
LOCAL_RE = re.compile(r"\d{7,8}")
SHORT_AREA_PREFIXES = ("01", "02")
SHORT_AREA_LEN = 3
LONG_AREA_LEN = 4
PHONE_JOINER = ";"
EXTENSION_JOINER = "-"

PHONE_SPAN_RE = re.compile(r"(?:\+?\d|[(]0\d{2,3}[)])[\d\s\-()]*\d(?:(?:转|分机)\d{1,6})?")
MIN_PHONE_DIGITS = 7
DOT_IN_DIGITS = re.compile(r"(?<=\d)[.·](?=\d)")
NAME_LABEL_RE = re.compile(r"联系人|联系电话|联系方式|电话|手机|姓名")
NAME_EDGE_CHARS = " ,;:/、()\t\n\r\u3000-"
CJK_NAME_RE = re.compile(r"[\u4e00-\u9fff·\s]+")


def landline(digits: str) -> str | None:
    """Given the digits of a number starting with 0, return "area-local" when plausible, else None.

    Area codes 010 and 02x have 3 digits, all others 4; the local number has 7–8 digits.
    """
    area_len = SHORT_AREA_LEN if digits.startswith(SHORT_AREA_PREFIXES) else LONG_AREA_LEN
    local = digits[area_len:]
    if not LOCAL_RE.fullmatch(local):
        return None
    return f"{digits[:area_len]}-{local}"


def format_digits(digits: str) -> str | None:
    """Given the bare digits of one number, return its normalised form, or None if not plausible."""
    if digits.startswith("0"):
        return landline(digits)
    if MOBILE_RE.fullmatch(digits) or LOCAL_RE.fullmatch(digits):
        return digits
    if SERVICE_RE.fullmatch(digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return None


def parse_one(text: str) -> str | None:
    """Given one compacted half-width number (label, +86, brackets, 转 allowed), return it normalised."""
    text = COUNTRY_RE.sub("", LABEL_RE.sub("", REMARK_RE.sub("", text)), count=1)
    text = DASHED_EXTENSION_RE.sub(r"\1转\2", text)
    extension = EXTENSION_RE.fullmatch(text)
    main, ext = (extension["main"], extension["ext"]) if extension else (text, None)
    digits = FORMAT_CHARS_RE.sub("", main)
    if not DIGITS_RE.fullmatch(digits):
        return None
    number = format_digits(digits)
    if number is None or ext is None:
        return number
    return f"{number}{EXTENSION_JOINER}{ext}"


def parse_tokens(tokens: Sequence[str]) -> list[str] | None:
    """Given whitespace-separated pieces of one or more numbers, return the numbers, greedily grouped."""
    numbers: list[str] = []
    current = ""
    for index, token in enumerate(tokens):
        current += token
        number = parse_one(current)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if number is not None and (following is None or parse_one(current + following) is None):
            numbers.append(number)
            current = ""
    return None if current else numbers


def parse_part(part: str) -> list[str] | None:
    """Given one separator-delimited part of a phone cell, return its numbers (None if not phones)."""
    single = parse_one(compact(part))
    if single is not None:
        return [single]
    return parse_tokens(part.split()) if len(part.split()) > 1 else None


def parse_phones(raw: str) -> list[str] | None:
    """Given a phone cell, return every number in it normalised, or None if any part is not a phone.

    A line break separates numbers; where that leaves a part that is no phone, the break was a wrap
    inside a number (`0571-` / `86012345` in a narrow cell) and the lines are read as one."""
    text = to_halfwidth(raw).translate(DASH_TABLE).replace("（", "(").replace("）", ")")
    numbers = _parse_parts(text, SEPARATOR_RE)
    if numbers is None and "\n" in text:
        numbers = _parse_parts(text, WRAPPED_SEPARATOR_RE)
    return numbers


def _parse_parts(text: str, separators: re.Pattern[str]) -> list[str] | None:
    numbers: list[str] = []
    for part in separators.split(text):
        if is_blank(part):
            continue
        parsed = parse_part(part)
        if parsed is None:
            return None
        numbers.extend(parsed)
    return numbers or None


def normalize_phone(raw: str | None) -> Normalized[str]:
    """Given a phone cell, return the numbers normalised and joined by ";".

    Landlines → "0571-88889999" (area code split by the 010/02x = 3 digits rule), mobiles → 11 digits,
    400/800 → "400-123-4567", local numbers without area code kept as digits; a +86/0086 prefix is
    dropped; an extension (转 / 分机 / ext) is appended as "-123". Text that is not a phone is kept as
    written (stripped), status present, with finding phone_invalid.
    """
    if raw is None or is_blank(raw):
        return Normalized(None, "missing")
    if is_explicit_none(raw):
        return Normalized(None, "explicit_none", raw=raw)
    numbers = parse_phones(raw)
    if numbers is None:
        written = strip_edges(raw)
        return Normalized(written, "present", raw=raw, findings=(Finding("phone_invalid", {"raw": written}),))
    return Normalized(PHONE_JOINER.join(numbers), "present", raw=raw)


def clean_name(text: str) -> str | None:
    """Given the text around a phone number, return the contact name without labels and separators."""
    name = NAME_LABEL_RE.sub("", text).strip(NAME_EDGE_CHARS)
    if CJK_NAME_RE.fullmatch(name):
        name = compact(name)
    return name or None


def split_contact(raw: str) -> tuple[str | None, str | None]:
    """Given the cover's 联系人及联系电话 text, return (name, phone text), each None when absent.

    Handles 张三 0571-88889999, 张三，13812345678, 张三/13812345678, 13812345678 张三, 张三（13812345678）.
    The phone text spans from the first to the last number found (as written, half-width).
    """
    text = to_halfwidth(raw).translate(DASH_TABLE).replace("（", "(").replace("）", ")")
    text = DOT_IN_DIGITS.sub("", text)  # no phone holds a dot: a speck on paper, a slip of the keys
    spans = [m for m in PHONE_SPAN_RE.finditer(text) if len(re.sub(r"\D", "", m.group())) >= MIN_PHONE_DIGITS]
    if not spans:
        return clean_name(text), None
    start, end = spans[0].start(), spans[-1].end()
    phone = text[start:end].strip()
    return clean_name(text[:start] + " " + text[end:]), phone or None
