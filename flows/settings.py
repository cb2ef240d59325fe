"""Prefect's settings for a batch run, as environment variables (read by Prefect at import).

Without PREFECT_API_URL, Prefect starts an ephemeral server on SQLite under `PREFECT_HOME` for each run
(15–27 s on 2 cores); `cluster-intake run` puts `PREFECT_HOME` under OUT/.prefect, so that database
persists between runs into the same folder. With PREFECT_API_URL (a `prefect server start`, see README)
runs start in a second or two, their logs go to the server (visible in its UI) and `serve` works.

Logging: Prefect and our packages log at INFO to the server and to OUT/logs/intake.log; the console shows
warnings, and nothing at all with --quiet (a quiet run prints its own few lines).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from pathlib import Path
from types import MappingProxyType

from flows.runlog import OUR_LOGGERS

PREFECT_HOME_DIR = ".prefect"
API_URL = "PREFECT_API_URL"
CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"
QUIET_CONSOLE_LEVEL = "CRITICAL"

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
        "PREFECT_LOGGING_LEVEL": "INFO",
        CONSOLE_LEVEL: "WARNING",
        "PREFECT_LOGGING_EXTRA_LOGGERS": ",".join(OUR_LOGGERS),
        "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    }
)


def prefect_home(out: Path) -> Path:
    """Given a run's output folder, return the PREFECT_HOME the run uses."""
    return out.resolve() / PREFECT_HOME_DIR


def apply_prefect_defaults(environ: MutableMapping[str, str]) -> None:
    """Given an environment, add every default the user has not set already.

    Logs go to the API only when a server is configured: an ephemeral server's are seen by nobody.
    """
    for name, value in PREFECT_DEFAULTS.items():
        environ.setdefault(name, value)
    environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "true" if environ.get(API_URL) else "false")


def run_environment(base: Mapping[str, str], out: Path, quiet: bool) -> dict[str, str]:
    """Given the caller's environment and the run's options, return the environment of the batch process."""
    environ = dict(base)
    environ.setdefault("PREFECT_HOME", str(prefect_home(out)))
    apply_prefect_defaults(environ)
    if quiet:
        environ[CONSOLE_LEVEL] = QUIET_CONSOLE_LEVEL
    return environ
