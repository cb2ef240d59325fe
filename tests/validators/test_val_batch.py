"""Batch rules: duplicates, paper vs electronic copies, provincial recommendation quotas."""

from __future__ import annotations

from val_records import clean, patched

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


def rules_of(found: dict[str, list[object]], name: str) -> list[str]:
    return [item.rule for item in found[name]]


def test_every_file_is_a_key_and_a_lone_filing_is_clean() -> None:
    assert batch_exceptions([("a.docx", clean())]) == {"a.docx": []}


def test_duplicate_filing_same_name_and_form() -> None:
    found = batch_exceptions([("a.docx", clean()), ("b.docx", clean()), ("c.docx", clean("review"))])
    assert rules_of(found, "a.docx") == ["duplicate_filing"] and "b.docx" in found["a.docx"][0].message
    assert rules_of(found, "b.docx") == ["duplicate_filing"]
    assert found["c.docx"] == []


def test_duplicate_filing_by_content_when_unnamed() -> None:
    unnamed = patched(
        patched(clean(), "cover.cluster_name", None, status="missing"),
        "basic.cluster_name",
        None,
        status="missing",
    )
    other = unnamed.model_copy(update={"source": "copy.docx"})
    found = batch_exceptions([("a.docx", unnamed), ("b.docx", other)])
    assert rules_of(found, "a.docx") == ["duplicate_filing"]


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
