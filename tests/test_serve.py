"""The real ``oxigraph`` server over a store on disk, behind armskg's front, queried with SPARQLWrapper.

The limits (timeouts, memory, restarts) are tested in ``test_endpoint_limits.py``.
"""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pyoxigraph as ox
import pytest
from browser import require_chromium
from query_graph import build_store
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from armskg.graph.endpoint import ServerError, SparqlServer, free_port, serve

ARMSKG = Path(sys.executable).parent / "armskg"

DATA = """
@prefix ak: <https://w3id.org/armskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix state: <https://w3id.org/armskg/actor/state/> .
state:PRK a ak:State ; rdfs:label "North Korea" .
state:RUS a ak:State ; rdfs:label "Russia" .
<https://w3id.org/armskg/article/000_a> {
  state:PRK a ak:State ; rdfs:label "North Korea" .
}
"""

LABELS = """
PREFIX ak: <https://w3id.org/armskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?state ?label WHERE { ?state a ak:State ; rdfs:label ?label } ORDER BY ?label
"""

INSERT = """
PREFIX ak: <https://w3id.org/armskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA { <https://w3id.org/armskg/actor/state/KOR> a ak:State ; rdfs:label "South Korea" }
"""

STATE = "https://w3id.org/armskg/actor/state/"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A store on disk, closed again: pyoxigraph holds the store's LOCK while it is open."""
    location = tmp_path / "store"
    store = ox.Store(str(location))
    store.load(input=DATA, format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    return location


@pytest.fixture
def server(store_dir: Path) -> Iterator[SparqlServer]:
    with serve(store_dir, port=free_port()) as running:
        yield running


def select(url: str, query: str) -> list[tuple[str, ...]]:
    client = SPARQLWrapper(url)
    client.setReturnFormat(JSON)
    client.setQuery(query)
    document: Any = client.query().convert()
    names = document["head"]["vars"]
    return [tuple(binding[name]["value"] for name in names) for binding in document["results"]["bindings"]]


def update(url: str, text: str) -> None:
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setQuery(text)
    client.query()


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_read_only_server_answers_queries(server: SparqlServer) -> None:
    assert server.url == f"http://127.0.0.1:{server.port}/query"
    assert server.running
    assert select(server.url, LABELS) == [(STATE + "PRK", "North Korea"), (STATE + "RUS", "Russia")]
    graphs = select(server.url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert graphs == [("https://w3id.org/armskg/article/000_a",)]


def test_read_only_server_refuses_updates(server: SparqlServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        update(server.update_url, INSERT)
    assert refused.value.code == 403
    assert len(select(server.url, LABELS)) == 2


def test_second_server_on_the_same_port_is_refused(server: SparqlServer, store_dir: Path) -> None:
    with pytest.raises(ServerError, match=f"port {server.port} on 127.0.0.1 is already in use") as caught:
        serve(store_dir, port=server.port)
    assert "\n" not in str(caught.value)
    assert server.running


def test_writable_server_accepts_updates_and_keeps_them(store_dir: Path) -> None:
    with serve(store_dir, port=free_port(), writable=True, timeout_s=5) as server:
        update(server.update_url, INSERT)
        assert [label for _, label in select(server.url, LABELS)] == ["North Korea", "Russia", "South Korea"]
    store = ox.Store.read_only(str(store_dir))
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert ox.Quad(ox.NamedNode(STATE + "KOR"), label, ox.Literal("South Korea")) in store
    assert len(store) == 6 + 2


def test_stop_ends_the_process_and_frees_the_port(store_dir: Path) -> None:
    server = serve(store_dir, port=free_port())
    process = server.process
    assert process is not None and process.poll() is None
    server.stop()
    assert process.poll() is not None
    assert not server.running
    assert port_is_free(server.port)
    server.stop()  # a second stop does nothing


def test_missing_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ServerError, match="no Oxigraph store at"):
        serve(tmp_path / "absent", port=free_port())
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x")
    with pytest.raises(ServerError, match="holds no Oxigraph store"):
        serve(tmp_path / "notes", port=free_port(), writable=True)


def test_writable_server_refuses_a_store_another_process_holds(store_dir: Path) -> None:
    holder = ox.Store(str(store_dir))  # this process now holds the store's LOCK
    try:
        port = free_port()
        with pytest.raises(ServerError, match="locked by another process") as caught:
            serve(store_dir, port=port, writable=True)
        assert "\n" not in str(caught.value)
        assert port_is_free(port)
    finally:
        del holder
        gc.collect()


def test_read_only_server_opens_a_store_another_process_holds(store_dir: Path) -> None:
    """Measured with Oxigraph 0.5.13: a read-only server does not need the LOCK, so it starts
    beside a read-write holder and serves what that holder had flushed."""
    holder = ox.Store(str(store_dir))
    try:
        with serve(store_dir, port=free_port()) as server:
            assert len(select(server.url, LABELS)) == 2
    finally:
        del holder
        gc.collect()


def test_new_writable_store_and_cors(tmp_path: Path) -> None:
    with serve(tmp_path / "fresh", port=free_port(), writable=True, cors=True) as server:
        assert "--cors" in server.command()
        assert select(server.url, LABELS) == []
        update(server.update_url, INSERT)
        assert select(server.url, LABELS) == [(STATE + "KOR", "South Korea")]
    assert (tmp_path / "fresh" / "CURRENT").is_file()


# --- the front: the query page, Graph Store writes, CORS -----------------------------------------


def fetch(
    url: str, method: str = "GET", data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_query_page_comes_through_the_front(server: SparqlServer) -> None:
    status, headers, page = fetch(server.base_url + "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"armskg/page.js" in page and b"yasgui.min.js" in page  # armskg's page (tests/test_query_page.py)
    status, _, script = fetch(server.base_url + "/yasgui.min.js")  # YASGUI from the oxigraph binary
    assert status == 200 and len(script) > 100_000
    status, headers, body = fetch(server.base_url + "/", method="HEAD")
    assert (status, body, headers["content-length"]) == (200, b"", str(len(page)))
    # the page sends its queries to /query; /sparql answers too, for clients that expect it
    assert select(server.base_url + "/sparql", LABELS) == [(STATE + "PRK", "North Korea"), (STATE + "RUS", "Russia")]


def test_the_query_page_runs_in_a_browser(server: SparqlServer, tmp_path: Path) -> None:
    binary = require_chromium()
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"]
    command += [f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=8000", "--dump-dom"]
    result = subprocess.run([*command, server.base_url + "/"], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    classes = set(re.findall(r'class="([A-Za-z_-]+)', result.stdout))
    assert {"yasgui", "yasqe", "yasr", "CodeMirror"} <= classes  # the editor and the results pane were built


def test_read_only_server_refuses_graph_store_writes(server: SparqlServer) -> None:
    triple = b'<https://w3id.org/armskg/actor/state/KOR> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    put = fetch(server.store_url + "?default", "PUT", triple, {"Content-Type": "application/n-triples"})
    assert put[0] == 403
    assert fetch(server.store_url + "?default", "DELETE")[0] == 403
    assert len(select(server.url, LABELS)) == 2


def test_writable_server_takes_graph_store_writes(store_dir: Path) -> None:
    graph = "https://w3id.org/armskg/article/x"
    triple = b'<https://w3id.org/armskg/actor/state/KOR> <http://www.w3.org/2000/01/rdf-schema#label> "K" .\n'
    with serve(store_dir, port=free_port(), writable=True) as server:
        target = server.store_url + "?" + urllib.parse.urlencode({"graph": graph})
        assert fetch(target, "PUT", triple, {"Content-Type": "application/n-triples"})[0] in (200, 201, 204)
        status, _, body = fetch(target, headers={"Accept": "application/n-triples"})
        assert status == 200 and body.strip() == triple.strip()
        assert select(server.url, f"SELECT ?l WHERE {{ GRAPH <{graph}> {{ ?s ?p ?l }} }}") == [("K",)]


def test_cors_only_when_asked(server: SparqlServer, store_dir: Path) -> None:
    query = server.url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    origin = {"Origin": "https://example.org", "Accept": "application/sparql-results+json"}
    assert "access-control-allow-origin" not in fetch(query, headers=origin)[1]
    with serve(store_dir, port=free_port(), cors=True) as open_server:
        url = open_server.url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        status, headers, _ = fetch(url, headers=origin)
        assert status == 200 and headers.get("access-control-allow-origin") in ("*", "https://example.org")


def test_union_default_graph(store_dir: Path) -> None:
    with serve(store_dir, port=free_port(), union_default_graph=True) as server:
        assert "--union-default-graph" in server.command()
        # North Korea's two triples are in the default graph and in one article graph: over the union
        # each pattern matches twice (a bag), so the join gives four rows; DISTINCT gives one
        assert select(server.url, LABELS) == [(STATE + "PRK", "North Korea")] * 4 + [(STATE + "RUS", "Russia")]
        distinct = LABELS.replace("SELECT ?state", "SELECT DISTINCT ?state")
        assert select(server.url, distinct) == [(STATE + "PRK", "North Korea"), (STATE + "RUS", "Russia")]


def test_bad_limits_are_refused(store_dir: Path) -> None:
    with pytest.raises(ServerError, match="timeout 0 s must be at least 1 s"):
        serve(store_dir, port=free_port(), timeout_s=0)
    with pytest.raises(ServerError, match="memory limit 10 MB must be at least 64 MB"):
        serve(store_dir, port=free_port(), memory_mb=10)


# --- the command -----------------------------------------------------------------------------------


def test_cli_serve_bounds_queries_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    bigger = build_store(store_dir)  # ~500 quads: enough for a cross product that does not end
    bigger.flush()
    del bigger
    gc.collect()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ARMSKG_STORE"}
    command = [str(ARMSKG), "serve", "--store", str(store_dir), "--port", str(port), "--timeout-s", "1"]
    process = subprocess.Popen(
        [*command, "--memory-mb", "1024"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()
            try:
                select(url, LABELS)
                break
            except (OSError, urllib.error.URLError):
                assert time.monotonic() < deadline, "armskg serve did not answer within 60 s"
                time.sleep(0.2)
        # a streamed COUNT over a cross product: endless, yet flat in memory (a sort here grows
        # ~1.5 GB/s and may meet the memory limit before the timeout)
        endless = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?w {?a ?b ?c} GRAPH ?x {?d ?e ?f} GRAPH ?y {?g ?h ?i} }"
        status, _, body = fetch(url + "?" + urllib.parse.urlencode({"query": endless}))
        assert status == 504 and json.loads(body)["error"] == "timeout"
        assert len(select(url, LABELS)) == 7
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert process.returncode == 0, err
    assert f"SPARQL endpoint: {url}" in out
    assert "read-only; each request may run 1 s, the engine may use 1024 MB" in err
    assert "new ingests show once written (the header X-Armskg-Snapshot says when it read the store)" in err
    assert "a request ran past the 1 s timeout: restarting the oxigraph server" in err
    assert "Traceback" not in err
    assert port_is_free(port)


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (("--timeout-s", "0"), "armskg: --timeout-s 0: must be at least 1 second"),
        (("--memory-mb", "10"), "armskg: --memory-mb 10: must be at least 64"),
    ],
)
def test_cli_serve_refuses_bad_limits_in_one_line(
    store_dir: Path, tmp_path: Path, args: tuple[str, ...], wanted: str
) -> None:
    result = subprocess.run(
        [str(ARMSKG), "serve", "--store", str(store_dir), "--port", str(free_port()), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == wanted


def test_killing_the_front_ends_oxigraph_too(store_dir: Path, tmp_path: Path) -> None:
    """The child dies with the front even on SIGKILL (Linux: PR_SET_PDEATHSIG), so no oxigraph is left behind."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the kernel ends the child with its parent on Linux only")
    port = free_port()
    process = subprocess.Popen(
        [str(ARMSKG), "serve", "--store", str(store_dir), "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                select(f"http://127.0.0.1:{port}/query", LABELS)
                break
            except (OSError, urllib.error.URLError):
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        children = psutil.Process(process.pid).children()
        assert [child.name() for child in children] == ["oxigraph"]
        process.kill()
        process.wait(timeout=30)
        gone, alive = psutil.wait_procs(children, timeout=10)
        assert alive == [] and len(gone) == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
