"""Submissions: 退回 asked and signed with its notice, 审结, assignment, and a new version reopening them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from review_store import CLEAN, MESSY, SAMPLES, ingest, open_findings, submission_of, verdict_of
from sqlalchemy import Engine, select

from review.actions import ConflictError, decide
from review.queries import earlier_decisions, finding_row
from review.workflow import Actor, ask_close, ask_return, assign, sign_close, sign_return
from store.review_tables import audit, returns
from store.tables import submissions

OPERATOR, SUPERVISOR = Actor("甲", "operator"), Actor("主管", "supervisor")


def test_a_return_asked_by_an_operator_waits_for_a_supervisor_who_signs_the_notice(
    store: tuple[Engine, Path],
) -> None:
    engine, _ = store
    submission = submission_of(engine, MESSY)
    finding = next(iter(open_findings(engine, submission).values()))
    decide(engine, finding, "returned", "请核实", "甲", 0)
    ask_return(engine, submission, "请按通知修改后重新报送。", OPERATOR)
    assert verdict_of(engine, submission)[3] == "return_asked"
    with pytest.raises(PermissionError):
        sign_return(engine, submission, OPERATOR)
    sign_return(engine, submission, SUPERVISOR)
    assert verdict_of(engine, submission)[3] == "returned"
    with engine.connect() as connection:
        row = connection.execute(select(returns)).one()
        actions = [a.action for a in connection.execute(select(audit).order_by(audit.c.id))]
    assert (row.asked_by, row.signed_by) == ("甲", "主管") and row.notice
    assert actions == ["returned", "return_asked", "returned"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(row.notice)).paragraphs)
    cells = [c.text for t in docx.Document(io.BytesIO(row.notice)).tables for r in t.rows for c in r.cells]
    assert "请按通知修改后重新报送。" in text and "审核人：甲" in text and "签批人：主管" in text
    marked = finding_row(engine.connect(), finding)
    assert marked is not None and marked.message in cells  # the item marked 退回 is listed


def test_a_supervisor_returns_at_once_and_a_returned_submission_cannot_be_returned_again(
    store: tuple[Engine, Path],
) -> None:
    engine, _ = store
    submission = submission_of(engine, MESSY)
    ask_return(engine, submission, "材料不全。", SUPERVISOR)
    assert verdict_of(engine, submission)[3] == "returned"
    with pytest.raises(ConflictError):
        ask_return(engine, submission, "再次退回", OPERATOR)


def test_close_asked_and_signed_and_assignment_by_a_supervisor_only(store: tuple[Engine, Path]) -> None:
    engine, _ = store
    submission = submission_of(engine, f"{CLEAN}.docx")
    with pytest.raises(PermissionError):
        assign(engine, submission, "甲", OPERATOR)
    assign(engine, submission, "甲", SUPERVISOR)
    ask_close(engine, submission, "无问题", OPERATOR)
    assert verdict_of(engine, submission)[3] == "close_asked"
    sign_close(engine, submission, SUPERVISOR)
    with engine.connect() as connection:
        row = connection.execute(select(submissions).where(submissions.c.id == submission)).one()
    assert (row.assignee, row.review_status) == ("甲", "closed")


def test_a_new_version_from_the_district_reopens_findings_with_the_earlier_decision_as_history(
    store: tuple[Engine, Path],
) -> None:
    engine, root = store
    submission = submission_of(engine, MESSY)
    found = open_findings(engine, submission)
    key, finding = next(iter(found.items()))
    decide(engine, finding, "returned", "请修改", "甲", 0)
    ask_return(engine, submission, "请修改后重新报送。", SUPERVISOR)
    assert verdict_of(engine, submission)[3] == "returned"
    edited(SAMPLES / "docx" / MESSY, root / "inbox" / MESSY, "48.15", "46.15")  # a new version: new bytes
    ingest(root / "inbox", root / "out")
    status = verdict_of(engine, submission)[3]
    assert status == "open"
    again = open_findings(engine, submission)
    assert key in again and again[key] != finding  # the same item, a new finding, open again
    with engine.connect() as connection:
        history = earlier_decisions(connection, finding_row(connection, again[key]))  # type: ignore[arg-type]
        reopened = connection.execute(select(audit).where(audit.c.action == "reopened")).all()
    assert [(h.action, h.by_user, h.reason) for h in history] == [("returned", "甲", "请修改")]
    assert len(reopened) == 1


def edited(source: Path, target: Path, old: str, new: str) -> None:
    """Copy a .docx with one text of its body replaced (the district's corrected version)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                assert data.count(old.encode()) == 1
                data = data.replace(old.encode(), new.encode())
            copy.writestr(info, data)
