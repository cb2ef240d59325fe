"""Typed PDFs laid out the way printers and PDF tools lay them out read to the same record: pages
turned by `/Rotate` (or drawn sideways), two pages to a sheet, every character drawn twice (a faked
bold face); and PDFs whose text only their
pictures show (characters as outlines, a picture per page, a scanner's invisible OCR layer, 2-up
scans) are read by the OCR backend instead of being refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cluster_intake.pipeline import extract_document, extract_record
from cluster_intake.scoring import score_record
from extractors.errors import ScannedPdfError
from extractors.pdf.backend import PdfExtractor
from extractors.pdf.reader import page_to_content
from extractors.pdf.two_up import split_two_up
from sample_docs.variants import pdf_pages
from schema.catalog import load_field_catalogue

PDF = Path(__file__).resolve().parents[2] / "sample_docs" / "pdf"
SAMPLES = [PDF / "00_application_clean.pdf", PDF / "01_review_clean.pdf", PDF / "08_application_clean.pdf"]
REPORTED = ("unreadable", "invalid")
Layout = Callable[[Path, Path], None]

LAYOUTS: dict[str, Layout] = {
    "rotate_270": lambda source, target: pdf_pages.rotated(source, target, 270),
    "rotate_90": lambda source, target: pdf_pages.rotated(source, target, 90),
    "sideways_without_rotate": lambda source, target: pdf_pages.rotated(source, target, 90, displayed=False),
    "two_up": pdf_pages.two_up,
    "overprinted": pdf_pages.overprinted,
}


def _truth(sample: Path) -> dict[str, object]:
    return json.loads(sample.with_name(sample.stem + ".truth.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_typed_pdf_laid_out_otherwise_equals_truth(sample: Path, layout: str, tmp_path: Path) -> None:
    target = tmp_path / sample.name
    LAYOUTS[layout](sample, target)
    score = score_record(extract_record(target).to_jsonable(), _truth(sample), load_field_catalogue())
    assert not score.mismatches, "\n".join(map(str, score.mismatches))


def test_pdf_whose_text_layer_cannot_be_decoded_goes_to_ocr(tmp_path: Path) -> None:
    target = tmp_path / "申报表.pdf"
    pdf_pages.without_unicode_maps(PDF / "00_application_clean.pdf", target)
    with pytest.raises(ScannedPdfError):
        PdfExtractor().extract(target)


def _pages(source: Path, target: Path, pages: list[int]) -> None:
    pdf = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    out.import_pages(pdf, pages)
    out.save(target)


SCANS: dict[str, Layout] = {
    "outlined": pdf_pages.outlined,
    "searchable_scan": lambda source, target: pdf_pages.image_only(source, target, searchable=True),
    "picture_two_up": lambda source, target: pdf_pages.two_up(_pictures(source, target), target),
}


def _pictures(source: Path, target: Path) -> Path:
    pictures = target.with_name("pictures.pdf")
    pdf_pages.image_only(source, pictures)
    return pictures


@pytest.mark.slow
@pytest.mark.parametrize("layout", sorted(SCANS))
def test_pdf_without_a_usable_text_layer_is_read_by_ocr(layout: str, tmp_path: Path) -> None:
    """The cover and 一、基本情况 (pages 1, 3 and 4) of a filing, read by the OCR backend: the form is
    known and every cover and basic field read as typed, or flagged for the operator."""
    sample = PDF / "00_application_clean.pdf"
    head = tmp_path / "head.pdf"
    _pages(sample, head, [0, 2, 3])
    target = tmp_path / "申报表.pdf"
    SCANS[layout](head, target)
    document = extract_document(target)
    assert (document.kind, document.source, document.page_count) == ("ocr", "申报表.pdf", 3)
    record = extract_record(target)
    catalogue = load_field_catalogue()
    score = score_record(record.to_jsonable(), _truth(sample), catalogue)
    flagged = {item.field for item in record.exceptions}
    wrong = [
        m
        for m in score.mismatches
        if catalogue.field(m.field).section in ("cover", "basic") and m.field not in flagged
    ]
    assert not wrong, "\n".join(map(str, wrong))


def _sizes(path: Path) -> list[float]:
    pdf = pdfium.PdfDocument(path)
    try:
        pages = [page_to_content(pdf, pdf[index], index + 1) for index in range(len(pdf))]
    finally:
        pdf.close()
    split, _ = split_two_up(pages)
    return sorted(round(g.size, 1) for page in split for g in page.glyphs if not g.text.isspace())


@pytest.mark.parametrize("layout", ["two_up", "rotate_90"])
def test_characters_keep_their_size_whatever_matrix_draws_them(layout: str, tmp_path: Path) -> None:
    # v12074 39_review_messy_pdf_two_up.pdf: PDFium's font size leaves out the form's 71 %, so each
    # split page read at 141 % and every tolerance in font sizes was too loose (主导产业 and 创新, two
    # target directions either side of a page break, became one cell, silently)
    sample = PDF / "01_review_clean.pdf"
    LAYOUTS[layout](sample, tmp_path / "laid_out.pdf")
    assert _sizes(tmp_path / "laid_out.pdf") == pytest.approx(_sizes(sample), abs=0.15)
