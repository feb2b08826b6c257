"""The actor network: who supplies, strikes, condemns and stands with whom.

:func:`actor_network` reads the canonical default graph of an Oxigraph store (the merged facts,
see ``docs/data-model.md``) and the evidence sentences of the article graphs, and returns a
:class:`networkx.MultiDiGraph` of actors. :func:`~armskg.graph.network.coalition_detection.signed_graph` folds
that network into one signed, undirected weight per pair of actors and
:func:`~armskg.graph.network.coalition_detection.coalitions` finds the camps in it.

Edge keys are the relation names, so ``G.edges[u, v, "supplies"]`` is *the* aggregated supply
edge from ``u`` to ``v``. Every edge carries ``relation``, ``count`` (distinct events behind it),
``events`` (their IRIs), ``sources`` (article identifiers) and ``evidence`` (up to
:data:`MAX_EVIDENCE` sentences); see :func:`actor_network` for the relation-specific attributes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from armskg.graph.kinds.registry import NetworkEdge, derived, registered
from armskg.ontology.vocabulary import STANCES

from .filters import NetworkFilter
from .joint_statements import JOINT_KEY, joint_statements
from .read import EventFacts, local_name, perpetrator_roles, read_actors, read_event_facts, read_evidence, select_rows

__all__ = ["MAX_EVIDENCE", "STANCES", "actor_network", "network_period"]

MAX_EVIDENCE = 3
"""Evidence sentences kept per aggregated edge."""


def _edges_query() -> str | None:
    """Each event of a kind with a network edge (:class:`~armskg.graph.kinds.registry.NetworkEdge`),
    with its relation and its two ends; None when no kind has one."""
    parts = [
        f'{{ ?event a {spec.cls} ; {edge.source} ?from ; {edge.target} ?to BIND("{edge.relation}" AS ?kind) }}'
        for spec in registered()
        if (edge := spec.edge) is not None
    ]
    return "SELECT DISTINCT ?event ?kind ?from ?to WHERE {\n  " + "\n  UNION ".join(parts) + "\n}\n" if parts else None


_Q_STATEMENTS = """
SELECT DISTINCT ?statement ?speaker ?stance WHERE {
  ?statement a ak:Statement ; ak:speaker ?speaker .
  OPTIONAL { ?statement ak:stance ?stance }
}
"""


def _parties_query() -> str | None:
    """Each party of the event a statement is about, with its role there (the kinds' ``roles``);
    None when no kind has parties."""
    parts = [
        f'{{ ?about a {spec.cls} ; {role.property} ?party BIND("{role.name}" AS ?role) }}'
        for spec in registered()
        for role in spec.roles
    ]
    head = "SELECT DISTINCT ?statement ?about ?role ?party WHERE {\n  ?statement a ak:Statement ; ak:about ?about .\n  "
    return head + "\n  UNION ".join(parts) + "\n}\n" if parts else None


_Q_AFFILIATIONS = """
SELECT DISTINCT ?member ?group ?source ?id WHERE {
  ?member ak:affiliation ?group .
  OPTIONAL { GRAPH ?source { ?member ak:affiliation ?group } OPTIONAL { ?source schema:identifier ?id } }
}
"""


@dataclass
class _Edge:
    """What is gathered for one (u, v, relation) before it becomes an edge's attributes."""

    events: set[str] = field(default_factory=set)
    about: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    own_roles: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)


def _stance_label(iri: str) -> str:
    """The stance label of a stance concept IRI (``.../stance/condemn`` → ``condemn``)."""
    return local_name(iri)


def _closure(actor: str, memberships: Mapping[str, set[str]]) -> set[str]:
    """The actor and everyone it is affiliated to, directly or through others."""
    seen, todo = {actor}, [actor]
    while todo:
        for group in memberships.get(todo.pop(), ()):
            if group not in seen:
                seen.add(group)
                todo.append(group)
    return seen


def _add_stance(edge: _Edge, statement: str, event: str, roles: Iterable[str], own: bool) -> None:
    """Count one (statement, event) pair on a stance edge: the party's roles, and whether the speaker's own."""
    edge.events.add(statement)
    edge.about.add(event)
    for role in roles:
        edge.roles[role] += 1
        if own:
            edge.own_roles[role] += 1


def _collect_edges(
    store: ox.Store, actors: Mapping[str, Any], kept: set[str] | None
) -> tuple[
    dict[tuple[str, str, str], _Edge], dict[str, set[str]], dict[tuple[str, str, str], _Edge], dict[str, set[str]]
]:
    """Gather the raw facts behind every (u, v, relation) edge among ``actors``.

    ``kept``: the events that pass the filter (``None``: all). Returns the edges, who is
    affiliated to whom, and the edges of the drawn view (:mod:`armskg.graph.network.joint_statements`),
    where a statement of two or more speakers is a node: ``signs`` from each speaker to it and
    its stance edges from it, instead of a ``co_signs`` clique and a stance edge per speaker;
    and the stances of each such joint statement.
    """
    drawn: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    edges: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    events_query = _edges_query()
    for row in select_rows(store, events_query) if events_query is not None else ():
        event, kind, u, v = row["event"], row["kind"], row["from"], row["to"]
        assert event is not None and kind is not None and u is not None and v is not None
        if kept is None or event in kept:
            edges[u, v, kind].events.add(event)

    speakers: dict[str, set[str]] = defaultdict(set)
    stances: dict[str, set[str]] = defaultdict(set)
    for row in select_rows(store, _Q_STATEMENTS):
        statement, speaker, stance = row["statement"], row["speaker"], row["stance"]
        assert statement is not None and speaker is not None
        if kept is not None and statement not in kept:
            continue
        speakers[statement].add(speaker)
        if stance is not None:
            stances[statement].add(_stance_label(stance))

    # parties[statement][event] = {party: roles of the party in that event}
    parties: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    parties_query = _parties_query()
    for row in select_rows(store, parties_query) if parties_query is not None else ():
        statement, about, role, party = row["statement"], row["about"], row["role"], row["party"]
        assert statement is not None and about is not None and role is not None and party is not None
        parties[statement][about][party].add(role)

    memberships: dict[str, set[str]] = defaultdict(set)
    for row in select_rows(store, _Q_AFFILIATIONS):
        member, group, source, ident = row["member"], row["group"], row["source"], row["id"]
        assert member is not None and group is not None
        memberships[member].add(group)
        if member in actors and group in actors and member != group:
            edge = edges[member, group, "affiliated"]
            if source is not None:
                edge.sources.add(ident or source)

    perpetrators = perpetrator_roles()
    for statement in sorted(speakers):
        said_by = sorted(speakers[statement])
        joint = len(said_by) > 1
        for i, u in enumerate(said_by):
            for v in said_by[i + 1 :]:
                edges[u, v, "co_signs"].events.add(statement)
            if joint:
                drawn[u, statement, "signs"].events.add(statement)
            speaks_for = _closure(u, memberships)
            for event, roles_of in parties.get(statement, {}).items():
                own = any(roles_of.get(a, set()) & perpetrators for a in speaks_for)
                for v, roles in roles_of.items():
                    if v == u:
                        continue
                    for stance in stances.get(statement, set()):
                        _add_stance(edges[u, v, stance], statement, event, roles, own)
                        if not joint:
                            _add_stance(drawn[u, v, stance], statement, event, roles, own)
        if joint:  # the statement itself speaks to each party, once
            speaks_for = set().union(*(_closure(u, memberships) for u in said_by))
            for event, roles_of in parties.get(statement, {}).items():
                own = any(roles_of.get(a, set()) & perpetrators for a in speaks_for)
                for v, roles in roles_of.items():
                    for stance in stances.get(statement, set()):
                        _add_stance(drawn[statement, v, stance], statement, event, roles, own)
    return edges, memberships, drawn, {s: stances.get(s, set()) for s in speakers if len(speakers[s]) > 1}


@derived
def _edge_specs() -> dict[str, NetworkEdge]:
    """The network edge of each kind that has one, by relation (``supplies``, ``strikes``)."""
    return {spec.edge.relation: spec.edge for spec in registered() if spec.edge is not None}


def _ranked(scored: Iterable[tuple[float, str]], limit: int) -> list[str]:
    """Distinct texts, highest score first (ties alphabetical), at most ``limit``."""
    texts: list[str] = []
    for _, text in sorted(set(scored), key=lambda item: (-item[0], item[1])):
        if text not in texts:
            texts.append(text)
    return texts[:limit]


def _edge_attributes(
    relation: str,
    edge: _Edge,
    facts: Mapping[str, EventFacts],
    evidence: Mapping[str, list[tuple[float, str]]],
) -> dict[str, Any]:
    """The attributes of one aggregated edge (documented in :func:`actor_network`)."""
    events = sorted(edge.events)
    behind = [facts[e] for e in events if e in facts]
    sources = set(edge.sources).union(*(f.sources for f in behind))
    spans = [f.span for f in behind]
    known = [s for s in spans if s is not None]
    corroboration = [f.corroboration for f in behind] or [len(sources)]
    attrs: dict[str, Any] = {
        "relation": relation,
        "count": len(events) if events else 1,
        "events": events,
        "sources": sorted(sources),
        "urls": sorted(set().union(*(f.urls for f in behind))),
        "evidence": _ranked((s for e in events for s in evidence.get(e, ())), MAX_EVIDENCE),
        "first": min(s[0] for s in known).isoformat() if known else None,
        "last": max(s[1] for s in known).isoformat() if known else None,
        "corroboration": max(corroboration),
        "reports": sum(corroboration),
    }
    edge_spec = _edge_specs().get(relation)
    if edge_spec is not None:
        for name in edge_spec.attributes:
            attrs[name] = sorted({value for f in behind for value in getattr(f, name)})
    elif relation not in ("co_signs", "affiliated", "signs"):
        attrs["about"] = sorted(edge.about)
        attrs["roles"] = dict(sorted(edge.roles.items()))
        attrs["own_roles"] = dict(sorted(edge.own_roles.items()))
        attrs["quotes"] = sorted({q for f in behind for q in f.quotes})[:MAX_EVIDENCE]
    return attrs


def actor_network(
    store: ox.Store,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    weapons: Iterable[str] | None = None,
    min_sources: int | None = None,
    min_confidence: float | None = None,
) -> nx.MultiDiGraph:
    """Build the actor network from the merged facts of an armskg store.

    Reads the store's default graph (each fact once) and, for evidence sentences only, the
    article graphs. Parallel facts of the same ``(u, v, relation)`` become one edge whose key is
    the relation.

    Parameters
    ----------
    store : pyoxigraph.Store
        A store following ``docs/data-model.md``.
    since, until : str or datetime.date, optional
        Keep only events whose dates meet this period (``"2024"``, ``"2024-01"`` or
        ``"2024-01-10"``; ``since`` counts from the first day, ``until`` to the last).
    weapons : iterable of str, optional
        Keep only transfers and strikes of these weapon categories, and statements about them.
    min_sources : int, optional
        Keep only events reported by at least this many sources.
    min_confidence : float, optional
        Keep only events with an evidence record of at least this confidence (0 to 1).

    The filters are those of :class:`NetworkFilter` (which spells out the rules); a bad value
    raises :class:`FilterError`. With any filter set, the network holds the actors that take
    part in a kept event, and whoever they are affiliated to.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``kind`` (one of :data:`KINDS`), ``iso3`` and
        ``wikidata`` (a Q-id such as ``"Q423"``, or ``None``): every actor taking part in a
        transfer, strike or statement, and whoever those actors are affiliated to (transitively).
        Edges, keyed and labelled by ``relation``:

        - ``supplies``: supplier → recipient, per transfer; ``weapons`` (category labels),
          ``designations`` (e.g. ``KN-23``) and ``statuses`` (asserted, alleged, denied...). Kept
          as stored even when supplier and recipient are one actor (a sign of an extraction slip,
          which the map then shows as a loop).
        - ``strikes``: attacker → target, per strike; ``weapons`` and ``designations``.
        - a stance label (:data:`STANCES`): speaker → each party of the event the statement is
          ``ak:about`` (a transfer's supplier and recipient, a strike's attacker and target, a
          statement's speakers); ``about`` (those event IRIs), ``roles`` (role of the party →
          number of (statement, event) pairs), ``own_roles`` (the part of ``roles`` where the
          speaker, or whoever it is affiliated to, was a perpetrator of the event: a supplier, or
          its minister, denying its own transfer) and ``quotes`` (``ak:quote``, up to
          :data:`MAX_EVIDENCE`).
          No self-loops: a speaker is never linked to itself.
        - ``co_signs``: between two speakers of the same statement, stored once per unordered
          pair in the direction of the smaller IRI to the larger; ``count`` is the number of
          statements they made together.
        - ``affiliated``: member → state or organization (``ak:affiliation``); ``count`` is 1 and
          ``sources`` the articles whose graphs state the affiliation.

        Every edge has ``count`` (distinct events: transfers, strikes or statements), ``events``
        (their IRIs), ``sources`` (article identifiers, ``schema:identifier``, else the article
        IRI), ``urls`` (the articles' ``schema:url``), ``evidence`` (up to :data:`MAX_EVIDENCE`
        sentences, highest confidence first), ``first`` and ``last`` (ISO dates of the events, see
        :attr:`EventFacts.span`; ``None`` when unknown), ``corroboration`` (sources of its
        best-corroborated event: ``ak:sourceCount``, else the number of reporting articles) and
        ``reports`` (that number summed over its events). Lists are sorted, so the graph is the
        same for the same store. ``graph.graph`` holds ``filter`` (:meth:`NetworkFilter.describe`)
        and, under :data:`armskg.graph.network.joint_statements.JOINT_KEY`, the joint statements as the map
        draws them (one node each; :func:`armskg.graph.network.joint_statements.drawn_network`).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> actor_network(ox.Store()).number_of_nodes()
    0
    """
    flt = NetworkFilter.parse(since, until, weapons, min_sources, min_confidence)
    facts = read_event_facts(store, confidence=flt.min_confidence > 0)
    kept = {iri for iri, fact in facts.items() if flt.keeps(fact, facts)} if flt.active else None
    actors = read_actors(store)
    evidence = read_evidence(store)
    raw, memberships, drawn, joint_stances = _collect_edges(store, actors, kept)

    present = {(u, v, relation): edge for (u, v, relation), edge in raw.items() if u in actors and v in actors}
    if kept is not None:
        present = {key: edge for key, edge in present.items() if key[2] == "affiliated" or edge.events}
        active = {end for (u, v, relation) in present if relation != "affiliated" for end in (u, v)}
        wanted = set().union(*(_closure(a, memberships) for a in active)) if active else set()
        present = {k: e for k, e in present.items() if k[2] != "affiliated" or (k[0] in active and k[1] in wanted)}
        actors = {iri: attrs for iri, attrs in actors.items() if iri in wanted}

    graph = nx.MultiDiGraph(filter=flt.describe())
    for iri, node_attrs in actors.items():
        graph.add_node(iri, **node_attrs)
    for (u, v, relation), edge in sorted(present.items()):
        graph.add_edge(u, v, key=relation, **_edge_attributes(relation, edge, facts, evidence))
    view = {
        (u, v, relation): _edge_attributes(relation, edge, facts, evidence)
        for (u, v, relation), edge in drawn.items()
        if (u in actors or u in facts) and (v in actors or v in facts)
    }
    graph.graph[JOINT_KEY] = joint_statements(graph, view, joint_stances)
    return graph


def network_period(graph: nx.MultiDiGraph) -> tuple[str | None, str | None]:
    """The first and last date of the network's edges (ISO strings), ``None`` where unknown.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", first="2023-10-17", last="2023-10-18")
    0
    >>> g.add_edge("b", "c", first="2024-01-02", last="2024-01-06")
    0
    >>> network_period(g)
    ('2023-10-17', '2024-01-06')
    """
    firsts = [d["first"] for *_, d in graph.edges(data=True) if d.get("first")]
    lasts = [d["last"] for *_, d in graph.edges(data=True) if d.get("last")]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)
