"""RTF fields that draw a tick are written as their glyph before conversion; other fields are kept."""

from __future__ import annotations

import time

from extractors.legacy.rtf_fields import MAX_FIELD_BYTES, rtf_fields_to_glyphs

HEAD = b"{\\rtf1\\ansi\\ansicpg936 "


def test_eq_tick_split_over_groups_becomes_one_glyph() -> None:
    field = b"{\\field{\\*\\fldinst {eq \\\\o\\\\ac(}{\\up-3 {\\uc2\\u9633\\'a1\\'f5}}{,\\'a1\\'cc)}}{\\fldrslt }}"
    assert rtf_fields_to_glyphs(HEAD + field + b"yes}") == HEAD + b"{\\uc1\\u9745?}yes}"


def test_other_fields_and_escaped_braces_are_kept() -> None:
    data = (
        HEAD
        + b"\\{\\field{\\*\\fldinst PAGE}{\\fldrslt 1}} {\\field{\\*\\fldinst HYPERLINK x}{\\fldrslt a}}}"
    )
    assert rtf_fields_to_glyphs(data) == data


def test_binary_data_and_unclosed_fields_are_not_read_as_text() -> None:
    blob = (
        b"{\\field{\\*\\fldinst FORMCHECKBOX {\\*\\formfield{\\fftype1\\ffres1}}{\\bin4 }}}}}}{\\fldrslt }}"
    )
    assert rtf_fields_to_glyphs(HEAD + blob + b"}") == HEAD + b"{\\uc1\\u9745?}}"
    unclosed = HEAD + b"{\\field{\\*\\fldinst eq \\\\o\\\\ac(\\'a1\\'f5,\\'a1\\'cc)" + b" " * MAX_FIELD_BYTES
    assert rtf_fields_to_glyphs(unclosed) == unclosed


def test_many_unclosed_fields_are_read_within_a_budget() -> None:
    data = HEAD + b"{\\field{\\*\\fldinst eq " * 20_000 + b"x" * 300_000
    started = time.perf_counter()
    assert rtf_fields_to_glyphs(data) == data
    assert time.perf_counter() - started < 5
