"""The PDFium reader against pdfplumber (pdfminer): the same characters, fonts decoded the same way."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from extractors.pdf.opening import open_pdf
from extractors.pdf.primitives import Glyph
from extractors.pdf.reader import document_to_pages, drop_overprinted, place_stray_boxes
from extractors.pdf.symbol_glyphs import char_to_text, font_family
from schema.document import BBox

SAMPLES = Path(__file__).resolve().parents[3] / "sample_docs" / "pdf"


def pdfium_chars(sample: Path, page_index: int) -> Counter[str]:
    pdf = open_pdf(sample)
    try:
        pages = list(document_to_pages(pdf))
    finally:
        pdf.close()
    return Counter(g.text for g in pages[page_index].glyphs if not g.text.isspace())


def pdfminer_chars(sample: Path, page_index: int) -> Counter[str]:
    with pdfplumber.open(sample) as pdf:
        chars = pdf.pages[page_index].chars
    return Counter(
        char_to_text(ch["text"], font_family(ch["fontname"])) for ch in chars if not ch["text"].isspace()
    )


@pytest.mark.parametrize(
    "name", ["00_application_clean.pdf", "90_application_wingdings.pdf", "03_review_messy.pdf"]
)
def test_pdf_reader_matches_pdfminer(name: str) -> None:
    assert pdfium_chars(SAMPLES / name, 2) == pdfminer_chars(SAMPLES / name, 2)


def test_pdf_reader_decodes_wingdings_and_missing_glyphs_by_their_codes() -> None:
    # page 2: ticks in Wingdings-Regular, and ones LibreOffice drew as NotoSansCJK's missing glyph
    chars = pdfium_chars(SAMPLES / "90_application_wingdings.pdf", 2)
    assert (chars["☑"], chars["☐"], chars["⍰"]) == (5, 6, 0)
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in chars)


def test_radical_lookalikes_read_as_the_ideographs() -> None:
    from extractors.pdf.reader import _code_to_text

    assert _code_to_text(0x2F2F, "SimSun") == "工"  # ⼯ KANGXI RADICAL WORK
    assert _code_to_text(0x2F08, "SimSun") == "人"
    assert _code_to_text(0xF9B4, "SimSun") == "領"  # CJK COMPATIBILITY IDEOGRAPH-F9B4


def test_a_box_glyph_reported_off_its_line_is_placed_in_the_hole_its_neighbours_leave() -> None:
    # v1207b 11_review_messy_pdf_two_up.pdf: PDFium reports the missing glyph of `☐非高耗能行业` unscaled
    # by the 2-up sheet's form matrix, 40 pt from where it is drawn
    size = 10.5

    def glyph(text: str, x: float, y: float) -> Glyph:
        return Glyph(text, "NotoSansCJKjp", BBox(x, y, x + size * 0.7, y + size), size)

    row = (
        glyph("否", 163.1, 100.0),
        glyph(" ", 171.0, 100.0),
        glyph("☐", 246.9, 42.6),
        glyph("非", 181.3, 100.0),
    )
    placed = place_stray_boxes(row)
    assert placed[2].bbox.x1 == 181.3 and placed[2].bbox.y0 == 100.0
    assert placed[:2] + placed[3:] == row[:2] + row[3:]
    elsewhere = (glyph("否", 163.1, 100.0), glyph("☐", 246.9, 42.6), glyph("非", 170.5, 100.0))  # no hole
    assert place_stray_boxes(elsewhere) == elsewhere


def test_a_character_drawn_again_over_itself_reads_once_and_a_repeated_one_twice() -> None:
    size = 10.5

    def glyph(text: str, x: float) -> Glyph:
        return Glyph(text, "SimSun", BBox(x, 100.0, x + size, 100.0 + size), size)

    fake_bold = (glyph("重", 0.0), glyph("复", size), glyph("重", 0.3), glyph("复", size + 0.3))
    assert [g.text for g in drop_overprinted(fake_bold)] == ["重", "复"]
    repeated = (glyph("重", 0.0), glyph("重", size), glyph(" ", 2 * size), glyph(" ", 2 * size))
    assert drop_overprinted(repeated) == repeated
