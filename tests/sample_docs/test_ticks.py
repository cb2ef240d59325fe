"""Each tick encoding writes the XML it claims (notes/ticks.md), ticked and empty."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from sample_docs.builder.filling import TICK_ENCODINGS, TickEncoding
from sample_docs.builder.ticks import add_option

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _paragraph(encoding: TickEncoding, ticked: bool, index: int = 0) -> Paragraph:
    paragraph = docx.Document().add_paragraph()
    add_option(paragraph, "是", ticked, encoding, index)
    return paragraph


def _text(paragraph: Paragraph) -> str:
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))


def _instr(paragraph: Paragraph) -> str:
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:instrText")))


TEXT_FORMS: dict[str, tuple[str, str]] = {
    "glyph_check": ("☑是", "□是"),
    "glyph_square": ("■是", "□是"),
    "glyph_cross": ("☒是", "□是"),
    "check_before_box": ("√□是", "□是"),
    "check_after_box": ("□√是", "□是"),
    "check_after_text": ("□是√", "□是"),
    "check_no_box": ("√是", "是"),
}


@pytest.mark.parametrize("encoding", sorted(TEXT_FORMS))
def test_typed_glyphs(encoding: TickEncoding) -> None:
    ticked, empty = TEXT_FORMS[encoding]
    assert _text(_paragraph(encoding, True)) == ticked
    assert _text(_paragraph(encoding, False)) == empty


@pytest.mark.parametrize(
    ("encoding", "font", "on", "off"),
    [
        ("wingdings2_sym", "Wingdings 2", "F052", "F0A3"),
        ("wingdings_sym", "Wingdings", "F0FE", "F0A8"),
    ],
)
def test_symbol_runs(encoding: TickEncoding, font: str, on: str, off: str) -> None:
    for ticked, code in ((True, on), (False, off)):
        sym = _paragraph(encoding, ticked).runs[0]._r.find(qn("w:sym"))
        assert sym is not None and sym.get(qn("w:font")) == font and sym.get(qn("w:char")) == code
    crossed = _paragraph("wingdings2_sym", True, index=1)._p.find(f".//{qn('w:sym')}")
    assert crossed is not None and crossed.get(qn("w:char")) == "F054"


@pytest.mark.parametrize(
    ("encoding", "font", "on", "off"),
    [
        ("wingdings2_font", "Wingdings 2", "R", "£"),
        ("wingdings_font", "Wingdings", "þ", "¨"),
    ],
)
def test_font_trick(encoding: TickEncoding, font: str, on: str, off: str) -> None:
    for ticked, letter in ((True, on), (False, off)):
        run = _paragraph(encoding, ticked).runs[0]
        assert run.text == letter
        assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == font
    assert _paragraph(encoding, True).runs[1].text == "是"


def test_content_control_checkbox() -> None:
    for ticked, value, glyph in ((True, "1", "☒"), (False, "0", "☐")):
        p = _paragraph("sdt_checkbox", ticked)._p
        checked = p.find(f".//{qn('w:sdt')}//{{{W14}}}checkbox/{{{W14}}}checked")
        assert checked is not None and checked.get(f"{{{W14}}}val") == value
        assert p.find(f".//{qn('w:sdtContent')}//{qn('w:t')}").text == glyph


@pytest.mark.parametrize(
    ("index", "ticked", "default", "checked"),
    [
        (0, True, "1", None),
        (0, False, "0", None),
        (1, True, "0", ""),
        (1, False, "1", "0"),
    ],
)
def test_formcheckbox(index: int, ticked: bool, default: str, checked: str | None) -> None:
    paragraph = _paragraph("formcheckbox", ticked, index)
    box = paragraph._p.find(f".//{qn('w:ffData')}/{qn('w:checkBox')}")
    assert box is not None and box.find(qn("w:default")).get(qn("w:val")) == default
    node = box.find(qn("w:checked"))
    assert (
        (node is None) if checked is None else (node is not None and (node.get(qn("w:val")) or "") == checked)
    )
    types = [f.get(qn("w:fldCharType")) for f in paragraph._p.iter(qn("w:fldChar"))]
    assert types == ["begin", "end"] and _instr(paragraph).strip() == "FORMCHECKBOX"


def test_eq_field_split_over_runs() -> None:
    paragraph = _paragraph("eq_field", True)
    assert _instr(paragraph) == "eq \\o\\ac(□,√)"
    assert len(list(paragraph._p.iter(qn("w:instrText")))) >= 3
    assert _text(paragraph) == "是"
    assert _text(_paragraph("eq_field", False)) == "□是" and not _instr(_paragraph("eq_field", False))


def test_every_encoding_is_tested() -> None:
    tested = set(TEXT_FORMS) | {
        "wingdings2_sym",
        "wingdings_sym",
        "wingdings2_font",
        "wingdings_font",
        "sdt_checkbox",
        "formcheckbox",
        "eq_field",
    }
    assert tested == set(TICK_ENCODINGS)


def test_ticked_and_empty_differ_for_every_encoding() -> None:
    for encoding in TICK_ENCODINGS:
        on = etree.tostring(_paragraph(encoding, True)._p)
        off = etree.tostring(_paragraph(encoding, False)._p)
        assert on != off, encoding
