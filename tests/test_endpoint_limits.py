"""Every request to ``armskg serve`` is bounded in time and memory, and a client always gets a
clear answer: the real ``oxigraph`` server behind armskg's front, on a store of ~500 quads.

The pathological query is the one measured in docs/sparql.md (from Oxigraph 0.5.13 alone: an
ORDER BY over a four-way cross product of the named graphs ran for a minute and grew to
24 GB). Here each test ends in a few seconds; the long load run is marked ``slow``.
"""

from __future__ import annotations

import gc
import http.client
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from query_graph import build_store
from SPARQLWrapper import JSON, SPARQLWrapper

from armskg.graph.endpoint import SparqlServer, free_port, serve
from armskg.queries.client import EndpointError, SparqlEndpoint

PATHOLOGICAL = (
    "SELECT * WHERE { GRAPH ?w {?a ?b ?c} GRAPH ?x {?d ?e ?f} GRAPH ?y {?g ?h ?i} GRAPH ?z {?j ?k ?l} } "
    "ORDER BY ?a ?d ?g ?j"
)
CROSS_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?w {?a ?b ?c} GRAPH ?x {?d ?e ?f} GRAPH ?y {?g ?h ?i} GRAPH ?z {?j ?k ?l} }"
)
CROSS_STREAM = "SELECT * WHERE { GRAPH ?w {?a ?b ?c} GRAPH ?x {?d ?e ?f} GRAPH ?y {?g ?h ?i} GRAPH ?z {?j ?k ?l} }"
SMALL = "SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://w3id.org/armskg/ontology#Transfer> }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("limits") / "store"
    store = build_store(location)
    store.flush()
    del store
    gc.collect()
    return location


def get(url: str, query: str, timeout: float = 60) -> tuple[int, dict[str, Any], float]:
    """Status, parsed JSON body and seconds, for one GET query (no proxy, no SPARQLWrapper)."""
    request = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, json.loads(response.read()), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), time.monotonic() - started


def transfers(url: str) -> int:
    status, body, _ = get(url, SMALL)
    assert status == 200, body
    return int(body["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def fast_timeout(store_dir: Path) -> Iterator[SparqlServer]:
    with serve(store_dir, port=free_port(), timeout_s=1, memory_mb=4096) as server:
        yield server


def test_a_sort_past_the_timeout_gets_a_504_json_error(fast_timeout: SparqlServer) -> None:
    status, body, seconds = get(fast_timeout.url, PATHOLOGICAL)
    assert status == 504
    assert body["error"] == "timeout" and body["limit_s"] == 1
    assert "longer than the server's 1 s limit" in body["message"]
    assert seconds < 5
    assert fast_timeout.stats.timeouts == 1
    assert fast_timeout.stats.peak_rss < 4096 * 2**20
    assert transfers(fast_timeout.url) == 3  # a fresh oxigraph answers right after


@pytest.mark.parametrize("query", [CROSS_COUNT, CROSS_STREAM], ids=["count", "streamed-select"])
def test_a_stopped_query_is_never_a_truncated_200(fast_timeout: SparqlServer, query: str) -> None:
    """Oxigraph alone answers a cancelled COUNT with HTTP 200 and a cut-off body, and never
    stops a streamed SELECT * over a cross product: through the front both are a 504."""
    wrapper = SPARQLWrapper(fast_timeout.url)
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery(query)
    with pytest.raises(urllib.error.HTTPError) as raw:
        wrapper.query()
    assert raw.value.code == 504
    assert json.loads(raw.value.read())["error"] == "timeout"
    with pytest.raises(EndpointError, match=r"HTTP 504 Gateway Timeout: The request ran longer than the server's 1 s"):
        SparqlEndpoint(fast_timeout.url).run_sparql(query)


def test_a_query_past_the_memory_limit_gets_a_503_json_error(store_dir: Path) -> None:
    with serve(store_dir, port=free_port(), timeout_s=30, memory_mb=200) as server:
        status, body, seconds = get(server.url, PATHOLOGICAL)
        assert status == 503
        assert body["error"] == "memory" and body["limit_mb"] == 200
        assert "more than the server's 200 MB memory limit" in body["message"]
        assert seconds < 10  # the memory limit, not the 30 s timeout, stopped it
        assert server.stats.memory_stops == 1 and server.stats.timeouts == 0
        assert server.stats.peak_rss < 400 * 2**20
        assert transfers(server.url) == 3


def test_other_clients_keep_getting_answers(fast_timeout: SparqlServer) -> None:
    answers: list[int] = []
    failures: list[str] = []
    done = threading.Event()

    def small_queries() -> None:
        while not done.is_set():
            try:
                answers.append(transfers(fast_timeout.url))
            except AssertionError as error:
                failures.append(str(error))

    clients = [threading.Thread(target=small_queries) for _ in range(3)]
    for client in clients:
        client.start()
    try:
        time.sleep(0.2)
        before = len(answers)
        status, _, _ = get(fast_timeout.url, PATHOLOGICAL)
        during = len(answers) - before
        time.sleep(0.3)
    finally:
        done.set()
        for client in clients:
            client.join(timeout=30)
    assert status == 504
    assert failures == []
    assert during >= 10  # answers kept coming while the sort ran and while oxigraph restarted
    assert set(answers) == {3}


def test_an_update_stopped_by_the_timeout_leaves_the_store_unchanged(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = build_store(location)
    store.flush()
    del store
    gc.collect()
    update = (
        "INSERT { ?a <http://example.org/p> ?d } WHERE { GRAPH ?w {?a ?b ?c} GRAPH ?x {?d ?e ?f} GRAPH ?y {?g ?h ?i} }"
    )
    with serve(location, port=free_port(), writable=True, timeout_s=1, memory_mb=2048) as server:
        request = urllib.request.Request(
            server.update_url, data=update.encode(), headers={"Content-Type": "application/sparql-update"}
        )
        with pytest.raises(urllib.error.HTTPError) as stopped:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=30)
        assert stopped.value.code == 504
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }"
        status, body, _ = get(server.url, count)
        assert status == 200 and body["results"]["bindings"][0]["n"]["value"] == "0"


def test_a_crashed_oxigraph_is_replaced(store_dir: Path) -> None:
    with serve(store_dir, port=free_port(), timeout_s=10) as server:
        first = server.process
        assert first is not None
        first.kill()
        assert transfers(server.url) == 3  # waits for the new child, then answers
        assert server.process is not None and server.process.pid != first.pid
        assert server.stats.crashes == 1 and server.stats.restarts == 1


def test_an_answer_larger_than_the_limit_gets_a_503(store_dir: Path) -> None:
    server = SparqlServer(store_dir, port=free_port(), timeout_s=20, max_response_mb=1)
    with server:
        status, body, _ = get(server.url, "SELECT * WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } }")
        assert status == 503 and body["error"] == "too_large" and body["limit_mb"] == 1
        assert transfers(server.url) == 3


def test_a_chunked_request_body_is_refused(fast_timeout: SparqlServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", fast_timeout.port, timeout=10)
    connection.putrequest("POST", "/query")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    connection.send(b"5\r\nASK{}\r\n0\r\n\r\n")
    response = connection.getresponse()
    assert response.status == 411
    assert json.loads(response.read())["error"] == "length_required"
    connection.close()


@pytest.mark.slow
def test_load_with_a_pathological_query_in_the_middle(store_dir: Path) -> None:
    """32 clients of small queries while four pathological queries run one after another: none fails."""
    with serve(store_dir, port=free_port(), timeout_s=1, memory_mb=1024) as server:
        answers: list[float] = []
        failures: list[str] = []
        done = threading.Event()

        def client() -> None:
            while not done.is_set():
                started = time.monotonic()
                try:
                    ok = transfers(server.url) == 3
                except (AssertionError, OSError) as error:
                    failures.append(str(error))
                    continue
                if ok:
                    answers.append(time.monotonic() - started)

        threads = [threading.Thread(target=client) for _ in range(32)]
        for thread in threads:
            thread.start()
        try:
            bad = [get(server.url, PATHOLOGICAL)[0] for _ in range(4)]
            time.sleep(1)
        finally:
            done.set()
            for thread in threads:
                thread.join(timeout=60)
        assert bad == [504] * 4
        assert failures == []
        assert len(answers) > 500
