"""The knowledge graph on disk: an embedded Oxigraph store, and what goes in and out of it.

One article is one unit of work.  Ingesting it replaces its named graph and brings the
default (merged) graph up to date in a single SPARQL update, which Oxigraph applies as
one transaction: an article is either fully in the store or not at all.  Ingesting the
same article again (same identifier, same content hash) changes nothing.

>>> import tempfile
>>> from armskg.loaders.article import Article
>>> store = open_store(Path(tempfile.mkdtemp()) / "kg")
>>> art = Article.from_text("n1", "Iran supplied Russia with Shahed-136 drones.", date="2022-10-18")
>>> ingest_articles(store, [art]).ingested, ingest_articles(store, [art]).unchanged
(1, 1)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store

from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.lexicon import Lexicon, load_lexicon
from armskg.loaders.readers import InputError
from armskg.ontology import AK, article_iri, ontology_path

from .triples import article_quads

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

_ONTOLOGY_MARK = NamedNode("https://w3id.org/armskg/ontology")
_CONTENT_HASH = NamedNode(AK + "contentHash")


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why in one line."""


def default_store_path() -> Path:
    """``$ARMSKG_STORE`` if set, else ``./armskg-store``."""
    return Path(os.environ.get("ARMSKG_STORE", DEFAULT_STORE))


def open_store(path: Path | None = None, *, read_only: bool = False) -> Store:
    """Open (or create) the store at ``path`` and make sure it holds the ontology."""
    location = path or default_store_path()
    try:
        if read_only:
            if not location.exists():
                raise StoreError(f"{location}: no store here (run 'armskg ingest' first)")
            return Store.read_only(str(location))
        location.parent.mkdir(parents=True, exist_ok=True)
        store = Store(str(location))
    except OSError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "lock" in message.lower():
            raise StoreError(f"{location}: the store is in use by another process ({message})") from exc
        raise StoreError(f"{location}: cannot open the store ({message})") from exc
    if not any(True for _ in store.quads_for_pattern(_ONTOLOGY_MARK, None, None, DefaultGraph())):
        store.load(path=str(ontology_path()), format=RdfFormat.TURTLE, to_graph=DefaultGraph())
    return store


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: counts, and the reason for each input that failed."""

    ingested: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    transfers: int = 0
    strikes: int = 0
    statements: int = 0

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed


def _stored_hash(store: Store, graph: NamedNode) -> str | None:
    for quad in store.quads_for_pattern(graph, _CONTENT_HASH, None, graph):
        if isinstance(quad.object, Literal):
            return quad.object.value
    return None


def _retract_update(graph: NamedNode) -> str:
    """SPARQL that takes an article's contribution out of the default graph and drops its graph.

    A triple leaves the default graph unless another article's graph still says it.
    """
    g = str(graph)
    return f"""
DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} ;
INSERT {{ ?s ?p ?o }} WHERE {{
  GRAPH {g} {{ ?s ?p ?o }}
  GRAPH ?other {{ ?s ?p ?o }}
  FILTER(?other != {g})
}} ;
DROP SILENT GRAPH {g}
"""


def _insert_update(quads: list[Quad]) -> str:
    default = [q for q in quads if isinstance(q.graph_name, DefaultGraph)]
    named: dict[str, list[Quad]] = {}
    for q in quads:
        if not isinstance(q.graph_name, DefaultGraph):
            named.setdefault(str(q.graph_name), []).append(q)
    parts = [f"{q.subject} {q.predicate} {q.object} ." for q in default]
    for g, qs in named.items():
        parts.append(f"GRAPH {g} {{ " + " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in qs) + " }")
    return "INSERT DATA { " + "\n".join(parts) + " }"


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
        old = _stored_hash(store, graph)
        if old == item.content_hash:
            report.unchanged += 1
            if on_item:
                on_item(item, "unchanged")
            continue
        try:
            extraction = extract(item, lex)
            quads = article_quads(item, extraction)
        except Exception as exc:  # extraction bugs must not lose the rest of a batch
            report.failed.append(f"{item.source or item.id}: extraction failed ({type(exc).__name__}: {exc})")
            if on_item:
                on_item(item, "failed")
            continue
        try:
            if old is None:
                store.extend(quads)
            else:
                store.update(_retract_update(graph) + " ;\n" + _insert_update(quads))
        except OSError as exc:
            raise StoreError(f"cannot write to the store: {exc}") from exc
        report.ingested += 1
        report.transfers += len(extraction.transfers)
        report.strikes += len(extraction.strikes)
        report.statements += len(extraction.statements)
        if on_item:
            on_item(item, "ingested")
    return report


def remove_article(store: Store, article_id: str) -> bool:
    """Retract an article: its graph, and whatever only it said in the default graph."""
    graph = NamedNode(article_iri(article_id))
    if not store.contains_named_graph(graph):
        return False
    store.update(_retract_update(graph))
    return True


def export_store(store: Store, fmt: str, output: Path | None = None) -> bytes | None:
    """Serialize the store: ``nquads``/``trig``/``jsonld`` hold every graph, ``turtle`` the merged one."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    rdf_format = EXPORT_FORMATS[fmt]
    kwargs: dict[str, object] = {}
    if not rdf_format.supports_datasets:
        kwargs["from_graph"] = DefaultGraph()
    if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG):
        kwargs["prefixes"] = {
            "ak": AK,
            "schema": "https://schema.org/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        }
    if output is None:
        return store.dump(None, rdf_format, **kwargs)  # type: ignore[arg-type]
    store.dump(str(output), rdf_format, **kwargs)  # type: ignore[arg-type]
    return None


def open_rdflib(path: Path | None = None) -> object:
    """The same store as an ``rdflib.Dataset`` (through oxrdflib), for researchers who know rdflib.

    Close the pyoxigraph handle first: only one process or handle may write a store.
    """
    import rdflib

    dataset = rdflib.Dataset(store="Oxigraph")
    dataset.open(str(path or default_store_path()))
    return dataset
