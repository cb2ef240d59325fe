"""What a filer wrote into a form: cell texts, ticks, target rows, cover, and layout quirks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

TickEncoding = Literal[
    "glyph_check",
    "glyph_square",
    "glyph_cross",
    "check_before_box",
    "check_after_box",
    "check_after_text",
    "check_no_box",
    "wingdings2_sym",
    "wingdings_sym",
    "wingdings2_font",
    "wingdings_font",
    "sdt_checkbox",
    "formcheckbox",
    "eq_field",
]
TICK_ENCODINGS: tuple[TickEncoding, ...] = (
    "glyph_check",
    "glyph_square",
    "glyph_cross",
    "check_before_box",
    "check_after_box",
    "check_after_text",
    "check_no_box",
    "wingdings2_sym",
    "wingdings_sym",
    "wingdings2_font",
    "wingdings_font",
    "sdt_checkbox",
    "formcheckbox",
    "eq_field",
)


def slot_key(field_id: str, year: str | None = None) -> str:
    """Given a field id and an optional year, return the key of its cell in `Filling.texts`."""
    return field_id if year is None else f"{field_id}@{year}"


@dataclass(frozen=True)
class TickFill:
    """The boxes a filer ticked in one option group, and how the ticks are stored."""

    ticked: frozenset[str]
    encoding: TickEncoding = "glyph_check"
    inline: bool = False


@dataclass(frozen=True)
class TargetRowFill:
    """One row of a target table as written: direction, indicator and the value cells."""

    direction: str
    indicator: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CoverFill:
    """The cover blanks as written (region parts are what precedes each printed suffix)."""

    cluster_name: str
    province: str
    city: str
    county: str
    county_authority: str
    operator: str
    date: str
    contact: str
    as_table: bool = False


@dataclass(frozen=True)
class LayoutFill:
    """Changes a filer made to the printed layout."""

    split_section: str | None = None
    extra_row_section: str | None = None
    blank_row_section: str | None = None
    spaced_labels: frozenset[str] = frozenset()
    halfwidth_parens: bool = False


@dataclass(frozen=True)
class Filling:
    """Everything written into one form; an empty Filling gives the blank template."""

    texts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ticks: Mapping[str, TickFill] = field(default_factory=dict)
    targets: Mapping[str, tuple[TargetRowFill, ...]] = field(default_factory=dict)
    cover: CoverFill | None = None
    layout: LayoutFill = field(default_factory=LayoutFill)

    def text(self, field_id: str, year: str | None = None) -> tuple[str, ...]:
        """Given a field id (and year), return the paragraphs written in its cell (() if blank)."""
        return self.texts.get(slot_key(field_id, year), ())


EMPTY_FILLING = Filling()
