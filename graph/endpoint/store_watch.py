"""Notice that a store on disk was written since a reader opened it, so a read-only server can reopen it.

``oxigraph serve-read-only`` answers from the store as it was when it opened it: an ingest
that runs later is not seen (measured with 0.5.13).  A write shows on disk in the files of
the storage engine (RocksDB): a write-ahead log grows, a manifest, ``CURRENT`` or table file
is replaced.  :class:`StoreWatch` keeps a signature of those files (names, sizes, modification
times; the engine's info logs, its lock and armskg's own files left out, since a reader
writes them too) and says when it changed and then stayed the same for ``quiet_s`` seconds:
a writer that has finished, or paused.  The server then restarts its child while no request
runs on it (:mod:`armskg.graph.endpoint.supervisor`), which costs a fraction of a second on a small store.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> watch = StoreWatch(folder, quiet_s=0.0, every_s=0.0)
>>> watch.mark(); watch.changed()
False
>>> _ = (folder / "000001.log").write_bytes(b"x")
>>> watch.changed(), watch.changed()
(False, True)
>>> watch.mark(); watch.changed()
False
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path
from typing import Final

__all__ = ["StoreWatch", "snapshot_time"]

_ENGINE_FILES: Final = re.compile(r"CURRENT|IDENTITY|MANIFEST-\d+|OPTIONS-\d+|\d+\.(?:log|sst|blob)")

Signature = frozenset[tuple[str, int, int]]


def snapshot_time(when: float | None = None) -> str:
    """A UTC time as the ``X-Armskg-Snapshot`` header gives it (ISO 8601, seconds).

    >>> snapshot_time(0)
    '1970-01-01T00:00:00Z'
    """
    moment = dt.datetime.fromtimestamp(time.time() if when is None else when, dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class StoreWatch:
    """Says when the storage files of ``folder`` changed since :meth:`mark` and have been still for ``quiet_s``.

    It looks at the folder at most every ``every_s`` seconds, so it can be asked often.
    """

    def __init__(self, folder: Path, *, quiet_s: float = 1.0, every_s: float = 0.5) -> None:
        self.folder = Path(folder)
        self.quiet_s = quiet_s
        self.every_s = every_s
        self._marked: Signature | None = None
        self._seen: Signature | None = None
        self._seen_since = 0.0
        self._looked = 0.0

    def signature(self) -> Signature:
        """Name, size and modification time (ns) of each storage file of the folder."""
        found: set[tuple[str, int, int]] = set()
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return frozenset()
        for entry in entries:
            if not _ENGINE_FILES.fullmatch(entry.name):
                continue
            try:
                info = entry.stat()
            except OSError:  # replaced while we looked: the next look sees the new one
                continue
            found.add((entry.name, info.st_size, info.st_mtime_ns))
        return frozenset(found)

    def mark(self) -> None:
        """Remember the files as they are now: call it just before (re)opening the store."""
        self._marked = self._seen = self.signature()
        self._seen_since = self._looked = time.monotonic()

    def changed(self) -> bool:
        """Whether the files differ from the mark and have not changed for ``quiet_s`` seconds."""
        now = time.monotonic()
        if self._marked is None or now - self._looked < self.every_s:
            return False
        self._looked = now
        current = self.signature()
        if current != self._seen:
            self._seen, self._seen_since = current, now
            return False
        return current != self._marked and now - self._seen_since >= self.quiet_s
