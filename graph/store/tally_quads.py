"""How the tallies are kept in the store: one node per tally in :data:`TALLY_GRAPH`, its count in
``ak:tallyCount``, and the markers that say whether they are complete.

This is the storage form only, what the one write primitive (:class:`~armskg.graph.store.write.ChangeSet`)
needs to move a tally in the same transaction as the events; which tallies a change moves, and
counting them afresh, are the merge's (:mod:`armskg.graph.merge.tallies`).

>>> key = ("mention", "https://w3id.org/armskg/actor/state/USA")
>>> [q.predicate.value.rsplit("#")[1] for q in tally_quads(key, 3)]
['type', 'tallyActor', 'tallyCount']
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from armskg.ontology.vocabulary import RDF_TYPE, STORE_NODE, TALLY_GRAPH, TALLY_NS, TRUE, XSD_INTEGER, Ak, term_text

__all__ = [
    "TALLIES_KEPT",
    "TALLIES_PENDING",
    "TallyKey",
    "kept_kinds",
    "kept_tallies",
    "tally_changes",
    "tally_quads",
]

TallyKey = tuple[str, ...]
"""``("stance", speaker IRI, stance IRI)``, ``("pair", state IRI, state IRI, stance IRI)`` or
``("mention", actor IRI)``."""

TALLIES_KEPT = Quad(STORE_NODE, Ak.talliesKept, Literal("2", datatype=XSD_INTEGER), TALLY_GRAPH)
"""Written with the tallies by :func:`armskg.graph.merge.tallies.rebuild`; the number says which
kinds are kept (1: statement tallies, 2: mention tallies too). A store without it (made before these
tallies) needs a rebuild."""
TALLIES_PENDING = Quad(STORE_NODE, Ak.talliesPending, TRUE, DefaultGraph())
"""Written by a bulk ingest with its first batch, removed with its last tally moves: a killed run
leaves it, and :func:`armskg.graph.merge.tallies.ensure` then counts the tallies again."""


def _node(key: TallyKey) -> NamedNode:
    return NamedNode(TALLY_NS + hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:24])


def _count_quad(key: TallyKey, count: int) -> Quad:
    return Quad(_node(key), Ak.tallyCount, Literal(str(count), datatype=XSD_INTEGER), TALLY_GRAPH)


def tally_quads(key: TallyKey, count: int) -> list[Quad]:
    """The quads of one tally in :data:`TALLY_GRAPH` (none for a count of zero)."""
    if count <= 0:
        return []
    node, g = _node(key), TALLY_GRAPH
    if key[0] == "mention":
        return [
            Quad(node, RDF_TYPE, Ak.MentionTally, g),
            Quad(node, Ak.tallyActor, NamedNode(key[1]), g),
            _count_quad(key, count),
        ]
    quads = [Quad(node, RDF_TYPE, Ak.StanceTally if key[0] == "stance" else Ak.CosignatureTally, g)]
    quads.extend(Quad(node, Ak.tallySpeaker, NamedNode(iri), g) for iri in key[1:-1])
    quads.append(Quad(node, Ak.tallyStance, NamedNode(key[-1]), g))
    quads.append(_count_quad(key, count))
    return quads


def _stored_count(store: Store, key: TallyKey) -> int:
    for quad in store.quads_for_pattern(_node(key), Ak.tallyCount, None, TALLY_GRAPH):
        return int(term_text(quad.object))
    return 0


def tally_changes(store: Store, moves: Mapping[TallyKey, int]) -> tuple[list[Quad], list[Quad]]:
    """The quads to delete and to insert to move each tally by ``moves[key]`` (read from ``store``):
    a tally that stays has only its count rewritten."""
    delete: list[Quad] = []
    insert: list[Quad] = []
    for key, move in moves.items():
        if not move:
            continue
        before = _stored_count(store, key)
        after = before + move
        if before and after > 0:
            delete.append(_count_quad(key, before))
            insert.append(_count_quad(key, after))
        else:
            delete.extend(tally_quads(key, before))
            insert.extend(tally_quads(key, after))
    return delete, insert


def kept_tallies(store: Store) -> Counter[TallyKey]:
    """The tallies as the store holds them."""
    counts: Counter[TallyKey] = Counter()
    for typed in store.quads_for_pattern(None, RDF_TYPE, None, TALLY_GRAPH):
        node = typed.subject
        if typed.object == Ak.MentionTally:
            for actor in store.quads_for_pattern(node, Ak.tallyActor, None, TALLY_GRAPH):
                key: TallyKey = ("mention", term_text(actor.object))
                counts[key] = _stored_count(store, key)
            continue
        kind = "stance" if typed.object == Ak.StanceTally else "pair"
        speakers = sorted(
            term_text(q.object) for q in store.quads_for_pattern(node, Ak.tallySpeaker, None, TALLY_GRAPH)
        )
        stance = next(term_text(q.object) for q in store.quads_for_pattern(node, Ak.tallyStance, None, TALLY_GRAPH))
        counts[(kind, *speakers, stance)] = _stored_count(store, (kind, *speakers, stance))
    return counts


def kept_kinds(store: Store) -> int:
    """Which tallies the store keeps: 0 none (made before tallies), 1 the statement tallies only
    (made before mention tallies), 2 all of them (:data:`TALLIES_KEPT`)."""
    if TALLIES_KEPT in store:
        return 2
    return 1 if any(True for _ in store.quads_for_pattern(STORE_NODE, TALLIES_KEPT.predicate, None, TALLY_GRAPH)) else 0
