"""Every tick encoding of ../shared/notes/ticks.md decodes to the canonical glyphs."""

from __future__ import annotations

import pytest
from lxml import etree

from extractors.docx.ooxml import W14_NS, W_NS
from extractors.docx.paragraphs import paragraph_to_text
from schema.document import EMPTY_GLYPH, TICKED_GLYPH, UNKNOWN_GLYPH

NS = f'xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"'


def _p(body: str) -> str:
    return paragraph_to_text(etree.fromstring(f"<w:p {NS}>{body}</w:p>"))


def _run(text: str, font: str | None = None) -> str:
    props = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(
    ("font", "char", "expected"),
    [
        ("Wingdings 2", "F052", TICKED_GLYPH),
        ("Wingdings 2", "F0A3", EMPTY_GLYPH),
        ("Wingdings 2", "F054", TICKED_GLYPH),
        ("Wingdings 2", "F053", TICKED_GLYPH),
        ("Wingdings 2", "F050", "√"),
        ("Wingdings", "F0FE", TICKED_GLYPH),
        ("Wingdings", "F0A8", EMPTY_GLYPH),
        ("Wingdings", "F0FD", TICKED_GLYPH),
        ("Wingdings", "F078", TICKED_GLYPH),
        ("Wingdings", "F0FC", "√"),
        ("Symbol", "F0D6", "√"),
        ("Wingdings", "F021", UNKNOWN_GLYPH),
    ],
)
def test_w_sym_symbols(font: str, char: str, expected: str) -> None:
    assert _p(f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>' + _run("是")) == expected + "是"


@pytest.mark.parametrize(
    ("font", "letter", "expected"),
    [
        ("Wingdings 2", "R", TICKED_GLYPH),
        ("Wingdings 2", "£", EMPTY_GLYPH),
        ("Wingdings 2", "S", TICKED_GLYPH),
        ("Wingdings 2", "T", TICKED_GLYPH),
        ("Wingdings 2", "P", "√"),
        ("Wingdings 2", "O", "×"),
        ("Wingdings", "þ", TICKED_GLYPH),
        ("Wingdings", "¨", EMPTY_GLYPH),
        ("Wingdings", "ý", TICKED_GLYPH),
        ("Wingdings", "ü", "√"),
        ("Wingdings 2", "\uf052", TICKED_GLYPH),
        ("Wingdings", "\uf0a8", EMPTY_GLYPH),
    ],
)
def test_symbol_font_runs(font: str, letter: str, expected: str) -> None:
    assert _p(_run(letter, font) + _run("否")) == expected + "否"


@pytest.mark.parametrize("font", ["Wingdings;serif", "Wingdings, serif", "'Wingdings', serif"])
def test_symbol_font_named_first_in_a_font_list(font: str) -> None:
    """LibreOffice's import of a web page writes `<font face="Wingdings, serif">` as rFonts
    `Wingdings;serif` (its own HTML export does so): the first family draws the tick."""
    assert (
        _p(_run("þ", font) + _run("是") + _run("¨", font) + _run("否")) == f"{TICKED_GLYPH}是{EMPTY_GLYPH}否"
    )


def test_plain_letter_without_symbol_font_stays_text() -> None:
    assert _p(_run("R") + _run("是")) == "R是"


@pytest.mark.parametrize(("checked", "expected"), [("1", TICKED_GLYPH), ("0", EMPTY_GLYPH)])
def test_content_control_checkbox(checked: str, expected: str) -> None:
    sdt = (
        f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/></w14:checkbox></w:sdtPr>'
        f"<w:sdtContent>{_run('☒' if checked == '1' else '☐', 'MS Gothic')}</w:sdtContent></w:sdt>"
    )
    assert _p(sdt + _run("是")) == expected + "是"


@pytest.mark.parametrize(
    ("ffdata", "expected"),
    [
        ('<w:checkBox><w:sizeAuto/><w:default w:val="1"/></w:checkBox>', TICKED_GLYPH),
        ('<w:checkBox><w:sizeAuto/><w:default w:val="0"/></w:checkBox>', EMPTY_GLYPH),
        ("<w:checkBox><w:sizeAuto/><w:checked/></w:checkBox>", TICKED_GLYPH),
        ('<w:checkBox><w:default w:val="1"/><w:checked w:val="0"/></w:checkBox>', EMPTY_GLYPH),
        ("<w:checkBox><w:sizeAuto/></w:checkBox>", EMPTY_GLYPH),
    ],
)
def test_legacy_formcheckbox(ffdata: str, expected: str) -> None:
    field = (
        f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>{ffdata}</w:ffData>'
        '</w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert _p(field + _run("否")) == expected + "否"


def test_enclosed_character_eq_field_split_over_runs() -> None:
    parts = ["eq \\o\\ac(", "□", ",", "√", ")"]
    instr = "".join(f'<w:r><w:instrText xml:space="preserve">{p}</w:instrText></w:r>' for p in parts)
    field = f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{instr}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    assert _p(field + _run("是")) == TICKED_GLYPH + "是"


def test_eq_field_with_symbol_font_tick() -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>eq \\o\\ac(□,</w:instrText></w:r>"
        '<w:r><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr>'
        "<w:instrText>P</w:instrText></w:r>"
        '<w:r><w:instrText>)</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert _p(field) == TICKED_GLYPH


def test_field_result_text_is_kept_and_code_dropped() -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert _p(field) == "3"


def test_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    body = f'<w:ins w:id="1">{_run("新")}</w:ins><w:del w:id="2"><w:r><w:delText>旧</w:delText></w:r></w:del>'
    assert _p(body) == "新"


def test_tabs_and_breaks() -> None:
    assert _p("<w:r><w:t>□是</w:t><w:tab/><w:t>■否</w:t><w:br/><w:t>x</w:t></w:r>") == "□是 ■否\nx"


def test_orphan_pua_code_without_font_decodes_when_unambiguous() -> None:
    assert _p(_run("\uf052是")) == TICKED_GLYPH + "是"
