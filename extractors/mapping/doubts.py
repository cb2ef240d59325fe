"""Why a value read from a scan must be checked by the operator: one decision, with a reason code.

`field_doubt` judges a whole field (options not all found, a shape paper reading most often spoils);
`value_doubt` one value (one year of it): a seal over its text, a box glyph inside a text, names that do
not fit their count, a bracket lost, a short value cut by a page end, then the backend's own doubt
(`Provenance.doubt`, e.g. `repaired`, `unread_ink`, `box_uncertain`) when it read the value below the
confidence threshold or could not understand it, else `low_score`. Reason codes are the `reasons:` of
rule low_confidence in rules.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.mapping.choices import doubted_options
from extractors.mapping.entries import MappedField
from normalizers.text import to_halfwidth
from schema.catalog import FieldSpec
from schema.document import (
    BOX_DOUBT,
    BOXES,
    COUNT_DOUBT,
    FORMAT_DOUBT,
    GLYPH_DOUBT,
    LOW_SCORE_DOUBT,
    PAGE_CUT_DOUBT,
    SEAL_DOUBT,
)
from schema.record import Provenance

CHOICE_TYPES = frozenset({"choice", "multi_choice"})
LONG_TYPES = frozenset({"long_text", "target_table"})
UNDERSTOOD_NOT = frozenset({"invalid", "unreadable"})


@dataclass(frozen=True, slots=True)
class ValuePlace:
    """What lies where a value was read: a seal over the lines of its text (texts only: numbers and
    boxes under a seal are seal_over_value), and whether its cell's lines lie on two pages."""

    text_under_seal: bool = False
    across_pages: bool = False


TARGET_VALUES = ("baseline", "target", "actual")
SPOILED_NUMBER = re.compile(
    r"^[\s.·'`,，]+[+\-]?\d|^[+\-]?\d[\d.]*[.·'`](?!\d)|^[+\-]?\d+\.\d+\.\d|^[+\-]?\d.*\s[.·'`]+$"
)
"""A target value kept as text (no number) that reads like a number a speck spoiled: a point before
it, a point after its digits, two points, a speck after it."""
FORMULA_WORD = "计算公式"
DIVISION_SIGNS = ("÷", "/", "／", "除以")
MISREAD_FORMATS = frozenset({"phone_invalid", "date_invalid"})
"""A phone or date not in any form a filer writes: on paper most often a speck read into it."""


def _format_unsure(mapped: MappedField) -> bool:
    return any(e.rule in MISREAD_FORMATS for e in mapped.exceptions)


def _options_unsure(spec: FieldSpec, mapped: MappedField) -> bool:
    """A choice whose options were not all found, or with a tick that could not be placed: on paper
    most often a reading fault (a box or an option line not read), so the operator checks it."""
    return spec.type in CHOICE_TYPES and any(e.rule == "layout_changed" for e in mapped.exceptions)


def quotient_unsure(spec: FieldSpec, value: object) -> bool:
    """A per-unit formula (`单位产值能耗=…`) read without a division sign: the quantity is a quotient,
    and on paper ÷ is most often read as `+`."""
    if FORMULA_WORD not in spec.label or not isinstance(value, str) or "=" not in to_halfwidth(value):
        return False
    return not any(sign in value for sign in DIVISION_SIGNS)


def targets_unsure(spec: FieldSpec, value: object) -> bool:
    """A target table read with a row that paper reading most often spoils: a direction that is none
    of the form's (two rows' texts run together), an indicator over two lines (a row border not
    found), or a value that starts like a number but is none (`0.35.吨`, a speck read as a point)."""
    if spec.type != "target_table" or not isinstance(value, list):
        return False
    return any(_target_row_unsure(spec, row) for row in value if isinstance(row, dict))


def _target_row_unsure(spec: FieldSpec, row: dict[str, object]) -> bool:
    direction, indicator = row.get("direction"), row.get("indicator")
    if isinstance(direction, str) and direction not in spec.directions:
        return True
    if isinstance(indicator, str) and "\n" in indicator.strip():
        return True
    return any(
        isinstance(v, str) and SPOILED_NUMBER.match(v) is not None
        for v in (row.get(k) for k in TARGET_VALUES)
    )


def names_miscounted(value: object) -> bool:
    """Whether a named count's names, as read, are not as many as its count says."""
    if not isinstance(value, dict):
        return False
    count, names = value.get("count"), value.get("names")
    return isinstance(count, int) and isinstance(names, list) and bool(names) and count != len(names)


def brackets_unbalanced(value: object) -> bool:
    """Whether a text (or any text of a list or mapping) opens more brackets than it closes, or the
    other way round: on paper a bracket is most often lost in the reading."""
    return any_text(value, lambda text: _bracket_depth(text) != 0)


def any_text(value: object, test: Callable[[str], bool]) -> bool:
    """Whether a text, or any text of a list or mapping (the names of a named count), passes a test."""
    if isinstance(value, str):
        return test(value)
    if isinstance(value, dict):
        return any(any_text(v, test) for v in value.values())
    if isinstance(value, list):
        return any(any_text(v, test) for v in value)
    return False


def _bracket_depth(text: str) -> int:
    return sum(text.count(ch) for ch in "（(") - sum(text.count(ch) for ch in "）)")


def holds_box_glyph(value: object) -> bool:
    """Whether a value (a text, or the texts of a list or mapping: the names of a named count) holds
    a box glyph."""
    return any_text(value, lambda text: any(ch in BOXES for ch in text))


def field_doubt(spec: FieldSpec, mapped: MappedField) -> str | None:
    """Given a mapped field of a scan, return why every value of it is doubtful, or None: options not
    all found, or a value in a shape paper reading most often spoils."""
    if _options_unsure(spec, mapped):
        return BOX_DOUBT
    value = mapped.entry.value
    if _format_unsure(mapped) or targets_unsure(spec, value) or quotient_unsure(spec, value):
        return FORMAT_DOUBT
    return None


def read_low(spec: FieldSpec, provenance: Provenance, threshold: float, raw: str | None) -> bool:
    """Whether a value was read below the confidence threshold: a scanned choice whose boxes kept their
    own doubts by a doubted box of one of its options (a box's doubt is not its neighbours', an option's
    words found are no doubt about its box, an unread mark before a ticked box changes nothing); any
    other value by its lowest score."""
    if spec.type in CHOICE_TYPES and raw and provenance.mark_doubts is not None:
        doubted = doubted_options(raw, spec.options, provenance.mark_doubts)
        if doubted is not None:
            return bool(doubted)
    return provenance.confidence is not None and provenance.confidence < threshold


def value_doubt(
    spec: FieldSpec,
    value: object,
    status: str,
    provenance: Provenance,
    threshold: float,
    place: ValuePlace,
    raw: str | None = None,
) -> str | None:
    """Given one value of a scan (one year of a field), its status, where it was read and what lies
    there, and its raw text, return why the operator must check it, or None (the most telling reason
    first)."""
    if place.text_under_seal:
        return SEAL_DOUBT
    if holds_box_glyph(value):
        return GLYPH_DOUBT  # a box glyph inside a text: a character taken for a checkbox
    if names_miscounted(value):
        return COUNT_DOUBT  # two names read as one (the first filled its line), or a name lost
    if brackets_unbalanced(value):
        return FORMAT_DOUBT  # a bracket lost in the reading (`公司（绿色工厂`)
    if place.across_pages and spec.type not in LONG_TYPES:
        return PAGE_CUT_DOUBT
    low = read_low(spec, provenance, threshold, raw)
    if low or status in UNDERSTOOD_NOT:
        return provenance.doubt or (LOW_SCORE_DOUBT if low else _not_understood(spec))
    return None


def _not_understood(spec: FieldSpec) -> str:
    """Read but not understood (invalid, unreadable): on paper most often the reading's fault — a box
    misread for a choice, a value in an odd shape otherwise."""
    return BOX_DOUBT if spec.type in CHOICE_TYPES else FORMAT_DOUBT
