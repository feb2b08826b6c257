"""Joint statements as what they are: one node per statement, its signatories attached once.

The actor network (:func:`armskg.graph.network.actor_network`) links the speakers of a statement
pairwise (``co_signs``) and gives each speaker its own stance edge to every party the statement is
about: right for finding coalitions, where signing together is a tie, but a 48-state joint
statement then draws as a ball of 1,128 links that hides everything else. The map and the figure
draw the *statement view* instead, which :func:`drawn_network` derives from the actor network:

- a statement with two or more speakers is one node (``kind`` ``"statement"``) with a short
  ``label`` (what it says, when, who led it: ``"condemnation, 2024-01-10: European Union +48"``),
  one ``signs`` edge from each signatory to it and one stance edge from it to each party;
- ``co_signs`` edges are left out, and each speaker's stance edges keep only the statements it
  made alone (an edge made only of joint statements goes);
- every other node and edge is the actor network's own, so changes made to it show.

:func:`actor_network` works out the statement nodes and their edges while it reads the store, and
keeps them in ``graph.graph[JOINT_KEY]`` (a :class:`JointStatements`); a graph without it (built
by hand) is drawn as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

__all__ = [
    "JOINT_KEY",
    "SIGNS",
    "STANCE_NOUNS",
    "JointStatements",
    "drawn_network",
    "joint_statements",
    "node_label",
]

JOINT_KEY = "joint_statements"
"""The key of ``graph.graph`` that holds the :class:`JointStatements` of an actor network."""

SIGNS = "signs"
"""The relation from a signatory to the joint statement it signed."""

STANCE_NOUNS: Mapping[str, str] = {
    "condemn": "condemnation",
    "concern": "concern",
    "warn": "warning",
    "allege": "allegation",
    "deny": "denial",
    "admit": "admission",
    "support": "support",
    "commit": "commitment",
    "call_on": "call",
}
"""What a joint statement of each stance is called in its label."""

_EVIDENCE = 4


@dataclass(frozen=True)
class JointStatements:
    """What the statement view adds to and changes in an actor network.

    ``nodes``: attributes per joint statement IRI; ``edges``: ``(u, v, relation, attributes)`` of
    the ``signs`` edges and the statements' stance edges; ``replaced``: for each stance edge of the
    actor network that counts a joint statement, its attributes without them (``None``: the edge
    only counted joint statements and is not drawn); ``statements``: every joint statement's IRI
    (a node stands for the statements of one communiqué).
    """

    nodes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    edges: tuple[tuple[str, str, str, Mapping[str, Any]], ...] = ()
    replaced: Mapping[tuple[str, str, str], Mapping[str, Any] | None] = field(default_factory=dict)
    statements: frozenset[str] = frozenset()


def _involvement(graph: nx.MultiDiGraph, node: str) -> int:
    """Links of an actor other than joint statements: who leads a statement's label."""
    out = sum(1 for *_, d in graph.out_edges(node, data=True) if d.get("relation") != "co_signs")
    return out + sum(1 for *_, d in graph.in_edges(node, data=True) if d.get("relation") != "co_signs")


def node_label(graph: nx.MultiDiGraph, node: str) -> str:
    """A node's ``label`` (else its id) with its white space folded: how actors are named in labels and titles."""
    return " ".join(str(graph.nodes[node].get("label") or node).split())


def statement_label(stances: Iterable[str], day: str | None, lead: str, signatories: int) -> str:
    """The short label of a joint statement node: what it says (two stances at most), when, who led it.

    >>> statement_label(["condemn"], "2024-01-10", "European Union", 49)
    'condemnation, 2024-01-10: European Union +48'
    >>> statement_label(["warn", "concern", "condemn"], "2024-01-10", "Japan", 3)
    'condemnation, concern…, 2024-01-10: Japan +2'
    >>> statement_label([], None, "Japan", 2)
    'joint statement, undated: Japan +1'
    """
    order = list(STANCE_NOUNS)
    ranked = sorted(set(stances), key=lambda s: (order.index(s) if s in order else len(order), s))
    said = [STANCE_NOUNS.get(s, s.replace("_", " ")) for s in ranked]
    what = ", ".join(said[:2]) + ("…" if len(said) > 2 else "")
    return f"{what or 'joint statement'}, {day or 'undated'}: {lead} +{signatories - 1}"


def _merge(edges: list[Mapping[str, Any]]) -> dict[str, Any]:
    """One edge's attributes from several of the same relation: counts summed, lists joined, dates spanned.

    >>> _merge([{"count": 1, "events": ["a"], "first": "2024-02"}, {"count": 2, "events": ["b"], "first": None}])
    {'count': 3, 'events': ['a', 'b'], 'first': '2024-02'}
    """
    merged: dict[str, Any] = dict(edges[0])
    for other in edges[1:]:
        for key, value in other.items():
            mine = merged.get(key)
            if key in ("count", "reports"):
                merged[key] = int(mine or 0) + int(value or 0)
            elif key == "corroboration":
                merged[key] = max(int(mine or 0), int(value or 0))
            elif key in ("first", "last"):
                dates = [d for d in (mine, value) if d]
                merged[key] = (min if key == "first" else max)(dates) if dates else None
            elif isinstance(value, list):
                merged[key] = sorted({*(mine or []), *value})[: _EVIDENCE if key == "evidence" else None]
            elif isinstance(value, Mapping):
                total: Counter[str] = Counter(mine or {})
                total.update(value)
                merged[key] = dict(sorted(total.items()))
    return merged


def joint_statements(
    graph: nx.MultiDiGraph,
    drawn: Mapping[tuple[str, str, str], Mapping[str, Any]],
    stances: Mapping[str, Iterable[str]],
) -> JointStatements:
    """Build the :class:`JointStatements` of an actor network from the edges of its drawn view.

    Statements with the same signatories, the same first day and the same sources are the
    sentences of one joint statement (a communiqué that condemns, calls on and warns), so they
    are one node, named after the first of their IRIs, with ``statements`` listing them all.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The actor network, finished.
    drawn : Mapping
        Attributes per ``(u, v, relation)`` of the drawn view, as :func:`actor_network` computes
        them: ``signs`` (speaker → statement), stance edges from a joint statement, and stance
        edges of the statements made alone.
    stances : Mapping
        The stances of each joint statement.
    """
    signers: dict[str, list[str]] = {}
    signed: dict[str, Mapping[str, Any]] = {}
    for (u, v, relation), attrs in sorted(drawn.items()):
        if relation == SIGNS and u in graph:
            signers.setdefault(v, []).append(u)
            signed.setdefault(v, attrs)
    groups: dict[tuple[Any, ...], list[str]] = {}
    for statement, who in sorted(signers.items()):
        attrs = signed[statement]
        groups.setdefault((tuple(who), attrs.get("first"), tuple(attrs.get("sources", ()))), []).append(statement)
    node_of = {statement: members[0] for members in groups.values() for statement in members}

    gathered: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for (u, v, relation), attrs in sorted(drawn.items()):
        if relation == SIGNS and u in graph and v in node_of:
            gathered.setdefault((u, node_of[v], relation), []).append(attrs)
        elif u in node_of and v in graph:
            gathered.setdefault((node_of[u], v, relation), []).append(attrs)
    edges = tuple((u, v, relation, _merge(found)) for (u, v, relation), found in gathered.items())

    nodes: dict[str, Mapping[str, Any]] = {}
    for members in groups.values():
        who = signers[members[0]]
        ranked = sorted(who, key=lambda n: (graph.nodes[n].get("kind") != "organization", -_involvement(graph, n), n))
        sign = _merge([signed[m] for m in members])
        said = sorted({str(s) for m in members for s in stances.get(m, ())})
        nodes[members[0]] = {
            "kind": "statement",
            "label": statement_label(said, sign.get("first"), node_label(graph, ranked[0]), len(who)),
            "stances": said,
            "statements": members,
            "signatories": ranked,
            **{k: sign.get(k) for k in ("first", "last", "evidence", "sources", "urls", "corroboration")},
        }
    replaced: dict[tuple[str, str, str], Mapping[str, Any] | None] = {}
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        relation = str(attrs.get("relation", key))
        if relation != "co_signs" and any(e in node_of for e in attrs.get("events", ())):
            replaced[u, v, relation] = drawn.get((u, v, relation))
    return JointStatements(nodes, edges, replaced, frozenset(node_of))


def drawn_network(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network as the map and the figure draw it: joint statements as nodes (see the module docstring).

    Nodes and edges of ``graph`` keep their attributes (and any the caller set); a statement node
    is kept while one of its signatories is in ``graph``. A graph without ``graph.graph[JOINT_KEY]``
    comes back as a copy of itself.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="co_signs", relation="co_signs", events=["s"])
    'co_signs'
    >>> drawn_network(g).number_of_edges()
    1
    """
    joint = graph.graph.get(JOINT_KEY)
    if not isinstance(joint, JointStatements):
        return graph.copy()
    view = nx.MultiDiGraph()
    view.graph.update({k: v for k, v in graph.graph.items() if k != JOINT_KEY})
    view.add_nodes_from(graph.nodes(data=True))
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        relation = str(attrs.get("relation", key))
        if relation == "co_signs" and all(e in joint.statements for e in attrs.get("events", ())):
            continue
        if (u, v, relation) in joint.replaced:
            solo = joint.replaced[u, v, relation]
            if solo is not None:
                view.add_edge(u, v, key=key, **solo)
            continue
        view.add_edge(u, v, key=key, **attrs)
    drawn_statements = {s for s, attrs in joint.nodes.items() if any(n in graph for n in attrs["signatories"])}
    for statement in sorted(drawn_statements):
        attrs = dict(joint.nodes[statement])
        attrs["signatories"] = [n for n in attrs["signatories"] if n in graph]
        view.add_node(statement, **attrs)
    for u, v, relation, attrs in joint.edges:
        if (u in graph or u in drawn_statements) and (v in graph or v in drawn_statements):
            view.add_edge(u, v, key=relation, **attrs)
    return view
