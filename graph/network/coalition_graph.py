"""Coalitions as data: written back into the store, where SPARQL can ask for them, and as a table.

:func:`write_coalitions` replaces the named graph :data:`COALITIONS_GRAPH` with one
``ak:Coalition`` node per coalition, named and numbered as on the map and everywhere else
(:mod:`armskg.graph.network.coalition_names`: ``rdfs:label "bloc of the United States"``,
``schema:position 1``; 1 is the largest) and one ``ak:memberOf`` triple per actor::

    GRAPH <https://w3id.org/armskg/graph/coalitions> {
      <https://w3id.org/armskg/coalition/1> a ak:Coalition ; rdfs:label "bloc of the United States" ;
          schema:position 1 .
      <https://w3id.org/armskg/actor/state/UKR> ak:memberOf <https://w3id.org/armskg/coalition/1> .
    }

The graph also says how it was made (``rdfs:comment`` on the graph IRI: the method and the
network's filter). It is a snapshot: ingesting or removing articles does not touch it, so write it
again after the store changes (``armskg map --save-coalitions`` does). The same input gives the same
graph, because :func:`armskg.graph.network.coalitions` is deterministic. The named query
``coalitions`` (``armskg query coalitions``) lists the members with their labels.

:func:`coalition_rows` gives the same content as a table, one row per member, without a store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import pyoxigraph as ox

from armskg.ontology.vocabulary import (
    COALITION_NS,
    COALITIONS_GRAPH,
    RDF_TYPE,
    RDFS_COMMENT,
    RDFS_LABEL,
    XSD_INTEGER,
    Ak,
    Schema,
)

from .coalition_detection import coalition_assignment
from .coalition_names import name_coalitions

__all__ = [
    "COALITIONS_GRAPH",
    "coalition_iri",
    "coalition_rows",
    "read_coalitions",
    "write_coalitions",
]

_METHOD = (
    "Coalitions found by armskg.graph.network.coalitions (Louvain communities of the positive ties of the "
    "signed actor graph, merged while their signed sum is positive; actors without a positive tie join the "
    "coalition most hostile to their enemies)."
)


def coalition_iri(number: int) -> str:
    """The IRI of the coalition numbered ``number`` (1 = the largest).

    >>> coalition_iri(1)
    'https://w3id.org/armskg/coalition/1'
    """
    return f"{COALITION_NS}{number}"


def coalition_rows(graph: nx.MultiDiGraph, assignment: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """One row per actor: ``coalition`` (1 = the largest), ``name`` (the coalition's), ``actor`` (IRI),
    ``label``, ``kind``, ``iso3``, ``wikidata``.

    Numbers and names are those of :func:`armskg.graph.network.coalition_names.name_coalitions`, as on the
    map. Rows are ordered by coalition, then label. ``assignment`` (coalition index per node, 0-based as
    :func:`armskg.graph.network.coalitions` returns it) defaults to the nodes' ``coalition``
    attributes, else to :func:`~armskg.graph.network.coalitions`.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", label="X", kind="state", iso3="XXX")
    >>> [(r["coalition"], r["name"], r["actor"], r["label"], r["kind"]) for r in coalition_rows(g, {"x": 0})]
    [(1, 'bloc of X', 'x', 'X', 'state')]
    """
    camp = coalition_assignment(graph, assignment)
    rows = []
    for found in name_coalitions(graph, camp):
        for node in found.members:
            attrs = graph.nodes[node]
            rows.append(
                {
                    "coalition": found.number,
                    "name": found.name,
                    "actor": node,
                    "label": str(attrs.get("label") or node),
                    "kind": attrs.get("kind"),
                    "iso3": attrs.get("iso3"),
                    "wikidata": attrs.get("wikidata"),
                }
            )
    return sorted(rows, key=lambda r: (r["coalition"], r["label"], r["actor"]))


def write_coalitions(
    store: ox.Store, graph: nx.MultiDiGraph, assignment: Mapping[str, int] | None = None, *, note: str = ""
) -> int:
    """Replace :data:`COALITIONS_GRAPH` in ``store`` with the coalitions of ``graph``, in one transaction.

    Parameters
    ----------
    store : pyoxigraph.Store
        A writable store.
    graph : networkx.MultiDiGraph
        The actor network the coalitions are of.
    assignment : Mapping, optional
        Coalition index per node (0-based); see :func:`coalition_rows`.
    note : str
        Added to the graph's ``rdfs:comment`` (e.g. the network's filter).

    Returns
    -------
    int
        The number of coalitions written.
    """
    named = name_coalitions(graph, coalition_assignment(graph, assignment))
    name = COALITIONS_GRAPH
    quads = [ox.Quad(name, RDFS_COMMENT, ox.Literal(f"{_METHOD} {note}".strip()), name)]
    member_of = Ak.memberOf
    for found in named:
        node = ox.NamedNode(coalition_iri(found.number))
        position = ox.Literal(str(found.number), datatype=XSD_INTEGER)
        quads += [
            ox.Quad(node, RDF_TYPE, Ak.Coalition, name),
            ox.Quad(node, RDFS_LABEL, ox.Literal(found.name), name),
            ox.Quad(node, Schema.position, position, name),
        ]
        quads += [ox.Quad(ox.NamedNode(n), member_of, node, name) for n in found.members]
    body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    store.update(f"DROP SILENT GRAPH {name} ; INSERT DATA {{ GRAPH {name} {{ {body} }} }}")
    return len(named)


def read_coalitions(store: ox.Store) -> dict[str, int]:
    """The coalition number (1 = the largest) of each actor, as last written by :func:`write_coalitions`.

    Examples
    --------
    >>> read_coalitions(ox.Store())
    {}
    """
    found: dict[str, int] = {}
    prefix = coalition_iri(0)[:-1]
    for quad in store.quads_for_pattern(None, Ak.memberOf, None, COALITIONS_GRAPH):
        target = str(quad.object.value) if isinstance(quad.object, ox.NamedNode) else ""
        if isinstance(quad.subject, ox.NamedNode) and target.startswith(prefix) and target[len(prefix) :].isdigit():
            found[quad.subject.value] = int(target[len(prefix) :])
    return dict(sorted(found.items()))
