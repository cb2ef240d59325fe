"""The progress bar of a batch run (rich, on stderr); silent with --quiet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

Advance = Callable[[str], None]


def _silent(_name: str) -> None:
    """Advance nothing (quiet runs)."""


@contextmanager
def batch_progress(total: int, quiet: bool) -> Iterator[Advance]:
    """Given the number of files and the quiet switch, yield a function that marks one file as done."""
    if quiet:
        yield _silent
        return
    columns = (
        TextColumn("[bold]读取申报文件"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        bar = progress.add_task("intake", total=total, current="")

        def advance(name: str) -> None:
            progress.update(bar, advance=1, current=name)

        yield advance
