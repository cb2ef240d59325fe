"""Pages read side by side: a few worker threads, each lent an OCR engine of its own.

onnxruntime and OpenCV release the GIL while they compute, so two pages read at the same time keep
two cores busy. An engine is never used by two threads at once: a pool makes up to one engine per
worker (on first need, models loading is not free) and lends each to one thread at a time.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Generic, TypeVar

E = TypeVar("E")
T = TypeVar("T")
R = TypeVar("R")


class EnginePool(Generic[E]):
    """Up to `size` engines, the k-th made by `factory(k)` when first needed, each lent to one thread."""

    def __init__(self, factory: Callable[[int], E], size: int) -> None:
        if size < 1:
            raise ValueError(f"an engine pool holds at least 1 engine; got {size}")
        self._factory = factory
        self._size = size
        self._made = 0
        self._lock = threading.Lock()
        self._idle: queue.SimpleQueue[E] = queue.SimpleQueue()

    @property
    def size(self) -> int:
        """How many engines the pool may hold (and threads may read at the same time)."""
        return self._size

    @contextmanager
    def lend(self) -> Iterator[E]:
        """Lend an engine to the calling thread for the `with` block: an idle one, a new one, or the
        first one given back."""
        engine = self._take()
        try:
            yield engine
        finally:
            self._idle.put(engine)

    def _take(self) -> E:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            number = self._reserve()
        if number is None:
            return self._idle.get()
        try:
            return self._factory(number)
        except BaseException:
            self._release()
            raise

    def _reserve(self) -> int | None:
        """Return the number of the next engine to make, or None when the pool is full."""
        with self._lock:
            if self._made >= self._size:
                return None
            self._made += 1
            return self._made - 1

    def _release(self) -> None:
        """An engine could not be made: its place is free again."""
        with self._lock:
            self._made -= 1


def map_pages(read: Callable[[E, T], R], pages: Sequence[T], pool: EnginePool[E]) -> list[R]:
    """Given a reading function (engine, page → result), the pages and an engine pool, return every
    page's result in page order, reading up to `pool.size` pages at the same time.

    The first page (in order) that raises stops the reading: pages not started are dropped and its
    error is raised here.
    """

    def task(page: T) -> R:
        with pool.lend() as engine:
            return read(engine, page)

    workers = min(pool.size, len(pages))
    if workers <= 1:
        return [task(page) for page in pages]
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-page")
    try:
        return list(executor.map(task, pages))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
