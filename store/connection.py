"""Open the store: an engine for a database URL, with the tables created when missing."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from store.migrate import upgrade
from store.review_tables import protect_audit
from store.tables import metadata

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
WAL_RETRY_SECONDS = 0.05
SCHEMA_LOCK_KEY = 0x636C7573  # PostgreSQL advisory lock held while one process prepares the schema
DEFAULT_DB_NAME = "intake.sqlite"
DRIVER_HINT = (
    "（未安装数据库驱动 / database driver not installed: for PostgreSQL, "
    "pip install 'cluster-intake[postgres]' — scripts/setup.sh installs it）"
)


class StoreUrlError(ValueError):
    """Raised when a database URL cannot be parsed or names no driver SQLAlchemy knows."""


def sqlite_url(path: Path) -> str:
    """Given a database file path, return its SQLAlchemy SQLite URL."""
    return f"sqlite:///{path.resolve()}"


def default_url(out: Path) -> str:
    """Given the output folder of a run, return the URL of its default SQLite store."""
    return sqlite_url(out / DEFAULT_DB_NAME)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    _use_wal(cursor)  # readers (reports, a second run) never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: a commit survives a crash of the process
    cursor.close()


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Switch a new database to WAL. Connections opening it at once contend for the switch, and SQLite
    reports `database is locked` at once instead of waiting: retry until the busy timeout, and skip the
    switch when another connection already made it."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


def prepare_schema(engine: Engine) -> None:
    """Given an engine, create or upgrade the schema in one transaction that other processes wait for.

    Two runs started at once on a new store would otherwise both find a table missing and both create it;
    the second then fails ("already exists", or on PostgreSQL a duplicate key in pg_type). PostgreSQL takes
    a transaction-level advisory lock, SQLite a write lock (BEGIN IMMEDIATE, waited for up to the busy
    timeout); the second process then finds the schema ready and changes nothing.
    """
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
        upgrade(connection, metadata)
        protect_audit(connection)
        connection.commit()


def open_engine(url: str) -> Engine:
    """Given a database URL (sqlite:///… or postgresql+psycopg://…), return an engine on a ready schema."""
    try:
        parsed = make_url(url)
    except Exception as error:  # ArgumentError, ValueError …
        raise StoreUrlError(
            f"数据库地址无法解析（应如 sqlite:///路径 或 postgresql+psycopg://用户@主机/库）/ "
            f"cannot parse database URL: {error}"
        ) from error
    shown = parsed.render_as_string(hide_password=True)
    try:
        engine = create_engine(parsed)
    except ImportError as error:  # the URL's driver is not installed
        raise StoreUrlError(f"无法打开数据库 / cannot open database {shown}: {error}{DRIVER_HINT}") from error
    except Exception as error:  # NoSuchModuleError …
        raise StoreUrlError(
            f"无法打开数据库（不支持的数据库类型或驱动）/ cannot open database {shown}: {error}"
        ) from error
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    prepare_schema(engine)
    logger.debug("store ready at %s", shown)
    return engine
