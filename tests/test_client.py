"""The query client against real endpoints: armskg's own server (oxigraph behind the front),
a union-default-graph server over article graphs only, and small local HTTP servers that
answer like other SPARQL endpoints do (other term forms, errors, slow or cut-off answers)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from query_graph import build_store, iri
from SPARQLWrapper import JSON, SPARQLWrapper

from armskg.graph.endpoint import SparqlServer, free_port, serve
from armskg.queries.client import (
    DEFAULT_USER_AGENT,
    EndpointError,
    SparqlEndpoint,
    inline_values,
    result_from_json,
    run,
)
from armskg.queries.library import QueryError, bind_parameters, list_queries, load_query
from armskg.queries.run import run_query

ARMSKG = Path(sys.executable).parent / "armskg"

# One value per parameter type, chosen so that most queries give rows on the test graph.
VALUES = {
    "iri": iri("t1"),
    "actor": "RUS",
    "string": "Test Wire",
    "date": "2024-01-10",
    "integer": "1",
    "weapon": "drone",
    "stance": "deny",
}


def _on_disk(path: Path, *, merged: bool = True) -> Path:
    store = build_store(path, merged=merged)
    store.flush()
    del store
    gc.collect()  # pyoxigraph holds the store's LOCK while the object lives
    return path


@pytest.fixture(scope="module")
def memory_store() -> ox.Store:
    return build_store()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    location = _on_disk(tmp_path_factory.mktemp("client") / "store")
    with serve(location, port=free_port(), timeout_s=20) as running:
        yield running


@pytest.fixture(scope="module")
def union_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    """Only the article graphs, queried with their union as default graph: what a lab's store
    holds when another tool loaded the article graphs (a triple comes once per graph there)."""
    location = _on_disk(tmp_path_factory.mktemp("union") / "store", merged=False)
    with serve(location, port=free_port(), timeout_s=20, union_default_graph=True) as running:
        yield running


def _cases() -> list[object]:
    cases: list[object] = []
    for query in list_queries():
        cases.append(pytest.param(query.name, id=query.name))
    return cases


@pytest.mark.parametrize("name", _cases())
def test_every_library_query_gives_the_same_rows_through_the_server(
    name: str, server: SparqlServer, memory_store: ox.Store
) -> None:
    query = load_query(name)
    endpoint = SparqlEndpoint(server.url)
    required = {param.name: VALUES[param.type] for param in query.params if param.required}
    every = {param.name: VALUES[param.type] for param in query.params}
    for values in (required, every):
        local = run_query(memory_store, query, values)
        remote = endpoint.run(query, values)
        assert remote.variables == local.variables
        assert remote.rows == local.rows
        assert remote.to_json() == local.to_json()


@pytest.mark.parametrize("name", _cases())
def test_library_queries_count_once_over_a_union_default_graph(
    name: str, union_server: SparqlServer, memory_store: ox.Store
) -> None:
    """Oxigraph returns a triple once per graph holding it over the union default graph:
    the queries say DISTINCT, so the rows are those of the merged default graph."""
    query = load_query(name)
    values = {param.name: VALUES[param.type] for param in query.params if param.required}
    assert SparqlEndpoint(union_server.url).run(query, values).rows == run_query(memory_store, query, values).rows


def test_rows_through_the_server_are_the_expected_ones(server: SparqlServer) -> None:
    rows = SparqlEndpoint(server.url).run("joint-statements", {"signatory": "JPN"}).rows
    signed = ("Japan; South Korea; United States", "condemn", "joint statement")
    assert rows == [("2024-01-10", "3", *signed, iri("s1"), iri("t1"), iri("JPN"))]
    frame = run(server.url, "stance-counts", {"stance": "deny"}).to_dataframe()
    assert frame[["speakerLabel", "statements"]].values.tolist() == [["Iran", 1], ["Russia", 1]]


def test_run_takes_a_store_a_url_or_an_endpoint(server: SparqlServer, memory_store: ox.Store) -> None:
    local = run(memory_store, "transfers", {"supplier": "PRK"})
    assert run(server.url, "transfers", {"supplier": "PRK"}).rows == local.rows
    assert run(SparqlEndpoint(server.url), load_query("transfers"), {"supplier": "PRK"}).rows == local.rows
    assert len(local.rows) == 2


# --- parameters ----------------------------------------------------------------------------------

INJECTIONS = ['"} ; DROP ALL ; {"', "Test Wire' } ; DROP ALL ; { '", 'Test Wire" } UNION { ?s ?p ?o } #', "a\\"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_parameters_reach_the_endpoint_as_one_literal(value: str, server: SparqlServer) -> None:
    endpoint = SparqlEndpoint(server.url)
    assert endpoint.run("articles", {"publisher": value}).rows == []
    sparql = inline_values(load_query("articles").sparql, bind_parameters(load_query("articles"), {"publisher": value}))
    # the same text on a writable store: still one literal, nothing dropped
    store = build_store()
    before = len(store)
    assert run_query(store, load_query(str(_write(sparql)))).rows == []
    assert len(store) == before
    assert endpoint.run("articles", {"publisher": "Test Wire"}).rows[0][0] == "000_a"


def _write(text: str) -> Path:
    import tempfile

    handle = tempfile.NamedTemporaryFile("w", suffix=".rq", delete=False, encoding="utf-8")  # noqa: SIM115
    with handle:
        handle.write(text)
    return Path(handle.name)


@pytest.mark.parametrize("value", ["x> } ; DROP ALL ; {<y", "https://x/a b", "https://x/{y}", "not an iri"])
def test_crafted_iris_are_refused_before_anything_is_sent(value: str) -> None:
    endpoint = SparqlEndpoint(f"http://127.0.0.1:{free_port()}/query")  # nobody listens: a send would fail
    with pytest.raises(QueryError, match="parameter 'event'") as caught:
        endpoint.run("evidence", {"event": value})
    assert not isinstance(caught.value, EndpointError)
    assert "\n" not in str(caught.value)


def test_inline_values_opens_the_outermost_group() -> None:
    text = 'PREFIX a: <http://x/#>\n# SELECT { in a comment\nSELECT ?s ("{" AS ?brace) (EXISTS { ?s ?p ?o } AS ?e)\nWHERE { ?s ?p ?o { SELECT ?s WHERE { ?s ?p ?o } } }'  # noqa: E501
    terms: dict[str, ox.NamedNode | ox.Literal] = {"s": ox.NamedNode("http://x/a"), "o": ox.Literal('it\'s "quoted"\n')}
    bound = inline_values(text, terms)
    assert bound.startswith(text[: text.index("WHERE {") + 7])
    assert 'VALUES (?s ?o) { (<http://x/a> "it\'s \\"quoted\\"\\n") }' in bound
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal('it\'s "quoted"\n')))
    solutions = store.query(bound)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [str(row["s"]) for row in solutions] == ["<http://x/a>"]
    assert inline_values(text, {}) == text
    with pytest.raises(QueryError, match="no group pattern"):
        inline_values("SELECT ?s", terms)
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        inline_values(text, {"s o": ox.Literal("x")})


def test_updates_are_refused_before_anything_is_sent() -> None:
    endpoint = SparqlEndpoint(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(QueryError, match="SPARQL update"):
        endpoint.run_sparql("DROP ALL")


# --- talking to other endpoints --------------------------------------------------------------------


class _Endpoint(BaseHTTPRequestHandler):
    """A small SPARQL endpoint: it records each request and answers what the test set."""

    seen: ClassVar[list[tuple[str, str, dict[str, str], bytes]]] = []
    answer: ClassVar[tuple[int, str, bytes]] = (200, "application/sparql-results+json", b"{}")
    delay_s: ClassVar[float] = 0.0

    def do_GET(self) -> None:
        self._reply(b"")

    def do_POST(self) -> None:
        self._reply(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def _reply(self, body: bytes) -> None:
        type(self).seen.append((self.command, self.path, dict(self.headers.items()), body))
        time.sleep(type(self).delay_s)
        status, kind, data = type(self).answer
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def other() -> Iterator[tuple[str, type[_Endpoint]]]:
    handler = type("Handler", (_Endpoint,), {"seen": [], "delay_s": 0.0})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_other_term_forms_user_agent_and_post(other: tuple[str, type[_Endpoint]]) -> None:
    url, handler = other
    document = {
        "head": {"vars": ["item", "label", "n", "b"]},
        "results": {
            "bindings": [
                {
                    "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q423"},
                    "label": {"type": "literal", "value": "Corée du Nord", "xml:lang": "fr"},
                    "n": {
                        "type": "typed-literal",
                        "value": "7",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                    },
                    "b": {"type": "bnode", "value": "b0"},
                },
                {"label": {"type": "literal", "value": "plain"}},
            ]
        },
    }
    handler.answer = (200, "application/sparql-results+json", json.dumps(document).encode())
    endpoint = SparqlEndpoint(url, user_agent="armskg-test/1 (mailto:lab@example.org)")
    result = endpoint.run_sparql("SELECT * WHERE { ?item ?p ?label }")
    assert result.rows == [
        ("http://www.wikidata.org/entity/Q423", "Corée du Nord", "7", "_:b0"),
        (None, "plain", None, None),
    ]
    assert result.terms[0][1] == ox.Literal("Corée du Nord", language="fr")
    assert result.to_dataframe()["n"].tolist()[0] == 7
    method, _, headers, _ = handler.seen[-1]
    assert (method, headers["User-Agent"]) == ("GET", "armskg-test/1 (mailto:lab@example.org)")
    assert "application/sparql-results+json" in headers["Accept"]

    long_query = "SELECT * WHERE { ?item ?p ?label }\n" + "# a long comment\n" * 200
    SparqlEndpoint(url).run_sparql(long_query)
    method, _, headers, body = handler.seen[-1]
    assert method == "POST" and headers["Content-Type"] == "application/sparql-query"
    assert body.decode() == long_query and headers["User-Agent"] == DEFAULT_USER_AGENT

    handler.answer = (200, "application/sparql-results+json", b'{"head": {}, "boolean": true}')
    assert SparqlEndpoint(url, method="POST").run_sparql("ASK { ?s ?p ?o }").boolean is True


@pytest.mark.parametrize(
    ("answer", "wanted"),
    [
        ((200, "application/sparql-results+json", b'{"head":{"vars":["n"]},"results":{"bindings":['), "cut off"),
        ((200, "text/html", b"<html>hello</html>"), "not SPARQL JSON"),
        ((200, "application/json", b'{"results": 3}'), "not SPARQL JSON results"),
        ((400, "text/plain", b"Parse error at line 1\nmore"), r"HTTP 400: the endpoint refused the query: Parse error"),
        ((401, "text/plain", b""), "wants authentication"),
        ((404, "text/plain", b"nothing here"), "no SPARQL endpoint at this URL"),
        ((500, "text/plain", b"boom"), "HTTP 500: the endpoint failed: boom"),
        ((503, "application/json", b'{"error": "memory", "message": "Too big."}'), "HTTP 503 .*: Too big."),
        ((429, "text/plain", b"slow down"), "HTTP 429 .*: slow down"),
    ],
)
def test_endpoint_failures_are_one_line(
    other: tuple[str, type[_Endpoint]], answer: tuple[int, str, bytes], wanted: str
) -> None:
    url, handler = other
    handler.answer = answer
    with pytest.raises(EndpointError, match=wanted) as caught:
        SparqlEndpoint(url).run_sparql("SELECT * WHERE { ?s ?p ?o }")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(url) or "cannot reach" in str(caught.value)


def test_slow_endpoint_times_out(other: tuple[str, type[_Endpoint]]) -> None:
    url, handler = other
    handler.delay_s = 3.0
    started = time.monotonic()
    with pytest.raises(EndpointError, match="no answer within 1 s"):
        SparqlEndpoint(url, timeout_s=1).run_sparql("SELECT * WHERE { ?s ?p ?o }")
    assert time.monotonic() - started < 2.9


def test_unreachable_and_malformed_urls() -> None:
    with pytest.raises(EndpointError, match=r"cannot reach http://127\.0\.0\.1:"):
        SparqlEndpoint(f"http://127.0.0.1:{free_port()}/query").run("transfers")
    with pytest.raises(EndpointError, match="not an http"):
        SparqlEndpoint("ftp://example.org/sparql")
    with pytest.raises(EndpointError, match="method 'PUT'"):
        SparqlEndpoint("http://example.org/sparql", method="PUT")


def test_armskg_errors_come_through_as_one_line(server: SparqlServer) -> None:
    with pytest.raises(EndpointError, match=r"HTTP 400: the endpoint refused the query") as caught:
        SparqlEndpoint(server.url).run_sparql("SELECT * WHERE { ?s ?p }")
    assert "\n" not in str(caught.value)
    with pytest.raises(EndpointError, match="HTTP 404"):
        SparqlEndpoint(server.base_url + "/nowhere").run("transfers")


def test_result_from_json_refuses_what_is_not_results() -> None:
    with pytest.raises(EndpointError):
        result_from_json([1, 2])
    with pytest.raises(EndpointError, match="unknown term type"):
        result_from_json({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "alien", "value": "?"}}]}})


def test_plain_sparqlwrapper_works_on_the_endpoint(server: SparqlServer) -> None:
    """The endpoint is standard: SPARQLWrapper alone, no armskg code, gets the same answer."""
    wrapper = SPARQLWrapper(server.url)
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery(load_query("transfer-pairs").sparql)
    document = wrapper.query().convert()
    assert isinstance(document, dict)
    pairs = [(b["supplierLabel"]["value"], b["transfers"]["value"]) for b in document["results"]["bindings"]]
    assert pairs == [("North Korea", "2"), ("Iran", "1")]


def test_cli_query_against_an_endpoint(server: SparqlServer, memory_store: ox.Store, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(ARMSKG), "query", "strikes", "--endpoint", server.url, "--param", "weapon=drone", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(
        run_query(memory_store, load_query("strikes"), {"weapon": "drone"}).to_json()
    )
    refused = subprocess.run(
        [str(ARMSKG), "query", "transfers", "--endpoint", f"http://127.0.0.1:{free_port()}/query"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert refused.returncode == 2
    assert refused.stderr.startswith("armskg: cannot reach http://127.0.0.1:")
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
