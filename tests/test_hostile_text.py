"""Hostile text from a news page stays inert text, from the article to the map.

Article text, titles, quotes, a lexicon label and metadata hold HTML, script, ``javascript:``
URLs, control characters and SPARQL syntax.  They go through the real pipeline (the ``armskg``
executable: ingest, query, export, map) and must come out exactly as written wherever data is
kept (store, query results, exports) and as plain text in the map, which a real headless
Chromium opens, with its Content-Security-Policy and without it (so the escaping is tested on
its own).  Query parameters holding SPARQL syntax can only ever match data.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from browser import dump_dom, root_dataset
from robustness import cli

from armskg.graph.store import open_store
from armskg.queries.library import QueryError, list_queries, load_query
from armskg.queries.run import run_query

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")

SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror='window.__pwned=1'>"
JS_URL = "javascript:window.__pwned=1"
SPARQL = "' } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> 'z' } #"
SPARQL_DOUBLE = SPARQL.replace("'", '"')
CONTROL = "\x1b[31mred\u2028\x1b[0m\x07\u202eevil"
QUOTE = f"{SCRIPT} {IMG} {JS_URL} {SPARQL} {CONTROL}"
LABEL = f"Zeta {IMG} Front"
TITLE = f"Title {SCRIPT} {CONTROL}"

ARTICLE = (
    f'Foreign Minister Jane Doe condemned Iran for supplying Russia with Shahed-136 drones, calling it "{QUOTE}".\n\n'
    f"Zeta Front struck Ukraine with drones on Tuesday, officials said ({SCRIPT} {JS_URL}).\n\n"
    "Zeta Front condemned France for supplying Ukraine with tanks.\n"
)
LEXICON_ROW = "label\taliases\tkind\tbased_in\taffiliation\twikidata\n" + f"{LABEL}\tZeta Front\tarmed_group\tIRN\t\t\n"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store built by ``armskg ingest`` from the hostile articles; yields the working folder."""
    work = tmp_path_factory.mktemp("hostile")
    (work / "in").mkdir()
    (work / "in" / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    meta = {
        "title": TITLE,
        "publisher": f"Wire {IMG}",
        "url": "https://example.org/a?q=<b>&x='",
        "date": "2024-01-10",
    }
    (work / "in" / "hostile.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    record = {"id": f"id{SPARQL_DOUBLE}", "text": ARTICLE.replace("Iran", "North Korea"), "title": SCRIPT}
    (work / "in" / "more.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (work / "lex").mkdir()
    (work / "lex" / "organizations.tsv").write_text(LEXICON_ROW, encoding="utf-8")
    result = cli("ingest", "--store", work / "kg", "--lexicons", work / "lex", work / "in", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "ingested 2 articles" in result.stdout
    yield work


def _literals(graph: rdflib.Dataset | rdflib.Graph) -> set[str]:
    return (
        {str(o) for _, _, o, *_ in graph.quads() if isinstance(o, rdflib.Literal)}
        if isinstance(graph, rdflib.Dataset)
        else {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    )


def test_the_store_keeps_hostile_text_exactly(pipeline: Path) -> None:
    store = ox.Store.read_only(str(pipeline / "kg"))
    try:
        values = {q.object.value for q in store if isinstance(q.object, ox.Literal)}
        assert QUOTE in values  # the statement's quote
        assert TITLE in values and LABEL in values and SCRIPT in values
        assert any(QUOTE in v and v.startswith("Foreign Minister") for v in values)  # the evidence sentence
        assert not any(True for _ in store.quads_for_pattern(ox.NamedNode("urn:x"), None, None))  # nothing injected
        iris = {q.subject.value for q in store if isinstance(q.subject, ox.NamedNode)}
        assert not any(re.search(r"[\s<>\"{}|\\^`]", iri) for iri in iris), "an IRI holds a character IRIs may not"
    finally:
        del store
        gc.collect()


def test_queries_return_hostile_text_exactly(pipeline: Path) -> None:
    store = open_store(pipeline / "kg", read_only=True)
    text = ARTICLE
    result = cli("query", "transfers", "--store", pipeline / "kg", "--format", "json", cwd=pipeline)
    assert result.returncode == 0, result.stderr
    transfers = json.loads(result.stdout)["results"]["bindings"]
    [drones] = [row["transfer"]["value"] for row in transfers if row["supplier"]["value"].endswith("/IRN")]
    evidence = run_query(store, load_query("evidence"), {"event": drones})
    index = evidence.variables.index("sentence")
    starts, ends = evidence.variables.index("charStart"), evidence.variables.index("charEnd")
    rows = [row for row in evidence.rows if row[evidence.variables.index("identifier")] == "hostile"]
    assert rows
    for row in rows:
        assert QUOTE in (row[index] or "")
        assert text[int(row[starts] or 0) : int(row[ends] or 0)] == row[index]


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld"])
def test_exports_round_trip_hostile_text(pipeline: Path, fmt: str) -> None:
    out = pipeline / f"export.{fmt}"
    result = cli("export", "--store", pipeline / "kg", "--format", fmt, "-o", out, cwd=pipeline)
    assert result.returncode == 0, result.stderr
    parsed: rdflib.Dataset | rdflib.Graph
    if fmt == "turtle":
        parsed = rdflib.Graph().parse(out, format="turtle")
    else:
        parsed = rdflib.Dataset()
        parsed.parse(out, format={"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
    values = _literals(parsed)
    assert LABEL in values
    if fmt != "turtle":  # the merged graph holds no evidence or quotes of the article graphs only
        assert any(QUOTE in value for value in values)
    injected = rdflib.URIRef("urn:x")
    assert injected not in set(parsed.subjects()), "a triple was injected"


_PROBE = """(function () {
  var root = document.documentElement;
  setInterval(function () { root.dataset.pwned = String(window.__pwned); }, 100);
  var wait = setInterval(function () {
    if (root.dataset.state !== "stabilised") { return; }
    clearInterval(wait);
    var network = window.armskgNetwork, edges = network.body.data.edges.get(), target = null;
    edges.forEach(function (e) {
      if (typeof e.title === "string" && e.title.indexOf("DROP ALL") >= 0) { target = e; }
    });
    root.dataset.titlesArePlain = String(edges.every(function (e) { return typeof e.title === "string"; }));
    if (!target) { root.dataset.tooltip = "(no edge)"; return; }
    var pos = network.getPositions([target.from, target.to]);
    var mid = network.canvasToDOM({x: (pos[target.from].x + pos[target.to].x) / 2,
                                   y: (pos[target.from].y + pos[target.to].y) / 2});
    var canvas = document.querySelector("#armskg-network canvas"), box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent("mousemove", {clientX: box.left + mid.x, clientY: box.top + mid.y,
                                                      bubbles: true}));
    setTimeout(function () {
      var tip = document.querySelector(".vis-tooltip");
      root.dataset.tooltip = tip ? tip.innerText : "(none)";
      root.dataset.tooltipElements = tip ? String(tip.querySelectorAll(":not(br)").length) : "-1";
      root.dataset.images = String(document.querySelectorAll("img").length);
      root.dataset.scripts = String(document.querySelectorAll("script").length);
      root.dataset.legend = document.getElementById("armskg-legend").innerText;
    }, 1500);
  }, 100);
})();"""


def _with_probe(page: str, *, keep_policy: bool) -> str:
    """The page with the probe before ``</body>``: allowed by the CSP by its hash, or with the CSP removed."""
    if keep_policy:
        digest = base64.b64encode(hashlib.sha256(_PROBE.encode()).digest()).decode()
        page = page.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    else:
        page, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        assert removed == 1
    head, tail, rest = page.rpartition("</body>")
    return f"{head}<script>{_PROBE}</script>{tail}{rest}"


@pytest.mark.parametrize("keep_policy", [True, False], ids=["with-csp", "without-csp"])
def test_the_map_shows_hostile_text_as_text_in_chromium(pipeline: Path, keep_policy: bool) -> None:
    page = pipeline / f"map-{keep_policy}.html"
    result = cli("map", "--store", pipeline / "kg", "-o", page, "--title", TITLE, cwd=pipeline)
    assert result.returncode == 0, result.stderr
    page.write_text(_with_probe(page.read_text(encoding="utf-8"), keep_policy=keep_policy), encoding="utf-8")
    seen = root_dataset(dump_dom(page).stdout)
    assert seen.get("state") == "stabilised", seen
    assert seen.get("pwned") == "undefined", "script from the articles ran"
    assert seen.get("jsErrors") == "0", seen.get("lastError")
    assert seen.get("cspViolations") == "0" and seen.get("resourceErrors") == "0", seen
    assert seen.get("images") == "0"
    assert seen.get("scripts") == "4"  # status, vis-network, drawing, and the probe
    assert seen.get("titlesArePlain") == "true"
    assert seen.get("tooltipElements") == "0"
    tooltip = seen.get("tooltip", "")
    assert "DROP ALL" in tooltip and "<script>window.__pwned=1</script>" in tooltip, tooltip
    assert LABEL in seen.get("legend", ""), seen.get("legend")


HOSTILE_VALUES = (
    SPARQL,
    SPARQL_DOUBLE,
    "> } ; DROP ALL ; #",
    "https://w3id.org/armskg/actor/state/PRK> } ; DROP ALL ; #",
    "PRK } UNION { ?s ?p ?o",
    '2024-01-10"^^<urn:x> } #',
    "1 } ; CLEAR ALL ; #",
    "condemn } #",
    'ballistic missile" } #',
    "\x00\x1b[31m",
)


def test_query_parameters_cannot_inject_sparql(pipeline: Path) -> None:
    store = open_store(pipeline / "kg", read_only=True)
    before = set(store)
    tried = refused = 0
    for query in list_queries():
        for param in query.params:
            for value in HOSTILE_VALUES:
                tried += 1
                try:
                    result = run_query(store, query, {param.name: value})
                except QueryError as error:
                    assert "\n" not in str(error)
                    refused += 1
                    continue
                if param.type == "string":  # a string can only match that very string
                    column = result.variables.index(param.name) if param.name in result.variables else None
                    assert column is None or all(row[column] in (None, value) for row in result.rows)
    assert set(store) == before
    assert tried > 0 and refused > 0
    for value in HOSTILE_VALUES[:3]:
        done = cli("query", "transfers", "--store", pipeline / "kg", "--param", f"supplier={value}", cwd=pipeline)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_the_terminal_table_shows_no_raw_control_characters(pipeline: Path) -> None:
    store = open_store(pipeline / "kg", read_only=True)
    transfers = run_query(store, load_query("transfers"))
    column = {name: n for n, name in enumerate(transfers.variables)}
    [drones] = [row[column["transfer"]] for row in transfers.rows if (row[column["supplier"]] or "").endswith("/IRN")]
    table = run_query(store, load_query("evidence"), {"event": drones or ""}).to_table()
    assert "DROP ALL" in table
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", table)
    for width in ("0", "60"):  # whole cells, and cells cut to fit
        done = cli(
            "query",
            "evidence",
            "--store",
            pipeline / "kg",
            "--param",
            f"event={drones}",
            "--width",
            width,
            cwd=pipeline,
        )
        assert done.returncode == 0 and ("DROP ALL" in done.stdout or width != "0")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", done.stdout)
