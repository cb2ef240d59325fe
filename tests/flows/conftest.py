"""Flow tests: one Prefect test harness per session, and an inbox of known good and bad filings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flow_inbox import make_inbox

from flows.batch.testing import flow_test_harness


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    with flow_test_harness():
        yield


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return make_inbox(tmp_path)
