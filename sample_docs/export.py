"""Export the sample .docx filings to PDF and .doc with LibreOffice, plus two tick-encoding variants.

Usage (from the repository root; needs LibreOffice, `scripts/setup.sh` installs it):

    .venv/bin/python -m sample_docs.export

Writes `sample_docs/pdf/<name>.pdf` for every `sample_docs/docx/<name>.docx`, `sample_docs/doc/<name>.doc`
for the filings in `DOC_SAMPLES`, each with `<name>.truth.json` (the .docx truth with `source` set), and:
- `90_application_wingdings.pdf`: the export of a filing whose ticks are Wingdings `w:sym` symbols, with
  LibreOffice's OpenSymbol stand-in renamed to Wingdings, as Word's own export names it (PUA U+F0FE/F0A8);
- `91_application_acroform.pdf`: a filing with every printed box covered by an AcroForm checkbox whose
  state (`/V`) is the tick, with varying on-state names (`/Yes`, `/On`, `/1`, `/是`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import cast

import docx
import pdfplumber
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

ROOT = Path(__file__).resolve().parent
DOCX_DIR = ROOT / "docx"
PDF_DIR = ROOT / "pdf"
DOC_DIR = ROOT / "doc"
DOC_SAMPLES = ("03_review_messy", "04_application_clean", "06_application_messy")
WINGDINGS_SOURCE = "04_application_clean"
ACROFORM_SOURCE = "00_application_clean"
ON_NAMES = ("Yes", "On", "1", "是")
BOXES = {"□": False, "☐": False, "☑": True, "☒": True, "■": True}


def convert(sources: list[Path], target: str, outdir: Path) -> None:
    """Convert files with one soffice call and a private, throw-away profile."""
    with tempfile.TemporaryDirectory(prefix="sample-export-") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
        subprocess.run(
            [*command, "--outdir", str(outdir), *map(str, sources)], check=True, capture_output=True
        )


def ending_with_paragraph(source: Path, workdir: Path) -> Path:
    """Copy a .docx so that its body ends with a paragraph, as Word's files always do.

    A Word binary cannot end with a table; LibreOffice's .doc export of a body ending in one loses
    that table's structure (the 申报表's 声明 table), which no real .doc filing shows.
    """
    document = docx.Document(str(source))
    body = document.element.body
    if body[-1].tag.endswith("sectPr") and len(body) > 1 and body[-2].tag.endswith("}tbl"):
        document.add_paragraph()
    target = workdir / source.name
    document.save(str(target))
    return target


def copy_truth(name: str, target: Path) -> None:
    truth = json.loads((DOCX_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    truth["source"] = target.name
    out = target.with_name(f"{target.stem}.truth.json")
    out.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def rename_font(source: Path, target: Path, old: str, new: str) -> None:
    """Copy a PDF with every font named `*+<old>` renamed `*+<new>` (BaseFont and FontName)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        fonts = cast(DictionaryObject, resources["/Font"].get_object())
        for key in fonts:
            font = cast(DictionaryObject, fonts[key].get_object())
            base = str(font["/BaseFont"])
            if base.endswith(old):
                renamed = NameObject(base.replace(old, new))
                font[NameObject("/BaseFont")] = renamed
                descriptor = font.get("/FontDescriptor")
                if descriptor is not None:
                    cast(DictionaryObject, descriptor.get_object())[NameObject("/FontName")] = renamed
    writer.write(target)


def box_positions(source: Path) -> list[tuple[int, tuple[float, float, float, float], bool]]:
    """Return (page index, PDF-space rect, ticked) for every printed box glyph."""
    found = []
    with pdfplumber.open(source) as pdf:
        for index, page in enumerate(pdf.pages):
            height = float(page.height)
            for ch in page.chars:
                if ch["text"] in BOXES:
                    rect = (ch["x0"], height - ch["bottom"], ch["x1"], height - ch["top"])
                    found.append((index, rect, BOXES[ch["text"]]))
    return found


def _appearance(writer: PdfWriter, rect: tuple[float, float, float, float]) -> IndirectObject:
    stream = StreamObject()
    stream.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [
                    FloatObject(0),
                    FloatObject(0),
                    FloatObject(rect[2] - rect[0]),
                    FloatObject(rect[3] - rect[1]),
                ]
            ),
        }
    )
    return writer._add_object(stream)


def _widget(
    writer: PdfWriter, number: int, rect: tuple[float, float, float, float], ticked: bool
) -> DictionaryObject:
    on = ON_NAMES[number % len(ON_NAMES)]
    state = NameObject(f"/{on}") if ticked else NameObject("/Off")
    appearances = DictionaryObject(
        {NameObject(f"/{on}"): _appearance(writer, rect), NameObject("/Off"): _appearance(writer, rect)}
    )
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Btn"),
            NameObject("/T"): TextStringObject(f"box{number}"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            NameObject("/V"): state,
            NameObject("/AS"): state,
            NameObject("/F"): NumberObject(4),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): appearances}),
        }
    )


def add_checkbox_widgets(source: Path, target: Path) -> None:
    """Copy a PDF with an AcroForm checkbox over every printed box, its state the printed tick."""
    writer = PdfWriter(clone_from=PdfReader(source))
    fields = ArrayObject()
    for number, (index, rect, ticked) in enumerate(box_positions(source)):
        ref = writer._add_object(_widget(writer, number, rect, ticked))
        page = writer.pages[index]
        if "/Annots" not in page:
            page[NameObject("/Annots")] = ArrayObject()
        cast(ArrayObject, page["/Annots"]).append(ref)
        fields.append(ref)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): fields})
    writer.write(target)


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice not found: install libreoffice-writer-nogui (scripts/setup.sh)", file=sys.stderr)
        return 1
    sources = sorted(DOCX_DIR.glob("*.docx"))
    PDF_DIR.mkdir(exist_ok=True)
    DOC_DIR.mkdir(exist_ok=True)
    convert(sources, "pdf", PDF_DIR)
    for source in sources:
        copy_truth(source.stem, PDF_DIR / f"{source.stem}.pdf")
    with tempfile.TemporaryDirectory(prefix="sample-doc-") as tmp:
        sources_for_doc = [
            ending_with_paragraph(DOCX_DIR / f"{name}.docx", Path(tmp)) for name in DOC_SAMPLES
        ]
        convert(sources_for_doc, "doc", DOC_DIR)
    for name in DOC_SAMPLES:
        copy_truth(name, DOC_DIR / f"{name}.doc")
    wingdings = PDF_DIR / "90_application_wingdings.pdf"
    rename_font(PDF_DIR / f"{WINGDINGS_SOURCE}.pdf", wingdings, "+OpenSymbol", "+Wingdings-Regular")
    copy_truth(WINGDINGS_SOURCE, wingdings)
    acroform = PDF_DIR / "91_application_acroform.pdf"
    add_checkbox_widgets(PDF_DIR / f"{ACROFORM_SOURCE}.pdf", acroform)
    copy_truth(ACROFORM_SOURCE, acroform)
    return 0


if __name__ == "__main__":
    sys.exit(main())
