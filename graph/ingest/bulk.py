"""Ingest at scale: extract in parallel (processes or a Dask cluster), load in bulk, merge once.

:func:`write_bulk` is the writer :func:`armskg.graph.ingest.pipeline.ingest` picks for a large run
(``armskg ingest`` of a corpus).  It streams the articles:

1. **map** (:func:`armskg.graph.ingest.prepare.prepare_articles`): chunks of articles go to the
   workers, which return each article's graph as N-Quads and its merge reports;
2. **load**: every ``batch_size`` articles, the batch's graphs go in (one transaction, or the
   bulk loader when ``store_folder`` is given and no reader has the store open),
   then its default-graph triples in another, together with a ``ak:pendingMerge``
   marker for each merge block they touch (see :func:`_load_fresh`);
3. **merge**: at the end, each pending block is re-merged once (transfers first, since
   strikes and statements refer to them), and its marker removed; the reports of blocks new
   to the store come from a :class:`~armskg.graph.ingest.spill.ReportSpill` the load kept, not from
   the store;
4. with ``shards``, the run's article graphs (as merged) go to N-Quads files, and the merged
   default graph to ``default.nq``: input for ``oxigraph load`` or another store's bulk loader.

Writes go on one background thread (pyoxigraph lets go of the GIL while it writes), so the next
batch is gathered, or the next blocks planned, while one is written.

Merging once per run rather than once per article is what makes a large ingest linear: a
popular block (Russia → Ukraine strikes) is read once, not once per article that adds to it.
A killed ingest leaves markers: :func:`armskg.graph.store.open_store` undoes a batch cut
short and finishes the merges (:func:`~armskg.graph.store.recovery.finish_interrupted`) the next
time the store is opened for writing, so every article is then whole or absent and the merged graph is what a clean
run would have given.  The next ``armskg ingest`` (which opens with ``finish_merges=False``)
leaves those blocks pending and merges them with its own, once.

Nothing holds the corpus in memory: at most ``batch_size`` prepared articles and a bounded
number of chunks in flight, plus the ids seen in this run (to skip repeats).
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, parse, serialize

from armskg.graph.merge import plan_changes, reporting, tallies
from armskg.graph.store.background import BackgroundWriter
from armskg.graph.store.reader_lock import bulk_write
from armskg.graph.store.recovery import merge_pending, pending_blocks, pending_marker
from armskg.graph.store.tally_quads import TallyKey
from armskg.graph.store.write import ChangeSet
from armskg.graph.triples import Report, block_id
from armskg.loaders.article import Article
from armskg.loaders.readers import InputError
from armskg.ontology import article_iri
from armskg.ontology.vocabulary import STORE_NODE, TALLY_GRAPH, Ak

from .options import IngestOptions, IngestProgress
from .prepare import Failed, Prepared, prepare_articles
from .report import IngestReport
from .spill import ReportSpill
from .triage import to_write

__all__ = ["ClusterError", "write_bulk"]


class ClusterError(RuntimeError):
    """The Dask scheduler cannot be reached, or the ``distributed`` package is missing."""


@dataclass(slots=True)
class _Run:
    store: Store
    options: IngestOptions
    progress: IngestProgress
    report: IngestReport
    writer: BackgroundWriter
    spill: ReportSpill
    """The reports of :attr:`new_blocks`, for the merge to take instead of reading them back."""
    replaced: set[str] = field(default_factory=set)
    batch: list[Prepared] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    in_default: set[bytes] = field(default_factory=set)
    """Default-graph lines loaded in this run (actors recur in most articles): not sent again."""
    mentions: Counter[TallyKey] = field(default_factory=Counter)
    """How the new articles move the mention tallies: written with the merge's moves at the end."""
    seen_blocks: set[str] = field(default_factory=set)
    new_blocks: set[str] = field(default_factory=set)
    """Blocks the store held no report of before this run wrote one."""


class _Inline:
    """The map step in this process, behind the same ``submit`` as an executor."""

    def submit(self, fn: Callable[..., list[Prepared | Failed]], *args: object) -> cf.Future[list[Prepared | Failed]]:
        future: cf.Future[list[Prepared | Failed]] = cf.Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # handed to the caller through result(), as a pool would
            future.set_exception(exc)
        return future


@contextmanager
def _executor(options: IngestOptions) -> Iterator[cf.Executor | _Inline]:
    if options.dask_scheduler:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ClusterError("--dask-scheduler needs the distributed package: pip install 'armskg[dask]'") from exc
        try:
            client = Client(options.dask_scheduler, set_as_default=False, timeout="20s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {options.dask_scheduler}: {exc}") from exc
        try:
            yield client.get_executor(pure=False)  # type: ignore[no-untyped-call]
        finally:
            client.close()  # type: ignore[no-untyped-call]
    elif options.workers > 1:
        context = multiprocessing.get_context("spawn")  # no fork of a process that holds the store
        with cf.ProcessPoolExecutor(options.workers, mp_context=context) as pool:
            yield pool
    else:
        yield _Inline()


def write_bulk(
    store: Store, items: Iterable[Article | InputError], options: IngestOptions, tell: IngestProgress
) -> IngestReport:
    """The bulk writer: extract and load ``items`` as the module docstring says; returns the
    :class:`~armskg.graph.ingest.report.IngestReport` (ingested, unchanged, duplicates, failed with reasons)."""
    report = IngestReport()
    recount = tallies.TALLIES_PENDING in store or tallies.TALLIES_KEPT not in store  # left by a killed run
    if not recount:  # the recount at the end writes the reporting too
        reporting.ensure(store)
    with ReportSpill() as spill:
        with BackgroundWriter() as writer:
            run = _Run(store, options, tell, report, writer, spill)
            _load(run, items)
            _write_batch(run)
        tell.merge_total(len(pending_blocks(store)))
        started = time.perf_counter()
        merge_pending(
            store, on_merged=tell.merged, tally_moves=run.mentions, loaded=_loaded(run), folder=options.store_folder
        )
    if recount:
        tallies.rebuild(store)
    report.merge_s = time.perf_counter() - started
    if options.shards is not None:
        _write_shards(store, run.written, options.shards, options.batch_size)
    return report


def _load(run: _Run, items: Iterable[Article | InputError]) -> None:
    """Send the new articles to the workers and their results to the batches."""
    store, options, tell, report = run.store, run.options, run.progress, run.report
    if options.shards is not None:
        options.shards.mkdir(parents=True, exist_ok=True)
    in_flight: deque[cf.Future[list[Prepared | Failed]]] = deque()
    # enough chunks in flight to keep the workers busy while a batch is being written
    parallel = options.workers if not options.dask_scheduler else 16
    limit = max(2, 4 * parallel, -(-options.batch_size // options.chunk_size) + 2 * parallel)
    lexicon = options.lexicon_for_workers()
    with _executor(options) as executor:
        chunk: list[Article] = []
        for item, replaces in to_write(store, items, report, tell):
            if replaces:
                run.replaced.add(item.id)
            chunk.append(item)
            if len(chunk) >= options.chunk_size:
                in_flight.append(executor.submit(prepare_articles, chunk, lexicon))
                chunk = []
            while len(in_flight) > limit:
                _collect(run, in_flight.popleft().result())
        if chunk:
            in_flight.append(executor.submit(prepare_articles, chunk, lexicon))
        while in_flight:
            _collect(run, in_flight.popleft().result())


def _write_shards(store: Store, articles: list[str], folder: Path, per_shard: int) -> None:
    """The run's article graphs as they stand after the merge, ``per_shard`` graphs to a file,
    the whole merged default graph and the tallies: what a bulk loader needs to rebuild the store.
    The files are written on as many threads as there are cores (pyoxigraph lets go of the GIL
    while it dumps)."""

    def shard(number: int, start: int) -> None:
        with (folder / f"articles-{number:05d}.nq").open("wb") as out:
            for article in articles[start : start + per_shard]:
                out.write(_graph_nquads(store, NamedNode(article_iri(article))))

    def default() -> None:
        store.dump(str(folder / "default.nq"), RdfFormat.N_TRIPLES, from_graph=DefaultGraph())

    with cf.ThreadPoolExecutor(max(1, os.cpu_count() or 1), thread_name_prefix="armskg-shards") as pool:
        done = [pool.submit(default)]
        done += [pool.submit(shard, n, start) for n, start in enumerate(range(0, len(articles), per_shard), start=1)]
        for future in done:
            future.result()
    (folder / "tallies.nq").write_bytes(_graph_nquads(store, TALLY_GRAPH))


def _graph_nquads(store: Store, graph: NamedNode) -> bytes:
    """One named graph as N-Quads, dumped natively as N-Triples with the graph name put in."""
    triples = store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph) or b""
    # N-Triples escapes line breaks inside literals: " .\n" only ends a line
    return triples.replace(b" .\n", b" " + str(graph).encode() + b" .\n")


def _collect(run: _Run, results: list[Prepared | Failed]) -> None:
    for result in results:
        if isinstance(result, Failed):
            run.report.failed.append(f"{result.source}: {result.message}")
            run.progress.article("failed")
            continue
        run.batch.append(result)
        run.progress.article("ingested")  # extracted; written with its batch
        if len(run.batch) >= run.options.batch_size:
            _write_batch(run)


_KNOWN_LINES = 1_000_000
"""How many loaded default-graph lines a run remembers (about 150 MB) before starting afresh."""


def _new_lines(fresh: list[Prepared], known: set[bytes]) -> bytes:
    """The batch's default-graph N-Quads without the lines already loaded in this run.

    An actor's triples come with every article that names it; a store write of a triple already
    there costs as much as a new one, so repeats are left out (and ``known`` grows).
    """
    if len(known) > _KNOWN_LINES:
        known.clear()
    out: list[bytes] = []
    for p in fresh:
        for line in p.default_nquads.splitlines(keepends=True):
            if line not in known:
                known.add(line)
                out.append(line)
    return b"".join(out)


def _load_fresh(store: Store, fresh: list[Prepared], known: set[bytes], folder: Path | None) -> bool:
    """New articles, without a transaction around the bulk of them yet whole or absent:

    1. a ``ak:loadingArticle`` marker per article graph (one transaction);
    2. the article graphs: through the bulk loader if ``folder`` is given and no reader has the
       store open (:func:`~armskg.graph.store.reader_lock.bulk_write`; True is returned), else in one
       transaction;
    3. the default-graph triples and the ``ak:pendingMerge`` markers (one transaction): from here
       the articles are in;
    4. the loading markers go.

    :func:`~armskg.graph.store.recovery.finish_interrupted` completes or undoes a batch cut short, from the markers.
    """
    loading = [Quad(STORE_NODE, Ak.loadingArticle, NamedNode(article_iri(p.id)), DefaultGraph()) for p in fresh]
    store.extend(loading)
    graphs = b"".join(p.nquads for p in fresh)
    with bulk_write(folder) as bulk:
        if bulk:
            store.bulk_load(graphs, format=RdfFormat.N_QUADS)
        else:
            store.load(graphs, format=RdfFormat.N_QUADS)
    blocks = sorted({block_id(r) for p in fresh for r in p.reports})
    markers = serialize([*map(pending_marker, blocks), tallies.TALLIES_PENDING], format=RdfFormat.N_QUADS)
    store.load(_new_lines(fresh, known) + (markers or b""), format=RdfFormat.N_QUADS)
    ChangeSet(delete=loading).apply(store)
    return bulk


def _write_batch(run: _Run) -> None:
    """Hand the batch to the writer thread (:func:`_store_batch`), once the one before is in."""
    if run.batch:
        _spill(run, run.batch)
        run.writer.submit(_store_batch, run, run.batch)
        run.batch = []


def _spill(run: _Run, batch: list[Prepared]) -> None:
    """Keep the reports of blocks new to the store (checked before the batch that first
    brings a block is written, so the store shows what was there before the run).  Nothing
    more is kept once an article was replaced: the merge will not use the spill (:func:`_loaded`)."""
    if run.spill.broken or run.replaced:
        return
    kept: list[tuple[str, Report]] = []
    for p in batch:
        for r in p.reports:
            block = block_id(r)
            if block not in run.seen_blocks:
                run.seen_blocks.add(block)
                if next(run.store.quads_for_pattern(None, Ak.mergeBlock, Literal(block), None), None) is None:
                    run.new_blocks.add(block)
            if block in run.new_blocks:
                kept.append((block, r))
    run.spill.add(kept)


def _loaded(run: _Run) -> Callable[[str], list[Report] | None] | None:
    """What the merge may take from the spill: nothing once an article was replaced (its
    re-merge, at once, links reports of this run's blocks to events)."""
    spill, new = run.spill, run.new_blocks
    if run.replaced:
        return None
    return lambda block: spill.reports(block) if block in new else None


def _store_batch(run: _Run, batch: list[Prepared]) -> None:
    """Write a batch: its new articles together (:func:`_load_fresh`), each replaced article
    in its own transaction (its old graph dropped, its events re-merged at once)."""
    started = time.perf_counter()
    fresh = [p for p in batch if p.id not in run.replaced]
    if fresh:
        if _load_fresh(run.store, fresh, run.in_default, run.options.store_folder):
            run.report.bulk_loaded += len(fresh)
        run.mentions.update(("mention", actor) for p in fresh for actor in p.mentions)
    for p in batch:
        if p.id in run.replaced:
            run.in_default.clear()  # a replacement can retract default-graph triples
            graph = article_iri(p.id)
            quads = list(parse(p.nquads + p.default_nquads, format=RdfFormat.N_QUADS))
            plan_changes(run.store, drop=[graph], add_quads=quads, add_reports=p.reports).apply(run.store)
    run.store.flush()  # written data leaves memory for disk: the process stays small over a long run
    run.written.extend(p.id for p in batch)
    run.report.load_s += time.perf_counter() - started
    report = run.report
    for p in batch:
        report.ingested += 1
        report.transfers += p.transfers
        report.strikes += p.strikes
        report.statements += p.statements
