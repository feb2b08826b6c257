"""Latency of every named query of the library on a store, and against rdflib in memory.

Opens an armskg store (the folder given, e.g. one built by ``merge_speed.py --keep DIR``, whose
store is ``DIR/kg``), picks sensible parameter values from the data itself (the busiest supplier,
the busiest transfer, the most frequent publisher, a month of articles, ...), runs every query of
:func:`armskg.queries.library.list_queries` ``--repeat`` times and prints p50 and p95 per case.
A query without required parameters runs once with none (its full answer) and, where it has
optional ones, once more with a selective value (what an analyst usually asks).

With ``--rdflib`` the same quads (``store.dump`` to N-Quads) are parsed into an in-memory
``rdflib.Dataset`` and the same cases run there, with the ratio printed; a store larger than
``--rdflib-max-quads`` is not loaded into rdflib (noted), and an rdflib query slower than
``--rdflib-timeout-s`` is abandoned (rdflib cannot be interrupted: it runs in a worker process
that is killed) and reported as "> timeout".

Usage::

    .venv/bin/python benchmarks/query_speed.py /tmp/q100k/kg [--repeat 5] [--only transfers,strikes]
    .venv/bin/python benchmarks/query_speed.py /tmp/q10k/kg --rdflib [--rdflib-max-quads 2000000]

The functions :func:`named_query_cases` and :func:`time_queries` are meant to be reused by an
end-to-end benchmark.  Nothing is asserted (speed is not a test).
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from armskg.ontology import PREFIXES
from armskg.queries.library import NamedQuery, bind_parameters, list_queries, load_query
from armskg.queries.run import run_query

__all__ = [
    "QueryCase",
    "Timing",
    "format_table",
    "load_library",
    "main",
    "named_query_cases",
    "rdflib_dataset",
    "rdflib_runner",
    "store_runner",
    "time_killable",
    "time_queries",
    "time_rdflib",
]


@dataclass(frozen=True, slots=True)
class QueryCase:
    """One named query with the parameter values to run it with."""

    name: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """``name`` followed by its parameters, shortened for a table."""
        shown = " ".join(f"{k}={_short(v)}" for k, v in self.params.items())
        return f"{self.name} {shown}".strip()


@dataclass(frozen=True, slots=True)
class Timing:
    """The wall-clock times (seconds) of one case's runs and the row count of its answer."""

    case: QueryCase
    times: list[float]
    rows: int
    note: str = ""

    @property
    def p50(self) -> float:
        """Median latency in seconds (``nan`` if the case did not run)."""
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self) -> float:
        """95th percentile latency in seconds (nearest rank; the max for fewer than 20 runs)."""
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered) + 0.5))]


def _short(value: str) -> str:
    return value.rsplit("/", 1)[-1][:12] if value.startswith("http") else value


def _first(store: ox.Store, text: str) -> str | None:
    """The first column of the first row of a query, as a string (None when no row)."""
    result = store.query(PREFIXES + text)
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        term = row[0]
        return None if term is None else str(term.value)
    return None


def _picks(store: ox.Store) -> dict[str, str]:
    """Parameter values taken from the data: the busiest actors, events, publisher and month."""
    picks: dict[str, str] = {}
    top = " GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"
    queries = {
        "supplier": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?t ak:supplier ?x }" + top,
        "recipient": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?t ak:recipient ?x }" + top,
        "attacker": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?t ak:attacker ?x }" + top,
        "speaker": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?t ak:speaker ?x }" + top,
        "talked-about": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ak:about ?x }" + top,
        "publisher": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?a schema:publisher ?x }" + top,
        "affiliation": "SELECT ?x (COUNT(*) AS ?n) WHERE { ?p ak:affiliation ?x }" + top,
        "transfer": "SELECT ?e WHERE { ?e a ak:Transfer ; ak:sourceCount ?n } ORDER BY DESC(?n) ?e LIMIT 1",
        "strike": "SELECT ?e WHERE { ?e a ak:Strike ; ak:sourceCount ?n } ORDER BY DESC(?n) ?e LIMIT 1",
        "last-day": "SELECT (MAX(?d) AS ?x) WHERE { ?a schema:datePublished ?d }",
    }
    for key, text in queries.items():
        value = _first(store, text)
        if value is not None:
            picks[key] = value
    if "supplier" in picks:
        other = _first(
            store,
            f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?t ak:supplier <{picks['supplier']}> ; ak:recipient ?x }} "
            "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
        )
        if other is not None:
            picks["partner"] = other
    return picks


def _month_before(day: str) -> str:
    year, month, rest = day.split("-")
    y, m = (int(year), int(month) - 1) if int(month) > 1 else (int(year) - 1, 12)
    return f"{y:04d}-{m:02d}-{min(int(rest), 28):02d}"


def named_query_cases(store: ox.Store, queries: Sequence[NamedQuery] | None = None) -> list[QueryCase]:
    """The cases to time for each library query, with parameter values read from ``store``.

    Each query without required parameters gets a case with no parameters (its whole answer);
    a query with optional parameters also gets one selective case (busiest supplier, a month,
    ...); a query with required parameters gets the busiest real values.  A query whose values
    cannot be found in the store (an empty store) is left out.
    """
    picks = _picks(store)
    last = picks.get("last-day")
    month = {"from": _month_before(last), "to": last} if last else {}
    selective: dict[str, dict[str, str]] = {
        "transfers": {"supplier": picks.get("supplier", "")},
        "transfers-by-period": dict(month),
        "transfer-pairs": {"supplier": picks.get("supplier", "")},
        "strikes": {"attacker": picks.get("attacker", ""), **month},
        "strikes-with-supplied-weapons": {"supplier": picks.get("supplier", "")},
        "statements-about-transfers": {"speaker": picks.get("speaker", ""), "stance": "deny"},
        "joint-statements": {"signatory": picks.get("speaker", "")},
        "stance-counts": {"speaker": picks.get("speaker", "")},
        "officials": {"affiliation": picks.get("affiliation", "")},
        "actors": {"class": "ak:State"},
        "articles": {"publisher": picks.get("publisher", ""), **month},
        "contested-facts": {"actor": picks.get("supplier", "")},
        "most-corroborated": {"minSources": "5"},
        "coalitions": {"position": "1"},
    }
    required: dict[str, dict[str, str]] = {
        "actor-profile": {"actor": picks.get("supplier", "")},
        "actor-pair-timeline": {"actor": picks.get("supplier", ""), "other": picks.get("partner", "")},
        "statements-about-actor": {"actor": picks.get("supplier", "")},
        "statements-about-event": {"event": picks.get("talked-about", "")},
        "evidence": {"event": picks.get("transfer", "")},
        "sources-of-fact": {"event": picks.get("transfer", "")},
    }
    cases: list[QueryCase] = []
    for query in queries if queries is not None else list_queries():
        if any(param.required for param in query.params):
            values = required.get(query.name, {})
            if all(values.get(p.name) for p in query.params if p.required):
                cases.append(QueryCase(query.name, {k: v for k, v in values.items() if v}))
            if query.name in ("sources-of-fact", "evidence") and picks.get("strike"):
                cases.append(QueryCase(query.name, {"event": picks["strike"]}))
            continue
        cases.append(QueryCase(query.name))
        values = {k: v for k, v in selective.get(query.name, {}).items() if v}
        if values:
            cases.append(QueryCase(query.name, values))
    return cases


Runner = Callable[[QueryCase], int]
"""Runs one case and returns its row count."""


def load_library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The queries by name: the library's, or those of the ``.rq`` files in ``folder``."""
    if folder is None:
        return {query.name: query for query in list_queries()}
    queries = [load_query(str(path)) for path in sorted(folder.glob("*.rq"))]
    return {query.name: query for query in queries}


def store_runner(store: ox.Store, library: dict[str, NamedQuery] | None = None) -> Runner:
    """Run cases on an Oxigraph store with :func:`armskg.queries.run.run_query` (rows materialised)."""
    queries = library if library is not None else load_library()

    def run(case: QueryCase) -> int:
        return len(run_query(store, queries[case.name], case.params).terms)

    return run


def time_queries(
    run: Runner,
    cases: Sequence[QueryCase],
    repeat: int = 5,
    *,
    warmup: int = 1,
    progress: Callable[[Timing], None] | None = None,
    once_above_s: float | None = None,
) -> list[Timing]:
    """Run each case ``repeat`` times with ``run`` (after ``warmup`` untimed runs) and time it.
    A case whose last warm-up run took longer than ``once_above_s`` is timed by one run (noted
    "1 run"): a query of seconds is far from any target, and repeating it says little more."""
    timings: list[Timing] = []
    for case in cases:
        slow = False
        for _ in range(warmup):
            start = time.perf_counter()
            run(case)
            slow = once_above_s is not None and time.perf_counter() - start > once_above_s
        times, rows = [], 0
        for _ in range(1 if slow else repeat):
            start = time.perf_counter()
            rows = run(case)
            times.append(time.perf_counter() - start)
        timing = Timing(case, times, rows, "1 run" if slow else "")
        timings.append(timing)
        if progress is not None:
            progress(timing)
    return timings


# --- rdflib, in memory -------------------------------------------------------------------------


def rdflib_dataset(store: ox.Store) -> Any:
    """The store's quads in an in-memory ``rdflib.Dataset`` (through N-Quads)."""
    import rdflib

    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    return dataset


def _rdflib_rows(dataset: Any, case: QueryCase, query: NamedQuery) -> int:
    import rdflib

    terms = bind_parameters(query, case.params)
    bindings: dict[str, Any] = {}
    for name, term in terms.items():
        if isinstance(term, ox.NamedNode):
            bindings[name] = rdflib.URIRef(term.value)
        else:
            datatype = None if term.datatype.value.endswith("#string") else rdflib.URIRef(term.datatype.value)
            bindings[name] = rdflib.Literal(term.value, datatype=datatype)
    return len(list(dataset.query(PREFIXES + query.text, initBindings=bindings)))


def rdflib_runner(dataset: Any, library: dict[str, NamedQuery] | None = None) -> Runner:
    """Run cases on an rdflib Dataset in this process (no time limit)."""
    queries = library if library is not None else load_library()

    def run(case: QueryCase) -> int:
        return _rdflib_rows(dataset, case, queries[case.name])

    return run


def _brief(error: Exception) -> str:
    """The first line of an error, short enough for a table cell."""
    return str(error).splitlines()[0][:80] if str(error) else type(error).__name__


def _worker(make_runner: Callable[[], Runner], requests: Any, answers: Any) -> None:
    try:
        run = make_runner()
    except Exception as error:
        answers.put(("error", 0, _brief(error)))
        return
    answers.put(("ready", 0, 0.0))
    while True:
        case = requests.get()
        if case is None:
            return
        try:
            start = time.perf_counter()
            rows = run(case)
            answers.put(("ok", rows, time.perf_counter() - start))
        except Exception as error:  # report any failure as a note, keep going
            answers.put(("error", 0, _brief(error)))


def time_killable(
    make_runner: Callable[[], Runner],
    cases: Sequence[QueryCase],
    repeat: int,
    timeout_s: float,
    *,
    warmup: int = 0,
    progress: Callable[[Timing], None] | None = None,
    once_above_s: float | None = None,
    limits: Mapping[str, float] | None = None,
) -> list[Timing]:
    """Like :func:`time_queries`, but in a forked worker process that builds its runner with
    ``make_runner``: a run slower than ``timeout_s`` (or the case's entry in ``limits``, by label)
    is abandoned (the worker is killed and a new one
    started, since neither rdflib nor pyoxigraph can stop a query) and noted as "> timeout".
    A case whose warm-up took longer than ``once_above_s`` is timed by one more run only (noted
    "1 run"): repeating a query of minutes adds hours and says little more."""
    context = mp.get_context("fork")
    timings: list[Timing] = []
    worker: Any = None
    requests: Any = None
    answers: Any = None

    def start() -> None:
        nonlocal worker, requests, answers
        requests, answers = context.Queue(), context.Queue()
        worker = context.Process(target=_worker, args=(make_runner, requests, answers), daemon=True)
        worker.start()
        status, _rows, note = answers.get()
        if status == "error":
            raise RuntimeError(f"the query worker could not start: {note}")

    start()
    for case in cases:
        times: list[float] = []
        rows, note = 0, ""
        limit = (limits or {}).get(case.label, timeout_s)
        for run in range(warmup + repeat):
            requests.put(case)
            try:
                status, rows, seconds = answers.get(timeout=limit)
            except Exception:
                worker.kill()
                worker.join()
                note = f"> {limit:.3g} s"
                start()
                break
            if status == "error":
                note = f"error: {seconds}"
                break
            if run >= warmup:
                times.append(seconds)
                if note:
                    break
            elif once_above_s is not None and seconds > once_above_s:
                note = "1 run"
        timings.append(Timing(case, times, rows, note))
        if progress is not None:
            progress(timings[-1])
    requests.put(None)
    worker.join(timeout=10)
    return timings


def time_rdflib(
    store: ox.Store,
    cases: Sequence[QueryCase],
    repeat: int,
    timeout_s: float,
    library: dict[str, NamedQuery] | None = None,
    limits: Mapping[str, float] | None = None,
) -> list[Timing]:
    """Time ``cases`` on rdflib in memory, in a worker process killed (and restarted) on a timeout
    (``timeout_s``, or the case's entry in ``limits``).  The store is parsed once, here: each
    worker is forked from this process and shares the parsed graph."""
    import rdflib

    queries = library if library is not None else load_library()
    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_QUADS)
    nquads = buffer.getvalue()
    clock = time.perf_counter()
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    print(f"  rdflib: parsed {len(nquads) / 1e6:.0f} MB of N-Quads in {time.perf_counter() - clock:.1f} s")
    del buffer, nquads

    def make_runner() -> Runner:
        return rdflib_runner(dataset, queries)

    return time_killable(make_runner, cases, repeat, timeout_s, progress=lambda t: _print_row(t, None), limits=limits)


# --- output ------------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return "-" if seconds != seconds else f"{seconds * 1000:.1f}"


def _print_row(timing: Timing, other: Timing | None) -> None:
    line = f"  {timing.case.label:<62} p50 {_ms(timing.p50):>9} ms  p95 {_ms(timing.p95):>9} ms  rows {timing.rows:>7}"
    if other is not None and other.times and timing.times:
        line += f"  rdflib/oxigraph {other.p50 / timing.p50:8.0f}x"
    elif other is not None:
        line += f"  rdflib {other.note or '-'}"
    if timing.note:
        line += f"  {timing.note}"
    print(line, flush=True)


def format_table(timings: Sequence[Timing], rdflib_timings: Sequence[Timing] | None = None) -> str:
    """A Markdown table: case, p50, p95, rows (and rdflib p50 and ratio when given)."""
    by_label = {t.case.label: t for t in rdflib_timings or ()}
    head = "| query | p50 ms | p95 ms | rows |"
    rule = "|---|---:|---:|---:|"
    if rdflib_timings is not None:
        head += " rdflib p50 ms | ratio |"
        rule += "---:|---:|"
    lines = [head, rule]
    for t in timings:
        line = f"| `{t.case.label}` | {_ms(t.p50)} | {_ms(t.p95)} | {t.note or t.rows} |"
        if rdflib_timings is not None:
            other = by_label.get(t.case.label)
            if other is None or not other.times or not t.times:
                line += f" {other.note if other else '-'} | - |"
            else:
                line += f" {_ms(other.p50)} | {other.p50 / t.p50:.0f}× |"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Time the named queries on the store at ``path`` (and on rdflib with ``--rdflib``)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("store", type=Path, help="the store folder (e.g. DIR/kg of merge_speed.py --keep DIR)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs of each case first")
    parser.add_argument("--only", default="", help="comma-separated query names (default: every library query)")
    parser.add_argument("--rdflib", action="store_true", help="also time rdflib's in-memory store")
    parser.add_argument("--rdflib-max-quads", type=int, default=3_000_000)
    parser.add_argument("--rdflib-timeout-s", type=float, default=120.0)
    parser.add_argument("--rdflib-repeat", type=int, default=None, help="runs per case on rdflib (default --repeat)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table at the end")
    parser.add_argument("--library", type=Path, help="time the .rq files of this folder instead of the library's")
    args = parser.parse_args(argv)
    if not args.store.is_dir():
        print(f"query_speed: no store folder at {args.store}", file=sys.stderr)
        return 2
    store = ox.Store.read_only(str(args.store))
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    library = load_library(args.library)
    queries = [q for name, q in sorted(library.items()) if not wanted or name in wanted]
    quads = len(store)
    articles = _first(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a a ak:Article }")
    print(f"store {args.store}: {quads} quads, {articles} articles; {args.repeat} runs per case (p50, p95)")
    cases = named_query_cases(store, queries)
    print("oxigraph (pyoxigraph, on disk, rows materialised):")
    runner = store_runner(store, library)
    timings = time_queries(runner, cases, args.repeat, warmup=args.warmup, progress=lambda t: _print_row(t, None))
    rdflib_timings: list[Timing] | None = None
    if args.rdflib:
        if quads > args.rdflib_max_quads:
            print(f"rdflib: skipped, {quads} quads > --rdflib-max-quads {args.rdflib_max_quads}")
        else:
            print(f"rdflib {_rdflib_version()} in memory (timeout {args.rdflib_timeout_s:.0f} s per run):")
            repeat = args.rdflib_repeat or args.repeat
            rdflib_timings = time_rdflib(store, cases, repeat, args.rdflib_timeout_s, library)
            print("ratios (rdflib p50 / oxigraph p50):")
            by_label = {t.case.label: t for t in rdflib_timings}
            for t in timings:
                _print_row(t, by_label.get(t.case.label))
    if args.markdown:
        print(format_table(timings, rdflib_timings))
    return 0


def _rdflib_version() -> str:
    import rdflib

    return str(rdflib.__version__)


if __name__ == "__main__":
    sys.exit(main())
