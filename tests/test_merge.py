"""One event, many reports: the merge rules, order independence, idempotence, exact removal,
corroboration and disagreement (graph/merge.py, graph/triples.py, the three merge queries).

Most tests write hand-made extractions (the plain dataclasses of ``armskg.loaders.facts``)
into a real Oxigraph store, so they test the merge whatever the extraction rules say today;
the last tests run the whole pipeline on sentences written for them and on the bundled
sample articles.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import itertools
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armskg.graph.ingest import IngestOptions, ingest, remove_article, write_article
from armskg.graph.merge import MergePolicy, TimeWindow, merge_block, merge_reports, plan_changes, remerge_store, tallies
from armskg.graph.store import open_store, stored_hash
from armskg.graph.triples import EventKind, Report, article_quads, article_reports, block_id
from armskg.graph.validate import validate_store
from armskg.loaders.article import Article
from armskg.loaders.facts import Actor, Evidence, Extraction, Mention, Statement, Strike, Transfer
from armskg.loaders.lexicon import Lexicon, load_lexicon
from armskg.loaders.readers import read_articles
from armskg.ontology import AK, BASE, PREFIXES, actor_iri, article_iri, evidence_iri
from armskg.queries.library import load_query
from armskg.queries.run import run_query

# rdflib's own parsers (used by validation) call its deprecated Dataset API; that is not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")

SAMPLES = Path(str(importlib.resources.files("armskg.samples")))
D = dt.date

STATES = {
    "PRK": "North Korea",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "USA": "United States",
    "KOR": "South Korea",
    "IRN": "Iran",
}


# --- building articles by hand ----------------------------------------------------------------


def _ev(n: int = 0) -> Evidence:
    sentence = f"Sentence {n} of a test article."
    return Evidence(sentence, 0, len(sentence), "test.rule")


def _extraction(*facts: Transfer | Strike | Statement, people: tuple[str, ...] = ()) -> Extraction:
    """An extraction holding ``facts``, the states they name and the persons ``people`` (by label)."""
    ex = Extraction()
    for iso3, label in STATES.items():
        ex.add_actor(Actor(f"state:{iso3}", "state", label, iso3=iso3))
    for label in people:
        key = "person:" + "".join(c for c in label.lower() if c.isalpha())
        ex.add_actor(Actor(key, "person", label, role="official", affiliation="state:KOR"))
        ex.mentions.append(Mention(key, 0, len(label), label))
    for fact in facts:
        if isinstance(fact, Transfer):
            ex.transfers.append(fact)
        elif isinstance(fact, Strike):
            ex.strikes.append(fact)
        else:
            ex.statements.append(fact)
    for key in ("state:PRK", "state:RUS"):
        ex.mentions.append(Mention(key, 0, 1, "x"))
    return ex


def _art(article_id: str, date: str | None = None, publisher: str | None = None, url: str | None = None) -> Article:
    return Article.from_text(article_id, f"Test article {article_id}.", date=date, publisher=publisher, url=url)


def _transfer(designation: str | None = None, status: str = "asserted", weapon: str = "ballistic missile") -> Transfer:
    return Transfer("state:PRK", "state:RUS", weapon, _ev(), status=status, designation=designation)


def _strike(*days: dt.date, weapon: str | None = "ballistic missile", transfer: Transfer | None = None) -> Strike:
    return Strike("state:RUS", "state:UKR", _ev(1), weapon=weapon, dates=days, transfer=transfer)


def _statement(
    stance: str, *speakers: str, about: Transfer | Strike | None = None, date: dt.date | None = None
) -> Statement:
    return Statement(speakers, stance, _ev(2), about=about, date=date)


_ROLES: dict[str, dict[str, Any]] = {
    "transfer": {"supplier": "state:PRK", "recipient": "state:RUS", "weapon": "ballistic missile"},
    "strike": {"attacker": "state:RUS", "target": "state:UKR"},
    "statement": {"speakers": ("state:USA",), "stance": "condemn"},
}


def _report(kind: EventKind = "transfer", article: str = "A", **values: Any) -> Report:
    """A report of ``article`` (its evidence ``article/0``) with the usual roles of ``kind``."""
    fields = {"source": f"article:{article}", **_ROLES[kind], **values}
    return Report(kind, article_iri(article), evidence_iri(article, 0), **fields)


def _no_refs(ref: str) -> tuple[str, ...]:
    return ()


def _groups(reports: list[Report]) -> set[frozenset[tuple[str, dt.date | None]]]:
    """The events of ``reports`` as sets of ("article/0", day): what the merge put together."""
    blocks: dict[str, list[Report]] = {}
    for report in reports:
        blocks.setdefault(block_id(report), []).append(report)
    events = [event for block in blocks.values() for event in merge_block(block, _no_refs)]
    short = len(BASE + "evidence/")
    return {frozenset((r.evidence[short:], day) for r, day in e.members) for e in events}


# --- store helpers ----------------------------------------------------------------------------


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: term.value for n in names if (term := row[n]) is not None} for row in result]


def _events(store: ox.Store, kind: str) -> dict[str, tuple[set[str], int]]:
    """Events of ``kind`` in the default graph: IRI -> (reporting article ids, source count)."""
    found: dict[str, tuple[set[str], int]] = {}
    for row in _rows(
        store,
        f"""SELECT ?e ?id ?n WHERE {{ ?e a ak:{kind} ; ak:sourceCount ?n ; ak:reportedIn ?a .
              ?a schema:identifier ?id }}""",
    ):
        ids, _ = found.get(row["e"], (set(), 0))
        ids.add(row["id"])
        found[row["e"]] = (ids, int(row["n"]))
    return found


def _content(store: ox.Store) -> set[ox.Quad]:
    """The store's quads, less the ontology's blank nodes (minted anew each time a store is created)."""
    return {q for q in store if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


@pytest.fixture
def kg(tmp_path: Path) -> Iterator[ox.Store]:
    store = open_store(tmp_path / "kg")
    yield store
    del store


# --- the rules, on reports --------------------------------------------------------------------


def test_a_report_without_designation_joins_the_only_designated_transfer() -> None:
    kn23 = _report(article="A", designation="KN-23", published=D(2024, 1, 10))
    spelled = _report(article="B", designation="kn 23", published=D(2024, 1, 12))
    vague = _report(article="C", published=D(2024, 1, 11))
    undated = _report(article="D")
    assert _groups([kn23, spelled, vague, undated]) == {
        frozenset({("A/0", None), ("B/0", None), ("C/0", None), ("D/0", None)})
    }


def test_two_designations_stay_apart_and_a_vague_report_joins_neither() -> None:
    kn23 = _report(article="A", designation="KN-23", published=D(2024, 1, 10))
    other = _report(article="B", designation="Hwasong-11", published=D(2024, 1, 10))
    vague = _report(article="C", published=D(2024, 1, 11))
    vague_too = _report(article="D", published=D(2024, 2, 1))
    assert _groups([kn23, other, vague, vague_too]) == {
        frozenset({("A/0", None)}),
        frozenset({("B/0", None)}),
        frozenset({("C/0", None), ("D/0", None)}),
    }


def test_transfers_reported_more_than_a_year_apart_are_two_until_a_report_between_links_them() -> None:
    early = _report(article="A", published=D(2022, 1, 1))
    late = _report(article="B", published=D(2023, 6, 1))
    assert len(_groups([early, late])) == 2
    between = _report(article="C", published=D(2022, 10, 1))
    assert len(_groups([early, late, between])) == 1
    # an undated report joins when there is one transfer, and stays apart when there are two
    undated = _report(article="D")
    assert len(_groups([early, undated])) == 1
    assert frozenset({("D/0", None)}) in _groups([early, late, undated])


def test_strike_days_within_a_week_are_one_wave_and_later_days_another() -> None:
    first = _report("strike", article="A", weapon="ballistic missile", dates=(D(2023, 12, 30), D(2024, 1, 2)))
    again = _report("strike", article="B", weapon="ballistic missile", dates=(D(2024, 1, 6),))
    later = _report("strike", article="C", weapon="ballistic missile", dates=(D(2024, 1, 20),))
    drones = _report("strike", article="D", weapon="drone", dates=(D(2024, 1, 2),))
    assert _groups([first, again, later, drones]) == {
        frozenset({("A/0", D(2023, 12, 30)), ("A/0", D(2024, 1, 2)), ("B/0", D(2024, 1, 6))}),
        frozenset({("C/0", D(2024, 1, 20))}),
        frozenset({("D/0", D(2024, 1, 2))}),
    }


def test_an_undated_strike_joins_the_one_wave_before_its_article_and_no_wave_when_two_fit() -> None:
    wave = _report("strike", article="A", weapon="ballistic missile", dates=(D(2024, 1, 2),))
    undated = _report("strike", article="B", weapon="ballistic missile", published=D(2024, 1, 10))
    assert _groups([wave, undated]) == {frozenset({("A/0", D(2024, 1, 2)), ("B/0", None)})}
    # a report published long after the wave is another event
    months_later = _report("strike", article="C", weapon="ballistic missile", published=D(2024, 6, 1))
    assert frozenset({("C/0", None)}) in _groups([wave, months_later])
    # two waves within the 30 days before publication: the report cannot tell which, so it stays apart
    second = _report("strike", article="D", weapon="ballistic missile", dates=(D(2023, 12, 20),))
    assert frozenset({("B/0", None)}) in _groups([wave, second, undated])


def test_a_strike_without_weapon_joins_the_wave_of_its_day_only_when_one_weapon_fits() -> None:
    missiles = _report("strike", article="A", weapon="ballistic missile", dates=(D(2024, 1, 2),))
    unnamed = _report("strike", article="B", dates=(D(2024, 1, 3),))
    assert len(_groups([missiles, unnamed])) == 1
    drones = _report("strike", article="C", weapon="drone", dates=(D(2024, 1, 2),))
    assert frozenset({("B/0", D(2024, 1, 3))}) in _groups([missiles, drones, unnamed])


def test_statements_merge_on_speaker_set_stance_topic_and_day_within_one() -> None:
    usa_kor = _report("statement", article="A", speakers=("state:USA", "state:KOR"), dates=(D(2024, 1, 9),))
    kor_usa = _report("statement", article="B", speakers=("state:KOR", "state:USA"), dates=(D(2024, 1, 10),))
    usa_only = _report("statement", article="C", speakers=("state:USA",), dates=(D(2024, 1, 9),))
    week_later = _report("statement", article="D", speakers=("state:USA", "state:KOR"), dates=(D(2024, 1, 16),))
    denial = _report(
        "statement", article="E", speakers=("state:USA", "state:KOR"), stance="deny", dates=(D(2024, 1, 9),)
    )
    groups = _groups([usa_kor, kor_usa, usa_only, week_later, denial])
    assert frozenset({("A/0", D(2024, 1, 9)), ("B/0", D(2024, 1, 10))}) in groups
    assert len(groups) == 4


def test_statements_about_different_events_are_different_statements() -> None:
    topics = {
        "A/1": ("https://w3id.org/armskg/event/transfer/x",),
        "B/1": ("https://w3id.org/armskg/event/transfer/y",),
    }
    a = _report("statement", article="A", ref="A/1", dates=(D(2024, 1, 9),))
    b = _report("statement", article="B", ref="B/1", dates=(D(2024, 1, 9),))  # refs: keys of ``topics``
    loose = _report("statement", article="C", dates=(D(2024, 1, 9),))
    events = merge_block([a, b, loose], lambda ref: topics.get(ref, ()))
    assert len(events) == 3
    events = merge_block([a, loose], lambda ref: topics.get(ref, ()))
    assert len(events) == 1  # a statement with no known topic joins the one that has one


def test_source_count_counts_publishers_then_sites_then_articles() -> None:
    reports = [
        _report(article="A", source="publisher:wire", published=D(2024, 1, 1)),
        _report(article="B", source="publisher:wire", published=D(2024, 1, 2)),
        _report(article="C", source="site:example.org", published=D(2024, 1, 3)),
        _report(article="D", source="article:D", published=D(2024, 1, 4)),
    ]
    [event] = merge_block(reports, _no_refs)
    assert event.source_count == 3


def test_policy_windows_are_parameters() -> None:
    a = _report("strike", article="A", dates=(D(2024, 1, 1),), weapon="drone")
    b = _report("strike", article="B", dates=(D(2024, 1, 3),), weapon="drone")
    assert len(merge_block([a, b], _no_refs)) == 1
    per_day = MergePolicy(strike=TimeWindow(0, 30, 30))
    assert len(merge_block([a, b], _no_refs, per_day)) == 2


_REPORTS = st.lists(
    st.builds(
        lambda n, desig, day, weapon, kind: (
            _report("transfer", article=f"a{n}", designation=desig, published=day)
            if kind == "transfer"
            else _report("strike", article=f"a{n}", weapon=weapon, dates=(day,) if day and n % 2 else (), published=day)
        ),
        st.integers(0, 40),
        st.sampled_from([None, "KN-23", "Hwasong-11"]),
        st.one_of(st.none(), st.dates(D(2023, 12, 1), D(2024, 3, 1))),
        st.sampled_from([None, "drone", "ballistic missile"]),
        st.sampled_from(["transfer", "strike"]),
    ),
    max_size=14,
    unique_by=lambda r: r.article,
)


@given(_REPORTS, st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None)
def test_merge_does_not_depend_on_the_order_of_reports(reports: list[Report], rnd: random.Random) -> None:
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert set(merge_reports(shuffled)) == set(merge_reports(reports))


# --- the store: merge, move, idempotence, removal ------------------------------------------------


def test_one_transfer_two_articles_each_keeps_its_own_view(kg: ox.Store) -> None:
    write_article(kg, _art("a1", "2024-01-10", "Wire"), _extraction(_transfer("KN-23", "asserted")))
    write_article(kg, _art("a2", "2024-01-11", "Post"), _extraction(_transfer(None, "alleged")))
    [(event, (ids, sources))] = _events(kg, "Transfer").items()
    assert (ids, sources) == ({"a1", "a2"}, 2)
    statuses = _rows(kg, f"SELECT ?g ?s WHERE {{ GRAPH ?g {{ <{event}> ak:status ?s }} }}")
    assert {(r["g"].rsplit("/", 1)[1], r["s"].rsplit("/", 1)[1]) for r in statuses} == {
        ("a1", "asserted"),
        ("a2", "alleged"),
    }
    # the designation only a1 states is in a1's graph and the merged view, not in a2's graph
    assert _rows(kg, f'SELECT ?g WHERE {{ GRAPH ?g {{ <{event}> ak:designation "KN-23" }} }}') == [
        {"g": article_iri("a1")}
    ]
    assert _rows(kg, f"SELECT ?d WHERE {{ <{event}> ak:designation ?d }}") == [{"d": "KN-23"}]
    assert validate_store(kg).conforms


def test_the_same_article_twice_changes_nothing(kg: ox.Store) -> None:
    article, facts = _art("a1", "2024-01-10", "Wire"), _extraction(_transfer("KN-23"), _strike(D(2024, 1, 2)))
    assert write_article(kg, article, facts) is True
    before = set(kg)
    assert write_article(kg, _art("a1", "2024-01-10", "Wire"), facts) is False
    assert set(kg) == before


def _references(store: ox.Store, prop: str) -> tuple[set[tuple[str, str]], set[str]]:
    """Where ``prop`` (usedWeaponsFrom, about) points: (graph, target) in article graphs, targets in the merged view."""
    named = _rows(store, f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?e ak:{prop} ?t }} }}")
    merged = _rows(store, f"SELECT ?t WHERE {{ ?e ak:{prop} ?t }}")
    return {(r["g"], r["t"]) for r in named}, {r["t"] for r in merged}


def test_a_later_article_moves_an_event_and_what_refers_to_it(kg: ox.Store) -> None:
    vague = _transfer(None)
    write_article(
        kg,
        _art("first", "2024-01-10", "Wire"),
        _extraction(vague, _strike(D(2024, 1, 2), transfer=vague), _statement("condemn", "state:USA", about=vague)),
    )
    [alone] = _events(kg, "Transfer")
    # a KN-23 transfer arrives: the vague report joins it, under the KN-23 transfer's name
    write_article(kg, _art("kn23", "2024-01-11", "Post"), _extraction(_transfer("KN-23")))
    [(merged, (ids, sources))] = _events(kg, "Transfer").items()
    assert merged != alone and ids == {"first", "kn23"} and sources == 2
    assert list(kg.quads_for_pattern(ox.NamedNode(alone), None, None, None)) == []
    assert list(kg.quads_for_pattern(None, None, ox.NamedNode(alone), None)) == []
    # the strike's supply and the statement's topic follow, in the merged view and in the article's graph
    for prop in ("usedWeaponsFrom", "about"):
        assert _references(kg, prop) == ({(article_iri("first"), merged)}, {merged})
    # a second designation arrives: the vague report can no longer tell which, and stands alone again
    write_article(kg, _art("hw", "2024-01-12", "Daily"), _extraction(_transfer("Hwasong-11")))
    assert _events(kg, "Transfer")[alone] == ({"first"}, 1)
    assert _events(kg, "Transfer")[merged] == ({"kn23"}, 1)
    for prop in ("usedWeaponsFrom", "about"):
        assert _references(kg, prop) == ({(article_iri("first"), alone)}, {alone})
    # and joins again when that article is removed
    remove_article(kg, "hw")
    assert _events(kg, "Transfer") == {merged: ({"first", "kn23"}, 2)}
    assert _references(kg, "about") == ({(article_iri("first"), merged)}, {merged})
    assert validate_store(kg).conforms


def test_removing_an_article_gives_the_store_that_never_had_it(tmp_path: Path) -> None:
    corpus = _corpus()
    everything = open_store(tmp_path / "all")
    for name in ("a", "b", "c", "d", "e"):
        write_article(everything, *corpus[name])
    remove_article(everything, "b")
    remove_article(everything, "d")
    without = open_store(tmp_path / "without")
    for name in ("a", "c", "e"):
        write_article(without, *corpus[name])
    assert _content(everything) == _content(without)


def test_replacing_an_article_gives_the_store_of_its_new_version(tmp_path: Path) -> None:
    corpus = _corpus()
    replaced = open_store(tmp_path / "replaced")
    for name in ("a", "b", "c"):
        write_article(replaced, *corpus[name])
    write_article(replaced, *corpus["a2"])  # same id "a", other facts
    direct = open_store(tmp_path / "direct")
    for name in ("a2", "b", "c"):
        write_article(direct, *corpus[name])
    assert _content(replaced) == _content(direct)


def test_remerge_changes_nothing_on_a_store_in_step_and_repairs_one_that_is_not(kg: ox.Store) -> None:
    corpus = _corpus()
    for name in ("a", "b", "c"):
        write_article(kg, *corpus[name])
    before = set(kg)
    assert remerge_store(kg) == 0
    assert set(kg) == before
    count = next(kg.quads_for_pattern(None, ox.NamedNode(AK + "sourceCount"), None, ox.DefaultGraph()))
    kg.remove(count)
    assert remerge_store(kg) == 1
    assert set(kg) == before


def _corpus() -> dict[str, tuple[Article, Extraction]]:
    """Small articles that exercise every rule: designations, ambiguity, waves, topics, sources."""
    t_kn23 = _transfer("KN-23")
    t_vague = _transfer(None, "alleged")
    t_hw = _transfer("Hwasong-11")
    s_vague = _strike(weapon="ballistic missile")
    return {
        "a": (
            _art("a", "2024-01-10", "Wire"),
            _extraction(
                t_kn23,
                _strike(D(2023, 12, 30), D(2024, 1, 2), transfer=t_kn23),
                _statement("condemn", "state:USA", "state:KOR", about=t_kn23, date=D(2024, 1, 9)),
                people=("Chang Ho-jin",),
            ),
        ),
        "a2": (_art("a", "2024-01-10", "Wire", url="https://example.org/a2"), _extraction(_transfer(weapon="drone"))),
        "b": (
            _art("b", "2024-01-11", "Wire"),
            _extraction(
                t_vague,
                s_vague,
                _statement("condemn", "state:KOR", "state:USA", about=t_vague, date=D(2024, 1, 10)),
                _statement("allege", "state:USA", about=s_vague),
                people=("Chang Hojin",),
            ),
        ),
        "c": (_art("c", None, "Post"), _extraction(t_hw, _statement("deny", "state:PRK", about=t_hw))),
        "d": (
            _art("d", "2024-01-12", "Post"),
            _extraction(_strike(D(2024, 1, 2), weapon=None), _strike(D(2024, 1, 2), weapon="drone")),
        ),
        "e": (_art("e", "2025-06-01", url="https://www.example.org/e"), _extraction(_transfer(None))),
        "f": (_art("f", "2024-09-01", "Daily"), _extraction(_transfer(None, "denied"))),
    }


def _batch(articles: list[tuple[Article, Extraction]]) -> set[ox.Quad]:
    quads: set[ox.Quad] = set()
    reports: list[Report] = []
    for article, extraction in articles:
        quads.update(article_quads(article, extraction))
        reports.extend(article_reports(article, extraction))
    merged = quads | set(merge_reports(reports))
    scratch = ox.Store()
    scratch.extend(merged)
    counted = tallies.count_tallies(scratch)  # the tallies, counted from the merged statements
    return merged | {q for key, count in counted.items() for q in tallies.tally_quads(key, count)}


def _apply(store: ox.Store, article: Article, extraction: Extraction) -> None:
    """What write_extraction does, on a store without the ontology (an in-memory Oxigraph store)."""
    graph = article_iri(article.id)
    drop = [graph] if stored_hash(store, ox.NamedNode(graph)) is not None else []
    reports = article_reports(article, extraction)
    plan_changes(store, drop=drop, add_quads=article_quads(article, extraction), add_reports=reports).apply(store)


_NAMES = ["a", "a2", "b", "c", "d", "e", "f"]


@given(st.lists(st.tuples(st.sampled_from(["add", "remove"]), st.sampled_from(_NAMES)), min_size=1, max_size=12))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_sequence_of_ingests_and_removals_ends_where_merging_the_final_corpus_at_once_does(
    steps: list[tuple[str, str]],
) -> None:
    corpus = _corpus()
    store = ox.Store()
    current: dict[str, tuple[Article, Extraction]] = {}
    for op, name in steps:
        article, extraction = corpus[name]
        if op == "add":
            if article.id in current and current[article.id][0].content_hash == article.content_hash:
                continue
            _apply(store, article, extraction)
            current[article.id] = (article, extraction)
        elif article.id in current:
            plan_changes(store, drop=[article_iri(article.id)]).apply(store)
            del current[article.id]
    assert set(store) == _batch(list(current.values()))


def test_every_ingest_order_of_a_corpus_gives_the_same_store() -> None:
    corpus = _corpus()
    names = ["a", "b", "c", "d", "f"]
    expected = _batch([corpus[n] for n in names])
    for order in itertools.permutations(names):
        store = ox.Store()
        for name in order:
            _apply(store, *corpus[name])
        assert set(store) == expected, order


# --- corroboration and disagreement, through the named queries ------------------------------------


def test_contested_facts_lists_each_claim_with_its_speaker_stance_and_source(kg: ox.Store) -> None:
    supplied = Transfer("state:IRN", "state:RUS", "drone", _ev(), status="asserted")
    write_article(kg, _art("says", "2022-10-20", "Wire"), _extraction(supplied))
    denied = Transfer("state:IRN", "state:RUS", "drone", _ev(), status="denied")
    write_article(
        kg, _art("denies", "2022-10-21", "Post"), _extraction(denied, _statement("deny", "state:IRN", about=denied))
    )
    write_article(kg, _art("other", "2022-10-21", "Post"), _extraction(_transfer()))  # not contested
    result = run_query(kg, load_query("contested-facts"))
    rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    [fact] = {str(r["fact"]) for r in rows}
    assert {(r["side"], r["claim"], r["speakers"], r["identifier"]) for r in rows} == {
        ("affirms", "status asserted", "Wire", "says"),
        ("denies", "status denied", "Iran", "denies"),
        ("denies", "deny", "Iran", "denies"),
    }
    assert {r["factLabel"] for r in rows} == {"transfer: Iran → Russia, drone"}
    assert run_query(kg, load_query("contested-facts"), {"actor": "PRK"}).rows == []

    sources = run_query(kg, load_query("sources-of-fact"), {"event": fact})
    by_article = {str(row[0]): dict(zip(sources.variables, row, strict=True)) for row in sources.rows}
    assert set(by_article) == {"says", "denies"}
    assert by_article["says"]["says"] == "asserted"
    assert by_article["denies"]["says"] == "denied"
    assert by_article["denies"]["claims"] == "Iran: deny"
    assert {r["sourceCount"] for r in by_article.values()} == {"2"}


def test_most_corroborated_ranks_by_distinct_publishers(kg: ox.Store) -> None:
    corpus = _corpus()
    for name in ("a", "b", "c", "d", "f"):
        write_article(kg, *corpus[name])
    result = run_query(kg, load_query("most-corroborated"))
    # a and b (both Wire) and f (Daily) report the KN-23 transfer: three articles, two sources
    assert [row[:4] for row in result.rows] == [
        ("transfer", "North Korea → Russia, ballistic missile (KN-23)", "2", "3")
    ]
    assert run_query(kg, load_query("most-corroborated"), {"minSources": "3"}).rows == []
    # a and b report the wave of strikes from 30 December: two articles, but one source, so not listed
    wave = _rows(kg, 'SELECT ?n WHERE { ?e ak:date "2023-12-30"^^xsd:date ; ak:sourceCount ?n ; ak:reportedIn ?a }')
    assert [r["n"] for r in wave] == ["1", "1"]


# --- the whole pipeline -----------------------------------------------------------------------

TEXTS = {
    "kn23": ("North Korea supplied Russia with KN-23 ballistic missiles, officials said.", "2024-01-10", "Wire"),
    "vague": ("North Korea shipped ballistic missiles to Russia, officials said.", "2024-01-11", "Post"),
    "strike": (
        "Russia struck Ukraine with ballistic missiles on January 2, 2024, officials said.",
        "2024-01-05",
        "Daily",
    ),
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def test_ingest_order_does_not_matter_end_to_end(tmp_path: Path, lexicon: Lexicon) -> None:
    articles = {k: Article.from_text(k, text, date=d, publisher=p) for k, (text, d, p) in TEXTS.items()}
    results = []
    for n, order in enumerate(itertools.permutations(articles)):
        store = open_store(tmp_path / f"kg{n}")
        report = ingest(store, [articles[k] for k in order], IngestOptions(writer="transactional", lexicon=lexicon))
        assert report.failed == []
        again = ingest(store, [articles[k] for k in order], IngestOptions(writer="transactional", lexicon=lexicon))
        assert (again.ingested, again.unchanged) == (0, 3)
        results.append(_content(store))
        del store
    assert all(r == results[0] for r in results)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    store = open_store(tmp_path_factory.mktemp("samples") / "kg")
    assert ingest(store, read_articles([SAMPLES]), IngestOptions(writer="transactional")).failed == []
    return store


def test_samples_one_north_korean_missile_transfer_with_two_sources(samples: ox.Store) -> None:
    rows = _rows(
        samples,
        f"""SELECT ?t ?id ?n WHERE {{ ?t a ak:Transfer ; ak:supplier <{actor_iri("state:PRK")}> ;
              ak:recipient <{actor_iri("state:RUS")}> ; ak:weapon <https://w3id.org/armskg/weapon/ballistic-missile> ;
              ak:sourceCount ?n ; ak:reportedIn ?a . ?a schema:identifier ?id }}""",
    )
    assert {r["t"] for r in rows} == {rows[0]["t"]}
    assert {r["id"] for r in rows} == {"01_advisers_condemn_transfer", "02_joint_statement_48"}
    assert {r["n"] for r in rows} == {"2"}


def test_samples_chang_ho_jin_is_one_person_mentioned_by_both_articles(samples: ox.Store) -> None:
    rows = _rows(
        samples,
        """SELECT DISTINCT ?p ?id WHERE { ?p a ak:Person ; rdfs:label ?l . FILTER(REGEX(?l, "^Chang Ho-?jin$", "i"))
             ?a ak:mentions ?p ; schema:identifier ?id }""",
    )
    assert len({r["p"] for r in rows}) == 1
    assert {r["id"] for r in rows} >= {"01_advisers_condemn_transfer", "02_joint_statement_48"}


def test_samples_one_russian_missile_strike_event_with_both_sources(samples: ox.Store) -> None:
    bm = "https://w3id.org/armskg/weapon/ballistic-missile"
    said = _rows(
        samples,
        f"""SELECT DISTINCT ?id WHERE {{ GRAPH ?a {{ ?s a ak:Strike ; ak:attacker <{actor_iri("state:RUS")}> ;
              ak:target <{actor_iri("state:UKR")}> ; ak:weapon <{bm}> }} ?a schema:identifier ?id }}""",
    )
    if "01_advisers_condemn_transfer" not in {r["id"] for r in said}:
        pytest.xfail("extraction gives 01's Russian strikes no weapon, so 01 reports no ballistic-missile strike")
    rows = _rows(
        samples,
        f"""SELECT ?s ?id ?d WHERE {{ ?s a ak:Strike ; ak:attacker <{actor_iri("state:RUS")}> ;
              ak:target <{actor_iri("state:UKR")}> ; ak:weapon <{bm}> ; ak:reportedIn ?a .
              ?a schema:identifier ?id OPTIONAL {{ ?s ak:date ?d }} }}""",
    )
    both = {
        s
        for s in {r["s"] for r in rows}
        if {"01_advisers_condemn_transfer", "02_joint_statement_48"} <= {r["id"] for r in rows if r["s"] == s}
    }
    assert len(both) == 1, rows
