"""Tests of the coalition map: a self-contained page that draws offline and keeps hostile text inert.

The browser tests open the written page in a real headless Chromium (see ``browser.py``) in which
every host name fails to resolve, and read what the page reports on its ``<html>`` element.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from browser import dump_dom, png_box, png_colours, root_dataset, screenshot
from test_network import PRK, RUS, TRANSFER, UKR, joint_statement_store, small_store

from armskg.graph.network import actor_network, coalition_colour, coalitions, drawn_network
from armskg.graph.render import coalition_table, notebook_map, write_coalition_map
from armskg.ontology import actor_iri, article_iri, event_iri

SCRIPT_ATTACK = "<script>window.__pwned=1</script>"
IMG_ATTACK = '<img src=x onerror="window.__pwned=1">'
HOSTILE_TITLE = "Map <script>window.__pwned=1</script> & co"


@pytest.fixture(scope="module")
def small_network() -> nx.MultiDiGraph:
    """The actor network of ``test_network.small_store``: 8 actors, 20 edges, 2 coalitions."""
    return actor_network(small_store())


@pytest.fixture(scope="module")
def hostile_network() -> nx.MultiDiGraph:
    """The same network with markup in actor labels and in the evidence sentences."""
    labels = {PRK: f"North {IMG_ATTACK} Korea", RUS: f"Russia {SCRIPT_ATTACK}", UKR: "Ukraine \" ' </script> &amp;"}
    evidence = {TRANSFER: [(article_iri("t001"), 1, f"Shipped {IMG_ATTACK} {SCRIPT_ATTACK} by rail.", 0.9)]}
    return actor_network(small_store(labels=labels, evidence=evidence))


class _Markup(HTMLParser):
    """Collects tag names, attributes, and the text of ``<h1>`` and the legend."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.h1 = ""
        self.legend = ""
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "h1" or attributes.get("id") == "armskg-legend":
            self._open.append(tag if tag == "h1" else "legend")
        elif self._open and tag not in ("br", "img", "meta"):
            self._open.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if "h1" in self._open:
            self.h1 += data
        if "legend" in self._open:
            self.legend += data


def _markup(page: str) -> _Markup:
    parser = _Markup()
    parser.feed(page)
    return parser


def _with_probe(page: str, probe: str, *, keep_policy: bool = True) -> str:
    """The page with a test probe script before ``</body>``, allowed by the CSP or with the CSP removed."""
    if keep_policy:
        digest = base64.b64encode(hashlib.sha256(probe.encode()).digest()).decode()
        page = page.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    else:
        page, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        assert removed == 1
    head, tail, rest = page.rpartition("</body>")
    return f"{head}<script>{probe}</script>{tail}{rest}"


# Records window.__pwned, then hovers the first node so vis-network shows its tooltip, and reports it.
_PROBE = """(function () {
  var root = document.documentElement;
  setInterval(function () { root.dataset.pwned = String(window.__pwned); }, 200);
  var wait = setInterval(function () {
    if (root.dataset.state !== "stabilised") { return; }
    clearInterval(wait);
    var network = window.armskgNetwork, id = %s;
    var at = network.canvasToDOM(network.getPositions([id])[id]);
    var canvas = document.querySelector("#armskg-network canvas");
    var box = canvas.getBoundingClientRect();
    var move = {clientX: box.left + at.x, clientY: box.top + at.y, bubbles: true};
    canvas.dispatchEvent(new MouseEvent("mousemove", move));
    setTimeout(function () {
      var tip = document.querySelector(".vis-tooltip");
      root.dataset.tooltip = tip ? tip.innerText : "(none)";
      root.dataset.tooltipElements = tip ? String(tip.querySelectorAll(":not(br)").length) : "-1";
    }, 1500);
  }, 100);
})();"""


def test_page_is_self_contained(tmp_path: Path, small_network: nx.MultiDiGraph) -> None:
    path = tmp_path / "maps" / "map.html"
    assert write_coalition_map(small_network, path, title="Test map", period="2024-01 – 2024-06") == path
    page = path.read_text(encoding="utf-8")
    markup = _markup(page)
    for tag, attributes in markup.tags:
        assert not {"src", "href", "srcset", "action", "poster", "data"} & set(attributes), (tag, attributes)
        assert not any(re.search(r"https?:|//", v) for k, v in attributes.items() if k != "content"), (tag, attributes)
        assert tag not in ("link", "iframe", "object", "embed", "img", "base", "form")
    without_scripts = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    assert "http" not in without_scripts.replace("http-equiv", "")
    policy = next(a["content"] for _, a in markup.tags if a.get("http-equiv") == "Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert re.fullmatch(r"('sha256-[A-Za-z0-9+/=]{44}' ?){3}", directives["script-src"])  # the page's 3 scripts only
    import pyvis

    vis_js = (Path(pyvis.__file__).parent / "templates/lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert f"<script>{vis_js}</script>" in page  # inlined as shipped
    assert markup.h1 == "Test map" and "2024-01 – 2024-06" in page
    assert "1. bloc of the United States" in markup.legend and "2. bloc of Russia" in markup.legend
    assert "North Korea" in markup.legend and "condemns" in markup.legend and "joint statement (1)" in markup.legend


def test_coalition_table_and_given_coalitions(small_network: nx.MultiDiGraph) -> None:
    table = coalition_table(small_network)
    assert [(row["coalition"], row["name"], row["size"]) for row in table] == [
        (1, "bloc of the United States", 6),
        (2, "bloc of Russia", 2),
    ]
    assert table[1]["members"] == ["Russia", "North Korea"]  # most central first
    assert table[0]["kinds"] == {"organization": 1, "person": 1, "state": 4}
    assert [row["colour"] for row in table] == [coalition_colour(row["name"]) for row in table]
    given = small_network.copy()
    nx.set_node_attributes(given, 0, "coalition")  # every node has one: the map keeps them
    assert [row["size"] for row in coalition_table(given)] == [8]


def test_map_draws_offline_in_chromium(tmp_path: Path, small_network: nx.MultiDiGraph) -> None:
    path = write_coalition_map(small_network, tmp_path / "map.html", period="2024")
    run = dump_dom(path)
    seen = root_dataset(run.stdout)
    assert seen["state"] == "stabilised", seen
    assert (seen["nodes"], seen["edges"]) == ("9", "12")  # 8 actors and the joint statement
    assert (seen["jsErrors"], seen["resourceErrors"], seen["cspViolations"]) == ("0", "0", "0"), seen
    assert seen["resources"] == "0"  # nothing fetched, not even from file:
    assert "<canvas" in run.stdout


def test_large_joint_statement_map_stabilises(tmp_path: Path) -> None:
    graph = actor_network(joint_statement_store())
    path = write_coalition_map(graph, tmp_path / "joint.html", title="Joint statement")
    seen = root_dataset(dump_dom(path).stdout)
    assert seen["state"] == "stabilised", seen
    view = drawn_network(graph)
    assert (seen["nodes"], seen["edges"]) == (str(view.number_of_nodes()), str(view.number_of_edges()))
    assert (seen["jsErrors"], seen["resourceErrors"], seen["cspViolations"], seen["resources"]) == ("0",) * 4


def test_empty_network_gives_an_empty_working_page(tmp_path: Path) -> None:
    path = write_coalition_map(nx.MultiDiGraph(), tmp_path / "empty.html")
    seen = root_dataset(dump_dom(path).stdout)
    assert (seen["state"], seen["nodes"], seen["edges"], seen["jsErrors"]) == ("empty", "0", "0", "0")


def test_hostile_text_is_escaped_in_the_page(tmp_path: Path, hostile_network: nx.MultiDiGraph) -> None:
    page = write_coalition_map(hostile_network, tmp_path / "h.html", title=HOSTILE_TITLE, period=IMG_ATTACK).read_text()
    for attack in (SCRIPT_ATTACK, IMG_ATTACK, "</script> &amp;"):
        assert attack not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page  # legend and heading, as text
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page
    markup = _markup(page)
    assert markup.h1 == HOSTILE_TITLE
    assert f"North {IMG_ATTACK} Korea" in markup.legend and f"Russia {SCRIPT_ATTACK}" in markup.legend
    assert [tag for tag, _ in markup.tags].count("script") == 3  # the page's own scripts only


@pytest.mark.parametrize("keep_policy", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_text_stays_inert_in_chromium(
    tmp_path: Path, hostile_network: nx.MultiDiGraph, keep_policy: bool
) -> None:
    path = write_coalition_map(hostile_network, tmp_path / "h.html", title=HOSTILE_TITLE, period=IMG_ATTACK)
    probe = _PROBE % f'"{PRK}"'
    path.write_text(_with_probe(path.read_text(encoding="utf-8"), probe, keep_policy=keep_policy), encoding="utf-8")
    run = dump_dom(path)
    seen = root_dataset(run.stdout)
    assert seen["pwned"] == "undefined", seen
    assert seen["state"] == "stabilised" and seen["jsErrors"] == "0", seen
    assert (seen["resourceErrors"], seen["cspViolations"]) == ("0", "0"), seen
    # The pointer lands on North Korea's node or on an edge drawn across it; either tooltip names the
    # hostile label, and must show it as text...
    assert f"North {IMG_ATTACK} Korea" in seen["tooltip"], seen
    assert seen["tooltipElements"] == "0"  # ...so no element was made from it (innerText adds only <br>)
    markup = _markup(run.stdout)
    assert markup.h1 == HOSTILE_TITLE
    assert "<img" not in run.stdout and f"Russia {SCRIPT_ATTACK}" in markup.legend


def test_screenshot_is_not_blank(tmp_path: Path, small_network: nx.MultiDiGraph) -> None:
    path = write_coalition_map(small_network, tmp_path / "map.html")
    colours = png_colours(screenshot(path, tmp_path / "map.png", size=(1280, 860)))
    assert len(colours) > 100
    assert colours["#ffffff"] < 0.97 * 1280 * 860
    # the canvas drew the nodes: far more coalition colour than the legend's 12-pixel swatches
    first, second = (row["colour"] for row in coalition_table(small_network))
    assert colours[first] > 2000 and colours[second] > 800


def test_iris_in_data_do_not_become_links(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    for code in ("AAA", "BBB"):
        graph.add_node(actor_iri(f"state:{code}"), label=f"https://example.org/{code} href", kind="state", iso3=code)
    graph.add_edge(
        actor_iri("state:AAA"),
        actor_iri("state:BBB"),
        key="strikes",
        relation="strikes",
        count=1,
        events=[event_iri("strike", "x")],
        sources=["https://example.org/a"],
        evidence=['<a href="https://example.org">x</a>'],
    )
    page = write_coalition_map(graph, tmp_path / "links.html").read_text(encoding="utf-8")
    for tag, attributes in _markup(page).tags:
        assert "href" not in attributes and "src" not in attributes, (tag, attributes)
    assert '<a href="https://example.org">' not in page


# --- layout in the window, filters, details, hostile articles end to end, notebooks ------------------

_LONERS = ("https://w3id.org/armskg/actor/person/alone", "https://w3id.org/armskg/actor/person/apart")


def test_screenshot_map_is_centred_with_loners_packed_below(tmp_path: Path) -> None:
    # Actors without a link used to drift far out and define the fitted view, and headless Chromium's
    # screenshot resizes the viewport after the page settled (vis-network then only scales its old
    # view): the map ended up small and off to one side. Now loners are packed under the map and the
    # view is fitted again on every resize.
    graph = actor_network(joint_statement_store())  # 54 actors: the fitted view is zoomed out
    for n, node in enumerate(_LONERS):
        graph.add_node(node, label=f"Loner {n}", kind="person")
    camp = coalitions(graph)
    assert {camp[node] for node in _LONERS} == {2, 3}
    table = coalition_table(graph)
    width, height = 1280, 860
    data = screenshot(write_coalition_map(graph, tmp_path / "map.html"), tmp_path / "map.png", size=(width, height))
    canvas = (0, 100, width - 310, height - 2)  # left of the 300-pixel legend, under the header
    whole = png_box(data, canvas)
    main = png_box(data, canvas, colours={row["colour"] for row in table[:2]})
    loners = png_box(data, canvas, colours={row["colour"] for row in table[2:4]})
    assert whole is not None and main is not None and loners is not None
    span_x, span_y = canvas[2] - canvas[0], canvas[3] - canvas[1]
    assert abs((whole[0] + whole[2]) / 2 - (canvas[0] + canvas[2]) / 2) < 0.1 * span_x, whole
    assert abs((whole[1] + whole[3]) / 2 - (canvas[1] + canvas[3]) / 2) < 0.15 * span_y, whole
    assert main[2] - main[0] > 0.6 * span_x or main[3] - main[1] > 0.6 * span_y, main  # the map fills the view
    assert loners[1] > main[3] - 20, (main, loners)  # the loners sit under it


_FILTER_PROBE = """(function () {
  var root = document.documentElement;
  var wait = setInterval(function () {
    if (root.dataset.state !== "stabilised") { return; }
    clearInterval(wait);
    var steps = [];
    function note() { steps.push(root.dataset.shownEdges + "/" + root.dataset.shownNodes); }
    function set(element, value) { element[element.type === "checkbox" ? "checked" : "value"] = value;
      element.dispatchEvent(new Event("change")); note(); }
    function relation(name) { return document.querySelector('input[data-relation="' + name + '"]'); }
    note();
    set(relation("condemn"), false);
    set(relation("signs"), false);
    document.getElementById("armskg-reset").click(); note();
    set(document.getElementById("armskg-from"), "2024-02-01");
    set(document.getElementById("armskg-undated"), false);
    set(document.getElementById("armskg-to"), "2024-01-31");
    root.dataset.steps = steps.join(" ");
    root.dataset.hidden = String(window.armskgMap.edges.get({filter: function (e) { return e.hidden; }}).length);
  }, 100);
})();"""


def test_filters_by_relation_and_period_in_chromium(tmp_path: Path, small_network: nx.MultiDiGraph) -> None:
    path = write_coalition_map(small_network, tmp_path / "map.html")
    page = path.read_text(encoding="utf-8")
    assert 'min="2024-01-06" max="2024-02-29"' in page  # the period inputs span the network's dates
    path.write_text(_with_probe(page, _FILTER_PROBE), encoding="utf-8")
    seen = root_dataset(dump_dom(path).stdout)
    assert seen["jsErrors"] == "0", seen
    # all; no condemnations (the joint statement keeps its signatories); nor signatures (three signatories
    # and the statement left with nothing); all again; from February (the transfer reported then, the
    # warning and the denial, the undated affiliation); without undated links; and an empty period
    assert seen["steps"] == "12/9 10/9 6/5 12/9 5/4 4/3 0/0", seen
    assert seen["hidden"] == "12"


_DETAILS_PROBE = """(function () {
  var root = document.documentElement;
  setInterval(function () { root.dataset.pwned = String(window.__pwned); }, 200);
  var wait = setInterval(function () {
    if (root.dataset.state !== "stabilised") { return; }
    clearInterval(wait);
    var map = window.armskgMap, panel = document.getElementById("armskg-details");
    var supply = map.edges.get({filter: function (e) { return e.relation === "supplies"; }})[0];
    map.describe("edge", supply.id);
    root.dataset.edgeText = panel.innerText;
    root.dataset.edgeLinks = Array.prototype.map.call(panel.querySelectorAll("a"), function (a) {
      return a.getAttribute("href") + " " + a.target + " " + a.rel; }).join(" | ");
    root.dataset.edgeElements = Array.prototype.map.call(panel.querySelectorAll("*"), function (e) {
      return e.tagName.toLowerCase(); }).sort().join(",");
    map.describe("node", %s);
    root.dataset.nodeLinks = Array.prototype.map.call(panel.querySelectorAll("a"), function (a) {
      return a.getAttribute("href"); }).join(" | ");
  }, 100);
})();"""


def test_details_show_text_and_only_web_links(tmp_path: Path, hostile_network: nx.MultiDiGraph) -> None:
    graph = hostile_network.copy()
    graph.edges[PRK, RUS, "supplies"]["urls"] = ["javascript:window.__pwned=1", "https://example.org/t001"]
    path = write_coalition_map(graph, tmp_path / "h.html")
    path.write_text(_with_probe(path.read_text(encoding="utf-8"), _DETAILS_PROBE % f'"{PRK}"'), encoding="utf-8")
    seen = root_dataset(dump_dom(path).stdout)
    assert seen["pwned"] == "undefined" and seen["jsErrors"] == "0", seen
    assert f"North {IMG_ATTACK} Korea → Russia {SCRIPT_ATTACK}: supplies ×1" in seen["edgeText"]
    assert f"Shipped {IMG_ATTACK} {SCRIPT_ATTACK} by rail." in seen["edgeText"]
    assert "javascript:window.__pwned=1" in seen["edgeText"]  # shown, as text
    assert seen["edgeLinks"] == "https://example.org/t001 _blank noopener noreferrer"
    assert set(seen["edgeElements"].split(",")) == {"a", "div", "li", "span", "strong", "ul"}
    assert seen["nodeLinks"] == "https://www.wikidata.org/wiki/Q423"


def test_hostile_article_ingested_end_to_end_stays_inert(tmp_path: Path) -> None:
    from armskg.graph.ingest import IngestOptions, ingest
    from armskg.graph.store import open_store
    from armskg.loaders.article import Article

    text = (
        f"North Korea supplied Russia with ballistic missiles {IMG_ATTACK}, officials said on Monday. "
        f'The United States condemned the transfer, saying "{SCRIPT_ATTACK} this must stop {IMG_ATTACK}". '
        f"Russia fired the missiles at Ukraine {SCRIPT_ATTACK}.\n"
    )
    article = Article.from_text(
        "hostile-1", text, title=f"Missiles {SCRIPT_ATTACK}", url="https://example.org/h1", date="2024-01-10"
    )
    store = open_store(tmp_path / "kg")
    assert ingest(store, [article], IngestOptions(writer="transactional")).ok
    graph = actor_network(store)
    condemn = graph.edges[actor_iri("state:USA"), PRK, "condemn"]
    assert SCRIPT_ATTACK in condemn["evidence"][0] and SCRIPT_ATTACK in condemn["quotes"][0]
    path = write_coalition_map(graph, tmp_path / "map.html", title=f"Map {SCRIPT_ATTACK}")
    page = path.read_text(encoding="utf-8")
    assert SCRIPT_ATTACK not in page and "<img" not in page
    probe = _DETAILS_PROBE.replace('e.relation === "supplies"', 'e.relation === "condemn"') % f'"{PRK}"'
    path.write_text(_with_probe(page, probe), encoding="utf-8")
    run = dump_dom(path)
    seen = root_dataset(run.stdout)
    assert seen["pwned"] == "undefined" and seen["jsErrors"] == "0" and seen["cspViolations"] == "0", seen
    assert f'saying "{SCRIPT_ATTACK} this must stop {IMG_ATTACK}"' in seen["edgeText"]
    assert "quote: “" + SCRIPT_ATTACK in seen["edgeText"]
    assert "<img" not in run.stdout and _markup(run.stdout).h1 == f"Map {SCRIPT_ATTACK}"


def test_notebook_map_draws_inline_in_a_sandboxed_frame(tmp_path: Path, small_network: nx.MultiDiGraph) -> None:
    shown = notebook_map(small_network, title="Inline", height=600)
    cell = shown._repr_html_()
    assert cell.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and 'sandbox="allow-scripts' in cell
    assert "allow-same-origin" not in cell
    notebook = tmp_path / "notebook.html"
    notebook.write_text(f"<!DOCTYPE html><html><body><div>Out[5]:</div>{cell}</body></html>", encoding="utf-8")
    # A frame's first paint can land after the screenshot's virtual-time budget; the map must show
    # within a few tries (each a fresh Chromium, a pause between), never be absent in all of them.
    # Four tries in a row once all came out blank late in a full suite run (CI, 2026-11-23).
    first, second = (row["colour"] for row in coalition_table(small_network))
    for attempt in range(8):
        shot = screenshot(notebook, tmp_path / f"notebook{attempt}.png", size=(1100, 700), budget_ms=20000)
        colours = png_colours(shot)
        if colours[first] > 2000 and colours[second] > 800:
            break
        time.sleep(1 + attempt)
    assert colours[first] > 2000 and colours[second] > 800
