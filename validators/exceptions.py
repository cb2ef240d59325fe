"""Exception items built from rules.yaml (the implementation lives in `schema.exceptions`)."""

from schema.exceptions import build_exception, year_text

__all__ = ["build_exception", "year_text"]
