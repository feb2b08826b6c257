"""Labels for the static figure: every node named, no two labels overlapping, none cut at the edge.

:func:`place_labels` asks `textalloc <https://pypi.org/project/textalloc/>`_ (a maintained
label-placement library) for a spot near each node that overlaps no other label, no node marker
and stays inside the axes, the most involved nodes first. A node whose name finds no such spot is
given a number instead, placed the same way (with the names already placed as obstacles), and
the figure lists the numbers in a key (:func:`key_text`). A number that still finds no spot is
left in the key with the node's position unmarked: a label is never drawn over another.

:func:`text_boxes` reads the drawn labels back from matplotlib (their window extents), which is
how the tests check that no two overlap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import textalloc
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["PlacedLabels", "boxes_overlap", "key_text", "place_labels", "text_boxes"]

_LEADER = "#999999"


@dataclass(frozen=True)
class PlacedLabels:
    """What :func:`place_labels` drew: ``named`` (node → its label's text artist) and ``numbered``
    (``(number, node, label)`` for the nodes named in the key, with their number artist or ``None``)."""

    named: Mapping[str, Text]
    numbered: Sequence[tuple[int, str, str, Text | None]]


def _allocate(
    axes: Axes,
    nodes: Sequence[str],
    texts: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    obstacles: Sequence[tuple[float, float]],
    fontsize: float,
    boxes: Sequence[Bbox],
) -> dict[str, Text]:
    """Place ``texts`` beside ``nodes`` without overlap; return the artists of those placed."""
    if not nodes:
        return {}
    xs = [positions[n][0] for n in nodes]
    ys = [positions[n][1] for n in nodes]
    inverse = axes.transData.inverted()
    outlines: dict[str, Any] = {"x_lines": [], "y_lines": []}
    for box in boxes:  # labels already placed: their outlines, in data coordinates, as obstacles
        corners = inverse.transform([(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)])
        outlines["x_lines"].append([float(v) for v in np.append(corners[:, 0], corners[0, 0])])
        outlines["y_lines"].append([float(v) for v in np.append(corners[:, 1], corners[0, 1])])
    _, _, drawn, _ = textalloc.allocate(
        axes,
        xs,
        ys,
        list(texts),
        x_scatter=[p[0] for p in obstacles],
        y_scatter=[p[1] for p in obstacles],
        textsize=fontsize,
        margin=0.004,
        min_distance=0.006,
        max_distance=0.09,
        nbr_candidates=400,
        draw_all=False,
        draw_lines=True,
        linecolor=_LEADER,
        linewidth=0.4,
        zorder=4,
        parse_math=False,
        bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
        **(outlines if boxes else {}),
    )
    return {node: artist for node, artist in zip(nodes, drawn, strict=True) if isinstance(artist, Text)}


def text_boxes(figure: Figure, artists: Sequence[Text]) -> list[Bbox]:
    """The window extents of drawn text artists (pixels), as the renderer lays them out."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas
    return [artist.get_window_extent(renderer=renderer) for artist in artists]


def boxes_overlap(boxes: Sequence[Bbox]) -> list[tuple[int, int]]:
    """The pairs of boxes (indices) that overlap by more than a hair (0.5 pixel).

    >>> boxes_overlap([Bbox([[0, 0], [10, 10]]), Bbox([[10, 0], [20, 10]]), Bbox([[5, 5], [8, 8]])])
    [(0, 2)]
    """
    found = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5:
                found.append((i, j))
    return found


def place_labels(
    axes: Axes,
    positions: Mapping[str, tuple[float, float]],
    labels: Mapping[str, str],
    order: Sequence[str],
    *,
    fontsize: float,
) -> PlacedLabels:
    """Name every node of ``order`` (most important first) beside it, or by a number for the key.

    ``positions`` are data coordinates; the axes' limits must be set already (labels stay inside).
    """
    figure = axes.get_figure()
    assert isinstance(figure, Figure)
    obstacles = [positions[n] for n in order]
    named = _allocate(axes, order, [labels[n] for n in order], positions, obstacles, fontsize, [])
    missing = [n for n in order if n not in named]
    numbered: list[tuple[int, str, str, Text | None]] = []
    if missing:
        placed = text_boxes(figure, list(named.values()))
        inverse = axes.transData.inverted()
        inside = [  # points spread over the names placed, so that no number lands within one
            tuple(inverse.transform((box.x0 + fx * box.width, box.y0 + fy * box.height)))
            for box in placed
            for fx in (0.0, 0.25, 0.5, 0.75, 1.0)
            for fy in (0.0, 0.5, 1.0)
        ]
        numbers = [str(i) for i in range(1, len(missing) + 1)]
        marks = _allocate(axes, missing, numbers, positions, [*obstacles, *inside], fontsize, placed)
        for node in list(marks):  # a number that would still touch a name or a number is not drawn
            rest = [*placed, *text_boxes(figure, [m for other, m in marks.items() if other != node])]
            if any(i == 0 for i, _ in boxes_overlap([*text_boxes(figure, [marks[node]]), *rest])):
                marks.pop(node).remove()
        numbered = [(i, n, labels[n], marks.get(n)) for i, n in enumerate(missing, start=1)]
    return PlacedLabels(named, numbered)


def key_text(numbered: Sequence[tuple[int, str, str, Text | None]], per_line: int = 4) -> str:
    """The key of the numbered nodes, a few per line.

    >>> print(key_text([(1, "a", "Andorra", None), (2, "b", "Belgium", None)], per_line=1))
    1 Andorra
    2 Belgium
    """
    items = [f"{number} {label}" for number, _, label, _ in numbered]
    return "\n".join("   ".join(items[i : i + per_line]) for i in range(0, len(items), per_line))
