"""Is this folder an armskg store?  Asked before the storage engine is, so that a wrong
``--store`` gets one plain line rather than RocksDB's own message, and so that a write never
scatters a store's files among someone's other files.

An armskg store is an Oxigraph (RocksDB) folder: it holds ``CURRENT``, ``MANIFEST-*``,
``*.sst`` files and the like, and armskg's readers' lock (:mod:`armskg.graph.store.reader_lock`).
A new store may be made where nothing is, or in an empty folder.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> store_problem(folder, create=True) is None
True
>>> store_problem(folder, create=False)  # doctest: +ELLIPSIS
"...: an empty folder, not an armskg store (make one with 'armskg ingest FILES --store ...')"
>>> _ = (folder / "notes.pdf").write_bytes(b"%PDF")
>>> store_problem(folder, create=True)  # doctest: +ELLIPSIS
'...: this folder holds other files (notes.pdf) and no armskg store; give a new or empty folder as --store'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from .reader_lock import LOCK_FILE

__all__ = ["looks_like_store", "store_problem"]

_ENGINE_FILES: Final = re.compile(r"CURRENT|IDENTITY|LOCK|LOG(\.old.*)?|MANIFEST-\d+|OPTIONS-\d+|\d+\.(sst|log|blob)")
"""Names RocksDB gives the files of a database folder."""


def looks_like_store(entries: list[str]) -> bool:
    """Whether a folder holding ``entries`` (file names) is a RocksDB database, as Oxigraph writes one.

    >>> looks_like_store(["CURRENT", "000010.sst", "armskg-readers.lock"]), looks_like_store(["a.txt"])
    (True, False)
    """
    return any(_ENGINE_FILES.fullmatch(name) for name in entries)


def store_problem(location: Path, *, create: bool) -> str | None:
    """Why ``location`` cannot be opened as a store (one line), or None when it can.

    ``create``: the caller writes, so a missing or empty folder is fine (the store is made there).
    A missing folder for a reader is left to the caller (it says "no store here").
    """
    if not location.exists():
        return None
    if not location.is_dir():
        return f"{location}: a file, not a store folder; give the folder of an armskg store as --store"
    try:
        entries = sorted(entry.name for entry in location.iterdir())
    except OSError as exc:
        return f"{location}: cannot read the folder ({exc.strerror or exc})"
    if looks_like_store(entries):
        return None
    others = [name for name in entries if name != LOCK_FILE]
    if not others:
        if create:
            return None
        return (
            f"{location}: an empty folder, not an armskg store (make one with 'armskg ingest FILES --store {location}')"
        )
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    what = f"this folder holds other files ({shown}) and no armskg store"
    return f"{location}: {what}; give a new or empty folder as --store"
