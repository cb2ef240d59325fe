"""`python -m flows.batch INBOX --out OUT …`: the batch process that `cluster-intake run` execs into.

Exit statuses: see `flows.exits` (0 finished, 1 failed, 2 unusable options, 3 inbox empty or missing,
4 locked by another run, 130 interrupted). With --quiet only what is new since the last run is printed
(newly quarantined files) and a failure is one line; the full traceback is in OUT/logs/intake.log.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from cluster_intake.contained import start_reading_server
from flows.arguments import RunOptions, ScaleOut, folder_problem, parse_run_args
from flows.batch.flow import RunConfigError, intake_batch
from flows.batch.runners import task_runner_for
from flows.context import run_problem
from flows.discovery import inbox_to_inventory
from flows.exits import EXIT_FAILED, EXIT_INBOX_EMPTY, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE
from flows.inbox import InboxEmptyError, inbox_problem
from flows.lifeline import start_lifeline
from flows.lock import RunLockedError, run_lock
from flows.notices import BatchResult, failure_line, full_lines, quiet_lines
from flows.runlog import FILE_ONLY, log_file, run_log_file


def say(line: str) -> None:
    """Given a line for the operator, print it on stderr."""
    print(line, file=sys.stderr)


def flow_parameters(options: RunOptions) -> dict[str, Any]:
    """Given the run's options, return the flow's parameters (plain JSON values, as a deployment has them)."""
    return {
        "inbox": str(options.inbox.resolve()),
        "out": str(options.out.resolve()),
        "profile": options.profile,
        "db_url": options.db_url,
        "force": options.force,
        "settle_seconds": options.settle_seconds,
        "quiet": options.quiet,
    }


def batch_callable(scale: ScaleOut) -> Callable[..., BatchResult]:
    """Given the scale-out options, return the flow to call (with a Dask task runner when asked for)."""
    runner = task_runner_for(scale)
    return intake_batch if runner is None else intake_batch.with_options(task_runner=runner)


def empty_inbox(options: RunOptions) -> str | None:
    """Given the options, return why the inbox holds nothing to read (logged to OUT's log file), or None."""
    inventory = inbox_to_inventory(options.inbox) if options.inbox.is_dir() else None
    problem = inbox_problem(options.inbox, inventory)
    if problem is not None:
        with run_log_file(options.out):
            FILE_ONLY.warning("%s", problem)
    return problem


def run(options: RunOptions, scale: ScaleOut) -> int:
    """Given the options, run the flow; print its result or its failure and return the exit status."""
    try:
        result = batch_callable(scale)(**flow_parameters(options))
    except KeyboardInterrupt:
        say("已中断；再次运行将继续处理 / interrupted; run again to finish the batch")
        return EXIT_INTERRUPTED
    except InboxEmptyError as error:
        say(f"警告 / warning: {error}")
        return EXIT_INBOX_EMPTY
    except RunLockedError as error:
        say(str(error))
        return EXIT_LOCKED
    except RunConfigError as error:
        say(str(error))
        return EXIT_USAGE
    except Exception as error:
        say(failure_line(error, log_file(options.out)))
        return EXIT_FAILED
    if options.quiet:
        for line in quiet_lines(result):
            say(line)
    else:
        print("\n".join(full_lines(result)))
    return EXIT_OK


def terminated(_signum: int, _frame: object) -> None:
    """On SIGTERM (a time-out of cron, `kill`), stop like on Ctrl-C: the run is marked interrupted and
    Prefect's server is stopped (what the run started dies with it anyway: `flows.lifeline`)."""
    raise KeyboardInterrupt


def checked_run(options: RunOptions, scale: ScaleOut) -> int:
    """Given the options, check them, then run the batch; return the exit status."""
    try:
        problem = run_problem(options)
    except Exception as error:  # the store's server is unreachable …
        say(failure_line(error, log_file(options.out)))
        return EXIT_FAILED
    if problem is not None:
        say(problem)
        return EXIT_USAGE
    empty = empty_inbox(options)
    if empty is not None:
        say(f"警告 / warning: {empty}")
        return EXIT_INBOX_EMPTY
    start_lifeline()
    signal.signal(signal.SIGTERM, terminated)
    return run(options, scale)


def main(argv: Sequence[str] | None = None) -> int:
    """Given the arguments after `run`, run the batch under the lock of its output folder (taken before
    Prefect starts: a second run never starts a server on the first one's state); return the exit status."""
    options, scale = parse_run_args(sys.argv[1:] if argv is None else argv)
    problem = folder_problem(options)
    if problem is not None:
        say(problem)
        return EXIT_USAGE
    try:
        with run_lock(options.out):
            start_reading_server()  # it imports and warms the readers while Prefect starts
            return checked_run(options, scale)
    except RunLockedError as error:
        say(str(error))
        return EXIT_LOCKED


if __name__ == "__main__":
    sys.exit(main())
