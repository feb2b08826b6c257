"""Crash safety: a real ``armskg ingest`` process is killed with SIGKILL while it writes.

After every kill the store must open read-write (the kernel released the LOCK), and hold
exactly what a clean ingest of the articles it holds would give: every article fully present
or absent, never half-written, and the merged default graph consistent with them.  Running
the same ingest again must then finish with the same graph as a run that was never killed.

An ingest loads articles in batches and merges once at the end: a kill leaves markers on the
blocks it had not merged, and opening the store for writing finishes those merges.

The kill comes at a random moment of the write phase: the test watches the store's write-ahead
log grow (the first article being written) and then waits a random part of the time the writing
took in an uninterrupted run.  ``ARMSKG_CRASH_KILLS`` sets the kills per scenario (default 4).
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from robustness import ARMSKG, article_records, cli, comparable, store_quads, write_jsonl

from armskg.graph.ingest import IngestOptions, ingest
from armskg.graph.store import open_store, pending_blocks
from armskg.loaders.article import Article
from armskg.ontology import article_iri

KILLS = int(os.environ.get("ARMSKG_CRASH_KILLS", "4"))
ARTICLES = 120
CONTENT_HASH = ox.NamedNode("https://w3id.org/armskg/ontology#contentHash")

pytestmark = pytest.mark.slow


def _wal_bytes(store: Path) -> int:
    """Bytes in the store's write-ahead logs (0 before the store exists)."""
    try:
        return sum(entry.stat().st_size for entry in store.iterdir() if entry.suffix == ".log")
    except OSError:
        return 0


@dataclass
class _Run:
    """One ingest process: how long it wrote (first to last write seen), how it ended."""

    returncode: int
    write_s: float
    killed: bool


def _ingest(
    corpus: Path, store: Path, cwd: Path, *, kill_after: float | None = None, kill_at_bytes: int | None = None
) -> _Run:
    """Run ``armskg ingest`` and, if ``kill_after`` is given, SIGKILL it that long after its first write
    (or, with ``kill_at_bytes``, once its write-ahead logs have grown by that many bytes).  Its
    ``TMPDIR`` is ``cwd``: a killed run cannot delete its report spill, and the test's folder holds it."""
    before = _wal_bytes(store)
    process = subprocess.Popen(
        [str(ARMSKG), "ingest", "--quiet", "--store", str(store), str(corpus)],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(cwd)},
    )
    first_write: float | None = None
    last_write = 0.0
    lowest = before  # opening the store may first fold the old logs away
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        now = time.monotonic()
        wal = _wal_bytes(store)
        lowest = min(lowest, wal)
        if wal > lowest:
            first_write = first_write or now
            last_write = now
            lowest = wal
        late = first_write is not None and kill_after is not None and now - first_write >= kill_after
        grown = kill_at_bytes is not None and wal - before >= kill_at_bytes
        if late or grown:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    _, stderr = process.communicate(timeout=300)
    killed = process.returncode == -signal.SIGKILL
    if not killed:
        assert process.returncode == 0, stderr
    return _Run(process.returncode, last_write - (first_write or last_write), killed)


def _articles(records: list[dict[str, str]]) -> list[Article]:
    return [Article.from_text(r["id"], r["text"], date=r["date"]) for r in records]


def _clean_graph(records: list[dict[str, str]], folder: Path) -> tuple[frozenset[ox.Quad], int]:
    """What a store holds after a clean, uninterrupted ingest of ``records`` (in this process)."""
    store = open_store(folder)
    report = ingest(store, _articles(records), IngestOptions(writer="transactional"))
    assert report.failed == []
    quads = comparable(store)
    del store
    gc.collect()
    return quads


def _versions(quads: frozenset[ox.Quad], by_hash: dict[str, tuple[str, int]]) -> dict[str, int]:
    """Article id -> the version (1 or 2) whose content hash the store holds for it."""
    found: dict[str, int] = {}
    for quad in quads:
        if quad.predicate == CONTENT_HASH and isinstance(quad.object, ox.Literal):
            article, version = by_hash[quad.object.value]
            if isinstance(quad.graph_name, ox.DefaultGraph) and quad.subject == ox.NamedNode(article_iri(article)):
                found[article] = version
    return found


def _finish_pending(store: Path) -> None:
    """Open the store as any write does: the merges a killed ingest left are finished."""
    handle = open_store(store)
    assert not pending_blocks(handle)
    del handle
    gc.collect()


def _opens_read_write(store: Path) -> None:
    """The store opens for writing: the killed process's LOCK is gone and the files are readable."""
    handle = ox.Store(str(store))
    assert len(handle) > 0
    del handle
    gc.collect()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, list[dict[str, str]]]]:
    folder = tmp_path_factory.mktemp("crash-corpus")
    v1 = article_records(ARTICLES, version=1)
    v2 = article_records(ARTICLES, version=2)
    yield write_jsonl(folder / "v1.jsonl", v1), write_jsonl(folder / "v2.jsonl", v2), v1 + v2


def _check_after_kill(
    store: Path,
    records: list[dict[str, str]],
    by_hash: dict[str, tuple[str, int]],
    scratch: Path,
) -> dict[str, int]:
    """Every article fully there (in one version) or absent, and, once the store is opened for
    writing again (which finishes the merges the killed run left pending), the merged graph
    consistent with them."""
    _opens_read_write(store)
    _finish_pending(store)
    quads = store_quads(store)
    versions = _versions(quads[0], by_hash)
    present = [r for r in records if versions.get(r["id"]) == _version_of(r, by_hash)]
    assert quads == _clean_graph(present, scratch), "the killed store differs from a clean ingest of what it holds"
    return versions


def _version_of(record: dict[str, str], by_hash: dict[str, tuple[str, int]]) -> int:
    article = Article.from_text(record["id"], record["text"], date=record["date"])
    return by_hash[article.content_hash][1]


def _hash_index(records: list[dict[str, str]]) -> dict[str, tuple[str, int]]:
    v1_ids: set[str] = set()
    index: dict[str, tuple[str, int]] = {}
    for record in records:
        version = 2 if record["id"] in v1_ids else 1
        v1_ids.add(record["id"])
        index[Article.from_text(record["id"], record["text"], date=record["date"]).content_hash] = (
            record["id"],
            version,
        )
    return index


def _kill_series(
    start: Path,
    corpus: Path,
    window: float,
    records: list[dict[str, str]],
    target: int,
    tmp_path: Path,
    rng: random.Random,
) -> tuple[Path, list[int]]:
    """:data:`KILLS` ingests of ``corpus`` killed at random, each going on from where the last stopped
    (from a copy of ``start`` again when one finished first); after each, the store is checked.

    Returns the store and how many articles were at version ``target`` after each kill.
    """
    by_hash = _hash_index(records)
    store, done, attempts = tmp_path / "killed", 0, 0
    survived: list[int] = []
    shutil.copytree(start, store)
    while len(survived) < KILLS and attempts < 4 * KILLS:
        attempts += 1
        remaining = (ARTICLES - done) / ARTICLES
        run = _ingest(corpus, store, tmp_path, kill_after=rng.uniform(0.0, window * remaining))
        if not run.killed:  # it finished before the kill came: start over
            shutil.rmtree(store)
            shutil.copytree(start, store)
            done = 0
            continue
        versions = _check_after_kill(store, records, by_hash, tmp_path / f"clean{attempts}")
        if target == 2:
            assert len(versions) == ARTICLES, "an article went missing while it was being replaced"
        done = sum(1 for v in versions.values() if v == target)
        survived.append(done)
    assert len(survived) == KILLS, f"only {len(survived)} of {KILLS} kills came while the ingest was writing"
    return store, survived


def _fresh_store(location: Path) -> Path:
    """A new store holding only the ontology, so that the writes watched are articles."""
    handle = open_store(location)
    del handle
    gc.collect()
    return location


def test_sigkill_during_first_ingest_leaves_whole_articles(
    tmp_path: Path, corpus: tuple[Path, Path, list[dict[str, str]]], record_property: Callable[[str, object], None]
) -> None:
    v1_path, _, both = corpus
    start = _fresh_store(tmp_path / "start")
    reference = tmp_path / "reference"
    shutil.copytree(start, reference)
    window = _ingest(v1_path, reference, tmp_path).write_s
    expected = store_quads(reference)

    store, present = _kill_series(start, v1_path, window, both[:ARTICLES], 1, tmp_path, random.Random(1))
    assert _ingest(v1_path, store, tmp_path).returncode == 0
    assert store_quads(store) == expected
    record_property("articles_present_after_each_kill", present)
    print(f"first ingest: {len(present)} kills survived; articles present after each: {present} of {ARTICLES}")


def test_sigkill_during_reingest_of_changed_articles(
    tmp_path: Path, corpus: tuple[Path, Path, list[dict[str, str]]], record_property: Callable[[str, object], None]
) -> None:
    v1_path, v2_path, both = corpus
    start = _fresh_store(tmp_path / "start")
    _ingest(v1_path, start, tmp_path)
    reference = tmp_path / "reference"
    shutil.copytree(start, reference)
    window = _ingest(v2_path, reference, tmp_path).write_s
    expected = store_quads(reference)

    store, updated = _kill_series(start, v2_path, window, both, 2, tmp_path, random.Random(2))
    assert _ingest(v2_path, store, tmp_path).returncode == 0
    assert store_quads(store) == expected
    record_property("articles_updated_after_each_kill", updated)
    print(f"re-ingest: {len(updated)} kills survived; articles replaced after each: {updated} of {ARTICLES}")


def test_a_killed_ingest_leaves_a_store_every_command_reads(
    tmp_path: Path, corpus: tuple[Path, Path, list[dict[str, str]]]
) -> None:
    v1_path = corpus[0]
    store = tmp_path / "kg"
    reference = tmp_path / "reference"
    _ingest(v1_path, reference, tmp_path)
    half = max(_wal_bytes(reference) // 2, 1)  # half way through its writes, however busy the machine is
    run = _ingest(v1_path, store, tmp_path, kill_at_bytes=half)
    assert run.killed
    for command in (["summary"], ["query", "transfers"], ["export", "--format", "nquads", "-o", "out.nq"]):
        result = cli(*command, "--store", store, cwd=tmp_path)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "out.nq").stat().st_size > 0
