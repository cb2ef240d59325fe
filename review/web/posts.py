"""The actions (POST, each with its CSRF token): decide a finding, correct a cell, 退回 / 审结 / assign.

After a decision the operator lands on the next open finding of the submission. A refused correction or a
conflict shows the finding again with the message and what was entered, so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from review.actions import ACCEPTED, RETURNED, CellRef, ConflictError, NotFoundError, correct, decide
from review.finding_view import finding_view
from review.queries import next_open, submission_findings, submission_row
from review.values import CorrectionError, CorrectionInput
from review.web.render import engine, render_page
from review.workflow import Actor, ask_close, ask_return, assign, reopen, sign_close, sign_return

posts = Blueprint("posts", __name__)
MAX_NOTE = 2000


def _actor() -> Actor:
    return Actor(current_user.name, current_user.role)


def _note(name: str = "note") -> str:
    return request.form.get(name, "")[:MAX_NOTE]


def _version(name: str) -> int:
    text = request.form.get(name, "0")
    return int(text) if text.isdigit() and len(text) < 9 else 0


def _after_decision(submission_id: str, finding_id: str) -> Response:
    """Where an operator lands after deciding: the next open finding, else the submission."""
    with engine().connect() as connection:
        following = next_open(submission_findings(connection, submission_id), finding_id)
    if following is None:
        flash("该申报的异常已全部处理。")
        return redirect(url_for("pages.submission", submission_id=submission_id))
    return redirect(url_for("pages.finding", finding_id=following))


def _again(finding_id: str, message: str, status: int) -> Any:
    """Show the finding again with a message and the operator's input (a refused or conflicting save)."""
    view = finding_view(engine(), finding_id)
    if view is None:
        abort(404)
    with engine().connect() as connection:
        row = submission_row(connection, view.finding.submission_id)
    entered = {key: request.form.get(key, "")[:MAX_NOTE] for key in ("text", "note", "count", "names")}
    html = render_page(
        "finding.html", view=view, submission=row, error=message, entered=entered, status=status
    )
    return html, status


@posts.route("/f/<finding_id>/decide", methods=["POST"])
def decide_finding(finding_id: str) -> Any:
    """Accept a finding (with a reason) or mark it to be returned to the district."""
    action = request.form.get("action", "")
    if action not in (ACCEPTED, RETURNED):
        abort(400)
    try:
        decide(engine(), finding_id, action, _note(), current_user.name, _version("decision_version"))
    except NotFoundError:
        abort(404)
    except ConflictError as error:
        return _again(finding_id, str(error), 409)
    except ValueError as error:
        return _again(finding_id, str(error), 400)
    submission_id = request.form.get("submission_id", "")
    return _after_decision(submission_id, finding_id)


def _cell(finding_id: str) -> CellRef:
    """Return the cell a correction names: the finding's own, or one of the cells it relates."""
    view = finding_view(engine(), finding_id)
    if view is None:
        abort(404)
    field_id, _, year_text = request.form.get("cell", "").partition("|")
    year = year_text or None
    allowed = {(c.field, c.year) for c in [*([view.cell] if view.cell else []), *view.related]}
    if (field_id, year) not in allowed:
        abort(400)
    return CellRef(view.finding.submission_id, field_id, year)


@posts.route("/f/<finding_id>/correct", methods=["POST"])
def correct_cell(finding_id: str) -> Any:
    """Correct the finding's cell (or a related one): parsed by its field's normaliser, validated again."""
    cell = _cell(finding_id)
    given = CorrectionInput(
        text=request.form.get("text", "")[:20_000],
        options=tuple(request.form.getlist("options"))[:50],
        count=request.form.get("count", "")[:20],
        names=request.form.get("names", "")[:20_000],
    )
    answered = (finding_id, _version("decision_version"))
    try:
        correct(engine(), cell, given, _note(), current_user.name, _version("correction_version"), answered)
    except CorrectionError as error:
        return _again(finding_id, str(error), 400)
    except ConflictError as error:
        return _again(finding_id, str(error), 409)
    except NotFoundError:
        abort(404)
    flash("已更正并重新校验。")
    return _after_decision(cell.submission_id, finding_id)


def _submission_action(submission_id: str, action: str) -> None:
    actor = _actor()
    if action == "return":
        ask_return(engine(), submission_id, _note("message"), actor)
    elif action == "sign_return":
        sign_return(engine(), submission_id, actor)
    elif action == "close":
        ask_close(engine(), submission_id, _note(), actor)
    elif action == "sign_close":
        sign_close(engine(), submission_id, actor)
    elif action == "reopen":
        reopen(engine(), submission_id, _note(), actor)
    elif action == "assign":
        assign(engine(), submission_id, request.form.get("assignee") or None, actor)
    else:
        abort(400)


@posts.route("/s/<submission_id>/act", methods=["POST"])
def act_on_submission(submission_id: str) -> Any:
    """退回, 审结, their sign-off, reopening and assignment of a whole submission."""
    try:
        _submission_action(submission_id, request.form.get("action", ""))
    except NotFoundError:
        abort(404)
    except PermissionError as error:
        flash(str(error))
        return redirect(url_for("pages.submission", submission_id=submission_id)), 403
    except (ConflictError, ValueError) as error:
        flash(str(error))
    return redirect(url_for("pages.submission", submission_id=submission_id))
