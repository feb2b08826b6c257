"""The knowledge graph on disk: an embedded Oxigraph store, opened for reading or writing.

Opened for writing, a store holds the ontology (loaded once, in one transaction) and is brought
back to a consistent state first (:func:`armskg.graph.store.recovery.finish_interrupted`): an
ingest killed half-way leaves no half-written article and no merge undone.

>>> import tempfile
>>> store = open_store(Path(tempfile.mkdtemp()) / "kg")
>>> ONTOLOGY_NODE in {q.subject for q in store.quads_for_pattern(ONTOLOGY_NODE, None, None, DefaultGraph())}
True
"""

from __future__ import annotations

import os
from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, Store

from armskg.ontology import ontology_path
from armskg.ontology.vocabulary import ONTOLOGY_NODE

from .check import store_problem
from .errors import StoreError, io_message
from .reader_lock import hold_shared
from .recovery import finish_interrupted

__all__ = ["DEFAULT_STORE", "default_store_path", "open_rdflib", "open_store"]

DEFAULT_STORE = "armskg-store"
"""Folder name of the store in the working folder, unless ``ARMSKG_STORE`` says otherwise."""


def default_store_path() -> Path:
    """``$ARMSKG_STORE`` if set, else ``./armskg-store``."""
    return Path(os.environ.get("ARMSKG_STORE", DEFAULT_STORE))


_VANISHED = "No such file or directory"
"""RocksDB's words when a table file its manifest lists was compacted away by a writer."""


def _read_only(location: Path, attempts: int = 3) -> Store:
    """A read-only open, tried again when a writer's compaction removed a table file between
    the reader's reading of the manifest and of that file (the next try reads the new manifest)."""
    for _ in range(attempts - 1):
        try:
            return Store.read_only(str(location))
        except RuntimeError as exc:
            if _VANISHED not in str(exc):
                raise
    return Store.read_only(str(location))


def open_store(path: Path | None = None, *, read_only: bool = False, finish_merges: bool = True) -> Store:
    """Open (or create) the store at ``path`` and make sure it holds the ontology.

    Opened for writing, it also finishes what an interrupted ingest left (a batch half-loaded
    is undone, pending merges are done: :mod:`armskg.graph.store.recovery`), so the merged graph
    agrees with the articles stored.  ``finish_merges=False`` is for an ingest about to run
    (:func:`armskg.graph.ingest.ingest`): it undoes the half-loaded batch only and merges
    the pending blocks with its own.
    """
    location = path or default_store_path()
    problem = store_problem(location, create=not read_only)
    if problem is not None:
        raise StoreError(problem)
    try:
        if read_only:
            if not location.exists():
                raise StoreError(f"{location}: no store here (run 'armskg ingest' first)")
            hold_shared(location)  # no bulk loader beside this reader
            return _read_only(location)
        location.parent.mkdir(parents=True, exist_ok=True)
        store = Store(str(location))
    except StoreError:
        raise
    except (OSError, RuntimeError) as exc:  # a store left half-created by a full disk raises RuntimeError
        message = io_message(exc)
        if "lock" in message.lower():
            raise StoreError(
                f"{location}: the store is in use by another process (an ingest, remove, or serve --writable); "
                f"wait for it to finish or stop it ({message})"
            ) from exc
        raise StoreError(f"{location}: cannot open the store ({message})") from exc
    if not any(True for _ in store.quads_for_pattern(ONTOLOGY_NODE, None, None, DefaultGraph())):
        try:  # one transaction: the ontology is either all there or not at all
            store.load(path=str(ontology_path()), format=RdfFormat.TURTLE, to_graph=DefaultGraph())
        except OSError as exc:
            raise StoreError(f"{location}: cannot write to the store ({io_message(exc)})") from exc
    try:
        finish_interrupted(store, merge=finish_merges)
    except OSError as exc:
        raise StoreError(f"{location}: cannot finish an interrupted merge ({io_message(exc)})") from exc
    return store


def open_rdflib(path: Path | None = None) -> object:
    """The same store as an ``rdflib.Dataset`` (through oxrdflib), for researchers who know rdflib.

    Close the pyoxigraph handle first: only one process or handle may write a store.
    """
    import rdflib

    dataset = rdflib.Dataset(store="Oxigraph")
    dataset.open(str(path or default_store_path()))
    return dataset
