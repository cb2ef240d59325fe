"""How a reading child process is started, wherever the reader runs.

- forked, from a process without threads (`cluster-intake extract`): fast, nothing to import again;
- from a fork server, from a process with threads (the batch process: Prefect's threads may hold locks a
  forked child would inherit held); the server imports PRELOAD once;
- as a new interpreter, from a daemonic process (a Dask worker), which multiprocessing does not let have
  children: `python -m cluster_intake.children FD MODULE:FUNCTION`, the job pickled on its standard input,
  the child's end of the pipe passed as file descriptor FD.

Each gives the same `Child` (pid, alive, join, kill, exit code) and the parent's end of a one-way pipe.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Protocol


class Child(Protocol):
    """A started child process, as the parent watches it."""

    @property
    def pid(self) -> int | None: ...

    @property
    def exitcode(self) -> int | None: ...

    def is_alive(self) -> bool: ...

    def join(self, timeout: float | None = None) -> None: ...

    def kill(self) -> None: ...


class Interpreter:
    """A child run as a new interpreter (subprocess), seen as a `Child`."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def exitcode(self) -> int | None:
        return self._process.poll()

    def is_alive(self) -> bool:
        return self._process.poll() is None

    def join(self, timeout: float | None = None) -> None:
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            return

    def kill(self) -> None:
        self._process.kill()


def _new_interpreter(target: Callable[[Connection, Any], None], job: object) -> tuple[Child, Connection]:
    reader, writer = multiprocessing.Pipe(duplex=False)
    command = [
        sys.executable,
        "-m",
        __name__,
        str(writer.fileno()),
        f"{target.__module__}:{target.__qualname__}",
    ]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, pass_fds=(writer.fileno(),))
    writer.close()
    assert process.stdin is not None
    with process.stdin:
        process.stdin.write(pickle.dumps(job))
    return Interpreter(process), reader


def start_child(
    target: Callable[[Connection, Any], None], job: object, preload: Sequence[str]
) -> tuple[Child, Connection]:
    """Given the child's function (called with the child's end of the pipe and the job), the job and the
    modules a fork server should import first, start the child; return it and the parent's end."""
    if multiprocessing.current_process().daemon:
        return _new_interpreter(target, job)
    if threading.active_count() == 1:
        context: Any = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
    reader, writer = multiprocessing.Pipe(duplex=False)
    process = context.Process(target=target, args=(writer, job), daemon=True)
    process.start()
    writer.close()
    return process, reader


def main(argv: Sequence[str]) -> int:
    """Given FD and MODULE:FUNCTION, call the function with a connection on FD and the job on stdin."""
    descriptor, target = int(argv[0]), argv[1]
    module, _, name = target.partition(":")
    function = getattr(importlib.import_module(module), name)
    job = pickle.load(sys.stdin.buffer)
    function(Connection(descriptor, readable=False), job)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
