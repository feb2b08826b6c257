"""Projections of the actor network that researchers ask for: who spoke together, who arms whom, who is hostile.

Each projection takes a network from :func:`armskg.graph.network.actor_network` (filtered by
period, weapon category or corroboration there) and keeps one kind of tie, folded into one edge per
pair with a ``weight``:

- :func:`cosignature_graph`: states, persons and organizations that spoke in the same statement;
- :func:`supply_graph`: who supplies arms to whom;
- :func:`hostility_graph`: who acts or speaks against whom (strikes, condemnations, allegations,
  denials of what someone else did: every edge whose signed weight is negative).

:data:`PROJECTIONS` maps their names to them, for ``armskg export --projection NAME``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from .coalition_detection import edge_weight

__all__ = ["PROJECTIONS", "cosignature_graph", "hostility_graph", "supply_graph"]


def _with_nodes(source: nx.MultiDiGraph, target: nx.Graph) -> nx.Graph:
    """Copy the attributes of the nodes that ``target`` has from ``source``."""
    for node in target.nodes:
        target.nodes[node].update(source.nodes[node])
    return target


def cosignature_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The actors that spoke together: one undirected edge per pair that co-signed a statement.

    Edge attributes: ``weight`` and ``statements`` (number of statements made together),
    ``events`` (their IRIs), ``sources``, ``first``, ``last``. Only actors with a co-signature
    are nodes.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="co_signs", relation="co_signs", count=2, events=["s1", "s2"])
    'co_signs'
    >>> g.add_edge("a", "c", key="supplies", relation="supplies", count=1)
    'supplies'
    >>> sorted(cosignature_graph(g).edges(data="weight"))
    [('a', 'b', 2)]
    """
    out = nx.Graph()
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("relation") != "co_signs" or u == v:
            continue
        count = int(attrs.get("count", 1))
        out.add_edge(
            u,
            v,
            weight=count,
            statements=count,
            events=list(attrs.get("events", [])),
            sources=list(attrs.get("sources", [])),
            first=attrs.get("first"),
            last=attrs.get("last"),
        )
    return _with_nodes(graph, out)


def supply_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Who supplies arms to whom: the ``supplies`` edges as a directed graph.

    Edge attributes: ``weight`` (number of transfers), ``weapons``, ``designations``,
    ``statuses``, ``events``, ``sources``, ``first``, ``last``, ``corroboration``.
    """
    out = nx.DiGraph()
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("relation") != "supplies":
            continue
        kept = {k: attrs.get(k) for k in ("weapons", "designations", "statuses", "events", "sources", "first", "last")}
        out.add_edge(u, v, weight=int(attrs.get("count", 1)), corroboration=attrs.get("corroboration"), **kept)
    return _with_nodes(graph, out)


def hostility_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Who acts or speaks against whom: every edge of negative signed weight, one per ordered pair.

    The weight of an edge is :func:`armskg.graph.network.edge_weight`; a pair's ``weight`` is
    the hostility summed over its relations, as a positive number. Other attributes:
    ``relations`` (the hostile relations, e.g. ``["condemn", "strikes"]``), ``count`` (events
    behind them), ``events``, ``sources``, ``first``, ``last``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("rus", "ukr", key="strikes", relation="strikes", count=3)
    'strikes'
    >>> g.add_edge("usa", "rus", key="condemn", relation="condemn", count=1, roles={"attacker": 1})
    'condemn'
    >>> g.add_edge("usa", "ukr", key="condemn", relation="condemn", count=1, roles={"target": 1})
    'condemn'
    >>> sorted(hostility_graph(g).edges(data="weight"))
    [('rus', 'ukr', 3.0), ('usa', 'rus', 1.0)]
    """
    out = nx.DiGraph()
    for u, v, attrs in graph.edges(data=True):
        weight = edge_weight(attrs)
        if weight >= 0 or u == v:
            continue
        if not out.has_edge(u, v):
            out.add_edge(u, v, weight=0.0, relations=[], count=0, events=[], sources=[], first=None, last=None)
        edge: dict[str, Any] = out.edges[u, v]
        edge["weight"] += -weight
        edge["relations"] = sorted({*edge["relations"], str(attrs.get("relation"))})
        edge["count"] += int(attrs.get("count", 1))
        edge["events"] = sorted({*edge["events"], *attrs.get("events", [])})
        edge["sources"] = sorted({*edge["sources"], *attrs.get("sources", [])})
        for key, pick in (("first", min), ("last", max)):
            dates = [d for d in (edge[key], attrs.get(key)) if d]
            edge[key] = pick(dates) if dates else None
    return _with_nodes(graph, out)


PROJECTIONS: Mapping[str, Callable[[nx.MultiDiGraph], nx.Graph]] = {
    "cosignature": cosignature_graph,
    "supply": supply_graph,
    "hostility": hostility_graph,
}
"""Projection functions by name."""
