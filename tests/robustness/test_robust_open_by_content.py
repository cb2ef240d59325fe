"""A filing is read by what it is, not by its name: renamed files, other packagings of the same
document and other formats Word opens give the same record; a file that is none of them is refused
with its reason."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cluster_intake.pipeline import extract_document, extract_record
from cluster_intake.scoring import score_record
from extractors.errors import DocumentLoadError
from sample_docs.variants import containers
from sample_docs.variants.package import Package
from schema.catalog import load_field_catalogue

SAMPLE_DOCS = Path(__file__).resolve().parents[2] / "sample_docs"
DOCX = SAMPLE_DOCS / "docx"
GLYPH_TICKS = [DOCX / "00_application_clean.docx", DOCX / "01_review_clean.docx"]
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def _truth(sample: Path) -> dict[str, object]:
    return json.loads((DOCX / f"{sample.stem}.truth.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _values(path: Path) -> dict[str, tuple[object, object]]:
    fields = extract_record(path).fields
    return {field_id: (entry.value, entry.status) for field_id, entry in fields.items()}


def _assert_reads_as_truth(path: Path, sample: Path) -> None:
    record = extract_record(path)
    assert record.source == path.name
    score = score_record(record.to_jsonable(), _truth(sample), load_field_catalogue())
    assert not score.mismatches, "\n".join(map(str, score.mismatches))


@pytest.mark.parametrize("name", ["filing.doc", "filing.wps", "filing.pdf", "filing", "申报表.DOCX.txt"])
def test_docx_under_another_name(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    shutil.copy(GLYPH_TICKS[0], target)
    _assert_reads_as_truth(target, GLYPH_TICKS[0])


PackageChange = Callable[[Package], None]
PACKAGINGS: dict[str, tuple[str, PackageChange]] = {
    "docm": (".docm", lambda p: containers.with_main_content_type(p, "docm")),
    "dotx": (".dotx", lambda p: containers.with_main_content_type(p, "dotx")),
    "dotm": (".dotm", lambda p: containers.with_main_content_type(p, "dotm")),
    "main_part_renamed": (".docx", containers.with_main_part_renamed),
    "main_part_in_other_folder": (".docx", lambda p: containers.with_main_part_renamed(p, "doc/main.xml")),
    "strict": (".docx", containers.as_strict),
}


@pytest.mark.parametrize("packaging", sorted(PACKAGINGS))
@pytest.mark.parametrize("sample", GLYPH_TICKS, ids=lambda p: p.stem)
def test_other_packagings_of_the_document(sample: Path, packaging: str, tmp_path: Path) -> None:
    suffix, change = PACKAGINGS[packaging]
    package = Package.read(sample)
    change(package)
    target = tmp_path / f"filing{suffix}"
    target.write_bytes(package.to_bytes())
    _assert_reads_as_truth(target, sample)


XML_FORMS: dict[str, tuple[str, Callable[[Package], bytes]]] = {
    "word_2003_xml_named_doc": (".doc", containers.as_word_2003_xml),
    "word_2003_xml": (".xml", containers.as_word_2003_xml),
    "flat_opc": (".xml", containers.as_flat_opc),
    "flat_opc_named_docx": (".docx", containers.as_flat_opc),
}


@pytest.mark.parametrize("form", sorted(XML_FORMS))
@pytest.mark.parametrize("sample", sorted(DOCX.glob("*.docx")), ids=lambda p: p.stem)
def test_a_document_saved_as_one_xml_file_reads_as_its_docx(sample: Path, form: str, tmp_path: Path) -> None:
    # Word opens both; office systems generate Word 2003 XML as their `.doc` templates
    suffix, write = XML_FORMS[form]
    target = tmp_path / f"filing{suffix}"
    target.write_bytes(write(Package.read(sample)))
    _assert_reads_as_truth(target, sample)


def test_pdf_named_doc_reads_as_the_pdf(tmp_path: Path) -> None:
    pdf = SAMPLE_DOCS / "pdf" / "00_application_clean.pdf"
    renamed = tmp_path / "申报表.doc"
    shutil.copy(pdf, renamed)
    document = extract_document(renamed)
    assert (document.kind, document.source) == ("pdf", "申报表.doc")
    assert _values(renamed) == _values(pdf)


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def _zip_of_the_filing() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(GLYPH_TICKS[0], "申报表.docx")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("申报表.docx", _xlsx(), "Excel"),
        ("申报表.doc", _zip_of_the_filing(), "压缩包"),
        ("申报表.doc", "集群名称：某某产业集群\n".encode() * 20, "不是有效的 Word 文档"),
        ("申报表.pdf", b"\x89GIF89a" + b"\x00" * 200, "不是有效的 PDF"),
        ("申报表.xyz", b"\x00\x01\x02" * 100, "不支持的文件格式"),
    ],
)
def test_a_file_that_is_none_of_the_kinds_is_refused_with_its_reason(
    name: str, data: bytes, reason: str, tmp_path: Path
) -> None:
    target = tmp_path / name
    target.write_bytes(data)
    with pytest.raises(DocumentLoadError) as caught:
        extract_record(target)
    assert reason in caught.value.reason_zh and caught.value.reason_en


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The glyph-tick samples saved by LibreOffice as RTF, web page and .odt."""
    assert shutil.which("soffice"), "LibreOffice (libreoffice-writer-nogui) is required: run scripts/setup.sh"
    out = tmp_path_factory.mktemp("converted")
    for target in ("rtf", "html", "odt"):
        containers.convert(GLYPH_TICKS, target, out)
    return out


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("kind", ["rtf", "html", "mht", "odt"])
@pytest.mark.parametrize("sample", GLYPH_TICKS, ids=lambda p: p.stem)
def test_other_formats_word_opens_named_doc(sample: Path, kind: str, converted: Path, tmp_path: Path) -> None:
    source = converted / f"{sample.stem}.{'html' if kind == 'mht' else kind}"
    data = source.read_bytes()
    if kind in ("html", "mht"):
        data = containers.web_page_as_word_saves_it(data)
    if kind == "mht":
        data = containers.as_mht(data)
    target = tmp_path / "申报表.doc"
    target.write_bytes(data)
    document = extract_document(target)
    assert (document.kind, document.converted_from) == ("doc", "申报表.doc")
    _assert_reads_as_truth(target, sample)


@pytest.mark.slow
@needs_soffice
def test_word_binary_named_docx(tmp_path: Path) -> None:
    source = SAMPLE_DOCS / "doc" / "03_review_messy.doc"
    target = tmp_path / "03_review_messy.docx"
    shutil.copy(source, target)
    assert _values(target) == _values(source)
