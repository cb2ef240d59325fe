"""Evidence of typed PDFs: the highlight and the crop land on the value's text, for every located value
of sample filings, and on rotated and cropped pages exactly as the PDF backend stored their boxes."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from evidence_images import MARKING, PLAIN_CROP, decode, has_ink, outline_rect, similarity, without_mark

from cluster_intake.pipeline import extract_record
from extractors.pdf.opening import open_pdf
from extractors.pdf.reader import page_to_content
from review.evidence import EvidenceError, render_crop, render_page
from review.evidence.render import crop_region
from schema.document import BBox
from schema.record import Provenance, Record

PDFS = Path(__file__).resolve().parents[3] / "sample_docs" / "pdf"
SAMPLES = ("03_review_messy.pdf", "91_application_acroform.pdf")
"""附件2 and 附件1 (the latter with AcroForm checkboxes, drawn by PDFium's form layer)."""
Located = tuple[str, str, Provenance]


def located_values(record: Record) -> Iterator[Located]:
    """Yield (field/year, raw text, provenance) of every value with a page and a box."""
    for field, entry in record.fields.items():
        provenances = entry.provenance if isinstance(entry.provenance, dict) else {"": entry.provenance}
        raws = entry.raw if isinstance(entry.raw, dict) else {"": entry.raw}
        for year, provenance in provenances.items():
            raw = raws.get(year)
            if isinstance(provenance, Provenance) and provenance.page and provenance.bbox and raw:
                yield f"{field}/{year}", raw, provenance


@pytest.fixture(scope="module", params=SAMPLES)
def sample(request: pytest.FixtureRequest) -> tuple[Path, list[Located]]:
    path = PDFS / request.param
    return path, list(located_values(extract_record(path)))


def text_boxes(path: Path, page: int, text: str) -> list[tuple[float, float, float, float]]:
    """The boxes (points from the top-left) of every occurrence of `text` on an unrotated page, from
    PDFium's text layer alone."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        pdf_page = pdf[page - 1]
        height = pdf_page.get_height()
        textpage = pdf_page.get_textpage()
        searcher = textpage.search(text, match_case=True)
        boxes = []
        while (found := searcher.get_next()) is not None:
            chars = [textpage.get_charbox(i, loose=False) for i in range(found[0], found[0] + found[1])]
            chars = [b for b in chars if b[2] > b[0]]
            left, bottom = min(b[0] for b in chars), min(b[1] for b in chars)
            right, top = max(b[2] for b in chars), max(b[3] for b in chars)
            boxes.append((left, height - top, right, height - bottom))
        return boxes
    finally:
        pdf.close()


def _inside(rect: tuple[float, float, float, float], outline: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = outline
    return x0 - 2 <= rect[0] and rect[2] <= x1 + 2 and y0 - 2 <= rect[1] and rect[3] <= y1 + 2


def test_every_crop_of_a_located_value_holds_ink(sample: tuple[Path, list[Located]]) -> None:
    path, values = sample
    assert len(values) > 40
    blank = [
        name
        for name, _, p in values
        if not has_ink(decode(render_crop(path, "pdf", p.page or 0, p.bbox or ())))
    ]
    assert blank == []


def test_the_highlight_surrounds_the_value_text_found_in_the_text_layer(
    sample: tuple[Path, list[Located]],
) -> None:
    path, values = sample
    checked = 0
    for name, raw, provenance in values:
        text = raw.strip()
        if "\n" in text or len(text) < 2 or provenance.page is None or provenance.bbox is None:
            continue
        page_size = pdfium.PdfDocument(str(path))[provenance.page - 1].get_size()
        region, scale = crop_region(BBox(*provenance.bbox), page_size, MARKING)
        occurrences = [
            (
                (x0 - region.x0) * scale,
                (y0 - region.y0) * scale,
                (x1 - region.x0) * scale,
                (y1 - region.y0) * scale,
            )
            for x0, y0, x1, y1 in text_boxes(path, provenance.page, text)
        ]
        if not occurrences:
            continue
        image = decode(render_crop(path, "pdf", provenance.page, provenance.bbox, MARKING))
        assert any(_inside(rect, outline_rect(image)) for rect in occurrences), name
        checked += 1
    assert checked >= 20


def test_the_page_image_highlights_the_value_where_the_text_layer_has_it() -> None:
    path = PDFS / "00_application_clean.pdf"
    record = extract_record(path)
    provenance = record.fields["industry.total_output"].provenance
    assert isinstance(provenance, dict)
    located = provenance["2023"]
    assert located is not None and located.page is not None and located.bbox is not None
    image = decode(render_page(path, "pdf", located.page, [located.bbox], MARKING))
    scale = image.shape[1] / pdfium.PdfDocument(str(path))[located.page - 1].get_width()
    boxes = text_boxes(path, located.page, "１０８．４５")
    assert len(boxes) == 1
    assert _inside(tuple(v * scale for v in boxes[0]), outline_rect(image))  # type: ignore[arg-type]


def test_the_page_image_has_the_configured_width_and_the_page_aspect() -> None:
    path = PDFS / "00_application_clean.pdf"
    image = decode(render_page(path, "pdf", 1, []))
    assert image.shape[1] == 1100
    width, height = pdfium.PdfDocument(str(path))[0].get_size()
    assert abs(image.shape[0] - 1100 * height / width) <= 1
    assert has_ink(image)


# Rotated and cropped pages: the PDF backend stores glyph boxes as (left, H - top, right, H - bottom) of
# PDF user space with H the page height as shown; the crop of a label must show the same ink as on the
# original page, turned by the page's rotation.
LABEL = "集群名称"


def _variant(tmp_path: Path, rotation: int, cropbox: tuple[float, float, float, float] | None) -> Path:
    pdf = pdfium.PdfDocument(str(PDFS / "00_application_clean.pdf"))
    page = pdf[0]
    page.set_rotation(rotation)
    if cropbox is not None:
        page.set_cropbox(*cropbox)
    page.close()
    target = tmp_path / f"rotated_{rotation}_{cropbox is not None}.pdf"
    pdf.save(str(target))
    pdf.close()
    return target


def _label_box(path: Path) -> tuple[float, float, float, float]:
    """The union of the backend's own glyph boxes of LABEL on page 1 (the backend's coordinates)."""
    pdf = open_pdf(path)
    try:
        page = pdf[0]
        glyphs = page_to_content(pdf, page, 1).glyphs
        page.close()
    finally:
        pdf.close()
    text = "".join(g.text for g in glyphs)
    start = text.index(LABEL)
    boxes = [g.bbox for g in glyphs[start : start + len(LABEL)]]
    return (
        min(b.x0 for b in boxes),
        min(b.y0 for b in boxes),
        max(b.x1 for b in boxes),
        max(b.y1 for b in boxes),
    )


TURN_BACK = {0: None, 90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}


@pytest.mark.parametrize(
    ("rotation", "cropbox"),
    [(90, None), (180, None), (270, None), (0, (40.0, 60.0, 560.0, 800.0)), (90, (40.0, 60.0, 560.0, 800.0))],
)
def test_a_rotated_or_cropped_page_shows_the_box_where_the_backend_read_it(
    tmp_path: Path, rotation: int, cropbox: tuple[float, float, float, float] | None
) -> None:
    original = PDFS / "00_application_clean.pdf"
    variant = _variant(tmp_path, rotation, cropbox)
    reference = without_mark(decode(render_crop(original, "pdf", 1, _label_box(original), PLAIN_CROP)))
    crop = without_mark(decode(render_crop(variant, "pdf", 1, _label_box(variant), PLAIN_CROP)))
    turn = TURN_BACK[rotation]
    upright = crop if turn is None else cv2.rotate(crop, turn)
    assert abs(upright.shape[0] - reference.shape[0]) <= 2 and abs(upright.shape[1] - reference.shape[1]) <= 2
    assert has_ink(reference)
    assert similarity(upright, reference) > 0.9


def test_a_misplaced_box_would_fail_the_comparison(tmp_path: Path) -> None:
    original = PDFS / "00_application_clean.pdf"
    x0, y0, x1, y1 = _label_box(original)
    reference = without_mark(decode(render_crop(original, "pdf", 1, (x0, y0, x1, y1), PLAIN_CROP)))
    moved = without_mark(decode(render_crop(original, "pdf", 1, (x0, y0 + 8, x1, y1 + 8), PLAIN_CROP)))
    assert similarity(moved, reference) < 0.6


def test_the_crop_is_readable_and_bounded() -> None:
    path = PDFS / "00_application_clean.pdf"
    tiny = decode(render_crop(path, "pdf", 4, (250.0, 250.0, 252.0, 252.0)))
    assert tiny.shape[1] >= 640
    wide = decode(render_crop(path, "pdf", 4, (20.0, 20.0, 580.0, 830.0)))
    assert wide.shape[1] <= 1600 and wide.shape[0] <= 1200
    assert math.isclose(wide.shape[1] / 1600, 1.0, abs_tol=0.01)


def test_a_box_off_the_page_and_a_bad_box_raise_evidence_errors() -> None:
    path = PDFS / "00_application_clean.pdf"
    for box in [(5000.0, 5000.0, 5100.0, 5100.0), (10.0, 10.0, float("nan"), 20.0), (50.0, 50.0, 10.0, 10.0)]:
        with pytest.raises(EvidenceError):
            render_crop(path, "pdf", 1, box)
    with pytest.raises(EvidenceError):
        render_page(path, "pdf", 99, [])


def test_highlights_tint_only_their_box() -> None:
    path = PDFS / "00_application_clean.pdf"
    plain = decode(render_page(path, "pdf", 1, []))
    marked = decode(render_page(path, "pdf", 1, [(100.0, 100.0, 200.0, 150.0)]))
    changed = np.any(plain != marked, axis=2)
    ys, xs = np.nonzero(changed)
    scale = plain.shape[1] / pdfium.PdfDocument(str(path))[0].get_width()
    assert xs.min() >= 100 * scale - 5 and xs.max() <= 200 * scale + 5
    assert ys.min() >= 100 * scale - 5 and ys.max() <= 150 * scale + 5
    assert xs.max() - xs.min() >= 100 * scale - 2
