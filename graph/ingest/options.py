"""How an ingest runs (:class:`IngestOptions`) and what it tells as it goes (:class:`IngestProgress`):
shared by the front end (:func:`armskg.graph.ingest.pipeline.ingest`) and both writers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeAlias

from armskg.loaders.lexicon import Lexicon, load_lexicon

from .prepare import LexiconSpec, lexicon_spec

__all__ = ["SMALL_RUN", "IngestOptions", "IngestProgress", "WriterName"]

WriterName: TypeAlias = Literal["auto", "transactional", "bulk"]
"""Which writer stores the articles: ``auto`` picks by the size of the run."""

SMALL_RUN = 64
"""Up to this many articles, extracted in this process, ``auto`` writes one transaction per article."""


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How :func:`~armskg.graph.ingest.pipeline.ingest` runs.

    ``workers``: extraction processes on this machine (1: in this process);
    ``dask_scheduler``: the address of a Dask scheduler (``tcp://host:8786``) to extract on
    instead; ``batch_size``: articles per load transaction; ``chunk_size``: articles per task
    sent to a worker; ``shards``: a folder to also write the run's quads to as N-Quads files;
    ``lexicon``: the lexicon to extract with, as an object (in this process), else
    ``lexicon_folder``: a folder of extra lexicon rows (sent to workers as data);
    ``store_folder``: the store's folder, for Oxigraph's bulk loader;
    ``writer``: ``transactional``, ``bulk`` or ``auto`` (transactional up to :data:`SMALL_RUN`
    articles extracted here, else bulk: both give the same store).
    """

    workers: int = 1
    dask_scheduler: str | None = None
    batch_size: int = 1000
    chunk_size: int = 16
    shards: Path | None = None
    lexicon: Lexicon | None = None
    lexicon_folder: Path | None = None
    store_folder: Path | None = None
    writer: WriterName = "auto"

    @property
    def in_process(self) -> bool:
        """Whether extraction runs in this process (no workers, no cluster)."""
        return self.workers <= 1 and not self.dask_scheduler

    def lexicon_here(self) -> Lexicon:
        """The lexicon as an object, for extraction in this process (no temporary folder)."""
        return self.lexicon if self.lexicon is not None else load_lexicon(self.lexicon_folder)

    def lexicon_for_workers(self) -> Lexicon | LexiconSpec:
        """What the map step gets: the object in this process, the folder's files as data elsewhere."""
        return self.lexicon_here() if self.in_process else lexicon_spec(self.lexicon_folder)


@dataclass(slots=True)
class IngestProgress:
    """Callbacks for progress: ``article`` after each input (with its outcome: ``ingested``,
    ``unchanged``, ``duplicate`` or ``failed``), ``merge_total``
    once the number of blocks to merge is known, ``merged`` after each block."""

    article: Callable[[str], None] = lambda outcome: None
    merge_total: Callable[[int], None] = lambda total: None
    merged: Callable[[int], None] = lambda blocks: None
