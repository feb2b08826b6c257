"""Ingest at scale: extract in parallel (processes or a Dask cluster), load in bulk, merge once.

:func:`ingest_bulk` is what ``armskg ingest`` runs.  It streams the articles:

1. **map** (:func:`armskg.graph.prepare.prepare_articles`): chunks of articles go to the
   workers, which return each article's graph as N-Quads and its merge reports;
2. **load**: every ``batch_size`` articles, the batch's graphs go in (one transaction, or the
   bulk loader when ``store_folder`` is given and no reader has the store open),
   then its default-graph triples in another, together with a ``ak:pendingMerge``
   marker for each merge block they touch (see :func:`_load_fresh`);
3. **merge**: at the end, each pending block is re-merged once (transfers first, since
   strikes and statements refer to them), and its marker removed; the reports of blocks new
   to the store come from a :class:`~armskg.graph.spill.ReportSpill` the load kept, not from
   the store;
4. with ``shards``, the run's article graphs (as merged) go to N-Quads files, and the merged
   default graph to ``default.nq``: input for ``oxigraph load`` or another store's bulk loader.

Writes go on one background thread (pyoxigraph lets go of the GIL while it writes), so the next
batch is gathered, or the next blocks planned, while one is written.

Merging once per run rather than once per article is what makes a large ingest linear: a
popular block (Russia → Ukraine strikes) is read once, not once per article that adds to it.
A killed ingest leaves markers: :func:`armskg.graph.store.open_store` undoes a batch cut
short and finishes the merges (:func:`finish_interrupted`) the next time the store is opened
for writing, so every article is then whole or absent and the merged graph is what a clean
run would have given.  The next ``armskg ingest`` (which opens with ``finish_merges=False``)
leaves those blocks pending and merges them with its own, once.

Nothing holds the corpus in memory: at most ``batch_size`` prepared articles and a bounded
number of chunks in flight, plus the ids seen in this run (to skip repeats).
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, parse, serialize

from armskg.loaders.article import Article
from armskg.loaders.readers import InputError
from armskg.ontology import article_iri
from armskg.ontology.vocabulary import RDF_TYPE, STORE_NODE, TALLY_GRAPH, Ak

from . import reporting, tallies
from .merge import ChangeSet, block_order, plan_changes
from .prepare import Failed, LexiconSpec, Prepared, prepare_articles
from .reader_lock import bulk_write
from .spill import ReportSpill
from .store import IngestReport, StoreError, _io_message, stored_hash
from .tallies import TallyKey
from .triples import Report, block_id

__all__ = [
    "BulkOptions",
    "ClusterError",
    "IngestProgress",
    "finish_interrupted",
    "ingest_bulk",
    "merge_pending",
    "pending_blocks",
]


class ClusterError(RuntimeError):
    """The Dask scheduler cannot be reached, or the ``distributed`` package is missing."""


@dataclass(frozen=True, slots=True)
class BulkOptions:
    """How :func:`ingest_bulk` runs.

    ``workers``: extraction processes on this machine (1: in this process);
    ``dask_scheduler``: the address of a Dask scheduler (``tcp://host:8786``) to extract on
    instead; ``batch_size``: articles per load transaction; ``chunk_size``: articles per task
    sent to a worker; ``shards``: a folder to also write the run's quads to as N-Quads files.
    """

    workers: int = 1
    dask_scheduler: str | None = None
    batch_size: int = 1000
    chunk_size: int = 16
    shards: Path | None = None
    lexicon: LexiconSpec = ()
    store_folder: Path | None = None


@dataclass(slots=True)
class IngestProgress:
    """Callbacks for progress: ``article`` after each input (with its outcome: ``ingested``,
    ``unchanged``, ``duplicate`` or ``failed``), ``merge_total``
    once the number of blocks to merge is known, ``merged`` after each block."""

    article: Callable[[str], None] = lambda outcome: None
    merge_total: Callable[[int], None] = lambda total: None
    merged: Callable[[int], None] = lambda blocks: None


@dataclass(slots=True)
class _Run:
    store: Store
    options: BulkOptions
    progress: IngestProgress
    report: IngestReport
    writer: _Writer
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


def _marker(block: str) -> Quad:
    return Quad(STORE_NODE, Ak.pendingMerge, Literal(block), DefaultGraph())


class _Writer:
    """Store writes on one background thread, one at a time: pyoxigraph lets go of the GIL while it
    writes, so the next batch is gathered (or the next blocks planned) while this one goes in.
    An error in a write comes out of the next :meth:`submit` or :meth:`wait`."""

    def __init__(self) -> None:
        self._pool = cf.ThreadPoolExecutor(1, thread_name_prefix="armskg-writer")
        self._last: cf.Future[None] | None = None

    def submit(self, fn: Callable[..., None], *args: object) -> None:
        self.wait()
        self._last = self._pool.submit(fn, *args)

    def wait(self) -> None:
        last, self._last = self._last, None
        if last is not None:
            last.result()

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._pool.shutdown(wait=True)  # a write under way finishes: its batch is whole
        if kind is None:
            self.wait()


def pending_blocks(store: Store) -> list[str]:
    """Merge blocks a running or interrupted ingest has loaded but not merged yet (in merge order)."""
    found = {
        q.object.value
        for q in store.quads_for_pattern(STORE_NODE, Ak.pendingMerge, None, DefaultGraph())
        if isinstance(q.object, Literal)
    }
    return sorted(found, key=block_order)


def merge_pending(
    store: Store,
    *,
    blocks_per_step: int = 64,
    flush_quads: int = 250_000,
    on_merged: Callable[[int], None] | None = None,
    tally_moves: Mapping[TallyKey, int] | None = None,
    loaded: Callable[[str], list[Report] | None] | None = None,
    folder: Path | None = None,
) -> int:
    """Re-merge every pending block and remove its marker; returns how many blocks were merged.

    Blocks go in merge order (all transfers, then strikes, then statements, since later kinds
    refer to earlier ones), ``blocks_per_step`` to a plan.  The events of a block met for the
    first time are collected as the plan makes them, event by event, and written in transactions
    of about ``flush_quads`` quads (and at each change of kind) on a background thread while the
    planning goes on: memory stays bounded however many reports a block holds.  A plan that
    rewrites events already there is written in its own transaction.
    A marker goes only once its block is written, so an interrupted merge is finished by running
    this again.  The tallies are moved once, at the end, by what all the plans added up
    to, with ``tally_moves`` (how the articles the bulk load wrote move the mention tallies), in
    one transaction that also removes ``ak:talliesPending``.  Without ``tally_moves`` (the load's
    moves are lost with the run that made them) the marker stays, for the caller to count the
    tallies again (:func:`armskg.graph.tallies.ensure`); so does it after a run cut short.
    ``loaded`` gives the reports of blocks the caller knows in full (see
    :func:`~armskg.graph.merge.plan_changes`).  With the store's ``folder``, new events go in
    through the bulk loader while no reader has the store open (:mod:`armskg.graph.reader_lock`):
    a run cut short in the middle of one leaves part of those events, and their blocks' markers,
    and merging the blocks again writes the rest (an event's quads depend on its reports only).
    """
    blocks = pending_blocks(store)
    waiting: list[Quad] = []
    merged: list[str] = []
    moves: Counter[TallyKey] = Counter(tally_moves or {})  # written last, in one go
    with _Writer() as writer:

        def flush() -> None:
            writer.submit(_write_merged, store, waiting.copy(), merged.copy(), folder)
            waiting.clear()
            merged.clear()

        def emit(quads: list[Quad]) -> None:
            waiting.extend(quads)
            if len(waiting) >= flush_quads:
                flush()  # only the markers of blocks whose plans are done go with it

        for _kind, group in itertools.groupby(blocks, key=lambda b: b.partition("/")[0]):
            ordered = list(group)
            for start in range(0, len(ordered), blocks_per_step):
                step = ordered[start : start + blocks_per_step]
                changes = plan_changes(store, blocks=step, emit=emit, loaded=loaded)
                moves.update(changes.tallies)
                changes.tallies = Counter()
                if changes.drop or changes.delete:
                    writer.wait()
                    changes.apply(store)
                else:
                    emit(changes.insert)
                merged.extend(step)
                if on_merged:
                    on_merged(len(step))
            flush()
            writer.wait()  # the next kind reads this one's events
    done = [tallies.TALLIES_PENDING] if tally_moves is not None else []
    ChangeSet(delete=done, tallies=moves).apply(store)
    return len(blocks)


def _write_merged(store: Store, events: list[Quad], blocks: list[str], folder: Path | None) -> None:
    """New events (through the bulk loader if ``folder`` is given and no reader is there, else in
    one transaction), then the markers of their blocks, then a flush."""
    if events:
        with bulk_write(folder) as bulk:
            if bulk:
                store.bulk_extend(events)
            else:
                store.extend(events)
    if blocks:
        ChangeSet(delete=[_marker(b) for b in blocks]).apply(store)
    store.flush()


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
def _executor(options: BulkOptions) -> Iterator[cf.Executor | _Inline]:
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


def ingest_bulk(
    store: Store,
    items: Iterable[Article | InputError],
    options: BulkOptions = BulkOptions(),
    progress: IngestProgress | None = None,
) -> IngestReport:
    """Extract and load ``items`` as described in the module docstring; returns the
    :class:`~armskg.graph.store.IngestReport` (ingested, unchanged, duplicates, failed with reasons)."""
    try:
        return _ingest(store, items, options, progress or IngestProgress())
    except OSError as exc:  # a full disk, a read-only folder: one line, the store as it was
        raise StoreError(f"cannot write to the store: {_io_message(exc)}") from exc


def _ingest(
    store: Store, items: Iterable[Article | InputError], options: BulkOptions, tell: IngestProgress
) -> IngestReport:
    report = IngestReport()
    recount = tallies.TALLIES_PENDING in store or tallies.TALLIES_KEPT not in store  # left by a killed run
    if not recount:  # the recount at the end writes the reporting too
        reporting.ensure(store)
    with ReportSpill() as spill:
        with _Writer() as writer:
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
    seen: set[str] = set()
    in_flight: deque[cf.Future[list[Prepared | Failed]]] = deque()
    # enough chunks in flight to keep the workers busy while a batch is being written
    parallel = options.workers if not options.dask_scheduler else 16
    limit = max(2, 4 * parallel, -(-options.batch_size // options.chunk_size) + 2 * parallel)
    with _executor(options) as executor:
        chunk: list[Article] = []
        for item in items:
            if isinstance(item, InputError):
                report.failed.append(str(item))
                tell.article("failed")
                continue
            if item.id in seen:
                report.duplicates += 1
                tell.article("duplicate")
                continue
            seen.add(item.id)
            stored = stored_hash(store, NamedNode(article_iri(item.id)))
            if stored == item.content_hash:
                report.unchanged += 1
                tell.article("unchanged")
                continue
            if stored is not None:
                run.replaced.add(item.id)
            chunk.append(item)
            if len(chunk) >= options.chunk_size:
                in_flight.append(executor.submit(prepare_articles, chunk, options.lexicon))
                chunk = []
            while len(in_flight) > limit:
                _collect(run, in_flight.popleft().result())
        if chunk:
            in_flight.append(executor.submit(prepare_articles, chunk, options.lexicon))
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
       store open (:func:`~armskg.graph.reader_lock.bulk_write`; True is returned), else in one
       transaction;
    3. the default-graph triples and the ``ak:pendingMerge`` markers (one transaction): from here
       the articles are in;
    4. the loading markers go.

    :func:`finish_interrupted` completes or undoes a batch cut short, from the markers.
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
    markers = serialize([*map(_marker, blocks), tallies.TALLIES_PENDING], format=RdfFormat.N_QUADS)
    store.load(_new_lines(fresh, known) + (markers or b""), format=RdfFormat.N_QUADS)
    ChangeSet(delete=loading).apply(store)
    return bulk


def finish_interrupted(store: Store, *, merge: bool = True) -> tuple[int, int]:
    """Finish what a killed ingest left: drop the article graphs of a batch whose load did not
    complete, then merge the pending blocks.  Returns (graphs dropped, blocks merged).
    A store made before armskg kept each event's reporting gets it here
    (:func:`armskg.graph.reporting.ensure`).

    With ``merge=False`` any pending blocks (and a recount of the tallies) are left to the
    ingest about to run, which merges them with its own at the end: a resumed ingest then
    reads each block once, not once for what the killed run left and again for what it adds.
    """
    dropped = 0
    recount = tallies.TALLIES_PENDING in store
    for quad in list(store.quads_for_pattern(STORE_NODE, Ak.loadingArticle, None, DefaultGraph())):
        graph = quad.object
        if not isinstance(graph, NamedNode):
            continue
        if not any(True for _ in store.quads_for_pattern(graph, RDF_TYPE, Ak.Article, DefaultGraph())):
            store.remove_graph(graph)  # its default-graph triples never went in
            dropped += 1
        ChangeSet(delete=[quad]).apply(store)
    if not merge and pending_blocks(store):
        return dropped, 0
    merged = merge_pending(store)
    if recount:  # the killed run's tally moves are lost: count again
        tallies.rebuild(store)
    else:
        tallies.ensure(store)
    reporting.ensure(store)  # after any rebuild, which writes it too
    return dropped, merged


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
