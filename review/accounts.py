"""Accounts of the review station: operators and supervisors, argon2 password hashes, throttled log-in.

Passwords are hashed with argon2 (argon2-cffi). After MAX_FAILURES failed log-ins in a row an account is
locked for LOCK_MINUTES; a wrong password for an unknown name costs the same hashing time as for a known
one, so log-in answers do not tell which names exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from store.repository import now
from store.review_tables import users

ROLES = ("operator", "supervisor")
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
MAX_NAME = 100
SHORT_PASSWORD = f"密码至少{MIN_PASSWORD}位 / the password needs at least {MIN_PASSWORD} characters"
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class AccountError(ValueError):
    """Raised for an account that cannot be added or changed (message in Chinese / English)."""


@dataclass(frozen=True, slots=True)
class User:
    """A user of the review station."""

    id: int
    name: str
    role: str

    @property
    def supervisor(self) -> bool:
        return self.role == "supervisor"


def add_user(engine: Engine, name: str, role: str, password: str) -> User:
    """Given a name, role and password, add the account (AccountError if invalid or taken)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(ch.isspace() or not ch.isprintable() for ch in name):
        raise AccountError("用户名不能为空、不能含空白字符 / the name must be non-empty, without spaces")
    if role not in ROLES:
        raise AccountError(f"角色须为 {' 或 '.join(ROLES)} / role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            f"密码至少{MIN_PASSWORD}位 / the password needs at least {MIN_PASSWORD} characters"
        )
    values = {"name": name, "role": role, "password_hash": _HASHER.hash(password), "active": True}
    try:
        with engine.begin() as connection:
            result = connection.execute(insert(users).values(created=now(), failed_logins=0, **values))
    except IntegrityError as error:
        raise AccountError(f"用户 {name} 已存在 / user {name} exists") from error
    key = result.inserted_primary_key
    return User(int(key[0]) if key else 0, name, role)


def set_password(engine: Engine, name: str, password: str) -> None:
    """Given a user name and a new password, replace the hash and unlock the account."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            f"密码至少{MIN_PASSWORD}位 / the password needs at least {MIN_PASSWORD} characters"
        )
    with engine.begin() as connection:
        moved = connection.execute(
            update(users)
            .where(users.c.name == name)
            .values(password_hash=_HASHER.hash(password), failed_logins=0, locked_until=None)
        )
    if moved.rowcount != 1:
        raise AccountError(f"没有用户 {name} / no user {name}")


def _verified(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """Given a name and password, return the user when they match an active, unlocked account.

    A failure counts against the account; MAX_FAILURES in a row lock it for LOCK_MINUTES."""
    with engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        _verified(_DUMMY_HASH, password)
        return None
    current = now()
    locked = row.locked_until is not None and _aware(row.locked_until) > current
    if locked or not row.active:
        _verified(_DUMMY_HASH, password)
        return None
    if _verified(row.password_hash, password):
        with engine.begin() as connection:
            connection.execute(
                update(users).where(users.c.id == row.id).values(failed_logins=0, locked_until=None)
            )
        return User(row.id, row.name, row.role)
    failures = (row.failed_logins or 0) + 1
    until = current + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    with engine.begin() as connection:
        connection.execute(
            update(users)
            .where(users.c.id == row.id)
            .values(failed_logins=0 if until else failures, locked_until=until)
        )
    return None


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone columns: read them as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def user_by_id(engine: Engine, user_id: int) -> User | None:
    """Given a user id (from the session), return the active user, else None."""
    with engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.id == user_id, users.c.active.is_(True))).first()
    return User(row.id, row.name, row.role) if row is not None else None


def user_names(engine: Engine, role: str | None = None) -> list[str]:
    """Return the names of the active users (of one role), sorted."""
    query = select(users.c.name).where(users.c.active.is_(True))
    if role is not None:
        query = query.where(users.c.role == role)
    with engine.connect() as connection:
        return sorted(connection.execute(query).scalars())
