"""CLI: python -m sample_docs.builder [--out DIR] writes application_blank.docx and review_blank.docx."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from sample_docs.builder import build_document
from sample_docs.generator.output import write_docx
from schema.catalog import FORM_IDS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def main(argv: Sequence[str] | None = None) -> int:
    """Given command-line arguments, write both blank templates and return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m sample_docs.builder", description=__doc__)
    parser.add_argument("--out", type=Path, default=TEMPLATES)
    out: Path = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    for form in FORM_IDS:
        write_docx(build_document(form), out / f"{form}_blank.docx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
