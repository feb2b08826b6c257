"""Where the actors go: starting positions for the HTML map and a finished layout for the static figure.

Both start from :func:`seed_layout`, which needs no iteration: each coalition is a disc of its
members (a sunflower spiral, most connected actor in the middle), and the discs sit side by side
on a ring, largest first. The HTML map hands these positions to vis-network, whose physics
refines them in the browser; :func:`figure_layout` refines them here, per connected component,
with NetworkX's spring layout, then packs the components in rows under the largest one (the
same packing the HTML map does after its physics stops), so that an actor with no link does not
sit far from the rest.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

import networkx as nx

__all__ = [
    "SPREAD_LIMIT",
    "SPRING_LIMIT",
    "components",
    "figure_layout",
    "layout_camp",
    "pack_components",
    "seed_layout",
]

SPRING_LIMIT = 450
"""Largest component :func:`figure_layout` refines with the spring layout (NetworkX's dense
solver, NumPy only); a larger component keeps its seed positions."""

SPREAD_LIMIT = 300
"""Largest component :func:`figure_layout` spreads with the Kamada-Kawai layout after the spring
layout (SciPy's optimiser; its cost grows with the square of the actors)."""

_GOLDEN = math.pi * (3 - math.sqrt(5))
Position = tuple[float, float]


def components(graph: nx.Graph) -> dict[str, int]:
    """Connected component index per node, 0 = the largest (ties: the one holding the smallest node).

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> g.add_node("z")
    >>> components(g)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1, 'z': 2}
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    parts = sorted((sorted(map(str, c)) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0]))
    return {node: index for index, part in enumerate(parts) for node in part}


def seed_layout(graph: nx.Graph, assignment: Mapping[str, int], spacing: float = 60.0) -> dict[str, Position]:
    """Starting positions: one disc per coalition, members on a sunflower spiral, discs on a ring.

    Parameters
    ----------
    graph : networkx.Graph
        The actor network (degrees put the most connected actors in the middle of their disc).
    assignment : Mapping
        Coalition index per node; nodes missing from it share one extra disc.
    spacing : float
        Distance between neighbouring actors in a disc (the unit of the result).

    Returns
    -------
    dict
        ``(x, y)`` per node; the same input gives the same positions.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("c", "d")])
    >>> pos = seed_layout(g, {"a": 0, "b": 0, "c": 1, "d": 1})
    >>> round(math.dist(pos["a"], pos["b"])) < round(math.dist(pos["a"], pos["c"]))
    True
    """
    groups: dict[int, list[str]] = {}
    missing = max(assignment.values(), default=-1) + 1
    for node in graph.nodes:
        groups.setdefault(assignment.get(node, missing), []).append(node)
    order = sorted(groups, key=lambda g: (-len(groups[g]), g))
    radii = {g: spacing * (0.6 + math.sqrt(len(groups[g]))) for g in order}
    ring = sum(2 * r + spacing for r in radii.values()) / (2 * math.pi) if len(order) > 1 else 0.0
    positions: dict[str, Position] = {}
    angle = 0.0
    for g in order:
        share = (2 * radii[g] + spacing) / (2 * math.pi * ring) * 2 * math.pi if ring else 0.0
        angle += share / 2
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        angle += share / 2
        members = sorted(groups[g], key=lambda n: (-graph.degree(n), str(n)))
        for i, node in enumerate(members):
            r = spacing * math.sqrt(i) * 0.9
            positions[node] = (cx + r * math.cos(i * _GOLDEN), cy + r * math.sin(i * _GOLDEN))
    return positions


def pack_components(positions: Mapping[str, Position], component: Mapping[str, int], gap: float) -> dict[str, Position]:
    """Move every component but the largest into rows under it, left to right, ``gap`` apart.

    ``component``: component index per node, 0 = the largest (see :func:`components`).

    >>> pack_components({"a": (0, 0), "b": (100, 0), "z": (5000, 5000)}, {"a": 0, "b": 0, "z": 1}, 10)
    {'a': (0, 0), 'b': (100, 0), 'z': (0, 10)}
    """
    boxes: dict[int, list[float]] = {}
    for node, (x, y) in positions.items():
        box = boxes.setdefault(component.get(node, 0), [x, y, x, y])
        box[:] = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
    if len(boxes) < 2:
        return dict(positions)
    main = boxes[min(boxes)]
    width = max(main[2] - main[0], 10 * gap)
    shift: dict[int, Position] = {min(boxes): (0.0, 0.0)}
    x, y, row = main[0], main[3] + gap, 0.0
    for index in sorted(boxes)[1:]:
        left, top, right, bottom = boxes[index]
        if x > main[0] and x + (right - left) > main[0] + width:
            x, y, row = main[0], y + row + gap, 0.0
        shift[index] = (x - left, y - top)
        x += right - left + gap
        row = max(row, bottom - top)
    out: dict[str, Position] = {}
    for node, (px, py) in positions.items():
        dx, dy = shift[component.get(node, 0)]
        out[node] = (px + dx, py + dy) if (dx, dy) != (0.0, 0.0) else (px, py)
    return out


def figure_layout(graph: nx.MultiDiGraph, assignment: Mapping[str, int], seed: int = 7) -> dict[str, Position]:
    """A finished layout for the static figure: seeded, refined per component, packed.

    Every component of up to :data:`SPRING_LIMIT` actors is refined with
    :func:`networkx.spring_layout` (50 iterations, ideal distance three times NetworkX's default,
    so a joint statement's many co-signers do not collapse into a ball), starting from
    :func:`seed_layout`; ties within a coalition pull five times harder than ties across
    coalitions, so camps stay apart. A component of up to :data:`SPREAD_LIMIT` actors is then
    spread with :func:`networkx.kamada_kawai_layout` (starting from the spring layout), which
    evens out the distances: a joint statement's signatories form a wide ring around it instead
    of a dense fan, and the figure's canvas is filled. Positions are in screen orientation
    (``y`` grows downwards), as in the HTML map.
    """
    if graph.number_of_nodes() == 0:
        return {}
    seeded = seed_layout(graph, assignment)
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v in graph.to_undirected(as_view=True).edges():
        if u != v:
            same = assignment.get(u) == assignment.get(v)
            simple.add_edge(u, v, weight=1.0 if same else 0.2)
    component = components(simple)
    positions: dict[str, Position] = {}
    scale = 60.0
    for index in sorted(set(component.values())):
        members = [n for n in simple.nodes if component[n] == index]
        if 1 < len(members) <= SPRING_LIMIT:
            part = simple.subgraph(members)
            start = {n: (seeded[n][0] / scale, seeded[n][1] / scale) for n in members}
            size = math.sqrt(len(members))
            k = 3 / math.sqrt(len(members))
            found = nx.spring_layout(part, pos=start, seed=seed, iterations=50, weight="weight", scale=size, k=k)
            if len(members) <= SPREAD_LIMIT:
                found = nx.kamada_kawai_layout(part, pos=found, weight=None, scale=size)
            positions.update({n: (float(found[n][0]) * scale, float(found[n][1]) * scale) for n in members})
        else:
            positions.update({n: seeded[n] for n in members})
    return pack_components(positions, component, gap=scale * 1.5)


def layout_camp(view: nx.MultiDiGraph, camp: Mapping[str, int]) -> dict[str, int]:
    """Coalitions for the starting layout: a joint statement sits with most of its signatories."""
    placed = dict(camp)
    for node, attrs in view.nodes(data=True):
        if attrs.get("kind") == "statement":
            votes = Counter(camp[n] for n in attrs.get("signatories", []) if n in camp)
            if votes:
                placed[node] = min(votes, key=lambda c: (-votes[c], c))
    return placed
