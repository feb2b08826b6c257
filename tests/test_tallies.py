"""Statement tallies: kept by the merge in step with the statements, whatever path writes them."""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from robustness import article_records, cli, query_csv, write_jsonl

from armskg.graph.ingest import IngestOptions, IngestProgress, ingest, remove_article, write_article
from armskg.graph.merge import remerge_store, tallies
from armskg.graph.store import merge_pending, open_store, pending_blocks
from armskg.loaders.article import Article
from armskg.loaders.facts import Actor, Evidence, Extraction, Mention, Statement
from armskg.loaders.readers import read_articles
from armskg.ontology import actor_iri, stance_iri
from armskg.queries.library import load_query
from armskg.queries.run import run_query

STATES = {"USA": "United States", "KOR": "South Korea", "JPN": "Japan", "RUS": "Russia"}


def _joint(article_id: str, day: dt.date, stance: str, *speakers: str) -> tuple[Article, Extraction]:
    """An article in which ``speakers`` (ISO3 codes) make one statement with ``stance`` on ``day``."""
    text = f"A joint statement reported by {article_id}."
    article = Article.from_text(article_id, text, date=day.isoformat(), publisher=f"Desk {article_id}")
    extraction = Extraction()
    for iso3 in speakers:
        extraction.add_actor(Actor(f"state:{iso3}", "state", STATES[iso3], iso3=iso3))
        extraction.mentions.append(Mention(f"state:{iso3}", 0, 1, "A"))
    evidence = Evidence(text, 0, len(text), "test.rule")
    extraction.statements.append(Statement(tuple(f"state:{s}" for s in speakers), stance, evidence, date=day))
    return article, extraction


def _pair(a: str, b: str, stance: str) -> tallies.TallyKey:
    first, second = sorted((actor_iri(f"state:{a}"), actor_iri(f"state:{b}")))
    return ("pair", first, second, stance_iri(stance))


def _stance(speaker: str, stance: str) -> tallies.TallyKey:
    return ("stance", actor_iri(f"state:{speaker}"), stance_iri(stance))


def _mention(actor: str) -> tallies.TallyKey:
    return ("mention", actor_iri(f"state:{actor}"))


def test_tallies_follow_statements_as_articles_come_and_go(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kg")
    jan, mar = dt.date(2024, 1, 10), dt.date(2024, 3, 2)
    write_article(store, *_joint("first", jan, "condemn", "USA", "KOR", "JPN"))
    write_article(store, *_joint("again", jan, "condemn", "USA", "KOR", "JPN"))  # the same statement
    write_article(store, *_joint("later", mar, "condemn", "USA", "KOR", "JPN"))  # another one
    write_article(store, *_joint("deny", mar, "deny", "RUS"))
    kept = tallies.kept_tallies(store)
    assert kept[_pair("USA", "KOR", "condemn")] == 2
    assert kept[_stance("JPN", "condemn")] == 2
    assert kept[_stance("RUS", "deny")] == 1
    assert not any(key[0] == "pair" and stance_iri("deny") in key for key in kept)  # one speaker: no pair
    assert kept[_mention("USA")] == 3 and kept[_mention("RUS")] == 1  # articles, not statements
    assert kept == tallies.count_tallies(store)

    remove_article(store, "later")
    assert tallies.kept_tallies(store)[_pair("USA", "KOR", "condemn")] == 1
    assert tallies.kept_tallies(store)[_mention("USA")] == 2
    remove_article(store, "first")  # "again" still reports the January statement
    assert tallies.kept_tallies(store)[_pair("JPN", "USA", "condemn")] == 1
    remove_article(store, "again")
    remove_article(store, "deny")
    assert tallies.kept_tallies(store) == Counter()  # a tally that reaches zero is gone
    assert tallies.count_tallies(store) == Counter()


JOINT = (
    "The United States, Japan and South Korea condemned the missile launch in a joint statement on Monday.",
    "In a joint statement, France and Germany called on Iran to stop sending drones to Russia.",
    "Japan and South Korea condemned the strike in a joint statement.",
)


def _records(count: int, seed: int, version: int = 1) -> list[dict[str, str]]:
    """Robustness records with a joint statement added to every third one."""
    records = article_records(count, seed=seed, version=version)
    for n, record in enumerate(records[::3]):
        record["text"] += " " + JOINT[n % len(JOINT)]
    return records


def test_article_by_article_and_bulk_ingest_keep_what_counting_gives(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", _records(40, seed=21))
    one = open_store(tmp_path / "one")
    ingest(one, read_articles([corpus]), IngestOptions(writer="transactional"))
    bulk = open_store(tmp_path / "bulk")
    ingest(bulk, read_articles([corpus]), IngestOptions(writer="bulk", batch_size=6, chunk_size=2))
    counted = tallies.count_tallies(one)
    assert any(key[0] == "pair" for key in counted), "the corpus should hold joint statements"
    assert sum(key[0] == "mention" for key in counted) > 5
    assert tallies.kept_tallies(one) == counted
    assert tallies.kept_tallies(bulk) == counted == tallies.count_tallies(bulk)

    # a second run adds to blocks the first one merged: its rewrites move the tallies too
    halves = open_store(tmp_path / "halves")
    records = _records(40, seed=21)
    for name, part in (("h1", records[:20]), ("h2", records[20:])):
        ingest(
            halves,
            read_articles([write_jsonl(tmp_path / f"{name}.jsonl", part)]),
            IngestOptions(writer="bulk", batch_size=6),
        )
    assert tallies.kept_tallies(halves) == counted

    newer = write_jsonl(tmp_path / "v2.jsonl", _records(40, seed=21, version=2)[:15])
    ingest(bulk, read_articles([newer]), IngestOptions(writer="bulk", batch_size=4))  # replacements
    assert tallies.kept_tallies(bulk) == tallies.count_tallies(bulk)
    for record in _records(40, seed=21)[20:30]:
        remove_article(bulk, record["id"])
    assert tallies.kept_tallies(bulk) == tallies.count_tallies(bulk)
    remerge_store(bulk)
    assert tallies.kept_tallies(bulk) == tallies.count_tallies(bulk)


def test_a_killed_bulk_ingest_has_its_tallies_counted_on_the_next_write_open(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", _records(30, seed=5))
    store = open_store(tmp_path / "kg")

    def stop(total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(
            store,
            read_articles([corpus]),
            IngestOptions(writer="bulk", batch_size=10),
            IngestProgress(merge_total=stop),
        )
    blocks = len(pending_blocks(store))
    steps = 0

    def late(merged: int) -> None:  # killed among the statements, some of them written
        nonlocal steps
        steps += 1
        if steps == blocks - 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        merge_pending(store, blocks_per_step=1, flush_quads=1, on_merged=late)
    assert tallies.TALLIES_PENDING in store
    assert tallies.kept_tallies(store) != tallies.count_tallies(store)  # the written statements' moves are lost
    del store
    gc.collect()
    query = cli("query", "coalition-cosignatures", "--store", tmp_path / "kg", cwd=tmp_path)
    assert query.returncode == 0
    assert "an ingest is running or was stopped, and its statements and mentions are not counted yet" in query.stderr
    store = open_store(tmp_path / "kg")
    assert tallies.TALLIES_PENDING not in store
    assert tallies.count_tallies(store)
    assert tallies.kept_tallies(store) == tallies.count_tallies(store)


def test_an_ingest_resuming_a_merge_killed_midway_counts_the_tallies_again(tmp_path: Path) -> None:
    records = _records(40, seed=5)
    first = write_jsonl(tmp_path / "a.jsonl", records[:30])
    store = open_store(tmp_path / "kg")

    def stop(total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(
            store, read_articles([first]), IngestOptions(writer="bulk", batch_size=10), IngestProgress(merge_total=stop)
        )
    blocks, steps = len(pending_blocks(store)), 0

    def late(merged: int) -> None:
        nonlocal steps
        steps += 1
        if steps == blocks - 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        merge_pending(store, blocks_per_step=1, flush_quads=1, on_merged=late)
    assert tallies.kept_tallies(store) != tallies.count_tallies(store)
    del store
    gc.collect()
    store = open_store(tmp_path / "kg", finish_merges=False)
    assert pending_blocks(store)  # left to the ingest
    report = ingest(
        store,
        read_articles([write_jsonl(tmp_path / "all.jsonl", records)]),
        IngestOptions(writer="bulk", batch_size=10),
    )
    assert (report.ingested, report.unchanged) == (10, 30)
    assert tallies.TALLIES_PENDING not in store
    assert tallies.kept_tallies(store) == tallies.count_tallies(store) != Counter()


def test_a_store_made_before_tallies_gets_them_when_opened_for_writing(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", _records(12, seed=8))
    store = open_store(tmp_path / "kg")
    ingest(store, read_articles([corpus]), IngestOptions(writer="transactional"))
    store.remove_graph(tallies.TALLY_GRAPH)
    assert tallies.kept_tallies(store) == Counter()
    del store
    gc.collect()
    store = open_store(tmp_path / "kg")
    assert tallies.TALLIES_KEPT in store
    assert tallies.kept_tallies(store) == tallies.count_tallies(store) != Counter()


def test_tallies_stay_out_of_the_merged_default_graph(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kg")
    write_article(store, *_joint("first", dt.date(2024, 1, 10), "condemn", "USA", "KOR"))
    default = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    assert [q for q in default if "/tally/" in str(q.subject)] == []
    assert len(list(store.quads_for_pattern(None, None, None, tallies.TALLY_GRAPH))) > 3


def test_a_query_on_a_store_without_tallies_says_so_until_the_next_ingest(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", _records(9, seed=4))
    store = open_store(tmp_path / "kg")
    ingest(store, read_articles([corpus]), IngestOptions(writer="transactional"))
    store.remove_graph(tallies.TALLY_GRAPH)  # as a store made before tallies were kept
    del store
    gc.collect()
    before = cli("query", "stance-counts", "--store", tmp_path / "kg", "--format", "csv", cwd=tmp_path)
    assert before.returncode == 0, before.stderr
    [warning] = before.stderr.strip().splitlines()
    assert warning.startswith("armskg: this store was made before armskg kept statement tallies;")
    assert before.stdout.strip().splitlines()[1:] == []  # the header only
    again = cli("ingest", corpus, "--store", tmp_path / "kg", cwd=tmp_path)
    assert again.returncode == 0 and "9 unchanged" in again.stdout, again.stdout + again.stderr
    after = cli("query", "stance-counts", "--store", tmp_path / "kg", "--format", "csv", cwd=tmp_path)
    assert after.returncode == 0 and after.stderr == ""
    assert len(after.stdout.strip().splitlines()) > 1
    other = cli("query", "transfers", "--store", tmp_path / "kg", cwd=tmp_path)
    assert other.stderr == ""


ARTICLE_COUNTS = """
SELECT ?actor (COUNT(DISTINCT ?article) AS ?n) WHERE { ?article <https://w3id.org/armskg/ontology#mentions> ?actor }
GROUP BY ?actor
"""


def _article_counts(store: ox.Store) -> dict[str, int]:
    """How many articles mention each actor, counted with SPARQL from the articles' mentions."""
    return {row["actor"].value: int(row["n"].value) for row in store.query(ARTICLE_COUNTS)}  # type: ignore[union-attr]


def _actors_column(store: ox.Store) -> dict[str, int]:
    rows = run_query(store, load_query("actors"), {}).rows
    return {str(row[5]): int(str(row[4])) for row in rows}


def test_the_actors_query_reads_mention_tallies_that_follow_replacements_and_removals(tmp_path: Path) -> None:
    records = _records(24, seed=13)
    for record in records[::4]:
        record["text"] += " U.S. Secretary of State Antony Blinken condemned the launch."
    store = open_store(tmp_path / "kg")
    ingest(store, read_articles([write_jsonl(tmp_path / "a.jsonl", records)]), IngestOptions(writer="transactional"))
    first = _article_counts(store)
    assert max(first.values()) > 1
    columns = _actors_column(store)
    assert {actor: n for actor, n in columns.items() if n} == first
    newer = _records(24, seed=13, version=2)[:10]  # the same ids, other text: their mentions change
    ingest(
        store, read_articles([write_jsonl(tmp_path / "v2.jsonl", newer)]), IngestOptions(writer="bulk", batch_size=4)
    )
    for record in records[15:20]:
        remove_article(store, record["id"])
    after = _article_counts(store)
    assert after != first
    assert {actor: n for actor, n in _actors_column(store).items() if n} == after
    assert tallies.kept_tallies(store) == tallies.count_tallies(store)
    people = {str(row[4]): int(str(row[3])) for row in run_query(store, load_query("officials"), {}).rows}
    assert people and all(after.get(person, 0) == n for person, n in people.items())


def test_a_store_with_statement_tallies_only_gets_mention_tallies_when_opened_for_writing(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", _records(12, seed=8))
    store = open_store(tmp_path / "kg")
    ingest(store, read_articles([corpus]), IngestOptions(writer="transactional"))
    counted = tallies.count_tallies(store)
    # as armskg kept tallies before it kept mention tallies: statement tallies, marked true
    for key in [key for key in counted if key[0] == "mention"]:
        for quad in tallies.tally_quads(key, counted[key]):
            store.remove(quad)
    store.remove(tallies.TALLIES_KEPT)
    true = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    store.add(ox.Quad(tallies.TALLIES_KEPT.subject, tallies.TALLIES_KEPT.predicate, true, tallies.TALLY_GRAPH))
    assert tallies.kept_kinds(store) == 1
    del store
    gc.collect()
    warning = query_csv(tmp_path / "kg", "actors", tmp_path)[1]
    assert warning.startswith("armskg: this store was made before armskg kept mention tallies")
    assert query_csv(tmp_path / "kg", "stance-counts", tmp_path)[1] == ""  # its tallies are whole
    store = open_store(tmp_path / "kg")
    assert tallies.kept_kinds(store) == 2
    assert tallies.kept_tallies(store) == counted
