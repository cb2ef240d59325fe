"""The plain steps the Prefect flow calls: intake one file, persist it, apply batch rules, write reports.

Each is an ordinary function (no Prefect), testable on its own; `flows.batch.flow` only orchestrates them.
A re-run that finds nothing new — the same files with the same contents, criteria and outcomes as the
run that last wrote OUT's reports (`flows.state`) — rewrites nothing: no record, no quarantine entry, no
report, no store row but its own run's.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import asdict, replace
from pathlib import Path

from cluster_intake.limits import ExtractionLimits
from extractors.errors import DocumentLoadError
from extractors.file_checks import MAX_FILING_BYTES, read_regular_file
from flows.context import RunContext
from flows.discovery import InboxFile, Inventory
from flows.intake import file_to_result, read_inbox_file
from flows.originals import keep_original
from flows.outcome import (
    CheckedSubmission,
    FilingOutcome,
    KeptFiling,
    KeptReports,
    check_submission,
    final_status,
    kept,
    kept_to_plans,
    loaded,
    memberships,
    plans_to_quota_findings,
    to_report,
)
from flows.outputs import (
    quarantine,
    record_path,
    replaced_atomically,
    write_record,
    write_text_atomically,
)
from flows.state import FindingCounts
from reports.exceptions_report import ExceptionTables
from reports.frames import typed_frame
from reports.model import FilingReport, SubmissionReport, submissions_of
from reports.parquet import FINDINGS_PARQUET, VALUES_PARQUET, values_parquet, write_frames
from reports.passes import feed
from reports.records_table import RecordsWorkbook, records_csv
from reports.sheets import SpooledBook
from reports.summary import RunSummary, SummaryCounts, summarize, summary_markdown
from reports.verdict import verdict
from review.analysis import FINDING_COLUMNS, finding_batches
from review.refresh import refresh_submission
from schema.finding_ids import with_finding_ids
from schema.record import ExceptionItem, Record, region_part
from schema.rules_catalog import Profile
from store.repository import CopyMembership, FileFacts, FilingResult, StoredFiling
from store.submissions import SubmissionFacts, save_submission

REGION_FIELD = "cover.region"

RECORDS_XLSX, RECORDS_CSV, EXCEPTIONS_XLSX, SUMMARY_MD = (
    "records.xlsx",
    "records.csv",
    "exceptions.xlsx",
    "summary.md",
)
REPORT_FILES = (RECORDS_XLSX, RECORDS_CSV, EXCEPTIONS_XLSX, SUMMARY_MD, VALUES_PARQUET, FINDINGS_PARQUET)


def intake_file(item: InboxFile, context: RunContext) -> FilingOutcome | KeptFiling:
    """Given an inbox file, return what is known of it: the stored filing when its content (or, for a
    file that could not be read, its path, size and time) is known, else its outcome, extracted now from
    the bytes read once here."""
    read = read_inbox_file(item, context.options.inbox)
    known = stored_outcome(item, read.facts, context)
    if known is not None:
        return known
    result = file_to_result(item, read, context.profile, None, context.limits)
    return new_outcome(item, read.facts, replace(result, checked_with=context.checked_with))


def lookup_facts(item: InboxFile, inbox: Path) -> FileFacts:
    """Given an inbox file and the inbox, return the facts its stored filing is looked up by (read like a
    filing: no link, no FIFO, nothing outside the inbox)."""
    return read_inbox_file(item, inbox).facts


def stored_outcome(item: InboxFile, facts: FileFacts, context: RunContext) -> KeptFiling | None:
    """Given an inbox file and its facts, return its stored filing when it holds for this run, else None."""
    stored = None if context.options.force else context.store.lookup(facts.sha256)
    if stored is None or not reusable(stored, context):
        return None
    return reused_filing(item, stored, context)


def extract_result(
    item: InboxFile, inbox: Path, profile: Profile | None, checked_with: str, limits: ExtractionLimits
) -> tuple[FileFacts, FilingResult]:
    """Given an inbox file, the inbox, the run's profile, its fingerprint and the reading limits, return
    the facts of the bytes read and what reading exactly those bytes gave.

    Needs no store: a Dask worker on another machine runs this (the file is read there, once).
    """
    read = read_inbox_file(item, inbox)
    result = file_to_result(item, read, profile, None, limits)
    return read.facts, replace(result, checked_with=checked_with)


def new_outcome(item: InboxFile, facts: FileFacts, result: FilingResult) -> FilingOutcome:
    """Given an inbox file, its facts and what reading it gave, return its outcome, every finding with its
    stable id (from the file's content hash: a quarantined file's findings too)."""
    identified = with_finding_ids(result.exceptions, facts.sha256)
    return FilingOutcome(item, facts, replace(result, exceptions=tuple(identified)), False)


def reusable(stored: StoredFiling, context: RunContext) -> bool:
    """Given a stored filing, return whether its result holds for this run (quarantine, or same criteria)."""
    return stored.form is None or stored.checked_with == context.checked_with


def reused_filing(item: InboxFile, stored: StoredFiling, context: RunContext) -> KeptFiling:
    """Given an inbox file already in the store, return what the run keeps of it (a quarantined one's
    findings are loaded; a record is loaded only when the run needs it)."""
    if stored.form is not None:
        return KeptFiling(item, stored.id, True, stored.form, stored.sha256)
    findings = tuple(context.store.load_exceptions(stored.id))
    return KeptFiling(item, stored.id, True, None, stored.sha256, stored.quarantine_reason, findings)


def quarantine_copy(item: InboxFile, sha256: str, context: RunContext) -> bytes | None:
    """Given a quarantined file and the hash of the bytes that were read, return those bytes read again
    for the quarantine copy, or None (not a regular file under the limit, or changed since: no copy)."""
    try:
        data = read_regular_file(item.path, MAX_FILING_BYTES, within=context.options.inbox)
    except DocumentLoadError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def write_filing_files(outcome: FilingOutcome, context: RunContext) -> None:
    """Given a new outcome, write its JSON record, or its quarantine reason (and copy)."""
    out, result = context.options.out, outcome.result
    if result.record is not None:
        marked = {"verdict": verdict(result.record.exceptions), "run_id": context.run_id}
        write_record(out, outcome.item.name, result.record.model_copy(update=marked))
        keep_original(out, outcome.item.path, outcome.facts.sha256, context.options.inbox)
        return
    rule = result.exceptions[0].rule if result.exceptions else "file_unreadable"
    data = quarantine_copy(outcome.item, outcome.facts.sha256, context)
    quarantine(out, outcome.item, outcome.facts, rule, result.quarantine_reason or "", data)


def restore_missing_files(filing: KeptFiling, context: RunContext) -> KeptFiling:
    """Given a reused filing, write its JSON record and keep its original again if either is missing (an
    operator removed it); return it (with its record loaded when it had to be)."""
    out = context.options.out
    if filing.quarantined:
        return filing
    keep_original(out, filing.item.path, filing.sha256, context.options.inbox)
    if record_path(out, filing.item.name).exists():
        return filing
    filing = with_record(filing, context)
    record = filing.record()
    if record is not None:
        write_record(out, filing.item.name, record)
    return filing


def with_record(filing: KeptFiling, context: RunContext) -> KeptFiling:
    """Given a kept filing, return it with its record loaded from the store when not yet packed."""
    if filing.quarantined or filing.packed is not None:
        return filing
    return loaded(filing, context.store.load_record(filing.filing_id))


def persist_filing(outcome: FilingOutcome | KeptFiling, context: RunContext) -> KeptFiling:
    """Given an outcome, commit it to the store (one transaction), write its files; return what the run
    keeps of it. A reused filing is only checked for missing files."""
    if isinstance(outcome, KeptFiling):
        return restore_missing_files(outcome, context)
    filing_id = context.store.save_filing(outcome.facts, outcome.result, context.run_id)
    write_filing_files(outcome, context)
    return kept(outcome.stored_as(filing_id))


def apply_batch_rules(filings: Sequence[KeptFiling], context: RunContext) -> KeptReports:
    """Given the run's filings, group them into submissions by their facts, then one submission at a time
    (only its records unpacked): read every scan against its electronic copy, apply the batch rules, store
    each copy's batch findings, submission and final status, rewrite the JSON of each record that changed
    (a scan's as verified) and store the submission; return the reports (records unpacked one at a time)."""
    loaded_filings = [with_record(filing, context) for filing in filings]
    plans = kept_to_plans(loaded_filings)
    quota = plans_to_quota_findings(plans)
    members = memberships(plans)
    kept_now = {filing.name: filing for filing in loaded_filings}
    found: dict[str, list[ExceptionItem]] = {}
    for plan in plans:
        copies = [kept_now[copy.name] for copy in plan.copies]
        checked = check_submission(plan, copies, quota, context.profile)
        found.update(checked.found)
        for filing, record in checked.copies():
            kept_now[filing.name] = filing
            store_batch_findings(filing, record, found.get(filing.name, []), members[filing.name], context)
        save_submission_of(checked, found, members, context)
    for filing in loaded_filings:
        if filing.name not in members:
            store_batch_findings(filing, filing.record(), [], None, context)
    return KeptReports([kept_now[filing.name] for filing in loaded_filings], found, members)


def store_batch_findings(
    filing: KeptFiling,
    record: Record | None,
    batch: list[ExceptionItem],
    membership: CopyMembership | None,
    context: RunContext,
) -> None:
    """Given a filing, its record (None: quarantined), its batch findings and its submission, store them
    with its final status and write its JSON record as it now stands (only if it changed)."""
    own = record.exceptions if record is not None else list(filing.quarantine_findings)
    status = final_status(filing, own, batch)
    context.store.set_batch_findings(filing.filing_id, batch, status, context.run_id, membership)
    if record is not None and membership is not None:
        update = {
            "exceptions": [*record.exceptions, *batch],
            "submission_id": membership.submission_id,
            "verdict": status,
            "run_id": context.run_id,
        }
        write_record(context.options.out, filing.item.name, record.model_copy(update=update))


def save_submission_of(
    checked: CheckedSubmission,
    found: Mapping[str, Sequence[ExceptionItem]],
    members: Mapping[str, CopyMembership],
    context: RunContext,
) -> None:
    """Given a checked submission, the batch findings and memberships, store the submission's row (one
    transaction) and refresh its review findings from its records in memory."""
    reports = [to_report(filing, found, members[filing.name], record) for filing, record in checked.copies()]
    submission = SubmissionReport(reports[0].submission_id or "", tuple(reports))
    primary = submission.primary
    record = primary.record
    if record is None:
        return
    region = record.fields.get(REGION_FIELD)
    facts = SubmissionFacts(
        id=submission.id,
        form=record.form,
        cluster_name=primary.cluster_name or None,
        province=region_part(region, "province"),
        city=region_part(region, "city"),
        county=region_part(region, "county"),
        primary_filing_id=checked.filings[0].filing_id,
        verdict=submission.verdict,
    )
    save_submission(context.store.engine, facts, context.run_id)
    known = {
        filing.filing_id: record for filing, record in zip(checked.filings, checked.records, strict=True)
    }
    refresh_submission(context.store.engine, submission.id, known)


def run_summary(reports: Sequence[FilingReport], inventory: Inventory, started_at: float) -> RunSummary:
    """Given the reports, the inventory and the run's start (epoch seconds), return the run summary."""
    skipped = [entry.listed for entry in inventory.skipped]
    return summarize(reports, skipped, time.time() - started_at)


def unchanged_summary(
    filings: Sequence[KeptFiling], inventory: Inventory, counts: FindingCounts, started_at: float
) -> RunSummary:
    """Given the run's filings when nothing changed, the inventory, the finding counts of the reports
    that show them, and the run's start, return the run summary (no record unpacked)."""
    quarantined = tuple((f.name, f.quarantine_reason or "") for f in filings if f.quarantined)
    recorded = [f for f in filings if not f.quarantined]
    return RunSummary(
        found=len(filings) + len(inventory.skipped),
        recorded=len(recorded),
        reused=sum(1 for f in recorded if f.reused),
        quarantined=len(quarantined),
        skipped=len(inventory.skipped),
        **asdict(counts),
        seconds=time.time() - started_at,
        quarantined_files=quarantined,
        skipped_files=tuple(entry.listed for entry in inventory.skipped),
    )


def submission_ids(reports: Sequence[FilingReport]) -> list[str]:
    """Given the run's reports, return the ids of their submissions."""
    return list(submissions_of(reports).ids)


def write_reports(
    reports: Sequence[FilingReport], inventory: Inventory, started_at: float, context: RunContext
) -> RunSummary:
    """Given the run's reports, its inventory and start (epoch seconds), write records.xlsx/.csv,
    exceptions.xlsx, values.parquet (the values as read, like records.xlsx), findings.parquet (the run's
    submissions' findings with the state of their review decision, as the review station shows them after
    this run) and summary.md, each to a temporary name renamed over the old file once complete; return the
    run's summary.

    One pass over the submissions (each copy's record unpacked once) feeds every writer and the summary's
    counts (`reports.passes.feed`)."""
    options = context.options
    out = options.out
    with ExitStack() as stack:
        partial = {
            name: stack.enter_context(replaced_atomically(out / name, durable=True))
            for name in (RECORDS_XLSX, RECORDS_CSV, EXCEPTIONS_XLSX, VALUES_PARQUET)
        }
        records = RecordsWorkbook(stack.enter_context(SpooledBook()))
        exceptions = ExceptionTables(stack.enter_context(SpooledBook()))
        table = stack.enter_context(records_csv(partial[RECORDS_CSV]))
        values = stack.enter_context(values_parquet(partial[VALUES_PARQUET]))
        counts = SummaryCounts()
        feed(reports, [records, table, exceptions, values, counts])
        records.save(partial[RECORDS_XLSX])
        exceptions.save(partial[EXCEPTIONS_XLSX])
    skipped = [entry.listed for entry in inventory.skipped]
    summary = counts.summary(len(reports), skipped, time.time() - started_at)
    with replaced_atomically(out / FINDINGS_PARQUET, durable=True) as findings:
        batches = finding_batches(context.store.engine, submission_ids(reports))
        write_frames(findings, batches, typed_frame([], FINDING_COLUMNS))
    markdown = summary_markdown(summary, str(options.inbox.resolve()), str(out.resolve()))
    write_text_atomically(out / SUMMARY_MD, markdown + "\n")
    return summary
