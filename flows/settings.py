"""Prefect's offline settings for a batch run, as environment variables (read by Prefect at import).

No Prefect server is configured: Prefect starts an ephemeral server on SQLite under `PREFECT_HOME`.
`cluster-intake run` puts `PREFECT_HOME` under OUT/.prefect, so the server database persists between
runs into the same folder (a warm start is about twice as fast as a cold one).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from pathlib import Path
from types import MappingProxyType

PREFECT_HOME_DIR = ".prefect"
QUIET_LOG_LEVEL = "ERROR"

# The ephemeral server's own log is silenced to CRITICAL: at interpreter exit its task-run recorder
# logs harmless "Error flushing events" tracebacks (the server is torn down mid-flush). Our own store,
# not Prefect's database, is the record of a run.
PREFECT_DEFAULTS: Mapping[str, str] = MappingProxyType(
    {
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_LOGGING_TO_API_ENABLED": "false",
    }
)


def prefect_home(out: Path) -> Path:
    """Given a run's output folder, return the PREFECT_HOME the run uses."""
    return out.resolve() / PREFECT_HOME_DIR


def apply_prefect_defaults(environ: MutableMapping[str, str]) -> None:
    """Given an environment, add every offline default the user has not set already."""
    for name, value in PREFECT_DEFAULTS.items():
        environ.setdefault(name, value)


def run_environment(base: Mapping[str, str], out: Path, quiet: bool) -> dict[str, str]:
    """Given the caller's environment and the run's options, return the environment of the batch process."""
    environ = dict(base)
    environ.setdefault("PREFECT_HOME", str(prefect_home(out)))
    apply_prefect_defaults(environ)
    if quiet:
        environ["PREFECT_LOGGING_LEVEL"] = QUIET_LOG_LEVEL
    return environ
