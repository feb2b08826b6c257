"""The SPARQL endpoint: the real ``oxigraph`` server behind a front that bounds every request.

Three jobs, one module each (the others serve them):

- process supervision: :mod:`.child` starts and ends one ``oxigraph`` process,
  :mod:`.supervisor` keeps one serving (restarts, freshness after an ingest with :mod:`.store_watch`);
- the HTTP front: :mod:`.front` (routing, headers), :mod:`.query_page` (the page at ``/``),
  :mod:`.relay` (a request to the child and its whole answer back);
- resource limits: :mod:`.limits` (time, memory and size bounds, the 503/504 answers).

:mod:`.server` puts them together as :class:`SparqlServer` and :func:`serve`;
:mod:`.foreground` runs one until Ctrl-C or SIGTERM (``armskg serve``).
"""

from __future__ import annotations

from .child import ServerError, free_port, oxigraph_binary
from .foreground import run_in_foreground
from .limits import DEFAULT_TIMEOUT_S, ServerStats, default_memory_mb
from .query_page import PAGE_PREFIXES, QueryPage, example_values, library_document, page_query
from .server import SparqlServer, serve
from .store_watch import StoreWatch, snapshot_time

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "PAGE_PREFIXES",
    "QueryPage",
    "ServerError",
    "ServerStats",
    "SparqlServer",
    "StoreWatch",
    "default_memory_mb",
    "example_values",
    "free_port",
    "library_document",
    "oxigraph_binary",
    "page_query",
    "run_in_foreground",
    "serve",
    "snapshot_time",
]
