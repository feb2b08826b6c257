"""The actor network and the transfers in formats other tools read: GraphML, GEXF (Gephi) and CSV.

- :func:`network_document` writes a network from :func:`armskg.graph.network.actor_network` (or a
  projection of it, :mod:`armskg.graph.projections`) as GraphML or GEXF. Both formats hold only
  scalar attributes, so lists become ``"; "``-joined text, mappings JSON, and unknown values
  (``None``) are left out; every node gets its ``coalition`` number (1 = the largest) and
  ``coalition_name``, as on the map, and every edge a unique ``id``, a ``label`` (its relation)
  and a ``weight`` (its count).
- :func:`transfer_register` lists the transfers of a store, one row per merged transfer, in the
  spirit of SIPRI's arms transfers register: supplier, recipient, designation, weapon category,
  quantity, status, dates and sources; :func:`register_csv` writes it as CSV.
- :func:`coalitions_csv` writes :func:`armskg.graph.coalition_graph.coalition_rows` as CSV.

CSV cells that would start with ``=``, ``+``, ``-``, ``@`` or a tab get a leading ``'``, so a
spreadsheet shows text from articles as text instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pyoxigraph as ox

from armskg.ontology import PREFIXES

from .network import NetworkFilter, coalition_rows, coalitions, name_coalitions, read_event_facts

__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "REGISTER_COLUMNS",
    "coalitions_csv",
    "export_document",
    "flat_network",
    "network_document",
    "register_csv",
    "transfer_register",
]

GRAPH_FORMATS = ("graphml", "gexf")
"""Network formats :func:`network_document` writes."""

REGISTER_COLUMNS = (
    "supplier",
    "supplier_iso3",
    "recipient",
    "recipient_iso3",
    "designation",
    "weapon_category",
    "quantity",
    "status",
    "first_date",
    "last_date",
    "sources",
    "articles",
    "urls",
    "event",
)
"""Columns of the transfer register, in order."""

_Q_TRANSFER_PARTIES = """
SELECT DISTINCT ?event ?role ?actor ?label ?iso3 WHERE {
  ?event a ak:Transfer .
  { ?event ak:supplier ?actor BIND("supplier" AS ?role) }
  UNION { ?event ak:recipient ?actor BIND("recipient" AS ?role) }
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor ak:iso3 ?iso3 }
}
"""


def _scalar(value: Any) -> str | int | float | bool | None:
    """An attribute value GraphML and GEXF can hold."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return json.dumps(dict(value), sort_keys=True, ensure_ascii=False)
    if isinstance(value, Iterable):
        return "; ".join(str(v) for v in value)
    return str(value)


def flat_network(
    graph: nx.Graph, assignment: Mapping[str, int] | None = None, names: Mapping[str, str] | None = None
) -> nx.Graph:
    """A copy of ``graph`` with scalar attributes only, ``coalition`` numbers (and names) on the nodes, edge ids.

    Parameters
    ----------
    graph : networkx.Graph
        An actor network or a projection of it (any NetworkX graph class).
    assignment : Mapping, optional
        Coalition index per node (0-based); default :func:`armskg.graph.network.coalitions` for an
        actor network (a ``MultiDiGraph``); projections get no coalitions unless given.
    names : Mapping, optional
        Coalition name per node (``"bloc of the United States"``), written as ``coalition_name``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="supplies", relation="supplies", count=2, weapons=["drone"], first=None)
    'supplies'
    >>> flat = flat_network(g, {"a": 0, "b": 0})
    >>> flat.edges["a", "b", "supplies"]
    {'relation': 'supplies', 'count': 2, 'weapons': 'drone', 'id': 'e0', 'label': 'supplies', 'weight': 2}
    >>> flat.nodes["a"]
    {'coalition': 1}
    """
    if assignment is None and isinstance(graph, nx.MultiDiGraph):
        assignment = coalitions(graph)
    flat = graph.__class__()
    scalars = {k: v for k, v in graph.graph.items() if v is None or isinstance(v, str | int | float | bool)}
    flat.graph.update({k: v for k, v in scalars.items() if v not in (None, "")})
    for node in sorted(graph.nodes):
        attrs = {k: v for k, v in ((k, _scalar(v)) for k, v in graph.nodes[node].items()) if v is not None}
        if assignment is not None and node in assignment:
            attrs["coalition"] = int(assignment[node]) + 1
        if names is not None and node in names:
            attrs["coalition_name"] = names[node]
        flat.add_node(node, **attrs)
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    for n, edge in enumerate(sorted(edges, key=lambda e: tuple(str(x) for x in e[:-1]))):
        *ends, data = edge
        attrs = {k: v for k, v in ((k, _scalar(v)) for k, v in data.items()) if v is not None}
        attrs["id"] = f"e{n}"
        relation = attrs.get("relation") or attrs.get("relations")
        if relation is not None:
            attrs["label"] = str(relation)
        attrs.setdefault("weight", attrs.get("count", 1))
        if graph.is_multigraph():
            flat.add_edge(ends[0], ends[1], key=ends[2], **attrs)
        else:
            flat.add_edge(ends[0], ends[1], **attrs)
    return flat


def network_document(
    graph: nx.Graph, fmt: str, assignment: Mapping[str, int] | None = None, names: Mapping[str, str] | None = None
) -> str:
    """The network as a GraphML or GEXF document (``fmt``: one of :data:`GRAPH_FORMATS`).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("https://w3id.org/armskg/actor/state/PRK", label="North Korea", kind="state", iso3="PRK")
    >>> "North Korea" in network_document(g, "gexf")
    True
    """
    flat = flat_network(graph, assignment, names)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat, edge_id_from_attribute="id")) + "\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(flat)) + "\n"
    raise ValueError(f"unknown network format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> str:
    """Rows as CSV text with a header line."""
    out = io.StringIO()
    names = list(columns)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in names])
    return out.getvalue()


def transfer_register(
    store: ox.Store,
    *,
    since: str | None = None,
    until: str | None = None,
    weapons: Iterable[str] | None = None,
    min_sources: int | None = None,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """The transfers of the merged graph, one row per transfer (columns: :data:`REGISTER_COLUMNS`).

    ``designation``, ``quantity`` and ``status`` join several values with ``"; "`` when the merged
    reports differ; ``first_date``/``last_date`` span the transfer's dates (its articles'
    publication dates when it has no ``ak:date``); ``sources`` is its corroboration
    (``ak:sourceCount``, else the number of articles), ``articles`` their identifiers and ``urls``
    their addresses. The filters are those of :class:`armskg.graph.network.NetworkFilter`. Rows are
    ordered by supplier, recipient, weapon category and first date.

    Examples
    --------
    >>> transfer_register(ox.Store())
    []
    """
    flt = NetworkFilter.parse(since, until, weapons, min_sources, min_confidence)
    facts = read_event_facts(store, confidence=flt.min_confidence > 0)
    parties: dict[str, dict[str, tuple[str, str]]] = {}
    result = store.query(PREFIXES + _Q_TRANSFER_PARTIES)
    assert isinstance(result, ox.QuerySolutions)
    for solution in result:
        event, role, actor = (str(getattr(solution[k], "value", "")) for k in ("event", "role", "actor"))
        label, iso3 = solution["label"], solution["iso3"]
        name = str(label.value) if label is not None else actor
        parties.setdefault(event, {})[role] = (name, str(iso3.value) if iso3 is not None else "")
    rows = []
    for iri, fact in facts.items():
        if fact.kind != "transfer" or iri not in parties or not flt.keeps(fact, facts):
            continue
        span = fact.span
        supplier = parties[iri].get("supplier", ("", ""))
        recipient = parties[iri].get("recipient", ("", ""))
        rows.append(
            {
                "supplier": supplier[0],
                "supplier_iso3": supplier[1],
                "recipient": recipient[0],
                "recipient_iso3": recipient[1],
                "designation": "; ".join(sorted(fact.designations)),
                "weapon_category": "; ".join(sorted(fact.weapons)),
                "quantity": "; ".join(sorted(fact.quantities)),
                "status": "; ".join(sorted(fact.statuses)),
                "first_date": span[0].isoformat() if span else "",
                "last_date": span[1].isoformat() if span else "",
                "sources": fact.corroboration,
                "articles": "; ".join(sorted(fact.sources)),
                "urls": "; ".join(sorted(fact.urls)),
                "event": iri,
            }
        )
    return sorted(
        rows, key=lambda r: (r["supplier"], r["recipient"], r["weapon_category"], r["first_date"], r["event"])
    )


def register_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """The transfer register (:func:`transfer_register`) as CSV text with a header line."""
    return _csv(rows, REGISTER_COLUMNS)


def coalitions_csv(graph: nx.MultiDiGraph, assignment: Mapping[str, int] | None = None) -> str:
    """The coalition members (:func:`armskg.graph.coalition_graph.coalition_rows`) as CSV text."""
    return _csv(coalition_rows(graph, assignment), ("coalition", "name", "label", "kind", "iso3", "wikidata", "actor"))


EXPORT_FORMATS = (*GRAPH_FORMATS, "csv", "coalitions")
"""What :func:`export_document` writes: ``graphml``/``gexf`` (the actor network or a projection),
``csv`` (the transfer register) and ``coalitions`` (each actor's coalition, CSV)."""


def export_document(
    store: ox.Store,
    fmt: str,
    *,
    projection: str | None = None,
    since: str | None = None,
    until: str | None = None,
    weapons: Iterable[str] | None = None,
    min_sources: int | None = None,
    min_confidence: float | None = None,
) -> str:
    """One export of the store as text, as ``armskg export --format FMT`` writes it.

    Parameters
    ----------
    store : pyoxigraph.Store
        An armskg store.
    fmt : str
        One of :data:`EXPORT_FORMATS`.
    projection : str, optional
        For ``graphml``/``gexf``: a name of :data:`armskg.graph.projections.PROJECTIONS`
        (``cosignature``, ``supply``, ``hostility``) instead of the whole network. Nodes keep
        the coalition of the whole network.
    since, until, weapons, min_sources, min_confidence
        Filters, see :class:`armskg.graph.network.NetworkFilter`; a bad value raises
        :class:`armskg.graph.network.FilterError`.

    Examples
    --------
    >>> export_document(ox.Store(), "csv").splitlines()[0].split(",")[:3]
    ['supplier', 'supplier_iso3', 'recipient']
    """
    from .network import PROJECTIONS, FilterError, actor_network

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if projection is not None and fmt not in GRAPH_FORMATS:
        raise FilterError(f"--projection applies to --format {' or '.join(GRAPH_FORMATS)}, not {fmt}")
    if projection is not None and projection not in PROJECTIONS:
        raise FilterError(f"--projection: unknown projection {projection!r}; choose one of {', '.join(PROJECTIONS)}")
    if fmt == "csv":
        rows = transfer_register(
            store, since=since, until=until, weapons=weapons, min_sources=min_sources, min_confidence=min_confidence
        )
        return register_csv(rows)
    network = actor_network(
        store, since=since, until=until, weapons=weapons, min_sources=min_sources, min_confidence=min_confidence
    )
    camp = coalitions(network)
    if fmt == "coalitions":
        return coalitions_csv(network, camp)
    named = name_coalitions(network, camp)
    number = {n: found.number - 1 for found in named for n in found.members}
    names = {n: found.name for found in named for n in found.members}
    return network_document(PROJECTIONS[projection](network) if projection else network, fmt, number, names)
