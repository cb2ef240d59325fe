"""Page, fonts and paragraph helpers: A4, 宋体 with zh-CN East-Asian language."""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

EAST_ASIA_FONT = "宋体"
HEITI_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(12)
CELL_SIZE = Pt(10.5)
TITLE_SIZE = Pt(22)

Container = DocumentObject | _Cell


def set_run_fonts(run: Run, east_asia: str = EAST_ASIA_FONT, latin: str = LATIN_FONT) -> None:
    """Given a run, set its Latin and East-Asian fonts and its zh-CN language."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attr), name)
    _set_lang(rpr)


def _set_lang(rpr: BaseOxmlElement) -> None:
    """Given an rPr element, give it w:lang with eastAsia zh-CN."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    underline: bool = False,
    size: Pt | None = None,
    east_asia: str = EAST_ASIA_FONT,
) -> Run:
    """Given a paragraph and text ("\\n" = line break), append a 宋体 run and return it."""
    run = paragraph.add_run()
    for index, piece in enumerate(text.split("\n")):
        if index:
            run.add_break(WD_BREAK.LINE)
        if piece:
            run.add_text(piece)
    set_run_fonts(run, east_asia=east_asia)
    run.bold = bold or None
    run.underline = underline or None
    if size is not None:
        run.font.size = size
    return run


def add_paragraph(
    container: Container,
    text: str = "",
    *,
    bold: bool = False,
    size: Pt | None = None,
    center: bool = False,
    east_asia: str = EAST_ASIA_FONT,
) -> Paragraph:
    """Given a document or cell, append a paragraph holding text and return it."""
    paragraph = container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        add_run(paragraph, text, bold=bold, size=size, east_asia=east_asia)
    return paragraph


def first_paragraph(cell: _Cell) -> Paragraph:
    """Given a fresh cell, return its (empty) first paragraph."""
    paragraph: Paragraph = cell.paragraphs[0]
    return paragraph


def write_paragraphs(
    cell: _Cell, texts: tuple[str, ...], *, bold: bool = False, center: bool = False
) -> None:
    """Given an empty cell and paragraph texts, write one paragraph per text into the cell."""
    for index, text in enumerate(texts):
        paragraph = first_paragraph(cell) if index == 0 else cell.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            add_run(paragraph, text, bold=bold, size=CELL_SIZE)


def page_break(document: DocumentObject) -> None:
    """Given a document, append a paragraph holding a page break."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _style_defaults(document: DocumentObject) -> None:
    """Given a document, make its Normal style 宋体 小四 with zh-CN East-Asian language."""
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    _set_lang(rpr)


def new_document() -> DocumentObject:
    """Return an empty A4 document whose default font is 宋体 (zh-CN)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.54), Cm(2.54)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    _style_defaults(document)
    return document
