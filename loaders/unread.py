"""The files of an ingested folder that armskg does not read, each with the reason.

:func:`armskg.loaders.readers.read_articles` reads the files of a folder whose names end in
one of :data:`~armskg.loaders.readers.SUFFIXES`; a ``.pdf`` or ``.docx`` beside them would
otherwise be passed over in silence.  ``armskg ingest`` prints one line for each file this
module finds, and counts them in its last line.  Files named on the command line are not
listed here: a file given by name with an unknown suffix is an error of its own.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> for name in ("a.txt", "a.meta.json", "b.meta.json", "report.pdf", "notes"):
...     _ = (d / name).write_text("x")
>>> [(path.name, why) for path, why in unread_files([d])]  # doctest: +NORMALIZE_WHITESPACE
[('b.meta.json', 'a sidecar without its .txt (b.txt)'),
 ('notes', 'no file type (armskg reads .txt, .jsonl, .html and .htm files)'),
 ('report.pdf', 'armskg reads .txt, .jsonl, .html and .htm files, not .pdf (save it as text or HTML to read it)')]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .readers import SUFFIXES

__all__ = ["SIDECAR", "unread_files"]

SIDECAR = ".meta.json"
"""The ending of a ``.txt`` article's metadata file, read with its article."""

_READ = ", ".join(SUFFIXES[:-1]) + " and " + SUFFIXES[-1]


def _reason(path: Path) -> str | None:
    """Why the file at ``path`` (found in a folder) is not read, or None when it is."""
    name = path.name.lower()
    if name.endswith(SUFFIXES):
        return None
    if name.endswith(SIDECAR):
        article = path.name[: -len(SIDECAR)] + ".txt"
        if any(path.with_name(path.name[: -len(SIDECAR)] + end).is_file() for end in (".txt", ".TXT", ".Txt")):
            return None
        return f"a sidecar without its .txt ({article})"
    suffix = path.suffix.lower()
    if not suffix:
        return f"no file type (armskg reads {_READ} files)"
    return f"armskg reads {_READ} files, not {suffix} (save it as text or HTML to read it)"


def unread_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Each file under the folders of ``paths`` that is not read, with why, sorted by path.

    Folders that cannot be listed are reported by the reader itself; links to nothing are skipped.
    """
    for folder in paths:
        if not folder.is_dir():
            continue
        found: list[tuple[Path, str]] = []
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in names:
                path = Path(root) / name
                if not path.is_file():
                    continue
                why = _reason(path)
                if why is not None:
                    found.append((path, why))
        yield from sorted(found)
