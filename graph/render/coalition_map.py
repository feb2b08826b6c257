"""The coalition map: the actor network as one self-contained, offline HTML page.

:func:`write_coalition_map` lays the network out with vis-network, using the copy of vis-network
9.1.2 that pyvis 0.3.2 ships, and pyvis's :class:`~pyvis.network.Network` to assemble the node
and edge records. The page is written from this module's own template rather than pyvis's, because
pyvis's template links Bootstrap from a CDN (even with ``cdn_resources="in_line"``), writes its
``heading`` unescaped and switches to ``innerHTML`` tooltips when a title holds "href".

What the page guarantees:

- **Offline.** vis-network's script and style are inlined; nothing has a ``src`` or ``href``, and a
  Content-Security-Policy (``default-src 'none'``; scripts allowed only by their SHA-256) makes
  the browser refuse any request or any script that is not one of the page's own.
- **Inert text.** Every label, tooltip, title and legend entry comes from data. Text in HTML goes
  through :func:`html.escape`; data for the script is JSON with ``<``, ``>`` and ``&`` written as
  ``\\u003c``..., so it cannot close the script; tooltips are plain text, which vis-network shows
  with ``innerText``; labels are drawn on a canvas; the details panel (click a node or a link) is
  built with ``textContent``, and only ``http:``/``https:`` addresses become links.
- **Usable when large.** Nodes start from :func:`armskg.graph.render.layout.seed_layout` (coalitions
  apart), physics runs until the layout is stabilised (fewer iterations the larger the map), then
  stops; only one link per pair of actors acts as a spring. Components other than the largest are
  then packed in rows under it, so that actors without links do not drift to the edges, and the
  view is fitted again whenever the page is resized, until the reader pans or zooms.
- **Filters.** Checkboxes per relation, a period (from, to; links without a date on or off) and a
  reset; an actor is hidden when all its links are.
- **Observable.** The ``<html>`` element reports ``data-state`` (``loading``, then
  ``stabilised`` or ``empty``), ``data-nodes``, ``data-edges``, ``data-shown-nodes``,
  ``data-shown-edges``, ``data-iterations``, ``data-resources`` (resources fetched),
  ``data-js-errors``, ``data-resource-errors`` and ``data-csp-violations``, for tests and for
  anyone scripting a browser; ``window.armskgNetwork`` is the vis-network instance and
  ``window.armskgMap`` holds it with its data sets, ``applyFilters()`` and ``describe(kind, id)`` (what a
  click on a ``node`` or ``edge`` shows).

:func:`coalition_map_html` returns the page as text and :func:`notebook_map` wraps it for Jupyter
(an ``<iframe srcdoc>``, sandboxed, so it works inline with no network either).

The page's own script and style are package data (``assets/status.js``, ``assets/map.js``,
``assets/map.css``, read by :func:`page_asset`); the side panel is :mod:`.legend`, the tooltips
:mod:`.titles`, the colours and shapes :mod:`.styles`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from armskg.graph.network import (
    SIGNS,
    Coalition,
    coalition_assignment,
    drawn_network,
    edge_weight,
    name_coalitions,
    network_period,
)

from .layout import components, layout_camp, seed_layout
from .legend import filters_html, legend_html
from .styles import KIND_SHAPES, OTHER_RELATION, RELATION_STYLES, STATEMENT_STYLE, involvement
from .titles import actor_label, edge_title, node_title, plain, statement_title, ties_panel

__all__ = [
    "NotebookMap",
    "coalition_map_html",
    "notebook_map",
    "page_asset",
    "stabilisation_iterations",
    "write_coalition_map",
]

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_PLACEHOLDERS = ("__NODES__", "__EDGES__", "__OPTIONS__")

_OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}, "borderWidth": 1},
    "edges": {"arrows": {"to": {"scaleFactor": 0.6}}, "selectionWidth": 2, "hoverWidth": 1.5},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "multiselect": True},
    "physics": {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {
            "gravitationalConstant": -9000,
            "centralGravity": 0.25,
            "springLength": 140,
            "springConstant": 0.03,
            "damping": 0.3,
            "avoidOverlap": 0.2,
        },
        "stabilization": {"enabled": True, "iterations": 800, "updateInterval": 25, "fit": False},
    },
    "layout": {"randomSeed": 7, "improvedLayout": False},
}


@cache
def page_asset(name: str) -> str:
    """One of the page's own files (status.js, map.js, map.css): package data in render/assets/."""
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _attribute(text: str) -> str:
    """Text for a double-quoted attribute, leaving single quotes readable (CSP sources use them)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def _script_json(value: Any) -> str:
    """JSON safe inside a ``<script>``: no ``<``, ``>`` or ``&`` that could end or bend it."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet as pyvis ships them, checked to be inlinable."""
    folder = resources.files("pyvis").joinpath(*_VIS_DIR)
    script = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    style = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    if "</script" in script.lower() or "<!--" in script or "</style" in style.lower():
        raise ValueError("the vis-network copy shipped with pyvis cannot be inlined safely")
    return script, style


def _network_records(
    graph: nx.MultiDiGraph, view: nx.MultiDiGraph, camp: Mapping[str, int], named: list[Coalition]
) -> tuple[list[Any], list[Any]]:
    """The vis-network node and edge records of the drawn view, assembled with pyvis."""
    net = Network(directed=True)
    start = seed_layout(view, layout_camp(view, camp))
    part = components(view)
    bloc = {member: found for found in named for member in found.members}
    shape, fill, border = STATEMENT_STYLE
    for node in sorted(view.nodes):
        attrs = view.nodes[node]
        x, y = start[node]
        common: dict[str, Any] = {"x": round(x, 1), "y": round(y, 1), "component": part.get(node, 0)}
        if attrs.get("kind") == "statement":
            net.add_node(
                node,
                label=plain(str(attrs.get("label") or node), 60),
                shape=shape,
                color={"background": fill, "border": border, "highlight": {"background": fill, "border": "#000"}},
                font={"size": 11, "color": "#444444"},
                title=statement_title(view, node),
                size=12,
                links=view.degree(node),
                kind="statement",
                **common,
            )
            continue
        found = bloc.get(node)
        net.add_node(
            node,
            label=plain(actor_label(graph, node), 60),
            shape=KIND_SHAPES.get(str(attrs.get("kind")), "star"),
            color=found.colour if found else "#999999",
            title=node_title(graph, node, found),
            size=round(10 + 3 * math.sqrt(involvement(view, node)), 1),
            links=view.degree(node),
            wikidata=attrs.get("wikidata"),
            ties=ties_panel(graph, node, camp, bloc) if node in graph else None,
            **common,
        )
    parallel: Counter[tuple[str, str]] = Counter()
    for n, (u, v, key, attrs) in enumerate(sorted(view.edges(keys=True, data=True), key=lambda e: e[:3])):
        relation = str(attrs.get("relation", key))
        style = RELATION_STYLES.get(relation, OTHER_RELATION)
        pair = (u, v) if u < v else (v, u)
        rank = parallel[pair]
        parallel[pair] += 1
        hostile = edge_weight(attrs) < 0
        reports = int(attrs.get("reports") or attrs.get("count", 1))
        net.add_edge(
            u,
            v,
            id=f"e{n}",
            relation=relation,
            first=attrs.get("first"),
            last=attrs.get("last") or attrs.get("first"),
            urls=[str(url) for url in attrs.get("urls", [])],
            title=edge_title(view, u, v, attrs),
            color={
                "color": style.colour,
                "highlight": style.colour,
                "hover": style.colour,
                "opacity": 0.35 if relation in ("co_signs", SIGNS) else 0.85,
            },
            dashes=list(style.dashes) if style.dashes else False,
            arrows={"to": {"enabled": style.arrow}},
            width=round(1 + 1.5 * math.log2(max(1, reports)), 2),
            length=320 if hostile else 220 if relation == "co_signs" else 90 if relation == SIGNS else 140,
            physics=rank == 0,  # one spring per pair of actors
            smooth={"enabled": rank > 0, "type": "curvedCW", "roundness": min(0.8, 0.15 * rank)},
        )
    return net.nodes, net.edges


def stabilisation_iterations(n_nodes: int) -> int:
    """Physics iterations before the layout freezes: 600 up to 250 actors, down to 100 from 1,500.

    The nodes start from :func:`armskg.graph.render.layout.seed_layout`, so a large map needs fewer
    iterations; ``benchmarks/map_speed.py`` measures what that costs in a browser.

    >>> stabilisation_iterations(50), stabilisation_iterations(1000), stabilisation_iterations(2000)
    (600, 150, 100)
    """
    return max(100, min(600, 150_000 // max(1, n_nodes)))


def _period_text(graph: nx.MultiDiGraph, period: str | None) -> str:
    """The period line under the title: ``period`` as given, else the network's first and last date."""
    if period is not None:
        return period
    first, last = network_period(graph)
    if first and last:
        return f"{first} – {last}" if first != last else first
    return "period unknown (no dated events)"


def coalition_map_html(
    graph: nx.MultiDiGraph, *, title: str = "armskg coalition map", period: str | None = None
) -> str:
    """The coalition map page as text; see :func:`write_coalition_map`."""
    camp = coalition_assignment(graph)
    named = name_coalitions(graph, camp)
    view = drawn_network(graph)
    nodes, edges = _network_records(graph, view, camp, named)
    vis_js, vis_css = _vis_assets()
    options = json.loads(json.dumps(_OPTIONS))
    options["physics"]["stabilization"]["iterations"] = stabilisation_iterations(view.number_of_nodes())
    draw_js = page_asset("map.js")
    for placeholder, value in zip(_PLACEHOLDERS, (nodes, edges, options), strict=True):
        draw_js = draw_js.replace(placeholder, _script_json(value))
    status_js = page_asset("status.js")
    scripts = (status_js, vis_js, draw_js)
    policy = (
        "default-src 'none'; "
        f"script-src {' '.join(_script_hash(s) for s in scripts)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    esc = html.escape
    statements = view.number_of_nodes() - graph.number_of_nodes()
    summary = (
        f"{graph.number_of_nodes()} actors · "
        + (f"{statements} joint statements · " if statements else "")
        + f"{view.number_of_edges()} links · {len(named)} coalitions"
    )
    described = str(graph.graph.get("filter") or "")
    if described:
        summary += f" · filter: {described}"
    first, last = network_period(graph)
    return (
        '<!DOCTYPE html>\n<html lang="en" data-state="loading">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_attribute(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f"<script>{status_js}</script>\n"
        f"<style>{vis_css}</style>\n<style>{page_asset('map.css')}</style>\n"
        f"<script>{vis_js}</script>\n</head>\n<body>\n"
        f'<header><h1>{esc(title)}</h1><p class="period">{esc(_period_text(graph, period))}</p>'
        f'<p>{esc(summary)} <span id="armskg-progress"></span></p></header>\n'
        f'<main><div id="armskg-network" role="img" aria-label="{esc(title)}"></div>\n'
        f'<aside id="armskg-legend">{filters_html(first, last)}{legend_html(graph, view, camp)}</aside></main>\n'
        f"<script>{draw_js}</script>\n</body>\n</html>\n"
    )


def write_coalition_map(
    graph: nx.MultiDiGraph,
    path: Path,
    *,
    title: str = "armskg coalition map",
    period: str | None = None,
) -> Path:
    """Write the actor network as one self-contained HTML page that works offline.

    Nodes are coloured by coalition (the nodes' ``coalition`` attributes if every node has one,
    else :func:`armskg.graph.network.coalitions`), shaped by actor kind (:data:`KIND_SHAPES`) and
    sized by degree (``co_signs`` left out); edges are coloured and dashed by relation
    (:data:`RELATION_STYLES`), as wide as the reports behind them (``reports``: sources summed over
    events) and hostile edges get longer springs, so camps drift apart. Parallel edges between two
    actors are curved apart. All text is escaped; see the module docstring for what the page
    guarantees.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        An actor network (:func:`armskg.graph.network.actor_network`).
    path : Path
        The HTML file to write (parents are created).
    title : str
        Page title and heading.
    period : str, optional
        The period the map covers, shown under the title (e.g. ``"2023-08 – 2024-06"``); by
        default the first and last date of the network's links.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(coalition_map_html(graph, title=title, period=period), encoding="utf-8")
    return path


@dataclass(frozen=True)
class NotebookMap:
    """A coalition map that Jupyter shows inline: an ``<iframe>`` whose ``srcdoc`` is the whole page.

    The frame is sandboxed (scripts only, no same-origin access to the notebook), and the page
    needs no network, so the map works in an offline notebook and in exported HTML notebooks.
    """

    page: str
    height: int = 650

    def _repr_html_(self) -> str:
        """The ``<iframe>`` Jupyter renders."""
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" width="100%" height="{int(self.height)}" '
            'style="border:0" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>'
        )


def notebook_map(
    graph: nx.MultiDiGraph, *, title: str = "armskg coalition map", period: str | None = None, height: int = 650
) -> NotebookMap:
    """The coalition map for a notebook cell: ``notebook_map(actor_network(store))`` shows it inline.

    Examples
    --------
    >>> shown = notebook_map(nx.MultiDiGraph(), title="<b>empty</b>")
    >>> shown._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    return NotebookMap(coalition_map_html(graph, title=title, period=period), height)
