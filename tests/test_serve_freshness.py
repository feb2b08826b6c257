"""A running read-only ``armskg serve`` sees what a later ``armskg ingest`` added: the front reopens the
store once the ingest has written, between requests, and every answer says when the store it comes
from was opened (``X-Armskg-Snapshot``).  Real server, real ingest processes."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from robustness import ARMSKG, article_records, cli, write_jsonl

from armskg.graph.endpoint import SparqlServer, free_port

COUNT_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/armskg/ontology#Article> }"


def _count(server: SparqlServer) -> tuple[int, str]:
    """The number of articles the server sees, and its X-Armskg-Snapshot header."""
    url = server.url + "?" + urllib.parse.urlencode({"query": COUNT_ARTICLES})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=60) as response:
        document = json.loads(response.read())
        return int(document["results"]["bindings"][0]["n"]["value"]), response.headers["X-Armskg-Snapshot"]


def _until(server: SparqlServer, wanted: int, limit_s: float = 120.0) -> list[int]:
    """Ask until the server sees ``wanted`` articles (a wait for a condition: it fails only when it never comes)."""
    seen = [_count(server)[0]]
    deadline = time.monotonic() + limit_s
    while seen[-1] != wanted and time.monotonic() < deadline:
        time.sleep(0.2)
        seen.append(_count(server)[0])
    return seen


def test_a_running_server_sees_a_later_ingest(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    first = write_jsonl(tmp_path / "a.jsonl", article_records(5, seed=1))
    second = write_jsonl(tmp_path / "b.jsonl", [dict(r, id="b" + r["id"]) for r in article_records(7, seed=2)])
    assert cli("ingest", "--store", store, first, cwd=tmp_path).returncode == 0
    with SparqlServer(store, port=free_port(), timeout_s=30) as server:
        count, opened = _count(server)
        assert count == 5 and opened == server.snapshot
        done = cli("ingest", "--store", store, second, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        seen = _until(server, 12)
        assert seen[-1] == 12, f"the server kept answering from the store as it opened it: {seen[-5:]}"
        assert server.stats.refreshes >= 1 and server.stats.crashes == 0
        assert _count(server)[1] == server.snapshot >= opened


def test_queries_keep_answering_while_an_ingest_runs_beside_the_server(tmp_path: Path) -> None:
    """Counts only grow, never fail, while the server reopens the store under a running ingest."""
    store = tmp_path / "kg"
    assert (
        cli("ingest", "--store", store, write_jsonl(tmp_path / "a.jsonl", article_records(10)), cwd=tmp_path).returncode
        == 0
    )
    more = write_jsonl(tmp_path / "b.jsonl", [dict(r, id="b" + r["id"]) for r in article_records(30, seed=3)])
    with SparqlServer(store, port=free_port(), timeout_s=30) as server:
        writer = subprocess.Popen(
            [str(ARMSKG), "ingest", "--store", str(store), str(more)],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        answers: list[int] = []
        stop = threading.Event()

        def ask() -> None:
            while not stop.is_set():
                answers.append(_count(server)[0])
                time.sleep(0.05)  # gaps between requests, as a person at the query page leaves them

        asker = threading.Thread(target=ask)
        asker.start()
        try:
            assert writer.wait(timeout=600) == 0, writer.communicate()[1]
        finally:
            stop.set()
            asker.join(timeout=120)
        answers += _until(server, 40)
    assert answers == sorted(answers) and answers[0] == 10 and answers[-1] == 40, answers
