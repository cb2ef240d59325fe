"""Log-in and log-out. Passwords are checked by `review.accounts` (argon2, per-account lock-out); repeated
failures from one address are slowed here as well, so names cannot be tried in bulk."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, url_for
from flask_login import UserMixin, login_required, login_user, logout_user

from review.accounts import User, authenticate
from review.web.render import engine, render_page

auth = Blueprint("auth", __name__)
WINDOW_SECONDS = 300
MAX_PER_ADDRESS = 20


class SessionUser(UserMixin):  # type: ignore[misc]
    """The logged-in user as Flask-Login keeps it."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.id = str(user.id)
        self.name = user.name
        self.role = user.role

    @property
    def supervisor(self) -> bool:
        return self.user.supervisor


class AddressThrottle:
    """Failed log-ins per remote address in a sliding window (in memory, per process)."""

    def __init__(self, limit: int = MAX_PER_ADDRESS, window: float = WINDOW_SECONDS) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, address: str) -> bool:
        with self._lock:
            recent = self._failures[address]
            while recent and recent[0] < time.monotonic() - self.window:
                recent.popleft()
            return len(recent) >= self.limit

    def failed(self, address: str) -> None:
        with self._lock:
            self._failures[address].append(time.monotonic())


THROTTLE = AddressThrottle()


def _safe_next(target: str | None) -> str:
    """Given the page asked for before log-in, return it when it is a path of this app, else the queue."""
    if not target:
        return url_for("pages.queue")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("pages.queue")
    return target


@auth.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Show the log-in form; check the name and password and log the user in."""
    if request.method == "GET":
        return render_page("login.html", next=request.args.get("next", ""))
    address = request.remote_addr or "?"
    name = request.form.get("name", "").strip()[:100]
    if THROTTLE.blocked(address):
        return render_page("login.html", error="登录失败次数过多，请稍后再试。", next=""), 429
    user = authenticate(engine(), name, request.form.get("password", ""))
    if user is None:
        THROTTLE.failed(address)
        error = "用户名或密码错误（连续多次错误将暂时锁定账户）。"
        return render_page("login.html", error=error, next=request.form.get("next", "")), 401
    login_user(SessionUser(user))
    return redirect(_safe_next(request.form.get("next")))


@auth.route("/logout", methods=["POST"])
@login_required  # type: ignore[untyped-decorator]
def logout() -> Any:
    """Log the user out (a POST with the CSRF token, so no link can do it)."""
    logout_user()
    return redirect(url_for("auth.login"))
