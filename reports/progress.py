"""The progress bar of a batch run (rich, on stderr); silent with --quiet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

Advance = Callable[[str, int], None]


def _silent(_name: str, _count: int) -> None:
    """Advance nothing (quiet runs)."""


@contextmanager
def batch_progress(total: int, quiet: bool) -> Iterator[Advance]:
    """Given the number of files and the quiet switch, yield a function that marks files as done."""
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

        def advance(name: str, count: int) -> None:
            progress.update(bar, advance=count, current=name)

        yield advance
