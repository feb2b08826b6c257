"""The store: an embedded Oxigraph store on disk, and everything that keeps it whole.

- :mod:`.open`: open (or create) a store, for reading or writing;
- :mod:`.write`: the one write primitive, :class:`ChangeSet`, applied as one SPARQL update;
- :mod:`.recovery`: what an interrupted ingest left, finished when the store is opened to write;
- :mod:`.export`: the store written out as RDF;
- :mod:`.push`, :mod:`.push_merge`: the store's articles sent to a remote SPARQL store;
- :mod:`.reader_lock`: readers and the bulk loader kept apart;
- :mod:`.check`: is this folder a store at all;
- :mod:`.articles`, :mod:`.tally_quads`, :mod:`.background`, :mod:`.errors`: what those share.

Modules inside the package import each other's modules, never this ``__init__``.
"""

from __future__ import annotations

from .articles import stored_hash
from .check import looks_like_store, store_problem
from .errors import StoreError, io_message
from .export import EXPORT_FORMATS, export_store
from .open import DEFAULT_STORE, default_store_path, open_rdflib, open_store
from .recovery import finish_interrupted, merge_pending, pending_blocks
from .write import ChangeSet, sparql_update

__all__ = [
    "DEFAULT_STORE",
    "EXPORT_FORMATS",
    "ChangeSet",
    "StoreError",
    "default_store_path",
    "export_store",
    "finish_interrupted",
    "io_message",
    "looks_like_store",
    "merge_pending",
    "open_rdflib",
    "open_store",
    "pending_blocks",
    "sparql_update",
    "store_problem",
    "stored_hash",
]
