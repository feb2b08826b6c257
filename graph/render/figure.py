"""The coalition map as a static figure for papers: PNG, SVG or PDF, drawn with matplotlib.

The figure shows what the HTML map shows (:mod:`armskg.graph.render.coalition_map`), in the same colours
and with the same coalition names: the drawn view of the network
(:func:`armskg.graph.network.joint_statements.drawn_network`: a joint statement is one grey hexagon linked
once to each signatory), nodes coloured by coalition and shaped by actor kind, edges coloured by
relation (dashed for statements), a legend, a title and a caption line with the period, the
filter and the number of sources. The layout is :func:`armskg.graph.render.layout.figure_layout` (fixed
seed), stretched to fill the drawing area, so the same network gives the same figure.

Every node is named (up to :data:`MAX_LABELS`, the most involved first):
:func:`armskg.graph.render.figure_labels.place_labels` puts each name where it overlaps no other name
and no node and stays inside the drawing; a node whose name does not fit gets a number, listed
in a key under the legend.

Text from articles is drawn as plain text: matplotlib's mathtext (``$...$``) is switched off for
every label, so a name holding ``$`` or a backslash is shown as written.

matplotlib is used through its object API with the Agg renderer, never ``pyplot``: no window, no
global state, safe in a server or a test. SVG and PDF keep the text as text (``svg.fonttype``
``none``, TrueType fonts in PDF), so the figure can be edited and searched.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import matplotlib as mpl
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from armskg.graph.network import SIGNS, coalition_assignment, drawn_network, name_coalitions, network_period

from .figure_labels import key_text, place_labels
from .layout import figure_layout, layout_camp
from .legend import coalition_table
from .styles import KIND_NAMES, KIND_SHAPES, RELATION_STYLES, STATEMENT_STYLE, involvement

__all__ = ["FIGURE_FORMATS", "MAX_LABELS", "caption", "draw_figure", "drawn_summary", "write_figure"]

FIGURE_FORMATS = (".png", ".svg", ".pdf")
"""File suffixes :func:`write_figure` writes."""

MAX_LABELS = 150
"""Most nodes named on a figure; a larger network names its most involved nodes only (a figure
of thousands of actors is read for its shape, and placing thousands of labels takes minutes)."""

_MARKERS = {"dot": "o", "diamond": "D", "square": "s", "triangle": "^", "hexagon": "h"}
_STATEMENT_DASH = (0, (4, 3))
_MARGIN = 0.04


def caption(graph: nx.MultiDiGraph, period: str | None = None) -> str:
    """The caption line: period, filter, number of sources and what is drawn.

    >>> g = nx.MultiDiGraph(filter="ballistic missile")
    >>> dates = {"first": "2024-01-02", "last": "2024-02-01"}
    >>> g.add_edge("a", "b", key="supplies", relation="supplies", sources=["s1", "s2"], **dates)
    'supplies'
    >>> caption(g)
    'Period: 2024-01-02 – 2024-02-01 · filter: ballistic missile · 2 sources · 2 actors, 1 link · armskg'
    """
    first, last = network_period(graph)
    if period is None:
        period = f"{first} – {last}" if first and last and first != last else first or "unknown (no dated events)"
    sources = {str(s) for *_, d in graph.edges(data=True) for s in d.get("sources") or ()}
    described = str(graph.graph.get("filter") or "") or "none"
    count = len(sources)
    return (
        f"Period: {period} · filter: {described} · {count} source{'s' if count != 1 else ''} · "
        f"{drawn_summary(graph)} · armskg"
    )


def drawn_summary(graph: nx.MultiDiGraph) -> str:
    """What the map and the figure draw, in words: actors, joint statements, links.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="co_signs", relation="co_signs")
    'co_signs'
    >>> drawn_summary(g)
    '2 actors, 1 link'
    """
    view = drawn_network(graph)
    statements = view.number_of_nodes() - graph.number_of_nodes()
    links = view.number_of_edges()
    drawn = f"{graph.number_of_nodes()} actor{'s' if graph.number_of_nodes() != 1 else ''}"
    drawn += f", {statements} joint statement{'s' if statements != 1 else ''}" if statements else ""
    return drawn + f", {links} link{'s' if links != 1 else ''}"


def _fill(positions: Mapping[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Stretch a layout to the unit square (each axis on its own), so it fills the drawing area."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    width, height = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    return {n: ((x - min(xs)) / width, (y - min(ys)) / height) for n, (x, y) in positions.items()}


def draw_figure(
    graph: nx.MultiDiGraph,
    *,
    title: str = "armskg coalition map",
    period: str | None = None,
    assignment: Mapping[str, int] | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Draw the network on a new matplotlib :class:`~matplotlib.figure.Figure` (not shown, not saved).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        An actor network (:func:`armskg.graph.network.actor_network`).
    title : str
        The figure's title.
    period : str, optional
        The period in the caption; by default the first and last date of the network's links.
    assignment : Mapping, optional
        Coalition index per node; by default the nodes' ``coalition`` attributes, else
        :func:`armskg.graph.network.coalitions`.
    size : tuple, optional
        Width and height in inches; by default 12 × 8, larger for a network of more than 40 nodes.

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
    camp = coalition_assignment(graph, assignment)
    named = name_coalitions(graph, camp)
    colour = {member: found.colour for found in named for member in found.members}
    view = drawn_network(graph)
    grow = math.sqrt(max(1.0, view.number_of_nodes() / 40))
    figure = Figure(figsize=size or (12.0 * min(grow, 1.6), 8.0 * min(grow, 1.6)), layout="constrained")
    FigureCanvasAgg(figure)  # a renderer, to measure labels
    figure.suptitle(title, x=0.01, ha="left", fontsize=13, parse_math=False)
    figure.supxlabel(caption(graph, period), x=0.01, ha="left", fontsize=8, color="#444444", parse_math=False)
    axes = figure.add_subplot()
    axes.set_axis_off()
    if view.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no actors", ha="center", va="center", transform=axes.transAxes, parse_math=False)
        return figure
    positions = _fill(figure_layout(view, layout_camp(view, camp)))
    positions = {n: (x, 1.0 - y) for n, (x, y) in positions.items()}  # screen orientation, as the HTML map
    axes.set_xlim(-_MARGIN, 1 + _MARGIN)
    axes.set_ylim(-_MARGIN, 1 + _MARGIN)

    by_relation: dict[str, list[tuple[tuple[float, float], tuple[float, float]]]] = {}
    for u, v, attrs in view.edges(data=True):
        if u != v:
            by_relation.setdefault(str(attrs.get("relation")), []).append((positions[u], positions[v]))
    present = Counter(str(d.get("relation")) for *_, d in view.edges(data=True))
    order = [r for r in RELATION_STYLES if r in by_relation] + sorted(
        r for r in by_relation if r not in RELATION_STYLES
    )
    crowded = view.number_of_edges() > 2000
    for relation in order:
        style = RELATION_STYLES.get(relation)
        dashed = style is not None and style.dashes is not None
        axes.add_collection(
            LineCollection(
                by_relation[relation],
                colors=style.colour if style else "#888888",
                linewidths=0.4 if crowded else 0.9,
                linestyles=_STATEMENT_DASH if dashed else "solid",
                alpha=0.3 if relation == SIGNS else 0.25 if crowded else 0.6,
                zorder=1,
            )
        )

    links = {n: involvement(view, n) for n in view.nodes}
    shrink = max(0.35, math.sqrt(200 / max(200, view.number_of_nodes())))  # smaller markers on large maps
    kind_of = {n: str(view.nodes[n].get("kind") or "other") for n in view.nodes}
    for kind, shape in [*KIND_SHAPES.items(), ("statement", STATEMENT_STYLE[0]), ("other", "star")]:
        members = [n for n in view.nodes if kind_of[n] == kind or (kind == "other" and kind_of[n] not in _KINDS)]
        if not members:
            continue
        statement = kind == "statement"
        axes.scatter(
            [positions[n][0] for n in members],
            [positions[n][1] for n in members],
            s=[(7 * shrink if statement else (4 + 2 * math.sqrt(links[n])) * shrink) ** 2 for n in members],
            c=[STATEMENT_STYLE[1] if statement else colour.get(n, "#999999") for n in members],
            marker=_MARKERS.get(shape, "*"),
            edgecolors=STATEMENT_STYLE[2] if statement else "white",
            linewidths=0.6,
            zorder=2,
        )
    handles: list[Line2D] = []
    for row in coalition_table(graph, camp)[:10]:
        names = ", ".join(row["members"][:3]) + (" …" if row["size"] > 3 else "")
        text = f"{row['coalition']}. {row['name']} ({row['size']}): {names}"
        handles.append(Line2D([], [], marker="o", linestyle="", color=row["colour"], label=text))
    kinds = Counter(kind_of.values())
    for kind, shape in KIND_SHAPES.items():
        if kinds.get(kind):
            handles.append(
                Line2D([], [], marker=_MARKERS[shape], linestyle="", color="#555555", label=KIND_NAMES[kind])
            )
    if kinds.get("statement"):
        handles.append(
            Line2D(
                [],
                [],
                marker=_MARKERS[STATEMENT_STYLE[0]],
                linestyle="",
                markerfacecolor=STATEMENT_STYLE[1],
                markeredgecolor=STATEMENT_STYLE[2],
                label="joint statement",
            )
        )
    for relation in order:
        style = RELATION_STYLES.get(relation)
        handles.append(
            Line2D(
                [],
                [],
                color=style.colour if style else "#888888",
                linestyle="--" if style is not None and style.dashes is not None else "-",
                label=f"{style.text if style else relation} ({present[relation]})",
            )
        )
    legend = axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    for entry in legend.get_texts():
        entry.set_parse_math(False)
    # Labels are placed in display space: freeze the layout first, or the legend and the
    # constrained layout would move the nodes under labels already placed.
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    labels = {n: " ".join(str(view.nodes[n].get("label") or n).split()) for n in view.nodes}
    ranked = sorted(view.nodes, key=lambda n: (kind_of[n] == "statement", -links[n], labels[n], str(n)))
    fontsize = 8.0 if view.number_of_nodes() <= 40 else 7.0
    placed = place_labels(axes, positions, labels, ranked[:MAX_LABELS], fontsize=fontsize)
    if placed.numbered:  # the key, under the legend
        box = legend.get_window_extent().transformed(figure.transFigure.inverted())
        figure.text(
            box.x0,
            box.y0 - 0.02,
            "Numbered nodes:\n" + key_text(placed.numbered, per_line=2),
            ha="left",
            va="top",
            fontsize=fontsize - 1,
            parse_math=False,
        )
    return figure


_KINDS = (*KIND_SHAPES, "statement")


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
    with mpl.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "armskg"}):
        figure = draw_figure(graph, title=title, period=period, assignment=assignment)
        path.parent.mkdir(parents=True, exist_ok=True)
        FigureCanvasAgg(figure)
        undated = {".png": {"Software": None}, ".svg": {"Date": None}, ".pdf": {"CreationDate": None}}
        figure.savefig(path, dpi=dpi, metadata=undated[path.suffix.lower()])
    return path
