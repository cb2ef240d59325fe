"""Legacy .doc/.wps: LibreOffice conversion read as .docx, provenance says so; bad files refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cluster_intake.pipeline import extract_document, extract_record
from cluster_intake.scoring import score_record
from extractors.errors import DocumentLoadError, IntakeError
from extractors.legacy.backend import LegacyWordExtractor, check_legacy_file
from extractors.legacy.soffice import SOFFICE_PACKAGE, ConversionSettings
from schema.catalog import load_field_catalogue

ROOT = Path(__file__).resolve().parents[3] / "sample_docs"
DOC_FILES = sorted((ROOT / "doc").glob("*.doc"))
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ACCURACY_FLOOR = 0.95
REPORTED = ("unreadable", "invalid")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("sample", DOC_FILES, ids=lambda p: p.name)
def test_legacy_doc_record_matches_truth(sample: Path) -> None:
    truth = json.loads(sample.with_name(sample.stem + ".truth.json").read_text(encoding="utf-8"))
    record = extract_record(sample).to_jsonable()
    assert record["form"] == truth["form"]
    assert record["source"] == sample.name
    catalogue = load_field_catalogue()
    score = score_record(record, truth, catalogue)
    assert score.accuracy >= ACCURACY_FLOOR, "\n".join(map(str, score.mismatches))
    flagged = {item["field"] for item in record["exceptions"]}
    silent = [
        m
        for m in score.mismatches
        if catalogue.field(m.field).type in ("choice", "multi_choice")
        and m.got["status"] not in REPORTED  # type: ignore[index, call-overload]
        and m.field not in flagged
    ]
    assert not silent, "tick groups read wrong without a report:\n" + "\n".join(map(str, silent))


@pytest.mark.slow
@needs_soffice
def test_legacy_doc_provenance_names_the_conversion() -> None:
    sample = DOC_FILES[0]
    document = extract_document(sample)
    assert (document.kind, document.source, document.converted_from) == ("doc", sample.name, sample.name)
    record = extract_record(sample).to_jsonable()
    located = [e["provenance"] for e in record["fields"].values() if isinstance(e.get("provenance"), dict)]
    assert located and all(p.get("source") == "doc" for p in located if "source" in p)


@pytest.mark.slow
@needs_soffice
def test_legacy_wps_suffix_is_converted_too(tmp_path: Path) -> None:
    wps = tmp_path / "filing.wps"
    shutil.copy(DOC_FILES[0], wps)
    assert extract_document(wps).converted_from == "filing.wps"


def test_legacy_missing_libreoffice_names_the_package(tmp_path: Path) -> None:
    doc = tmp_path / "x.doc"
    shutil.copy(DOC_FILES[0], doc)
    extractor = LegacyWordExtractor(ConversionSettings(soffice="no-such-soffice-binary"))
    with pytest.raises(DocumentLoadError) as caught:
        extractor.extract(doc)
    assert SOFFICE_PACKAGE in caught.value.reason_zh and SOFFICE_PACKAGE in caught.value.reason_en


def test_legacy_encrypted_doc_is_unreadable(tmp_path: Path) -> None:
    doc = tmp_path / "locked.doc"
    doc.write_bytes(OLE_MAGIC + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(DocumentLoadError) as caught:
        extract_document(doc)
    assert "加密" in caught.value.reason_zh


@pytest.mark.parametrize(("content", "reason"), [(b"", "文件为空"), (b"plain text, not Word", "不是有效")])
def test_legacy_empty_or_foreign_file_is_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    doc = tmp_path / "x.doc"
    doc.write_bytes(content)
    with pytest.raises(DocumentLoadError) as caught:
        check_legacy_file(doc)
    assert reason in caught.value.reason_zh


@pytest.mark.slow
@needs_soffice
def test_legacy_garbage_ole_is_not_read_as_a_filing(tmp_path: Path) -> None:
    doc = tmp_path / "garbage.doc"
    doc.write_bytes(OLE_MAGIC + bytes(range(256)) * 8)
    with pytest.raises(IntakeError):
        extract_record(doc)


def _with_fib_flags(data: bytes, flags: int) -> bytes:
    sector = 1 << int.from_bytes(data[0x1E:0x20], "little")
    entry = data.index("WordDocument".encode("utf-16-le"), sector)
    start = (int.from_bytes(data[entry + 0x74 : entry + 0x78], "little") + 1) * sector
    old = int.from_bytes(data[start + 0x0A : start + 0x0C], "little")
    return data[: start + 0x0A] + (old | flags).to_bytes(2, "little") + data[start + 0x0C :]


def test_legacy_word_binary_with_encrypted_flag_is_unreadable(tmp_path: Path) -> None:
    locked = tmp_path / "locked.doc"
    locked.write_bytes(_with_fib_flags(DOC_FILES[0].read_bytes(), 0x0100))
    with pytest.raises(DocumentLoadError) as caught:
        extract_document(locked)
    assert "加密" in caught.value.reason_zh and "encrypted" in caught.value.reason_en


def test_legacy_sample_docs_are_not_flagged_encrypted() -> None:
    for sample in DOC_FILES:
        assert check_legacy_file(sample) is False
