"""Stage `restrict_numbers`: number cells of numeric fields keep digits, separators and units (年 too).

Labels are known, so a table row whose first cell is the printed label of a numeric field
(integer / decimal / percent) has number cells beside it. In those cells, when most characters are
digits already, the usual OCR confusions are mapped to what a number can hold (O→0, l/I/|→1,
。→., a raised dot or colon between digits →., full-width forms, 方元→万元), a dot before the first
digit (a toner speck) is dropped, and stray marks that no
number, unit or 无 contains are dropped (Chinese characters stay: `约16` is read, then
found to be no number). Cells that are not mostly digits (无, 暂无, text) are
left as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import accumulate

from extractors.mapping.labels import label_key
from schema.catalog import NUMERIC_TYPES, FieldCatalogue
from schema.document import BOXES, FORMAT_DOUBT, REPAIRED_DOUBT, Block, Cell, Paragraph, Table, blocks_reading

CONFUSIONS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "。": ".", "，": ","})
LOOKALIKES = frozenset("OoDlI|")
NUMBER_WORDS = "无暂个家人项亿万元年"
SEPARATORS = frozenset(".,-+%~ －—−％．，、")
DOT_BETWEEN_DIGITS = re.compile(r"(?<=\d)[·•∙・˙:：'`´](?=\d)")
"""A raised or doubled dot the recogniser reads for a blurred decimal point (`74·00`, `4:98`)."""
LEADING_SPECK = re.compile(r"^[.·'`](?=-?\d)|(?<=\s)[.·'`](?=-?\d)")
TRAILING_POINT = re.compile(r"(?<=\d)\.(?![\d.])")
POINT_BETWEEN_DIGITS = re.compile(r"(?<=\d)\.(?=\d)")
"""A dot before a number's first digit is a toner speck (nobody writes `.5` in the form)."""
UNIT_CONFUSIONS = (("方元", "万元"), ("力元", "万元"), ("亿兀", "亿元"), ("万兀", "万元"))
"""Units misread: 万 taken for 方 or 力, 元 for 兀 (no unit of the form holds those)."""


DOUBLED_DOT = re.compile(r"(?<=\d)\.{2,}(?=\d)")
COMMA_DECIMAL = re.compile(r"^(\d+),(\d{1,2})(?!\d)")
DOTTED_RUN = re.compile(r"(?<![\d.])\d+\.\d+\.\d+(?![\d.])")
DECIMALS = 2
REPAIRED_CONFIDENCE = 0.6
"""A number read with a speck for a second point (`18.3.7`, `108..45`) or a comma for its point
(`126,48`: no thousands group has two digits) is repaired by the form's two-decimal rule, at a
confidence the operator checks."""


@dataclass(frozen=True, slots=True)
class NumberCells:
    """Which rows hold numbers (label keys) and what a number cell may contain."""

    label_keys: frozenset[str]
    allowed: frozenset[str]
    integer_keys: frozenset[str] = frozenset()
    """The label keys of integer fields (counts: a point in one is a speck)."""

    @classmethod
    def from_catalogue(cls, catalogue: FieldCatalogue) -> NumberCells:
        return cls(
            numeric_label_keys(catalogue),
            allowed_characters(catalogue),
            numeric_label_keys(catalogue, frozenset({"integer"})),
        )


def numeric_label_keys(catalogue: FieldCatalogue, types: frozenset[str] = NUMERIC_TYPES) -> frozenset[str]:
    """Given the catalogue (and field types: numeric ones by default), return the label keys of
    every field of those types (both forms)."""
    return frozenset(
        label_key(label)
        for spec in catalogue.fields
        if spec.type in types
        for label in (spec.label, *spec.form_labels.values())
    )


def allowed_characters(catalogue: FieldCatalogue) -> frozenset[str]:
    """Given the catalogue, return every character a written number may hold (digits, separators, units)."""
    units = "".join(catalogue.units) + "".join(spec.unit or "" for spec in catalogue.fields)
    digits = frozenset("0123456789０１２３４５６７８９")
    return digits | SEPARATORS | frozenset(units + NUMBER_WORDS)


def restrict_text(text: str, allowed: frozenset[str]) -> str:
    """Given a number cell's text, return it with OCR confusions mapped and stray marks dropped."""
    digits = sum(ch.isdigit() for ch in text)
    digit_like = digits + sum(ch in LOOKALIKES for ch in text)
    if digits == 0 or digit_like * 2 < len(text.replace(" ", "")):
        return text
    mapped = LEADING_SPECK.sub("", DOT_BETWEEN_DIGITS.sub(".", text.translate(CONFUSIONS)))
    for misread, unit in UNIT_CONFUSIONS:
        mapped = mapped.replace(misread, unit)
    return "".join(ch for ch in mapped if ch in allowed or ch.isspace() or _is_ideograph(ch))


def repair_points(text: str, integer: bool = False) -> str:
    """Given a restricted number text (of an integer field or not), return it with one decimal
    point where specks or a comma made it no number: a point after the last digit dropped, doubled
    points merged, a comma before one or two final digits made a point, and of two points the one
    DECIMALS digits before the end kept (unchanged when none is). In an integer, every point between
    digits is a speck."""
    text = TRAILING_POINT.sub("", DOUBLED_DOT.sub(".", text))
    if integer:
        return POINT_BETWEEN_DIGITS.sub("", text)
    if "." not in text:
        text = COMMA_DECIMAL.sub(r"\1.\2", text)
    return DOTTED_RUN.sub(lambda match: _one_point(match.group()), text)


def _one_point(run: str) -> str:
    """`18.3.7` → `18.37`: the point with DECIMALS digits after it stays, the others go."""
    digits = run.replace(".", "")
    points = list(accumulate(len(part) for part in run.split(".")[:-1]))
    point = len(digits) - DECIMALS
    return f"{digits[:point]}.{digits[point:]}" if point in points else run


def _is_ideograph(ch: str) -> bool:
    """A Chinese character is written, not a stray mark (`约16` is no number, and must not become one)."""
    return "\u3400" <= ch <= "\u9fff"


def _restrict_paragraph(paragraph: Paragraph, allowed: frozenset[str], integer: bool) -> Paragraph:
    """A number line, restricted and repaired; a box found among its digits (the 0 of 108 taken for
    a □) took a character away, so the line loses its confidence; a repaired one keeps at most
    REPAIRED_CONFIDENCE."""
    doubtful = any(ch in BOXES for ch in paragraph.text)
    restricted = restrict_text(paragraph.text, allowed)
    repaired = repair_points(restricted, integer)
    if doubtful:
        return replace(paragraph, text=repaired, confidence=0.0, doubt=FORMAT_DOUBT, read_as=paragraph.text)
    if repaired != restricted:
        return _lowered(replace(paragraph, text=repaired), paragraph.text)
    return replace(paragraph, text=repaired)


def _lowered(paragraph: Paragraph, read_as: str) -> Paragraph:
    """Given a line a repair changed and what the engine read there, return it at most at
    REPAIRED_CONFIDENCE, doubted as repaired."""
    confidence = min(1.0 if paragraph.confidence is None else paragraph.confidence, REPAIRED_CONFIDENCE)
    return replace(paragraph, confidence=confidence, doubt=REPAIRED_DOUBT, read_as=read_as)


def drop_specks(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Given a number cell's restricted lines, return them without lines of specks only (no digit,
    no character: `+*` under `2711`) when another line holds a digit; the lines kept then lose
    their confidence (REPAIRED_CONFIDENCE)."""
    written = [p for p in paragraphs if any(ch.isdigit() or _is_ideograph(ch) for ch in p.text)]
    if len(written) == len(paragraphs) or not any(ch.isdigit() for p in written for ch in p.text):
        return paragraphs
    dropped = " ".join(p.text for p in paragraphs if p not in written)
    return [_lowered(p, f"{p.read_as or p.text} {dropped}") for p in written]


def _restrict_cell(cell: Cell, allowed: frozenset[str], integer: bool) -> Cell:
    if any(not isinstance(b, Paragraph) for b in cell.blocks):
        return cell
    lines = drop_specks([_restrict_paragraph(b, allowed, integer) for b in cell.paragraphs])
    confidence, doubt = blocks_reading(lines)
    if confidence is None:
        return replace(cell, blocks=tuple(lines))
    return replace(cell, blocks=tuple(lines), confidence=confidence, doubt=doubt)


def _restrict_table(table: Table, numbers: NumberCells) -> Table:
    rows = {
        row: label_key(c.text)
        for c in table.cells
        if c.col == 0 and label_key(c.text) in numbers.label_keys
        for row in range(c.row, c.row + c.row_span)
    }
    cells = tuple(
        _restrict_cell(c, numbers.allowed, rows[c.row] in numbers.integer_keys)
        if c.row in rows and c.col > 0
        else c
        for c in table.cells
    )
    return replace(table, cells=cells)


def restrict_numbers(blocks: tuple[Block, ...], numbers: NumberCells) -> tuple[Block, ...]:
    """Given a document's blocks, return them with the number cells of numeric rows restricted."""
    return tuple(_restrict_table(b, numbers) if isinstance(b, Table) else b for b in blocks)
