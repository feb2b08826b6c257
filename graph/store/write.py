"""The one write primitive: a :class:`ChangeSet` (graphs to drop, quads to delete and to add, tallies
to move), applied as one SPARQL update, which Oxigraph runs as one transaction.

Everything that changes the store (an article written or removed, a merge, a recovery, a push)
works out a change set and applies it, so each change is whole or absent.

>>> from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store
>>> store = Store()
>>> x, p = NamedNode("https://w3id.org/armskg/x"), NamedNode("https://w3id.org/armskg/p")
>>> quad = Quad(x, p, Literal("1"), DefaultGraph())
>>> ChangeSet(insert=[quad]).apply(store)
>>> quad in store, sparql_update([], [quad], [])
(True, 'DELETE DATA { <https://w3id.org/armskg/x> <https://w3id.org/armskg/p> "1" . }')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

from .tally_quads import TallyKey, tally_changes

__all__ = ["ChangeSet", "data_block", "sparql_update"]


@dataclass(slots=True)
class ChangeSet:
    """What one change of the corpus does to the store: graphs to drop, quads to delete and add,
    and how far each tally moves (:mod:`armskg.graph.merge.tallies`)."""

    drop: list[NamedNode] = field(default_factory=list)
    delete: list[Quad] = field(default_factory=list)
    insert: list[Quad] = field(default_factory=list)
    tallies: Counter[TallyKey] = field(default_factory=Counter)

    def _with_tallies(self, store: Store) -> tuple[list[Quad], list[Quad]]:
        if not any(self.tallies.values()):
            return self.delete, self.insert
        delete, insert = tally_changes(store, self.tallies)
        return [*self.delete, *delete], [*self.insert, *insert]

    def apply(self, store: Store) -> None:
        """Write the change in one transaction."""
        delete, insert = self._with_tallies(store)
        if not self.drop and not delete:
            if insert:
                store.extend(insert)
            return
        store.update(sparql_update(self.drop, delete, insert))


def sparql_update(drop: list[NamedNode], delete: list[Quad], insert: list[Quad]) -> str:
    """The change as one SPARQL update: drops, then deletions, then insertions."""
    parts = [f"DROP SILENT GRAPH {graph}" for graph in drop]
    if delete:
        parts.append("DELETE DATA { " + data_block(delete) + " }")
    if insert:
        parts.append("INSERT DATA { " + data_block(insert) + " }")
    return " ;\n".join(parts)


def data_block(quads: Iterable[Quad]) -> str:
    """Quads as the body of ``INSERT DATA`` / ``DELETE DATA`` (or a ``DELETE``/``INSERT`` template):
    default-graph triples, then one ``GRAPH`` block per named graph."""
    default: list[str] = []
    named: dict[str, list[str]] = {}
    for q in quads:
        line = f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.graph_name, DefaultGraph):
            default.append(line)
        else:
            named.setdefault(str(q.graph_name), []).append(line)
    parts = default + [f"GRAPH {g} {{ " + " ".join(lines) + " }" for g, lines in named.items()]
    return "\n".join(parts)
