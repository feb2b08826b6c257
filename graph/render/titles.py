"""The text a reader sees on hovering or clicking: tooltips of actors, links and joint statements, and an
actor's ties.

All of it is plain text (vis-network shows tooltips with ``innerText``; the details panel is
built with ``textContent``), each line cut to a readable length by :func:`plain`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx

from armskg.graph.network import Coalition, node_label, signed_ties

from .styles import KIND_NAMES

__all__ = ["actor_label", "edge_title", "node_title", "plain", "statement_title", "ties_panel"]

_MAX_SENTENCE = 280
_MAX_SOURCES = 5
_TIES_SHOWN = 12
_SIGNATORIES_SHOWN = 12


def actor_label(graph: nx.MultiDiGraph, node: str) -> str:
    """An actor's display label."""
    return str(graph.nodes[node].get("label") or node)


def plain(text: str, limit: int = _MAX_SENTENCE) -> str:
    """One line of tooltip text, cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def node_title(graph: nx.MultiDiGraph, node: str, coalition: Coalition | None) -> str:
    """Plain-text tooltip of a node."""
    attrs = graph.nodes[node]
    lines = [plain(actor_label(graph, node), 120), f"{KIND_NAMES.get(str(attrs.get('kind')), 'actor')}"]
    ids = [
        f"ISO3 {attrs['iso3']}" if attrs.get("iso3") else "",
        f"Wikidata {attrs['wikidata']}" if attrs.get("wikidata") else "",
    ]
    if any(ids):
        lines.append(plain(" · ".join(i for i in ids if i), 120))
    bloc = f"{coalition.name} (coalition {coalition.number})" if coalition else "no coalition"
    lines.append(f"{plain(bloc, 120)} · {graph.degree(node)} links")
    relations = Counter(str(d.get("relation")) for *_, d in graph.edges(node, data=True))
    relations.update(str(d.get("relation")) for *_, d in graph.in_edges(node, data=True))
    if relations:
        lines.append(", ".join(f"{plain(r, 40)} {n}" for r, n in sorted(relations.items())))
    lines.append(plain(node, 200))
    return "\n".join(lines)


def edge_title(graph: nx.MultiDiGraph, u: str, v: str, attrs: Mapping[str, Any]) -> str:
    """Plain-text tooltip of an edge: who, what, how often, when, from which articles, in which words."""
    relation = str(attrs.get("relation", ""))
    count = int(attrs.get("count", 1))
    lines = [f"{plain(actor_label(graph, u), 80)} → {plain(actor_label(graph, v), 80)}: {plain(relation, 40)} ×{count}"]
    first, last = attrs.get("first"), attrs.get("last")
    if first:
        lines.append(f"when: {first}" + (f" – {last}" if last and last != first else ""))
    weapons = [*attrs.get("weapons", []), *attrs.get("designations", [])]
    if weapons:
        lines.append("weapons: " + plain(", ".join(map(str, weapons)), 200))
    roles = attrs.get("roles") or {}
    if roles:
        lines.append("as " + plain(", ".join(f"{r} ({n})" for r, n in roles.items()), 120))
    sources = [str(s) for s in attrs.get("sources", [])]
    if sources:
        more = f" and {len(sources) - _MAX_SOURCES} more" if len(sources) > _MAX_SOURCES else ""
        corroboration = attrs.get("corroboration")
        best = f" (best-corroborated event: {corroboration} sources)" if corroboration and count > 1 else ""
        lines.append("sources: " + plain(", ".join(sources[:_MAX_SOURCES]), 200) + more + best)
    lines.extend(f"“{plain(s)}”" for s in attrs.get("evidence", []))
    lines.extend(f"quote: “{plain(q)}”" for q in attrs.get("quotes", []))
    urls = [str(u) for u in attrs.get("urls", [])]
    lines.extend(plain(url, 200) for url in urls[:_MAX_SOURCES])
    return "\n".join(lines)


def ties_panel(
    graph: nx.MultiDiGraph, node: str, camp: Mapping[str, int], bloc: Mapping[str, Coalition]
) -> dict[str, Any]:
    """What the map's panel shows for an actor: the signed ties that put it in its coalition."""
    allies, rivals = signed_ties(graph, node, camp)

    def line(tie: Any) -> str:
        where = "same bloc" if tie.same else (bloc[tie.other].name if tie.other in bloc else "no coalition")
        return plain(f"{tie.label} {tie.weight:+g} · {tie.relations} · {where}", 200)

    own = bloc.get(node)
    inside = sum(t.weight for t in allies if t.same)
    across = sum(t.weight for t in rivals if not t.same)
    return {
        "heading": plain(
            f"Why in the {own.name if own else 'no coalition'}: "
            f"ties {inside:+g} within it, {across:+g} with other blocs",
            200,
        ),
        "with": [line(t) for t in allies[:_TIES_SHOWN]],
        "withMore": max(0, len(allies) - _TIES_SHOWN),
        "against": [line(t) for t in rivals[:_TIES_SHOWN]],
        "againstMore": max(0, len(rivals) - _TIES_SHOWN),
    }


def statement_title(view: nx.MultiDiGraph, node: str) -> str:
    """The plain-text tooltip of a joint statement node: what, when, who signed, in which words, from where."""

    attrs = view.nodes[node]
    signatories = [node_label(view, n) for n in attrs.get("signatories", []) if n in view]
    lines = [plain(attrs.get("label", node), 160), f"joint statement of {len(signatories)}"]
    first, last = attrs.get("first"), attrs.get("last")
    if first:
        lines.append(f"when: {first}" + (f" – {last}" if last and last != first else ""))
    about = Counter(str(d.get("relation")) for *_, d in view.out_edges(node, data=True))
    parties = sorted({node_label(view, v) for _, v in view.out_edges(node)})
    if parties:
        lines.append(plain(", ".join(sorted(about)) + " about: " + ", ".join(parties), 200))
    shown = signatories[:_SIGNATORIES_SHOWN]
    rest = len(signatories) - len(shown)
    lines.append(plain("signed by: " + ", ".join(shown) + (f" and {rest} more" if rest else ""), 400))
    sources = [str(s) for s in attrs.get("sources") or []]
    if sources:
        more = f" and {len(sources) - 5} more" if len(sources) > 5 else ""
        lines.append(plain("sources: " + ", ".join(sources[:5]) + more, 200))
    lines.extend(f"“{plain(s)}”" for s in attrs.get("evidence") or [])
    lines.extend(plain(u, 200) for u in list(attrs.get("urls") or [])[:5])
    lines.append(plain(node, 200))
    return "\n".join(lines)
