"""Write generated filings to disk: NAME.docx (byte-stable) next to NAME.truth.json."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from docx.document import Document as DocumentObject

from sample_docs.builder import build_document
from sample_docs.generator.filing import GeneratedFiling

FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def stable_docx_bytes(document: DocumentObject) -> bytes:
    """Given a document, return its .docx bytes with fixed zip timestamps (same input → same bytes)."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, source.read(info.filename))
    return out.getvalue()


def write_docx(document: DocumentObject, path: Path) -> None:
    """Given a document and a path, write it byte-stably."""
    path.write_bytes(stable_docx_bytes(document))


def write_filing(filing: GeneratedFiling, out_dir: Path) -> Path:
    """Given a generated filing, write NAME.docx and NAME.truth.json into out_dir; return the docx path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_path = out_dir / f"{filing.name}.docx"
    write_docx(build_document(filing.form, filing.filling), docx_path)
    truth = json.dumps(filing.truth, ensure_ascii=False, indent=2) + "\n"
    (out_dir / f"{filing.name}.truth.json").write_text(truth, encoding="utf-8")
    return docx_path
