"""Merge a local store into what a remote store holds, so that a push never drops a colleague's facts.

Several researchers may push to one shared endpoint, each from their own store.  Replacing
the remote merged (default) graph with one store's merged graph would drop the events only
the others' articles report: their article graphs stay, their facts vanish from the view the
queries read.  So a push works on the remote dataset as a whole:

1. read it (one Graph Store ``GET``), into a scratch in-memory store;
2. write each local article the remote lacks, or holds in another version (its content hash
   differs), the way ``armskg ingest`` writes an article (:func:`armskg.graph.merge.plan_changes`:
   its graph goes in, the events it shares are re-merged with everyone's), and retract the
   articles this store pushed before and has removed since;
3. re-merge every event from the evidence records of all articles
   (:func:`armskg.graph.merge.remerge_store`), so that the merged view is a function of the
   set of articles the remote holds, whoever pushed them;
4. send the difference, quads deleted and inserted, as **one** SPARQL update, conditional on a
   version mark (``ak:pushVersion`` of ``<https://w3id.org/armskg/store>`` in the tally graph)
   being what step 1 read.  A colleague who pushed in between changed the mark: the update then
   matches nothing, changes nothing, and the push starts again from step 1.

Only articles are taken from the local store: what an article says is rebuilt from its graph
and the default-graph triples about it (:func:`stored_article`), and the events come from
the merge.  A remote store that is not an armskg dataset is merged with as it is.

>>> update_endpoint("http://127.0.0.1:7878/store"), update_endpoint("http://h:3030/arms/data")
('http://127.0.0.1:7878/update', 'http://h:3030/arms/update')
>>> update_endpoint("http://h:7200/repositories/lab/rdf-graphs/service")
'http://h:7200/repositories/lab/statements'
>>> update_endpoint("http://h/sparql") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store

from armskg.graph.merge import plan_changes, remerge_store
from armskg.graph.triples import STATE_REFERENCE, Report
from armskg.ontology import ontology_path
from armskg.ontology.vocabulary import (
    ARTICLE_NS,
    EVENT_NS,
    EVIDENCE_NS,
    ONTOLOGY_NODE,
    RDF_TYPE,
    STATE_NS,
    STORE_NODE,
    TALLY_GRAPH,
    Ak,
)

from .write import data_block

__all__ = [
    "PUSH_VERSION",
    "MergedPush",
    "article_hashes",
    "merge_into",
    "push_mark",
    "stored_article",
    "take_mark",
    "update_endpoint",
    "versioned_update",
]

PUSH_VERSION = Ak.pushVersion
"""The property of the push mark: its value changes with every push that changes the remote store."""

_UPDATE_BESIDE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/rdf-graphs/service/?$"), "/statements"),  # GraphDB, RDF4J
    (re.compile(r"/store/?$"), "/update"),  # Oxigraph, armskg serve --writable
    (re.compile(r"/data/?$"), "/update"),  # Fuseki
)


def update_endpoint(endpoint: str) -> str | None:
    """The SPARQL Update endpoint beside a Graph Store endpoint, when the server kind is known; else None."""
    base, _, query = endpoint.partition("?")
    for pattern, replacement in _UPDATE_BESIDE:
        if pattern.search(base):
            return pattern.sub(replacement, base) + (f"?{query}" if query else "")
    return None


def article_hashes(store: Store) -> dict[str, str | None]:
    """Each article graph of ``store`` with the content hash the default graph gives its article."""
    found: dict[str, str | None] = {}
    for graph in store.named_graphs():
        if isinstance(graph, NamedNode) and graph.value.startswith(ARTICLE_NS):
            found[graph.value] = None
    for quad in store.quads_for_pattern(None, Ak.contentHash, None, DefaultGraph()):
        name = quad.subject.value if isinstance(quad.subject, NamedNode) else ""
        if name in found and isinstance(quad.object, Literal):
            found[name] = quad.object.value
    return found


def stored_article(store: Store, graph: str) -> tuple[list[Quad], list[Report]]:
    """What an ingest of the article wrote itself (:func:`armskg.graph.triples.article_quads`), and
    its reports, read back from ``store``: its graph without the merged events, the copies of its
    actors' triples in the default graph, its states' reference triples, and its own node."""
    name = NamedNode(graph)
    quads: dict[Quad, None] = {}
    reports: list[Report] = []
    for quad in store.quads_for_pattern(None, None, None, name):
        subject = quad.subject.value if isinstance(quad.subject, NamedNode) else ""
        if subject.startswith(EVENT_NS):
            continue  # the merge writes these
        quads[quad] = None
        if quad.predicate == Ak.mergeRecord and isinstance(quad.object, Literal):
            reports.append(Report.from_json(graph, subject, quad.object.value))
        if subject.startswith(EVIDENCE_NS):
            continue  # evidence stays in the article's graph
        copy = Quad(quad.subject, quad.predicate, quad.object, DefaultGraph())
        if copy in store:
            quads[copy] = None
        if subject.startswith(STATE_NS) and quad.predicate == RDF_TYPE:
            for reference in STATE_REFERENCE:
                quads.update(dict.fromkeys(store.quads_for_pattern(quad.subject, reference, None, DefaultGraph())))
    quads.update(dict.fromkeys(store.quads_for_pattern(name, None, None, DefaultGraph())))
    return list(quads), reports


def push_mark(store: Store) -> str | None:
    """The version mark a push left in ``store`` (None when there is none)."""
    for quad in store.quads_for_pattern(STORE_NODE, PUSH_VERSION, None, TALLY_GRAPH):
        if isinstance(quad.object, Literal):
            return quad.object.value
    return None


def take_mark(store: Store) -> str | None:
    """:func:`push_mark`, removed from ``store`` (a scratch copy), so that the merge does not see it."""
    found = push_mark(store)
    for quad in list(store.quads_for_pattern(STORE_NODE, PUSH_VERSION, None, TALLY_GRAPH)):
        store.remove(quad)
    return found


@dataclass(slots=True)
class MergedPush:
    """What a push changes on the remote store: quads to delete and insert, and the articles
    written (``written``) and retracted (``retracted``)."""

    delete: list[Quad] = field(default_factory=list)
    insert: list[Quad] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)

    @property
    def graphs(self) -> list[str]:
        """The graphs the change touches (``"default graph"`` for the default graph), sorted."""
        names = {"default graph" if isinstance(q.graph_name, DefaultGraph) else q.graph_name.value for q in self.quads}
        return sorted(names, key=lambda n: (n != "default graph", n))

    @property
    def quads(self) -> Iterable[Quad]:
        """Every quad deleted or inserted."""
        return [*self.delete, *self.insert]


def merge_into(remote: Store, local: Store, *, retract: Collection[str] = ()) -> MergedPush:
    """Bring the articles of ``local`` into ``remote`` (a scratch copy of the remote dataset,
    without its push mark) as an ingest would, retract the articles ``retract`` that ``local``
    no longer holds, re-merge all events, and return the difference with what ``remote`` held."""
    before = set(remote)
    if not any(True for _ in remote.quads_for_pattern(ONTOLOGY_NODE, None, None, DefaultGraph())):
        remote.load(path=str(ontology_path()), format=RdfFormat.TURTLE, to_graph=DefaultGraph())
    here, there = article_hashes(local), article_hashes(remote)
    change = MergedPush()
    for graph in sorted(set(retract) & set(there) - set(here)):
        plan_changes(remote, drop=[graph]).apply(remote)
        change.retracted.append(graph)
    for graph, digest in sorted(here.items()):
        if graph in there and there[graph] == digest:
            continue  # the remote holds this very article already
        quads, reports = stored_article(local, graph)
        plan_changes(remote, drop=[graph] if graph in there else [], add_quads=quads, add_reports=reports).apply(remote)
        change.written.append(graph)
    if change.written or change.retracted:
        remerge_store(remote)
    after = set(remote)
    change.delete = sorted(before - after, key=str)
    change.insert = sorted(after - before, key=str)
    return change


def versioned_update(change: MergedPush, old: str | None, new: str) -> str:
    """``change`` as one SPARQL update that applies only while the push mark is ``old`` (absent
    when None), and sets it to ``new``: applied whole, or not at all when another push came first.

    >>> print(versioned_update(MergedPush(), None, "v2"))  # doctest: +NORMALIZE_WHITESPACE
    DELETE { }
    INSERT { GRAPH <https://w3id.org/armskg/graph/tallies> {
    <https://w3id.org/armskg/store> <https://w3id.org/armskg/ontology#pushVersion> "v2" .
    } }
    WHERE { FILTER NOT EXISTS { GRAPH <https://w3id.org/armskg/graph/tallies> {
    <https://w3id.org/armskg/store> <https://w3id.org/armskg/ontology#pushVersion> ?any } } }
    """
    mark = f"{STORE_NODE} {PUSH_VERSION}"

    def marked(value: str) -> Quad:
        return Quad(STORE_NODE, PUSH_VERSION, Literal(value), TALLY_GRAPH)

    delete = [*change.delete, *([marked(old)] if old is not None else [])]
    insert = [*change.insert, marked(new)]
    if old is None:
        where = f"FILTER NOT EXISTS {{ GRAPH {TALLY_GRAPH} {{\n{mark} ?any }} }}"
    else:
        where = f"GRAPH {TALLY_GRAPH} {{ {mark} {Literal(old)} }}"
    return f"DELETE {{ {data_block(delete)} }}\nINSERT {{ {data_block(insert)} }}\nWHERE {{ {where} }}"
