"""Flow tests: one Prefect test harness per session, a real Prefect server when asked for, and an inbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flow_inbox import make_inbox

from flows.batch.testing import flow_test_harness
from flows.local_server import prefect_server


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    with flow_test_harness():
        yield


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return make_inbox(tmp_path)


@pytest.fixture(scope="session")
def prefect_api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Prefect server for the session (started on first use: 20–40 s on 2 cores)."""
    with prefect_server(tmp_path_factory.mktemp("prefect-server")) as url:
        yield url
