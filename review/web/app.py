"""`create_app`: the Flask app of the review station — log-in on every route, CSRF on every change.

Flask brings sessions (signed cookies), Jinja templates (autoescaped) and static files; Flask-Login keeps
who is logged in; Flask-WTF's CSRFProtect refuses every state-changing request without the form's token.
Every page, script and style is served by the app itself (the office has no internet), and every answer
carries headers that keep the browser from running anything it did not get from the app.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask, Response, redirect, request, url_for
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import Engine

from review.accounts import user_by_id
from review.web.auth import SessionUser, auth
from review.web.config import ReviewConfig, secret_key
from review.web.evidence import evidence
from review.web.exports import exports
from review.web.pages import pages
from review.web.posts import posts
from review.web.render import render_page
from store.connection import open_engine

PUBLIC_ENDPOINTS = frozenset({"auth.login", "static"})
SESSION_HOURS = 10
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _login_manager(app: Flask, engine: Engine) -> None:
    manager = LoginManager(app)
    manager.session_protection = "strong"
    manager.login_view = "auth.login"
    manager.login_message = "请先登录。"

    @manager.user_loader  # type: ignore[untyped-decorator]
    def load_user(user_id: str) -> SessionUser | None:
        user = user_by_id(engine, int(user_id)) if user_id.isdigit() else None
        return SessionUser(user) if user is not None else None


def _guards(app: Flask) -> None:
    @app.before_request
    def require_login() -> Any:
        if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
            return None
        if request.method == "GET":
            return redirect(url_for("auth.login", next=request.full_path))
        return Response("请先登录 / log in first", status=401, mimetype="text/plain")

    @app.after_request
    def secure(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError) -> tuple[str, int]:
        return render_page("error.html", message="页面已过期或请求来源无效，请刷新后重试。"), 400

    @app.errorhandler(404)
    def not_found(error: Exception) -> tuple[str, int]:
        return render_page("error.html", message="没有找到该页面或记录。"), 404


def create_app(config: ReviewConfig, engine: Engine | None = None) -> Flask:
    """Given the station's config (and optionally an open engine), return the Flask app."""
    store = engine or open_engine(config.db_url)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key(store),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        REMEMBER_COOKIE_SECURE=config.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
        WTF_CSRF_TIME_LIMIT=SESSION_HOURS * 3600,
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.extensions["review_engine"] = store
    app.extensions["review_config"] = config
    _login_manager(app, store)
    _guards(app)  # before CSRFProtect: a request without log-in is refused as such, first
    CSRFProtect(app)
    app.register_blueprint(auth)
    app.register_blueprint(pages)
    app.register_blueprint(posts)
    app.register_blueprint(exports)
    app.register_blueprint(evidence)
    return app
