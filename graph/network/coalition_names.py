"""Coalitions a reader can follow: one name, one number and one colour each, the same everywhere.

:func:`armskg.graph.network.coalitions` says which actors stand together; this module says what
to call each group, so that the map, the figure, ``armskg export --format coalitions``, the
coalitions saved in the store and the notebooks all speak of the same coalitions the same way:

- **number**: 1 is the largest coalition, then by size (as :func:`coalitions` orders them);
- **name**: after the coalition's most central member, its *leader*: ``"bloc of the United
  States"``. The leader is the member with the most links on the map other than joint
  statements (what the map's node size shows), preferring states; ties go to more links of any
  kind, then to the label. "the" comes from the lexicon: a state or organisation whose names
  include "the" + its label ("the United States", "the European Union");
- **colour**: a function of the name (:func:`coalition_colour`: a SHA-256 of the name picks one
  of :data:`PALETTE`), so a bloc keeps its colour across filters, periods and runs. Only when two
  coalitions of one map draw the same colour does the smaller one take the next colour of the
  palette not yet used in that map.

A coalition also has *ties*: :func:`signed_ties` lists, for one actor, with whom it stands and
against whom (the signed weights of :func:`armskg.graph.network.signed_graph`, per relation), which
is what puts it in its coalition.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from .coalition_detection import edge_weight
from .joint_statements import node_label

__all__ = [
    "PALETTE",
    "Coalition",
    "Tie",
    "coalition_colour",
    "leader_score",
    "name_coalitions",
    "signed_ties",
]

PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#7b3294",
    "#a6761d",
    "#1b9e77",
    "#e7298a",
    "#666666",
    "#b8860b",
)
"""Coalition colours (colour-blind safe first); :func:`coalition_colour` picks one per name."""


@dataclass(frozen=True)
class Coalition:
    """One coalition: ``number`` (1 = the largest), ``name``, ``colour``, ``leader`` (its most central
    member's IRI) and ``members`` (IRIs, most central first)."""

    number: int
    name: str
    colour: str
    leader: str
    members: tuple[str, ...]

    @property
    def size(self) -> int:
        """How many actors the coalition holds."""
        return len(self.members)


@dataclass(frozen=True)
class Tie:
    """What stands between an actor and one other: the signed ``weight`` and the relations behind it.

    ``relations`` reads like ``"↔ joint statement ×4, → condemn (attacker) ×2"`` (``→``: by the
    actor, ``←``: by the other); ``same`` says whether the other actor is in the same coalition.
    """

    other: str
    label: str
    weight: float
    relations: str
    same: bool


@lru_cache(maxsize=1)
def _definite_names() -> frozenset[str]:
    """Lower-cased labels that take "the", from the lexicon (its names that are "the" + a label)."""
    from armskg.loaders.lexicon import load_lexicon

    lexicon = load_lexicon()
    found: set[str] = set()
    for state in lexicon.states.values():
        found.update(n.lower()[4:] for n in state.names if n.lower() == "the " + state.name.lower())
    for org in lexicon.orgs:
        found.update(a.lower()[4:] for a in org.aliases if a.lower() == "the " + org.label.lower())
    return frozenset(found)


def _bloc_name(label: str) -> str:
    """``"bloc of "`` and the label, with "the" where the lexicon says so.

    >>> _bloc_name("United States"), _bloc_name("Russia"), _bloc_name("European Union")
    ('bloc of the United States', 'bloc of Russia', 'bloc of the European Union')
    """
    return f"bloc of {'the ' if label.lower() in _definite_names() else ''}{label}"


def coalition_colour(name: str) -> str:
    """The colour of a coalition name: the same name gives the same colour, in every map and run.

    >>> coalition_colour("bloc of Russia") == coalition_colour("bloc of Russia")
    True
    >>> coalition_colour("bloc of Russia") in PALETTE
    True
    """
    return PALETTE[_colour_index(name)]


def _colour_index(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:4], "big") % len(PALETTE)


def leader_score(graph: nx.MultiDiGraph, node: str) -> tuple[bool, int, int, str, str]:
    """Sort key of a coalition's members, most central first: states first, then links other than
    joint statements (more first), then all links, then label and IRI."""
    links = [d for *_, d in graph.out_edges(node, data=True)] + [d for *_, d in graph.in_edges(node, data=True)]
    involved = sum(1 for d in links if d.get("relation") != "co_signs")
    return (graph.nodes[node].get("kind") != "state", -involved, -len(links), node_label(graph, node), node)


def name_coalitions(graph: nx.MultiDiGraph, assignment: Mapping[str, int]) -> list[Coalition]:
    """Number, name and colour the coalitions of ``assignment`` (coalition index per node, 0 = the largest).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("usa", label="United States", kind="state")
    >>> g.add_node("jpn", label="Japan", kind="state")
    >>> g.add_node("aide", label="An Aide", kind="person")
    >>> g.add_edge("usa", "jpn", key="supplies", relation="supplies")
    'supplies'
    >>> g.add_edge("usa", "aide", key="warn", relation="warn")
    'warn'
    >>> [(c.number, c.name, c.members) for c in name_coalitions(g, {"usa": 0, "jpn": 0, "aide": 1})]
    [(1, 'bloc of the United States', ('usa', 'jpn')), (2, 'bloc of An Aide', ('aide',))]
    """
    groups: dict[int, list[str]] = defaultdict(list)
    for node, index in assignment.items():
        if node in graph:
            groups[index].append(node)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), min(g)))
    used: set[int] = set()
    names: Counter[str] = Counter()
    found = []
    for number, members in enumerate(ordered, start=1):
        ranked = tuple(sorted(members, key=lambda n: leader_score(graph, n)))
        name = _bloc_name(node_label(graph, ranked[0]))
        names[name] += 1
        if names[name] > 1:  # two leaders with one label: keep the names apart
            name = f"{name} ({names[name]})"
        index = _colour_index(name)
        while index in used and len(used) < len(PALETTE):
            index = (index + 1) % len(PALETTE)
        used.add(index)
        found.append(Coalition(number, name, PALETTE[index], ranked[0], ranked))
    return found


def _tie_word(attrs: Mapping[str, object], outgoing: bool) -> str:
    """One relation as the panel shows it: ``→`` by the actor, ``←`` by the other, ``↔`` together;
    for a statement, the roles the addressed party played in the event it is about.

    >>> _tie_word({"relation": "condemn", "roles": {"attacker": 1}}, False)
    '← condemn (attacker)'
    >>> _tie_word({"relation": "co_signs"}, True)
    '↔ joint statement'
    """
    relation = str(attrs.get("relation"))
    if relation == "co_signs":
        return "↔ joint statement"
    roles = attrs.get("roles")
    said = f" ({', '.join(sorted(map(str, roles)))})" if isinstance(roles, Mapping) and roles else ""
    return f"{'→' if outgoing else '←'} {relation.replace('_', ' ')}{said}"


def signed_ties(graph: nx.MultiDiGraph, node: str, assignment: Mapping[str, int]) -> tuple[list[Tie], list[Tie]]:
    """With whom ``node`` stands (positive signed weight) and against whom (negative), strongest first.

    The weights are those :func:`armskg.graph.network.coalitions` works on (see
    :func:`armskg.graph.network.signed_graph`); ``relations`` counts the links behind each.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n in ("a", "b", "c"):
    ...     g.add_node(n, label=n.upper(), kind="state")
    >>> g.add_edge("a", "b", key="co_signs", relation="co_signs", count=3)
    'co_signs'
    >>> g.add_edge("c", "a", key="strikes", relation="strikes", count=2)
    'strikes'
    >>> allies, rivals = signed_ties(g, "a", {"a": 0, "b": 0, "c": 1})
    >>> [(t.label, t.weight, t.relations, t.same) for t in allies]
    [('B', 3.0, '↔ joint statement ×3', True)]
    >>> [(t.label, t.weight, t.relations) for t in rivals]
    [('C', -2.0, '← strikes ×2')]
    """
    weights: dict[str, float] = defaultdict(float)
    words: dict[str, Counter[str]] = defaultdict(Counter)
    for u, v, attrs in [*graph.out_edges(node, data=True), *graph.in_edges(node, data=True)]:
        other = v if u == node else u
        if other == node:
            continue
        weights[other] += edge_weight(attrs)
        words[other][_tie_word(attrs, u == node)] += int(attrs.get("count", 1))
    allies: list[Tie] = []
    rivals: list[Tie] = []
    own = assignment.get(node)
    for other, weight in weights.items():
        if abs(weight) < 1e-9:
            continue
        said = ", ".join(f"{w} ×{n}" for w, n in sorted(words[other].items(), key=lambda item: (-item[1], item[0])))
        tie = Tie(other, node_label(graph, other), round(weight, 2), said, assignment.get(other) == own)
        (allies if weight > 0 else rivals).append(tie)
    allies.sort(key=lambda t: (-t.weight, t.label))
    rivals.sort(key=lambda t: (t.weight, t.label))
    return allies, rivals
