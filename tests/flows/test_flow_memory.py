"""What a run keeps of each filing: a packed record (not the 0.5 MB model), and for the batch rules the
whole record only where they compare records; the submissions and findings are those of whole records."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cluster_intake.pipeline import extract_record
from flows.discovery import InboxFile
from flows.outcome import (
    KeptFiling,
    batch_view,
    kept_to_batch_findings,
    kept_to_submissions,
    loaded,
    memberships,
    slim,
)
from schema.record import FieldEntry, Provenance, Record
from validators.batch import batch_findings
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


def test_the_batch_rules_find_the_same_on_the_slim_view() -> None:
    named = [
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
    whole = group_submissions(named)
    kept = [keep(index, name, record) for index, (name, record) in enumerate(named)]
    slimmed = kept_to_submissions(kept)
    assert memberships(slimmed) == memberships(whole)
    expected = batch_findings(whole)
    found = kept_to_batch_findings(kept, slimmed)
    assert {name: [i.model_copy(update={"id": None}) for i in items] for name, items in found.items()} == {
        name: [i.model_copy(update={"id": None}) for i in items] for name, items in expected.items()
    }
    rules = {item.rule for items in expected.values() for item in items}
    assert {"duplicate_filing", "paper_electronic_mismatch", "province_quota_exceeded"} <= rules
    view = dict(batch_view(kept))
    assert view["lone.docx"] == slim(named[-2][1]) and view["dup1.docx"] == named[0][1]
    assert view["lone-scan.pdf"] == slim(named[-1][1])


def test_a_kept_filing_is_small() -> None:
    name, record = filing("a.docx", "浙江省甲集群")
    packed = keep(1, name, record).packed
    assert packed is not None and len(packed) < 40_000
    assert keep(1, name, record).record() == record
