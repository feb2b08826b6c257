"""Recovery: what an interrupted ingest left, finished the next time the store is opened for writing.

A bulk ingest (:mod:`armskg.graph.ingest.bulk`) writes without one transaction around the whole
run and leaves markers on :data:`~armskg.ontology.vocabulary.STORE_NODE` as it goes:

- ``ak:loadingArticle`` for each article graph of a batch being loaded: a batch cut short is
  undone (:func:`finish_interrupted` drops the graphs whose default-graph triples never went in);
- ``ak:pendingMerge`` for each merge block loaded but not merged yet: :func:`merge_pending`
  re-merges those blocks (also how every bulk ingest ends);
- ``ak:talliesPending`` while a run's tally moves are not written: the tallies are counted again;
- and a store made before armskg kept each event's reporting gets it (the backfill).

:func:`armskg.graph.store.open.open_store` calls :func:`finish_interrupted`, so every article is
then whole or absent and the merged graph is what a clean run would have given.

The merge, the tallies and the reporting sit above the store (they write through its
:class:`~armskg.graph.store.write.ChangeSet`): this module imports them when it runs, not when it is
imported, so that importing the store (as they do) never imports them half-way.  The import graph
has no circle either way (``tests/test_architecture.py``).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from armskg.graph.triples import Report
from armskg.ontology.vocabulary import RDF_TYPE, STORE_NODE, Ak

from .background import BackgroundWriter
from .reader_lock import bulk_write
from .tally_quads import TALLIES_PENDING, TallyKey
from .write import ChangeSet

__all__ = ["finish_interrupted", "merge_pending", "pending_blocks", "pending_marker"]


def pending_marker(block: str) -> Quad:
    """The marker of a merge block loaded but not merged yet."""
    return Quad(STORE_NODE, Ak.pendingMerge, Literal(block), DefaultGraph())


def pending_blocks(store: Store) -> list[str]:
    """Merge blocks a running or interrupted ingest has loaded but not merged yet (in merge order)."""
    found = {
        q.object.value
        for q in store.quads_for_pattern(STORE_NODE, Ak.pendingMerge, None, DefaultGraph())
        if isinstance(q.object, Literal)
    }
    from armskg.graph.merge import block_order

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
    tallies again (:func:`armskg.graph.merge.tallies.ensure`); so does it after a run cut short.
    ``loaded`` gives the reports of blocks the caller knows in full (see
    :func:`~armskg.graph.merge.plan_changes`).  With the store's ``folder``, new events go in
    through the bulk loader while no reader has the store open (:mod:`armskg.graph.store.reader_lock`):
    a run cut short in the middle of one leaves part of those events, and their blocks' markers,
    and merging the blocks again writes the rest (an event's quads depend on its reports only).
    """
    from armskg.graph.merge import plan_changes

    blocks = pending_blocks(store)
    waiting: list[Quad] = []
    merged: list[str] = []
    moves: Counter[TallyKey] = Counter(tally_moves or {})  # written last, in one go
    with BackgroundWriter() as writer:

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
    done = [TALLIES_PENDING] if tally_moves is not None else []
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
        ChangeSet(delete=[pending_marker(b) for b in blocks]).apply(store)
    store.flush()


def finish_interrupted(store: Store, *, merge: bool = True) -> tuple[int, int]:
    """Finish what a killed ingest left: drop the article graphs of a batch whose load did not
    complete, then merge the pending blocks.  Returns (graphs dropped, blocks merged).
    A store made before armskg kept each event's reporting gets it here
    (:func:`armskg.graph.merge.reporting.ensure`).

    With ``merge=False`` any pending blocks (and a recount of the tallies) are left to the
    ingest about to run, which merges them with its own at the end: a resumed ingest then
    reads each block once, not once for what the killed run left and again for what it adds.
    """
    from armskg.graph.merge import reporting, tallies

    dropped = 0
    recount = TALLIES_PENDING in store
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
