"""Rules across the filings of one batch: duplicates, copies that disagree, provincial quotas.

Files are first grouped into submissions (`validators.submissions`): the Word file, its PDF export and the
stamped scan of one filing are one submission's copies. Within a submission:
- two copies of one format whose values differ are two versions: `duplicate_filing` on each (identical
  values are the same filing sent twice and raise nothing);
- an electronic copy of another format than the primary copy is compared with it field by field
  (`electronic_copies_mismatch` on that copy);
- an electronic copy's cell either copy's reading doubted (`READING_DOUBTS`) is not compared: it carries
  its own finding;
- a scan is read against the primary electronic copy (`validators.verification`): every cell but the
  seals (which only paper shows) is verified, a contradiction is `paper_electronic_mismatch` on the scan
  (narratives too: a sentence edited on paper), and a cell whose page shows too little keeps its flag.

Quotas: the 2025 call (工业和信息化部办公厅 通知 on 2025年度中小企业特色产业集群 申报和复核, as summarised in
rules.yaml `province_quota_exceeded`) lets each province recommend at most 8 new clusters, and each
计划单列市 (大连、青岛、宁波、厦门、深圳) and the 新疆生产建设兵团 at most 2; a 计划单列市 counts on its own,
not against its province.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from pydantic import JsonValue

from schema.catalog import FieldSpec, load_field_catalogue
from schema.record import ExceptionItem, FieldEntry, Record, location_at, region_part, value_at
from schema.rules_catalog import Profile
from schema.value_text import value_text
from validators.exceptions import build_exception
from validators.field_rules import year_slots
from validators.numeric import fmt
from validators.submissions import (
    REGION,
    CopyFacts,
    FilingCopy,
    Submission,
    SubmissionPlan,
    copy_facts,
    group_submissions,
)
from validators.verification import (
    READING_DOUBTS,
    Verification,
    compared_specs,
    copies_to_verification,
    verification_to_record,
)
from validators.vocabulary import CORPS, ITEM_SEPARATOR, SEPARATE_QUOTA_CITIES

logger = logging.getLogger(__name__)
PROVINCE_QUOTA = 8
SEPARATE_QUOTA = 2
Filing = tuple[str, Record]
Findings = dict[str, list[ExceptionItem]]
Verifications = dict[str, Verification]
"""Every scan's verification against its submission's primary electronic copy, by the scan's name."""
MismatchBuilder = Callable[[FieldSpec, str | None, JsonValue, JsonValue, FilingCopy], ExceptionItem]


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


def shown(spec: FieldSpec, value: JsonValue) -> str:
    """Given a field and a value of it, return how it reads in a message (printed option texts, never
    option ids or JSON)."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt(float(value))
    return value_text(spec, value)


def doubted_cells(record: Record) -> set[tuple[str, str | None]]:
    """Given a record, return the cells (field, year; year None for the whole field) whose reading the
    extraction itself doubted: a copy cannot be said to differ where it could not be read surely."""
    return {
        (item.field, item.year) for item in record.exceptions if item.field and item.rule in READING_DOUBTS
    }


def differences(
    copy: FilingCopy, reference: Record, specs: Sequence[FieldSpec], build: MismatchBuilder
) -> list[ExceptionItem]:
    """Given a copy, the record it should equal and the fields to compare, return one finding per cell
    where both hold a value read without doubt and the values differ."""
    doubted = doubted_cells(copy.record) | doubted_cells(reference)
    found: list[ExceptionItem] = []
    for spec in specs:
        for year in year_slots(spec):
            if (spec.id, year) in doubted or (spec.id, None) in doubted:
                continue
            mine = value_at(copy.record.fields.get(spec.id), year)
            theirs = value_at(reference.fields.get(spec.id), year)
            if mine is not None and theirs is not None and comparable(mine) != comparable(theirs):
                found.append(build(spec, year, mine, theirs, copy))
    return found


def values_key(record: Record) -> str:
    """Given a record, return its compared values, normalised (`comparable`), as one canonical text: two
    records of one form hold the same values exactly when their keys are equal."""
    values = [
        comparable(value_at(record.fields.get(spec.id), year))
        for spec in compared_specs(record)
        for year in year_slots(spec)
    ]
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def electronic_mismatch(primary: FilingCopy) -> MismatchBuilder:
    """Given the primary copy, return the builder of findings where another electronic copy differs."""

    def build(
        spec: FieldSpec, year: str | None, value: JsonValue, reference: JsonValue, copy: FilingCopy
    ) -> ExceptionItem:
        return build_exception(
            "electronic_copies_mismatch",
            field=spec,
            label=spec.shown_label(copy.record.form),
            year=year,
            params={
                "file_a": primary.name,
                "file_b": copy.name,
                "value_a": shown(spec, reference),
                "value_b": shown(spec, value),
            },
            value=value,
            location=location_at(copy.record.fields.get(spec.id), year),
        )

    return build


def duplicates(copies: Sequence[FilingCopy]) -> Findings:
    """Given the copies of one submission in one format, return duplicate_filing on every copy whose
    values differ from another's, naming the others (copies with equal values are one filing sent twice).
    Each copy's values are keyed once, so a format sent many times costs linear time, not quadratic."""
    keys = [values_key(copy.record) for copy in copies]
    found: Findings = {}
    for copy, key in zip(copies, keys, strict=True):
        versions = [other.name for other, theirs in zip(copies, keys, strict=True) if theirs != key]
        if versions:
            others = ITEM_SEPARATOR.join(versions)
            found[copy.name] = [
                build_exception("duplicate_filing", params={"other_file": others}, value=others)
            ]
    return found


def version_findings(submission: Submission) -> Findings:
    """Given a submission, return duplicate_filing for copies of one format whose values differ."""
    found: Findings = defaultdict(list)
    by_format: dict[str, list[FilingCopy]] = defaultdict(list)
    for copy in submission.copies:
        by_format[copy.format].append(copy)
    for copies in by_format.values():
        for name, items in duplicates(copies).items():
            found[name].extend(items)
    return found


def submission_verifications(submission: Submission) -> Verifications:
    """Given a submission, return each of its scans read against the primary electronic copy (none when
    the submission has no electronic copy: its scans are read as they are)."""
    primary = submission.primary
    if not primary.electronic:
        return {}
    found: Verifications = {}
    for scan in submission.scans:
        try:
            found[scan.name] = copies_to_verification(scan.record, scan.name, primary.record, primary.name)
        except Exception:  # one odd record must not stop the batch: that scan is read as it is
            logger.exception("%s could not be read against %s; kept as read", scan.name, primary.name)
    return found


def batch_verifications(submissions: Sequence[Submission]) -> Verifications:
    """Given the submissions of one batch, return every scan's verification by the scan's name."""
    return {name: v for s in submissions for name, v in submission_verifications(s).items()}


def verified_scans(
    submissions: Sequence[Submission],
    verifications: Verifications,
    profile: Profile | None = None,
    run_date: date | None = None,
) -> dict[str, Record]:
    """Given the submissions and their scans' verifications (and the criteria and date the scans were
    checked with), return every verified scan's record as verified (`verification_to_record`), by name."""
    return {
        scan.name: verification_to_record(
            scan.record, verifications[scan.name], submission.primary.record, profile, run_date
        )
        for submission in submissions
        for scan in submission.scans
        if scan.name in verifications
    }


def copy_findings(submission: Submission, verifications: Verifications | None = None) -> Findings:
    """Given a submission (and its scans' verifications, computed when not given), return where its other
    copies differ from the primary electronic copy: another electronic format
    (electronic_copies_mismatch), a scan (paper_electronic_mismatch)."""
    found: Findings = defaultdict(list)
    primary = submission.primary
    if not primary.electronic:
        return found
    typed_specs = compared_specs(primary.record)
    for copy in submission.electronic:
        if copy.format != primary.format:
            build = electronic_mismatch(primary)
            found[copy.name].extend(differences(copy, primary.record, typed_specs, build))
    checked = submission_verifications(submission) if verifications is None else verifications
    for scan in submission.scans:
        verification = checked.get(scan.name)
        if verification is not None:
            found[scan.name].extend(verification.mismatches)
    return found


def submission_findings(submission: Submission, verifications: Verifications | None = None) -> Findings:
    """Given a submission (and its scans' verifications), return its copies' batch findings: versions,
    electronic and paper mismatches."""
    found: Findings = defaultdict(list)
    for partial in (version_findings(submission), copy_findings(submission, verifications)):
        for name, items in partial.items():
            found[name].extend(items)
    return found


def quota_unit(region: FieldEntry | None) -> tuple[str, int] | None:
    """Given a filing's region field, return the unit its recommendation counts against and its quota."""
    province, city = region_part(region, "province"), region_part(region, "city")
    if city in SEPARATE_QUOTA_CITIES:
        return city or "", SEPARATE_QUOTA
    if province == CORPS:
        return province, SEPARATE_QUOTA
    return (province, PROVINCE_QUOTA) if province else None


def quota_findings(plans: Sequence[SubmissionPlan]) -> Findings:
    """Given the submissions (as planned: their copies' facts), return province_quota_exceeded for every
    copy of a new application of an over-quota unit (one count per submission)."""
    units: dict[tuple[str, int], dict[str, tuple[CopyFacts, ...]]] = defaultdict(dict)
    for plan in plans:
        primary = plan.primary
        unit = quota_unit(primary.region) if primary.form == "application" else None
        if unit is not None:
            units[unit][plan.id] = plan.copies
    found: Findings = {}
    region = load_field_catalogue().field(REGION)
    for (place, quota), clusters in units.items():
        for copy in (c for copies in clusters.values() for c in copies) if len(clusters) > quota else ():
            params = {"province": place, "count": len(clusters), "quota": quota}
            found[copy.name] = [
                build_exception(
                    "province_quota_exceeded",
                    field=region,
                    params=params,
                    value=place,
                    location=location_at(copy.region),
                )
            ]
    return found


def submission_plan(submission: Submission) -> SubmissionPlan:
    """Given a submission, return its plan (its copies' facts, same order)."""
    copies = tuple(copy_facts(c.name, c.record) for c in submission.copies)
    return SubmissionPlan(submission.id, submission.key, copies)


def batch_exceptions(records: Sequence[Filing]) -> Findings:
    """Given (file name, record) pairs of one batch, return the batch findings keyed by every file name."""
    return batch_findings(group_submissions(records))


def batch_findings(
    submissions: Sequence[Submission],
    verifications: Verifications | None = None,
    quota: Findings | None = None,
) -> Findings:
    """Given submissions of one batch (and its scans' verifications, computed when not given; and the
    batch's quota findings, computed from these submissions when not given), return the batch findings
    keyed by every copy's file name (quota findings of files outside these submissions left out)."""
    found: Findings = {copy.name: [] for s in submissions for copy in s.copies}
    checked = batch_verifications(submissions) if verifications is None else verifications
    quotas = quota_findings([submission_plan(s) for s in submissions]) if quota is None else quota
    for partial in [*(submission_findings(s, checked) for s in submissions), quotas]:
        for name, items in partial.items():
            if name in found:
                found[name].extend(items)
    return found
