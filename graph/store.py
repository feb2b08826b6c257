"""The knowledge graph on disk: an embedded Oxigraph store, and what goes in and out of it.

One article is one unit of work.  Ingesting it replaces its named graph and brings the
default (merged) graph up to date, re-merging the events it shares with other articles
(:mod:`armskg.graph.merge`), in a single SPARQL update, which Oxigraph applies as one
transaction: an article is either fully in the store or not at all.  Ingesting the
same article again (same identifier, same content hash) changes nothing.

>>> import tempfile
>>> from armskg.loaders.article import Article
>>> store = open_store(Path(tempfile.mkdtemp()) / "kg")
>>> art = Article.from_text("n1", "Iran supplied Russia with Shahed-136 drones.", date="2022-10-18")
>>> ingest_articles(store, [art]).ingested, ingest_articles(store, [art]).unchanged
(1, 1)
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store

from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.facts import Extraction
from armskg.loaders.lexicon import Lexicon, load_lexicon
from armskg.loaders.readers import InputError
from armskg.ontology import article_iri, ontology_path
from armskg.ontology.vocabulary import AK, ONTOLOGY_NODE, SCHEMA, Ak

from .merge import plan_changes
from .prepare import extraction_failure
from .reader_lock import hold_shared
from .store_check import store_problem
from .triples import Report, article_quads, article_reports

__all__ = [
    "DEFAULT_STORE",
    "EXPORT_FORMATS",
    "IngestReport",
    "StoreError",
    "default_store_path",
    "export_store",
    "ingest_articles",
    "open_rdflib",
    "open_store",
    "remove_article",
    "stored_hash",
    "write_extraction",
]

DEFAULT_STORE = "armskg-store"
"""Folder name of the store in the working folder, unless ``ARMSKG_STORE`` says otherwise."""

EXPORT_FORMATS: dict[str, RdfFormat] = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "jsonld": RdfFormat.JSON_LD,
}
"""Export formats by name; ``turtle`` holds the merged default graph only."""


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why in one line."""


def _io_message(exc: BaseException) -> str:
    """One line for an I/O error, naming a full disk as such (Oxigraph reports it as an OSError).

    >>> _io_message(OSError("IO error: No space left on device: While appending to file: kg/000008.log"))
    'the disk is full (IO error: No space left on device: While appending to file: kg/000008.log); free some space'
    """
    text = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    if getattr(exc, "errno", None) == errno.ENOSPC or "No space left on device" in text:
        return f"the disk is full ({text}); free some space"
    return text


def default_store_path() -> Path:
    """``$ARMSKG_STORE`` if set, else ``./armskg-store``."""
    return Path(os.environ.get("ARMSKG_STORE", DEFAULT_STORE))


def open_store(path: Path | None = None, *, read_only: bool = False, finish_merges: bool = True) -> Store:
    """Open (or create) the store at ``path`` and make sure it holds the ontology.

    Opened for writing, it also finishes what an interrupted ingest left (a batch half-loaded
    is undone, pending merges are done; see :mod:`armskg.graph.bulk`), so the merged graph
    agrees with the articles stored.  ``finish_merges=False`` is for an ingest about to run
    (:func:`armskg.graph.bulk.ingest_bulk`): it undoes the half-loaded batch only and merges
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
            return Store.read_only(str(location))
        location.parent.mkdir(parents=True, exist_ok=True)
        store = Store(str(location))
    except StoreError:
        raise
    except (OSError, RuntimeError) as exc:  # a store left half-created by a full disk raises RuntimeError
        message = _io_message(exc)
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
            raise StoreError(f"{location}: cannot write to the store ({_io_message(exc)})") from exc
    from .bulk import finish_interrupted

    try:
        finish_interrupted(store, merge=finish_merges)
    except OSError as exc:
        raise StoreError(f"{location}: cannot finish an interrupted merge ({_io_message(exc)})") from exc
    return store


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: counts, the reason for each input that failed, and the seconds
    spent writing articles (``load_s``) and merging events (``merge_s``) in a bulk run."""

    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)
    transfers: int = 0
    strikes: int = 0
    statements: int = 0
    load_s: float = 0.0
    merge_s: float = 0.0
    bulk_loaded: int = 0
    """Articles whose graphs went in through Oxigraph's bulk loader (:mod:`armskg.graph.reader_lock`)."""

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed


def stored_hash(store: Store, graph: NamedNode) -> str | None:
    """The content hash of the article whose graph is ``graph``, if the store holds it."""
    for quad in store.quads_for_pattern(graph, Ak.contentHash, None, DefaultGraph()):
        if isinstance(quad.object, Literal):
            return quad.object.value
    return None


def ingest_articles(
    store: Store,
    items: Iterable[Article | InputError],
    *,
    lexicon: Lexicon | None = None,
    on_item: Callable[[Article | InputError, str], None] | None = None,
) -> IngestReport:
    """Extract each article and write it to ``store``, one transaction per article.

    Bad inputs (an :class:`InputError` from the readers, or an article whose extraction
    fails) are recorded in the report and do not stop the batch.  ``on_item`` is told
    each item's outcome (``ingested``, ``unchanged`` or ``failed``), e.g. for progress.
    """
    lex = lexicon or load_lexicon()
    report = IngestReport()
    for item in items:
        if isinstance(item, InputError):
            report.failed.append(str(item))
            if on_item:
                on_item(item, "failed")
            continue
        graph = NamedNode(article_iri(item.id))
        old = stored_hash(store, graph)
        if old == item.content_hash:
            report.unchanged += 1
            if on_item:
                on_item(item, "unchanged")
            continue
        try:
            extraction = extract(item, lex)
            quads = article_quads(item, extraction)
            reports = article_reports(item, extraction)
        except Exception as exc:  # extraction bugs must not lose the rest of a batch
            report.failed.append(f"{item.source or item.id}: {extraction_failure(exc)}")
            if on_item:
                on_item(item, "failed")
            continue
        _write(store, graph, replace=old is not None, quads=quads, reports=reports)
        report.ingested += 1
        report.transfers += len(extraction.transfers)
        report.strikes += len(extraction.strikes)
        report.statements += len(extraction.statements)
        if on_item:
            on_item(item, "ingested")
    return report


def _write(store: Store, graph: NamedNode, *, replace: bool, quads: list[Quad], reports: list[Report]) -> None:
    """The article's graph, and every event it adds to or leaves, in one transaction."""
    try:
        plan_changes(store, drop=[graph.value] if replace else [], add_quads=quads, add_reports=reports).apply(store)
    except OSError as exc:
        raise StoreError(f"cannot write to the store: {_io_message(exc)}") from exc


def write_extraction(store: Store, article: Article, extraction: Extraction) -> bool:
    """Write one article whose facts are already extracted (as :func:`ingest_articles` does
    after extraction): False when the store already holds this very article."""
    graph = NamedNode(article_iri(article.id))
    old = stored_hash(store, graph)
    if old == article.content_hash:
        return False
    quads, reports = article_quads(article, extraction), article_reports(article, extraction)
    _write(store, graph, replace=old is not None, quads=quads, reports=reports)
    return True


def remove_article(store: Store, article_id: str) -> bool:
    """Retract an article: its graph, and whatever only it said in the default graph."""
    graph = NamedNode(article_iri(article_id))
    if stored_hash(store, graph) is None:
        return False
    # the graph goes; events only it reported go; events it shared are re-merged without it
    try:
        plan_changes(store, drop=[graph.value]).apply(store)
    except OSError as exc:
        raise StoreError(f"cannot write to the store: {_io_message(exc)}") from exc
    return True


def export_store(store: Store, fmt: str, output: Path | None = None) -> bytes | None:
    """Serialize the store: ``nquads``/``trig``/``jsonld`` hold every graph, ``turtle`` the merged one.

    A file is written whole or not at all: the export goes to a temporary file beside
    ``output``, renamed over it when complete and removed on failure (a full disk included).
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    rdf_format = EXPORT_FORMATS[fmt]
    kwargs: dict[str, object] = {}
    if not rdf_format.supports_datasets:
        kwargs["from_graph"] = DefaultGraph()
    if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG):
        kwargs["prefixes"] = {
            "ak": AK,
            "schema": SCHEMA,
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        }
    if output is None:
        return store.dump(None, rdf_format, **kwargs)  # type: ignore[arg-type]
    output = Path(output)
    if output.exists() and not output.is_file():  # /dev/stdout, a pipe: written as it is
        part = output
    else:  # a name of our own beside it, created with the usual permissions
        part = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        if part == output:
            store.dump(str(output), rdf_format, **kwargs)  # type: ignore[arg-type]
            return None
        store.dump(str(part), rdf_format, **kwargs)  # type: ignore[arg-type]
        part.replace(output)
    except OSError as exc:
        raise StoreError(f"cannot write {output}: {_io_message(exc)}") from exc
    finally:
        if part != output:
            part.unlink(missing_ok=True)
    return None


def open_rdflib(path: Path | None = None) -> object:
    """The same store as an ``rdflib.Dataset`` (through oxrdflib), for researchers who know rdflib.

    Close the pyoxigraph handle first: only one process or handle may write a store.
    """
    import rdflib

    dataset = rdflib.Dataset(store="Oxigraph")
    dataset.open(str(path or default_store_path()))
    return dataset
