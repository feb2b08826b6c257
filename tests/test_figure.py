"""The static figure (matplotlib): written as PNG, SVG or PDF, the same for the same network, text kept as text,
every node named without overlap, a caption with period, filter and sources."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from browser import png_box, png_colours, png_rows
from matplotlib.collections import PathCollection
from test_map_statements import ingest_samples
from test_network import PRK, RUS, small_store

from armskg.graph.network import actor_network, coalitions, drawn_network
from armskg.graph.render import (
    coalition_table,
    components,
    draw_figure,
    figure_layout,
    pack_components,
    seed_layout,
    write_figure,
)
from armskg.graph.render.figure_labels import boxes_overlap, text_boxes


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
    one, two = (row["colour"] for row in coalition_table(network)[:2])
    assert colours[one] > 80 and colours[two] > 80  # the markers, far more than the legend's dots
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
    assert figure.get_suptitle() == "A $title$ with \\ and $"
    assert figure.get_supxlabel().startswith("Period: 2024 · filter: none · 2 sources · 9 actors, 1 joint statement")
    drawn = axes.get_legend()
    assert drawn is not None
    legend = [t.get_text() for t in drawn.get_texts()]
    assert any(t.startswith("2. bloc of Russia (2): ") and r"North $\frac{1}{0}$ Korea" in t for t in legend)
    assert "condemns (2)" in legend and "joint statement" in legend
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


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding every bundled sample article."""
    return ingest_samples(tmp_path_factory.mktemp("samples") / "kg")


@pytest.fixture(scope="module")
def sample_graph(samples_store: Path) -> nx.MultiDiGraph:
    """The actor network of the bundled sample articles (``armskg demo``'s)."""
    from armskg.graph.store import open_store

    return actor_network(open_store(samples_store, read_only=True))


def test_every_node_is_named_once_and_no_two_labels_overlap(sample_graph: nx.MultiDiGraph) -> None:
    figure = draw_figure(sample_graph, title="Samples")
    figure.canvas.draw()
    axes = figure.axes[0]
    labels = [t for t in axes.texts if t.get_text()]
    view = drawn_network(sample_graph)
    names = {" ".join(str(d.get("label") or n).split()) for n, d in view.nodes(data=True)}
    keyed = [t.get_text() for t in figure.texts if t.get_text().startswith("Numbered nodes:")]
    named = {t.get_text() for t in labels}
    numbers = {t for t in named if t.isdigit()}
    assert named - numbers <= names
    missing = names - named
    assert not missing or all(m in keyed[0] for m in missing)  # a name that did not fit is in the key
    assert all(f"{n} " in keyed[0] for n in numbers)  # and its number leads its line there
    assert len(labels) == view.number_of_nodes()  # one label (a name or a number) per node
    boxes = text_boxes(figure, labels)
    assert boxes_overlap(boxes) == [], [(labels[i].get_text(), labels[j].get_text()) for i, j in boxes_overlap(boxes)]
    # nothing cut: every label, the legend, the title and the caption lie inside the figure
    legend = axes.get_legend()
    assert legend is not None
    inside = figure.bbox
    texts = [*labels, *legend.get_texts(), *figure.texts]
    for text, box in zip(texts, text_boxes(figure, texts), strict=True):
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1, text
    # the drawing fills the canvas: nodes reach every side of the plotting area
    markers = [c for c in axes.collections if isinstance(c, PathCollection)]
    points = np.concatenate([np.asarray(c.get_offsets(), dtype=float).reshape(-1, 2) for c in markers])
    low, high = points.min(axis=0), points.max(axis=0)
    assert (low < 0.05).all() and (high > 0.95).all(), (low, high)


def test_vector_figures_hold_the_caption_as_text(
    sample_graph: nx.MultiDiGraph, samples_store: Path, tmp_path: Path
) -> None:
    from armskg.graph.store import open_store

    svg = write_figure(sample_graph, tmp_path / "f.svg", title="Samples")
    root = ET.parse(svg).getroot()  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = "".join(root.itertext())
    assert "Period: 2021-05-24 – 2024-11-18 · filter: none · 8 sources · " in text
    assert f"{sample_graph.number_of_nodes()} actors, 5 joint statements" in text  # the sample's actors, however many
    assert "bloc of the United States" in text and "Liechtenstein" in text
    pdf = write_figure(sample_graph, tmp_path / "f.pdf", title="Samples").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and b"/FontFile2" in pdf  # fonts embedded
    assert (
        write_figure(sample_graph, tmp_path / "f.png", title="Samples", dpi=60).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    )
    filtered = actor_network(open_store(samples_store, read_only=True), weapons=["ballistic missile"])
    assert draw_figure(filtered).get_supxlabel().split(" · ")[1] == "filter: ballistic missile"


def test_names_that_do_not_fit_become_numbers_with_a_key() -> None:
    graph = nx.MultiDiGraph()
    for n in range(30):
        graph.add_node(f"n{n}", label=f"The Very Long Official Name of Actor Number {n}", kind="state")
        graph.add_edge(f"n{n}", f"n{(n + 1) % 30}", key="supplies", relation="supplies", count=1)
    figure = draw_figure(graph, size=(7.0, 4.0))
    labels = [t for t in figure.axes[0].texts if t.get_text()]
    key = [t.get_text() for t in figure.texts if t.get_text().startswith("Numbered nodes:")]
    assert key and "1 The Very Long Official Name of Actor Number" in key[0]
    assert any(t.get_text() == "1" for t in labels)
    assert boxes_overlap(text_boxes(figure, labels)) == []
