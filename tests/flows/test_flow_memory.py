"""What a run keeps of each filing: a packed record (not the 0.5 MB model) and the facts that group it;
the batch rules unpack one submission's records at a time and find what they find on whole records."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pytest

from cluster_intake.pipeline import extract_record
from flows import outcome
from flows.discovery import InboxFile
from flows.outcome import (
    KeptFiling,
    KeptReports,
    check_submission,
    kept_to_plans,
    loaded,
    memberships,
    plans_to_quota_findings,
    unpack,
)
from reports.model import FactsSource, facts_of, submissions_of
from schema.exceptions import build_exception
from schema.record import ExceptionItem, FieldEntry, Provenance, Record
from validators.batch import batch_findings, submission_plan
from validators.submissions import group_submissions

SAMPLE = Path(__file__).resolve().parents[2] / "sample_docs" / "docx" / "00_application_clean.docx"


@cache
def sample() -> Record:
    return extract_record(SAMPLE)


def filing(
    name: str, cluster: str | None, province: str = "浙江", scan: bool = False, output: float | None = None
) -> tuple[str, Record]:
    """A variant of the sample: another cluster name (None: no name), province, medium, 2023 output."""
    record = sample()
    fields = dict(record.fields)
    for field_id in ("cover.cluster_name", "basic.cluster_name"):
        fields[field_id] = fields[field_id].model_copy(
            update={"value": cluster, "status": "present" if cluster else "missing"}
        )
    region = fields["cover.region"]
    fields["cover.region"] = region.model_copy(update={"value": {**region.value, "province": province}})  # type: ignore[dict-item]
    if scan:
        fields = {key: as_scanned(entry) for key, entry in fields.items()}
        output = 1.5 if output is None else output
    if output is not None:
        total = fields["industry.total_output"]
        changed = {**total.value, "2023": output}  # type: ignore[dict-item]
        raw = {**total.raw, "2023": f"{output:g}"} if isinstance(total.raw, dict) else total.raw
        fields["industry.total_output"] = total.model_copy(update={"value": changed, "raw": raw})
    return name, record.model_copy(update={"fields": fields, "source": name})


def as_scanned(entry: FieldEntry) -> FieldEntry:
    scanned = Provenance(source="ocr", page=1)
    if isinstance(entry.provenance, dict):
        return entry.model_copy(update={"provenance": dict.fromkeys(entry.provenance, scanned)})
    return entry.model_copy(update={"provenance": scanned})


def keep(index: int, name: str, record: Record) -> KeptFiling:
    filing = KeptFiling(InboxFile(Path(name), name), index, False, record.form, f"{index:064x}")
    return loaded(filing, record)


def batch() -> list[tuple[str, Record]]:
    """Files of one batch: versions, a scan, copies of one filing, an over-quota province, no names."""
    return [
        filing("dup1.docx", "浙江省甲集群"),
        filing("dup2.docx", "浙江省甲集群", output=70.0),
        filing("paper.pdf", "浙江省甲集群", scan=True),
        filing("typed1.docx", "浙江省丙集群"),
        filing("typed2.docx", "浙江省丙集群", output=71.0),
        *(filing(f"q{index}.docx", f"江苏省集群{index}", province="江苏") for index in range(9)),
        filing("anonymous1.docx", None),
        filing("anonymous2.docx", None, province="安徽"),
        filing("lone.docx", "安徽省乙集群", province="安徽"),
        filing("lone-scan.pdf", "安徽省丁集群", province="安徽", scan=True),
    ]


def without_ids(found: Mapping[str, list[ExceptionItem]]) -> dict[str, list[ExceptionItem]]:
    return {name: [item.model_copy(update={"id": None}) for item in items] for name, items in found.items()}


def test_the_batch_rules_find_the_same_one_submission_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    named = batch()
    whole = group_submissions(named)
    kept = [keep(index, name, record) for index, (name, record) in enumerate(named)]
    by_name = {filing.name: filing for filing in kept}
    unpacked: list[bytes] = []

    def counted(packed: bytes) -> Record:
        unpacked.append(packed)
        return unpack(packed)

    monkeypatch.setattr("flows.outcome.unpack", counted)
    plans = kept_to_plans(kept)
    assert not unpacked, "grouping unpacks no record"
    assert memberships(plans) == memberships([submission_plan(s) for s in whole])
    quota = plans_to_quota_findings(plans)
    found: dict[str, list[ExceptionItem]] = {}
    for plan in plans:
        unpacked.clear()
        copies = [by_name[copy.name] for copy in plan.copies]
        found.update(check_submission(plan, copies, quota, None).found)
        assert sorted(unpacked) == sorted(filing.packed for filing in copies), "its own copies, once each"
    expected = batch_findings(whole)
    assert without_ids(found) == without_ids(expected)
    rules = {item.rule for items in expected.values() for item in items}
    assert {"duplicate_filing", "paper_electronic_mismatch", "province_quota_exceeded"} <= rules


def test_a_kept_filing_is_small() -> None:
    name, record = filing("a.docx", "浙江省甲集群")
    packed = keep(1, name, record).packed
    assert packed is not None and len(packed) < 40_000
    assert keep(1, name, record).record() == record


def test_the_reports_are_grouped_without_unpacking_a_record(monkeypatch: pytest.MonkeyPatch) -> None:
    named = [
        filing("a.docx", "浙江省甲集群"),
        filing("a.pdf", "浙江省甲集群", scan=True),
        filing("b.docx", "浙江省乙集群"),
    ]
    kept = [keep(index, name, record) for index, (name, record) in enumerate(named)]
    bad = build_exception("file_unreadable", params={"reason": "空"})
    kept.insert(
        1, KeptFiling(InboxFile(Path("bad.docx"), "bad.docx"), 9, False, None, "0" * 64, "空", (bad,))
    )
    reports = KeptReports(kept, {}, memberships(kept_to_plans(kept)))
    expected = [facts_of(report) for report in reports]

    def refuse(packed: bytes) -> Record:
        raise AssertionError("a record was unpacked")

    monkeypatch.setattr(outcome, "unpack", refuse)
    assert isinstance(reports, FactsSource) and reports.report_facts() == expected
    submissions = submissions_of(reports)
    assert len(submissions) == 2 and submissions.positions == ((0, 2), (3,))  # the Word copy first
    assert [report.name for _, report in submissions.quarantined()] == ["bad.docx"]
