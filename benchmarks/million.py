"""A million articles into one store, resumable: the long run of the scale benchmark.

A corpus of ``--articles`` synthetic articles (:mod:`synthetic_articles`, seeded; its first 100k
are the 100k corpus of :mod:`scale`) is written once, as ``--parts`` files of consecutive articles
(default 1).  Each part goes into the same store with its own
:func:`armskg.graph.ingest.ingest` (the bulk writer) run, as a researcher adding a year of wire copy at a time
would, and its figures are appended to ``DIR/parts.jsonl`` once it is in: articles, wall and CPU
time, extract+load, load and merge time, peak RSS, quads and size on disk.  ``DIR/progress.log``
gets a line every ``--log-every`` articles and every 5% of the merge, with the wall and CPU clocks,
so that a stop of the machine (wall time passing without CPU time) can be told from slow work.

The run can be stopped at any point and started again with the same arguments: parts already
recorded are skipped; the part that was cut short runs again, its stored articles skipped as
unchanged and its unfinished merge completed, and its record adds the wall time its earlier
attempts had logged (``earlier_attempts_s``; what ran after an attempt's last log line is not
counted).  When every part is in, every named query is timed on the whole store (p50/p95 over
``--queries-repeat`` runs after a warm-up, in a worker process: a run slower than
``--query-timeout-s`` is given up and noted; one whose warm-up took more than ``--once-above-s``
is timed by a single run), each case recorded in ``DIR/queries.jsonl`` as it
ends (a stopped run times only the cases not recorded yet), and the tables are printed;
``--report`` prints them from the records, with the extract+load rate by 100k articles read
from the progress log (how it changes as the store grows).

No N-Quads shards and no ``oxigraph load`` anchor here: at a million articles they would need as
much disk again as the store (``scale.py`` has the anchor at 1k-100k).

Usage::

    .venv/bin/python benchmarks/million.py --dir /work/scale-1m            # 1M articles, one run
    .venv/bin/python benchmarks/million.py --dir /tmp/m --articles 3000 --parts 3 --queries-repeat 1
    .venv/bin/python benchmarks/million.py --dir /work/scale-1m --report

Nothing is asserted: speed is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).parent))

import pyoxigraph as ox
from query_speed import QueryCase, Runner, Timing, format_table, named_query_cases, store_runner, time_killable
from scale import PeakRss, disk_bytes
from synthetic_articles import write_corpus

from armskg.graph.ingest import IngestOptions, IngestProgress, ingest
from armskg.graph.store import open_store
from armskg.loaders.readers import read_articles

__all__ = ["PartResult", "main", "run_part"]


@dataclass(slots=True)
class PartResult:
    """The figures of one part, as written to ``parts.jsonl``."""

    part: int
    articles: int
    ingested: int
    unchanged: int
    failed: int
    wall_s: float
    cpu_s: float
    extract_load_s: float
    load_s: float
    merge_s: float
    peak_rss_mb: float
    quads: int
    disk_mb: float
    started: str
    ended: str
    earlier_attempts_s: float


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _cpu_s() -> float:
    """CPU time of this process and its (extraction worker) children, finished or running."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:4])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return total


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _corpus(folder: Path, articles: int, parts: int, seed: int, workers: int) -> list[Path]:
    """The corpus files, written unless the folder already holds the full set."""
    done = folder / "DONE"
    expected = f"{articles} {parts} {seed}"
    if not (done.exists() and done.read_text() == expected):
        started = time.perf_counter()
        write_corpus(folder, articles, seed=seed, shards=parts, workers=workers, force=True)
        done.write_text(expected)
        print(f"corpus written in {time.perf_counter() - started:.0f} s", flush=True)
    return sorted(folder.glob("corpus-*.jsonl"))


def _earlier_attempts(log_path: Path, number: int) -> tuple[int, float]:
    """How many attempts at part ``number`` the log shows, and the last wall time each logged."""
    last: dict[str, float] = {}
    if log_path.exists():
        for line in log_path.read_text().splitlines():
            fields = line.split()
            if len(fields) > 4 and fields[1:3] == ["part", str(number)] and "wall" in fields:
                last[fields[4]] = float(fields[fields.index("wall") + 1])
    return len(last), sum(last.values())


def run_part(number: int, path: Path, store_dir: Path, args: argparse.Namespace) -> PartResult:
    """Ingest one corpus file into the store and return its figures."""
    log_path = args.dir / "progress.log"
    attempts, earlier = _earlier_attempts(log_path, number)
    attempt = attempts + 1
    log = log_path.open("a")
    wall0, cpu0 = time.perf_counter(), _cpu_s()
    marks: dict[str, float] = {}
    count = [0, 0, 0]  # articles seen, blocks to merge, blocks merged

    def line(text: str) -> None:
        log.write(
            f"{_now()} part {number} attempt {attempt} {text} wall {time.perf_counter() - wall0:.1f} s "
            f"cpu {_cpu_s() - cpu0:.1f} s\n"
        )
        log.flush()

    def counted(outcome: str) -> None:
        count[0] += 1
        if count[0] % args.log_every == 0:
            line(f"{count[0]} articles")

    def merging(blocks: int) -> None:
        marks["merge"] = time.perf_counter()
        count[1] = blocks
        line(f"merging {blocks} blocks")

    def merged(blocks: int) -> None:
        step = max(1, count[1] // 20)
        before, count[2] = count[2], count[2] + blocks
        if before // step != count[2] // step:
            line(f"merged {count[2]} blocks")

    line("start")
    started = _now()
    options = IngestOptions(writer="bulk", workers=args.workers, batch_size=args.batch_size, store_folder=store_dir)
    progress = IngestProgress(article=counted, merge_total=merging, merged=merged)
    with PeakRss() as rss:
        store = open_store(store_dir, finish_merges=False)
        report = ingest(store, read_articles([path]), options, progress)
        store.flush()
        wall = time.perf_counter() - wall0
        cpu = _cpu_s() - cpu0
    quads = len(store)
    del store
    line("done")
    log.close()
    return PartResult(
        part=number,
        articles=report.ingested + report.unchanged + len(report.failed),
        ingested=report.ingested,
        unchanged=report.unchanged,
        failed=len(report.failed),
        wall_s=wall,
        cpu_s=cpu,
        extract_load_s=marks.get("merge", wall0) - wall0,
        load_s=report.load_s,
        merge_s=report.merge_s,
        peak_rss_mb=rss.peak / 2**20,
        quads=quads,
        disk_mb=disk_bytes(store_dir) / 2**20,
        started=started,
        ended=_now(),
        earlier_attempts_s=earlier,
    )


def load_bands(log: list[str], part: int, band: int = 100_000) -> list[tuple[int, float, float]]:
    """Wall and CPU seconds spent extracting and loading each ``band`` articles of ``part``, from
    the progress log: ``(articles up to, wall s, CPU s)``, the last band as far as it got.  An
    article count is credited to the attempt that logged it first (a resumed attempt logs the
    stored articles again as it skips them), with the time since that attempt's line before.

    >>> log = [f"t part 1 attempt {a} {n} articles wall {w} s cpu {c} s" for a, n, w, c in
    ...        [(1, 1, 10, 20), (1, 2, 30, 50), (2, 1, 1, 1), (2, 2, 2, 2), (2, 3, 12, 22)]]
    >>> load_bands(log, 1, band=2)
    [(2, 30.0, 50.0), (3, 10.0, 20.0)]
    """
    first: set[int] = set()
    last: dict[str, tuple[float, float]] = {}
    bands: dict[int, list[float]] = {}
    for line in log:
        fields = line.split()
        if len(fields) < 12 or fields[1:3] != ["part", str(part)] or fields[6] != "articles":
            continue
        attempt, articles = fields[4], int(fields[5])
        wall, cpu = float(fields[fields.index("wall") + 1]), float(fields[fields.index("cpu") + 1])
        before = last.get(attempt, (0.0, 0.0))
        last[attempt] = (wall, cpu)
        if articles in first:
            continue
        first.add(articles)
        spent = bands.setdefault((articles - 1) // band, [0.0, 0.0, 0.0])
        spent[0] = max(spent[0], articles)
        spent[1] += wall - before[0]
        spent[2] += cpu - before[1]
    return [(int(end), wall, cpu) for _band, (end, wall, cpu) in sorted(bands.items())]


def print_bands(log_path: Path, parts: int, band: int = 100_000) -> None:
    """The extract+load rate by bands of articles (how it changes as the store grows)."""
    log = log_path.read_text().splitlines() if log_path.exists() else []
    rows = [(part, *row) for part in range(1, parts + 1) for row in load_bands(log, part, band)]
    if not rows:
        return
    print(f"\n## Extract+load by {band:,} articles (from {log_path.name})\n")
    print("| part | articles up to | wall s | articles/s | CPU s | cores busy |")
    print("|---|---|---|---|---|---|")
    done = {part: 0 for part, *_ in rows}
    for part, end, wall, cpu in rows:
        count, done[part] = end - done[part], end
        print(f"| {part} | {end:,} | {wall:,.0f} | {count / wall:.1f} | {cpu:,.0f} | {cpu / wall:.2f} |")


def print_parts(records: list[dict[str, Any]]) -> None:
    """One row per part, then the totals."""
    print("\n## Parts\n")
    print(
        "| part | articles | store articles after | wall s | articles/s | extract+load s | load s | merge s "
        "| CPU s | peak RSS MB | quads after | disk MB after | earlier attempts s |"
    )
    print("|" + "---|" * 13)
    total = 0
    for r in records:
        total += r["ingested"] + r["unchanged"]  # unchanged: loaded by an earlier attempt
        wall = r["wall_s"] + r["earlier_attempts_s"]
        print(
            f"| {r['part']} | {r['articles']:,} | {total:,} | {wall:.0f} | {r['articles'] / wall:.1f} "
            f"| {r['extract_load_s']:.0f} | {r['load_s']:.0f} | {r['merge_s']:.0f} | {r['cpu_s']:.0f} "
            f"| {r['peak_rss_mb']:,.0f} | {r['quads']:,} | {r['disk_mb']:,.0f} | {r['earlier_attempts_s']:.0f} |"
        )
    if records:
        wall = sum(r["wall_s"] + r["earlier_attempts_s"] for r in records)
        print(
            f"\nIn all: {total:,} articles in {wall:,.0f} s ({wall / 3600:.2f} h, {total / wall:.1f} articles/s); "
            f"peak RSS {max(r['peak_rss_mb'] for r in records):,.0f} MB; "
            f"{records[-1]['quads']:,} quads, {records[-1]['disk_mb'] / 1024:,.1f} GB on disk"
        )


def main(argv: list[str] | None = None) -> int:
    """Run (or resume) the parts, then time the named queries and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, required=True, help="folder for the corpus, the store and the records")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--parts", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=psutil.cpu_count() or 1, help="extraction processes")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--log-every", type=int, default=10_000, help="articles between progress.log lines")
    parser.add_argument("--queries-repeat", type=int, default=3)
    parser.add_argument("--query-timeout-s", type=float, default=600.0, help="a query run slower than this is noted")
    parser.add_argument(
        "--once-above-s", type=float, default=60.0, help="a query whose warm-up is slower than this is timed once"
    )
    parser.add_argument("--report", action="store_true", help="print the tables from the records and stop")
    args = parser.parse_args(argv)
    for name in ("articles", "parts", "workers", "batch_size", "log_every", "queries_repeat"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be 1 or more, not {getattr(args, name)}")
    if args.query_timeout_s <= 0:
        parser.error(f"--query-timeout-s must be more than 0, not {args.query_timeout_s}")
    args.dir.mkdir(parents=True, exist_ok=True)
    records_path = args.dir / "parts.jsonl"
    records = _records(records_path)
    if args.report:
        print_bands(args.dir / "progress.log", args.parts)
        print_parts(records)
        timings = _timings(args.dir / "queries.jsonl")
        if timings:
            print(f"\n## Named queries\n\n{format_table(timings)}")
        return 0
    print(f"armskg million: {args.articles:,} articles in {args.parts} parts, in {args.dir}", flush=True)
    files = _corpus(args.dir / "corpus", args.articles, args.parts, args.seed, args.workers)
    store_dir = args.dir / "store"
    if not records and not (args.dir / "progress.log").exists():
        shutil.rmtree(store_dir, ignore_errors=True)  # not this run's: start clean
    done = {r["part"] for r in records}
    for number, path in enumerate(files, start=1):
        if number in done:
            continue
        result = run_part(number, path, store_dir, args)
        with records_path.open("a") as out:
            out.write(json.dumps(asdict(result)) + "\n")
        records.append(asdict(result))
        print_parts(records)
    store = open_store(store_dir, read_only=True)
    cases = named_query_cases(store)
    del store

    def make_runner() -> Runner:
        return store_runner(ox.Store.read_only(str(store_dir)))

    timed_path = args.dir / "queries.jsonl"
    timed = {t.case.label: t for t in _timings(timed_path)}

    def timed_one(timing: Timing) -> None:
        print(f"  {timing.case.label}: p50 {timing.p50 * 1000:,.0f} ms {timing.note}", flush=True)
        record = {"name": timing.case.name, "params": timing.case.params, "times": timing.times}
        with timed_path.open("a") as out:
            out.write(json.dumps({**record, "rows": timing.rows, "note": timing.note}) + "\n")
        timed[timing.case.label] = timing

    articles = sum(r["ingested"] + r["unchanged"] for r in records)
    print(f"\n## Named queries on {articles:,} articles (limit {args.query_timeout_s:.0f} s a run)\n", flush=True)
    remaining = [case for case in cases if case.label not in timed]
    if len(remaining) < len(cases):
        print(f"  {len(cases) - len(remaining)} cases timed by an earlier attempt ({timed_path.name})", flush=True)
    if remaining:
        time_killable(
            make_runner,
            remaining,
            args.queries_repeat,
            args.query_timeout_s,
            warmup=1,
            progress=timed_one,
            once_above_s=args.once_above_s,
        )
    print(format_table([timed[case.label] for case in cases]))
    return 0


def _timings(path: Path) -> list[Timing]:
    """The query timings recorded in ``path`` (one JSON object per case), in the order they ran."""
    return [Timing(QueryCase(r["name"], r["params"]), r["times"], r["rows"], r["note"]) for r in _records(path)]


if __name__ == "__main__":
    raise SystemExit(main())
