"""The plain steps the Prefect flow calls: intake one file, persist it, apply batch rules, write reports.

Each is an ordinary function (no Prefect), testable on its own; `flows.batch.flow` only orchestrates them.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from flows.context import RunContext
from flows.discovery import InboxFile, Inventory
from flows.intake import file_facts, file_to_result, stored_result
from flows.originals import keep_original
from flows.outcome import (
    FilingOutcome,
    final_status,
    memberships,
    outcomes_to_batch_findings,
    outcomes_to_submissions,
    submissions_to_verifications,
    to_report,
    verified_outcomes,
)
from flows.outputs import quarantine, write_record, write_text_atomically
from reports.exceptions_report import write_exceptions_xlsx
from reports.model import FilingReport, submissions_of
from reports.records_table import write_records_csv, write_records_xlsx
from reports.summary import RunSummary, summarize, summary_markdown
from review.refresh import refresh_submission
from schema.finding_ids import with_finding_ids
from schema.rules_catalog import Profile
from store.repository import FileFacts, FilingResult, StoredFiling
from store.submissions import SubmissionFacts, save_submission
from validators.values import region_part

REGION_FIELD = "cover.region"

RECORDS_XLSX, RECORDS_CSV, EXCEPTIONS_XLSX, SUMMARY_MD = (
    "records.xlsx",
    "records.csv",
    "exceptions.xlsx",
    "summary.md",
)


def intake_file(item: InboxFile, context: RunContext) -> FilingOutcome:
    """Given an inbox file, return its outcome: the stored result if its content is known, else extract it."""
    facts = file_facts(item)
    known = stored_outcome(item, facts, context)
    if known is not None:
        return known
    return new_outcome(item, facts, extract_result(item.path, context.profile, context.checked_with))


def stored_outcome(item: InboxFile, facts: FileFacts, context: RunContext) -> FilingOutcome | None:
    """Given an inbox file and its facts, return its stored outcome when it holds for this run, else None."""
    stored = None if context.options.force else context.store.lookup(facts.sha256)
    if stored is None or not reusable(stored, context):
        return None
    return FilingOutcome(item, facts, stored_result(context.store, stored), True, stored.id)


def extract_result(path: Path, profile: Profile | None, checked_with: str) -> FilingResult:
    """Given a filing path, the run's profile and its fingerprint, return the extraction result.

    Needs no store: a Dask worker on another machine runs this (the file is read there by its path).
    """
    return replace(file_to_result(path, profile, None), checked_with=checked_with)


def new_outcome(item: InboxFile, facts: FileFacts, result: FilingResult) -> FilingOutcome:
    """Given an inbox file, its facts and what reading it gave, return its outcome, every finding with its
    stable id (from the file's content hash: a quarantined file's findings too)."""
    identified = with_finding_ids(result.exceptions, facts.sha256)
    return FilingOutcome(item, facts, replace(result, exceptions=tuple(identified)), False)


def reusable(stored: StoredFiling, context: RunContext) -> bool:
    """Given a stored filing, return whether its result holds for this run (quarantine, or same criteria)."""
    return stored.form is None or stored.checked_with == context.checked_with


def write_filing_files(outcome: FilingOutcome, context: RunContext) -> None:
    """Given an outcome, write its JSON record, or copy the file to quarantine with its reason."""
    out, result = context.options.out, outcome.result
    if result.record is not None:
        write_record(out, outcome.item.name, result.record)
        keep_original(out, outcome.item.path, outcome.facts.sha256)
        return
    rule = result.exceptions[0].rule if result.exceptions else "file_unreadable"
    quarantine(out, outcome.item, outcome.facts, rule, result.quarantine_reason or "")


def persist_filing(outcome: FilingOutcome, context: RunContext) -> FilingOutcome:
    """Given an outcome, commit it to the store (one transaction), write its files; return it with its id."""
    filing_id = outcome.filing_id
    if filing_id is None:
        filing_id = context.store.save_filing(outcome.facts, outcome.result, context.run_id)
    write_filing_files(outcome, context)
    return outcome.stored_as(filing_id)


def apply_batch_rules(outcomes: Sequence[FilingOutcome], context: RunContext) -> list[FilingReport]:
    """Given the run's outcomes, group them into submissions, read every scan against its electronic copy,
    store the batch rules' findings, each file's submission and final status, rewrite the JSON records
    (a scan's as verified); return the reports."""
    submissions = outcomes_to_submissions(outcomes)
    verifications = submissions_to_verifications(submissions)
    found = outcomes_to_batch_findings(outcomes, submissions, verifications)
    members = memberships(submissions)
    read = verified_outcomes(outcomes, submissions, verifications, context.profile)
    for outcome in read:
        name = outcome.item.name
        batch = found.get(name, [])
        if outcome.filing_id is not None:
            status = final_status(outcome, batch)
            context.store.set_batch_findings(
                outcome.filing_id, batch, status, context.run_id, members.get(name)
            )
        record = outcome.result.record
        if record is not None and name in members:
            update = {
                "exceptions": [*record.exceptions, *batch],
                "submission_id": members[name].submission_id,
            }
            write_record(context.options.out, name, record.model_copy(update=update))
    reports = [to_report(outcome, found, members.get(outcome.item.name)) for outcome in read]
    save_submissions(reports, outcomes, context)
    return reports


def save_submissions(
    reports: Sequence[FilingReport], outcomes: Sequence[FilingOutcome], context: RunContext
) -> None:
    """Given the run's reports and outcomes, store every submission's row (one transaction each)."""
    ids = {outcome.item.name: outcome.filing_id for outcome in outcomes}
    known = {
        outcome.filing_id: outcome.result.record
        for outcome in outcomes
        if outcome.filing_id is not None and outcome.result.record is not None
    }
    for submission in submissions_of(reports):
        primary = submission.primary
        record = primary.record
        if record is None:
            continue
        region = record.fields.get(REGION_FIELD)
        facts = SubmissionFacts(
            id=submission.id,
            form=record.form,
            cluster_name=primary.cluster_name or None,
            province=region_part(region, "province"),
            city=region_part(region, "city"),
            county=region_part(region, "county"),
            primary_filing_id=ids.get(primary.name),
            verdict=submission.verdict,
        )
        save_submission(context.store.engine, facts, context.run_id)
        refresh_submission(context.store.engine, submission.id, known)


def run_summary(reports: Sequence[FilingReport], inventory: Inventory, started_at: float) -> RunSummary:
    """Given the reports, the inventory and the run's start (epoch seconds), return the run summary."""
    skipped = [item.name for item in inventory.skipped]
    return summarize(reports, skipped, time.time() - started_at)


def write_reports(reports: Sequence[FilingReport], summary: RunSummary, context: RunContext) -> None:
    """Given the run's reports and summary, write records.xlsx/.csv, exceptions.xlsx and summary.md."""
    options = context.options
    out = options.out
    write_records_xlsx(out / RECORDS_XLSX, reports)
    write_records_csv(out / RECORDS_CSV, reports)
    write_exceptions_xlsx(out / EXCEPTIONS_XLSX, reports)
    markdown = summary_markdown(summary, str(options.inbox.resolve()), str(out.resolve()))
    write_text_atomically(out / SUMMARY_MD, markdown + "\n")
