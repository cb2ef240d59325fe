"""A JSON column that keeps values exactly on every backend.

SQLite gives a column declared `JSON` numeric affinity, so the text "60.0" comes back as the integer 60.
On SQLite the value is therefore kept as TEXT (serialised here); PostgreSQL uses its native `json` type.
"""

from __future__ import annotations

import json

from pydantic import JsonValue
from sqlalchemy import JSON, Dialect, Text, TypeDecorator
from sqlalchemy.types import TypeEngine


class JsonText(TypeDecorator[JsonValue]):
    """JSON serialised to TEXT by Python's json module (no affinity conversions)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: JsonValue | None, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: object | None, dialect: Dialect) -> JsonValue | None:
        return None if value is None else json.loads(str(value))


def json_column_type() -> TypeEngine[JsonValue]:
    """Return the type of every JSON column: native JSON, but JsonText on SQLite."""
    native: TypeEngine[JsonValue] = JSON()
    return native.with_variant(JsonText(), "sqlite")
