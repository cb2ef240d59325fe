"""Typed PDFs exported by LibreOffice from filings as offices make them read to the same record:
page furniture (a running header with the cluster name and form title, page numbers in the
government styles, a watermark) never joins a value; a cover line whose long value wraps onto a
second line — in the underlined layout, a borderless two-column cover table or a text box — keeps all
its characters; two phone numbers wrapped in a narrow 联系方式 cell read as the two numbers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cluster_intake.pipeline import extract_record
from cluster_intake.scoring import score_record
from sample_docs.variants import containers, furniture, structures
from sample_docs.variants.package import MAIN, Package
from schema.catalog import load_field_catalogue

DOCX = Path(__file__).resolve().parents[2] / "sample_docs" / "docx"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")]
Truth = dict[str, object]
PAPER_SAFE = {
    "glyph_check",
    "glyph_square",
    "glyph_cross",
    "check_before_box",
    "check_after_box",
    "check_after_text",
}
Change = Callable[[Package, Truth], Truth]


def _furniture(style: str, watermark: str | None) -> Change:
    def change(package: Package, truth: Truth) -> Truth:
        name = structures.one_line_values(truth)[0]
        furniture.add_furniture(package, f"{name}  中小企业特色产业集群申报表", style, watermark)
        return truth

    return change


def _long_cover(in_text_box: bool) -> Change:
    def change(package: Package, truth: Truth) -> Truth:
        root = package.xml(MAIN)
        longer = structures.lengthen_cover_values(root, truth)  # type: ignore[arg-type]
        if in_text_box:
            structures.cover_in_text_box(root)
        package.put_xml(MAIN, root)
        return longer

    return change


def _cover_in_text_box(package: Package, truth: Truth) -> Truth:
    root = package.xml(MAIN)
    structures.cover_in_text_box(root)
    package.put_xml(MAIN, root)
    return truth


def _two_phones(package: Package, truth: Truth) -> Truth:
    root = package.xml(MAIN)
    changed = structures.two_phone_numbers(root, truth)  # type: ignore[arg-type]
    package.put_xml(MAIN, root)
    return changed


CASES: dict[str, tuple[str, Change]] = {
    "two_phones_in_narrow_cells": ("00_application_clean", _two_phones),
    "two_phones_in_narrow_cells_review": ("01_review_clean", _two_phones),
    "header_dash_numbers_watermark": ("00_application_clean", _furniture("dash", "样稿")),
    "header_page_of_pages": ("01_review_clean", _furniture("of", None)),
    "header_hyphen_numbers": ("08_application_clean", _furniture("hyphen", None)),
    "long_cover_values": ("00_application_clean", _long_cover(False)),
    "long_cover_values_in_text_box": ("01_review_clean", _long_cover(True)),
    "long_cover_values_in_cover_table": ("10_application_messy", _long_cover(False)),
    "two_contact_phones_in_text_box": ("00_application_clean", _cover_in_text_box),
    "two_contact_phones_in_text_box_longer_name": ("08_application_clean", _cover_in_text_box),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case's filing changed and exported to PDF (one LibreOffice run), with its truth."""
    work = tmp_path_factory.mktemp("exports")
    sources = []
    for case, (sample, change) in CASES.items():
        package = Package.read(DOCX / f"{sample}.docx")
        truth = change(package, json.loads((DOCX / f"{sample}.truth.json").read_text(encoding="utf-8")))
        (work / f"{case}.docx").write_bytes(package.to_bytes())
        (work / f"{case}.truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        sources.append(work / f"{case}.docx")
    containers.convert(sources, "pdf", work)
    return work


@pytest.mark.parametrize("case", sorted(CASES))
def test_exported_pdf_equals_truth(case: str, exported: Path) -> None:
    truth = json.loads((exported / f"{case}.truth.json").read_text(encoding="utf-8"))
    record = extract_record(exported / f"{case}.pdf")
    catalogue = load_field_catalogue()
    score = score_record(record.to_jsonable(), truth, catalogue)
    flagged = {item.field for item in record.exceptions}
    lost_ticks = truth["render"]["tick_encodings"] != ["glyph_check", "glyph_square"] and case.endswith(
        "table"
    )
    wrong = [m for m in score.mismatches if not (lost_ticks and m.field in flagged)]
    assert not wrong, "\n".join(map(str, wrong))
