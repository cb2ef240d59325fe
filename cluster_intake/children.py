"""How a reading child process is started, wherever the reader runs.

- forked, from a process without threads (`cluster-intake extract`): fast, nothing to import again;
- from a fork server, from a process with threads (the batch process: Prefect's threads may hold locks a
  forked child would inherit held); the server imports PRELOAD once, and the child does not import the
  parent's main module again (multiprocessing would: a flow run served by Prefect has a console script or
  `prefect.engine` as its main, 0.3–2 s of imports for every filing; `MainlessPopen`);
- as a new interpreter, from a daemonic process (a Dask worker), which multiprocessing does not let have
  children: `python -m cluster_intake.children FD MODULE:FUNCTION`, the job pickled on its standard input,
  the child's end of the pipe passed as file descriptor FD.

Each gives the same `Child` (pid, alive, join, kill, exit code) and the parent's end of a one-way pipe.
"""

from __future__ import annotations

import importlib
import io
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing import forkserver, reduction, spawn, util
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from multiprocessing.popen_forkserver import Popen as ForkServerPopen
from typing import Any, Protocol

MAIN_KEYS = ("init_main_from_name", "init_main_from_path")
"""What multiprocessing tells a child about the parent's main module, so that it imports it again."""


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


class MainlessPopen(ForkServerPopen):
    """The fork server's launch (CPython's `popen_forkserver.Popen._launch`), less the parent's main module:
    a reading child runs a module-level function and needs nothing of `__main__`."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        for key in MAIN_KEYS:
            prep_data.pop(key, None)
        buffer = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buffer)
            reduction.dump(process_obj, buffer)
        finally:
            set_spawning_popen(None)
        self.sentinel, writer = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        parent_writer = os.dup(writer)  # the child's sentinel of its parent, as in CPython
        close = util.close_fds  # type: ignore[attr-defined]
        self.finalizer = util.Finalize(self, close, (parent_writer, self.sentinel))
        with open(writer, "wb", closefd=True) as handle:
            handle.write(buffer.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class MainlessProcess(ForkServerProcess):
    """A fork server's process that does not import the parent's main module (`MainlessPopen`)."""

    @staticmethod
    def _Popen(process_obj: Any) -> MainlessPopen:
        return MainlessPopen(process_obj)


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


def start_fork_server(preload: Sequence[str]) -> None:
    """Given the modules the fork server imports first, start it now (it imports them in its own process
    while this one goes on) rather than when the first child is asked for."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(list(preload))
    forkserver.ensure_running()


def start_child(
    target: Callable[[Connection, Any], None], job: object, preload: Sequence[str]
) -> tuple[Child, Connection]:
    """Given the child's function (called with the child's end of the pipe and the job), the job and the
    modules a fork server should import first, start the child; return it and the parent's end."""
    if multiprocessing.current_process().daemon:
        return _new_interpreter(target, job)
    reader, writer = multiprocessing.Pipe(duplex=False)
    if threading.active_count() == 1:
        process: Any = multiprocessing.get_context("fork").Process(
            target=target, args=(writer, job), daemon=True
        )
    else:
        multiprocessing.get_context("forkserver").set_forkserver_preload(list(preload))
        process = MainlessProcess(target=target, args=(writer, job), daemon=True)
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
