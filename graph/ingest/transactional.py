"""The transactional writer: one article, one transaction.

Writing an article replaces its named graph and brings the default (merged) graph up to date,
re-merging the events it shares with other articles (:func:`armskg.graph.merge.plan_changes`), in a
single SPARQL update, which Oxigraph applies as one transaction: an article is either fully in the
store or not at all.  Writing the same article again (same identifier, same content hash) changes
nothing.  Removing an article is the same change the other way.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad, Store

from armskg.graph.merge import plan_changes
from armskg.graph.store.articles import stored_hash
from armskg.graph.store.errors import StoreError, io_message
from armskg.graph.triples import Report, article_quads, article_reports
from armskg.loaders.article import Article
from armskg.loaders.facts import Extraction
from armskg.loaders.readers import InputError
from armskg.ontology import article_iri

from .options import IngestOptions, IngestProgress
from .prepare import Failed, extract_article
from .report import IngestReport
from .triage import to_write

__all__ = ["remove_article", "write_article", "write_transactional"]


def write_transactional(
    store: Store, items: Iterable[Article | InputError], options: IngestOptions, tell: IngestProgress
) -> IngestReport:
    """The transactional writer: extract each article and write it, one transaction per article.

    Bad inputs (an :class:`InputError` from the readers, or an article whose extraction fails)
    are recorded in the report and do not stop the run.
    """
    lexicon = options.lexicon_here()
    report = IngestReport()
    for article, replaces in to_write(store, items, report, tell):
        done = extract_article(article, lexicon)
        if isinstance(done, Failed):
            report.failed.append(f"{done.source}: {done.message}")
            tell.article("failed")
            continue
        _write(store, NamedNode(article_iri(article.id)), replace=replaces, quads=done.quads, reports=done.reports)
        report.ingested += 1
        report.transfers += len(done.extraction.transfers)
        report.strikes += len(done.extraction.strikes)
        report.statements += len(done.extraction.statements)
        tell.article("ingested")
    return report


def _write(store: Store, graph: NamedNode, *, replace: bool, quads: list[Quad], reports: list[Report]) -> None:
    """The article's graph, and every event it adds to or leaves, in one transaction."""
    try:
        plan_changes(store, drop=[graph.value] if replace else [], add_quads=quads, add_reports=reports).apply(store)
    except OSError as exc:
        raise StoreError(f"cannot write to the store: {io_message(exc)}") from exc


def write_article(store: Store, article: Article, extraction: Extraction) -> bool:
    """Write one article whose facts are already extracted, as the transactional writer does
    after extraction (facts made by hand, in tests and the merge benchmark): False when the store
    already holds this very article."""
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
        raise StoreError(f"cannot write to the store: {io_message(exc)}") from exc
    return True
