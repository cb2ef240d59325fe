"""Helpers for the tests that run `cluster-intake` against the session's Prefect server."""

from __future__ import annotations

import os


def client_environment(api_url: str, **extra: str) -> dict[str, str]:
    """The environment of a `cluster-intake` process that uses the test server, as a user's shell has it.

    Without the PREFECT_* variables this test process holds (importing `flows.batch` set its defaults).
    """
    plain = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    return {**plain, "PREFECT_API_URL": api_url, **extra}
