"""The store: records round-trip exactly, a filing is its content hash, versions, batch findings, PostgreSQL DDL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from cluster_intake.pipeline import extract_record
from schema.exceptions import build_exception
from schema.record import Record
from store.connection import StoreUrlError, open_engine
from store.history import new_since_last_run
from store.repository import FileFacts, FilingResult, IntakeStore
from store.rows import value_rows
from store.runs import RunCounts, finish_run, start_run
from store.tables import ALL_TABLES, filings, runs

TEMPLATES = Path(__file__).parents[2] / "sample_docs" / "templates"


@pytest.fixture(scope="module")
def record() -> Record:
    return extract_record(TEMPLATES / "review_blank.docx")


@pytest.fixture
def store(db_url: str) -> IntakeStore:
    """The store on each backend (SQLite file; PostgreSQL database of its own)."""
    return IntakeStore(open_engine(db_url))


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


def test_concurrent_saves_of_one_content_store_it_once(db_url: str, record: Record) -> None:
    """Three runs at once (threads, each with its own engine, as processes would have): nothing doubled."""
    stores = [IntakeStore(open_engine(db_url)) for _ in range(3)]
    contents = "abcdef"
    barrier = threading.Barrier(len(stores), timeout=60)
    duplicate = build_exception("duplicate_filing", params={"other_file": "b.docx"})

    def save_all(store: IntakeStore) -> list[int]:
        ids = []
        for sha in contents:
            barrier.wait()
            ids.append(store.save_filing(facts(sha, f"/inbox/{sha}.docx"), result(record), None))
            barrier.wait()
            store.set_batch_findings(ids[-1], [duplicate], "failed", None)
        return ids

    with ThreadPoolExecutor(len(stores)) as pool:
        ids = list(pool.map(save_all, stores))
    assert ids[0] == ids[1] == ids[2]
    counts = stores[0].row_counts()
    assert counts["filings"] == len(contents)
    assert counts["field_values"] == len(contents) * len(value_rows(0, record))
    assert counts["exceptions"] == len(contents) * (len(record.exceptions) + 1)


def test_runs_opening_a_new_store_at_once_all_get_a_ready_schema(db_url: str) -> None:
    """Six engines open one new, empty store at the same moment (as runs started together do): each either
    creates the schema or waits and finds it ready; none fails on a table another one just created."""
    openers = 6
    barrier = threading.Barrier(openers, timeout=60)

    def open_at_once(_: int) -> int:
        barrier.wait()
        engine = open_engine(db_url)
        try:
            return IntakeStore(engine).row_counts()["filings"]
        finally:
            engine.dispose()

    with ThreadPoolExecutor(openers) as pool:
        assert list(pool.map(open_at_once, range(openers))) == [0] * openers


def test_a_missing_driver_says_how_to_install_it() -> None:
    with pytest.raises(StoreUrlError) as raised:
        open_engine("postgresql+pg8000://user:secret@127.0.0.1:1/intake")  # pg8000 is not installed
    assert "cluster-intake[postgres]" in str(raised.value) and "secret" not in str(raised.value)


@pytest.mark.postgres
def test_a_plain_postgresql_url_uses_the_installed_psycopg(pg_url: str) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    engine = open_engine(plain)
    assert engine.dialect.driver == "psycopg"
    assert IntakeStore(engine).row_counts()["filings"] == 0


def test_new_since_the_last_finished_run(store: IntakeStore, record: Record) -> None:
    first = start_run(store.engine, "/in", "/out", None)
    old = store.save_filing(facts("a"), result(record), first)
    assert new_since_last_run(store.engine, first, [old]) == {old}  # no run finished yet: all new
    finish_run(store.engine, first, RunCounts())
    killed = start_run(store.engine, "/in", "/out", None)  # killed: never finished
    from_killed = store.save_filing(facts("b"), result(record), killed)
    current = start_run(store.engine, "/in", "/out", None)
    new = store.save_filing(facts("c"), result(record), current)
    assert new_since_last_run(store.engine, current, [old, from_killed, new]) == {from_killed, new}
