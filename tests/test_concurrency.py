"""Two processes and one store: what is refused, what is supported, and that nothing is corrupted.

- A second writer (``ingest``, ``remove``, ``serve --writable``) is refused with one line naming
  the store and saying it is in use; the first goes on undisturbed.
- Readers (``query``, ``summary``, ``export``, ``map``, a read-only ``serve``) open the store beside
  a writer: they see whole articles only; a read-only server reopens the store once the writer
  has written (``tests/test_serve_freshness.py``).
"""

from __future__ import annotations

import gc
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from robustness import ARMSKG, article_records, cli, store_quads, write_jsonl

from armskg.graph.endpoint import SparqlServer, free_port
from armskg.graph.store import StoreError, open_store
from armskg.graph.store.reader_lock import bulk_write

pytestmark = pytest.mark.slow

COUNT_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/armskg/ontology#Article> }"


def test_a_second_writer_process_is_refused_with_one_line(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", article_records(20))
    holder = open_store(tmp_path / "kg")  # this test process holds the store for writing
    try:
        for command in (["ingest", corpus], ["remove", "art0001"]):
            result = cli(*command, "--store", tmp_path / "kg", cwd=tmp_path)
            assert result.returncode == 1
            [line] = result.stderr.strip().splitlines()
            assert line.startswith(f"armskg: {tmp_path / 'kg'}: the store is in use by another process")
        with pytest.raises(StoreError, match="in use by another process"):
            open_store(tmp_path / "kg")
    finally:
        del holder
        gc.collect()
    assert cli("ingest", "--store", tmp_path / "kg", corpus, cwd=tmp_path).returncode == 0


def test_two_ingests_at_once_one_refused_one_complete(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", article_records(150))
    store = tmp_path / "kg"
    first = subprocess.Popen(
        [str(ARMSKG), "ingest", "--store", str(store), str(corpus)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not (store / "LOCK").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    second = cli("ingest", "--store", store, corpus, cwd=tmp_path)
    _, first_err = first.communicate(timeout=600)
    if second.returncode == 0:  # the first had already finished: nothing overlapped, nothing to see
        pytest.skip("the first ingest ended before the second started")
    assert first.returncode == 0, first_err
    assert second.returncode == 1 and "in use by another process" in second.stderr
    reference = tmp_path / "reference"
    assert cli("ingest", "--store", reference, corpus, cwd=tmp_path).returncode == 0
    assert store_quads(store) == store_quads(reference)


def test_readers_beside_a_writer_see_whole_articles(tmp_path: Path) -> None:
    records = article_records(150)
    corpus = write_jsonl(tmp_path / "c.jsonl", records)
    store = tmp_path / "kg"
    writer = subprocess.Popen(
        [str(ARMSKG), "ingest", "--store", str(store), str(corpus)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen, refused = [], 0
    while writer.poll() is None:
        try:
            reader = open_store(store, read_only=True)
        except StoreError:
            refused += 1  # a clear refusal is allowed; a crash or a wrong count is not
            time.sleep(0.05)
            continue
        result = reader.query(COUNT_ARTICLES)
        assert isinstance(result, ox.QuerySolutions)
        [row] = list(result)
        count = row[0]
        assert isinstance(count, ox.Literal)
        seen.append(int(count.value))
        del reader
        gc.collect()
        time.sleep(0.05)
    assert writer.returncode == 0, writer.communicate()[1]
    assert seen == sorted(seen), "a reader saw articles disappear"
    assert all(0 <= n <= len(records) for n in seen)
    print(
        f"\n{len(seen)} read-only opens beside the writer, {refused} refused; articles seen: {seen[:3]}...{seen[-3:]}"
    )


def test_ingest_while_a_read_only_server_is_up(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    first = write_jsonl(tmp_path / "a.jsonl", article_records(40, seed=1))
    second = write_jsonl(tmp_path / "b.jsonl", [dict(r, id="b" + r["id"]) for r in article_records(80, seed=2)])
    assert cli("ingest", "--store", store, first, cwd=tmp_path).returncode == 0
    server = SparqlServer(store, port=free_port(), timeout_s=30)
    server.start()
    with bulk_write(store) as free:
        assert not free, "a read-only server must keep the bulk loader off"
    try:
        import urllib.parse
        import urllib.request

        def count() -> int:
            url = server.url + "?" + urllib.parse.urlencode({"query": COUNT_ARTICLES})
            request = urllib.request.Request(url, headers={"Accept": "text/csv"})
            with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=60) as response:
                return int(response.read().decode().split()[-1])

        assert count() == 40
        writer = subprocess.Popen(
            [str(ARMSKG), "ingest", "--store", str(store), str(second)],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        answers = []
        while writer.poll() is None:
            answers.append(count())  # the server keeps answering; it reopens the store when the writer pauses
        assert writer.returncode == 0, writer.communicate()[1]
        answers.append(count())
        assert answers == sorted(answers) and all(40 <= n <= 120 for n in answers), answers  # whole articles only
    finally:
        server.stop()
    with SparqlServer(store, port=free_port()) as restarted:  # a restart sees the new articles
        assert restarted.running
        import urllib.parse
        import urllib.request

        url = restarted.url + "?" + urllib.parse.urlencode({"query": COUNT_ARTICLES})
        request = urllib.request.Request(url, headers={"Accept": "text/csv"})
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=60) as response:
            assert int(response.read().decode().split()[-1]) == 120
    reference = tmp_path / "reference"
    for corpus in (first, second):
        assert cli("ingest", "--store", reference, corpus, cwd=tmp_path).returncode == 0
    assert store_quads(store) == store_quads(reference)


def test_a_writable_server_holds_the_store_and_ingest_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    corpus = write_jsonl(tmp_path / "c.jsonl", article_records(5))
    assert cli("ingest", "--store", store, corpus, cwd=tmp_path).returncode == 0
    with SparqlServer(store, port=free_port(), writable=True):
        result = cli("ingest", "--store", store, corpus, cwd=tmp_path)
        assert result.returncode == 1
        assert "in use by another process" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
