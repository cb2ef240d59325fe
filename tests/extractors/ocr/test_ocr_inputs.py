"""Inputs and settings: TIFF/JPEG/PNG/PDF pages, bad files, options from the environment, routing."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from ocr_drawing import blank, draw_grid
from PIL import Image as PilImage

from cluster_intake.pipeline import backend_for, extract_record
from extractors.errors import DocumentLoadError, ScannedPdfError
from extractors.ocr.backend import OcrExtractor
from extractors.ocr.headers import square_pixel_size
from extractors.ocr.options import OcrOptions
from extractors.ocr.pages import path_to_images
from extractors.pdf.backend import PdfExtractor

SCANS = Path(__file__).resolve().parents[3] / "sample_docs" / "scans"
DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".jpeg", ".tif"])
def test_single_image_files_give_one_page(tmp_path: Path, suffix: str) -> None:
    page = blank()
    draw_grid(page, [100, 600], [100, 300])
    path = tmp_path / f"scan{suffix}"
    assert cv2.imwrite(str(path), page)
    images = path_to_images(path, 200, 80)
    assert len(images) == 1 and images[0].shape == page.shape


def test_an_image_finer_than_the_working_dpi_is_scaled_down_a_coarser_one_is_kept(tmp_path: Path) -> None:
    fine = cv2.resize(blank(), (2480, 3508))  # A4 at 300 dpi
    path = tmp_path / "fine.png"
    assert cv2.imwrite(str(path), fine)
    (page,) = path_to_images(path, 200, 80)
    assert abs(page.shape[1] - 1654) <= 2 and abs(page.shape[0] - 2339) <= 3
    (turned,) = path_to_images(
        _written(tmp_path / "turned.png", cv2.rotate(fine, cv2.ROTATE_90_CLOCKWISE)), 200, 80
    )
    assert abs(turned.shape[0] - 1654) <= 2  # a landscape page: its short side is A4's width
    coarse = cv2.resize(blank(), (1240, 1754))  # 150 dpi
    assert path_to_images(_written(tmp_path / "coarse.png", coarse), 200, 80)[0].shape == coarse.shape


def _written(path: Path, image: object) -> Path:
    assert cv2.imwrite(str(path), image)
    return path


def test_multi_page_tiff_and_scanned_pdf_pages(tmp_path: Path) -> None:
    assert len(path_to_images(SCANS / "00_application_clean.tif", 200, 80)) == 15
    pdf_pages = path_to_images(SCANS / "01_review_clean.pdf", 200, 80)
    assert len(pdf_pages) == 14
    assert pdf_pages[0].shape[1] == 1241  # rendered at the scan's own 150 dpi, not upsampled to 200


def test_scanned_pdf_from_images_is_refused_by_the_pdf_backend(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    PilImage.new("RGB", (1240, 1754), "white").save(path, resolution=150)
    with pytest.raises(ScannedPdfError):
        PdfExtractor().extract(path)


def test_bad_inputs_are_refused_with_bilingual_reasons(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    with pytest.raises(DocumentLoadError) as error:
        path_to_images(broken, 200, 80)
    assert error.value.reason_zh and error.value.reason_en
    tiny = tmp_path / "tiny.png"
    cv2.imwrite(str(tiny), blank(200, 100))
    with pytest.raises(DocumentLoadError):
        path_to_images(tiny, 200, 80)
    with pytest.raises(DocumentLoadError):
        path_to_images(SCANS / "00_application_clean.tif", 200, max_pages=3)


def test_image_suffixes_route_to_the_ocr_backend() -> None:
    for name in ("a.tif", "b.TIFF", "c.jpg", "d.jpeg", "e.png"):
        assert isinstance(backend_for(Path(name)), OcrExtractor)


def test_options_resolve_from_the_environment() -> None:
    options = OcrOptions.resolve({"EXTRACT_OCR_ENGINE": "tesseract", "EXTRACT_OCR_CONFIDENCE": "0.7"})
    assert options.engine == "tesseract" and options.confidence_threshold == 0.7
    assert OcrOptions.resolve({}).engine == "rapidocr"
    with pytest.raises(ValueError, match="rapidocr, tesseract"):
        OcrOptions.resolve({"EXTRACT_OCR_ENGINE": "easyocr"})
    with pytest.raises(ValueError, match="dpi"):
        OcrOptions(dpi=20)


def _fax(path: Path, size: tuple[int, int], dpi: tuple[float, float]) -> Path:
    PilImage.new("1", size, 1).save(path, compression="group4", dpi=dpi)
    return path


def test_a_standard_resolution_fax_is_stretched_to_square_pixels(tmp_path: Path) -> None:
    # 200 × 100 dpi: every pixel twice as tall as wide, the page half as high as it prints
    (page,) = path_to_images(_fax(tmp_path / "standard.tif", (1654, 1169), (200, 100)), 200, 80)
    assert page.shape[:2] == (2338, 1654)
    (fine,) = path_to_images(_fax(tmp_path / "fine.tif", (1654, 2339), (200, 200)), 200, 80)
    assert fine.shape[:2] == (2339, 1654)
    (rounded,) = path_to_images(_fax(tmp_path / "rounded.tif", (1654, 2339), (200, 199)), 200, 80)
    assert rounded.shape[:2] == (2339, 1654)


def test_a_resolution_declared_out_of_proportion_is_not_obeyed_and_counts_before_decoding() -> None:
    assert square_pixel_size((1000, 800), (10_000.0, 1.0)) == (1000, 800)  # nonsense: taken as square
    assert square_pixel_size((1000, 800), (100.0, 400.0)) == (4000, 800)


def test_a_page_that_would_be_too_large_once_stretched_is_refused_undecoded(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError) as error:
        path_to_images(_fax(tmp_path / "tall.tif", (5000, 4000), (400, 100)), 200, 80)
    assert "16000" in error.value.reason_en


@pytest.mark.slow
def test_a_standard_resolution_fax_of_a_filing_is_read() -> None:
    # seed 5151's paper copy 01 (first 4 pages): a G4 fax at 200 × 100 dpi was read as 0 printed labels
    # and quarantined before its pixels were made square
    record = extract_record(DATA / "fax_standard_review_4pages.tif")
    assert record.form == "review"
    assert record.fields["basic.cluster_name"].value == "河南省长葛市智能家电产业集群"
