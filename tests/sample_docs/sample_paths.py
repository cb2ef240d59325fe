"""Paths and document text for the sample_docs tests (imported by plain name: pytest puts this folder on
sys.path, so plain `pytest` and `python -m pytest` both collect them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_docs" / "docx"
TEMPLATES = ROOT / "sample_docs" / "templates"
WHITESPACE = re.compile(r"\s+")


def body_text(document: DocumentObject) -> str:
    """Given a document, return all w:t text of its body (nested tables included), whitespace removed."""
    texts = [node.text or "" for node in document.element.body.iter(qn("w:t"))]
    return WHITESPACE.sub("", "".join(texts))


def load_truths() -> list[tuple[Path, dict[str, object]]]:
    """Return (docx path, truth) for every committed sample."""
    pairs = []
    for path in sorted(SAMPLES.glob("*.docx")):
        truth = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
        pairs.append((path, truth))
    return pairs
