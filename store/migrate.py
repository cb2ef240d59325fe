"""Bring a store made by an earlier version up to date: tables created, missing columns added.

Columns are only ever added (nullable, or with a server default), never changed or dropped, so an older
reader of the same store keeps working and no row is lost. Both SQLite and PostgreSQL accept
`ALTER TABLE … ADD COLUMN` for such columns.
"""

from __future__ import annotations

import logging

from sqlalchemy import Column, Connection, MetaData, inspect, text

logger = logging.getLogger(__name__)


def missing_columns(connection: Connection, metadata: MetaData) -> list[tuple[str, Column[object]]]:
    """Given a connection and the metadata, return (table name, column) for every column the store lacks."""
    inspector = inspect(connection)
    present_tables = set(inspector.get_table_names())
    missing: list[tuple[str, Column[object]]] = []
    for table in metadata.sorted_tables:
        if table.name not in present_tables:
            continue
        have = {column["name"] for column in inspector.get_columns(table.name)}
        missing.extend((table.name, column) for column in table.columns if column.name not in have)
    return missing


def add_missing_columns(connection: Connection, metadata: MetaData) -> list[str]:
    """Given a connection and the metadata, add every missing column; return their names (table.column)."""
    added: list[str] = []
    dialect = connection.dialect
    preparer = dialect.identifier_preparer
    for table_name, column in missing_columns(connection, metadata):
        if not column.nullable and column.server_default is None:
            raise RuntimeError(f"cannot add required column {table_name}.{column.name} to an existing store")
        kind = column.type.compile(dialect=dialect)
        statement = (
            f"ALTER TABLE {preparer.quote(table_name)} ADD COLUMN {preparer.quote(column.name)} {kind}"
        )
        connection.execute(text(statement))
        added.append(f"{table_name}.{column.name}")
    if added:
        logger.info("store upgraded: added %s", ", ".join(added))
    return added


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Given a connection (inside the caller's transaction) and the metadata, create missing tables, add
    missing columns and their indexes."""
    metadata.create_all(connection)
    if add_missing_columns(connection, metadata):
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(connection, checkfirst=True)
