"""How the map and the figure draw things: coalition colours, shapes per actor kind, line styles per relation.

The HTML map (:mod:`armskg.graph.render.coalition_map`) and the static figure
(:mod:`armskg.graph.render.figure`) share these, so the two look alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from armskg.graph.network import PALETTE, SIGNS

__all__ = [
    "COALITION_COLOURS",
    "KIND_NAMES",
    "KIND_SHAPES",
    "KIND_SYMBOLS",
    "OTHER_RELATION",
    "RELATION_STYLES",
    "STATEMENT_STYLE",
    "RelationStyle",
    "involvement",
]

COALITION_COLOURS = PALETTE
"""The coalition colours; each coalition's colour follows its name
(:func:`armskg.graph.network.coalition_names.coalition_colour`)."""

STATEMENT_STYLE = ("hexagon", "#f2f2f2", "#555555")
"""How a joint statement node is drawn: vis-network shape, fill and border colour."""

KIND_SHAPES: Mapping[str, str] = {
    "state": "dot",
    "person": "diamond",
    "organization": "square",
    "armed_group": "triangle",
}
"""vis-network shape per actor kind; all draw the label below, so ``size`` can follow the degree."""

KIND_SYMBOLS = {"dot": "●", "diamond": "◆", "square": "■", "triangle": "▲", "star": "★", "hexagon": "⬢"}
KIND_NAMES = {"state": "state", "person": "person", "organization": "organization", "armed_group": "armed group"}


@dataclass(frozen=True)
class RelationStyle:
    """How one relation is drawn: line colour, dash pattern (``None``: solid), arrow, legend text."""

    colour: str
    dashes: tuple[int, int] | None
    arrow: bool
    text: str


RELATION_STYLES: Mapping[str, RelationStyle] = {
    "supplies": RelationStyle("#e08a00", None, True, "supplies arms to"),
    "strikes": RelationStyle("#d62728", None, True, "strikes"),
    "condemn": RelationStyle("#b2182b", (8, 6), True, "condemns"),
    "concern": RelationStyle("#f4a582", (8, 6), True, "voices concern about"),
    "warn": RelationStyle("#d6604d", (8, 6), True, "warns"),
    "allege": RelationStyle("#8c510a", (3, 5), True, "alleges against"),
    "deny": RelationStyle("#762a83", (3, 5), True, "denies (about)"),
    "admit": RelationStyle("#9970ab", (3, 5), True, "admits (about)"),
    "support": RelationStyle("#1b7837", (8, 6), True, "supports"),
    "commit": RelationStyle("#5aae61", (8, 6), True, "commits to"),
    "call_on": RelationStyle("#2166ac", (8, 6), True, "calls on"),
    "co_signs": RelationStyle("#9e9e9e", None, False, "speaks jointly with"),
    SIGNS: RelationStyle("#9e9e9e", None, False, "signs (joint statement)"),
    "affiliated": RelationStyle("#4d4d4d", (2, 4), True, "is affiliated with"),
}
"""Style per edge relation; unknown relations are drawn grey and dashed."""

OTHER_RELATION = RelationStyle("#888888", (4, 4), True, "other")


def involvement(graph: nx.MultiDiGraph, node: str) -> int:
    """Links of a node, leaving out joint statements (``co_signs``, ``signs``): a 50-party joint statement
    would otherwise make every signatory as large as the actors the statement is about; a node's size."""
    skip = ("co_signs", SIGNS)
    degree = sum(1 for *_, d in graph.edges(node, data=True) if d.get("relation") not in skip)
    return degree + sum(1 for *_, d in graph.in_edges(node, data=True) if d.get("relation") not in skip)
