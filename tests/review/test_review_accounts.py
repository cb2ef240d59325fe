"""Accounts: argon2 hashes, log-in, lock-out after repeated failures, no account told apart by its answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from review.accounts import MAX_FAILURES, AccountError, add_user, authenticate, set_password
from store.connection import open_engine, sqlite_url
from store.review_tables import users


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_engine(sqlite_url(tmp_path / "intake.sqlite"))


def test_a_user_logs_in_with_the_password_that_is_stored_only_as_an_argon2_hash(engine: Engine) -> None:
    add_user(engine, "张三", "operator", "correct horse")
    with engine.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2") and "correct horse" not in stored
    user = authenticate(engine, "张三", "correct horse")
    assert user is not None and (user.name, user.role, user.supervisor) == ("张三", "operator", False)
    assert authenticate(engine, "张三", "wrong password") is None
    assert authenticate(engine, "李四", "correct horse") is None


def test_repeated_failures_lock_the_account_even_for_the_right_password(engine: Engine) -> None:
    add_user(engine, "张三", "operator", "correct horse")
    for _ in range(MAX_FAILURES):
        assert authenticate(engine, "张三", "guess") is None
    assert authenticate(engine, "张三", "correct horse") is None
    set_password(engine, "张三", "a new secret")  # a supervisor's reset unlocks
    assert authenticate(engine, "张三", "a new secret") is not None


@pytest.mark.parametrize(
    ("name", "role", "password", "why"),
    [
        ("", "operator", "long enough", "用户名"),
        ("有 空格", "operator", "long enough", "用户名"),
        ("张三", "admin", "long enough", "角色"),
        ("张三", "operator", "short", "密码至少"),
    ],
)
def test_bad_accounts_are_refused(engine: Engine, name: str, role: str, password: str, why: str) -> None:
    with pytest.raises(AccountError, match=why):
        add_user(engine, name, role, password)


def test_a_name_is_taken_once(engine: Engine) -> None:
    add_user(engine, "张三", "operator", "long enough")
    with pytest.raises(AccountError, match="已存在"):
        add_user(engine, "张三", "supervisor", "long enough")
