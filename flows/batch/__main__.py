"""`python -m flows.batch INBOX --out OUT …`: the batch process that `cluster-intake run` execs into.

Exit status: 0 when the batch finished (quarantined files included), 2 when the options are unusable,
1 when the run failed (a full disk, a broken store: one line says so), 4 when another run holds the
output folder or store (try again later), 130 when interrupted (run again: stored filings are not read
twice).
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Sequence

from flows.arguments import RunOptions, folder_problem, parse_run_args
from flows.batch.flow import intake_batch
from flows.context import run_problem, sqlite_file
from flows.failures import RunStopped
from flows.lifeline import start_lifeline
from flows.lock import RunLockedError, run_lock
from reports.summary import RunSummary, summary_lines

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 4, 130


def print_summary(summary: RunSummary, quiet: bool) -> None:
    """Given the summary, print it (quiet: only the quarantined files, on stderr)."""
    if quiet:
        for name, reason in summary.quarantined_files:
            print(f"已隔离 / quarantined: {name}: {reason}", file=sys.stderr)
        return
    print("\n".join(summary_lines(summary)))


def terminated(_signum: int, _frame: object) -> None:
    """On SIGTERM (a time-out of cron, `kill`), stop like on Ctrl-C: the run is marked interrupted and
    Prefect's server is stopped (what it started dies with it anyway: `flows.lifeline`)."""
    raise KeyboardInterrupt


def locked_run(options: RunOptions, started_at: float) -> int:
    """Given the options, run the batch while holding the run lock; return the exit status."""
    with run_lock(options.out, sqlite_file(options)):
        problem = run_problem(options)
        if problem is not None:
            print(problem, file=sys.stderr)
            return EXIT_BAD_INPUT
        start_lifeline()
        signal.signal(signal.SIGTERM, terminated)
        outcome = intake_batch(options, started_at)
    if isinstance(outcome, RunStopped):
        print(outcome.reason, file=sys.stderr)
        return EXIT_FAILED
    print_summary(outcome, options.quiet)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Given the arguments after `run`, run the batch; return the exit status."""
    started_at = time.time()
    options = parse_run_args(sys.argv[1:] if argv is None else argv)
    problem = folder_problem(options)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return locked_run(options, started_at)
    except RunLockedError as error:
        print(error, file=sys.stderr)
        return EXIT_LOCKED
    except KeyboardInterrupt:
        print("已中断；再次运行将继续处理 / interrupted; run again to finish the batch", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        print(
            f"批处理失败 / batch failed: {type(error).__name__}: {' '.join(str(error).split())}",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
