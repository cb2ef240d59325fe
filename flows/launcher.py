"""`cluster-intake run` / `serve`: check the options, then replace this process by the batch process.

The batch process (`python -m flows.batch`, or `flows.batch.serve`) starts with Prefect's settings already
in its environment (PREFECT_HOME under OUT, offline and logging defaults), so Prefect reads them when it is
first imported. This module imports nothing heavy: `cluster-intake extract` loads neither Prefect nor pandas.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from cluster_intake.environment import environment_line
from flows.arguments import RunOptions, folder_problem, parse_run_args, parse_serve_args
from flows.exits import EXIT_USAGE
from flows.settings import prefect_home, run_environment

BATCH_MODULE = "flows.batch"
SERVE_MODULE = "flows.batch.serve"


def batch_command(argv: Sequence[str], module: str = BATCH_MODULE) -> list[str]:
    """Given the arguments after `run` (or `serve`) and the module to run, return the process's command."""
    return [sys.executable, "-m", module, *argv]


def exec_module(module: str, argv: Sequence[str], options: RunOptions) -> int:
    """Given a module, its arguments and the run's options, exec it; return 2 when OUT is unusable."""
    problem = folder_problem(options)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    command = batch_command(argv, module)
    try:
        prefect_home(options.out).mkdir(parents=True, exist_ok=True)
    except OSError as error:  # the machine's problem, not the options' syntax: one line, no traceback
        print(
            environment_line("无法创建输出文件夹", "cannot create the output folder", error), file=sys.stderr
        )
        return EXIT_USAGE
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, run_environment(os.environ, options.out, options.quiet))


def launch(argv: Sequence[str]) -> int:
    """Given the arguments after `run`, exec the batch process."""
    options, _scale = parse_run_args(argv)
    return exec_module(BATCH_MODULE, argv, options)


def launch_serve(argv: Sequence[str]) -> int:
    """Given the arguments after `serve`, exec the serving process."""
    return exec_module(SERVE_MODULE, argv, parse_serve_args(argv).run)
