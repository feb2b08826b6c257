"""The readers' lock of a store: an ingest uses Oxigraph's bulk loader only while no armskg reader
has the store open.

Oxigraph's bulk loader writes a batch several times faster than a transaction (it builds the
index files itself), but a read-only open of a store beside it can grow without bound (24 GB and
killed by the kernel, oxigraph 0.5.13), while a read-only open beside transactional writes is
safe.  So:

- a process that opens a store read-only (:func:`hold_shared`: ``armskg query``, ``serve``,
  ``map``, a notebook) holds a shared lock on :data:`LOCK_FILE` in the store's folder until it
  ends (a pyoxigraph ``Store`` cannot say when it is dropped), waiting while a bulk write runs;
- an ingest takes that lock exclusively, without waiting, around each bulk write
  (:func:`bulk_write`), and writes in a transaction when a reader holds it.

Programs other than armskg (``oxigraph serve-read-only`` started by hand) do not take the lock:
open a store that way only when no ingest is running.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> with bulk_write(folder) as free:
...     free
True
>>> hold_shared(folder)
>>> with bulk_write(folder) as free:
...     free
False
>>> with bulk_write(None) as free:
...     free
False
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["LOCK_FILE", "bulk_write", "hold_shared"]

LOCK_FILE = "armskg-readers.lock"
"""The lock's file in the store's folder (RocksDB leaves files it does not know alone)."""

_held: dict[Path, int] = {}


def hold_shared(folder: Path) -> None:
    """Hold the shared lock on the store in ``folder`` for the rest of this process (once per
    folder), waiting for a bulk write in progress to end.  A folder where the lock file can be
    neither read nor created (read-only media) has no writer to wait for: nothing is held."""
    key = folder.resolve()
    if key in _held:
        return
    try:
        fd = os.open(key / LOCK_FILE, os.O_RDONLY | os.O_CREAT, 0o644)
    except OSError:
        try:
            fd = os.open(key / LOCK_FILE, os.O_RDONLY)
        except OSError:
            return
    fcntl.flock(fd, fcntl.LOCK_SH)
    _held[key] = fd


@contextmanager
def bulk_write(folder: Path | None) -> Iterator[bool]:
    """Yield True, holding the lock exclusively, if no reader holds it; else False (write in a
    transaction), as for no ``folder`` at all or a lock file that cannot be opened.  Never waits."""
    fd: int | None = None
    if folder is not None:
        with contextlib.suppress(OSError):
            fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        yield fd is not None and _exclusive(fd)
    finally:
        if fd is not None:
            os.close(fd)  # closing lets go of the lock


def _exclusive(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
