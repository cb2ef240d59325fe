"""`cluster-intake run`: check the options, then replace this process by the batch process.

The batch process (`python -m flows.batch`) starts with Prefect's settings already in its environment
(PREFECT_HOME under OUT, offline defaults), so Prefect reads them when it is first imported. This module
imports nothing heavy: `cluster-intake extract` loads neither Prefect nor pandas.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from flows.arguments import folder_problem, parse_run_args
from flows.settings import prefect_home, run_environment

EXIT_BAD_INPUT = 2
BATCH_MODULE = "flows.batch"


def batch_command(argv: Sequence[str]) -> list[str]:
    """Given the arguments after `run`, return the command line of the batch process."""
    return [sys.executable, "-m", BATCH_MODULE, *argv]


def launch(argv: Sequence[str]) -> int:
    """Given the arguments after `run`, exec the batch process; return 2 when the folders are unusable."""
    options = parse_run_args(argv)
    problem = folder_problem(options)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    command = batch_command(argv)
    prefect_home(options.out).mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, run_environment(os.environ, options.out, options.quiet))
