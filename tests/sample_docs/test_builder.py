"""The builder writes both blank forms faithfully: every printed label, A4, 宋体, merged cells, nested table."""

from __future__ import annotations

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Cm
from sample_paths import TEMPLATES, WHITESPACE, body_text

from schema.catalog import FORM_IDS, FormId, load_field_catalogue

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def _squash(text: str) -> str:
    return WHITESPACE.sub("", text)


def _label_parts(label: str) -> list[str]:
    """标准 table labels are '<row> <column>': both parts are printed, not side by side."""
    return label.split(" ") if " " in label else [label]


@pytest.mark.parametrize("form", FORM_IDS)
def test_every_field_label_is_printed(form: FormId, blank_documents: dict[str, DocumentObject]) -> None:
    text = body_text(blank_documents[form])
    missing = [
        spec.id
        for spec in load_field_catalogue().fields_for(form)
        if not all(_squash(part) in text for part in _label_parts(spec.label_for(form)))
    ]
    assert not missing


@pytest.mark.parametrize("form", FORM_IDS)
def test_options_sections_and_groups_are_printed(
    form: FormId, blank_documents: dict[str, DocumentObject]
) -> None:
    catalogue = load_field_catalogue()
    text = body_text(blank_documents[form])
    expected = [s.title_for(form) for s in catalogue.sections if s.id != "cover"]
    expected += [g.title_for(form) for g in catalogue.groups if form in g.forms]
    expected += [o for spec in catalogue.fields_for(form) for o in spec.options.values()]
    assert [e for e in expected if _squash(e) not in text] == []


def test_other_form_rows_are_absent(blank_documents: dict[str, DocumentObject]) -> None:
    review = body_text(blank_documents["review"])
    application = body_text(blank_documents["application"])
    assert "集群外商直接投资额" not in review and "是否发生变化" not in application
    assert "中小企业特色产业集群复核申报表" in review and "附件2" in review and "附件1" in application


@pytest.mark.parametrize("form", FORM_IDS)
def test_page_and_fonts(form: FormId, blank_documents: dict[str, DocumentObject]) -> None:
    document = blank_documents[form]
    section = document.sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    rpr = document.styles["Normal"].element.rPr
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


@pytest.mark.parametrize("form", FORM_IDS)
def test_merged_cells_and_nested_target_table(
    form: FormId, blank_documents: dict[str, DocumentObject]
) -> None:
    body = blank_documents[form].element.body
    restarts = [m for m in body.iter(qn("w:vMerge")) if m.get(qn("w:val")) == "restart"]
    assert len(restarts) >= 6
    assert any(int(s.get(qn("w:val"))) == 3 for s in body.iter(qn("w:gridSpan")))
    nested = [t for t in body.iter(qn("w:tbl")) if t.getparent().tag == qn("w:tc")]
    assert len(nested) == (2 if form == "review" else 1)
    headers = ["".join(t.itertext()) for t in nested]
    assert all("方向" in h and "2027年目标值" in "".join(headers) for h in headers)
    if form == "review":
        assert "2025年完成值" in headers[0]


def test_standards_block_has_three_column_blocks(blank_documents: dict[str, DocumentObject]) -> None:
    text = body_text(blank_documents["application"])
    assert text.count("类别主持数量参与数量") == 3
    assert text.count("国际") >= 3 and text.count("团体") >= 3


@pytest.mark.parametrize("form", FORM_IDS)
def test_committed_templates_match_builder(form: FormId, blank_documents: dict[str, DocumentObject]) -> None:
    committed = docx.Document(str(TEMPLATES / f"{form}_blank.docx"))
    assert body_text(committed) == body_text(blank_documents[form])


def test_blank_template_has_no_ticks(blank_documents: dict[str, DocumentObject]) -> None:
    text = body_text(blank_documents["application"])
    assert "☑" not in text and "■" not in text and "√" not in text
    assert not list(blank_documents["application"].element.body.iter(f"{W14}checkbox"))
