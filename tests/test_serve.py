"""The real ``oxigraph`` server over a store on disk, queried with SPARQLWrapper."""

from __future__ import annotations

import gc
import socket
import urllib.error
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from armskg.graph.serve import ServerError, SparqlServer, free_port, serve

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
