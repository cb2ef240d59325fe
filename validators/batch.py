"""Rules across the filings of one batch: duplicates, paper vs electronic copies, provincial quotas.

Quotas: the 2025 call (工业和信息化部办公厅 通知 on 2025年度中小企业特色产业集群 申报和复核, as summarised in
rules.yaml `province_quota_exceeded`) lets each province recommend at most 8 new clusters, and each
计划单列市 (大连、青岛、宁波、厦门、深圳) and the 新疆生产建设兵团 at most 2; a 计划单列市 counts on its own,
not against its province.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from pydantic import JsonValue

from schema.catalog import FieldSpec, load_field_catalogue
from schema.record import ExceptionItem, Record
from validators.exceptions import build_exception
from validators.field_rules import year_slots
from validators.names import normalized
from validators.numeric import fmt
from validators.values import location_at, region_part, text_at, value_at
from validators.vocabulary import CORPS, ITEM_SEPARATOR, SEPARATE_QUOTA_CITIES

BATCH_RULES: frozenset[str] = frozenset(
    {"duplicate_filing", "paper_electronic_mismatch", "province_quota_exceeded"}
)
PROVINCE_QUOTA = 8
SEPARATE_QUOTA = 2
NAME_FIELDS = ("cover.cluster_name", "basic.cluster_name")
REGION = "cover.region"
SCAN_SOURCE = "ocr"
Filing = tuple[str, Record]


def cluster_key(record: Record) -> str:
    """Given a record, return what identifies its cluster: form + normalised name, else a content hash."""
    for field_id in NAME_FIELDS:
        name = text_at(record.fields.get(field_id))
        if name:
            return f"{record.form}:{normalized(name)}"
    content = record.model_dump_json(
        exclude={"source": True, "exceptions": True, "fields": {"__all__": {"provenance", "raw"}}}
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def is_scan(record: Record) -> bool:
    """Given a record, return whether it was read from a scanned (paper) copy."""
    locations = [
        location_at(entry, year)
        for entry in record.fields.values()
        for year in (entry.status if isinstance(entry.status, dict) else {None: None})
    ]
    return any(location is not None and location.source == SCAN_SOURCE for location in locations)


def duplicates(group: list[Filing]) -> dict[str, list[ExceptionItem]]:
    """Given the filings of one cluster in one medium, return duplicate_filing for each naming the others."""
    found: dict[str, list[ExceptionItem]] = {}
    for name, _ in group:
        others = ITEM_SEPARATOR.join(other for other, _ in group if other != name)
        found[name] = [build_exception("duplicate_filing", params={"other_file": others}, value=others)]
    return found if len(group) > 1 else {}


def comparable(value: JsonValue) -> JsonValue:
    """Given a value, return it normalised for comparison (numbers to 2 places, text without spacing)."""
    if isinstance(value, str):
        return "".join(unicodedata.normalize("NFKC", value).split())
    if isinstance(value, float | int) and not isinstance(value, bool):
        return round(float(value), 2)
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    return value


def shown(value: JsonValue) -> str:
    """Given a value, return how it reads in a message."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt(float(value))
    return str(value)


def field_mismatches(spec: FieldSpec, paper: Record, electronic: Record) -> list[ExceptionItem]:
    """Given a field and both copies, return paper_electronic_mismatch for each cell that differs."""
    found: list[ExceptionItem] = []
    for year in year_slots(spec):
        scanned = value_at(paper.fields.get(spec.id), year)
        typed = value_at(electronic.fields.get(spec.id), year)
        if scanned is not None and typed is not None and comparable(scanned) != comparable(typed):
            found.append(
                build_exception(
                    "paper_electronic_mismatch",
                    field=spec,
                    label=spec.label_for(paper.form),
                    year=year,
                    params={"paper_value": shown(scanned), "electronic_value": shown(typed)},
                    value=scanned,
                    location=location_at(paper.fields.get(spec.id), year),
                )
            )
    return found


def paper_electronic(paper: Record, electronic: Record) -> list[ExceptionItem]:
    """Given the scanned and the electronic copy of one cluster, return every cell where they disagree.

    Seals (scan only) and narratives (OCR noise; an operator reads them anyway) are not compared.
    """
    specs = [
        s for s in load_field_catalogue().fields_for(paper.form) if not s.scan_only and s.type != "long_text"
    ]
    return [item for spec in specs for item in field_mismatches(spec, paper, electronic)]


def quota_unit(record: Record) -> tuple[str, int] | None:
    """Given a record, return the unit its recommendation counts against and that unit's quota."""
    entry = record.fields.get(REGION)
    province, city = region_part(entry, "province"), region_part(entry, "city")
    if city in SEPARATE_QUOTA_CITIES:
        return city or "", SEPARATE_QUOTA
    if province == CORPS:
        return province, SEPARATE_QUOTA
    return (province, PROVINCE_QUOTA) if province else None


def quota_findings(records: Sequence[Filing]) -> dict[str, list[ExceptionItem]]:
    """Given the filings, return province_quota_exceeded for every new application of an over-quota unit."""
    units: dict[tuple[str, int], dict[str, list[Filing]]] = defaultdict(lambda: defaultdict(list))
    for name, record in records:
        unit = quota_unit(record) if record.form == "application" else None
        if unit is not None:
            units[unit][cluster_key(record)].append((name, record))
    found: dict[str, list[ExceptionItem]] = {}
    region = load_field_catalogue().field(REGION)
    for (place, quota), clusters in units.items():
        for name, record in (
            (f for filings in clusters.values() for f in filings) if len(clusters) > quota else ()
        ):
            params = {"province": place, "count": len(clusters), "quota": quota}
            found[name] = [
                build_exception(
                    "province_quota_exceeded",
                    field=region,
                    params=params,
                    value=place,
                    location=location_at(record.fields.get(REGION)),
                )
            ]
    return found


def cluster_findings(group: list[Filing]) -> dict[str, list[ExceptionItem]]:
    """Given the filings of one cluster, return duplicates per medium and paper/electronic mismatches."""
    scans = [f for f in group if is_scan(f[1])]
    typed = [f for f in group if not is_scan(f[1])]
    found = {**duplicates(scans), **duplicates(typed)}
    for paper_name, paper in scans:
        for _, electronic in typed[:1]:
            found[paper_name] = [*found.get(paper_name, []), *paper_electronic(paper, electronic)]
    return found


def batch_exceptions(records: Sequence[Filing]) -> dict[str, list[ExceptionItem]]:
    """Given (file name, record) pairs of one batch, return the batch findings keyed by every file name."""
    groups: dict[str, list[Filing]] = defaultdict(list)
    for filing in records:
        groups[cluster_key(filing[1])].append(filing)
    found: dict[str, list[ExceptionItem]] = {name: [] for name, _ in records}
    for partial in [*(cluster_findings(g) for g in groups.values()), quota_findings(records)]:
        for name, items in partial.items():
            found[name].extend(items)
    return found
