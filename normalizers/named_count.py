"""The 数量：__个 名称：__ cells: a count and a list of names."""

from __future__ import annotations

import re
from typing import TypedDict

from normalizers.cjk_numerals import parse_cjk_int
from normalizers.findings import Normalized
from normalizers.numbers import normalize_number
from normalizers.text import compact, is_blank, is_explicit_none, strip_edges, to_halfwidth


class NamedCount(TypedDict):
    """JSON value of a named_count field."""

    count: int | None
    names: list[str]


SEPARATORS = "、，,；;\r\n"
BRACKET_NUMBERING = r"[（(](?:\d{1,3}|[一二三四五六七八九十]{1,2})[)）]|[①-⑳]"
NUMBERING_RE = re.compile(rf"(?:^|(?<=[{SEPARATORS}\s]))\s*\d{{1,3}}[.、．)）](?!\d)\s*|{BRACKET_NUMBERING}")
NAME_SEPARATOR_RE = re.compile(rf"[{SEPARATORS}]+")
NAME_TRAILING = "。. \t\u3000"
NAMES_LABEL_RE = re.compile(r"名\s*称\s*[:：]?")
COUNT_LABEL_RE = re.compile(r"数\s*量\s*[:：]?")
PRINTED_COUNT_WORD_RE = re.compile(r"\s*个\s*$")
COUNT_UNIT = "个"


def split_names(text: str) -> list[str]:
    """Given a names text, return the names split on 、，,；; and line breaks, numbering stripped."""
    parts = NAME_SEPARATOR_RE.split(NUMBERING_RE.sub("\n", text))
    return [name for name in (strip_edges(p).rstrip(NAME_TRAILING) for p in parts) if name]


def split_cell(raw: str) -> tuple[str, str]:
    """Given a named_count cell, return (count text, names text) without the printed labels."""
    names_label = NAMES_LABEL_RE.search(raw)
    head, names = (raw[: names_label.start()], raw[names_label.end() :]) if names_label else (raw, "")
    count_label = COUNT_LABEL_RE.search(head)
    count = head[count_label.end() :] if count_label else head
    if not names_label:
        count, _, names = strip_edges(count).partition("\n")
    return PRINTED_COUNT_WORD_RE.sub("", count), names


def parse_count(text: str) -> Normalized[float | int]:
    """Given the count text (３, 3个, 二, 十二), return it as a Normalized integer."""
    cjk = parse_cjk_int(compact(to_halfwidth(text)))
    if cjk is not None:
        return Normalized(cjk, "present", raw=text)
    return normalize_number(text, "integer", COUNT_UNIT)


def free_text_cell(raw: str) -> tuple[str, str]:
    """Given a cell without printed labels, return (count text, names text): a lone number is the count."""
    return (raw, "") if parse_count(raw).status == "present" else ("", raw)


def normalize_named_count(raw: str | None) -> Normalized[NamedCount]:
    """Given a 数量：__个 名称：__ cell, return {"count", "names"} with its status.

    Both parts blank → missing; only 无/—/blank in both parts → explicit_none (value None);
    数量：0 个 名称：无 → {"count": 0, "names": []}; a count that is not a whole number → invalid.
    """
    if raw is None or is_blank(raw):
        return Normalized(None, "missing")
    if is_explicit_none(raw):
        return Normalized(None, "explicit_none", raw=raw)
    labelled = COUNT_LABEL_RE.search(raw) or NAMES_LABEL_RE.search(raw)
    count_text, names_text = split_cell(raw) if labelled else free_text_cell(raw)
    if is_blank(count_text) and is_blank(names_text):
        return Normalized(None, "missing")
    return combine(raw, parse_count(count_text), names_text)


def combine(raw: str, count: Normalized[float | int], names_text: str) -> Normalized[NamedCount]:
    """Given the cell, its parsed count and its names text, return the named_count with its status."""
    if count.status == "invalid":
        return Normalized(None, "invalid", raw=raw, findings=count.findings)
    names = [] if is_explicit_none(names_text) else split_names(names_text)
    if count.value is None and not names:
        return Normalized(None, "explicit_none", raw=raw)
    value = None if count.value is None else int(count.value)
    return Normalized(NamedCount(count=value, names=names), "present", raw=raw)
