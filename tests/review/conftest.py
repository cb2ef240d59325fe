"""Review tests: one batch-filled store per session, copied for every test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_store import ingest, sample_inbox
from sqlalchemy import Engine

from store.connection import open_engine, sqlite_url


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of a batch over the sample inbox (read-only for tests: copy it first)."""
    root = tmp_path_factory.mktemp("review-store")
    ingest(sample_inbox(root), root / "out")
    return root


@pytest.fixture
def store(filled: Path, tmp_path: Path) -> tuple[Engine, Path]:
    """A fresh copy of the filled store and its output folder (and the inbox beside it)."""
    shutil.copytree(filled / "inbox", tmp_path / "inbox")
    out = tmp_path / "out"
    shutil.copytree(filled / "out", out)
    return open_engine(sqlite_url(out / "intake.sqlite")), tmp_path
