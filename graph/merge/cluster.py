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
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from armskg.graph.kinds.registry import Report, Resolver, TimeWindow, Triple3, kind_rank, lookup, spec_of
from armskg.graph.triples import block_id, block_key, event_triples
from armskg.ontology import event_iri
from armskg.ontology.vocabulary import XSD_INTEGER, Ak

from .reporting import event_quads

__all__ = [
    "DEFAULT_POLICY",
    "MergePolicy",
    "MergedEvent",
    "Resolver",
    "TimeWindow",
    "block_order",
    "event_assignment",
    "merge_block",
    "merge_reports",
]


class MergePolicy:
    """The time windows of the kinds of event: each kind's own (its spec's ``window``) unless
    overridden by name, as in ``MergePolicy(strike=TimeWindow(0, 30, 30))``.

    >>> MergePolicy(strike=TimeWindow(0, 30, 30)).window("strike").day_span, MergePolicy().window("strike").day_span
    (0, 7)
    """

    __slots__ = ("_windows",)

    def __init__(self, **windows: TimeWindow) -> None:
        unknown = sorted(kind for kind in windows if lookup(kind) is None)
        if unknown:
            raise ValueError(f"no event kind {', '.join(map(repr, unknown))} is registered")
        self._windows: dict[str, TimeWindow] = dict(windows)

    def window(self, kind: str) -> TimeWindow:
        """The window of ``kind`` (a registered kind's name)."""
        found = self._windows.get(kind)
        return found if found is not None else spec_of(kind).window

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MergePolicy) and self._windows == other._windows

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._windows.items())))

    def __repr__(self) -> str:
        return f"MergePolicy({', '.join(f'{k}={v!r}' for k, v in sorted(self._windows.items()))})"


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
    details = spec_of(report.kind).details(report, resolve)
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
        ``ak:lastReported``, in the tally graph (:mod:`armskg.graph.merge.reporting`): what queries read
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


def event_assignment(events: Iterable[MergedEvent]) -> dict[str, tuple[str, ...]]:
    """Evidence IRI → the IRIs of the events its report belongs to."""
    found: dict[str, set[str]] = {}
    for event in events:
        for report, _day in event.members:
            found.setdefault(report.evidence, set()).add(event.iri)
    return {evidence: tuple(sorted(iris)) for evidence, iris in found.items()}


def block_order(block: str) -> tuple[int, str]:
    """Where a block goes in a merge: by kind in registry order (transfers, then strikes, then
    statements: later kinds refer to earlier ones), then by id."""
    return kind_rank(block.partition("/")[0]), block


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
        resolved.update(event_assignment(events))
        for event in events:
            quads.extend(event.quads(resolve))
    return quads
