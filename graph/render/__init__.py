"""Drawing the actor network: the HTML coalition map, the static figure, and what they share.

- :mod:`.coalition_map`: one self-contained, offline HTML page (vis-network); its own script
  and style are package data in ``assets/`` (``status.js``, ``map.js``, ``map.css``);
- :mod:`.legend` (the side panel, :func:`coalition_table`), :mod:`.titles` (tooltips and the
  details panel), :mod:`.styles` (colours, shapes, line styles);
- :mod:`.figure` with :mod:`.figure_labels`: the same network as a PNG, SVG or PDF for papers;
- :mod:`.layout`: starting positions with coalitions apart, and the figure's layout;
- :mod:`.maps`: :func:`write_maps`, a store's map and figure in one call (``armskg map``).

The network itself comes from :mod:`armskg.graph.network`.
"""

from __future__ import annotations

from .coalition_map import NotebookMap, coalition_map_html, notebook_map, stabilisation_iterations, write_coalition_map
from .figure import FIGURE_FORMATS, MAX_LABELS, caption, draw_figure, drawn_summary, write_figure
from .layout import components, figure_layout, pack_components, seed_layout
from .legend import coalition_table
from .maps import DrawnMap, NothingToMapError, write_maps
from .styles import COALITION_COLOURS, KIND_SHAPES, RELATION_STYLES, STATEMENT_STYLE, RelationStyle
from .titles import statement_title

__all__ = [
    "COALITION_COLOURS",
    "FIGURE_FORMATS",
    "KIND_SHAPES",
    "MAX_LABELS",
    "RELATION_STYLES",
    "STATEMENT_STYLE",
    "DrawnMap",
    "NotebookMap",
    "NothingToMapError",
    "RelationStyle",
    "caption",
    "coalition_map_html",
    "coalition_table",
    "components",
    "draw_figure",
    "drawn_summary",
    "figure_layout",
    "notebook_map",
    "pack_components",
    "seed_layout",
    "stabilisation_iterations",
    "statement_title",
    "write_coalition_map",
    "write_figure",
    "write_maps",
]
