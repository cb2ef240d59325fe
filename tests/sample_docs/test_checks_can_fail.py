"""The checks used by these tests reject bad input (so a passing suite means something)."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn
from sample_paths import body_text
from shapes import field_problems

from sample_docs.builder import build_document
from sample_docs.builder.filling import Filling, LayoutFill
from schema.catalog import load_field_catalogue


def test_label_check_rejects_a_document_without_the_form() -> None:
    text = body_text(docx.Document())
    assert "集群总产值" not in text


def test_spaced_labels_change_the_raw_text_but_not_the_squashed_text() -> None:
    plain = build_document("review")
    spaced = build_document(
        "review", Filling(layout=LayoutFill(spaced_labels=frozenset({"industry.total_output"})))
    )
    raw = ["".join(t.text or "" for t in d.element.body.iter(qn("w:t"))) for d in (plain, spaced)]
    assert raw[0] != raw[1]
    assert body_text(plain) == body_text(spaced)
    assert len(list(spaced.element.body.iter(qn("w:br")))) > len(list(plain.element.body.iter(qn("w:br"))))


def test_shape_check_rejects_bad_values() -> None:
    catalogue = load_field_catalogue()
    assert field_problems(catalogue.field("basic.area"), {"value": "12", "status": "present"})
    assert field_problems(catalogue.field("basic.area"), {"value": 1.234, "status": "present"})
    assert field_problems(catalogue.field("basic.area"), {"value": 1.5, "status": "missing"})
    assert field_problems(catalogue.field("basic.industry_type"), {"value": "fourth", "status": "present"})
    chain = catalogue.field("industry.chain_actions")
    assert field_problems(chain, {"value": ["supply_chain_risk", "chain_mapping"], "status": "present"})
    total = catalogue.field("industry.total_output")
    assert field_problems(total, {"value": {"2022": 1.0}, "status": {"2022": "present"}})
    named = catalogue.field("governance.industry_alliances")
    assert field_problems(named, {"value": {"count": 1}, "status": "present"})
    assert field_problems(
        catalogue.field("cover.submission_date"), {"value": "2025/4/1", "status": "present"}
    )
    assert not field_problems(named, {"value": None, "status": "explicit_none"})
