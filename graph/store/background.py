"""Store writes on one background thread, so reading or planning the next write overlaps this one."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable

__all__ = ["BackgroundWriter"]


class BackgroundWriter:
    """Store writes on one background thread, one at a time: pyoxigraph lets go of the GIL while it
    writes, so the next batch is gathered (or the next blocks planned) while this one goes in.
    An error in a write comes out of the next :meth:`submit` or :meth:`wait`.

    >>> done = []
    >>> with BackgroundWriter() as writer:
    ...     writer.submit(done.append, 1)
    >>> done
    [1]
    """

    def __init__(self) -> None:
        self._pool = cf.ThreadPoolExecutor(1, thread_name_prefix="armskg-writer")
        self._last: cf.Future[None] | None = None

    def submit(self, fn: Callable[..., None], *args: object) -> None:
        """Run ``fn(*args)`` on the writer thread, once the write before it is done."""
        self.wait()
        self._last = self._pool.submit(fn, *args)

    def wait(self) -> None:
        """Wait for the write under way, raising its error if it failed."""
        last, self._last = self._last, None
        if last is not None:
            last.result()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._pool.shutdown(wait=True)  # a write under way finishes: its batch is whole
        if kind is None:
            self.wait()
