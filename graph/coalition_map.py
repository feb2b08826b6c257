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
- **Usable when large.** Nodes start from :func:`armskg.graph.layout.seed_layout` (coalitions
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
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from .coalition_names import PALETTE, Coalition, name_coalitions, signed_ties
from .layout import components, seed_layout
from .network import coalitions, edge_weight, network_period
from .statement_view import SIGNS, drawn_network, statement_title

__all__ = [
    "COALITION_COLOURS",
    "KIND_SHAPES",
    "RELATION_STYLES",
    "NotebookMap",
    "RelationStyle",
    "coalition_map_html",
    "coalition_table",
    "notebook_map",
    "stabilisation_iterations",
    "write_coalition_map",
]

COALITION_COLOURS = PALETTE
"""The coalition colours; each coalition's colour follows its name
(:func:`armskg.graph.coalition_names.coalition_colour`)."""

STATEMENT_STYLE = ("hexagon", "#f2f2f2", "#555555")
"""How a joint statement node is drawn: vis-network shape, fill and border colour."""

KIND_SHAPES: Mapping[str, str] = {
    "state": "dot",
    "person": "diamond",
    "organization": "square",
    "armed_group": "triangle",
}
"""vis-network shape per actor kind; all draw the label below, so ``size`` can follow the degree."""

_KIND_SYMBOLS = {"dot": "●", "diamond": "◆", "square": "■", "triangle": "▲", "star": "★", "hexagon": "⬢"}
_KIND_NAMES = {"state": "state", "person": "person", "organization": "organization", "armed_group": "armed group"}


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

_OTHER_RELATION = RelationStyle("#888888", (4, 4), True, "other")
_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_MAX_SENTENCE = 280
_MAX_SOURCES = 5
_MEMBERS_SHOWN = 6
_TIES_SHOWN = 12

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

_STATUS_JS = """(function () {
  "use strict";
  var root = document.documentElement;
  var counts = {jsErrors: 0, resourceErrors: 0, cspViolations: 0};
  function report() {
    for (var key in counts) { root.dataset[key] = String(counts[key]); }
  }
  report();
  window.addEventListener("error", function (event) {
    if (event.target && event.target !== window) { counts.resourceErrors += 1; }
    else { counts.jsErrors += 1; root.dataset.lastError = String(event.message).slice(0, 300); }
    report();
  }, true);
  window.addEventListener("unhandledrejection", function () { counts.jsErrors += 1; report(); });
  document.addEventListener("securitypolicyviolation", function (event) {
    counts.cspViolations += 1;
    root.dataset.lastViolation = String(event.violatedDirective).slice(0, 100);
    report();
  });
})();"""

# The page's own script. __NODES__, __EDGES__ and __OPTIONS__ are replaced by script-safe JSON.
_DRAW_JS = """(function () {
  "use strict";
  var root = document.documentElement;
  var data = {nodes: new vis.DataSet(__NODES__), edges: new vis.DataSet(__EDGES__)};
  var options = __OPTIONS__;
  var container = document.getElementById("armskg-network");
  var network = new vis.Network(container, data, options);
  var settled = false, moved = false;
  window.armskgNetwork = network;

  function byId(id) { return document.getElementById(id); }
  function text(tag, value, cls) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (cls) { element.className = cls; }
    return element;
  }
  function fit() { network.fit({animation: false}); }

  // Components other than the largest (component 0) go in rows under it, left to right.
  function pack() {
    var ids = data.nodes.getIds(), at = network.getPositions(ids), boxes = {}, order = [];
    ids.forEach(function (id) {
      var c = data.nodes.get(id).component, p = at[id], b = boxes[c];
      if (!b) { b = boxes[c] = {x0: p.x, y0: p.y, x1: p.x, y1: p.y, ids: []}; order.push(c); }
      b.x0 = Math.min(b.x0, p.x); b.y0 = Math.min(b.y0, p.y);
      b.x1 = Math.max(b.x1, p.x); b.y1 = Math.max(b.y1, p.y);
      b.ids.push(id);
    });
    if (order.length < 2) { return; }
    order.sort(function (a, b) { return a - b; });
    var main = boxes[order[0]], gap = 90, width = Math.max(main.x1 - main.x0, 900);
    var x = main.x0, y = main.y1 + gap, row = 0;
    order.slice(1).forEach(function (c) {
      var b = boxes[c], w = b.x1 - b.x0, h = b.y1 - b.y0;
      if (x > main.x0 && x + w > main.x0 + width) { x = main.x0; y += row + gap; row = 0; }
      var dx = x - b.x0, dy = y - b.y0;
      b.ids.forEach(function (id) { network.moveNode(id, at[id].x + dx, at[id].y + dy); });
      x += w + gap; row = Math.max(row, h);
    });
  }

  var relationBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-relation]"));
  var fromBox = byId("armskg-from"), toBox = byId("armskg-to"), undatedBox = byId("armskg-undated");
  function applyFilters() {
    var on = {}, from = fromBox ? fromBox.value : "", to = toBox ? toBox.value : "";
    var undated = undatedBox ? undatedBox.checked : true, linked = {}, changes = [], shownEdges = 0;
    relationBoxes.forEach(function (box) { on[box.getAttribute("data-relation")] = box.checked; });
    data.edges.forEach(function (edge) {
      var show = on[edge.relation] !== false;
      if (show && edge.first) {
        show = !(from && to && from > to) && (!from || edge.last >= from) && (!to || edge.first <= to);
      }
      else if (show && (from || to)) { show = undated; }
      else if (show) { show = undated || Boolean(edge.first); }
      if (show) { shownEdges += 1; linked[edge.from] = true; linked[edge.to] = true; }
      if (Boolean(edge.hidden) === show) { changes.push({id: edge.id, hidden: !show}); }
    });
    data.edges.update(changes);
    changes = [];
    var shownNodes = 0;
    data.nodes.forEach(function (node) {
      var show = node.links === 0 || linked[node.id] === true;
      if (show) { shownNodes += 1; }
      if (Boolean(node.hidden) === show) { changes.push({id: node.id, hidden: !show}); }
    });
    data.nodes.update(changes);
    root.dataset.shownNodes = String(shownNodes);
    root.dataset.shownEdges = String(shownEdges);
    var shown = byId("armskg-shown");
    if (shown) { shown.textContent = "shown: " + shownNodes + " nodes, " + shownEdges + " links"; }
  }
  relationBoxes.concat([fromBox, toBox, undatedBox]).forEach(function (box) {
    if (box) { box.addEventListener("change", applyFilters); }
  });
  var reset = byId("armskg-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      relationBoxes.forEach(function (box) { box.checked = true; });
      if (fromBox) { fromBox.value = fromBox.min; }
      if (toBox) { toBox.value = toBox.max; }
      if (undatedBox) { undatedBox.checked = true; }
      applyFilters();
    });
  }

  // The details of what was clicked, built as text; only http(s) addresses become links.
  function safeUrl(value) {
    try {
      var url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) { return null; }
  }
  function showDetails(item, links) {
    var panel = byId("armskg-details");
    if (!panel) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    String(item.title || "").split("\\n").forEach(function (line, i) {
      panel.appendChild(text(i === 0 ? "strong" : "div", line));
    });
    var list = document.createElement("ul");
    (links || []).forEach(function (value) {
      var href = safeUrl(value), li = document.createElement("li"), a = text(href ? "a" : "span", String(value));
      if (href) { a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer"; }
      li.appendChild(a);
      list.appendChild(li);
    });
    if (list.firstChild) { panel.appendChild(text("div", "links:", "members")); panel.appendChild(list); }
  }
  // An actor's signed ties, as Python wrote them: what puts it in its coalition.
  function showTies(ties) {
    var panel = byId("armskg-details");
    if (!panel || !ties) { return; }
    panel.appendChild(text("div", ties.heading, "ties-heading"));
    [["stands with", ties["with"], ties.withMore], ["stands against", ties.against, ties.againstMore]].forEach(
      function (part) {
        if (!part[1].length) { return; }
        panel.appendChild(text("div", part[0] + " (" + (part[1].length + part[2]) + "):", "members"));
        var list = document.createElement("ul");
        list.className = "ties";
        part[1].forEach(function (line) { list.appendChild(text("li", line)); });
        if (part[2]) { list.appendChild(text("li", "and " + part[2] + " more")); }
        panel.appendChild(list);
      });
  }
  function describe(kind, id) {
    if (kind === "node") {
      var node = data.nodes.get(id);
      var wikidata = String(node.wikidata || "");
      showDetails(node, /^Q[0-9]+$/.test(wikidata) ? ["https://www.wikidata.org/wiki/" + wikidata] : []);
      showTies(node.ties);
    } else {
      var edge = data.edges.get(id);
      showDetails(edge, edge.urls);
    }
  }
  network.on("click", function (event) {
    if (event.nodes.length) { describe("node", event.nodes[0]); }
    else if (event.edges.length) { describe("edge", event.edges[0]); }
  });

  // Refit when the map is resized, until the reader pans or zooms: vis-network itself only scales
  // its old view by the change in size, which can push the map out of sight. This observer is made
  // after vis-network's own, so it runs after it, before the frame that shows the new size.
  network.on("dragEnd", function (event) { if (!event.nodes.length) { moved = true; } });
  network.on("zoom", function () { moved = true; });
  function refit() { if (settled && !moved) { fit(); } }
  if (window.ResizeObserver) { new ResizeObserver(refit).observe(container); }
  else { window.addEventListener("resize", function () { setTimeout(refit, 0); }); }

  var progress = byId("armskg-progress");
  network.on("stabilizationProgress", function (event) {
    if (progress) { progress.textContent = "laying out: " + Math.round(100 * event.iterations / event.total) + "%"; }
  });
  function settle(state, iterations) {
    network.setOptions({physics: {enabled: false}});
    pack();
    applyFilters();
    fit();
    settled = true;
    if (progress) { progress.textContent = ""; }
    root.dataset.nodes = String(data.nodes.length);
    root.dataset.edges = String(data.edges.length);
    root.dataset.iterations = String(iterations);
    root.dataset.resources = String(performance.getEntriesByType("resource").length);
    root.dataset.state = state;
  }
  window.armskgMap = {
    network: network, nodes: data.nodes, edges: data.edges, applyFilters: applyFilters, describe: describe
  };
  if (data.nodes.length === 0) { settle("empty", 0); }
  else {
    network.once("stabilizationIterationsDone", function () {
      settle("stabilised", options.physics.stabilization.iterations);
    });
  }
})();"""

_PAGE_CSS = """
html, body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #222; background: #fff; }
body { display: flex; flex-direction: column; height: 100vh; min-height: 480px; }
header { flex: 0 0 auto; padding: 6px 16px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 20px; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header p { margin: 1px 0; color: #555; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
main { flex: 1 1 auto; display: flex; align-items: stretch; min-height: 0; }
#armskg-network { flex: 1 1 auto; min-width: 0; }
#armskg-legend { flex: 0 0 300px; box-sizing: border-box; padding: 8px 12px; border-left: 1px solid #ddd;
  overflow-y: auto; }
#armskg-legend h2 { font-size: 15px; margin: 10px 0 4px; }
#armskg-legend ul { list-style: none; margin: 0; padding: 0; }
#armskg-legend li { margin: 3px 0; }
#armskg-legend label { cursor: pointer; }
#armskg-details { font-size: 12px; overflow-wrap: anywhere; }
#armskg-details ul { padding-left: 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px;
  vertical-align: -1px; }
.shape { display: inline-block; width: 18px; text-align: center; color: #444; }
.line { display: inline-block; width: 34px; margin-right: 6px; vertical-align: middle; }
.members { color: #555; font-size: 12px; }
.ties-heading { margin-top: 6px; font-weight: 600; }
#armskg-details ul.ties { padding-left: 14px; list-style: disc; }
.filters input[type=date] { width: 130px; }
.vis-tooltip { white-space: pre-wrap; max-width: 460px; }
"""


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


def _assign(graph: nx.MultiDiGraph) -> dict[str, int]:
    """The nodes' ``coalition`` attributes if every node has one, else :func:`coalitions`."""
    given = {n: d.get("coalition") for n, d in graph.nodes(data=True)}
    if all(isinstance(v, int) for v in given.values()):
        return {n: int(v) for n, v in given.items() if v is not None}
    return coalitions(graph)


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    """An actor's display label."""
    return str(graph.nodes[node].get("label") or node)


def _plain(text: str, limit: int = _MAX_SENTENCE) -> str:
    """One line of tooltip text, cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def coalition_table(graph: nx.MultiDiGraph, assignment: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """Summarise the coalitions: one row per coalition, largest first, named as everywhere else.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        An actor network (:func:`armskg.graph.network.actor_network`).
    assignment : Mapping, optional
        Coalition index per node; by default the nodes' ``coalition`` attributes, else
        :func:`armskg.graph.network.coalitions`.

    Returns
    -------
    list[dict]
        ``coalition`` (number, 1 = the largest), ``name`` (``"bloc of the United States"``) and
        ``colour`` (as on the map; :mod:`armskg.graph.coalition_names`), ``size``, ``leader`` (the
        label it is named after), ``members`` (labels, most central first) and ``kinds`` (actor
        kind → count). One row per actor instead:
        :func:`armskg.graph.coalition_graph.coalition_rows`.
    """
    camp = dict(assignment) if assignment is not None else _assign(graph)
    rows: list[dict[str, Any]] = []
    for found in name_coalitions(graph, camp):
        kinds = Counter(str(graph.nodes[n].get("kind", "organization")) for n in found.members)
        rows.append(
            {
                "coalition": found.number,
                "name": found.name,
                "colour": found.colour,
                "size": found.size,
                "leader": _label(graph, found.leader),
                "members": [_label(graph, n) for n in found.members],
                "kinds": dict(sorted(kinds.items())),
            }
        )
    return rows


def _node_title(graph: nx.MultiDiGraph, node: str, coalition: Coalition | None) -> str:
    """Plain-text tooltip of a node."""
    attrs = graph.nodes[node]
    lines = [_plain(_label(graph, node), 120), f"{_KIND_NAMES.get(str(attrs.get('kind')), 'actor')}"]
    ids = [
        f"ISO3 {attrs['iso3']}" if attrs.get("iso3") else "",
        f"Wikidata {attrs['wikidata']}" if attrs.get("wikidata") else "",
    ]
    if any(ids):
        lines.append(_plain(" · ".join(i for i in ids if i), 120))
    bloc = f"{coalition.name} (coalition {coalition.number})" if coalition else "no coalition"
    lines.append(f"{_plain(bloc, 120)} · {graph.degree(node)} links")
    relations = Counter(str(d.get("relation")) for *_, d in graph.edges(node, data=True))
    relations.update(str(d.get("relation")) for *_, d in graph.in_edges(node, data=True))
    if relations:
        lines.append(", ".join(f"{_plain(r, 40)} {n}" for r, n in sorted(relations.items())))
    lines.append(_plain(node, 200))
    return "\n".join(lines)


def _edge_title(graph: nx.MultiDiGraph, u: str, v: str, attrs: Mapping[str, Any]) -> str:
    """Plain-text tooltip of an edge: who, what, how often, when, from which articles, in which words."""
    relation = str(attrs.get("relation", ""))
    count = int(attrs.get("count", 1))
    lines = [f"{_plain(_label(graph, u), 80)} → {_plain(_label(graph, v), 80)}: {_plain(relation, 40)} ×{count}"]
    first, last = attrs.get("first"), attrs.get("last")
    if first:
        lines.append(f"when: {first}" + (f" – {last}" if last and last != first else ""))
    weapons = [*attrs.get("weapons", []), *attrs.get("designations", [])]
    if weapons:
        lines.append("weapons: " + _plain(", ".join(map(str, weapons)), 200))
    roles = attrs.get("roles") or {}
    if roles:
        lines.append("as " + _plain(", ".join(f"{r} ({n})" for r, n in roles.items()), 120))
    sources = [str(s) for s in attrs.get("sources", [])]
    if sources:
        more = f" and {len(sources) - _MAX_SOURCES} more" if len(sources) > _MAX_SOURCES else ""
        corroboration = attrs.get("corroboration")
        best = f" (best-corroborated event: {corroboration} sources)" if corroboration and count > 1 else ""
        lines.append("sources: " + _plain(", ".join(sources[:_MAX_SOURCES]), 200) + more + best)
    lines.extend(f"“{_plain(s)}”" for s in attrs.get("evidence", []))
    lines.extend(f"quote: “{_plain(q)}”" for q in attrs.get("quotes", []))
    urls = [str(u) for u in attrs.get("urls", [])]
    lines.extend(_plain(url, 200) for url in urls[:_MAX_SOURCES])
    return "\n".join(lines)


def _involvement(graph: nx.MultiDiGraph, node: str) -> int:
    """Links of a node, leaving out joint statements (``co_signs``, ``signs``): a 50-party joint statement
    would otherwise make every signatory as large as the actors the statement is about."""
    skip = ("co_signs", SIGNS)
    degree = sum(1 for *_, d in graph.edges(node, data=True) if d.get("relation") not in skip)
    return degree + sum(1 for *_, d in graph.in_edges(node, data=True) if d.get("relation") not in skip)


def _ties(graph: nx.MultiDiGraph, node: str, camp: Mapping[str, int], bloc: Mapping[str, Coalition]) -> dict[str, Any]:
    """What the map's panel shows for an actor: the signed ties that put it in its coalition."""
    allies, rivals = signed_ties(graph, node, camp)

    def line(tie: Any) -> str:
        where = "same bloc" if tie.same else (bloc[tie.other].name if tie.other in bloc else "no coalition")
        return _plain(f"{tie.label} {tie.weight:+g} · {tie.relations} · {where}", 200)

    own = bloc.get(node)
    inside = sum(t.weight for t in allies if t.same)
    across = sum(t.weight for t in rivals if not t.same)
    return {
        "heading": _plain(
            f"Why in the {own.name if own else 'no coalition'}: "
            f"ties {inside:+g} within it, {across:+g} with other blocs",
            200,
        ),
        "with": [line(t) for t in allies[:_TIES_SHOWN]],
        "withMore": max(0, len(allies) - _TIES_SHOWN),
        "against": [line(t) for t in rivals[:_TIES_SHOWN]],
        "againstMore": max(0, len(rivals) - _TIES_SHOWN),
    }


def _layout_camp(view: nx.MultiDiGraph, camp: Mapping[str, int]) -> dict[str, int]:
    """Coalitions for the starting layout: a joint statement sits with most of its signatories."""
    placed = dict(camp)
    for node, attrs in view.nodes(data=True):
        if attrs.get("kind") == "statement":
            votes = Counter(camp[n] for n in attrs.get("signatories", []) if n in camp)
            if votes:
                placed[node] = min(votes, key=lambda c: (-votes[c], c))
    return placed


def _network_records(
    graph: nx.MultiDiGraph, view: nx.MultiDiGraph, camp: Mapping[str, int], named: list[Coalition]
) -> tuple[list[Any], list[Any]]:
    """The vis-network node and edge records of the drawn view, assembled with pyvis."""
    net = Network(directed=True)
    start = seed_layout(view, _layout_camp(view, camp))
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
                label=_plain(str(attrs.get("label") or node), 60),
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
            label=_plain(_label(graph, node), 60),
            shape=KIND_SHAPES.get(str(attrs.get("kind")), "star"),
            color=found.colour if found else "#999999",
            title=_node_title(graph, node, found),
            size=round(10 + 3 * math.sqrt(_involvement(view, node)), 1),
            links=view.degree(node),
            wikidata=attrs.get("wikidata"),
            ties=_ties(graph, node, camp, bloc) if node in graph else None,
            **common,
        )
    parallel: Counter[tuple[str, str]] = Counter()
    for n, (u, v, key, attrs) in enumerate(sorted(view.edges(keys=True, data=True), key=lambda e: e[:3])):
        relation = str(attrs.get("relation", key))
        style = RELATION_STYLES.get(relation, _OTHER_RELATION)
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
            title=_edge_title(view, u, v, attrs),
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


def _legend(graph: nx.MultiDiGraph, view: nx.MultiDiGraph, camp: Mapping[str, int]) -> str:
    """The legend as escaped HTML: coalitions with their main members, actor kinds, relations with filters."""
    esc = html.escape
    parts = ["<h2>Coalitions</h2><ul>"]
    for row in coalition_table(graph, camp):
        shown = row["members"][:_MEMBERS_SHOWN]
        more = len(row["members"]) - len(shown)
        members = ", ".join(esc(m) for m in shown) + (f" and {more} more" if more else "")
        parts.append(
            f'<li><span class="swatch" style="background:{esc(row["colour"])}"></span>'
            f"<b>{row['coalition']}. {esc(row['name'])}</b> ({row['size']})<br>"
            f'<span class="members">{members}</span></li>'
        )
    parts.append("</ul><h2>Actors</h2><ul>")
    kinds = Counter(str(d.get("kind")) for _, d in view.nodes(data=True))
    for kind, shape in KIND_SHAPES.items():
        parts.append(
            f'<li><span class="shape">{_KIND_SYMBOLS.get(shape, "?")}</span>'
            f"{esc(_KIND_NAMES[kind])} ({kinds.get(kind, 0)})</li>"
        )
    if kinds.get("statement"):
        parts.append(
            f'<li><span class="shape">{_KIND_SYMBOLS[STATEMENT_STYLE[0]]}</span>'
            f"joint statement ({kinds['statement']})</li>"
        )
    parts.append("</ul><h2>Links</h2><ul>")
    present = Counter(str(d.get("relation")) for *_, d in view.edges(data=True))
    order = [r for r in RELATION_STYLES if r in present] + sorted(r for r in present if r not in RELATION_STYLES)
    for relation in order:
        style = RELATION_STYLES.get(relation, _OTHER_RELATION)
        line = "dashed" if style.dashes and style.dashes[0] > 4 else "dotted" if style.dashes else "solid"
        text = style.text if relation in RELATION_STYLES else relation
        parts.append(
            f'<li><label><input type="checkbox" checked data-relation="{esc(relation)}"> '
            f'<span class="line" style="border-top:3px {line} {esc(style.colour)}"></span>'
            f"{esc(text)} ({present[relation]})</label></li>"
        )
    parts.append(
        '</ul><p class="members">Colour: coalition, named after its most central member. Shape: kind of '
        "actor; a grey hexagon is one joint statement, linked once to each signatory. Size: number of links "
        "(joint statements aside). Width: number of reports. Hover for sources and evidence; click an actor "
        "for the ties that put it in its coalition.</p>"
    )
    return "".join(parts)


def _filters(first: str | None, last: str | None) -> str:
    """The period filter (when the network has dates) and the reset button, as HTML."""
    parts = ['<h2>Filter</h2><div class="filters">']
    if first and last:
        low, high = html.escape(first[:10]), html.escape(last[:10])
        parts.append(
            f'<label>from <input type="date" id="armskg-from" min="{low}" max="{high}" value="{low}"></label><br>'
            f'<label>to <input type="date" id="armskg-to" min="{low}" max="{high}" value="{high}"></label><br>'
            '<label><input type="checkbox" id="armskg-undated" checked> links without a date</label><br>'
        )
    parts.append('<button type="button" id="armskg-reset">show everything</button> <span id="armskg-shown"></span>')
    parts.append('</div><h2>Selected</h2><div id="armskg-details" class="members">Click an actor or a link.</div>')
    return "".join(parts)


def stabilisation_iterations(n_nodes: int) -> int:
    """Physics iterations before the layout freezes: 600 up to 250 actors, down to 100 from 1,500.

    The nodes start from :func:`armskg.graph.layout.seed_layout`, so a large map needs fewer
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
    camp = _assign(graph)
    named = name_coalitions(graph, camp)
    view = drawn_network(graph)
    nodes, edges = _network_records(graph, view, camp, named)
    vis_js, vis_css = _vis_assets()
    options = json.loads(json.dumps(_OPTIONS))
    options["physics"]["stabilization"]["iterations"] = stabilisation_iterations(view.number_of_nodes())
    draw_js = (
        _DRAW_JS.replace("__NODES__", _script_json(nodes))
        .replace("__EDGES__", _script_json(edges))
        .replace("__OPTIONS__", _script_json(options))
    )
    scripts = (_STATUS_JS, vis_js, draw_js)
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
        f"<script>{_STATUS_JS}</script>\n"
        f"<style>{vis_css}</style>\n<style>{_PAGE_CSS}</style>\n"
        f"<script>{vis_js}</script>\n</head>\n<body>\n"
        f'<header><h1>{esc(title)}</h1><p class="period">{esc(_period_text(graph, period))}</p>'
        f'<p>{esc(summary)} <span id="armskg-progress"></span></p></header>\n'
        f'<main><div id="armskg-network" role="img" aria-label="{esc(title)}"></div>\n'
        f'<aside id="armskg-legend">{_filters(first, last)}{_legend(graph, view, camp)}</aside></main>\n'
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
