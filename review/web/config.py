"""Settings of the review web app: where the store and the outputs are, how to bind, how cookies go."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from store.review_tables import settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8800
SECRET_NAME = "web_secret_key"


@dataclass(frozen=True, slots=True)
class ReviewConfig:
    """One review station: the store URL, the batch's output folder (originals, cache), the address to
    listen on, and whether cookies need HTTPS (behind a TLS proxy on the office network)."""

    db_url: str
    out: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    secure_cookies: bool = False

    @property
    def loopback(self) -> bool:
        return self.host in ("127.0.0.1", "localhost", "::1")


def secret_key(engine: Engine) -> str:
    """Given the store, return the app's session signing key, made once and kept in the store (so every
    process of one station signs alike and a restart keeps operators logged in)."""
    with engine.connect() as connection:
        row = connection.execute(select(settings.c.value).where(settings.c.name == SECRET_NAME)).first()
    if row is not None:
        return str(row.value)
    try:
        with engine.begin() as connection:
            connection.execute(insert(settings).values(name=SECRET_NAME, value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another process made it first
    return secret_key(engine)
