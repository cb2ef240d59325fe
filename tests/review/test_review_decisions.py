"""Decisions on findings: accept, correct, 退回 — saved with their audit rows, conflicts refused."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from review_store import MESSY, ingest, open_findings, submission_of, verdict_of
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import DBAPIError

from review.actions import CellRef, ConflictError, correct, decide
from review.values import CorrectionError, CorrectionInput
from store.review_tables import audit, corrections, decisions

RATIO = "ratio_inconsistent"


def messy(engine: Engine) -> str:
    return submission_of(engine, MESSY)


def test_the_batch_fills_the_review_with_each_submission_s_findings(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    found = open_findings(engine, messy(engine))
    assert (RATIO, "digital.cloud_adoption_rate", "2024") in found
    assert all(finding.startswith("F") for finding in found.values())
    verdict, errors, warnings, status = verdict_of(engine, messy(engine))
    assert (verdict, status) == ("failed", "open") and errors > 0 and warnings > 0


def test_correcting_a_ratio_makes_its_finding_disappear_and_is_audited(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    submission = messy(engine)
    finding = open_findings(engine, submission)[(RATIO, "digital.cloud_adoption_rate", "2024")]
    cell = CellRef(submission, "digital.cloud_adoption_rate", "2024")
    correct(engine, cell, CorrectionInput(text="58.99"), "按表内数据重算", "甲", 0, (finding, 0))
    assert (RATIO, "digital.cloud_adoption_rate", "2024") not in open_findings(engine, submission)
    with engine.connect() as connection:
        (row,) = connection.execute(select(audit).where(audit.c.action == "corrected")).all()
        (kept,) = connection.execute(select(corrections)).all()
    assert (row.by_user, row.field, row.year, row.old_value, row.new_value) == (
        "甲",
        "digital.cloud_adoption_rate",
        "2024",
        67.99,
        58.99,
    )
    assert row.finding_id == finding and row.reason == "按表内数据重算"
    assert (kept.value, kept.status, kept.version) == (58.99, "present", 1)


def test_a_correction_that_is_no_value_of_the_field_is_refused_and_nothing_is_saved(
    store: tuple[Engine, Path],
) -> None:
    engine, _ = store
    cell = CellRef(messy(engine), "digital.cloud_adoption_rate", "2024")
    with pytest.raises(CorrectionError, match="不是有效的百分比数字"):
        correct(engine, cell, CorrectionInput(text="约六成"), "", "甲", 0)
    with engine.connect() as connection:
        assert connection.execute(select(corrections)).all() == []
        assert connection.execute(select(audit)).all() == []


def test_accepting_every_error_changes_the_verdict(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    submission = messy(engine)
    with engine.connect() as connection:
        from store.review_tables import review_findings

        errors = connection.execute(
            select(review_findings.c.finding_id).where(
                review_findings.c.submission_id == submission, review_findings.c.severity == "error"
            )
        ).scalars()
        ids = list(errors)
    for finding in ids:
        decide(engine, finding, "accepted", "已核实", "甲", 0)
    verdict, errors_left, warnings, _ = verdict_of(engine, submission)
    assert (verdict, errors_left) == ("needs_review", 0) and warnings > 0


def test_an_accept_needs_a_reason(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    finding = next(iter(open_findings(engine, messy(engine)).values()))
    with pytest.raises(ValueError, match="理由"):
        decide(engine, finding, "accepted", "  ", "甲", 0)


def test_a_second_save_from_a_stale_page_conflicts_and_the_first_is_kept(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    finding = next(iter(open_findings(engine, messy(engine)).values()))
    decide(engine, finding, "accepted", "甲的理由", "甲", 0)
    with pytest.raises(ConflictError, match="已被甲"):
        decide(engine, finding, "returned", "乙的理由", "乙", 0)  # 乙 saw version 0 too
    decide(engine, finding, "returned", "乙看过甲的决定后", "乙", 1)
    with engine.connect() as connection:
        row = connection.execute(select(decisions).where(decisions.c.finding_id == finding)).one()
        actions = list(connection.execute(select(audit.c.action, audit.c.by_user).order_by(audit.c.id)))
    assert (row.action, row.by_user, row.version) == ("returned", "乙", 2)
    assert [tuple(a) for a in actions] == [("accepted", "甲"), ("returned", "乙")]


def test_two_corrections_of_one_cell_from_the_same_page_conflict(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    cell = CellRef(messy(engine), "basic.area", None)
    correct(engine, cell, CorrectionInput(text="12.5"), "", "甲", 0)
    with pytest.raises(ConflictError):
        correct(engine, cell, CorrectionInput(text="13"), "", "乙", 0)
    with engine.connect() as connection:
        assert connection.execute(select(corrections.c.value)).scalar_one() == 12.5


def test_no_code_can_update_or_delete_an_audit_row(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    finding = next(iter(open_findings(engine, messy(engine)).values()))
    decide(engine, finding, "accepted", "理由", "甲", 0)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(update(audit).values(reason="改写"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(delete(audit))


def test_decisions_and_corrections_survive_a_rerun_of_the_batch(store: tuple[Engine, Path]) -> None:
    engine, root = store
    submission = messy(engine)
    found = open_findings(engine, submission)
    ratio = found[(RATIO, "digital.cloud_adoption_rate", "2024")]
    other = next(f for key, f in found.items() if key[0] != RATIO)
    correct(
        engine,
        CellRef(submission, "digital.cloud_adoption_rate", "2024"),
        CorrectionInput(text="58.99"),
        "",
        "甲",
        0,
    )
    decide(engine, other, "accepted", "已核实", "甲", 0)
    before = verdict_of(engine, submission)
    ingest(root / "inbox", root / "out")
    assert verdict_of(engine, submission) == before
    again = open_findings(engine, submission)
    assert ratio not in again.values() and other not in again.values()
    with engine.connect() as connection:
        assert (
            connection.execute(select(decisions.c.action).where(decisions.c.finding_id == other)).scalar()
            == "accepted"
        )
        assert len(connection.execute(select(audit)).all()) == 2


def test_operators_decide_while_the_batch_runs_and_nothing_is_lost(store: tuple[Engine, Path]) -> None:
    """A nightly run over the same store while an operator works: neither waits on the other for long, and
    every decision is kept and shown (the run's refresh never writes over a decision it did not see)."""
    engine, root = store
    submission = messy(engine)
    targets = list(open_findings(engine, submission).values())[:8]
    failures: list[BaseException] = []

    def batch() -> None:
        try:
            for _ in range(3):
                ingest(root / "inbox", root / "out")
        except BaseException as error:
            failures.append(error)

    runner = threading.Thread(target=batch)
    runner.start()
    for finding in targets:
        decide(engine, finding, "accepted", "夜间批处理运行时处理", "甲", 0)
    runner.join(timeout=120)
    assert not runner.is_alive() and not failures
    with engine.connect() as connection:
        from store.review_tables import review_findings

        states = dict(
            connection.execute(
                select(review_findings.c.finding_id, review_findings.c.state).where(
                    review_findings.c.finding_id.in_(targets)
                )
            ).all()
        )
        assert len(connection.execute(select(decisions)).all()) == len(targets)
    assert states == dict.fromkeys(targets, "accepted")
