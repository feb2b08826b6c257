"""Coalition analysis: signed weights between actors, and the camps they make.

:func:`edge_weight` gives each edge of the actor network a sign (a tie or hostility),
:func:`signed_graph` sums them per pair of actors, and :func:`coalitions` splits the actors into
camps (Louvain on the ties, then greedy correlation clustering; the rule is in its docstring).
Naming the camps is :mod:`armskg.graph.network.coalition_names`' job.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from armskg.graph.kinds.registry import derived, registered

from .read import perpetrator_roles

__all__ = [
    "APPROVING_STANCES",
    "HOSTILE_STANCES",
    "RELATION_WEIGHTS",
    "coalition_assignment",
    "coalitions",
    "edge_weight",
    "relation_weights",
    "signed_graph",
]

HOSTILE_STANCES: Mapping[str, float] = {"condemn": 1.0, "allege": 1.0, "warn": 1.0, "concern": 0.5}
"""Stances against an event: negative to its perpetrators, positive to its target."""

APPROVING_STANCES: Mapping[str, float] = {"support": 1.0, "commit": 1.0}
"""Stances for an event: positive to its perpetrators, negative to its target."""

_OWN_WEIGHTS: Mapping[str, float] = {"co_signs": 1.0, "affiliated": 2.0}


@derived
def relation_weights() -> dict[str, float]:
    """Signed weight per event of the non-statement relations: each kind's network edge
    (:class:`~armskg.graph.kinds.registry.NetworkEdge`: ``supplies`` +1, ``strikes`` −1), then
    ``co_signs`` and ``affiliated`` (per edge)."""
    weights = {spec.edge.relation: spec.edge.weight for spec in registered() if spec.edge is not None}
    return {**weights, **_OWN_WEIGHTS}


RELATION_WEIGHTS: Mapping[str, float] = relation_weights()
"""The built-in kinds' :func:`relation_weights`: supplies +1, strikes −1, co_signs +1, affiliated +2."""


def _statement_weight(relation: str, roles: Mapping[str, int], own_roles: Mapping[str, int]) -> float:
    """Signed weight of a statement edge, summed over the roles the addressed party played."""
    weight = 0.0
    perpetrators = perpetrator_roles()
    for role, n in roles.items():
        own = own_roles.get(role, 0)
        perpetrator = role in perpetrators
        if relation in HOSTILE_STANCES:
            weight += HOSTILE_STANCES[relation] * n * (-1 if perpetrator else 1)
        elif relation in APPROVING_STANCES:
            weight += APPROVING_STANCES[relation] * n * (1 if perpetrator else -1)
        elif relation in ("deny", "admit"):
            # a perpetrator speaking of its own event stands with its co-perpetrators, against the target
            weight += own * (1 if perpetrator else -1)
            if relation == "deny" and perpetrator:
                weight -= n - own  # denying what someone else did or said
    return weight


def edge_weight(attrs: Mapping[str, Any]) -> float:
    """Signed weight of one edge of the actor network: > 0 for a tie, < 0 for hostility.

    The rule is spelled out in :func:`signed_graph`.

    Parameters
    ----------
    attrs : Mapping
        The edge's attributes (``relation``, ``count`` and, for stances, ``roles``, ``own_roles``).

    Returns
    -------
    float
        The weight; 0 for relations without a sign (``call_on``, unknown relations).

    Examples
    --------
    >>> edge_weight({"relation": "condemn", "count": 1, "roles": {"attacker": 1, "target": 1}})
    0.0
    >>> edge_weight({"relation": "strikes", "count": 2})
    -2.0
    """
    relation = str(attrs.get("relation"))
    if relation == "affiliated":
        return _OWN_WEIGHTS["affiliated"]
    weights = relation_weights()
    if relation in weights:
        return weights[relation] * int(attrs.get("count", 1))
    return _statement_weight(relation, attrs.get("roles", {}), attrs.get("own_roles", {}))


def signed_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Fold the actor network into one signed weight per unordered pair of actors.

    The weight of a pair is the sum of :func:`edge_weight` over the edges between them, in either
    direction:

    - ``supplies`` +1, ``strikes`` −1, ``co_signs`` +1 per event; ``affiliated`` +2;
    - hostile stances (:data:`HOSTILE_STANCES`: condemn, allege, warn ±1, concern ±0.5):
      negative towards the perpetrators of the event (supplier, recipient, attacker, speaker of a
      statement) and *positive* towards its target, per (statement, role) pair, so condemning
      A's strike on B puts the speaker with B;
    - approving stances (support, commit ±1): the mirror image;
    - deny and admit by a perpetrator of the event (or by someone affiliated to one, such as its
      foreign minister; see ``own_roles``): +1 towards the co-perpetrators, −1 towards the target;
      deny by anyone else: −1 towards the perpetrators (denying what someone else did or said);
      admit by anyone else and ``call_on`` weigh 0.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A network from :func:`actor_network`.

    Returns
    -------
    networkx.Graph
        Every node of ``graph``; an edge with attribute ``weight`` for every pair whose weight is
        not zero.
    """
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, attrs in graph.edges(data=True):
        if u != v:
            weights[(u, v) if u < v else (v, u)] += edge_weight(attrs)
    signed = nx.Graph()
    signed.add_nodes_from(sorted(graph.nodes))
    for (u, v), weight in sorted(weights.items()):
        if not math.isclose(weight, 0.0, abs_tol=1e-9):
            signed.add_edge(u, v, weight=weight)
    return signed


def _between(signed: nx.Graph, members: Iterable[str], others: set[str]) -> float:
    """Sum of the signed weights between ``members`` and ``others``."""
    total = 0.0
    for u in members:
        for v, attrs in signed[u].items():
            if v in others:
                total += attrs["weight"]
    return total


def _merge_allies(signed: nx.Graph, groups: list[set[str]]) -> list[set[str]]:
    """Merge, strongest first, every two groups whose signed sum between them is positive.

    Merging two groups lowers the frustration of the partition (positive weight cut plus negative
    weight kept inside) by exactly that sum, so this is a greedy step of correlation clustering.
    """
    groups = [set(g) for g in groups]
    while True:
        best: tuple[float, str, str] | None = None
        pair = (0, 0)
        for i, a in enumerate(groups):
            for j in range(i + 1, len(groups)):
                total = _between(signed, a, groups[j])
                rank = (-total, min(a), min(groups[j]))
                if total > 0 and (best is None or rank < best):
                    best, pair = rank, (i, j)
        if best is None:
            return groups
        i, j = pair
        groups[i] |= groups.pop(j)


def _place_loners(signed: nx.Graph, groups: list[set[str]], loners: Iterable[str]) -> list[set[str]]:
    """Move each actor without a positive tie to the coalition most hostile to its enemies."""
    groups = [set(g) for g in groups]
    for node in sorted(loners):
        own = next(i for i, g in enumerate(groups) if node in g)
        if len(groups[own]) != 1:
            continue
        enemies = [i for i, g in enumerate(groups) if i != own and g and _between(signed, [node], g) < 0]
        best: tuple[float, int, str] | None = None
        best_index = own
        for i, group in enumerate(groups):
            if i == own or not group or i in enemies or _between(signed, [node], group) != 0:
                continue
            hostility = -sum(_between(signed, group, groups[e]) for e in enemies)
            rank = (-hostility, -len(group), min(group))
            if hostility > 0 and (best is None or rank < best):
                best, best_index = rank, i
        if best_index != own:
            groups[best_index].add(node)
            groups[own].clear()
    return [g for g in groups if g]


def coalitions(graph: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0) -> dict[str, int]:
    """Split the actors into coalitions: who stands with whom, given who acts against whom.

    The rule, in four steps:

    1. Fold the network into signed weights per pair with :func:`signed_graph`.
    2. Find dense groups with :func:`networkx.community.louvain_communities` (``seed`` fixed, so
       the result is stable) on the *positive* part only: ties of supply, co-signing,
       affiliation, support, and the tie between those who condemn an attack and its victim.
    3. Louvain splits a camp into its tightest circles (an official and their state, say), so
       groups are then merged, the pair with the largest signed sum between them first, as long
       as that sum is positive: camps that stand together more than they clash become one.
    4. An actor with no positive tie at all stays alone through steps 2 and 3. Such actors are
       taken in sorted order; for each, the candidates are the coalitions it has no hostility
       with (signed sum zero) and whose signed sum towards the coalitions the actor is hostile
       to (its enemies) is negative: the enemy of my enemy. It joins the candidate most hostile
       to its enemies (ties: the larger coalition, then the one holding the smallest IRI); with
       no candidate it stays a coalition of its own. Coalitions are updated after each move.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A network from :func:`actor_network` (or any graph with the same edge attributes).
    seed : int
        Seed of the Louvain method.
    resolution : float
        Louvain resolution; above 1 favours smaller groups in step 2.

    Returns
    -------
    dict[str, int]
        Coalition index per node, numbered by size: 0 is the largest; ties go to the coalition
        holding the smallest node id.
    """
    signed = signed_graph(graph)
    positive = nx.Graph()
    positive.add_nodes_from(signed.nodes)
    positive.add_edges_from((u, v, d) for u, v, d in signed.edges(data=True) if d["weight"] > 0)
    found = nx.community.louvain_communities(positive, weight="weight", resolution=resolution, seed=seed)
    groups = _merge_allies(signed, sorted((set(c) for c in found), key=min))
    groups = _place_loners(signed, groups, (n for n in positive.nodes if positive.degree(n) == 0))
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: index for index, group in enumerate(ordered) for node in sorted(group)}


def coalition_assignment(graph: nx.MultiDiGraph, assignment: Mapping[str, int] | None = None) -> dict[str, int]:
    """The given assignment, else the nodes' ``coalition`` attributes if all have one, else :func:`coalitions`.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", coalition=1)
    >>> coalition_assignment(g), coalition_assignment(g, {"a": 0})
    ({'a': 1}, {'a': 0})
    """
    if assignment is not None:
        return dict(assignment)
    given = {n: d.get("coalition") for n, d in graph.nodes(data=True)}
    if given and all(isinstance(v, int) for v in given.values()):
        return {n: int(v) for n, v in given.items() if v is not None}
    return coalitions(graph)
