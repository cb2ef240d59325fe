"""The review station over HTTP (Flask's test client): log-in on every route, CSRF on every change,
conflicts, and every text from a filing shown as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from review_store import MESSY, ingest, open_findings, submission_of, write_named_filing
from sqlalchemy import Engine

from review.accounts import add_user
from review.web.app import create_app
from review.web.config import ReviewConfig

PASSWORD = "password-1234"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def app_for(engine: Engine, out: Path) -> Flask:
    add_user(engine, "甲", "operator", PASSWORD)
    add_user(engine, "乙", "operator", PASSWORD)
    add_user(engine, "主管", "supervisor", PASSWORD)
    return create_app(ReviewConfig(str(engine.url), out), engine)


def logged_in(app: Flask, name: str = "甲") -> FlaskClient:
    client = app.test_client()
    token = TOKEN.search(client.get("/login").text)
    assert token is not None
    answer = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token.group(1)})
    assert answer.status_code == 302
    return client


def token_of(client: FlaskClient, page: str) -> str:
    found = TOKEN.search(client.get(page).text)
    assert found is not None
    return found.group(1)


@pytest.fixture
def app(store: tuple[Engine, Path]) -> Flask:
    engine, root = store
    return app_for(engine, root / "out")


def concrete(rule: str, finding: str, submission: str) -> str:
    """A URL of a rule with its variables filled in."""
    return re.sub(
        r"<(?:int:)?(\w+)>",
        lambda m: {"finding_id": finding, "submission_id": submission}.get(m[1], "1"),
        rule,
    )


def test_every_route_without_log_in_is_refused(app: Flask, store: tuple[Engine, Path]) -> None:
    engine, _ = store
    submission = submission_of(engine, MESSY)
    finding = next(iter(open_findings(engine, submission).values()))
    client = app.test_client()
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("auth.login", "static"):
            continue
        url = concrete(rule.rule, finding, submission)
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            answer = client.open(url, method=method)
            assert answer.status_code in (302, 401), (method, url, answer.status_code)
            if answer.status_code == 302:
                assert answer.headers["Location"].startswith("/login")
            checked += 1
    assert checked >= 12


def test_every_state_changing_request_without_a_csrf_token_is_refused(
    app: Flask, store: tuple[Engine, Path]
) -> None:
    engine, _ = store
    submission = submission_of(engine, MESSY)
    finding = next(iter(open_findings(engine, submission).values()))
    client = logged_in(app)
    posts = [
        r for r in app.url_map.iter_rules() if "POST" in (r.methods or set()) and r.endpoint != "auth.login"
    ]
    assert len(posts) >= 4
    for rule in posts:
        url = concrete(rule.rule, finding, submission)
        answer = client.post(url, data={"action": "accepted", "note": "x", "decision_version": "0"})
        assert answer.status_code == 400, (url, answer.status_code)
    assert (
        open_findings(engine, submission)[
            next(k for k, v in open_findings(engine, submission).items() if v == finding)
        ]
        == finding
    )


def test_a_second_operator_s_stale_save_conflicts_and_the_first_is_kept(
    app: Flask, store: tuple[Engine, Path]
) -> None:
    engine, _ = store
    submission = submission_of(engine, MESSY)
    finding = next(iter(open_findings(engine, submission).values()))
    first, second = logged_in(app, "甲"), logged_in(app, "乙")
    page = f"/f/{finding}"
    token_a, token_b = token_of(first, page), token_of(second, page)  # both see version 0
    data = {"action": "accepted", "decision_version": "0", "submission_id": submission}
    assert (
        first.post(f"{page}/decide", data={**data, "note": "甲核实", "csrf_token": token_a}).status_code
        == 302
    )
    answer = second.post(f"{page}/decide", data={**data, "note": "乙的输入", "csrf_token": token_b})
    assert answer.status_code == 409
    assert "已被甲" in answer.text and "乙的输入" in answer.text  # what 乙 typed is shown again
    assert "甲核实" in first.get(page).text


def test_a_refused_correction_says_why_and_keeps_the_input(app: Flask, store: tuple[Engine, Path]) -> None:
    engine, _ = store
    submission = submission_of(engine, MESSY)
    found = open_findings(engine, submission)
    finding = found[("ratio_inconsistent", "digital.cloud_adoption_rate", "2024")]
    client = logged_in(app)
    page = f"/f/{finding}"
    data = {
        "cell": "digital.cloud_adoption_rate|2024",
        "text": "大约六成",
        "decision_version": "0",
        "correction_version": "0",
    }
    answer = client.post(f"{page}/correct", data={**data, "csrf_token": token_of(client, page)})
    assert answer.status_code == 400 and "不是有效的百分比数字" in answer.text and "大约六成" in answer.text
    data["text"] = "58.99"
    answer = client.post(f"{page}/correct", data={**data, "csrf_token": token_of(client, page)})
    assert answer.status_code == 302
    assert ("ratio_inconsistent", "digital.cloud_adoption_rate", "2024") not in open_findings(
        engine, submission
    )
    assert client.post(
        f"{page}/correct", data={**data, "cell": "basic.area|", "csrf_token": token_of(client, page)}
    ).status_code in (400, 404)


HOSTILE = '<script>alert("x")</script>=HYPERLINK("http://example.invalid","点击")'


def test_a_field_value_with_html_or_a_formula_is_shown_as_text(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_named_filing(inbox / "hostile.docx", HOSTILE, authority='<img src=x onerror="alert(1)">')
    engine = ingest(inbox, tmp_path / "out")
    client = logged_in(app_for(engine, tmp_path / "out"))
    queue = client.get("/").text
    assert "<script>alert" not in queue and "&lt;script&gt;alert" in queue
    submission = submission_of(engine, "hostile.docx")
    page = client.get(f"/s/{submission}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    for finding in open_findings(engine, submission).values():
        text = client.get(f"/f/{finding}").text
        assert "<script>alert" not in text and "<img src=x onerror" not in text
    answer = client.get("/")
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
