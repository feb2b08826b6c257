"""Each event's reporting (article count, first and last publication day): kept by the merge in
step with the articles, whatever path writes them, and written for stores made before it was kept."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
from robustness import article_records, query_csv, write_jsonl

from armskg.graph.ingest import IngestOptions, ingest, remove_article
from armskg.graph.merge import remerge_store, reporting, tallies
from armskg.graph.store import open_store
from armskg.graph.validate import validate_store
from armskg.loaders.readers import read_articles
from armskg.ontology import AK
from armskg.queries.library import load_query
from armskg.queries.run import run_query


def _records(count: int, seed: int, version: int = 1) -> list[dict[str, str]]:
    """Robustness records; every fifth is dated by month only and every seventh not at all."""
    records = article_records(count, seed=seed, version=version)
    for n, record in enumerate(records):
        if n % 5 == 2:
            record["date"] = record["date"][:7]
        elif n % 7 == 3:
            del record["date"]
    return records


def _forget_reporting(store: ox.Store) -> None:
    """Make ``store`` what armskg wrote before it kept each event's reporting."""
    for term in ("articleCount", "firstReported", "lastReported", "reportingKept"):
        for quad in list(store.quads_for_pattern(None, ox.NamedNode(AK + term), None, tallies.TALLY_GRAPH)):
            store.remove(quad)
    assert reporting.kept_reporting(store) == {} and reporting.REPORTING_KEPT not in store


def _same(store: ox.Store) -> dict[str, reporting.Reporting]:
    kept = reporting.kept_reporting(store)
    assert kept == reporting.count_reporting(store)
    return kept


def test_the_merge_keeps_each_events_reporting_as_articles_come_change_and_go(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", _records(40, seed=21))
    one = open_store(tmp_path / "one")
    ingest(one, read_articles([corpus]), IngestOptions(writer="transactional"))
    kept = _same(one)
    assert any(n > 1 and first is not None and first < last for n, first, last in kept.values()), kept  # type: ignore[operator]
    assert any(first is None for _n, first, _last in kept.values()), "some events only undated articles report"
    bulk = open_store(tmp_path / "bulk")
    ingest(bulk, read_articles([corpus]), IngestOptions(writer="bulk", batch_size=6, chunk_size=2))
    assert _same(bulk) == kept

    newer = _records(40, seed=21, version=2)[:15]
    for n, record in enumerate(newer):  # replacements that also move the publication day
        if "date" in record and len(record["date"]) == 10:
            record["date"] = f"2023-{1 + n % 12:02d}-15"
    ingest(bulk, read_articles([write_jsonl(tmp_path / "v2.jsonl", newer)]), IngestOptions(writer="bulk", batch_size=4))
    ingest(one, read_articles([write_jsonl(tmp_path / "v2.jsonl", newer)]), IngestOptions(writer="transactional"))
    moved = _same(bulk)
    assert moved != kept and _same(one) == moved
    for record in _records(40, seed=21)[20:30]:
        remove_article(bulk, record["id"])
    assert _same(bulk) != moved
    remerge_store(bulk)
    _same(bulk)
    assert validate_store(bulk).conforms


def test_an_article_dated_by_month_only_does_not_hide_the_dated_ones(tmp_path: Path) -> None:
    text = "North Korea supplied Russia with ballistic missiles, the officials said."
    records = [
        {"id": "early", "text": text, "date": "2024-01-05"},
        {"id": "month", "text": text, "date": "2024-01"},
        {"id": "late", "text": text, "date": "2024-03-20"},
    ]
    store = open_store(tmp_path / "kg")
    ingest(store, read_articles([write_jsonl(tmp_path / "a.jsonl", records)]), IngestOptions(writer="transactional"))
    query = load_query("transfers-by-period")
    [row] = run_query(store, query, {}).rows
    first, last, articles = (str(value) for value in (row[0], row[1], row[5]))
    assert (first, last, articles) == ("2024-01-05", "2024-03-20", "3")
    assert len(run_query(store, query, {"from": "2024-01-01", "to": "2024-01-31"}).rows) == 1
    assert run_query(store, query, {"from": "2024-02-01"}).rows == []  # first reported in January
    remove_article(store, "early")
    [row] = run_query(store, query, {}).rows
    assert (str(row[0]), str(row[5])) == ("2024-03-20", "2")
    assert run_query(store, query, {"from": "2024-01-01", "to": "2024-01-31"}).rows == []
    remove_article(store, "late")
    [row] = run_query(store, query, {}).rows
    assert row[0] is None and str(row[5]) == "1"  # only the article dated by month: no day
    assert run_query(store, query, {"from": "2000-01-01"}).rows == []


def test_a_store_made_before_reporting_was_kept_gets_it_when_opened_for_writing(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", _records(15, seed=3))
    store = open_store(tmp_path / "kg")
    ingest(store, read_articles([corpus]), IngestOptions(writer="transactional"))
    kept = _same(store)
    assert kept
    _forget_reporting(store)
    del store
    gc.collect()
    before, warning = query_csv(tmp_path / "kg", "transfers", tmp_path)
    assert warning.startswith("armskg: this store was made before armskg kept each event's article count")
    assert query_csv(tmp_path / "kg", "stance-counts", tmp_path)[1] == ""  # it reads no reporting
    store = open_store(tmp_path / "kg")
    assert reporting.REPORTING_KEPT in store
    assert _same(store) == kept
    del store
    gc.collect()
    after, warning = query_csv(tmp_path / "kg", "transfers", tmp_path)
    assert warning == "" and after[0] == before[0] and len(after) > 1


def test_a_bulk_ingest_into_a_store_made_before_reporting_was_kept_writes_it_for_every_event(tmp_path: Path) -> None:
    records = _records(20, seed=9)
    store = open_store(tmp_path / "kg")
    ingest(
        store, read_articles([write_jsonl(tmp_path / "a.jsonl", records[:12])]), IngestOptions(writer="transactional")
    )
    _forget_reporting(store)
    # straight to the bulk ingest (as open_store(finish_merges=False) leaves a store with pending merges)
    ingest(
        store,
        read_articles([write_jsonl(tmp_path / "b.jsonl", records[12:])]),
        IngestOptions(writer="bulk", batch_size=4),
    )
    assert reporting.REPORTING_KEPT in store
    assert len(_same(store)) == len(reporting.count_reporting(store)) > 0  # old events too, not only those it touched
