"""Which articles a store holds, by content hash: what makes re-ingesting an unchanged article a no-op."""

from __future__ import annotations

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from armskg.ontology.vocabulary import Ak

__all__ = ["stored_hash"]


def stored_hash(store: Store, graph: NamedNode) -> str | None:
    """The content hash of the article whose graph is ``graph``, if the store holds it.

    >>> stored_hash(Store(), NamedNode("https://w3id.org/armskg/article/a")) is None
    True
    """
    for quad in store.quads_for_pattern(graph, Ak.contentHash, None, DefaultGraph()):
        if isinstance(quad.object, Literal):
            return quad.object.value
    return None
