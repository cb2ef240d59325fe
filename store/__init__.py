"""The intake store: filings, field values, exceptions and runs in SQLite or PostgreSQL (SQLAlchemy Core)."""
