"""A store of known filings for the review tests: filed through the batch's own steps (no Prefect)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, select

from flows import steps
from flows.arguments import RunOptions
from flows.context import close_run, run_context
from flows.discovery import inbox_to_inventory
from flows.outcome import FilingOutcome
from sample_docs.builder import build_document
from sample_docs.builder.filling import CoverFill, Filling, slot_key
from store.connection import open_engine, sqlite_url
from store.review_tables import review_findings
from store.tables import submissions

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"
MESSY = "02_application_messy.docx"
CLEAN = "00_application_clean"


def ingest(inbox: Path, out: Path) -> Engine:
    """Given an inbox and an output folder, run the batch's steps over the inbox; return the store."""
    options = RunOptions(inbox=inbox, out=out, quiet=True)
    with run_context(options) as context:
        outcomes: list[FilingOutcome] = []
        for item in inbox_to_inventory(inbox).filings:
            outcomes.append(steps.persist_filing(steps.intake_file(item, context), context))
        reports = steps.apply_batch_rules(outcomes, context)
        close_run(context, steps.run_summary(reports, inbox_to_inventory(inbox), 0.0))
    return open_engine(sqlite_url(out / "intake.sqlite"))


def sample_inbox(root: Path) -> Path:
    """Given a folder, write an inbox: a messy Word filing, and the Word + PDF copies of a clean one."""
    inbox = root / "inbox"
    inbox.mkdir(parents=True)
    shutil.copy(SAMPLES / "docx" / MESSY, inbox / MESSY)
    shutil.copy(SAMPLES / "docx" / f"{CLEAN}.docx", inbox / f"{CLEAN}.docx")
    shutil.copy(SAMPLES / "pdf" / f"{CLEAN}.pdf", inbox / f"{CLEAN}.pdf")
    return inbox


def write_named_filing(path: Path, name: str, authority: str = "县经信局") -> Path:
    """Write an application filing whose cluster name (and cover authority) may be anything."""
    texts = {
        slot_key("basic.cluster_name"): (name,),
        slot_key("industry.total_output", "2022"): ("45.5",),
        slot_key("industry.total_output", "2023"): ("52.25",),
        slot_key("industry.total_output", "2024"): ("60",),
    }
    cover = CoverFill(
        name, "浙江", "宁波", "慈溪", authority, "园区运营公司", "2025年4月10日", "张三 0574-12345678"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    build_document("application", Filling(texts=texts, cover=cover)).save(str(path))
    return path


def submission_of(engine: Engine, file_name: str) -> str:
    """Given the store and a file name, return the id of the submission the file belongs to."""
    from store.tables import filings

    with engine.connect() as connection:
        row = connection.execute(
            select(filings.c.submission_id).where(filings.c.file_name == file_name)
        ).first()
    assert row is not None and row.submission_id
    return str(row.submission_id)


def open_findings(engine: Engine, submission_id: str) -> dict[tuple[str, str | None, str | None], str]:
    """Given a submission, return its current findings (rule, field, year) → finding id, open ones only."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(review_findings).where(
                review_findings.c.submission_id == submission_id, review_findings.c.state == "open"
            )
        )
        return {(r.rule, r.field, r.year): r.finding_id for r in rows}


def verdict_of(engine: Engine, submission_id: str) -> tuple[str, int, int, str]:
    """Given a submission, return its review verdict, open errors and warnings, and review status."""
    with engine.connect() as connection:
        row = connection.execute(select(submissions).where(submissions.c.id == submission_id)).one()
    return row.review_verdict, row.open_errors, row.open_warnings, row.review_status
