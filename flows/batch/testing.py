"""Test support: Prefect's test harness (temporary database, ephemeral server), 2-core start-up budget."""

from __future__ import annotations

from contextlib import AbstractContextManager

from prefect.testing.utilities import prefect_test_harness

HARNESS_STARTUP_TIMEOUT_SECONDS = 120


def flow_test_harness() -> AbstractContextManager[None]:
    """Return Prefect's test harness; importing it through this package applies the offline defaults first."""
    return prefect_test_harness(server_startup_timeout=HARNESS_STARTUP_TIMEOUT_SECONDS)
