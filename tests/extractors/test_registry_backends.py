from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractors.errors import DocumentLoadError
from extractors.registry import BACKENDS, BackendEntry, backend_for, backend_for_kind, entry_for
from extractors.sniffing import Sniffed, path_to_kind


@pytest.mark.parametrize("entry", BACKENDS, ids=lambda e: e.target)
def test_registry_names_real_backends_with_their_own_suffixes(entry: BackendEntry) -> None:
    assert entry.load().supported_suffixes() == entry.suffixes


def test_unknown_suffix_is_a_bilingual_load_error() -> None:
    with pytest.raises(DocumentLoadError) as caught:
        backend_for(Path("a.xlsx"))
    assert "不支持" in caught.value.reason_zh and "unsupported" in caught.value.reason_en


def test_unknown_content_is_a_bilingual_load_error(tmp_path: Path) -> None:
    other = tmp_path / "a.xyz"
    other.write_text("列1,列2\n1,2\n", encoding="utf-8")
    with pytest.raises(DocumentLoadError) as caught:
        path_to_kind(other)
    assert "不支持" in caught.value.reason_zh and "unsupported" in caught.value.reason_en


@pytest.mark.parametrize("entry", BACKENDS, ids=lambda e: e.target)
def test_every_kind_has_one_backend(entry: BackendEntry) -> None:
    for kind in entry.kinds:
        assert entry_for(kind) is entry
        assert backend_for_kind(Sniffed(kind, ".x")).__class__ is entry.load()


def test_reading_a_docx_does_not_import_the_ocr_stack() -> None:
    code = (
        "import sys; from pathlib import Path; from cluster_intake.pipeline import extract_record;"
        "extract_record(Path('sample_docs/docx/00_application_clean.docx'));"
        "print(sorted(m for m in ('cv2', 'rapidocr', 'onnxruntime', 'pytesseract') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert result.stdout.strip() == "[]"
