"""Bad .docx input: each kind gets a bilingual DocumentLoadError (file_unreadable), never a crash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from cluster_intake.pipeline import extract_record
from extractors.docx.package import OLE_MAGIC, PackageLimits, check_package
from extractors.errors import DocumentLoadError, FormUnrecognizedError

TEMPLATE = Path(__file__).resolve().parents[3] / "sample_docs" / "templates" / "application_blank.docx"
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _with_document_xml(tmp_path: Path, xml: str) -> Path:
    target = tmp_path / "bomb.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = xml.encode() if info.filename == "word/document.xml" else source.read(info)
            out.writestr(info.filename, data)
    return target


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.docx", b"", "文件为空"),
        ("random.docx", b"\x00\x01garbage" * 100, "不是有效的 Word 文档"),
        ("legacy.docx", OLE_MAGIC + b"\x00" * 600, "旧版 Word"),
        ("encrypted.docx", OLE_MAGIC + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600, "已加密"),
        ("truncated.docx", TEMPLATE.read_bytes()[:3000], "已损坏"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(DocumentLoadError) as caught:
        extract_record(_write(tmp_path, name, data))
    assert reason in caught.value.reason_zh
    assert caught.value.reason_en


def test_plain_zip_archive_is_named_as_one(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocumentLoadError, match="压缩包"):
        extract_record(_write(tmp_path, "nomain.docx", buffer.getvalue()))


def test_package_without_main_part(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match=r"document\.xml"):
        extract_record(_rezip(tmp_path, "nomain.docx", {"word/document.xml": None, "_rels/.rels": None}))


def test_zip_bomb_entry_is_refused_before_decompression(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * (30 * 1024 * 1024))
    path = _write(tmp_path, "zipbomb.docx", buffer.getvalue())
    with pytest.raises(DocumentLoadError, match="压缩"):
        check_package(path, PackageLimits())


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.docx", TEMPLATE.read_bytes())
    with pytest.raises(DocumentLoadError, match="文件过大"):
        check_package(path, PackageLimits(max_file_bytes=1000))


def test_xml_entity_bomb_is_not_expanded(tmp_path: Path) -> None:
    with pytest.raises((DocumentLoadError, FormUnrecognizedError)):
        extract_record(_with_document_xml(tmp_path, BILLION_LAUGHS))


def test_other_word_document_is_not_a_form(tmp_path: Path) -> None:
    letter = docx.Document()
    letter.add_paragraph("关于报送2025年度中小企业特色产业集群申报材料的函")
    letter.add_paragraph("各区经信委：请于5月底前报送。")
    path = tmp_path / "letter.docx"
    letter.save(str(path))
    with pytest.raises(FormUnrecognizedError) as caught:
        extract_record(path)
    assert caught.value.rule == "form_unrecognized"


def _rezip(tmp_path: Path, name: str, replace: dict[str, bytes | None]) -> Path:
    target = tmp_path / name
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = replace.get(info.filename, source.read(info))
            if data is not None:
                out.writestr(info.filename, data)
    return target


@pytest.mark.parametrize(
    "replace",
    [{"[Content_Types].xml": None}, {"word/document.xml": b"<w:document><unclosed>"}],
    ids=["no-content-types", "malformed-xml"],
)
def test_broken_package_parts(tmp_path: Path, replace: dict[str, bytes | None]) -> None:
    with pytest.raises(DocumentLoadError, match="损坏"):
        extract_record(_rezip(tmp_path, "broken.docx", replace))
