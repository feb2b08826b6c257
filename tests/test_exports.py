"""Projections, GraphML/GEXF/CSV exports and coalitions written back into the store.

The networks come from the small TriG stores of ``test_network.py``; the command-line tests run
the installed ``armskg`` executable on a store of those quads (written to disk with pyoxigraph).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from test_network import EU, JPN, KOR, PRK, RUS, SPOKES, TRANSFER, UKR, USA, joint_statement_store, small_store

from armskg.graph.exports import (
    REGISTER_COLUMNS,
    coalitions_csv,
    export_document,
    network_document,
    register_csv,
    transfer_register,
)
from armskg.graph.network import (
    COALITIONS_GRAPH,
    actor_network,
    coalition_iri,
    coalition_rows,
    coalitions,
    cosignature_graph,
    hostility_graph,
    read_coalitions,
    supply_graph,
    write_coalitions,
)
from armskg.queries.library import load_query
from armskg.queries.run import run_query

ARMSKG = Path(sys.executable).parent / "armskg"

# rdflib's own parsers (used by the SHACL validation) call its deprecated Dataset API; not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    """The actor network of ``test_network.small_store``."""
    return actor_network(small_store())


# --- projections -------------------------------------------------------------------------------


def test_cosignature_graph_holds_the_joint_speakers(network: nx.MultiDiGraph) -> None:
    graph = cosignature_graph(network)
    assert set(graph.nodes) == {USA, KOR, JPN, EU}
    assert graph.number_of_edges() == 6
    assert graph.edges[USA, EU]["weight"] == 1
    assert graph.nodes[USA]["label"] == "United States"


def test_supply_graph_is_directed_with_weapons(network: nx.MultiDiGraph) -> None:
    graph = supply_graph(network)
    assert list(graph.edges) == [(PRK, RUS)]
    edge = graph.edges[PRK, RUS]
    assert (edge["weight"], edge["weapons"], edge["designations"]) == (1, ["ballistic missile"], ["KN-23"])


def test_hostility_graph_keeps_negative_ties_only(network: nx.MultiDiGraph) -> None:
    graph = hostility_graph(network)
    assert graph.edges[RUS, UKR]["relations"] == ["strikes"]
    assert graph.edges[USA, PRK] == graph.edges[USA, PRK] | {"relations": ["condemn"], "weight": 1.0}
    assert graph.edges[SPOKES, RUS]["relations"] == ["warn"]
    assert not graph.has_edge(PRK, RUS)  # the supplier's denial stands with the recipient
    assert not graph.has_edge(SPOKES, USA)


# --- GraphML and GEXF --------------------------------------------------------------------------


def test_graphml_reads_back_with_every_node_and_edge(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "net.graphml"
    path.write_text(network_document(network, "graphml"), encoding="utf-8")
    back = nx.read_graphml(path)
    assert isinstance(back, nx.MultiDiGraph)
    assert set(back.nodes) == set(network.nodes)
    assert back.number_of_edges() == network.number_of_edges()
    assert back.nodes[PRK]["label"] == "North Korea" and back.nodes[PRK]["wikidata"] == "Q423"
    camp = coalitions(network)
    assert back.nodes[PRK]["coalition"] == camp[PRK] + 1 and back.nodes[UKR]["coalition"] == camp[UKR] + 1
    supply = next(d for u, v, d in back.edges(data=True) if (u, v, d["label"]) == (PRK, RUS, "supplies"))
    assert supply["sources"] == "t001; t002" and supply["weapons"] == "ballistic missile"
    assert supply["first"] == "2024-01-10" and supply["weight"] == 1
    ids = [e.get("id") for e in ET.parse(path).getroot().iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids)) == 20  # unique edge ids, which Gephi needs


def test_gexf_reads_back_with_labels(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "net.gexf"
    path.write_text(network_document(network, "gexf"), encoding="utf-8")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == 8 and back.number_of_edges() == 20
    assert back.nodes[RUS]["label"] == "Russia"
    relations = sorted(d["label"] for u, v, d in back.edges(data=True) if (u, v) == (PRK, RUS))
    assert relations == ["deny", "supplies"]


def test_a_projection_exports_with_the_coalitions_of_the_whole_network(tmp_path: Path) -> None:
    store = small_store()
    document = export_document(store, "graphml", projection="hostility")
    path = tmp_path / "h.graphml"
    path.write_text(document, encoding="utf-8")
    back = nx.read_graphml(path)
    camp = coalitions(actor_network(store))
    assert isinstance(back, nx.DiGraph) and back.has_edge(RUS, UKR)
    assert back.nodes[RUS]["coalition"] == camp[RUS] + 1


# --- the transfer register -----------------------------------------------------------------------


def test_transfer_register_row_per_transfer() -> None:
    rows = transfer_register(small_store())
    assert rows == [
        {
            "supplier": "North Korea",
            "supplier_iso3": "PRK",
            "recipient": "Russia",
            "recipient_iso3": "RUS",
            "designation": "KN-23",
            "weapon_category": "ballistic missile",
            "quantity": "",
            "status": "",
            "first_date": "2024-01-10",
            "last_date": "2024-02-29",
            "sources": 2,
            "articles": "t001; t002",
            "urls": "https://example.org/t001; https://example.org/t002",
            "event": TRANSFER,
        }
    ]
    assert transfer_register(small_store(), min_sources=3) == []
    assert len(transfer_register(small_store(), min_confidence=0.9)) == 1
    assert transfer_register(small_store(), min_confidence=0.95) == []
    assert transfer_register(small_store(), weapons=["drone"]) == []
    assert len(transfer_register(small_store(), since="2024-02", until="2024-02")) == 1


def test_register_csv_keeps_formulas_as_text() -> None:
    row = dict.fromkeys(REGISTER_COLUMNS, "") | {"supplier": '=HYPERLINK("x")', "designation": 'KN-23, "Hwasong"'}
    table = list(csv.reader(io.StringIO(register_csv([row]))))
    assert table[0] == list(REGISTER_COLUMNS)
    assert table[1][0] == '\'=HYPERLINK("x")' and table[1][4] == 'KN-23, "Hwasong"'


# --- coalitions as data --------------------------------------------------------------------------


def test_coalition_rows_and_csv(network: nx.MultiDiGraph) -> None:
    rows = coalition_rows(network)
    assert [(r["coalition"], r["label"]) for r in rows if r["coalition"] == 2] == [(2, "North Korea"), (2, "Russia")]
    assert len(rows) == 8
    table = list(csv.DictReader(io.StringIO(coalitions_csv(network))))
    assert {r["label"]: r["coalition"] for r in table}["Ukraine"] == "1"
    assert {r["label"]: r["name"] for r in table}["North Korea"] == "bloc of Russia"  # named as on the map


def test_coalitions_written_back_are_queryable_and_stable(network: nx.MultiDiGraph) -> None:
    store = small_store()
    before = len(store)
    assert write_coalitions(store, network, note="test") == 2
    graph = COALITIONS_GRAPH
    first = set(store.quads_for_pattern(None, None, None, graph))
    assert len(first) == 1 + 2 * 3 + 8
    assert read_coalitions(store) == {n: coalitions(network)[n] + 1 for n in sorted(network.nodes)}
    assert write_coalitions(store, network, note="test") == 2
    assert set(store.quads_for_pattern(None, None, None, graph)) == first  # same input, same graph
    assert len(store) == before + len(first)  # replaced, not added to; the default graph untouched
    result = run_query(store, load_query("coalitions"), {"position": "2"})
    assert [row[1] for row in result.rows] == ["North Korea", "Russia"]
    member = run_query(store, load_query("coalitions"), {"member": "UKR"})
    assert [(str(row[0]), str(row[-1])) for row in member.rows] == [("1", coalition_iri(1))]
    assert [str(row[4]) for row in member.rows] == ["bloc of the United States"]  # the name, as on the map
    # a smaller network later: the old members are gone
    write_coalitions(store, network.subgraph([PRK, RUS]).copy())
    assert set(read_coalitions(store)) == {PRK, RUS}


def test_coalitions_graph_keeps_the_store_valid(network: nx.MultiDiGraph) -> None:
    from armskg.graph.validate import validate_store
    from armskg.ontology import ontology_path

    store = small_store()
    store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    baseline = validate_store(store).violations
    write_coalitions(store, network)
    assert validate_store(store).violations == baseline


# --- the command line ----------------------------------------------------------------------------


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARMSKG_STORE"}
    return subprocess.run(
        [str(ARMSKG), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300, env=env, check=False
    )


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 54-actor joint-statement store of ``test_network.py``, on disk."""
    path = tmp_path_factory.mktemp("cli") / "kg"
    store = ox.Store(str(path))
    store.extend(joint_statement_store())
    store.flush()
    del store
    return path


def test_cli_exports_graphml_gexf_csv_and_coalitions(store_dir: Path, tmp_path: Path) -> None:
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"net.{fmt}"
        result = _run("export", "--store", store_dir, "--format", fmt, "-o", out, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert back.number_of_nodes() == 54
    result = _run("export", "--store", store_dir, "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["supplier_iso3"], r["recipient_iso3"], r["weapon_category"]) for r in rows] == [
        ("PRK", "RUS", "ballistic missile")
    ]
    result = _run("export", "--store", store_dir, "--format", "coalitions", cwd=tmp_path)
    camps = {r["iso3"]: r["coalition"] for r in csv.DictReader(io.StringIO(result.stdout)) if r["iso3"]}
    assert camps["UKR"] == camps["USA"] == camps["ARG"] == "1" and camps["PRK"] == camps["RUS"] == "2"
    result = _run("export", "--store", store_dir, "--format", "gexf", "--projection", "supply", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.count("<edge ") == 1, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "csv", "--weapon", "lasers"), "armskg: --weapon: unknown weapon category 'lasers'"),
        (("--format", "gexf", "--from", "2024-13"), "armskg: --from: '2024-13' is not a date"),
        (("--format", "turtle", "--min-sources", "2"), "armskg: --projection, --from, --to, --weapon, --min-sources"),
        (("--format", "nquads", "--min-confidence", "0.8"), "armskg: --projection, --from, --to, --weapon, --min-s"),
        (("--format", "csv", "--min-confidence", "80"), "armskg: --min-confidence: 80.0 is not a number from 0 to 1"),
        (("--format", "csv", "--projection", "supply"), "armskg: --projection applies to --format graphml or gexf"),
    ],
)
def test_cli_export_mistakes_are_one_line(store_dir: Path, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = _run("export", "--store", store_dir, *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith(message) and len(result.stderr.strip().splitlines()) == 1


def test_cli_map_with_filters_figure_and_saved_coalitions(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    kg = ox.Store(str(store))
    kg.extend(small_store())
    kg.flush()
    del kg
    result = _run(
        "map", "--store", store, "-o", tmp_path / "m.html", "--to", "2024-01", "--figure", tmp_path / "m.svg",
        "--save-coalitions", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "(7 actors, 1 joint statement, 8 links)" in result.stdout  # January: no warning, no denial, no spokesperson
    assert "saved 2 coalitions" in result.stdout
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "filter: until 2024-01-31" in page
    assert (tmp_path / "m.svg").read_text(encoding="utf-8").startswith("<?xml")
    result = _run("query", "coalitions", "--store", store, "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1 + 7
    result = _run("map", "--store", store, "-o", tmp_path / "sure.html", "--min-confidence", "0.85", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "confidence at least 0.85" in (tmp_path / "sure.html").read_text(encoding="utf-8")
    sure = _run("query", "transfers", "--store", store, "--min-confidence", "0.85", "--format", "csv", cwd=tmp_path)
    assert sure.returncode == 0 and len(sure.stdout.strip().splitlines()) == 2, sure.stderr
    none = _run("query", "transfers", "--store", store, "--min-confidence", "0.95", "--format", "csv", cwd=tmp_path)
    assert none.returncode == 0 and len(none.stdout.strip().splitlines()) == 1, none.stderr  # the header alone
    actors = _run("query", "actors", "--store", store, "--min-confidence", "0.5", cwd=tmp_path)
    assert actors.returncode == 2 and "name no transfer, strike or statement" in actors.stderr
    for args, message in (
        (("--figure", tmp_path / "m.gif"), "armskg: --figure"),
        (("--min-sources", "0"), "armskg: --min-sources: 0 is not a whole number of at least 1"),
    ):
        result = _run("map", "--store", store, "-o", tmp_path / "x.html", *args, cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1
