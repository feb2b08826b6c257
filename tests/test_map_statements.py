"""The map draws joint statements as nodes, names its coalitions the same way everywhere, and explains them.

- A joint statement is one node linked once to each signatory (no clique of ``co_signs`` links),
  checked in a real headless Chromium and on the bundled sample articles.
- A coalition is named after its most central member, with a colour that follows the name, so a
  bloc keeps its name and colour when a filter leaves it in place; the command line, the map's
  legend and the store say the same.
- A click on an actor shows the signed ties that put it in its coalition (in Chromium).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from browser import dump_dom, root_dataset
from test_coalition_map import _with_probe
from test_network import EU, JOINT_SIGNATORIES, PRK, RUS, joint_statement_store, small_store

from armskg.graph.network import (
    PALETTE,
    actor_network,
    coalition_colour,
    coalitions,
    drawn_network,
    name_coalitions,
    signed_ties,
)
from armskg.graph.render import coalition_table, write_coalition_map
from armskg.ontology import actor_iri

_STATEMENT_PROBE = """(function () {
  var root = document.documentElement;
  var wait = setInterval(function () {
    if (root.dataset.state !== "stabilised") { return; }
    clearInterval(wait);
    var map = window.armskgMap;
    var statements = map.nodes.get({filter: function (n) { return n.kind === "statement"; }});
    root.dataset.statements = statements.map(function (n) {
      var edges = map.network.getConnectedEdges(n.id).map(function (id) { return map.edges.get(id); });
      var signs = edges.filter(function (e) { return e.relation === "signs" && e.to === n.id; });
      var drawn = map.network.getPositions([n.id])[n.id];
      return signs.length + "/" + (edges.length - signs.length) + "/" + n.shape + "/" + (drawn ? "drawn" : "-");
    }).sort().join(" ");
    root.dataset.cosigns = String(map.edges.get({filter: function (e) { return e.relation === "co_signs"; }}).length);
    root.dataset.label = statements.map(function (n) { return n.label; }).sort().join(" | ");
  }, 100);
})();"""


def test_a_joint_statement_draws_as_one_node_with_a_link_per_signatory_in_chromium(tmp_path: Path) -> None:
    graph = actor_network(joint_statement_store())
    assert graph.number_of_edges() > 1300  # the co-signature clique is still there, for the coalitions
    path = write_coalition_map(graph, tmp_path / "joint.html")
    path.write_text(_with_probe(path.read_text(encoding="utf-8"), _STATEMENT_PROBE), encoding="utf-8")
    seen = root_dataset(dump_dom(path).stdout)
    assert seen["state"] == "stabilised" and seen["jsErrors"] == "0", seen
    # 48 states and the EU sign once each; the statement condemns the transfer's and the strikes'
    # parties (PRK, RUS, UKR) once each. The two officials' statement: 2 signatures, 3 parties.
    assert seen["statements"] == "2/3/hexagon/drawn 49/3/hexagon/drawn", seen
    assert seen["cosigns"] == "0"
    assert int(seen["edges"]) == 61 < 100, seen
    assert "condemnation, undated: European Union +48" in seen["label"], seen


def test_statement_view_keeps_what_a_speaker_said_alone() -> None:
    graph = actor_network(small_store())
    view = drawn_network(graph)
    usa = actor_iri("state:USA")
    statement = next(n for n, d in view.nodes(data=True) if d.get("kind") == "statement")
    signed = sorted([usa, actor_iri("state:KOR"), actor_iri("state:JPN"), EU])
    assert sorted(view.nodes[statement]["signatories"]) == signed
    assert sorted(v for _, v in view.out_edges(statement)) == [PRK, RUS]
    assert not view.has_edge(usa, PRK)  # the US only condemned it jointly
    assert graph.has_edge(usa, PRK, "condemn")  # which still counts for the coalitions
    assert view.has_edge(actor_iri("person:robinvale"), PRK, "warn")  # a statement made alone stays
    sub = drawn_network(graph.subgraph([n for n in graph if n != EU]))  # a statement keeps the signatories shown
    assert sorted(sub.nodes[statement]["signatories"]) == sorted([usa, actor_iri("state:KOR"), actor_iri("state:JPN")])


def ingest_samples(folder: Path) -> Path:
    """A store folder holding every bundled sample article (what ``armskg demo`` ingests), closed again."""
    from armskg.graph.ingest import IngestOptions, ingest
    from armskg.graph.store import open_store
    from armskg.loaders.readers import read_articles

    root = Path(str(resources.files("armskg.samples")))
    store = open_store(folder)
    samples = read_articles(sorted(p for p in root.iterdir() if p.suffix in (".txt", ".jsonl")))
    assert ingest(store, samples, IngestOptions(writer="transactional")).ok
    del store
    return folder


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding every bundled sample article."""
    return ingest_samples(tmp_path_factory.mktemp("samples") / "kg")


def _armskg(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "armskg", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_the_sample_map_has_a_hundred_links_not_thirteen_hundred(samples_store: Path, tmp_path: Path) -> None:
    from armskg.graph.store import open_store

    graph = actor_network(open_store(samples_store, read_only=True))
    view = drawn_network(graph)
    assert graph.number_of_edges() > 1300
    assert view.number_of_edges() < 150
    relations = [d["relation"] for *_, d in view.edges(data=True)]
    assert "co_signs" not in relations and relations.count("signs") == 57  # 49 + 2 + 2 + 2 + 2 signatures
    statements = [d for _, d in view.nodes(data=True) if d.get("kind") == "statement"]
    big = next(d for d in statements if len(d["signatories"]) == 49)
    assert len(big["statements"]) == 5  # condemns, is concerned, warns, calls on and supports: one communiqué
    assert big["label"].startswith("condemnation, concern…, 2024-01-10: European Union +48")


def test_blocs_keep_their_name_and_colour_under_a_filter(samples_store: Path, tmp_path: Path) -> None:
    from armskg.graph.store import open_store

    store = open_store(samples_store, read_only=True)
    everything = coalition_table(actor_network(store))
    missiles = coalition_table(actor_network(store, weapons=["ballistic missile"]))
    del store
    assert [(r["name"], r["colour"]) for r in everything] == [
        ("bloc of the United States", coalition_colour("bloc of the United States")),
        ("bloc of Russia", coalition_colour("bloc of Russia")),
    ]
    assert [(r["name"], r["colour"]) for r in missiles] == [(r["name"], r["colour"]) for r in everything]
    assert len(missiles[0]["members"]) < len(everything[0]["members"])  # the filter did leave actors out
    # the command line says the same, with and without the filter, and so does the map's legend
    for extra in ((), ("--weapon", "ballistic missile")):
        result = _armskg("export", "--store", samples_store, "--format", "coalitions", *extra)
        assert result.returncode == 0, result.stderr
        rows = {r["iso3"]: (r["coalition"], r["name"]) for r in csv.DictReader(io.StringIO(result.stdout))}
        assert rows["USA"] == ("1", "bloc of the United States") and rows["RUS"] == ("2", "bloc of Russia")
        page = tmp_path / "map.html"
        result = _armskg("map", "--store", samples_store, "-o", page, *extra)
        assert result.returncode == 0, result.stderr
        legend = re.findall(r'background:(#[0-9a-f]{6})"></span><b>(\d)\. ([^<]+)</b>', page.read_text())
        assert legend == [(r["colour"], str(r["coalition"]), r["name"]) for r in everything]


def test_names_are_unique_and_colours_distinct_within_a_map() -> None:
    graph = nx.MultiDiGraph()
    for n in range(len(PALETTE) + 2):
        graph.add_node(f"n{n}", label="Same" if n < 2 else f"Actor {n}", kind="state")
    named = name_coalitions(graph, {f"n{n}": n for n in range(len(PALETTE) + 2)})
    assert [c.name for c in named][:2] == ["bloc of Same", "bloc of Same (2)"]
    assert len({c.colour for c in named[: len(PALETTE)]}) == len(PALETTE)


_TIES_PROBE = """(function () {
  var root = document.documentElement;
  var wait = setInterval(function () {
    if (root.dataset.state !== "stabilised") { return; }
    clearInterval(wait);
    window.armskgMap.describe("node", %s);
    var panel = document.getElementById("armskg-details");
    root.dataset.panel = panel.innerText;
    root.dataset.items = String(panel.querySelectorAll("ul.ties li").length);
  }, 100);
})();"""


def test_the_panel_shows_the_ties_that_put_an_actor_in_its_coalition_in_chromium(tmp_path: Path) -> None:
    graph = actor_network(small_store())
    allies, rivals = signed_ties(graph, RUS, coalitions(graph))
    assert [(t.label, t.weight) for t in allies] == [("North Korea", 2.0)] and len(rivals) == 6
    path = write_coalition_map(graph, tmp_path / "map.html")
    path.write_text(_with_probe(path.read_text(encoding="utf-8"), _TIES_PROBE % f'"{RUS}"'), encoding="utf-8")
    seen = root_dataset(dump_dom(path).stdout)
    assert seen["jsErrors"] == "0", seen
    panel = seen["panel"]
    assert "bloc of Russia (coalition 2)" in panel
    assert "Why in the bloc of Russia: ties +2 within it, -6 with other blocs" in panel
    assert "stands with (1):\nNorth Korea +2 · ← deny (recipient) ×1, ← supplies ×1 · same bloc" in panel, panel
    assert "stands against (6):" in panel
    assert "Ukraine -1 · → strikes ×1 · bloc of the United States" in panel, panel
    assert "United States -1 · ← condemn (recipient) ×1 · bloc of the United States" in panel, panel
    assert seen["items"] == "7"


def test_signatories_count_once_each_in_the_joint_statement_store() -> None:
    graph = actor_network(joint_statement_store())
    view = drawn_network(graph)
    statement = max(
        (n for n, d in view.nodes(data=True) if d.get("kind") == "statement"), key=lambda n: view.in_degree(n)
    )
    signers = sorted(u for u, _ in view.in_edges(statement))
    assert signers == sorted([actor_iri("state:" + c) for c in JOINT_SIGNATORIES] + [EU])


def test_a_map_of_nothing_says_so_in_one_line_and_writes_nothing(samples_store: Path, tmp_path: Path) -> None:
    from armskg.graph.store import open_store

    empty = tmp_path / "empty"
    store = open_store(empty)  # a store, with nothing ingested
    del store
    page, figure = tmp_path / "map.html", tmp_path / "map.png"
    result = _armskg("map", "--store", empty, "-o", page, "--figure", figure)
    assert result.returncode == 1
    assert result.stderr == (
        f"armskg: nothing to map: {empty} holds no transfers, strikes or statements (ingest articles first); "
        "no file written\n"
    )
    result = _armskg("map", "--store", samples_store, "-o", page, "--from", "2030", "--weapon", "drone")
    assert result.returncode == 1
    assert result.stderr == (
        f"armskg: nothing to map: no transfer, strike or statement in {samples_store} matches the filter "
        "(from 2030-01-01 · drone); no file written\n"
    )
    assert not page.exists() and not figure.exists()
    assert result.stdout == "" and "Traceback" not in result.stderr
