"""Batch rules: submissions, versions, copies that disagree, provincial recommendation quotas."""

from __future__ import annotations

from val_records import clean, patched

from schema.catalog import load_field_catalogue
from schema.exceptions import build_exception
from schema.record import Provenance, Record
from validators.batch import batch_exceptions


def cluster(name: str, region: dict[str, str] | None = None, form: str = "application") -> Record:
    record = clean("review" if form == "review" else "application")
    record = patched(patched(record, "cover.cluster_name", name), "basic.cluster_name", name)
    return patched(record, "cover.region", region) if region else record


def scanned(record: Record) -> Record:
    copy = record.model_copy(deep=True)
    copy.fields["industry.total_output"].provenance = {"2023": Provenance(source="ocr", page=3)}
    return copy


def exported(record: Record, source: str = "pdf") -> Record:
    """The record as read from another electronic format (a PDF export, a .doc)."""
    copy = record.model_copy(deep=True)
    copy.fields["basic.area"].provenance = Provenance(source=source, page=2)  # type: ignore[arg-type]
    return copy


def rules_of(found: dict[str, list[object]], name: str) -> list[str]:
    return [item.rule for item in found[name]]


def test_every_file_is_a_key_and_a_lone_filing_is_clean() -> None:
    assert batch_exceptions([("a.docx", clean())]) == {"a.docx": []}


def test_word_pdf_and_scan_of_one_filing_are_one_submission_not_duplicates() -> None:
    files = [("a.docx", clean()), ("a.pdf", exported(clean())), ("a.tif", scanned(clean()))]
    assert batch_exceptions(files) == {"a.docx": [], "a.pdf": [], "a.tif": []}


def test_the_same_filing_sent_twice_in_one_format_is_no_finding() -> None:
    found = batch_exceptions([("a.docx", clean()), ("copy of a.docx", clean())])
    assert found == {"a.docx": [], "copy of a.docx": []}


def test_two_differing_versions_in_one_medium_are_duplicates() -> None:
    newer = patched(clean(), "basic.area", 13.5)
    found = batch_exceptions([("a.docx", clean()), ("b.docx", newer), ("c.docx", clean("review"))])
    assert rules_of(found, "a.docx") == ["duplicate_filing"] and "b.docx" in found["a.docx"][0].message
    assert rules_of(found, "b.docx") == ["duplicate_filing"]
    assert found["c.docx"] == []
    scans = batch_exceptions([("a.tif", scanned(clean())), ("b.tif", scanned(newer)), ("a.docx", clean())])
    assert "duplicate_filing" in rules_of(found, "a.docx") and "duplicate_filing" in rules_of(scans, "b.tif")


def test_a_file_sent_again_is_no_version_the_one_that_differs_names_both() -> None:
    newer = patched(clean(), "basic.area", 13.5)
    sent_twice = clean().model_copy(update={"source": "again.docx"})
    found = batch_exceptions([("a.docx", clean()), ("again.docx", sent_twice), ("b.docx", newer)])
    assert [i.value for i in found["a.docx"]] == [i.value for i in found["again.docx"]] == ["b.docx"]
    assert found["b.docx"][0].value == "a.docx、again.docx"
    assert batch_exceptions([("a.docx", clean()), ("again.docx", sent_twice)]) == {
        "a.docx": [],
        "again.docx": [],
    }


def test_unnamed_filings_meet_only_when_their_values_are_equal() -> None:
    unnamed = patched(
        patched(clean(), "cover.cluster_name", None, status="missing"),
        "basic.cluster_name",
        None,
        status="missing",
    )
    other = unnamed.model_copy(update={"source": "copy.docx"})
    assert batch_exceptions([("a.docx", unnamed), ("b.docx", other)]) == {"a.docx": [], "b.docx": []}
    changed = patched(unnamed, "basic.area", 13.5)
    assert batch_exceptions([("a.docx", unnamed), ("b.docx", changed)]) == {"a.docx": [], "b.docx": []}


def test_a_pdf_edited_after_export_differs_from_its_word_file() -> None:
    pdf = exported(patched(clean(), "industry.total_output", 230.0, year="2023"))
    found = batch_exceptions([("a.pdf", pdf), ("a.docx", clean())])
    assert found["a.docx"] == [] and rules_of(found, "a.pdf") == ["electronic_copies_mismatch"]
    item = found["a.pdf"][0]
    assert (item.field, item.year, item.severity) == ("industry.total_output", "2023", "error")
    assert item.message == "电子版a.docx与a.pdf的“集群总产值”2023年不一致：220 ≠ 230。"


def test_doc_and_docx_copies_are_compared_too_and_narratives_count() -> None:
    doc = exported(patched(clean(), "industry.chain_desc", "另一段文字。"), source="doc")
    found = batch_exceptions([("a.docx", clean()), ("a.doc", doc)])
    assert [(i.rule, i.field) for i in found["a.doc"]] == [
        ("electronic_copies_mismatch", "industry.chain_desc")
    ]


def test_different_clusters_are_not_duplicates() -> None:
    found = batch_exceptions([("a.docx", clean()), ("b.docx", cluster("浙江省长兴县绿色建材产业集群"))])
    assert found == {"a.docx": [], "b.docx": []}


def test_paper_electronic_mismatch_instead_of_duplicate() -> None:
    paper = scanned(patched(clean(), "industry.total_output", 230.0, year="2023"))
    found = batch_exceptions([("scan.pdf", paper), ("typed.docx", clean())])
    assert rules_of(found, "scan.pdf") == ["paper_electronic_mismatch"]
    item = found["scan.pdf"][0]
    assert (item.field, item.year, item.severity) == ("industry.total_output", "2023", "error")
    assert (
        "230" in item.message and "220" in item.message and item.location == Provenance(source="ocr", page=3)
    )
    assert found["typed.docx"] == []


def test_paper_and_electronic_copies_that_agree() -> None:
    found = batch_exceptions([("scan.pdf", scanned(clean())), ("typed.docx", clean())])
    assert found == {"scan.pdf": [], "typed.docx": []}


def zhejiang(count: int, city: str = "湖州市") -> list[tuple[str, Record]]:
    region = {"province": "浙江省", "city": city, "county": "某县"}
    return [(f"{city}{i}.docx", cluster(f"浙江省某县{city}第{i}产业集群", region)) for i in range(count)]


def test_province_quota_exceeded() -> None:
    found = batch_exceptions(zhejiang(9))
    assert all(rules_of(found, name) == ["province_quota_exceeded"] for name in found)
    assert found["湖州市0.docx"][0].message == "浙江省本批次申报9个集群，超过推荐名额8个。"
    assert found["湖州市0.docx"][0].severity == "info"


def test_province_quota_near_miss_and_separate_city_quota() -> None:
    assert all(items == [] for items in batch_exceptions(zhejiang(8) + zhejiang(2, "宁波市")).values())
    found = batch_exceptions(zhejiang(8) + zhejiang(3, "宁波市"))
    assert rules_of(found, "宁波市0.docx") == ["province_quota_exceeded"] and found["湖州市0.docx"] == []
    assert "宁波市" in found["宁波市0.docx"][0].message


def test_quota_counts_new_applications_only() -> None:
    region = {"province": "浙江省", "city": "湖州市", "county": "某县"}
    reviews = [(f"r{i}.docx", cluster(f"浙江省某县第{i}产业集群", region, "review")) for i in range(9)]
    assert all(items == [] for items in batch_exceptions(reviews).values())


def test_paper_electronic_narratives_are_not_compared() -> None:
    paper = scanned(patched(clean(), "industry.chain_desc", "集群围绕动力电池形成了完整产业链（OCR）。"))
    assert batch_exceptions([("scan.pdf", paper), ("typed.docx", clean())])["scan.pdf"] == []


def test_a_cell_a_copy_could_not_read_surely_is_not_a_difference() -> None:
    """LibreOffice draws a Wingdings tick after CJK text as a missing glyph: the PDF's box is unknown."""
    pdf = patched(clean(), "industry.chain_actions", [])
    doubt = build_exception(
        "layout_changed",
        field=load_field_catalogue().field("industry.chain_actions"),
        params={"detail": "勾选符号无法识别"},
    )
    unsure = exported(pdf.model_copy(update={"exceptions": [doubt]}))
    assert batch_exceptions([("a.docx", clean()), ("a.pdf", unsure)]) == {"a.docx": [], "a.pdf": []}
    sure = exported(pdf)
    assert rules_of(batch_exceptions([("a.docx", clean()), ("a.pdf", sure)]), "a.pdf") == [
        "electronic_copies_mismatch"
    ]


def test_copies_that_disagree_are_quoted_as_printed_never_as_ids_or_json() -> None:
    # f999 13_review_clean.pdf: two names on full lines read as one in the PDF; a tick moved in an export
    joined = {"count": 2, "names": ["长兴电池智能工厂长兴储能数字化车间"]}
    pdf = exported(
        patched(
            patched(clean(), "digital.provincial_pilot_projects", joined), "green.carbon_monitoring", "no"
        )
    )
    found = batch_exceptions([("a.docx", clean()), ("a.pdf", pdf)])
    messages = {item.field: item.message for item in found["a.pdf"]}
    assert (
        "2个：长兴电池智能工厂、长兴储能数字化车间 ≠ 2个：长兴电池智能工厂长兴储能数字化车间"
        in messages["digital.provincial_pilot_projects"]
    )
    assert "：是 ≠ 否" in messages["green.carbon_monitoring"] and "{" not in "".join(messages.values())
