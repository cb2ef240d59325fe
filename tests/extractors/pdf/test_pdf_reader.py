"""The PDFium reader against pdfplumber (pdfminer): the same characters, fonts decoded the same way."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from extractors.pdf.opening import open_pdf
from extractors.pdf.reader import document_to_pages
from extractors.pdf.symbol_glyphs import char_to_text, font_family

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


def test_pdf_reader_decodes_wingdings_and_reports_missing_glyphs() -> None:
    chars = pdfium_chars(SAMPLES / "90_application_wingdings.pdf", 2)
    assert chars["☑"] and chars["☐"] and chars["⍰"]
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in chars)


def test_radical_lookalikes_read_as_the_ideographs() -> None:
    from extractors.pdf.reader import _code_to_text

    assert _code_to_text(0x2F2F, "SimSun") == "工"  # ⼯ KANGXI RADICAL WORK
    assert _code_to_text(0x2F08, "SimSun") == "人"
    assert _code_to_text(0xF9B4, "SimSun") == "領"  # CJK COMPATIBILITY IDEOGRAPH-F9B4
