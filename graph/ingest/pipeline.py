"""The one way in: :func:`ingest` takes articles to the store, whoever calls it.

The command line (``armskg ingest``, ``armskg demo``), the notebooks and the benchmarks all call
:func:`ingest`.  Behind it, two writers with one signature (:data:`WRITERS`) store the articles:

- ``transactional`` (:func:`~armskg.graph.ingest.transactional.write_transactional`): one
  transaction per article, re-merging the events it touches at once: for a few articles;
- ``bulk`` (:func:`~armskg.graph.ingest.bulk.write_bulk`): extraction in workers or on a Dask
  cluster, batches through the bulk loader, one merge at the end: for a corpus.

Both give the same store, quad for quad (the tests compare them).  ``writer="auto"`` picks the
transactional writer for a run of at most :data:`~armskg.graph.ingest.options.SMALL_RUN` articles
extracted in this process, into a store with no merge left pending, else the bulk writer.

>>> import tempfile
>>> from pathlib import Path
>>> from armskg.graph.store.open import open_store
>>> from armskg.loaders.article import Article
>>> store = open_store(Path(tempfile.mkdtemp()) / "kg")
>>> art = Article.from_text("n1", "Iran supplied Russia with Shahed-136 drones.", date="2022-10-18")
>>> ingest(store, [art]).ingested, ingest(store, [art]).unchanged
(1, 1)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TypeAlias

from pyoxigraph import Store

from armskg.graph.store.errors import StoreError, io_message
from armskg.graph.store.recovery import pending_blocks
from armskg.graph.store.tally_quads import TALLIES_KEPT, TALLIES_PENDING
from armskg.loaders.article import Article
from armskg.loaders.readers import InputError

from .bulk import write_bulk
from .options import SMALL_RUN, IngestOptions, IngestProgress, WriterName
from .report import IngestReport
from .transactional import write_transactional

__all__ = ["WRITERS", "Writer", "choose_writer", "ingest"]

Writer: TypeAlias = Callable[[Store, Iterable[Article | InputError], IngestOptions, IngestProgress], IngestReport]
"""A writer: the store, the inputs, the options and the progress callbacks in; the run's report out."""

WRITERS: dict[str, Writer] = {"transactional": write_transactional, "bulk": write_bulk}
"""The writers by name (:attr:`IngestOptions.writer`)."""


def choose_writer(store: Store, options: IngestOptions, first: list[Article | InputError]) -> WriterName:
    """The writer for a run whose first inputs are ``first`` (at most one more than a small run).

    >>> from pyoxigraph import Store
    >>> choose_writer(Store(), IngestOptions(writer="bulk"), [])
    'bulk'
    """
    if options.writer != "auto":
        return options.writer
    small = len(first) <= SMALL_RUN and options.in_process and options.shards is None
    settled = TALLIES_KEPT in store and TALLIES_PENDING not in store and not pending_blocks(store)
    return "transactional" if small and settled else "bulk"


def ingest(
    store: Store,
    articles: Iterable[Article | InputError],
    options: IngestOptions | None = None,
    progress: IngestProgress | None = None,
) -> IngestReport:
    """Extract ``articles`` (and the readers' errors, counted as failed) and write them to ``store``.

    Returns the :class:`~armskg.graph.ingest.report.IngestReport`: ingested, unchanged,
    duplicates, and each input that failed with its reason.  A store that cannot be written
    (a full disk, a read-only folder) raises :class:`~armskg.graph.store.errors.StoreError`.
    """
    opts = options or IngestOptions()
    items = iter(articles)
    first = list(itertools.islice(items, SMALL_RUN + 1))
    writer = WRITERS[choose_writer(store, opts, first)]
    try:
        return writer(store, itertools.chain(first, items), opts, progress or IngestProgress())
    except OSError as exc:  # a full disk, a read-only folder: one line, the store as it was
        raise StoreError(f"cannot write to the store: {io_message(exc)}") from exc
