"""End-to-end scale benchmark: synthetic corpora of growing size, ingested, loaded and queried.

For each size (``--sizes 1000,10000,100000`` by default) it

1. writes a synthetic corpus (:mod:`synthetic_articles`, seeded; ~3.5 KB articles);
2. ingests it into a fresh store with :func:`armskg.graph.ingest.ingest` (the bulk writer), ``--workers``
   extraction processes, ``--shards`` on, watching the peak RSS of this process and its workers;
3. loads the same quads (the shards) with the raw ``oxigraph load`` into another fresh store:
   the anchor for the store part of ingestion;
4. up to ``--queries-max-articles`` (10k by default: at 100k the slowest queries take minutes),
   runs every named query (:mod:`query_speed`: parameters picked from the data,
   ``--queries-repeat`` runs after a warm-up, p50/p95; one run for a query whose warm-up took over
   ``--queries-once-above-s``, 1 s), and, up to ``--rdflib-max-quads``, the
   same queries on rdflib in memory, each stopped once it has run ``--rdflib-ratio`` (60) times
   the Oxigraph p50 (at least 5 s, at most ``--rdflib-timeout-s``, 60 s): enough to tell whether
   Oxigraph is 50 times faster, without waiting a minute for each query rdflib cannot do.

Then it prints one table of ingest figures and one of query latencies per size.  Nothing is
asserted: speed is not a test.  ``--keep DIR`` keeps the corpora and stores.

Usage::

    .venv/bin/python benchmarks/scale.py                          # 1k, 10k, 100k; queries up to 10k
    .venv/bin/python benchmarks/scale.py --sizes 1000 --rdflib-max-quads 1000000
    .venv/bin/python benchmarks/scale.py --sizes 100000 --queries-max-articles 100000 --keep /data/scale
"""

from __future__ import annotations

import argparse
import gc
import itertools
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))

from query_speed import Timing, named_query_cases, store_runner, time_queries, time_rdflib
from synthetic_articles import write_corpus

from armskg.graph.ingest import IngestOptions, IngestProgress, ingest
from armskg.graph.store import open_store
from armskg.loaders.readers import read_articles

__all__ = ["PeakRss", "SizeResult", "disk_bytes", "main", "run_size"]

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
_RDFLIB_FLOOR_S = 5.0


@dataclass(slots=True)
class SizeResult:
    """The figures of one corpus size."""

    articles: int
    corpus_mb: float = 0.0
    extract_load_s: float = 0.0
    load_s: float = 0.0
    merge_s: float = 0.0
    total_s: float = 0.0
    quads: int = 0
    peak_rss_mb: float = 0.0
    disk_mb: float = 0.0
    oxigraph_load_s: float = 0.0
    queries: list[Timing] = field(default_factory=list)
    rdflib: dict[str, Timing] = field(default_factory=dict)
    rdflib_limits: dict[str, float] = field(default_factory=dict)


class PeakRss:
    """The largest total RSS of this process and its children, sampled every 0.2 s (the children
    are looked up every 2 s: finding them reads every process's status)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        me = psutil.Process()
        processes: list[psutil.Process] = []
        for tick in itertools.count():
            if self._stop.wait(0.2):
                return
            if tick % 10 == 0:
                processes = [me, *me.children(recursive=True)]
            total = 0
            for process in processes:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)


def disk_bytes(folder: Path) -> int:
    """Bytes in the files under ``folder``."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def run_size(size: int, work: Path, args: argparse.Namespace) -> SizeResult:
    """Generate, ingest, anchor and query one corpus size (see the module docstring)."""
    result = SizeResult(size)
    corpus, store_dir, shards, anchor = (work / f"{size}-{name}" for name in ("corpus", "store", "shards", "anchor"))
    for folder in (corpus, store_dir, shards, anchor):
        shutil.rmtree(folder, ignore_errors=True)
    write_corpus(corpus, size, seed=args.seed, shards=max(1, args.workers), workers=max(1, args.workers))
    result.corpus_mb = disk_bytes(corpus) / 2**20
    print(f"[{size}] corpus written: {result.corpus_mb:.0f} MB", flush=True)
    marks: dict[str, float] = {}
    done = [0]

    def counted(outcome: str) -> None:
        done[0] += 1
        if done[0] % max(1, size // 10) == 0:
            print(f"[{size}]   {done[0]} articles, {time.perf_counter() - marks['start']:.0f} s", flush=True)

    def merging(blocks: int) -> None:
        marks["merge"] = time.perf_counter()
        print(f"[{size}]   extracted and loaded; merging {blocks} blocks", flush=True)

    progress = IngestProgress(article=counted, merge_total=merging)
    options = IngestOptions(
        writer="bulk", workers=args.workers, batch_size=args.batch_size, shards=shards, store_folder=store_dir / "kg"
    )
    with PeakRss() as rss:
        marks["start"] = time.perf_counter()
        store = open_store(store_dir / "kg")
        report = ingest(store, read_articles([corpus]), options, progress)
        store.flush()
        result.total_s = time.perf_counter() - marks["start"]
    assert not report.failed, report.failed[:3]
    result.extract_load_s = marks["merge"] - marks["start"]
    result.load_s, result.merge_s = report.load_s, report.merge_s
    result.peak_rss_mb = rss.peak / 2**20
    result.quads = len(store)
    result.disk_mb = disk_bytes(store_dir) / 2**20
    print(
        f"[{size}] ingested in {result.total_s:.0f} s (merge {result.merge_s:.0f} s), {result.quads:,} quads",
        flush=True,
    )
    started = time.perf_counter()
    command = [str(OXIGRAPH), "load", "--location", str(anchor)]
    for shard in sorted(shards.iterdir()):
        command += ["--file", str(shard)]
    subprocess.run(command, check=True, capture_output=True)
    result.oxigraph_load_s = time.perf_counter() - started
    if size > args.queries_max_articles:
        print(f"[{size}] queries skipped (--queries-max-articles {args.queries_max_articles})", flush=True)
        cases = []
    else:
        cases = named_query_cases(store)
    result.queries = time_queries(
        store_runner(store), cases, repeat=args.queries_repeat, once_above_s=args.queries_once_above_s
    )
    if cases and result.quads <= args.rdflib_max_quads:
        result.rdflib_limits = {
            t.case.label: min(args.rdflib_timeout_s, max(_RDFLIB_FLOOR_S, args.rdflib_ratio * t.p50))
            for t in result.queries
            if t.times
        }
        rdflib = time_rdflib(store, cases, repeat=1, timeout_s=args.rdflib_timeout_s, limits=result.rdflib_limits)
        result.rdflib = {t.case.label: t for t in rdflib}
    del store
    gc.collect()
    if not args.keep:
        for folder in (corpus, store_dir, shards, anchor):
            shutil.rmtree(folder, ignore_errors=True)
    return result


def _ms(seconds: float) -> str:
    return "-" if seconds != seconds else f"{seconds * 1000:,.0f}"


def print_tables(results: list[SizeResult], workers: int) -> None:
    """The ingest table (one row per size), then a query table (one column pair per size)."""
    print(f"\n## Ingest ({workers} extraction workers, {psutil.cpu_count()} cores)\n")
    print(
        "| articles | corpus MB | articles/s end to end | extract+load s | load s | merge s | total s "
        "| quads | quads/s (store part) | oxigraph load s | store part / oxigraph load | peak RSS MB | disk MB |"
    )
    print("|" + "---|" * 13)
    for r in results:
        store_part = r.load_s + r.merge_s
        print(
            f"| {r.articles:,} | {r.corpus_mb:.0f} | {r.articles / r.total_s:.1f} | {r.extract_load_s:.0f} "
            f"| {r.load_s:.0f} | {r.merge_s:.0f} | {r.total_s:.0f} | {r.quads:,} | {r.quads / store_part:,.0f} "
            f"| {r.oxigraph_load_s:.1f} | {store_part / r.oxigraph_load_s:.1f}x | {r.peak_rss_mb:,.0f} "
            f"| {r.disk_mb:,.0f} |"
        )
    print("\n## Named queries: p50 / p95 ms (rdflib in memory: one run, and its ratio to the p50)\n")
    header = "| query |" + "".join(f" {r.articles:,} p50 | p95 | rdflib (x) |" for r in results)
    print(header)
    print("|---|" + "---|---|---|" * len(results))
    labels = list(dict.fromkeys(t.case.label for r in results for t in r.queries))
    for label in labels:
        row = f"| {label} |"
        for r in results:
            timing = next((t for t in r.queries if t.case.label == label), None)
            if timing is None:
                row += " - | - | - |"
                continue
            theirs = r.rdflib.get(label)
            if theirs is None:
                versus = "-"
            elif theirs.times:
                versus = f"{_ms(theirs.p50)} ({theirs.p50 / timing.p50:,.0f}x)"
            elif theirs.note.startswith("> ") and label in r.rdflib_limits:  # stopped at its limit
                versus = f"{theirs.note} (> {r.rdflib_limits[label] / timing.p50:,.0f}x)"
            else:
                versus = theirs.note or "-"
            p95 = "1 run" if len(timing.times) == 1 else _ms(timing.p95)
            row += f" {_ms(timing.p50)} | {p95} | {versus} |"
        print(row)


def main(argv: list[str] | None = None) -> int:
    """Run the sizes and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=psutil.cpu_count() or 1, help="extraction processes")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--queries-repeat", type=int, default=3)
    parser.add_argument(
        "--queries-once-above-s",
        type=float,
        default=1.0,
        help="a query whose warm-up takes longer is timed by one run (p95 shows '1 run')",
    )
    parser.add_argument(
        "--queries-max-articles",
        type=int,
        default=10_000,
        help="skip the queries above this size (query_speed.py times a kept store)",
    )
    parser.add_argument("--rdflib-max-quads", type=int, default=1_500_000)
    parser.add_argument("--rdflib-timeout-s", type=float, default=60.0)
    parser.add_argument(
        "--rdflib-ratio",
        type=float,
        default=60.0,
        help="stop an rdflib run once it takes this many times the Oxigraph p50 (at least 5 s, at most "
        "--rdflib-timeout-s): enough to tell whether Oxigraph is 50x faster",
    )
    parser.add_argument("--keep", type=Path, help="keep corpora and stores in this folder")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="armskg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"armskg scale benchmark: sizes {sizes}, {args.workers} workers, in {work}", flush=True)
    results: list[SizeResult] = []
    for size in sizes:
        results.append(run_size(size, work, args))
        print_tables(results, args.workers)  # after each size: a long run stopped later keeps these
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
