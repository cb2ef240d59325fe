"""The review's tables on both stores: SQLite and PostgreSQL (a throwaway server in CI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_store import MESSY, ingest, open_findings, sample_inbox, submission_of, verdict_of
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from review.actions import CellRef, ConflictError, correct, decide
from review.values import CorrectionInput
from review.workflow import Actor, ask_return
from store.review_tables import audit, returns


def test_decisions_corrections_audit_and_returns_on_each_store(tmp_path: Path, db_url: str) -> None:
    engine = ingest(sample_inbox(tmp_path), tmp_path / "out", db_url)
    submission = submission_of(engine, MESSY)
    found = open_findings(engine, submission)
    ratio = found[("ratio_inconsistent", "digital.cloud_adoption_rate", "2024")]
    correct(
        engine,
        CellRef(submission, "digital.cloud_adoption_rate", "2024"),
        CorrectionInput(text="58.99"),
        "",
        "甲",
        0,
        (ratio, 0),
    )
    other = next(f for key, f in open_findings(engine, submission).items() if key[0] != "evidence_required")
    decide(engine, other, "accepted", "已核实", "甲", 0)
    with pytest.raises(ConflictError):
        decide(engine, other, "returned", "", "乙", 0)
    ask_return(engine, submission, "请修改。", Actor("主管", "supervisor"))
    assert verdict_of(engine, submission)[3] == "returned"
    ingest(tmp_path / "inbox", tmp_path / "out", db_url)  # a re-run keeps every decision
    assert ratio not in open_findings(engine, submission).values()
    with engine.connect() as connection:
        actions = [row.action for row in connection.execute(select(audit).order_by(audit.c.id))]
        assert connection.execute(select(returns.c.notice)).scalar_one()
    assert actions == ["corrected", "accepted", "return_asked", "returned"]
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(update(audit).values(reason="改写"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(delete(audit))
