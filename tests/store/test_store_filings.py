"""The store: records round-trip exactly, a filing is its content hash, versions, batch findings, PostgreSQL DDL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from cluster_intake.pipeline import extract_record
from schema.exceptions import build_exception
from schema.record import Record
from store.connection import StoreUrlError, open_engine, sqlite_url
from store.repository import FileFacts, FilingResult, IntakeStore
from store.runs import RunCounts, finish_run, start_run
from store.tables import ALL_TABLES, filings, runs

TEMPLATES = Path(__file__).parents[2] / "sample_docs" / "templates"


@pytest.fixture(scope="module")
def record() -> Record:
    return extract_record(TEMPLATES / "review_blank.docx")


@pytest.fixture
def store(tmp_path: Path) -> IntakeStore:
    return IntakeStore(open_engine(sqlite_url(tmp_path / "intake.sqlite")))


def facts(sha: str, path: str = "/inbox/a.docx") -> FileFacts:
    return FileFacts(sha256=sha * 64, path=path, file_name=Path(path).name, size=10)


def result(record: Record) -> FilingResult:
    return FilingResult(record, tuple(record.exceptions), "failed")


def test_record_round_trips_through_the_store(store: IntakeStore, record: Record) -> None:
    filing_id = store.save_filing(facts("a"), result(record), None)
    loaded = store.load_record(filing_id)
    assert loaded.sha256 == "a" * 64  # the store's hash is of the bytes it was given
    assert loaded.to_jsonable() == record.model_copy(update={"sha256": "a" * 64}).to_jsonable()


def test_saving_the_same_content_twice_adds_nothing(store: IntakeStore, record: Record) -> None:
    first = store.save_filing(facts("a"), result(record), None)
    before = store.row_counts()
    second = store.save_filing(facts("a"), result(record), None)
    assert first == second
    assert store.row_counts() == before
    assert before["field_values"] >= len(record.fields)
    assert before["exceptions"] == len(record.exceptions)


def test_changed_file_at_same_path_is_a_new_version(store: IntakeStore, record: Record) -> None:
    old = store.save_filing(facts("a"), result(record), None)
    new = store.save_filing(facts("b"), result(record), None)
    with store.engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(select(filings))}
    assert len(rows) == 2
    assert (rows[old].version, rows[old].supersedes) == (1, None)
    assert (rows[new].version, rows[new].supersedes) == (2, old)


def test_quarantined_filing_keeps_its_reason(store: IntakeStore) -> None:
    reason = "文件为空 / the file is empty"
    item = build_exception("file_unreadable", params={"reason": reason})
    filing_id = store.save_filing(facts("c"), FilingResult(None, (item,), "quarantined", reason), None)
    stored = store.lookup("c" * 64)
    assert stored is not None and stored.id == filing_id
    assert (stored.form, stored.status, stored.quarantine_reason) == (None, "quarantined", reason)
    assert store.load_exceptions(filing_id) == [item]


def test_batch_findings_are_replaced_not_added(store: IntakeStore, record: Record) -> None:
    filing_id = store.save_filing(facts("a"), result(record), None)
    duplicate = build_exception("duplicate_filing", params={"other_file": "b.docx"})
    store.set_batch_findings(filing_id, [duplicate], "failed", None)
    counts = store.row_counts()
    store.set_batch_findings(filing_id, [duplicate], "failed", None)
    assert store.row_counts() == counts
    store.set_batch_findings(filing_id, [], "failed", None)
    assert store.row_counts()["exceptions"] == counts["exceptions"] - 1
    assert store.load_exceptions(filing_id) == record.exceptions  # own findings untouched


def test_runs_are_opened_and_closed(store: IntakeStore) -> None:
    run_id = start_run(store.engine, "/in", "/out", None)
    finish_run(store.engine, run_id, RunCounts(found=3, recorded=2, skipped=1))
    with store.engine.connect() as connection:
        row = connection.execute(select(runs)).one()
    assert (row.status, row.found, row.recorded, row.skipped) == ("finished", 3, 2, 1)
    assert row.finished is not None


def test_tables_compile_for_postgresql() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    ddl = [str(CreateTable(table).compile(dialect=dialect)) for table in ALL_TABLES]
    assert any("JSON" in statement for statement in ddl)
    numbered = [s for t, s in zip(ALL_TABLES, ddl, strict=True) if t.name != "submissions"]
    assert all("SERIAL" in statement or "IDENTITY" in statement for statement in numbered)


def test_bad_url_is_a_store_error_that_hides_the_password() -> None:
    with pytest.raises(StoreUrlError):
        open_engine("nosuchdialect://x")
    with pytest.raises(StoreUrlError) as raised:
        open_engine("postgresql+nosuchdriver://user:secret@localhost/intake")
    assert "secret" not in str(raised.value) and "***" in str(raised.value)
