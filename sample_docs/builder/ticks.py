"""Tick encodings: every way filers store a ticked or empty box (see notes/ticks.md)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.text.run import CT_R
from docx.text.paragraph import Paragraph

from sample_docs.builder.filling import TickEncoding
from sample_docs.builder.styles import CELL_SIZE, add_run

EMPTY_BOX = "□"
CHECK = "√"
GLYPHS: dict[TickEncoding, str] = {"glyph_check": "☑", "glyph_square": "■", "glyph_cross": "☒"}
WINGDINGS2 = "Wingdings 2"
WINGDINGS = "Wingdings"
SYM_CODES: dict[TickEncoding, tuple[str, str, str]] = {
    "wingdings2_sym": (WINGDINGS2, "F052", "F0A3"),
    "wingdings_sym": (WINGDINGS, "F0FE", "F0A8"),
}
WINGDINGS2_CROSS = "F054"
FONT_LETTERS: dict[TickEncoding, tuple[str, str, str]] = {
    "wingdings2_font": (WINGDINGS2, "R", "£"),
    "wingdings_font": (WINGDINGS, "þ", "¨"),
}


def _symbol_run(paragraph: Paragraph, font: str) -> CT_R:
    """Given a paragraph and a symbol font, append a run whose rFonts is that font; return the w:r."""
    run = paragraph.add_run()
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    run._r.get_or_add_rPr().append(fonts)
    run.font.size = CELL_SIZE
    return run._r


def add_sym(paragraph: Paragraph, font: str, code: str) -> None:
    """Given a paragraph, append a w:sym of the given font and hex code."""
    r = _symbol_run(paragraph, font)
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), code)
    r.append(sym)


def add_font_letter(paragraph: Paragraph, font: str, letter: str) -> None:
    """Given a paragraph, append a plain letter in a symbol-font run (the Wingdings font trick)."""
    r = _symbol_run(paragraph, font)
    text = OxmlElement("w:t")
    text.text = letter
    r.append(text)


def add_sdt_checkbox(paragraph: Paragraph, ticked: bool) -> None:
    """Given a paragraph, append a Word 2010 content-control checkbox (MS Gothic ☒/☐)."""
    glyph = "☒" if ticked else "☐"
    xml = (
        f"<w:sdt {nsdecls('w', 'w14')}><w:sdtPr><w14:checkbox>"
        f'<w14:checked w14:val="{1 if ticked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
        '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/>'
        f"</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )
    paragraph._p.append(parse_xml(xml))


def _field_char(paragraph: Paragraph, kind: str, inner: str = "") -> None:
    """Given a paragraph, append a run holding a w:fldChar of the given type (with inner XML)."""
    xml = f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}">{inner}</w:fldChar></w:r>'
    paragraph._p.append(parse_xml(xml))


def _instr(paragraph: Paragraph, text: str, rpr: str = "") -> None:
    """Given a paragraph, append a run holding one w:instrText piece."""
    xml = f'<w:r {nsdecls("w")}>{rpr}<w:instrText xml:space="preserve">{text}</w:instrText></w:r>'
    paragraph._p.append(parse_xml(xml))


def add_formcheckbox(paragraph: Paragraph, ticked: bool, variant: int) -> None:
    """Given a paragraph, append a legacy FORMCHECKBOX field; odd variants use w:checked overrides."""
    if variant % 2 == 0:
        state = f'<w:default w:val="{1 if ticked else 0}"/>'
    else:
        state = (
            '<w:default w:val="0"/><w:checked/>' if ticked else '<w:default w:val="1"/><w:checked w:val="0"/>'
        )
    inner = (
        f'<w:ffData><w:name w:val="Check{variant + 1}"/><w:enabled/><w:calcOnExit w:val="0"/>'
        f"<w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData>"
    )
    _field_char(paragraph, "begin", inner)
    _instr(paragraph, " FORMCHECKBOX ")
    _field_char(paragraph, "end")


def add_eq_tick(paragraph: Paragraph) -> None:
    """Given a paragraph, append the 带圈字符 EQ field eq \\o\\ac(□,√) split over several runs."""
    _field_char(paragraph, "begin")
    _instr(paragraph, "eq \\o\\ac(")
    _instr(paragraph, EMPTY_BOX, '<w:rPr><w:position w:val="-3"/><w:sz w:val="31"/></w:rPr>')
    _instr(paragraph, ",")
    _instr(paragraph, CHECK)
    _instr(paragraph, ")")
    _field_char(paragraph, "end")


def _text_box(paragraph: Paragraph, text: str, ticked: bool, encoding: TickEncoding) -> None:
    """Given a typed-glyph encoding, append box and option text as plain runs."""
    if encoding in GLYPHS:
        box = GLYPHS[encoding] if ticked else EMPTY_BOX
        composed = box + text
    elif encoding == "check_before_box":
        composed = (CHECK if ticked else "") + EMPTY_BOX + text
    elif encoding == "check_after_box":
        composed = EMPTY_BOX + (CHECK if ticked else "") + text
    elif encoding == "check_after_text":
        composed = EMPTY_BOX + text + (CHECK if ticked else "")
    else:
        composed = (CHECK if ticked else "") + text
    add_run(paragraph, composed, size=CELL_SIZE)


def _object_box(paragraph: Paragraph, ticked: bool, encoding: TickEncoding, index: int) -> None:
    """Given an object encoding (symbol, font trick, control, field), append the box object."""
    if encoding in SYM_CODES:
        font, on, off = SYM_CODES[encoding]
        on = WINGDINGS2_CROSS if font == WINGDINGS2 and index % 2 else on
        add_sym(paragraph, font, on if ticked else off)
    elif encoding in FONT_LETTERS:
        font, on, off = FONT_LETTERS[encoding]
        add_font_letter(paragraph, font, on if ticked else off)
    elif encoding == "sdt_checkbox":
        add_sdt_checkbox(paragraph, ticked)
    elif encoding == "formcheckbox":
        add_formcheckbox(paragraph, ticked, index)
    elif ticked:
        add_eq_tick(paragraph)
    else:
        add_run(paragraph, EMPTY_BOX, size=CELL_SIZE)


TEXT_ENCODINGS: frozenset[TickEncoding] = frozenset(
    {*GLYPHS, "check_before_box", "check_after_box", "check_after_text", "check_no_box"}
)


def add_option(paragraph: Paragraph, text: str, ticked: bool, encoding: TickEncoding, index: int) -> None:
    """Given a paragraph and one option, append its box (ticked or empty) and its printed text."""
    if encoding in TEXT_ENCODINGS:
        _text_box(paragraph, text, ticked, encoding)
        return
    _object_box(paragraph, ticked, encoding, index)
    add_run(paragraph, text, size=CELL_SIZE)
