"""Speed of the merged data model on a large synthetic corpus (50,000 articles by default).

The corpus is made up here, as extractions (no text is parsed): ``--articles`` articles from
300 publishers over three years, each reporting one to three transfers or strikes between
30 states (a few pairs, such as Russia → Ukraine, far more often than the rest, as in real
news) and statements about them, some of them joint statements of many states.  Articles
report the same events again and again, so the merge has real work to do.

Stages, each timed:

- ``extract->quads``: :func:`armskg.graph.triples.article_quads` and ``article_reports`` for
  every article (what ingestion does after extraction);
- ``merge``: :func:`armskg.graph.merge.merge_reports` over all reports at once;
- ``load``: bulk load of all quads into an on-disk Oxigraph store;
- queries, each run ``--repeat`` times (median and best printed):
  canonical questions on the merged default graph (aggregates over every event), and
  provenance questions on the article graphs (one event's sources and evidence, one
  article's graph), plus one aggregate asked of the article graphs instead of the default
  graph, to show what the default graph saves;
- ``incremental``: ``--extra`` further articles written one by one with
  :func:`armskg.graph.ingest.write_article` (one transaction each, re-merging the events
  they touch), then removed one by one with :func:`armskg.graph.ingest.remove_article`.

Usage::

    .venv/bin/python benchmarks/merge_speed.py [--articles 50000] [--extra 200] [--repeat 5] [--keep DIR]
    .venv/bin/python benchmarks/merge_speed.py --reuse DIR [--articles 50000]   # queries only, on a kept store

It prints one line per stage; nothing is asserted (speed is not a test).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

from armskg.graph.ingest import remove_article, write_article
from armskg.graph.merge import merge_reports, tallies
from armskg.graph.store import open_store
from armskg.graph.triples import Report, article_quads, article_reports
from armskg.loaders.article import Article
from armskg.loaders.facts import STANCES, Actor, Evidence, Extraction, Mention, Statement, Strike, Transfer
from armskg.ontology import PREFIXES
from armskg.queries.library import load_query
from armskg.queries.run import run_query

__all__ = ["main", "synthetic_corpus"]

_STATES = [
    "RUS",
    "UKR",
    "USA",
    "PRK",
    "IRN",
    "CHN",
    "KOR",
    "JPN",
    "DEU",
    "FRA",
    "GBR",
    "POL",
    "TUR",
    "ISR",
    "SYR",
    "YEM",
    "SAU",
    "ARE",
    "IND",
    "PAK",
    "BLR",
    "LBY",
    "SDN",
    "MLI",
    "ETH",
    "AZE",
    "ARM",
    "TWN",
    "QAT",
    "EGY",
]
_WEAPONS = ("ballistic missile", "cruise missile", "drone", "artillery ammunition", "air defence system", "other")
_DESIGNATIONS = {
    "ballistic missile": ("KN-23", "Iskander-M", "ATACMS", "Fateh-110"),
    "cruise missile": ("Kalibr", "Storm Shadow"),
    "drone": ("Shahed-136", "Bayraktar TB2", "Lancet"),
    "air defence system": ("Patriot", "IRIS-T", "S-400"),
}
_START = dt.date(2022, 1, 1)
_DAYS = 3 * 365


def _zipf_choice(rnd: random.Random, items: list[tuple[str, str]], skew: float = 1.1) -> tuple[str, str]:
    weights = [1 / (rank + 1) ** skew for rank in range(len(items))]
    return rnd.choices(items, weights)[0]


def synthetic_corpus(count: int, seed: int = 1, prefix: str = "syn") -> Iterator[tuple[Article, Extraction]]:
    """``count`` made-up articles with their extractions (deterministic for a ``seed``)."""
    rnd = random.Random(seed)
    pairs = [(a, b) for a in _STATES for b in _STATES if a != b]
    rnd.shuffle(pairs)
    pairs = pairs[:200]
    publishers = [f"Publisher {n}" for n in range(300)]
    for n in range(count):
        published = _START + dt.timedelta(days=rnd.randrange(_DAYS))
        article = Article(
            id=f"{prefix}{n:06d}",
            text="",
            date=published,
            date_text=published.isoformat(),
            publisher=rnd.choice(publishers) if rnd.random() < 0.9 else None,
        )
        ex = Extraction()
        used: set[str] = set()
        facts: list[Transfer | Strike] = []
        sentences = iter(range(1, 1000))

        def evidence(article: int = n, numbers: Iterator[int] = sentences) -> Evidence:
            text = f"Synthetic sentence {next(numbers)} of article {article}."
            return Evidence(text, 0, len(text), "synthetic.rule", 0.8)

        for _ in range(rnd.randint(1, 3)):
            a, b = _zipf_choice(rnd, pairs)
            used.update((a, b))
            weapon = rnd.choice(_WEAPONS)
            designation = rnd.choice(_DESIGNATIONS[weapon]) if weapon in _DESIGNATIONS and rnd.random() < 0.4 else None
            if rnd.random() < 0.5:
                status = rnd.choice(("asserted", "asserted", "alleged", "denied", "planned", "admitted"))
                t = Transfer(f"state:{a}", f"state:{b}", weapon, evidence(), status=status, designation=designation)
                ex.transfers.append(t)
                facts.append(t)
            else:
                days: set[dt.date] = set()
                if rnd.random() < 0.6:
                    days = {published - dt.timedelta(days=rnd.randint(0, 6)) for _ in range(rnd.randint(1, 3))}
                named = weapon if rnd.random() < 0.7 else None
                s = Strike(f"state:{a}", f"state:{b}", evidence(), weapon=named, dates=tuple(sorted(days)))
                ex.strikes.append(s)
                facts.append(s)
        for fact in facts:
            for _ in range(rnd.randint(0, 2)):
                if rnd.random() < 0.05:
                    speakers: tuple[str, ...] = tuple(rnd.sample(_STATES, rnd.randint(8, 25)))
                else:
                    speakers = (rnd.choice(_STATES),)
                used.update(speakers)
                day = published - dt.timedelta(days=rnd.randint(0, 2)) if rnd.random() < 0.5 else None
                stance = rnd.choice(STANCES)
                ex.statements.append(
                    Statement(tuple(f"state:{s}" for s in speakers), stance, evidence(), about=fact, date=day)
                )
        for iso3 in sorted(used):
            ex.add_actor(Actor(f"state:{iso3}", "state", f"State {iso3}", iso3=iso3))
            ex.mentions.append(Mention(f"state:{iso3}", 0, 3, iso3))
        yield article, ex


def _lap(label: str, start: float) -> None:
    print(f"{label:<44} {time.perf_counter() - start:9.2f} s", flush=True)


def _article_graphs(count: int, seed: int, reports: list[Report]) -> Iterator[ox.Quad]:
    """The quads of each synthetic article's own graph; its reports go to ``reports``."""
    for article, extraction in synthetic_corpus(count, seed):
        yield from article_quads(article, extraction)
        reports.extend(article_reports(article, extraction))


def _query_times(store: ox.Store, label: str, run: Callable[[ox.Store], int], repeat: int) -> None:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = run(store)
        times.append(time.perf_counter() - start)
    print(
        f"  {label:<58} median {statistics.median(times) * 1000:9.1f} ms  best {min(times) * 1000:9.1f} ms  rows {rows}"
    )


def _sparql(text: str) -> Callable[[ox.Store], int]:
    def run(store: ox.Store) -> int:
        result = store.query(PREFIXES + text)
        assert isinstance(result, ox.QuerySolutions)
        return sum(1 for _ in result)

    return run


def _named(name: str, values: dict[str, str] | None = None) -> Callable[[ox.Store], int]:
    query = load_query(name)

    def run(store: ox.Store) -> int:
        return len(run_query(store, query, values or {}).rows)

    return run


def _rows(store: ox.Store, text: str) -> str:
    result = store.query(PREFIXES + text)
    assert isinstance(result, ox.QuerySolutions)
    return ", ".join(" ".join(str(term.value) for term in row if term is not None) for row in result)


def _busiest_event(store: ox.Store, kind: str) -> str:
    result = store.query(
        PREFIXES + f"SELECT ?e WHERE {{ ?e a ak:{kind} ; ak:sourceCount ?n }} ORDER BY DESC(?n) ?e LIMIT 1"
    )
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        term = row[0]
        assert isinstance(term, ox.NamedNode)
        return term.value
    raise SystemExit("no events in the store")


def _time_queries(store: ox.Store, articles: int, repeat: int) -> None:
    """Time the canonical and the provenance questions."""
    hot_transfer = _busiest_event(store, "Transfer")
    hot_strike = _busiest_event(store, "Strike")
    some_article = f"https://w3id.org/armskg/article/syn{articles // 2:06d}"
    print("queries (the busiest transfer and strike are the provenance examples):")
    print(" canonical, on the merged default graph:")
    _query_times(store, "transfers (library query, every transfer)", _named("transfers"), repeat)
    _query_times(store, "transfers from RUS (library query)", _named("transfers", {"supplier": "RUS"}), repeat)
    _query_times(store, "most-corroborated (>= 5 sources)", _named("most-corroborated", {"minSources": "5"}), repeat)
    _query_times(store, "contested-facts (every contested fact)", _named("contested-facts"), repeat)
    contested_prk = _named("contested-facts", {"actor": "PRK"})
    _query_times(store, "contested-facts of one supplier (PRK)", contested_prk, repeat)
    strikes_by_attacker = (
        "SELECT ?attacker (COUNT(?s) AS ?n) (SUM(?c) AS ?sources) "
        "WHERE { ?s a ak:Strike ; ak:attacker ?attacker ; ak:sourceCount ?c } GROUP BY ?attacker"
    )
    _query_times(store, "strikes and sources per attacker (aggregate)", _sparql(strikes_by_attacker), repeat)
    print(" provenance, on the article graphs:")
    _query_times(store, "evidence of the busiest transfer", _named("evidence", {"event": hot_transfer}), repeat)
    _query_times(store, "sources-of-fact, busiest transfer", _named("sources-of-fact", {"event": hot_transfer}), repeat)
    _query_times(store, "sources-of-fact, busiest strike", _named("sources-of-fact", {"event": hot_strike}), repeat)
    one_article = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{some_article}> {{ ?s ?p ?o }} }}"
    _query_times(store, "everything one article says (its graph)", _sparql(one_article), repeat)
    from_graphs = (
        "SELECT ?attacker (COUNT(DISTINCT ?s) AS ?n) "
        "WHERE { GRAPH ?g { ?s a ak:Strike ; ak:attacker ?attacker } } GROUP BY ?attacker"
    )
    _query_times(store, "strikes per attacker, read from article graphs", _sparql(from_graphs), repeat)


def main(argv: list[str] | None = None) -> int:
    """Build the store, time the stages and queries, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--extra", type=int, default=200, help="articles written (and removed) one by one")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it (default: a temporary folder)")
    parser.add_argument("--reuse", type=Path, help="time the queries on a store built before with --keep DIR")
    args = parser.parse_args(argv)
    if args.reuse is not None:
        store = open_store(args.reuse / "kg")
        _time_queries(store, args.articles, args.repeat)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="armskg-merge-speed-"))
    try:
        print(f"{args.articles} synthetic articles, store in {folder}")
        store = open_store(folder / "kg")
        reports: list[Report] = []
        clock = time.perf_counter()
        store.bulk_extend(_article_graphs(args.articles, args.seed, reports))
        _lap("make + load article graphs (bulk, on disk)", clock)
        clock = time.perf_counter()
        merged = merge_reports(reports)
        _lap("merge (all reports at once)", clock)
        kinds = {k: sum(1 for r in reports if r.kind == k) for k in ("transfer", "strike", "statement")}
        print(f"  reports {len(reports)} {kinds}; event quads {len(merged)}")
        clock = time.perf_counter()
        store.bulk_extend(merged)
        store.flush()
        _lap("load events (bulk, on disk)", clock)
        clock = time.perf_counter()
        tallies.rebuild(store)
        _lap("count the statement tallies", clock)
        size = sum(f.stat().st_size for f in (folder / "kg").rglob("*") if f.is_file())
        print(f"  store: {len(store)} quads, {size / 1e6:.0f} MB on disk")
        merged.clear()
        reports.clear()
        kinds_query = (
            "SELECT ?k (COUNT(?e) AS ?n) WHERE { ?e a ?k FILTER(?k IN (ak:Transfer, ak:Strike, ak:Statement)) }"
        )
        print(f"events: {_rows(store, kinds_query + ' GROUP BY ?k')}")

        _time_queries(store, args.articles, args.repeat)

        if args.extra:
            extra = list(synthetic_corpus(args.extra, args.seed + 1, prefix="extra"))
            adds: list[float] = []
            for article, extraction in extra:
                start = time.perf_counter()
                write_article(store, article, extraction)
                adds.append(time.perf_counter() - start)
            removes: list[float] = []
            for article, _ in extra:
                start = time.perf_counter()
                remove_article(store, article.id)
                removes.append(time.perf_counter() - start)
            for label, times in (("write one article", adds), ("remove one article", removes)):
                ordered = sorted(times)
                p95 = ordered[int(0.95 * (len(ordered) - 1))]
                print(
                    f"incremental: {label:<20} median {statistics.median(times) * 1000:8.1f} ms"
                    f"  p95 {p95 * 1000:8.1f} ms  max {max(times) * 1000:8.1f} ms  ({len(times)} articles)"
                )
        del store
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
