"""`python -m flows.batch.serve --inbox DIR --out OUT --cron "0 2 * * *"`: what `cluster-intake serve` runs.

Serves the flow as a deployment on the Prefect server named by PREFECT_API_URL: the server's scheduler
creates a run at each time of the schedule, and this process (a Prefect runner) polls for them and runs
each in a subprocess, at most one at a time (the runs also take the output folder's lock). The deployment
carries the runs' parameters as plain JSON values; the Prefect UI shows them, the runs, their logs and
each run's summary artifact. Stopping this process (systemd stop, Ctrl-C) stops the schedule's runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from prefect.schedules import Cron, Interval, Schedule
from prefect.types.entrypoint import EntrypointType

from flows.arguments import ServeOptions, parse_serve_args
from flows.batch.__main__ import batch_callable, flow_parameters, say
from flows.context import run_problem
from flows.exits import EXIT_OK, EXIT_USAGE
from flows.settings import API_URL

NO_SERVER = (
    "需要 Prefect 服务器：请设置 PREFECT_API_URL / serve needs a Prefect server: "
    "start `prefect server start` and set PREFECT_API_URL (e.g. http://127.0.0.1:4200/api); "
    "see README, nightly set-up"
)


def serve_problem(options: ServeOptions) -> str | None:
    """Given the serve options, return why serving cannot start (no server, unusable options), or None."""
    if not os.environ.get(API_URL):
        return NO_SERVER
    return run_problem(options.run)


def local_timezone() -> str:
    """Return this machine's time zone name (TZ, else /etc/localtime's zoneinfo link), else UTC."""
    if os.environ.get("TZ", "").strip(":"):
        return os.environ["TZ"].strip(":")
    link = Path("/etc/localtime")
    if link.is_symlink() and "zoneinfo/" in str(link.resolve()):
        return str(link.resolve()).split("zoneinfo/", 1)[1]
    return "UTC"


def schedule_of(options: ServeOptions) -> Schedule:
    """Given the serve options, return the deployment's schedule in their (else the local) time zone.

    Prefect reads a cron in UTC unless told otherwise: "0 2 * * *" must be 02:00 where the office is.
    """
    timezone = options.timezone or local_timezone()
    if options.cron is not None:
        return Cron(options.cron, timezone=timezone)
    return Interval(options.interval or 0, timezone=timezone)


def serve(options: ServeOptions) -> None:
    """Given the serve options, serve the deployment until stopped."""
    batch = batch_callable(options.scale)
    batch.serve(  # type: ignore[attr-defined]
        name=options.name,
        schedule=schedule_of(options),
        parameters=flow_parameters(options.run),
        limit=1,
        pause_on_shutdown=False,
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="cluster-intake: read the inbox's filings into the store and reports",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Given the arguments after `serve`, serve the deployment; return the exit status when stopped."""
    options = parse_serve_args(sys.argv[1:] if argv is None else argv)
    problem = serve_problem(options)
    if problem is not None:
        say(problem)
        return EXIT_USAGE
    serve(options)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
