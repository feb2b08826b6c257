"""Articles from files and folders to the store: what ``armskg ingest PATHS`` does, callable from a notebook.

:func:`ingest_files` names the files of a folder it will not read (a ``.pdf``, a sidecar without
its ``.txt``), reads the rest (:func:`armskg.loaders.readers.read_articles`), hands them to
:func:`~armskg.graph.ingest.pipeline.ingest`, and counts what the store then holds as ``armskg
summary`` does (:attr:`FilesIngested.held`), so a caller can say both what the run did and where the store stands.

>>> import tempfile
>>> from armskg.graph.store.open import open_store
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Iran supplied Russia with Shahed-136 drones.")
>>> _ = (folder / "b.pdf").write_bytes(b"%PDF")
>>> done = ingest_files(open_store(Path(tempfile.mkdtemp()) / "kg"), [folder])
>>> done.report.ingested, done.held.transfers, [path.name for path, why in done.unread]
(1, 1, ['b.pdf'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pyoxigraph import Store

from armskg.graph.summary import Summary, summarize
from armskg.loaders.readers import HTML_TIMEOUT_S, MAX_BYTES, MAX_CHARS, read_articles
from armskg.loaders.unread import unread_files

from .options import IngestOptions, IngestProgress
from .pipeline import ingest
from .report import IngestReport

__all__ = ["FilesIngested", "ingest_files"]


@dataclass(frozen=True)
class FilesIngested:
    """What :func:`ingest_files` did: the run's ``report``, the files of folders it did not read
    (``unread``: each with why), and (:attr:`held`) what the ``store`` holds after it."""

    report: IngestReport
    unread: tuple[tuple[Path, str], ...]
    store: Store

    @cached_property
    def held(self) -> Summary:
        """The store's counts after the run (:func:`armskg.graph.summary.summarize`), counted when
        first asked: a large store takes a while to count, and ``ingest --quiet`` may not ask."""
        return summarize(self.store)


def ingest_files(
    store: Store,
    paths: Iterable[Path],
    options: IngestOptions | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
    html_timeout_s: float = HTML_TIMEOUT_S,
    progress: IngestProgress | None = None,
    on_unread: Callable[[Path, str], None] | None = None,
) -> FilesIngested:
    """Ingest every article of ``paths`` (files or folders) into ``store``.

    ``max_bytes``, ``max_chars`` and ``html_timeout_s`` bound what is read of one article (see
    :mod:`armskg.loaders.readers`); an article over a limit, or a bad file or line, is a failure
    in the report and the rest goes in.  ``on_unread`` hears of each file not read as it is found,
    before any article is read (the command line names them first).
    """
    paths = list(paths)
    unread = tuple(unread_files(paths))
    for path, why in unread:
        if on_unread is not None:
            on_unread(path, why)
    articles = read_articles(paths, max_bytes=max_bytes, html_timeout_s=html_timeout_s, max_chars=max_chars)
    report = ingest(store, articles, options, progress)
    return FilesIngested(report=report, unread=unread, store=store)
