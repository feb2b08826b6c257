"""The query-latency benchmark's reusable parts, on a small synthetic store (no timings asserted).

``benchmarks/query_speed.py`` picks parameter values from the data and runs every named query;
an end-to-end benchmark reuses :func:`named_query_cases` and :func:`time_queries`.  These tests
check that every library query gets a case, that the picked values are real and accepted, and
that the runners (Oxigraph and rdflib in memory) answer with the rows ``run_query`` gives.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

from armskg.graph.merge import merge_reports, tallies
from armskg.graph.triples import Report, article_quads, article_reports
from armskg.queries.library import bind_parameters, list_queries, load_query
from armskg.queries.run import run_query

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

# rdflib's own parsers call its deprecated Dataset API; that is not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    return _module("query_speed")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """60 synthetic articles (the merge benchmark's corpus), merged, in memory."""
    corpus = _module("merge_speed").synthetic_corpus(60, seed=3)
    store = ox.Store()
    reports: list[Report] = []
    for article, extraction in corpus:
        store.extend(article_quads(article, extraction))
        reports.extend(article_reports(article, extraction))
    store.extend(merge_reports(reports))
    tallies.rebuild(store)
    return store


def test_every_library_query_gets_a_case_with_accepted_values(speed: ModuleType, store: ox.Store) -> None:
    cases = speed.named_query_cases(store)
    assert {case.name for case in cases} == {query.name for query in list_queries()}
    for case in cases:
        query = load_query(case.name)
        terms = bind_parameters(query, case.params)
        assert {p.name for p in query.params if p.required} <= set(terms)


def test_required_values_are_taken_from_the_data(speed: ModuleType, store: ox.Store) -> None:
    cases = {case.label: case for case in speed.named_query_cases(store)}
    evidence = [case for case in cases.values() if case.name == "evidence"]
    assert len(evidence) == 2  # the busiest transfer and the busiest strike
    for case in evidence:
        assert run_query(store, load_query(case.name), case.params).rows, case.label
    profile = next(case for case in cases.values() if case.name == "actor-profile")
    assert run_query(store, load_query("actor-profile"), profile.params).rows


def test_time_queries_reports_the_rows_of_each_case(speed: ModuleType, store: ox.Store) -> None:
    cases = [case for case in speed.named_query_cases(store) if case.name in ("transfers", "stance-counts")]
    timings = speed.time_queries(speed.store_runner(store), cases, repeat=3, warmup=0)
    assert [t.case for t in timings] == cases
    for timing in timings:
        assert len(timing.times) == 3
        assert timing.p50 <= timing.p95
        assert timing.rows == len(run_query(store, load_query(timing.case.name), timing.case.params).rows)
        assert timing.rows > 0
    table = speed.format_table(timings)
    assert table.count("\n") == len(cases) + 1
    assert "`transfers`" in table


def test_rdflib_runner_answers_the_same_rows_as_oxigraph(speed: ModuleType, store: ox.Store) -> None:
    dataset = speed.rdflib_dataset(store)
    oxigraph, rdflib = speed.store_runner(store), speed.rdflib_runner(dataset)
    cases = [c for c in speed.named_query_cases(store) if c.name in ("transfers", "evidence", "stance-counts")]
    assert cases
    for case in cases:
        assert rdflib(case) == oxigraph(case) > 0, case.label


def test_a_folder_of_query_files_replaces_the_library(speed: ModuleType, store: ox.Store, tmp_path: Path) -> None:
    (tmp_path / "transfers.rq").write_text(
        "# name: transfers\nSELECT ?transfer WHERE { ?transfer a ak:Transfer }\n", encoding="utf-8"
    )
    library = speed.load_library(tmp_path)
    assert list(library) == ["transfers"]
    [timing] = speed.time_queries(speed.store_runner(store, library), [speed.QueryCase("transfers")], 1, warmup=0)
    assert timing.rows == len(run_query(store, load_query("transfers")).rows)


def test_a_run_over_the_time_limit_is_given_up_and_the_next_case_still_runs(speed: ModuleType, store: ox.Store) -> None:
    """time_killable kills a worker stuck in one run and starts another for the cases after it."""
    quick, slow = speed.QueryCase("transfers"), speed.QueryCase("articles")
    runner = speed.store_runner(store)

    def make_runner() -> Callable[[object], int]:
        def run(case: object) -> int:
            if case == slow:
                time.sleep(60)  # a run that no query API here could interrupt
            return int(runner(case))

        return run

    timings = speed.time_killable(make_runner, [slow, quick], 2, 1.0, warmup=1)
    assert [t.case for t in timings] == [slow, quick]
    assert timings[0].times == [] and timings[0].note == "> 1 s"
    assert len(timings[1].times) == 2 and timings[1].note == ""
    assert timings[1].rows == len(run_query(store, load_query("transfers")).rows)


def test_a_case_whose_warm_up_is_slow_is_timed_once(speed: ModuleType, store: ox.Store) -> None:
    slow, quick = speed.QueryCase("articles"), speed.QueryCase("transfers")
    runner = speed.store_runner(store)

    def make_runner() -> Callable[[object], int]:
        def run(case: object) -> int:
            if case == slow:
                time.sleep(0.3)
            return int(runner(case))

        return run

    timings = speed.time_killable(make_runner, [slow, quick], 3, 30.0, warmup=1, once_above_s=0.2)
    assert len(timings[0].times) == 1 and timings[0].times[0] >= 0.3 and timings[0].note == "1 run"
    assert len(timings[1].times) == 3 and timings[1].note == ""


def test_time_queries_times_a_case_with_a_slow_warm_up_once(speed: ModuleType, store: ox.Store) -> None:
    slow, quick = speed.QueryCase("articles"), speed.QueryCase("transfers")
    runner = speed.store_runner(store)

    def run(case: object) -> int:
        if case == slow:
            time.sleep(0.3)
        return int(runner(case))

    timings = speed.time_queries(run, [slow, quick], 3, once_above_s=0.2)
    assert len(timings[0].times) == 1 and timings[0].times[0] >= 0.3 and timings[0].note == "1 run"
    assert len(timings[1].times) == 3 and timings[1].note == ""


def test_a_case_s_own_limit_replaces_the_timeout(speed: ModuleType, store: ox.Store) -> None:
    """A case named in ``limits`` is given up after its own limit, the others after the timeout."""
    slow, other = speed.QueryCase("articles"), speed.QueryCase("transfers")
    runner = speed.store_runner(store)

    def make_runner() -> Callable[[object], int]:
        def run(case: object) -> int:
            time.sleep(1.5)
            return int(runner(case))

        return run

    timings = speed.time_killable(make_runner, [slow, other], 1, 30.0, limits={slow.label: 0.5})
    assert timings[0].times == [] and timings[0].note == "> 0.5 s"
    assert len(timings[1].times) == 1 and timings[1].times[0] >= 1.5
