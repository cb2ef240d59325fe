"""Stage `drop_stray_dots`: toner specks the engine read as dots inside Chinese text removed.

A speck of toner reads as `.` or `·` wherever it lands. In the form's Chinese texts a dot between
two characters, before a digit that no digit precedes, at either end of a line next to a character,
or before an enumeration opening a line (`.1.晋江市…`) is such a speck (a decimal point stands
between digits, a Chinese sentence ends with `。`): `参加国际展会.5次` → `参加国际展会5次`; so is a
dot after Chinese punctuation (`。.`), after a number inside a sentence before a character
(`达到1247.个`), or inside a year (`20.25年`), and a comma in a count (`1,0次`: a thousands group has
three digits). Other dots between digits stay (numbers are checked by `restrict_numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from schema.document import Block, Cell, Paragraph, Table

_CJK = "\u4e00-\u9fff"
_DOTS = ".·．`'‘’"
_PUNCTUATION = "。，；：！？、:;"
_STRAY = re.compile(
    rf"(?<=[{_CJK}{_PUNCTUATION}）)》”÷=])[{_DOTS}]+(?=[{_CJK}\d（(《“÷=])"
    rf"|^[{_DOTS}](?=[{_CJK}])"
    rf"|^[{_DOTS}]+(?=\d{{1,2}}[.、．)）][{_CJK}])"
    rf"|(?<=[{_CJK}{_PUNCTUATION}）)])[{_DOTS}]$"
    rf"|(?<=\d)[·`'‘’](?=[{_CJK}])"
    rf"|(?<=\d)[,，](?=\d{{1,2}}[次个家项件人])",
    re.MULTILINE,
)
_NUMBER_SPECK = re.compile(rf"(?<=[{_CJK}])(\d+)\.(?=[{_CJK}])")
"""A point after a number inside a sentence (`达到1247.个`); an enumeration's `12.实施` opens its line
or follows punctuation."""
_SPLIT_YEAR = re.compile(r"(?<![\d.])(?=[12][\d.]{4}年)(\d+)\.(\d+)(?=年)")
"""A point inside a year (`20.25年`, `2.027年`): four digits once the point is gone."""
_COLON_POINT = re.compile(r"(?<=\d)[:：](?=\d+(?:亿|万|元|%))")
"""A point read as a colon inside an amount (`4:98亿元`)."""


_MISREAD_UNIT = re.compile(r"(?<=[\d(（])[方力]元")
"""万元 misread (万 taken for 方 or 力) after a figure or in a formula's bracket: no such unit exists."""


def drop_dots(text: str) -> str:
    """Given an OCR'd text, return it without dots that can only be toner specks (a point after a
    number's digits inside a sentence, `达到1247.个`, is one), with a point read as a colon inside an
    amount made a point again, and 万元 read as 方元 set right."""
    cleaned = _COLON_POINT.sub(".", _NUMBER_SPECK.sub(r"\1", _STRAY.sub("", text)))
    cleaned = _SPLIT_YEAR.sub(_joined_year, cleaned)
    return _MISREAD_UNIT.sub("万元", cleaned)


def _joined_year(match: re.Match[str]) -> str:
    year = match[1] + match[2]
    return year if len(year) == 4 and year[:2] in ("19", "20") else match[0]


def _paragraph(paragraph: Paragraph) -> Paragraph:
    text = drop_dots(paragraph.text)
    return paragraph if text == paragraph.text else replace(paragraph, text=text)


def map_paragraphs(blocks: tuple[Block, ...], change: Callable[[Paragraph], Paragraph]) -> tuple[Block, ...]:
    """Given blocks and a paragraph change, return the blocks with it applied to every paragraph,
    in cells and nested tables too."""
    return tuple(change(b) if isinstance(b, Paragraph) else _table(b, change) for b in blocks)


def _table(table: Table, change: Callable[[Paragraph], Paragraph]) -> Table:
    return replace(table, cells=tuple(_cell(cell, change) for cell in table.cells))


def _cell(cell: Cell, change: Callable[[Paragraph], Paragraph]) -> Cell:
    return replace(cell, blocks=map_paragraphs(cell.blocks, change))


def drop_stray_dots(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Given a scan's blocks, return them with toner specks read as dots removed from the texts."""
    return map_paragraphs(blocks, _paragraph)
