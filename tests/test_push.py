"""Pushing the store to a remote triple store, merged with what it holds, tested against a real
writable ``oxigraph`` server (behind armskg's front), and through ``armskg ingest --endpoint``:
two researchers' stores pushing to one server keep each other's facts."""

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

from armskg.graph.endpoint import SparqlServer, free_port, serve
from armskg.graph.ingest import IngestOptions, ingest, remove_article
from armskg.graph.store import open_store
from armskg.graph.store.push import (
    PUSH_STATE_FILE,
    PushError,
    fetch_dataset,
    graph_fingerprints,
    push_graphs,
    push_store,
    send_update,
)
from armskg.graph.store.push_merge import PUSH_VERSION, MergedPush, push_mark, versioned_update
from armskg.loaders.article import Article
from armskg.queries.client import SparqlEndpoint
from armskg.queries.library import list_queries
from armskg.queries.run import run_query

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


# Two researchers' stores, written for these tests: lab A and lab B report one transfer (Belarus to
# Serbia); only lab A has Poland's condemnation, only lab B the transfer from Hungary to Slovakia.
LAB_A = [
    Article.from_text(
        "lab_a_1",
        "Belarus supplied Serbia with artillery shells in March, officials said. Poland condemned the transfer.",
        date="2024-03-04",
        publisher="Test Wire",
    )
]
LAB_B = [
    Article.from_text(
        "lab_b_1",
        "Serbia received artillery shells from Belarus this spring, a ministry spokesman said.",
        date="2024-03-06",
        publisher="Example Daily",
    ),
    Article.from_text(
        "lab_b_2",
        "Hungary supplied Slovakia with drones in April, the defence ministry said.",
        date="2024-04-02",
        publisher="Example Daily",
    ),
]
MERGED_VIEW = """
PREFIX ak: <https://w3id.org/armskg/ontology#>
SELECT ?kind ?who ?whom ?sources WHERE {
  { ?event a ak:Transfer ; ak:supplier ?who ; ak:recipient ?whom . BIND("transfer" AS ?kind) }
  UNION { ?event a ak:Statement ; ak:speaker ?who ; ak:stance ?whom . BIND("statement" AS ?kind) }
  ?event ak:sourceCount ?sources .
} ORDER BY ?kind ?who ?whom
"""


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[SparqlServer]:
    with serve(tmp_path / "remote", port=free_port(), writable=True, timeout_s=30) as server:
        yield server


def _ingested(path: Path, articles: list[Article]) -> ox.Store:
    store = open_store(path)
    report = ingest(store, articles, IngestOptions(writer="transactional"))
    assert report.ingested == len(articles), report.failed
    return store


def _local(path: Path) -> ox.Store:
    return _ingested(path, [*LAB_A, *LAB_B])


def _dataset(store: ox.Store) -> set[ox.Quad]:
    """The quads without blank nodes (the ontology's, which each store labels its own way) and the push mark."""
    return {
        q
        for q in store
        if not isinstance(q.subject, ox.BlankNode)
        and not isinstance(q.object, ox.BlankNode)
        and q.predicate != PUSH_VERSION
    }


def _remote(server: SparqlServer) -> set[ox.Quad]:
    return _dataset(fetch_dataset(server.store_url))


def test_a_first_push_makes_the_remote_store_what_the_local_one_is(remote: SparqlServer, tmp_path: Path) -> None:
    local = _local(tmp_path / "local")
    first = push_store(local, tmp_path / "local", remote.store_url)
    graphs = {str(name.value) for name in local.named_graphs()}
    assert set(first.replaced) == graphs | {"default graph"}
    assert (first.deleted, first.removed) == ([], 0)
    assert (tmp_path / "local" / PUSH_STATE_FILE).is_file()
    assert _remote(remote) == _dataset(local)

    endpoint = SparqlEndpoint(remote.url)
    for query in list_queries():
        values = {param.name: VALUES[param.type] for param in query.params if param.required}
        assert endpoint.run(query, values).rows == run_query(local, query, values).rows, query.name

    again = push_store(local, tmp_path / "local", remote.store_url)
    assert (again.replaced, again.deleted, again.triples) == ([], [], 0)


def test_two_stores_pushing_to_one_server_keep_each_others_facts(remote: SparqlServer, tmp_path: Path) -> None:
    lab_a = _ingested(tmp_path / "a", LAB_A)
    lab_b = _ingested(tmp_path / "b", LAB_B)
    push_store(lab_a, tmp_path / "a", remote.store_url)
    pushed = push_store(lab_b, tmp_path / "b", remote.store_url)
    assert pushed.triples > 0 and pushed.deleted == []

    view = SparqlEndpoint(remote.url).run_sparql(MERGED_VIEW).rows
    state, stance = iri("BLR").rsplit("/", 1)[0] + "/", iri("stance:condemn")
    assert view == [
        ("statement", state + "POL", stance, "1"),  # only lab A's article says it: still in the merged view
        ("transfer", state + "BLR", state + "SRB", "2"),  # one event, reported by both labs' articles
        ("transfer", state + "HUN", state + "SVK", "1"),  # only lab B's
    ]
    # the remote store is what one store ingesting every article would be
    everything = _ingested(tmp_path / "all", [*LAB_A, *LAB_B])
    assert _remote(remote) == _dataset(everything)

    # pushing the same articles again changes nothing, record of earlier pushes or not
    held = _remote(remote)
    for lab, folder in ((lab_b, "b"), (lab_a, "a")):
        assert push_store(lab, tmp_path / folder, remote.store_url).triples == 0
        (tmp_path / folder / PUSH_STATE_FILE).unlink()
        report = push_store(lab, tmp_path / folder, remote.store_url)
        assert (report.replaced, report.triples, report.removed) == ([], 0, 0)
    assert _remote(remote) == held


def test_an_article_removed_locally_is_retracted_and_only_its_facts_go(remote: SparqlServer, tmp_path: Path) -> None:
    lab_a = _ingested(tmp_path / "a", LAB_A)
    lab_b = _ingested(tmp_path / "b", LAB_B)
    push_store(lab_a, tmp_path / "a", remote.store_url)
    push_store(lab_b, tmp_path / "b", remote.store_url)
    assert remove_article(lab_b, "lab_b_1") and remove_article(lab_b, "lab_b_2")
    report = push_store(lab_b, tmp_path / "b", remote.store_url)
    assert report.deleted == [iri("art:lab_b_1"), iri("art:lab_b_2")]
    assert _remote(remote) == _dataset(_ingested(tmp_path / "only_a", LAB_A))


def test_an_update_from_a_stale_read_changes_nothing(remote: SparqlServer, tmp_path: Path) -> None:
    """The write is one SPARQL update conditional on the push mark: a push that read the remote
    store before a colleague's push landed cannot overwrite it (push_store then reads again)."""
    push_store(_ingested(tmp_path / "a", LAB_A), tmp_path / "a", remote.store_url)
    mark = push_mark(fetch_dataset(remote.store_url))
    assert mark is not None
    push_store(_ingested(tmp_path / "b", LAB_B), tmp_path / "b", remote.store_url)
    held = _remote(remote)
    gone = next(q for q in held if isinstance(q.graph_name, ox.DefaultGraph))
    stale = versioned_update(MergedPush(delete=[gone]), mark, "stale")
    send_update(remote.update_url, stale)
    assert _remote(remote) == held
    assert push_mark(fetch_dataset(remote.store_url)) not in (mark, "stale")


def test_a_first_push_to_another_endpoint_sends_everything(remote: SparqlServer, tmp_path: Path) -> None:
    local = _local(tmp_path / "local")
    push_store(local, tmp_path / "local", remote.store_url)
    with serve(tmp_path / "second", port=free_port(), writable=True) as second:
        push_store(local, tmp_path / "local", second.store_url)
        assert _remote(second) == _dataset(local)
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


def test_a_push_that_cannot_merge_safely_is_refused_in_one_line(tmp_path: Path) -> None:
    local = _ingested(tmp_path / "local", LAB_A)
    with pytest.raises(PushError) as caught:
        push_store(local, tmp_path / "local", f"http://127.0.0.1:{free_port()}/graphs")
    assert "cannot merge with what this store holds" in str(caught.value) and "\n" not in str(caught.value)
    assert not (tmp_path / "local" / PUSH_STATE_FILE).exists()


def test_a_failed_push_records_nothing_as_sent(tmp_path: Path) -> None:
    local = _ingested(tmp_path / "local", LAB_A)
    nowhere = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match="cannot reach"):
        push_store(local, tmp_path / "local", nowhere)
    assert not (tmp_path / "local" / PUSH_STATE_FILE).exists()
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
    assert lines == [f"armskg: push failed: {read_only.update_url}: HTTP 403 Forbidden: the store refused the write; "
                     "is it read-only (armskg serve without --writable)?"]  # fmt: skip
    assert "ingested 1 articles" in result.stdout  # the local store has it; the next push will send it
