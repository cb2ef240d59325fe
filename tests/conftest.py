"""Fixtures for every test folder: the store URLs of both backends (SQLite, and PostgreSQL when there is one).

PostgreSQL tests need a server: `scripts/with_postgres.sh` (which `.ci/run` uses) starts a throwaway one and
exports CLUSTER_INTAKE_TEST_PG_URL (an admin URL) and CLUSTER_INTAKE_REQUIRE_PG=1. Without the URL these
tests are skipped, unless CLUSTER_INTAKE_REQUIRE_PG=1 or CI is set: then they fail, so CI cannot pass by
skipping them. Each test gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

PG_URL_VARIABLE = "CLUSTER_INTAKE_TEST_PG_URL"
REQUIRE_VARIABLE = "CLUSTER_INTAKE_REQUIRE_PG"


def postgres_required() -> bool:
    """Return whether PostgreSQL tests must run (CI, or asked for): then a missing server is a failure."""
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return ci or os.environ.get(REQUIRE_VARIABLE) == "1"


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = os.environ.get(PG_URL_VARIABLE, "")
    if url:
        return url
    message = f"no PostgreSQL server: {PG_URL_VARIABLE} is not set (run via scripts/with_postgres.sh)"
    if postgres_required():
        pytest.fail(message)
    pytest.skip(message)


def _admin(url: str, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """Yield the URL of a new, empty PostgreSQL database (dropped after the test)."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    _admin(pg_admin_url, f'CREATE DATABASE "{name}"')
    yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    _admin(pg_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return a store URL for each backend: a SQLite file in tmp_path, a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return str(request.getfixturevalue("pg_url"))
