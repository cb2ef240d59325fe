"""Stage `restrict_target_cells`: the value cells of the plan's target tables cleaned of specks.

The target tables (方向 | 指标 | 基准值 | 目标值 [| 完成值]) hold a number with its unit in each value
cell (`0.35吨二氧化碳/万元`), which the mapper reads as a number only when nothing else is there. A
toner speck read as a point (`.53.09%`, `0.35.吨…`, `288个 .`) leaves it text. A value cell that
reads as specks, a number, specks, a unit and specks is rewritten as number and unit, the number's
points repaired as in number cells (`repair_points`), at a confidence the operator checks. Cells
that start with a character (qualitative targets) are left as read. A direction cell close to one
of the printed directions (`☑色化`, `数字`: a character taken for a box, or lost) is snapped to it,
at that confidence too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from difflib import SequenceMatcher

from extractors.ocr.numeric import REPAIRED_CONFIDENCE, repair_points
from schema.document import BOXES, REPAIRED_DOUBT, Block, Cell, Paragraph, Table, blocks_reading

VALUE_HEADERS = ("基准值", "目标值", "完成值")
DIRECTION_HEADER = "方向"
MIN_DIRECTION_SIMILARITY = 0.6
MIN_VALUE_HEADERS = 2
_SPECKS = r"[\s.·'`,，]*"
NUMBER_WITH_UNIT = re.compile(
    rf"^{_SPECKS}([+\-]?\d[\d.,]*?){_SPECKS}([^\d\s.·'`,，][^\d]*?)?{_SPECKS}$", re.DOTALL
)


def clean_value(text: str) -> str:
    """Given a target value cell's text, return it as number and unit without specks (unchanged
    when it is no number with a unit)."""
    match = NUMBER_WITH_UNIT.match(text)
    if match is None:
        return text
    return repair_points(match.group(1)) + (match.group(2) or "").strip()


def nearest_direction(text: str, directions: frozenset[str]) -> str:
    """Given a direction cell's text and the printed directions, return the direction it is a
    misreading of (unchanged when it is one, or near none)."""
    key = "".join(ch for ch in text if ch.isalnum() and ch not in BOXES)
    if not key or text.strip() in directions:
        return text
    score, best = max(((SequenceMatcher(None, key, d).ratio(), d) for d in directions), default=(0.0, text))
    return best if score >= MIN_DIRECTION_SIMILARITY else text


def _paragraph(paragraph: Paragraph, clean: Callable[[str], str]) -> Paragraph:
    text = clean(paragraph.text)
    if text == paragraph.text.strip():
        return paragraph
    confidence = min(REPAIRED_CONFIDENCE, 1.0 if paragraph.confidence is None else paragraph.confidence)
    return replace(paragraph, text=text, confidence=confidence, doubt=REPAIRED_DOUBT, read_as=paragraph.text)


def _cell(cell: Cell, clean: Callable[[str], str]) -> Cell:
    blocks = tuple(_paragraph(b, clean) if isinstance(b, Paragraph) else b for b in cell.blocks)
    confidence, doubt = blocks_reading(blocks)
    if confidence is None:
        return replace(cell, blocks=blocks)
    return replace(cell, blocks=blocks, confidence=confidence, doubt=doubt)


def value_columns(table: Table) -> tuple[int, list[tuple[int, int]]] | None:
    """Given a table, return its header row and the column spans of its value columns (None: no
    target table)."""
    for row in range(table.n_rows):
        spans = _header_spans(table, row, VALUE_HEADERS)
        if len(spans) >= MIN_VALUE_HEADERS:
            return row, spans
    return None


def _header_spans(table: Table, row: int, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """The column spans of a row's cells holding any of the words."""
    return [
        (c.col, c.col + c.col_span)
        for c in table.row_cells(row)
        if any(word in "".join(c.text.split()) for word in words)
    ]


def _in_spans(cell: Cell, spans: list[tuple[int, int]]) -> bool:
    return any(cell.col < end and start < cell.col + cell.col_span for start, end in spans)


def _table(table: Table, directions: frozenset[str]) -> Table:
    found = value_columns(table)
    if found is None:
        return table
    header, spans = found
    direction = _header_spans(table, header, (DIRECTION_HEADER,))

    def cleaned(cell: Cell) -> Cell:
        if cell.row <= header:
            return cell
        if _in_spans(cell, spans):
            return _cell(cell, clean_value)
        if _in_spans(cell, direction):
            return _cell(cell, lambda text: nearest_direction(text, directions))
        return cell

    return replace(table, cells=tuple(cleaned(c) for c in table.cells))


def restrict_target_cells(
    blocks: tuple[Block, ...], directions: frozenset[str] = frozenset()
) -> tuple[Block, ...]:
    """Given a scan's blocks and the printed directions, return them with the value cells of target
    tables cleaned of specks and their direction cells snapped to the printed directions."""
    return tuple(_table(b, directions) if isinstance(b, Table) else b for b in blocks)
