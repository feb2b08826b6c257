"""Keeping a store in step with its articles: which events a change of the corpus rewrites.

:func:`plan_changes` reads the blocks an article added or removed touches, re-merges them
(:mod:`armskg.graph.merge.cluster`) and works out the :class:`~armskg.graph.store.write.ChangeSet`
that takes the store there, tallies included (:mod:`armskg.graph.merge.tallies`);
:func:`remerge_store` re-merges everything (after a change of policy, or to repair a store).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from armskg.graph.kinds.registry import EventKindSpec, Report, lookup, registered
from armskg.graph.store.write import ChangeSet
from armskg.graph.triples import STATE_REFERENCE, block_id
from armskg.ontology.vocabulary import EVENT_NS, EVIDENCE_NS, RDF_TYPE, STATE_NS, Ak, term_text

from .cluster import DEFAULT_POLICY, MergePolicy, block_order, event_assignment, merge_block
from .tallies import mention_moves, rebuild

__all__ = ["plan_changes", "remerge_store"]


def _ref_properties() -> list[NamedNode]:
    """The properties an event links what its report refers to with (a strike's ``ak:usedWeaponsFrom``,
    a statement's ``ak:about``), of every registered kind."""
    return [spec.ref_property for spec in registered() if spec.ref_property is not None]


def _tallied(block: str) -> EventKindSpec[Any] | None:
    """The kind of ``block`` when its events feed tallies (statements), else None: all events of a
    block feed the same tallies, so a block's tallies move by its change in number of events."""
    spec = lookup(block.partition("/")[0])
    return spec if spec is not None and spec.tallies is not None else None


@dataclass(slots=True)
class _Planner:
    """Reads the store to work out a :class:`ChangeSet` (nothing is written while planning)."""

    store: Store
    dropped: set[str]
    policy: MergePolicy
    resolved: dict[str, tuple[str, ...]] = field(default_factory=dict)
    moved: set[str] = field(default_factory=set)

    def live(self, graph: NamedNode | DefaultGraph | object) -> bool:
        return isinstance(graph, NamedNode) and graph.value not in self.dropped

    def resolve(self, ref: str) -> tuple[str, ...]:
        if ref in self.resolved:
            return self.resolved[ref]
        held = self.store.quads_for_pattern(None, Ak.evidence, NamedNode(ref), None)
        found = tuple(sorted({term_text(q.subject) for q in held if self.live(q.graph_name)}))
        self.resolved[ref] = found  # until the ref's own block is merged in this plan
        return found

    def stored(self, block: str) -> list[tuple[Report, tuple[str, ...]]]:
        """The block's reports in graphs that stay, each with the events it is in now."""
        found = []
        for q in self.store.quads_for_pattern(None, Ak.mergeBlock, Literal(block), None):
            graph = q.graph_name
            if not self.live(graph):
                continue
            assert isinstance(graph, NamedNode) and isinstance(q.subject, NamedNode)
            for record in self.store.quads_for_pattern(q.subject, Ak.mergeRecord, None, graph):
                report = Report.from_json(graph.value, q.subject.value, term_text(record.object))
                now = self.store.quads_for_pattern(None, Ak.evidence, q.subject, graph)
                found.append((report, tuple(sorted({term_text(e.subject) for e in now}))))
        return found

    def referring(self, graph: str, events: Iterable[str]) -> set[str]:
        """Blocks of the reports in ``graph`` whose events refer to ``events`` (a strike's supply,
        a statement's topic: always in the same article)."""
        found: set[str] = set()
        g = NamedNode(graph)
        for iri in events:
            for prop in _ref_properties():
                for ref in self.store.quads_for_pattern(None, prop, NamedNode(iri), g):
                    assert isinstance(ref.subject, NamedNode)
                    for link in self.store.quads_for_pattern(ref.subject, Ak.evidence, None, g):
                        assert isinstance(link.object, NamedNode)
                        found.update(
                            term_text(b.object)
                            for b in self.store.quads_for_pattern(link.object, Ak.mergeBlock, None, g)
                        )
        return found

    def current(self, events: Iterable[str]) -> set[Quad]:
        """What the store holds now about ``events``, outside the graphs being dropped."""
        found = set()
        for iri in events:
            for q in self.store.quads_for_pattern(NamedNode(iri), None, None, None):
                if isinstance(q.graph_name, DefaultGraph) or self.live(q.graph_name):
                    found.add(q)
        return found


def plan_changes(
    store: Store,
    *,
    drop: Collection[str] = (),
    add_quads: Iterable[Quad] = (),
    add_reports: Iterable[Report] = (),
    blocks: Iterable[str] = (),
    policy: MergePolicy = DEFAULT_POLICY,
    emit: Callable[[list[Quad]], None] | None = None,
    loaded: Callable[[str], list[Report] | None] | None = None,
) -> ChangeSet:
    """Work out how the store changes when the article graphs ``drop`` go and an article
    (its own quads ``add_quads`` and its ``add_reports``) comes in.

    Only the blocks the change touches are re-merged (with the blocks of statements and strikes
    that refer to a report that moved), and within them only the events whose reports moved
    are rewritten; ``blocks`` names more blocks to re-merge in full (repair).

    With ``emit``, the quads of each event of a block met for the first time (nothing in the
    store to compare with) go to ``emit`` in parts (an event's quads in one article's graph, then
    its merged description) instead of into the change set:
    a bulk merge writes them as they come, so a block of a million reports is never held as
    one list of quads.

    ``loaded`` gives, for a block, all its reports in the store when the caller knows them and
    none is merged yet (a bulk ingest's :class:`~armskg.graph.ingest.spill.ReportSpill`), else None:
    those are not read back from the store.
    """
    planner = _Planner(store, set(drop), policy)
    changes = ChangeSet(drop=[NamedNode(g) for g in sorted(planner.dropped)])
    fresh: dict[str, list[Report]] = {}
    for report in add_reports:
        fresh.setdefault(block_id(report), []).append(report)
    forced = set(blocks)
    queue: set[str] = set(fresh) | forced
    gone: dict[str, set[str]] = {}  # block -> events of reports in dropped graphs
    left: dict[str, Report] = {}  # block -> one of its reports in a dropped graph
    for graph in changes.drop:
        for q in store.quads_for_pattern(None, Ak.mergeBlock, None, graph):
            block = term_text(q.object)
            queue.add(block)
            planner.moved.add(term_text(q.subject))
            held = store.quads_for_pattern(None, Ak.evidence, q.subject, graph)
            gone.setdefault(block, set()).update(term_text(e.subject) for e in held)
            if _tallied(block) is not None and block not in left:
                for record in store.quads_for_pattern(q.subject, Ak.mergeRecord, None, graph):
                    left[block] = Report.from_json(graph.value, term_text(q.subject), term_text(record.object))

    new_quads = list(add_quads)
    changes.insert.extend(new_quads)
    retracted = _retracted(planner, changes.drop, new_quads)
    changes.delete.extend(retracted)
    changes.tallies.update(mention_moves(new_quads, retracted, store))

    heap = [block_order(b) for b in queue]
    heapq.heapify(heap)
    done: set[str] = set()
    while heap:
        _rank, block = heapq.heappop(heap)
        if block in done:
            continue
        done.add(block)
        known = loaded(block) if loaded is not None else None
        stored: list[tuple[Report, tuple[str, ...]]] = (
            [(r, ()) for r in known] if known is not None else planner.stored(block)
        )
        new = fresh.get(block, [])
        events = merge_block([r for r, _ in stored] + new, planner.resolve, policy)
        assignment = event_assignment(events)
        touched = set(gone.get(block, ()))
        dependents: set[str] = set()
        for report, now in stored:
            after = assignment.get(report.evidence, ())
            if now != after:  # the report moved: what refers to it must follow
                planner.moved.add(report.evidence)
                dependents |= planner.referring(report.article, now)
            if block in forced or now != after or (report.ref is not None and report.ref in planner.moved):
                touched.update(now, after)
        for report in new:
            touched.update(assignment.get(report.evidence, ()))
            planner.moved.add(report.evidence)
        tallied = _tallied(block)
        if tallied is not None and tallied.tallies is not None:
            before = len(set(gone.get(block, ())).union(*(now for _, now in stored)))
            sample = stored[0][0] if stored else new[0] if new else left.get(block)
            if sample is not None and len(events) != before:
                for key in tallied.tallies(sample):
                    changes.tallies[key] += len(events) - before
        planner.resolved.update(assignment)
        # events exist only where a report links to one: a block met for the first time has none to read
        linked = bool(gone.get(block)) or any(now for _, now in stored)
        if touched and emit is not None and not linked:
            for event in events:
                if event.iri in touched:
                    for part in event.quad_parts(planner.resolve):
                        emit(part)
        elif touched:
            desired = {q for event in events if event.iri in touched for q in event.quads(planner.resolve)}
            now_held = planner.current(touched) if linked else set()
            changes.delete.extend(sorted(now_held - desired, key=str))
            changes.insert.extend(sorted(desired - now_held, key=str))
        for dependent in dependents - done:
            heapq.heappush(heap, block_order(dependent))
    return changes


def _retracted(planner: _Planner, dropped: list[NamedNode], new_quads: list[Quad]) -> list[Quad]:
    """Default-graph triples (articles, actors, mentions) that only the dropped graphs said.

    The article node and its mentions (subject: the dropped graph's name) go with the graph, and
    a state's :data:`~armskg.graph.triples.STATE_REFERENCE` triples with its type triple: article
    graphs do not repeat them (older stores did, hence those copies are skipped here)."""
    keep = {(q.subject, q.predicate, q.object) for q in new_quads if isinstance(q.graph_name, DefaultGraph)}
    out: dict[Quad, None] = {}
    for graph in dropped:
        for q in planner.store.quads_for_pattern(graph, None, None, DefaultGraph()):
            if (q.subject, q.predicate, q.object) not in keep:
                out[q] = None
        for q in planner.store.quads_for_pattern(None, None, None, graph):
            if q.subject == graph:
                continue
            subject = q.subject.value if isinstance(q.subject, NamedNode) else ""
            if subject.startswith((EVENT_NS, EVIDENCE_NS)):
                continue
            state = subject.startswith(STATE_NS)
            if state and q.predicate in STATE_REFERENCE:
                continue
            triple = (q.subject, q.predicate, q.object)
            if triple in keep:
                continue
            said = planner.store.quads_for_pattern(q.subject, q.predicate, q.object, None)
            if not any(planner.live(other.graph_name) for other in said):
                out[Quad(q.subject, q.predicate, q.object, DefaultGraph())] = None
                if state and q.predicate == RDF_TYPE:
                    for p in STATE_REFERENCE:
                        for ref in planner.store.quads_for_pattern(q.subject, p, None, DefaultGraph()):
                            out[ref] = None
    return list(out)


def remerge_store(store: Store, policy: MergePolicy = DEFAULT_POLICY) -> int:
    """Re-merge every block from the reports kept on the evidence records, and rewrite what
    differs (after a change of ``policy``, or to repair a store).  Returns the quads changed."""
    blocks = {term_text(q.object) for q in store.quads_for_pattern(None, Ak.mergeBlock, None, None)}
    changes = plan_changes(store, blocks=blocks, policy=policy)
    stale = {
        q.subject.value
        for q in store.quads_for_pattern(None, None, None, DefaultGraph())
        if isinstance(q.subject, NamedNode) and q.subject.value.startswith(EVENT_NS)
    }
    live = {term_text(q.subject) for q in changes.insert if term_text(q.subject).startswith(EVENT_NS)}
    held = {term_text(q.subject) for q in store.quads_for_pattern(None, Ak.evidence, None, None)}
    for iri in sorted(stale - live - held):
        changes.delete.extend(store.quads_for_pattern(NamedNode(iri), None, None, None))
    changes.tallies.clear()  # events that no report links to left too: count the tallies afresh
    changes.apply(store)
    rebuild(store)
    return len(changes.delete) + len(changes.insert)
