"""`python -m flows.batch INBOX --out OUT …`: the batch process that `cluster-intake run` execs into.

Exit status: 0 when the batch finished (quarantined files included), 2 when the options are unusable,
1 when the run failed, 130 when interrupted (run again: stored filings are not read twice).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from flows.arguments import parse_run_args
from flows.batch.flow import intake_batch
from flows.context import run_problem
from reports.summary import RunSummary, summary_lines

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def print_summary(summary: RunSummary, quiet: bool) -> None:
    """Given the summary, print it (quiet: only the quarantined files, on stderr)."""
    if quiet:
        for name, reason in summary.quarantined_files:
            print(f"已隔离 / quarantined: {name}: {reason}", file=sys.stderr)
        return
    print("\n".join(summary_lines(summary)))


def main(argv: Sequence[str] | None = None) -> int:
    """Given the arguments after `run`, run the batch; return the exit status."""
    started_at = time.time()
    options = parse_run_args(sys.argv[1:] if argv is None else argv)
    problem = run_problem(options)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        summary = intake_batch(options, started_at)
    except KeyboardInterrupt:
        print("已中断；再次运行将继续处理 / interrupted; run again to finish the batch", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        print(f"批处理失败 / batch failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED
    print_summary(summary, options.quiet)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
