"""Pushing the store to a remote triple store with the Graph Store Protocol, tested against a
real writable ``oxigraph`` server (behind armskg's front), and through ``armskg ingest --endpoint``."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from query_graph import build_store, iri

from armskg.graph.push import PUSH_STATE_FILE, PushError, graph_fingerprints, push_graphs, push_store
from armskg.graph.serve import SparqlServer, free_port, serve
from armskg.queries.client import SparqlEndpoint
from armskg.queries.library import list_queries, run_query

ARMSKG = Path(sys.executable).parent / "armskg"

VALUES = {
    "iri": iri("t1"),
    "actor": "PRK",
    "string": "Test Wire",
    "date": "2024-01-10",
    "integer": "1",
    "weapon": "ballistic missile",
    "stance": "condemn",
}

# Two short articles written for this test.
ARTICLES = [
    {
        "id": "push_1",
        "date": "2024-03-04",
        "publisher": "Test Wire",
        "text": "Belarus supplied Serbia with artillery shells in March, officials said. "
        "Poland condemned the transfer.",
    },
    {
        "id": "push_2",
        "date": "2024-03-06",
        "publisher": "Example Daily",
        "text": "Belarus denied supplying weapons to Serbia, its foreign ministry said.",
    },
]


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[SparqlServer]:
    with serve(tmp_path / "remote", port=free_port(), writable=True, timeout_s=30) as server:
        yield server


def _local(path: Path) -> ox.Store:
    return build_store(path)


def test_push_store_sends_every_graph_once(remote: SparqlServer, tmp_path: Path) -> None:
    local = _local(tmp_path / "local")
    first = push_store(local, tmp_path / "local", remote.store_url)
    graphs = {str(name.value) for name in local.named_graphs()}
    assert set(first.replaced) == graphs | {"default graph"}
    assert first.triples == len(local)
    assert (tmp_path / "local" / PUSH_STATE_FILE).is_file()

    endpoint = SparqlEndpoint(remote.url)
    for query in list_queries():
        values = {param.name: VALUES[param.type] for param in query.params if param.required}
        assert endpoint.run(query, values).rows == run_query(local, query, values).rows, query.name

    again = push_store(local, tmp_path / "local", remote.store_url)
    assert (again.replaced, again.deleted, again.triples) == ([], [], 0)

    # an article goes away locally: its graph goes away remotely, nothing else is sent
    gone = ox.NamedNode(iri("art:003_d"))
    local.remove_graph(gone)
    third = push_store(local, tmp_path / "local", remote.store_url)
    assert (third.replaced, third.deleted) == ([], [gone.value])
    count = endpoint.run_sparql("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert count == [("4",)]  # three articles and the tallies


def test_a_first_push_to_another_endpoint_sends_everything(remote: SparqlServer, tmp_path: Path) -> None:
    local = _local(tmp_path / "local")
    push_store(local, tmp_path / "local", remote.store_url)
    with serve(tmp_path / "second", port=free_port(), writable=True) as second:
        report = push_store(local, tmp_path / "local", second.store_url)
        assert report.triples == len(local)
    state = json.loads((tmp_path / "local" / PUSH_STATE_FILE).read_text())
    assert set(state) == {remote.store_url, second.store_url}


def test_read_only_store_refuses_the_push_in_one_line(tmp_path: Path) -> None:
    local = build_store()
    remote = build_store(tmp_path / "remote")
    remote.flush()
    del remote  # a read-only server beside a live writer is undefined behaviour (RocksDB compacts under it)
    gc.collect()
    with serve(tmp_path / "remote", port=free_port()) as read_only:
        with pytest.raises(
            PushError, match=r"HTTP 403 Forbidden: the store refused the write; is it read-only"
        ) as caught:
            push_graphs(local, read_only.store_url, [None])
        assert "\n" not in str(caught.value)
    with pytest.raises(PushError, match="cannot reach"):
        push_graphs(local, f"http://127.0.0.1:{free_port()}/store", [None])
    with pytest.raises(PushError, match="not an http"):
        push_graphs(local, "file:///tmp/store", [None])


def test_a_failed_push_records_nothing_as_sent(tmp_path: Path) -> None:
    local = _local(tmp_path / "local")
    nowhere = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match="cannot reach"):
        push_store(local, tmp_path / "local", nowhere)
    assert json.loads((tmp_path / "local" / PUSH_STATE_FILE).read_text()) == {nowhere: {}}
    (tmp_path / "local" / PUSH_STATE_FILE).write_text("{not json")
    with pytest.raises(PushError, match="cannot read the push record"):
        push_store(local, tmp_path / "local", nowhere)


def test_fingerprints_ignore_order_and_see_changes() -> None:
    store = build_store()
    prints = graph_fingerprints(store)
    assert set(prints) == {None} | {str(name.value) for name in store.named_graphs()}
    assert prints == graph_fingerprints(build_store())
    quad = next(iter(store.quads_for_pattern(None, None, None, ox.NamedNode(iri("art:000_a")))))
    store.remove(quad)
    changed = graph_fingerprints(store)
    assert [name for name in prints if prints[name] != changed.get(name)] == [iri("art:000_a")]


def _armskg(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARMSKG_STORE"}
    return subprocess.run(
        [str(ARMSKG), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300, env=env, check=False
    )


def test_ingest_with_endpoint_pushes_what_changed(remote: SparqlServer, tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES), encoding="utf-8")
    local = tmp_path / "kg"
    first = _armskg("ingest", articles, "--store", local, "--endpoint", remote.store_url, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "pushed 4 graphs" in first.stdout and remote.store_url in first.stdout  # default, tallies, 2 articles

    for name, params in (("transfers", ()), ("articles", ()), ("stance-counts", ("--param", "stance=deny"))):
        here = _armskg("query", name, *params, "--store", local, "--format", "json", cwd=tmp_path)
        there = _armskg("query", name, *params, "--endpoint", remote.url, "--format", "json", cwd=tmp_path)
        assert here.returncode == there.returncode == 0, here.stderr + there.stderr
        assert json.loads(there.stdout) == json.loads(here.stdout)
        assert json.loads(here.stdout)["results"]["bindings"], name
    transfers = json.loads(
        _armskg("query", "transfers", "--endpoint", remote.url, "--format", "json", cwd=tmp_path).stdout
    )
    assert {(b["supplierLabel"]["value"], b["recipientLabel"]["value"]) for b in transfers["results"]["bindings"]} == {
        ("Belarus", "Serbia")
    }

    again = _armskg("ingest", articles, "--store", local, "--endpoint", remote.store_url, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "pushed 0 graphs (0 triples)" in again.stdout


def test_ingest_with_a_read_only_endpoint_fails_in_one_line(tmp_path: Path) -> None:
    remote_store = build_store(tmp_path / "remote")
    remote_store.flush()
    del remote_store
    gc.collect()
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    with serve(tmp_path / "remote", port=free_port()) as read_only:
        result = _armskg(
            "ingest", articles, "--store", tmp_path / "kg", "--endpoint", read_only.store_url, cwd=tmp_path
        )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"armskg: push failed: {read_only.store_url}: HTTP 403 Forbidden: the store refused the write; "
                     "is it read-only (armskg serve without --writable)?"]  # fmt: skip
    assert "ingested 1 articles" in result.stdout  # the local store has it; the next push will send it
