"""The map's side panel as escaped HTML: the coalitions with their members, the actor kinds, the relations
with their filter boxes, and the period filter; and :func:`coalition_table`, the coalitions as rows.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx

from armskg.graph.network import coalition_assignment, name_coalitions

from .styles import KIND_NAMES, KIND_SHAPES, KIND_SYMBOLS, OTHER_RELATION, RELATION_STYLES, STATEMENT_STYLE
from .titles import actor_label

__all__ = ["coalition_table", "filters_html", "legend_html"]

_MEMBERS_SHOWN = 6


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
        ``colour`` (as on the map; :mod:`armskg.graph.network.coalition_names`), ``size``, ``leader`` (the
        label it is named after), ``members`` (labels, most central first) and ``kinds`` (actor
        kind → count). One row per actor instead:
        :func:`armskg.graph.network.coalition_rows`.
    """
    camp = dict(assignment) if assignment is not None else coalition_assignment(graph)
    rows: list[dict[str, Any]] = []
    for found in name_coalitions(graph, camp):
        kinds = Counter(str(graph.nodes[n].get("kind", "organization")) for n in found.members)
        rows.append(
            {
                "coalition": found.number,
                "name": found.name,
                "colour": found.colour,
                "size": found.size,
                "leader": actor_label(graph, found.leader),
                "members": [actor_label(graph, n) for n in found.members],
                "kinds": dict(sorted(kinds.items())),
            }
        )
    return rows


def legend_html(graph: nx.MultiDiGraph, view: nx.MultiDiGraph, camp: Mapping[str, int]) -> str:
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
            f'<li><span class="shape">{KIND_SYMBOLS.get(shape, "?")}</span>'
            f"{esc(KIND_NAMES[kind])} ({kinds.get(kind, 0)})</li>"
        )
    if kinds.get("statement"):
        parts.append(
            f'<li><span class="shape">{KIND_SYMBOLS[STATEMENT_STYLE[0]]}</span>'
            f"joint statement ({kinds['statement']})</li>"
        )
    parts.append("</ul><h2>Links</h2><ul>")
    present = Counter(str(d.get("relation")) for *_, d in view.edges(data=True))
    order = [r for r in RELATION_STYLES if r in present] + sorted(r for r in present if r not in RELATION_STYLES)
    for relation in order:
        style = RELATION_STYLES.get(relation, OTHER_RELATION)
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


def filters_html(first: str | None, last: str | None) -> str:
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
