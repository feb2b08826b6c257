"""The one ingest front end: both writers give the same store, and ``auto`` picks by the run's size."""

from __future__ import annotations

import gc
from importlib import resources
from pathlib import Path

import pytest
from robustness import comparable

from armskg.graph.ingest import SMALL_RUN, IngestOptions, choose_writer, ingest, prepare
from armskg.graph.store import open_store
from armskg.loaders.article import Article
from armskg.loaders.lexicon import load_lexicon
from armskg.loaders.readers import read_articles

SAMPLES = Path(str(resources.files("armskg.samples")))


def _samples_store(folder: Path, writer: str) -> tuple[object, int]:
    store = open_store(folder)
    report = ingest(store, read_articles([SAMPLES]), IngestOptions(writer=writer))  # type: ignore[arg-type]
    assert report.ok and report.ingested >= 8
    quads = comparable(store)
    del store
    gc.collect()
    return quads, report.ingested


def test_the_samples_give_the_same_quads_through_either_writer(tmp_path: Path) -> None:
    transactional = _samples_store(tmp_path / "t", "transactional")
    bulk = _samples_store(tmp_path / "b", "bulk")
    assert transactional == bulk


def test_auto_writes_a_small_run_one_article_at_a_time_and_a_large_one_in_bulk(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kg")
    few: list[Article] = [Article.from_text(f"a{n}", "Iran supplied Russia with drones.") for n in range(3)]
    many: list[Article] = [
        Article.from_text(f"b{n}", "Iran supplied Russia with drones.") for n in range(SMALL_RUN + 1)
    ]
    assert choose_writer(store, IngestOptions(), list(few)) == "transactional"
    assert choose_writer(store, IngestOptions(), list(many)) == "bulk"
    assert choose_writer(store, IngestOptions(workers=2), list(few)) == "bulk"
    assert choose_writer(store, IngestOptions(writer="bulk"), list(few)) == "bulk"


@pytest.mark.parametrize("writer", ["transactional", "bulk"])
def test_a_lexicon_object_is_used_as_it_is(tmp_path: Path, writer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process the lexicon travels as the object it is: it is never rebuilt from a folder."""

    def rebuilt(spec: object) -> None:
        raise AssertionError("the lexicon went through a folder")

    monkeypatch.setattr(prepare, "_lexicon", rebuilt)
    store = open_store(tmp_path / "kg")
    art = Article.from_text("l1", "Iran supplied Russia with Shahed-136 drones.", date="2022-10-18")
    options = IngestOptions(writer=writer, lexicon=load_lexicon())  # type: ignore[arg-type]
    assert ingest(store, [art], options).transfers == 1
