"""Submissions: the files of one batch that carry one filing — Word file, PDF export, stamped scan.

A call asks for all three copies of every filing, so files naming the same cluster on the same form are one
submission, not duplicates. Each copy has a format (Word .docx, Word .doc/.wps, PDF, scan); the submission's
primary copy is the one an office works from: an electronic copy before a scan, .docx before .doc before PDF,
and within one format the first by name. Its values are the submission's values.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from schema.record import FieldEntry, Record, location_at, text_at
from validators.names import normalized

CopyFormat = Literal["docx", "doc", "pdf", "scan"]
FORMAT_ORDER: tuple[CopyFormat, ...] = ("docx", "doc", "pdf", "scan")
FORMAT_ZH: Mapping[str, str] = MappingProxyType(
    {"docx": "Word", "doc": "Word（.doc/.wps）", "pdf": "PDF", "scan": "扫描件"}
)
PROVENANCE_FORMATS: Mapping[str, CopyFormat] = MappingProxyType(
    {"docx": "docx", "doc": "doc", "pdf": "pdf", "ocr": "scan"}
)
BATCH_RULES: frozenset[str] = frozenset(
    {
        "duplicate_filing",
        "paper_electronic_mismatch",
        "electronic_copies_mismatch",
        "province_quota_exceeded",
    }
)
"""The rules that compare the filings of one batch (`validators.batch`)."""
NAME_FIELDS = ("cover.cluster_name", "basic.cluster_name")
REGION = "cover.region"
SUBMISSION_PREFIX = "S"
SUBMISSION_HEX_LENGTH = 12


@dataclass(frozen=True, slots=True)
class FilingCopy:
    """One file of a submission: its inbox-relative name, record and format."""

    name: str
    record: Record
    format: CopyFormat

    @property
    def electronic(self) -> bool:
        return self.format != "scan"


@dataclass(frozen=True, slots=True)
class Submission:
    """The copies of one filing in a batch; `copies[0]` is the primary copy."""

    id: str
    key: str
    copies: tuple[FilingCopy, ...]

    @property
    def primary(self) -> FilingCopy:
        return self.copies[0]

    @property
    def scans(self) -> tuple[FilingCopy, ...]:
        return tuple(c for c in self.copies if c.format == "scan")

    @property
    def electronic(self) -> tuple[FilingCopy, ...]:
        return tuple(c for c in self.copies if c.electronic)


@dataclass(frozen=True, slots=True)
class CopyFacts:
    """What the batch reads of one recorded file without its whole record: name, cluster key, the keys of
    its name fields, format, form and region (`copy_facts`). A batch groups files by these alone, then
    holds one submission's records at a time."""

    name: str
    key: str
    name_keys: tuple[str, ...]
    format: CopyFormat
    form: str
    region: FieldEntry | None

    @property
    def electronic(self) -> bool:
        return self.format != "scan"


@dataclass(frozen=True, slots=True)
class SubmissionPlan:
    """The copies of one submission by their facts; `copies[0]` is the primary copy."""

    id: str
    key: str
    copies: tuple[CopyFacts, ...]

    @property
    def primary(self) -> CopyFacts:
        return self.copies[0]


def copy_format(record: Record) -> CopyFormat:
    """Given a record, return the format of the copy it was read from (by the provenance of its values;
    a scan when any value was read by OCR, since OCR only runs on images)."""
    sources: Counter[str] = Counter()
    for entry in record.fields.values():
        for year in entry.status if isinstance(entry.status, dict) else (None,):
            location = location_at(entry, year)
            if location is not None:
                sources[location.source] += 1
    if sources["ocr"]:
        return "scan"
    if not sources:
        return "docx"
    return PROVENANCE_FORMATS[sources.most_common(1)[0][0]]


def cluster_key(record: Record) -> str:
    """Given a record, return what identifies its filing: form + normalised cluster name, else (no name
    read) the hash of its values, so that only identical contents meet."""
    for field_id in NAME_FIELDS:
        name = text_at(record.fields.get(field_id))
        if name:
            return f"{record.form}:{normalized(name)}"
    content = record.model_dump_json(
        include={"form": True, "fields": {"__all__": {"value", "status"}}},
    )
    return "content:" + hashlib.sha256(content.encode("utf-8")).hexdigest()


def name_keys(record: Record) -> list[str]:
    """Given a record, return a key for each of its name fields that holds a name (cover, then basic)."""
    names = (text_at(record.fields.get(field_id)) for field_id in NAME_FIELDS)
    return [f"{record.form}:{normalized(name)}" for name in names if name]


def _join_scans(groups: dict[str, list[CopyFacts]]) -> None:
    """Move every scan keyed apart from all electronic copies to the electronic copies that one of its other
    name fields names: OCR may misread the cover's name (`电綫电鐵` for `电线电缆`) while the basic table's
    reads right."""
    electronic = {key for key, copies in groups.items() if any(c.electronic for c in copies)}
    for key in [k for k in groups if k not in electronic]:
        for copy in list(groups[key]):
            target = next((k for k in copy.name_keys if k in electronic), None)
            if target is not None:
                groups[key].remove(copy)
                groups[target].append(copy)
        if not groups[key]:
            del groups[key]


def submission_id(key: str) -> str:
    """Given a submission key, return its stable id (the same on every run and in every store)."""
    return SUBMISSION_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:SUBMISSION_HEX_LENGTH]


def copy_rank(copy_format: CopyFormat, name: str) -> tuple[int, str]:
    """Given a copy's format and file name, return its rank among its submission's copies (primary first)."""
    return FORMAT_ORDER.index(copy_format), name


def copy_facts(name: str, record: Record) -> CopyFacts:
    """Given a file's name and record, return what groups it into its submission."""
    return CopyFacts(
        name=name,
        key=cluster_key(record),
        name_keys=tuple(name_keys(record)),
        format=copy_format(record),
        form=record.form,
        region=record.fields.get(REGION),
    )


def ranked(copy: CopyFacts) -> tuple[int, str]:
    """Given a copy, return its rank among its submission's copies (primary first)."""
    return copy_rank(copy.format, copy.name)


def plan_submissions(copies: Sequence[CopyFacts]) -> list[SubmissionPlan]:
    """Given the facts of every recorded file of one batch, return its submissions (copies ranked,
    primary first) in the order first seen."""
    groups: dict[str, list[CopyFacts]] = defaultdict(list)
    for copy in copies:
        groups[copy.key].append(copy)
    _join_scans(groups)
    return [
        SubmissionPlan(submission_id(key), key, tuple(sorted(found, key=ranked)))
        for key, found in groups.items()
    ]


def planned_submission(plan: SubmissionPlan, records: Mapping[str, Record]) -> Submission:
    """Given a submission's plan and the records of its copies by file name, return the submission."""
    copies = tuple(FilingCopy(c.name, records[c.name], c.format) for c in plan.copies)
    return Submission(plan.id, plan.key, copies)


def group_submissions(filings: Sequence[tuple[str, Record]]) -> list[Submission]:
    """Given (file name, record) pairs of one batch, return its submissions in the order first seen."""
    records = dict(filings)
    plans = plan_submissions([copy_facts(name, record) for name, record in filings])
    return [planned_submission(plan, records) for plan in plans]
