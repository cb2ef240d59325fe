"""Bad PDFs are refused with a DocumentLoadError and a bilingual reason; other documents are unrecognised."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from cluster_intake.pipeline import document_to_record, extract_document
from extractors.errors import DocumentLoadError, FormUnrecognizedError
from extractors.pdf.backend import PdfExtractor
from extractors.pdf.opening import PdfLimits

SAMPLE = Path(__file__).resolve().parents[3] / "sample_docs" / "pdf" / "00_application_clean.pdf"


def _encrypted(tmp_path: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(SAMPLE))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    target = tmp_path / "encrypted.pdf"
    writer.write(target)
    return target


def test_pdf_asking_for_a_password_to_open_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError) as caught:
        extract_document(_encrypted(tmp_path, "user-secret"))
    assert "加密" in caught.value.reason_zh and "encrypted" in caught.value.reason_en


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_with_only_a_permissions_password_is_read_as_any_reader_opens_it(
    tmp_path: Path, algorithm: str
) -> None:
    # offices export with 限制编辑/复制; a reader opens such a file without asking anything
    writer = PdfWriter(clone_from=PdfReader(SAMPLE))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm=algorithm, permissions_flag=0)
    writer.write(tmp_path / "locked.pdf")
    locked = extract_document(tmp_path / "locked.pdf")
    plain = extract_document(SAMPLE)
    assert locked.blocks == plain.blocks
    assert any("权限密码" in note for note in locked.notes)


def test_pdf_over_page_limit_is_refused() -> None:
    with pytest.raises(DocumentLoadError) as caught:
        PdfExtractor(PdfLimits(max_pages=5)).extract(SAMPLE)
    assert "页数过多" in caught.value.reason_zh and "too many pages" in caught.value.reason_en


def test_pdf_malformed_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(DocumentLoadError) as caught:
        extract_document(broken)
    assert "损坏" in caught.value.reason_zh


def test_pdf_truncated_is_refused_or_read(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(SAMPLE.read_bytes()[:4000])
    with pytest.raises(DocumentLoadError):
        extract_document(truncated)


@pytest.mark.parametrize(
    ("content", "reason"), [(b"", "文件为空"), (b"PK\x03\x04not a pdf", "不是有效的 PDF")]
)
def test_pdf_empty_or_foreign_content_is_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    target = tmp_path / "x.pdf"
    target.write_bytes(content)
    with pytest.raises(DocumentLoadError) as caught:
        extract_document(target)
    assert reason in caught.value.reason_zh


def test_pdf_scan_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    buffer = io.BytesIO()
    Image.new("L", (595, 842), color=255).save(buffer, format="PDF", resolution=72)
    scan.write_bytes(buffer.getvalue())
    with pytest.raises(DocumentLoadError) as caught:
        PdfExtractor().extract(scan)  # the pipeline may hand such a file on to the OCR backend
    assert caught.value.reason_zh.startswith("扫描件 PDF") and "OCR" in caught.value.reason_en


def test_pdf_other_document_is_unrecognised(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_page(PdfReader(SAMPLE).pages[1])
    other = tmp_path / "instructions_only.pdf"
    writer.write(other)
    with pytest.raises(FormUnrecognizedError):
        document_to_record(extract_document(other))


def test_pdf_scanned_page_among_typed_ones_is_noted(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("L", (595, 842), color=255).save(buffer, format="PDF", resolution=72)
    writer = PdfWriter(clone_from=PdfReader(SAMPLE))
    writer.add_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])
    mixed = tmp_path / "mixed.pdf"
    writer.write(mixed)
    document = PdfExtractor().extract(mixed)
    assert document.page_count == 16
    assert document.notes == (
        "第16页没有文字层（扫描页），未读取 / page 16 has no text layer (scanned), not read",
    )
