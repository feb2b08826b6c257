"""Ingestion: articles in, their facts in the store, through one front end, :func:`ingest`.

- :mod:`.pipeline`: :func:`ingest`, which picks one of the two writers;
- :mod:`.transactional`: the small-run writer, one transaction per article (and removal);
- :mod:`.bulk`: the large-run writer: workers or Dask, batches, the bulk loader, one merge at the end;
- :mod:`.prepare`: the map step (extract, turn into quads and merge reports), with no store;
- :mod:`.triage`: which inputs are failed, repeated, unchanged or to write;
- :mod:`.spill`: the reports of new blocks kept on disk for the bulk merge;
- :mod:`.options`, :mod:`.report`: how a run goes, and what it did;
- :mod:`.files`: :func:`ingest_files`, articles from files and folders (``armskg ingest PATHS``).

Modules inside the package import each other's modules, never this ``__init__``.
"""

from __future__ import annotations

from .bulk import ClusterError
from .files import FilesIngested, ingest_files
from .options import SMALL_RUN, IngestOptions, IngestProgress
from .pipeline import WRITERS, Writer, choose_writer, ingest
from .prepare import Failed, LexiconSpec, Prepared, lexicon_spec, prepare_articles
from .report import IngestReport
from .spill import ReportSpill
from .transactional import remove_article, write_article

__all__ = [
    "SMALL_RUN",
    "WRITERS",
    "ClusterError",
    "Failed",
    "FilesIngested",
    "IngestOptions",
    "IngestProgress",
    "IngestReport",
    "LexiconSpec",
    "Prepared",
    "ReportSpill",
    "Writer",
    "choose_writer",
    "ingest",
    "ingest_files",
    "lexicon_spec",
    "prepare_articles",
    "remove_article",
    "write_article",
]
