"""The static figure (matplotlib): written as PNG, SVG or PDF, the same for the same network, text kept as text."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from browser import png_box, png_colours, png_rows
from test_network import PRK, RUS, small_store

from armskg.graph.coalition_map import COALITION_COLOURS
from armskg.graph.figure import draw_figure, write_figure
from armskg.graph.layout import components, figure_layout, pack_components, seed_layout
from armskg.graph.network import actor_network, coalitions


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    """The actor network of ``test_network.small_store``, plus an actor with no link."""
    graph = actor_network(small_store())
    graph.add_node("https://w3id.org/armskg/actor/person/loner", label="A Loner", kind="person")
    return graph


def test_png_shows_the_coalitions_and_is_the_same_each_time(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    first = write_figure(network, tmp_path / "a.png", title="Test figure", dpi=80).read_bytes()
    second = write_figure(network, tmp_path / "b.png", title="Test figure", dpi=80).read_bytes()
    assert first == second
    width, height, _ = png_rows(first)
    assert (width, height) == (960, 640)
    colours = png_colours(first)
    assert colours[COALITION_COLOURS[0]] > 200 and colours[COALITION_COLOURS[1]] > 100
    assert colours["#ffffff"] < 0.99 * width * height
    box = png_box(first)
    assert box is not None and box[2] - box[0] > width / 2 and box[3] - box[1] > height / 2


def test_every_format_by_suffix(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert write_figure(network, tmp_path / "f.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert write_figure(network, tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(ValueError, match=r"f\.gif: a figure is written as \.png, \.svg, \.pdf, not \.gif"):
        write_figure(network, tmp_path / "f.gif")


def test_labels_title_and_legend_are_plain_text(network: nx.MultiDiGraph) -> None:
    odd = network.copy()
    odd.nodes[PRK]["label"] = r"North $\frac{1}{0}$ Korea <script>"
    figure = draw_figure(odd, title="A $title$ with \\ and $", period="2024")
    axes = figure.axes[0]
    texts = [t.get_text() for t in axes.texts]
    assert r"North $\frac{1}{0}$ Korea <script>" in texts
    assert axes.get_title(loc="left").startswith("A $title$ with \\ and $\n2024 · 9 actors · 20 links")
    drawn = axes.get_legend()
    assert drawn is not None
    legend = [t.get_text() for t in drawn.get_texts()]
    assert any(t.startswith("Coalition 2 (2): ") and r"North $\frac{1}{0}$ Korea" in t for t in legend)
    assert "condemns (8)" in legend
    figure.canvas.draw()  # mathtext would fail on these; plain text draws


def test_layout_keeps_components_together_and_camps_apart(network: nx.MultiDiGraph) -> None:
    camp = coalitions(network)
    positions = figure_layout(network, camp)
    assert figure_layout(network, camp) == positions
    loner = "https://w3id.org/armskg/actor/person/loner"
    main = [p for n, p in positions.items() if n != loner]
    # the loner is packed under the main component, not flung away
    assert positions[loner][1] > max(y for _, y in main)
    assert min(x for x, _ in main) <= positions[loner][0] <= max(x for x, _ in main)
    seeded = seed_layout(network, camp)
    centre = [sum(seeded[n][i] for n in (PRK, RUS)) / 2 for i in (0, 1)]
    assert all(abs(seeded[n][0] - centre[0]) + abs(seeded[n][1] - centre[1]) < 200 for n in (PRK, RUS))
    assert components(network)[loner] == 1
    assert pack_components({"a": (0.0, 0.0)}, {"a": 0}, 10) == {"a": (0.0, 0.0)}


def test_empty_network_draws_a_note(tmp_path: Path) -> None:
    data = write_figure(nx.MultiDiGraph(), tmp_path / "empty.png", dpi=50).read_bytes()
    assert png_box(data) is not None
    assert [t.get_text() for t in draw_figure(nx.MultiDiGraph()).axes[0].texts] == ["no actors"]
