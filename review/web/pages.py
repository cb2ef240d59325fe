"""The pages (GET): the queue, one submission, one finding, the 退回 notice, the health of the batch."""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, request, send_file

from review.accounts import user_names
from review.finding_view import finding_view
from review.queries import (
    QueueFilter,
    audit_rows,
    copy_rows,
    last_run,
    queue,
    return_rows,
    submission_findings,
    submission_row,
)
from review.web.evidence import prepare_scans, table_html
from review.web.render import engine, render_page
from review.workflow import STATUS_ZH
from schema.catalog import load_field_catalogue
from schema.rules_catalog import load_rule_catalogue

pages = Blueprint("pages", __name__)
MAX_TEXT_FILTER = 100
SEVERITIES = ("error", "warning", "info")


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 7 else default


def _choice(name: str, allowed: tuple[str, ...] | frozenset[str]) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


def queue_filter() -> QueueFilter:
    """Return the queue's filters from the query string (unknown values are ignored)."""
    rules = frozenset(rule.id for rule in load_rule_catalogue().rules)
    sections = frozenset(s.id for s in load_field_catalogue().sections)
    return QueueFilter(
        severity=_choice("severity", SEVERITIES),
        rule=_choice("rule", rules),
        section=_choice("section", sections),
        status=_choice("status", tuple(STATUS_ZH)),
        text=request.args.get("q", "")[:MAX_TEXT_FILTER],
        assignee=request.args.get("assignee", "")[:MAX_TEXT_FILTER],
        page=_int(request.args.get("page"), 1),
    )


@pages.route("/", endpoint="queue")
def queue_page() -> Any:
    """The queue: submissions with their verdict and open counts, filtered, most errors first."""
    filters = queue_filter()
    found = queue(engine(), filters)
    return render_page(
        "queue.html",
        queue=found,
        filters=filters,
        rule_options=[(r.id, r.title) for r in load_rule_catalogue().rules if r.category != "evidence"],
        assignees=user_names(engine()),
        last_run=last_run(engine()),
    )


@pages.route("/s/<submission_id>")
def submission(submission_id: str) -> Any:
    """One submission: its copies, findings, 佐证材料 checklist, 退回 and history."""
    with engine().connect() as connection:
        row = submission_row(connection, submission_id)
        if row is None:
            abort(404)
        findings = submission_findings(connection, submission_id)
        copies = copy_rows(connection, submission_id)
        returns = return_rows(connection, submission_id)
        history = audit_rows(connection, submission_id)
    prepare_scans(findings)
    severity = _choice("severity", SEVERITIES)
    shown = [f for f in findings if f.category != "evidence" and (not severity or f.severity == severity)]
    return render_page(
        "submission.html",
        submission=row,
        findings=shown,
        checklist=[f for f in findings if f.category == "evidence"],
        copies=copies,
        returns=returns,
        history=history,
        operators=user_names(engine()),
        severity=severity,
    )


@pages.route("/f/<finding_id>")
def finding(finding_id: str) -> Any:
    """One finding with its evidence, the related cells, the actions and its history."""
    view = finding_view(engine(), finding_id)
    if view is None:
        abort(404)
    with engine().connect() as connection:
        row = submission_row(connection, view.finding.submission_id)
    html = table_html(view.evidence)
    return render_page("finding.html", view=view, submission=row, entered={}, evidence_html=html)


@pages.route("/s/<submission_id>/notice/<int:return_id>.docx")
def notice(submission_id: str, return_id: int) -> Any:
    """The signed 退回 notice of a submission, as a Word document."""
    with engine().connect() as connection:
        rows = [r for r in return_rows(connection, submission_id) if r.id == return_id and r.notice]
    if not rows:
        abort(404)
    return send_file(
        io.BytesIO(rows[0].notice),
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        as_attachment=True,
        download_name=f"退回通知_{submission_id}_{return_id}.docx",
    )


@pages.route("/health")
def health() -> Any:
    """The last batch run and its counts."""
    return render_page("health.html", last_run=last_run(engine()))
