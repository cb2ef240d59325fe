"""Untrusted originals: every cap and every kind of bad file ends in an EvidenceError, never a crash,
a huge allocation or a hang."""

from __future__ import annotations

import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from review.evidence import EvidenceError, RenderSettings, ScanTransform, render_crop, render_page

PDFS = Path(__file__).resolve().parents[3] / "sample_docs" / "pdf"
TYPED = PDFS / "00_application_clean.pdf"
UPRIGHT = ScanTransform()


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares width × height but holds one row of data: decoding it would fail or allocate."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * (width + 1)))
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize(("width", "height"), [(7000, 7000), (40000, 40000)])
def test_an_image_over_the_pixel_cap_is_refused_before_decoding(
    tmp_path: Path, width: int, height: int
) -> None:
    path = _png_header_only(tmp_path / "bomb.png", width, height)
    with pytest.raises(EvidenceError) as caught:
        render_crop(path, "ocr", 1, (10.0, 10.0, 50.0, 50.0), transform=UPRIGHT)
    assert "too large" in caught.value.reason_en


def _scan_page(tmp_path: Path) -> Path:
    image = np.full((1754, 1241, 3), 255, np.uint8)
    image[400:420, 100:1100] = 0
    path = tmp_path / "page.png"
    Image.fromarray(image).save(path)
    return path


def test_bad_image_files_raise_evidence_errors(tmp_path: Path) -> None:
    good = _scan_page(tmp_path)
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(good.read_bytes()[:2000])
    text = tmp_path / "text.tif"
    text.write_text("not an image")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    odd = tmp_path / "page.bmp"
    odd.write_bytes(good.read_bytes())
    for path in (truncated, text, empty, odd, tmp_path / "missing.png"):
        with pytest.raises(EvidenceError):
            render_page(path, "ocr", 1, [], transform=UPRIGHT)
    for page in (0, 2, 10_000):
        with pytest.raises(EvidenceError):
            render_page(good, "ocr", page, [], transform=UPRIGHT)
    assert render_page(good, "ocr", 1, [(100.0, 150.0, 500.0, 170.0)], transform=UPRIGHT).startswith(
        b"\x89PNG"
    )


def test_bad_pdfs_raise_evidence_errors(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    not_pdf = tmp_path / "not.pdf"
    not_pdf.write_text("hello")
    writer = PdfWriter(clone_from=PdfReader(TYPED))
    writer.encrypt(user_password="secret", owner_password="owner")
    encrypted = tmp_path / "encrypted.pdf"
    with encrypted.open("wb") as out:
        writer.write(out)
    for path in (garbage, not_pdf, encrypted, tmp_path / "missing.pdf"):
        with pytest.raises(EvidenceError):
            render_page(path, "pdf", 1, [])


def test_a_pdf_page_of_absurd_size_is_refused(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(20_000, 100).close()
    target = tmp_path / "huge.pdf"
    pdf.save(str(target))
    pdf.close()
    with pytest.raises(EvidenceError):
        render_page(target, "pdf", 1, [])


def test_caps_on_time_output_and_file_size() -> None:
    with pytest.raises(EvidenceError):
        render_page(TYPED, "pdf", 4, [], RenderSettings(render_seconds=1e-9))
    with pytest.raises(EvidenceError):
        render_page(TYPED, "pdf", 4, [], RenderSettings(max_png_bytes=1000))
    with pytest.raises(EvidenceError):
        render_crop(TYPED, "pdf", 4, (100.0, 100.0, 200.0, 200.0), RenderSettings(max_output_pixels=10_000))
    with pytest.raises(EvidenceError):
        render_page(TYPED, "pdf", 4, [], RenderSettings(max_file_bytes=1000))


def test_bad_arguments_are_value_errors() -> None:
    with pytest.raises(ValueError, match="highlights"):
        render_page(TYPED, "pdf", 1, [(1.0, 1.0, 2.0, 2.0)] * 65)
    with pytest.raises(ValueError, match="source"):
        render_page(TYPED, "docx", 1, [])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        RenderSettings(fill_alpha=2.0)
    with pytest.raises(ValueError):
        RenderSettings(crop_min_width_px=2000, crop_max_width_px=1000)
    with pytest.raises(ValueError):
        ScanTransform(turn=45)


def test_an_evidence_error_reads_in_both_languages() -> None:
    with pytest.raises(EvidenceError) as caught:
        render_page(TYPED, "pdf", 99, [])
    assert caught.value.reason_zh == "文件没有第 99 页"
    assert "no page 99" in caught.value.reason_en
    assert caught.value.one_line == str(caught.value)


def test_renders_from_many_threads_match_renders_one_at_a_time() -> None:
    scan = Path(__file__).resolve().parents[3] / "sample_docs" / "scans" / "01_review_clean.pdf"
    jobs = [
        (TYPED, "pdf", 4, (246.9, 240.95, 337.6, 268.65), None),
        (TYPED, "pdf", 1, (71.0, 212.0, 362.7, 226.1), None),
        (scan, "ocr", 4, (246.6, 240.3, 337.2, 267.9), ScanTransform(0, 0.67, 0.0)),
        (PDFS / "91_application_acroform.pdf", "pdf", 3, (190.0, 350.0, 519.0, 435.0), None),
    ] * 4

    def crop(job: tuple[Path, str, int, tuple[float, float, float, float], ScanTransform | None]) -> bytes:
        path, source, page, box, transform = job
        return render_crop(path, source, page, box, transform=transform)  # type: ignore[arg-type]

    alone = [crop(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(crop, jobs))
    assert together == alone
