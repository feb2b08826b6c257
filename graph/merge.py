"""One event, many reports: cluster the reports of all articles into events, and keep the store in step.

Every transfer, strike or statement an article states is a :class:`~armskg.graph.triples.Report`.
Reports of one event become one node in the default graph with an ``ak:reportedIn`` per
article and an ``ak:sourceCount``; each article's graph keeps what that article says
about the node, and its evidence.  The rules (``docs/data-model.md`` has the long form):

1. **Block.**  Reports merge only within a block of equal values: transfer (supplier,
   recipient, weapon category); strike (attacker, target); statement (set of speakers,
   stance).  Actors are compared by key, so spellings of one person meet.
2. **Details.**  Within a block, a detail must agree when both reports state it:
   transfer: designation (``KN-23`` = ``kn 23``); strike: weapon category; statement:
   the event it is about.
3. **Time.**  A stated day (a strike's day, a statement's date) is exact; otherwise the
   article's publication day places the report approximately; otherwise its time is
   unknown.  Stated days group in windows from the first: a strike event is one wave of
   strikes within 7 days, a statement event a statement dated the same or the next day.
   Undated reports chain when their articles appeared close together (transfers within
   365 days of one another, strikes 30, statements 7); see :class:`MergePolicy`.
4. **Less specific joins more specific, only when unambiguous.**  A report that leaves a
   detail or the day open joins an event founded by reports that state everything it
   states and more, when exactly one such event agrees with it; otherwise it founds its
   own event, with reports like it.  So "ballistic missiles" joins the only "KN-23"
   transfer, but not one of two different designations.

The result is a function of the *set* of reports: the order in which articles arrive
does not matter, and removing an article gives the graph that never had it.

>>> from armskg.graph.triples import Report
>>> a = Report("transfer", "A", "A/0", supplier="state:PRK", recipient="state:RUS", weapon="ballistic missile",
...            designation="KN-23", published=dt.date(2024, 1, 10), source="publisher:a")
>>> b = Report("transfer", "B", "B/0", supplier="state:PRK", recipient="state:RUS", weapon="ballistic missile",
...            source="article:b")
>>> [event] = merge_block([a, b], lambda ref: ())
>>> sorted(r.article for r, _day in event.members), event.source_count
(['A', 'B'], 2)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from armskg.ontology import event_iri
from armskg.ontology.vocabulary import EVENT_NS, EVIDENCE_NS, RDF_TYPE, STATE_NS, XSD_INTEGER, Ak, term_text

from .reporting import event_quads
from .store.write import ChangeSet
from .tallies import mention_moves, rebuild, statement_keys
from .triples import (
    EVENT_KINDS,
    STATE_REFERENCE,
    Report,
    Triple3,
    block_id,
    block_key,
    event_triples,
    normalize_designation,
)

__all__ = [
    "DEFAULT_POLICY",
    "ChangeSet",
    "MergePolicy",
    "MergedEvent",
    "TimeWindow",
    "block_order",
    "merge_block",
    "merge_reports",
    "plan_changes",
    "remerge_store",
]

_KIND_RANK: dict[str, int] = {kind: n for n, kind in enumerate(EVENT_KINDS)}

Resolver = Callable[[str], Iterable[str]]


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """How time separates reports of one block, in days.

    ``day_span``: stated days from an event's first day to this many days later are one
    event (a wave of strikes; a statement reported a day apart); None when this kind has
    no stated day.  ``report_gap``: undated reports whose articles appeared at most this
    far apart (one after another) are one event.  ``lookback``/``lookahead``: an undated
    report may join an event with stated days from this long before to this long after
    its article's publication.
    """

    day_span: int | None
    report_gap: int
    lookback: int
    lookahead: int = 1


@dataclass(frozen=True, slots=True)
class MergePolicy:
    """The time windows of each kind of event."""

    transfer: TimeWindow = TimeWindow(None, 365, 365)
    strike: TimeWindow = TimeWindow(7, 30, 30)
    statement: TimeWindow = TimeWindow(1, 7, 7)

    def window(self, kind: str) -> TimeWindow:
        """The window of ``kind`` (transfer, strike or statement)."""
        window: TimeWindow = getattr(self, kind)
        return window


DEFAULT_POLICY = MergePolicy()
"""The windows armskg uses (documented in ``docs/data-model.md``)."""


# --- clustering one block --------------------------------------------------------------------

Pattern = tuple[tuple[bool, ...], int]
"""Which details an item states, and how well its time is known (2 day, 1 publication, 0 none)."""


@dataclass(frozen=True, slots=True)
class _Item:
    """A report on one of its days (a strike on three days is three items)."""

    report: Report
    day: dt.date | None
    details: tuple[str | None, ...]

    @property
    def rank(self) -> int:
        return 2 if self.day is not None else 1 if self.report.published is not None else 0

    @property
    def when(self) -> dt.date | None:
        return self.day if self.day is not None else self.report.published

    @property
    def pattern(self) -> Pattern:
        return tuple(value is not None for value in self.details), self.rank

    def sort_key(self) -> tuple[str, str, str]:
        return (self.when.isoformat() if self.when else "", self.report.article, self.report.evidence)


@dataclass(slots=True)
class _Cluster:
    pattern: Pattern
    details: tuple[str | None, ...]
    lo: dt.date | None
    hi: dt.date | None
    members: list[_Item] = field(default_factory=list)


@dataclass(slots=True)
class _Group:
    """The clusters of one pattern and detail values, sorted by time (their spans do not overlap)."""

    clusters: list[_Cluster] = field(default_factory=list)
    his: list[dt.date] = field(default_factory=list)

    def add(self, cluster: _Cluster) -> None:
        self.clusters.append(cluster)
        if cluster.hi is not None:
            self.his.append(cluster.hi)

    def within(self, lo: dt.date | None, hi: dt.date | None) -> Iterator[_Cluster]:
        """Clusters whose span meets [lo, hi]; every cluster when the time is unknown."""
        if lo is None or hi is None or not self.his:
            yield from self.clusters
            return
        i = bisect_left(self.his, lo)
        while i < len(self.clusters):
            cluster = self.clusters[i]
            assert cluster.lo is not None
            if cluster.lo > hi:
                return
            yield cluster
            i += 1


def _score(pattern: Pattern) -> int:
    return sum(pattern[0]) + pattern[1]


def _dominates(q: Pattern, p: Pattern) -> bool:
    """True when ``q`` states everything ``p`` states, and more."""
    return q != p and q[1] >= p[1] and all(a or not b for a, b in zip(q[0], p[0], strict=True))


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _query(item: _Item, target_rank: int, window: TimeWindow) -> tuple[dt.date | None, dt.date | None]:
    """The time an event founded at ``target_rank`` must reach to take ``item`` (None: any time)."""
    when = item.when
    if when is None:
        return None, None
    if item.rank == 2:
        return when, when
    if target_rank == 2:
        return when - _days(window.lookback), when + _days(window.lookahead)
    return when - _days(window.report_gap), when + _days(window.report_gap)


Index = dict[Pattern, dict[tuple[str | None, ...], _Group]]


def _unique(item: _Item, index: Index, window: TimeWindow) -> _Cluster | None:
    """The one more specific cluster that agrees with ``item``, or None (no such cluster, or several)."""
    found: _Cluster | None = None
    pattern = item.pattern
    for q in sorted(index):
        if not _dominates(q, pattern):
            continue
        lo, hi = _query(item, q[1], window)
        for details, group in index[q].items():
            if any(mine is not None and mine != theirs for mine, theirs in zip(item.details, details, strict=True)):
                continue
            for cluster in group.within(lo, hi):
                if found is not None and found is not cluster:
                    return None
                found = cluster
    return found


def _found(pattern: Pattern, items: list[_Item], window: TimeWindow) -> list[_Cluster]:
    """New events from items of one pattern that joined nothing: equal details, and in time
    either one window of stated days from the first (``day_span``) or publication days
    chained by ``report_gap``.  A cluster's ``hi`` is how far it reaches for joining."""
    groups: dict[tuple[str | None, ...], list[_Item]] = {}
    for item in items:
        groups.setdefault(item.details, []).append(item)
    rank = pattern[1]
    clusters: list[_Cluster] = []
    for details in sorted(groups, key=lambda d: tuple(v or "" for v in d)):
        current: _Cluster | None = None
        for item in sorted(groups[details], key=_Item.sort_key):
            when = item.when if rank > 0 else None
            if current is not None:
                if when is None or current.hi is None or when <= current.hi:
                    current.members.append(item)
                    continue
                if rank == 1 and (when - current.hi).days <= window.report_gap:
                    current.members.append(item)
                    current.hi = when
                    continue
            reach = when + _days(window.day_span or 0) if rank == 2 and when is not None else when
            current = _Cluster(pattern, details, when, reach, [item])
            clusters.append(current)
    return clusters


def _items(report: Report, resolve: Resolver) -> list[_Item]:
    if report.kind == "transfer":
        details: tuple[str | None, ...] = (normalize_designation(report.designation),)
    elif report.kind == "strike":
        details = (report.weapon or None,)
    else:
        about = sorted(set(resolve(report.ref))) if report.ref else []
        details = ("|".join(about) or None,)
    days: Sequence[dt.date | None] = sorted(set(report.dates)) or [None]
    return [_Item(report, day, details) for day in days]


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One event: its IRI and the reports (each with the day it gives the event) it merges."""

    iri: str
    kind: str
    members: tuple[tuple[Report, dt.date | None], ...]

    @property
    def source_count(self) -> int:
        """Independent sources: distinct publishers (or sites, or articles when neither is known)."""
        return len({report.source or report.article for report, _day in self.members})

    @property
    def article_count(self) -> int:
        """The articles that report the event."""
        return len({report.article for report, _day in self.members})

    @property
    def reported(self) -> tuple[dt.date, dt.date] | None:
        """The first and last publication day of those articles (None when none is dated)."""
        days = [report.published for report, _day in self.members if report.published is not None]
        return (min(days), max(days)) if days else None

    def reporting_quads(self) -> list[Quad]:
        """``ak:articleCount`` and, when an article is dated, ``ak:firstReported`` and
        ``ak:lastReported``, in the tally graph (:mod:`armskg.graph.reporting`): what queries read
        instead of counting every article."""
        days = self.reported
        first, last = (days[0].isoformat(), days[1].isoformat()) if days else (None, None)
        return event_quads(self.iri, (self.article_count, first, last))

    def quads(self, resolve: Resolver) -> list[Quad]:
        """The event's quads: in each article's graph what that article says, with its evidence
        links; the merged description (with ``ak:sourceCount``) in the default graph; and
        :meth:`reporting_quads`."""
        return [q for part in self.quad_parts(resolve) for q in part]

    def quad_parts(self, resolve: Resolver) -> Iterator[list[Quad]]:
        """:meth:`quads` in parts, one graph each: each article's graph in turn, then the default
        graph, then the tally graph, so that an event reported by 50,000 articles is never one list."""
        node = NamedNode(self.iri)
        merged: dict[Triple3, None] = {}
        by_article: dict[str, list[tuple[Report, dt.date | None]]] = {}
        for member in self.members:
            by_article.setdefault(member[0].article, []).append(member)
        for article, members in by_article.items():
            own: dict[Triple3, None] = {}
            for report, day in members:
                for triple in event_triples(report, node, day, resolve):
                    merged[triple] = None
                    own[triple] = None
                own[(node, Ak.evidence, NamedNode(report.evidence))] = None
            graph = NamedNode(article)
            yield [Quad(s, p, o, graph) for s, p, o in own]
        quads = [Quad(s, p, o, DefaultGraph()) for s, p, o in merged]
        quads.append(Quad(node, Ak.sourceCount, Literal(str(self.source_count), datatype=XSD_INTEGER)))
        yield quads
        yield self.reporting_quads()


def _event_iri(kind: str, block: tuple[str, ...], cluster: _Cluster) -> str:
    """Name an event by its block, the details it was founded on and its first day."""
    rank = cluster.pattern[1]
    anchor = "" if cluster.lo is None or rank == 0 else ("" if rank == 2 else "~") + cluster.lo.isoformat()
    key = (*block, "#", *(value or "" for value in cluster.details), "@", anchor)
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:20]
    return event_iri(kind, digest)


def merge_block(
    reports: Iterable[Report], resolve: Resolver, policy: MergePolicy = DEFAULT_POLICY
) -> list[MergedEvent]:
    """Cluster the reports of one block into events (rules in the module docstring).

    ``resolve`` turns a report's ``ref`` (an evidence IRI) into the IRIs of the events
    that report belongs to; a statement's topic is compared through it.  The result does
    not depend on the order of ``reports``.
    """
    reports = list(reports)
    if not reports:
        return []
    kind = reports[0].kind
    block = block_key(reports[0])
    for report in reports:
        if block_key(report) != block:
            raise ValueError(f"{report.evidence}: not in the block of {reports[0].evidence}; merge one block at a time")
    window = policy.window(kind)
    by_pattern: dict[Pattern, list[_Item]] = {}
    for report in reports:
        for item in _items(report, resolve):
            by_pattern.setdefault(item.pattern, []).append(item)
    index: Index = {}
    clusters: list[_Cluster] = []
    for pattern in sorted(by_pattern, key=lambda p: (-_score(p), p)):
        orphans: list[_Item] = []
        for item in sorted(by_pattern[pattern], key=_Item.sort_key):
            target = _unique(item, index, window)
            if target is None:
                orphans.append(item)
            else:
                target.members.append(item)
        founded = _found(pattern, orphans, window)
        groups = index.setdefault(pattern, {})
        for cluster in founded:
            groups.setdefault(cluster.details, _Group()).add(cluster)
        clusters.extend(founded)
    events = []
    for cluster in clusters:
        members = tuple(
            sorted(
                ((item.report, item.day) for item in cluster.members),
                key=lambda m: (m[0].article, m[0].evidence, m[1] or dt.date.min),
            )
        )
        events.append(MergedEvent(_event_iri(kind, block, cluster), kind, members))
    return sorted(events, key=lambda e: e.iri)


def _assignment(events: Iterable[MergedEvent]) -> dict[str, tuple[str, ...]]:
    """Evidence IRI → the IRIs of the events its report belongs to."""
    found: dict[str, set[str]] = {}
    for event in events:
        for report, _day in event.members:
            found.setdefault(report.evidence, set()).add(event.iri)
    return {evidence: tuple(sorted(iris)) for evidence, iris in found.items()}


def block_order(block: str) -> tuple[int, str]:
    """Where a block goes in a merge: transfers, then strikes, then statements (later kinds refer
    to earlier ones), then by id."""
    return _KIND_RANK.get(block.partition("/")[0], len(_KIND_RANK)), block


def merge_reports(reports: Iterable[Report], policy: MergePolicy = DEFAULT_POLICY) -> list[Quad]:
    """The event quads of a whole corpus at once (what incremental ingestion arrives at).

    Used to build a store in one go (see ``benchmarks/``) and to check the incremental path.
    """
    blocks: dict[str, list[Report]] = {}
    for report in reports:
        blocks.setdefault(block_id(report), []).append(report)
    resolved: dict[str, tuple[str, ...]] = {}

    def resolve(ref: str) -> tuple[str, ...]:
        return resolved.get(ref, ())

    quads: list[Quad] = []
    for block in sorted(blocks, key=block_order):
        events = merge_block(blocks[block], resolve, policy)
        resolved.update(_assignment(events))
        for event in events:
            quads.extend(event.quads(resolve))
    return quads


# --- keeping a store in step -----------------------------------------------------------------


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
            for prop in (Ak.about, Ak.usedWeaponsFrom):
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
            if block.startswith("statement/") and block not in left:
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
        assignment = _assignment(events)
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
        if block.startswith("statement/"):
            before = len(set(gone.get(block, ())).union(*(now for _, now in stored)))
            sample = stored[0][0] if stored else new[0] if new else left.get(block)
            if sample is not None and len(events) != before:
                for key in statement_keys(sample.speakers, sample.stance or ""):
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
