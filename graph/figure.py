"""The coalition map as a static figure for papers: PNG, SVG or PDF, drawn with matplotlib.

The figure shows the same network as the HTML map (:mod:`armskg.graph.coalition_map`), in the same
colours: nodes coloured by coalition and shaped by actor kind, edges coloured by relation (dashed
for statements), a legend, a title and the period. The layout is
:func:`armskg.graph.layout.figure_layout` (fixed seed), so the same network gives the same figure.
Labels are drawn for the most involved actors only when the map is large (:data:`MAX_LABELS`).

Text from articles is drawn as plain text: matplotlib's mathtext (``$...$``) is switched off for
every label, so a name holding ``$`` or a backslash is shown as written.

matplotlib is used through its object API with the Agg renderer, never ``pyplot``: no window, no
global state, safe in a server or a test.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .coalition_map import COALITION_COLOURS, KIND_SHAPES, RELATION_STYLES, coalition_table
from .layout import figure_layout
from .network import coalitions, network_period

__all__ = ["FIGURE_FORMATS", "MAX_LABELS", "draw_figure", "write_figure"]

FIGURE_FORMATS = (".png", ".svg", ".pdf")
"""File suffixes :func:`write_figure` writes."""

MAX_LABELS = 80
"""Most actor labels drawn; beyond that only the most involved actors are named."""

_MARKERS = {"dot": "o", "diamond": "D", "square": "s", "triangle": "^"}
_KIND_NAMES = {"state": "state", "person": "person", "organization": "organization", "armed_group": "armed group"}
_STATEMENT_DASH = (0, (4, 3))


def _assign(graph: nx.MultiDiGraph, assignment: Mapping[str, int] | None) -> dict[str, int]:
    """The given coalitions, else the nodes' ``coalition`` attributes if all have one, else computed."""
    if assignment is not None:
        return dict(assignment)
    given = {n: d.get("coalition") for n, d in graph.nodes(data=True)}
    if given and all(isinstance(v, int) for v in given.values()):
        return {n: int(v) for n, v in given.items() if v is not None}
    return coalitions(graph)


def _involvement(graph: nx.MultiDiGraph, node: str) -> int:
    """Links of a node other than joint statements (as the HTML map sizes nodes)."""
    out = sum(1 for *_, d in graph.edges(node, data=True) if d.get("relation") != "co_signs")
    return out + sum(1 for *_, d in graph.in_edges(node, data=True) if d.get("relation") != "co_signs")


def draw_figure(
    graph: nx.MultiDiGraph,
    *,
    title: str = "armskg coalition map",
    period: str | None = None,
    assignment: Mapping[str, int] | None = None,
    size: tuple[float, float] = (12.0, 8.0),
) -> Figure:
    """Draw the network on a new matplotlib :class:`~matplotlib.figure.Figure` (not shown, not saved).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        An actor network (:func:`armskg.graph.network.actor_network`).
    title : str
        The figure's title.
    period : str, optional
        Shown under the title; by default the first and last date of the network's links.
    assignment : Mapping, optional
        Coalition index per node; by default the nodes' ``coalition`` attributes, else
        :func:`armskg.graph.network.coalitions`.
    size : tuple
        Width and height in inches.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A $x$", kind="state")
    >>> g.add_node("b", label="B", kind="person")
    >>> g.add_edge("a", "b", key="supplies", relation="supplies", count=1)
    'supplies'
    >>> figure = draw_figure(g, title="Test")
    >>> sorted(t.get_text() for t in figure.axes[0].texts)
    ['A $x$', 'B']
    """
    camp = _assign(graph, assignment)
    figure = Figure(figsize=size, layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    first, last = network_period(graph)
    if period is None:
        period = f"{first} – {last}" if first and last and first != last else first or "period unknown"
    summary = (
        f"{graph.number_of_nodes()} actors · {graph.number_of_edges()} links · {len(set(camp.values()))} coalitions"
    )
    described = str(graph.graph.get("filter") or "")
    axes.set_title(
        f"{title}\n{period} · {summary}" + (f" · {described}" if described else ""), loc="left", parse_math=False
    )
    positions = figure_layout(graph, camp)
    if not positions:
        axes.text(0.5, 0.5, "no actors", ha="center", va="center", transform=axes.transAxes, parse_math=False)
        return figure

    by_relation: dict[str, list[tuple[tuple[float, float], tuple[float, float]]]] = {}
    for u, v, attrs in graph.edges(data=True):
        if u != v:
            by_relation.setdefault(str(attrs.get("relation")), []).append((positions[u], positions[v]))
    present = Counter(str(d.get("relation")) for *_, d in graph.edges(data=True))
    order = [r for r in RELATION_STYLES if r in by_relation] + sorted(
        r for r in by_relation if r not in RELATION_STYLES
    )
    crowded = graph.number_of_edges() > 2000
    for relation in order:
        style = RELATION_STYLES.get(relation)
        colour = style.colour if style else "#888888"
        dashed = style is not None and style.dashes is not None
        alpha = 0.15 if relation == "co_signs" else 0.25 if crowded else 0.6
        axes.add_collection(
            LineCollection(
                by_relation[relation],
                colors=colour,
                linewidths=0.4 if crowded else 0.9,
                linestyles=_STATEMENT_DASH if dashed else "solid",
                alpha=alpha,
                zorder=1,
            )
        )

    involvement = {n: _involvement(graph, n) for n in graph.nodes}
    shrink = max(0.35, math.sqrt(200 / max(200, graph.number_of_nodes())))  # smaller markers on large maps
    for kind, shape in [*KIND_SHAPES.items(), ("other", "star")]:
        members = [n for n in graph.nodes if (graph.nodes[n].get("kind") or "other") == kind]
        if kind == "other":
            members = [n for n in graph.nodes if graph.nodes[n].get("kind") not in KIND_SHAPES]
        if not members:
            continue
        axes.scatter(
            [positions[n][0] for n in members],
            [positions[n][1] for n in members],
            s=[((4 + 2 * math.sqrt(involvement[n])) * shrink) ** 2 for n in members],
            c=[COALITION_COLOURS[camp.get(n, 0) % len(COALITION_COLOURS)] for n in members],
            marker=_MARKERS.get(shape, "*"),
            edgecolors="white",
            linewidths=0.6,
            zorder=2,
        )
    named = sorted(graph.nodes, key=lambda n: (-involvement[n], str(n)))[:MAX_LABELS]
    for node in sorted(named):
        x, y = positions[node]
        label = " ".join(str(graph.nodes[node].get("label") or node).split())[:40]
        axes.annotate(
            label,
            (x, y),
            xytext=(0, -9),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=6 if graph.number_of_nodes() > 40 else 8,
            parse_math=False,
            zorder=3,
        )
    axes.autoscale_view()
    axes.set_aspect("equal", adjustable="datalim")
    axes.invert_yaxis()  # screen orientation, as in the HTML map: other components are packed below

    handles: list[Line2D] = []
    for row in coalition_table(graph, camp)[:10]:
        names = ", ".join(row["members"][:3]) + (" …" if row["size"] > 3 else "")
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=row["colour"],
                label=f"Coalition {row['coalition'] + 1} ({row['size']}): {names}",
            )
        )
    kinds = Counter(str(d.get("kind")) for _, d in graph.nodes(data=True))
    for kind, shape in KIND_SHAPES.items():
        if kinds.get(kind):
            handles.append(
                Line2D([], [], marker=_MARKERS[shape], linestyle="", color="#555555", label=_KIND_NAMES[kind])
            )
    for relation in order:
        style = RELATION_STYLES.get(relation)
        text = style.text if style else relation
        handles.append(
            Line2D(
                [],
                [],
                color=style.colour if style else "#888888",
                linestyle="--" if style is not None and style.dashes is not None else "-",
                label=f"{text} ({present[relation]})",
            )
        )
    legend = axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    for entry in legend.get_texts():
        entry.set_parse_math(False)
    return figure


def write_figure(
    graph: nx.MultiDiGraph,
    path: Path,
    *,
    title: str = "armskg coalition map",
    period: str | None = None,
    assignment: Mapping[str, int] | None = None,
    dpi: int = 200,
) -> Path:
    """Draw the network (:func:`draw_figure`) and save it; the format follows the suffix (:data:`FIGURE_FORMATS`).

    Returns
    -------
    Path
        ``path`` (parents are created).
    """
    path = Path(path)
    if path.suffix.lower() not in FIGURE_FORMATS:
        raise ValueError(
            f"{path}: a figure is written as {', '.join(FIGURE_FORMATS)}, not {path.suffix or 'no suffix'}"
        )
    figure = draw_figure(graph, title=title, period=period, assignment=assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    FigureCanvasAgg(figure)
    undated = {".png": {"Software": None}, ".svg": {"Date": None}, ".pdf": {"CreationDate": None}}
    figure.savefig(path, dpi=dpi, metadata=undated[path.suffix.lower()])
    return path
