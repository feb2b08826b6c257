"""The query page of ``armskg serve`` (``/``): YASGUI aimed at ``/query`` with armskg's prefixes and the
named query library, served offline; checked in a real headless Chromium against a real served store."""

from __future__ import annotations

import gc
import html
import json
import re
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from browser import require_chromium
from query_graph import build_store

from armskg.graph.endpoint import (
    PAGE_PREFIXES,
    QueryPage,
    SparqlServer,
    example_values,
    free_port,
    library_document,
    serve,
)
from armskg.ontology import AK, PREFIXES
from armskg.queries.client import SparqlEndpoint
from armskg.queries.library import list_queries, load_query
from armskg.queries.run import run_query

_FLAGS: tuple[str, ...] = (
    *("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"),
    *("--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps"),
)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("page") / "kg"
    store = build_store(location)
    store.flush()
    del store  # closed: the server opens it read-only
    gc.collect()
    return location


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[SparqlServer]:
    with serve(store_dir, port=free_port()) as running:
        yield running


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=30) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def _chromium(url: str, tmp_path: Path, budget_ms: int = 15000) -> tuple[str, list[str]]:
    """The DOM after the page ran, and every URL the page asked for (from Chromium's net log: the
    requests with the page as initiator; the browser's own, to its vendor, are left out)."""
    binary = require_chromium()
    log = tmp_path / "net.json"
    command = [binary, *_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--log-net-log={log}"]
    command += [f"--virtual-time-budget={budget_ms}", "--dump-dom", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    text = log.read_text(encoding="utf-8", errors="replace").rstrip()
    events = json.loads(text if text.endswith("}") else text.rstrip(",") + "]}")["events"]
    asked = [
        event["params"]["url"]
        for event in events
        if "url" in event.get("params", {}) and event["params"].get("initiator", "not an origin") != "not an origin"
    ]
    return result.stdout, asked


def _root(dom: str) -> dict[str, str]:
    tag = re.search(r"<html[^>]*>", dom)
    assert tag is not None
    return dict(re.findall(r'data-armskg-([a-z]+)="([^"]*)"', tag.group(0)))


def _text(dom: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", dom))


def test_the_front_serves_its_own_page_and_the_library(server: SparqlServer) -> None:
    status, headers, page = _get(server.base_url + "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"./armskg/page.js" in page and b"./yasgui.min.js" in page
    assert "default-src 'self'" in headers["content-security-policy"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", headers["x-armskg-snapshot"])
    assert b"https://" not in page and b"http://" not in page  # nothing from elsewhere
    # YASGUI's code is the oxigraph binary's own copy, passed through the front
    assert _get(server.base_url + "/yasgui.min.js")[0] == 200
    _, _, body = _get(server.base_url + "/armskg/queries.json")
    library = json.loads(body)
    assert [entry["name"] for entry in library["queries"]] == [query.name for query in list_queries()]
    for name in PAGE_PREFIXES:
        assert re.search(rf"PREFIX {name}: <[^>]+>", library["start"]), name
    assert f"PREFIX ak: <{AK}>" in library["start"] and all(
        line in PREFIXES for line in library["start"].splitlines()[:5]
    )
    assert QueryPage().answer("POST", "/")[0] == 405  # type: ignore[index]
    assert QueryPage().answer("GET", "/query?query=x") is None  # the rest goes to oxigraph


def test_every_named_query_of_the_page_runs_and_gives_the_library_rows(server: SparqlServer, store_dir: Path) -> None:
    """What the page opens is what ``armskg query NAME --param ...`` answers, with the values the page binds."""
    endpoint = SparqlEndpoint(server.url)
    local = ox.Store.read_only(str(store_dir))
    compared = 0
    for entry, query in zip(library_document()["queries"], list_queries(), strict=True):
        result = endpoint.run_sparql(entry["query"])  # parses and runs on the real server
        examples = example_values(query)
        if any(param.required and param.type == "iri" for param in query.params):
            continue  # the page leaves an event IRI open (commented): no example can name one
        values = {p.name: examples[p.name] for p in query.params if p.required}
        assert result.rows == run_query(local, query, values).rows, query.name
        compared += 1
    assert compared >= 15
    profile = next(entry["query"] for entry in library_document()["queries"] if entry["name"] == "actor-profile")
    assert "VALUES (?actor) { (<https://w3id.org/armskg/actor/state/PRK>) }" in profile
    transfers = next(entry["query"] for entry in library_document()["queries"] if entry["name"] == "transfers")
    assert "#VALUES (?supplier) { (<https://w3id.org/armskg/actor/state/PRK>) }" in transfers


def test_the_page_loads_offline_with_the_prefixes_in_the_editor(server: SparqlServer, tmp_path: Path) -> None:
    dom, asked = _chromium(server.base_url + "/", tmp_path)
    classes = set(re.findall(r'class="([A-Za-z_-]+)', dom))
    assert {"yasgui", "yasqe", "yasr", "CodeMirror"} <= classes
    state = _root(dom)
    assert state.get("ready") == "true" and not state.get("errors") and not state.get("blocked"), state
    lines = re.findall(r'<pre class="[^"]*\bCodeMirror-line\b[^"]*"[^>]*>(.*?)</pre>', dom, flags=re.S)
    editor = "\n".join(_text(line) for line in lines)
    assert f"PREFIX ak: <{AK}>" in editor and "PREFIX prov: <http://www.w3.org/ns/prov#>" in editor
    assert "?sub ?pred ?obj" not in editor  # not YASGUI's stock query
    options = re.findall(r'<option value="([a-z-]+)"', dom)
    assert options == [query.name for query in list_queries()]
    assert len(set(asked)) >= 5, asked  # the page's script, style, YASGUI, the library
    elsewhere = {url for url in asked if not url.startswith(server.base_url + "/")}
    assert not elsewhere, f"the page asked for {sorted(elsewhere)[:5]}"


def test_choosing_a_named_query_and_running_it_shows_its_rows(
    server: SparqlServer, tmp_path: Path, store_dir: Path
) -> None:
    url = server.base_url + "/?" + urllib.parse.urlencode({"named": "transfers", "run": ""})
    dom, asked = _chromium(url, tmp_path)
    state = _root(dom)
    assert not state.get("errors") and not state.get("blocked"), state
    expected = run_query(ox.Store.read_only(str(store_dir)), load_query("transfers")).rows
    numbers = re.findall(r'<div class="rowNumber">(\d+)</div>', dom)
    assert expected and numbers == [str(n) for n in range(1, len(expected) + 1)]  # one table row per answer
    assert re.search(r'<a[^>]*class="[^"]*tabLink[^"]*"[^>]*>.*?transfers', dom, flags=re.S) or ">transfers<" in dom
    cells = [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", dom, flags=re.S)]
    for supplier, recipient, *_ in expected:
        assert supplier in cells and recipient in cells  # the result table shows the rows
    assert any(url.startswith(server.url) for url in asked)  # the query went to /query
    assert all(url.startswith(server.base_url + "/") for url in asked)
