"""Fields that draw a tick (EQ overlays, FORMCHECKBOX with its FFData, SYMBOL) decode to glyphs."""

from __future__ import annotations

import struct

import pytest

from extractors.tick_fields import ffdata_checkbox_state, tick_field_glyph
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH


def _ffdata(result: int, default: int, name: str = "Check1", kind: int = 1) -> bytes:
    head = struct.pack("<IHHH", 0xFFFFFFFF, kind | (result << 2), 0, 20)
    return (
        head + struct.pack("<H", len(name)) + name.encode("utf-16-le") + b"\0\0" + struct.pack("<H", default)
    )


@pytest.mark.parametrize(
    ("result", "default", "expected"),
    [(1, 0, True), (0, 1, False), (25, 1, True), (25, 0, False), (7, 0, None)],
)
def test_checkbox_state_is_its_result_or_its_default(
    result: int, default: int, expected: bool | None
) -> None:
    assert ffdata_checkbox_state(_ffdata(result, default)) is expected


def test_ffdata_of_no_checkbox_or_cut_short_has_no_state() -> None:
    assert ffdata_checkbox_state(_ffdata(1, 0, kind=0)) is None  # a text field
    assert ffdata_checkbox_state(_ffdata(25, 1)[:14]) is None
    assert ffdata_checkbox_state(b"\xff" * 4) is None


def test_ffdata_without_its_version_gives_the_result_only() -> None:
    """RTF's \\datafield holds the form field's data without the version (Word 95's layout)."""
    assert ffdata_checkbox_state(bytes.fromhex("650000001400064368")) is None  # result 25: the default
    assert ffdata_checkbox_state(bytes.fromhex("050000001400")) is True
    assert ffdata_checkbox_state(bytes.fromhex("010000001400")) is False


@pytest.mark.parametrize(
    ("instruction", "checked", "expected"),
    [
        (" FORMCHECKBOX ", True, TICKED_GLYPH),
        ("FORMCHECKBOX", False, EMPTY_GLYPH),
        (" FORMCHECKBOX ", None, UNKNOWN_GLYPH),
        (" eq \\o\\ac(□,√)", None, TICKED_GLYPH),
        ("EQ \\o\\ac(☐,✓)", None, TICKED_GLYPH),
        ("eq \\o(□, )", None, EMPTY_GLYPH),
        ("eq \\o\\ac(○,1)", None, None),
        ('SYMBOL 82 \\f "Wingdings 2" \\s 10', None, TICKED_GLYPH),
        ("SYMBOL 0xFE \\f Wingdings", None, TICKED_GLYPH),
        ('SYMBOL 163 \\f "Wingdings 2"', None, EMPTY_GLYPH),
        ('SYMBOL 108 \\f "Wingdings"', None, None),
        (" PAGE ", None, None),
    ],
)
def test_field_instructions(instruction: str, checked: bool | None, expected: str | None) -> None:
    assert tick_field_glyph(instruction, checked) == expected
