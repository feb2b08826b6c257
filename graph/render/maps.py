"""A store's coalition map (and figure) written in one call: what ``armskg map`` does, for a notebook too.

:func:`write_maps` builds the actor network of a store with the filters a user gives
(:func:`armskg.graph.network.actor_network`), finds its coalitions, writes the HTML map and, when
asked, the static figure, and returns what it drew; :meth:`DrawnMap.save_coalitions` then keeps
those coalitions in the store for SPARQL.  A network with nothing in it is not drawn:
:class:`NothingToMapError` says so, so no empty page is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pyoxigraph import Store

from armskg.graph.network import actor_network, coalitions, write_coalitions

from .coalition_map import write_coalition_map
from .figure import drawn_summary, write_figure

__all__ = ["DrawnMap", "NothingToMapError", "write_maps"]


class NothingToMapError(ValueError):
    """No transfer, strike or statement made the network; ``described`` is its filter in words
    (``""`` without a filter: the store holds no events at all)."""

    def __init__(self, described: str) -> None:
        super().__init__(f"nothing to map ({described})" if described else "nothing to map")
        self.described = described


@dataclass(frozen=True)
class DrawnMap:
    """What :func:`write_maps` drew: the network (each actor with its ``coalition`` index), the
    coalitions, and the files written (``figure``: None when none was asked for)."""

    graph: nx.MultiDiGraph
    coalitions: dict[str, int]
    path: Path
    figure: Path | None = None

    @property
    def described(self) -> str:
        """The network's filter in words (``""`` without one)."""
        return str(self.graph.graph.get("filter") or "")

    @property
    def summary(self) -> str:
        """What the map draws, in words (:func:`armskg.graph.render.figure.drawn_summary`)."""
        return drawn_summary(self.graph)

    def save_coalitions(self, store: Store) -> int:
        """Write the coalitions into ``store`` (a writable one), noting the filter; how many there are."""
        note = f"Filter: {self.described}." if self.described else ""
        return write_coalitions(store, self.graph, self.coalitions, note=note)


def write_maps(
    store: Store,
    output: Path,
    *,
    figure: Path | None = None,
    title: str = "armskg coalition map",
    since: str | None = None,
    until: str | None = None,
    weapons: tuple[str, ...] = (),
    min_sources: int | None = None,
    min_confidence: float | None = None,
) -> DrawnMap:
    """Write the coalition map of ``store`` to ``output`` (and the figure to ``figure``: ``.png``,
    ``.svg`` or ``.pdf``), the network kept to the events the filters match.

    A bad filter raises :class:`armskg.graph.network.FilterError`, an empty network
    :class:`NothingToMapError` (and nothing is written), a file that cannot be written :class:`OSError`.

    >>> import tempfile
    >>> try:
    ...     write_maps(Store(), Path(tempfile.mkdtemp()) / "map.html", since="2024")
    ... except NothingToMapError as empty:
    ...     print(empty.described)
    from 2024-01-01
    """
    graph = actor_network(
        store, since=since, until=until, weapons=weapons, min_sources=min_sources, min_confidence=min_confidence
    )
    if graph.number_of_nodes() == 0:
        raise NothingToMapError(str(graph.graph.get("filter") or ""))
    camp = coalitions(graph)
    for node, index in camp.items():
        graph.nodes[node]["coalition"] = index
    path = write_coalition_map(graph, output, title=title)
    drawn = write_figure(graph, figure, title=title) if figure is not None else None
    return DrawnMap(graph=graph, coalitions=camp, path=path, figure=drawn)
