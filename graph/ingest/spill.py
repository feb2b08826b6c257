"""The reports of merge blocks new to the store, kept beside a bulk ingest for its merge.

A first-time merge of a block otherwise reads every report back from the store: three point
lookups each (its ``ak:mergeBlock``, its ``ak:mergeRecord``, the events holding it), random
reads that dominate the merge of a store larger than memory.  A :class:`ReportSpill` keeps the
reports of blocks the store did not hold before the run in a temporary folder, in buckets by the
first two hex digits of the block id.  The merge takes blocks in id order within each kind, so
each bucket is read once, in order, and the ingest stays within bounded memory.

The spill is only an index of what the run itself loaded: a run cut short loses it, and the next
write open merges from the store (:func:`armskg.graph.store.recovery.finish_interrupted`).

>>> from armskg.graph.triples import Report, block_id
>>> r = Report("strike", "https://w3id.org/armskg/article/a", "e/1", attacker="state:RUS", target="state:UKR")
>>> with ReportSpill() as spill:
...     spill.add([(block_id(r), r)])
...     [got] = spill.reports(block_id(r)) or []
>>> got == r
True
"""

from __future__ import annotations

import contextlib
import dataclasses
import pickle
import shutil
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from armskg.graph.triples import Report

__all__ = ["ReportSpill"]

_FIELDS = tuple(f.name for f in dataclasses.fields(Report))


class ReportSpill:
    """Reports by block, appended in batches to bucket files in a temporary folder (under
    ``TMPDIR``), read back one bucket at a time.  A write error (a full disk) turns the spill
    off rather than failing the ingest: :meth:`reports` then answers None, and the merge reads
    the store as it would without a spill."""

    def __init__(self, folder: Path | None = None) -> None:
        self._bucket: str | None = None
        self._loaded: dict[str, list[Report]] = {}
        self._folder: Path | None = None
        with contextlib.suppress(OSError):  # no temporary folder to write to: the merge reads the store
            self._folder = Path(tempfile.mkdtemp(prefix="armskg-reports-", dir=folder))
        self.broken = self._folder is None

    def __enter__(self) -> ReportSpill:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Delete the folder and forget the reports."""
        self.broken = True
        self._loaded = {}
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    @staticmethod
    def _bucket_of(block: str) -> str:
        kind, _, digest = block.partition("/")
        return f"{kind}-{digest[:2]}"

    def add(self, reports: Iterable[tuple[str, Report]]) -> None:
        """Append ``(block, report)`` pairs, one compressed pickle frame per bucket."""
        if self._folder is None or self.broken:
            return
        buckets: dict[str, list[tuple[object, ...]]] = {}
        for block, report in reports:  # as plain tuples: a slotted dataclass unpickles slowly
            buckets.setdefault(self._bucket_of(block), []).append((block, *(getattr(report, f) for f in _FIELDS)))
        try:
            for name, pairs in buckets.items():
                frame = zlib.compress(pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL), 1)
                with (self._folder / name).open("ab") as out:
                    pickle.dump(frame, out, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            self.close()

    def reports(self, block: str) -> list[Report] | None:
        """The block's reports added so far ([] if none), or None once the spill is off."""
        if self._folder is None or self.broken:
            return None
        name = self._bucket_of(block)
        if name != self._bucket:
            self._loaded = {}
            self._bucket = name
            try:
                with (self._folder / name).open("rb") as src:
                    while True:
                        try:
                            frame = pickle.load(src)
                        except EOFError:
                            break
                        pairs = pickle.loads(zlib.decompress(frame))
                        for block_, *values in pairs:
                            self._loaded.setdefault(block_, []).append(Report(*values))
            except FileNotFoundError:
                pass
            except OSError:
                self.close()
                return None
        return self._loaded.get(block, [])
