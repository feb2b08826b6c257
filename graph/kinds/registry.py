"""Event kinds as a registry: one :class:`EventKindSpec` per kind, and the :class:`Report` they share.

A kind of event (transfer, strike, statement) is spelled once, in its spec: the ontology class of
its events, where its facts are in an :class:`~armskg.loaders.facts.Extraction`, what its report
holds, its merge block and details, its time window, the triples its events get, and its edge in
the actor network.  The triples (:mod:`armskg.graph.triples`), the merge (:mod:`armskg.graph.merge`)
and the network (:mod:`armskg.graph.network`) loop over :func:`registered` and never name a kind;
adding one is a :func:`register` call (rdflib's plugin habit), its extraction rules and its ontology
terms.  The built-in kinds are registered by :mod:`armskg.graph.kinds.builtin`, which the package
``__init__`` imports, so they are there whatever module of the package is imported first.

The :class:`Report` (one fact as one article states it) lives here too because its JSON form is
checked against the registry, and every spec reads and fills one: the two are one vocabulary.

>>> [spec.name for spec in registered()]
['transfer', 'strike', 'statement']
>>> spec_of("strike").window
TimeWindow(day_span=7, report_gap=30, lookback=30, lookahead=1)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeAlias, TypeVar

from pyoxigraph import Literal, NamedNode

from armskg.loaders.facts import Evidence, Extraction

__all__ = [
    "EventKind",
    "EventKindSpec",
    "Fact",
    "NetworkEdge",
    "Report",
    "Resolver",
    "Role",
    "TimeWindow",
    "Triple3",
    "derived",
    "kind_rank",
    "lookup",
    "register",
    "registered",
    "spec_for_fact",
    "spec_of",
    "unregister",
]

EventKind: TypeAlias = str
"""The name of a registered kind (``"transfer"``): a report's ``kind``, the first part of its merge
block and of its events' IRIs."""

Triple3: TypeAlias = tuple[NamedNode, NamedNode, NamedNode | Literal]
"""A triple without a graph, as the triple builders yield them."""

Resolver: TypeAlias = Callable[[str], Iterable[str]]
"""Turns an evidence IRI (a report's ``ref``) into the IRIs of the events that report belongs to."""


class Fact(Protocol):
    """What every extracted fact has: the evidence it comes from (an ``ak:Evidence`` record)."""

    @property
    def evidence(self) -> Evidence: ...


F = TypeVar("F", bound=Fact)
T = TypeVar("T")

_TEXT_FIELDS = (
    "supplier",
    "recipient",
    "attacker",
    "target",
    "weapon",
    "status",
    "designation",
    "quantity",
    "weapon_origin",
    "ref",
    "stance",
    "channel",
    "quote",
)


@dataclass(frozen=True, slots=True)
class Report:
    """One event as one article states it: what the merge clusters.

    ``article`` and ``evidence`` are the IRIs of the article (its named graph) and of the
    evidence record the report is kept on.  ``published`` and ``source`` come from the
    article (its publication day, :func:`armskg.graph.triples.source_key`).  The other fields are
    the fact's values; which are set depends on ``kind`` (its spec's ``report``).  ``ref`` is the
    evidence IRI of a related report of the same article: for a strike, the transfer its weapons
    came from; for a statement, the transfer or strike it is about.  ``dates`` are a strike's
    days, or a statement's day.
    """

    kind: EventKind
    article: str
    evidence: str
    published: dt.date | None = None
    source: str = ""
    supplier: str | None = None
    recipient: str | None = None
    attacker: str | None = None
    target: str | None = None
    weapon: str | None = None
    status: str | None = None
    designation: str | None = None
    quantity: str | None = None
    weapon_origin: str | None = None
    dates: tuple[dt.date, ...] = ()
    ref: str | None = None
    speakers: tuple[str, ...] = ()
    stance: str | None = None
    addressee: tuple[str, ...] = ()
    channel: str | None = None
    quote: str | None = None

    def to_json(self) -> str:
        """The report as the JSON kept in ``ak:mergeRecord`` (article and evidence are the record's place)."""
        data: dict[str, Any] = {"kind": self.kind}
        if self.published is not None:
            data["published"] = self.published.isoformat()
        data["source"] = self.source
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.dates:
            data["dates"] = [d.isoformat() for d in self.dates]
        if self.speakers:
            data["speakers"] = list(self.speakers)
        if self.addressee:
            data["addressee"] = list(self.addressee)
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, article: str, evidence: str, text: str) -> Report:
        """Read a report back from its ``ak:mergeRecord``; ValueError if it is not one (not JSON
        of a registered kind)."""
        data = json.loads(text)
        if not isinstance(data, dict) or lookup(data.get("kind")) is None:
            raise ValueError(f"{evidence}: not a merge record")
        published = data.get("published")
        return cls(
            kind=data["kind"],
            article=article,
            evidence=evidence,
            published=dt.date.fromisoformat(published) if published else None,
            source=str(data.get("source", "")),
            dates=tuple(dt.date.fromisoformat(d) for d in data.get("dates", ())),
            speakers=tuple(data.get("speakers", ())),
            addressee=tuple(data.get("addressee", ())),
            **{name: data[name] for name in _TEXT_FIELDS if name in data},
        )


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
class Role:
    """A part an actor plays in an event of this kind, as the network reads it: its name
    (``"supplier"``), the property linking the event to the actor, and whether the actor *did* the
    event (a perpetrator: condemning the event is hostility towards it) or suffered it (a target)."""

    name: str
    property: NamedNode
    perpetrator: bool


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """The edge an event of this kind makes in the actor network: ``relation`` (the edge key,
    ``"supplies"``) from the actor of ``source`` to the actor of ``target``; ``weight`` per event
    in coalition detection (> 0 a tie, < 0 hostility); ``attributes``: the
    :class:`~armskg.graph.network.read.EventFacts` sets listed on the edge, in this order."""

    relation: str
    source: NamedNode
    target: NamedNode
    weight: float
    attributes: tuple[str, ...] = ("weapons", "designations")


def _refers_to_nothing(_fact: Fact) -> Fact | None:
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventKindSpec(Generic[F]):
    """Everything the graph needs to know about one kind of event.

    - ``name``: the report's ``kind``, the first part of its merge block and event IRIs;
    - ``cls``: the ontology class of its events (``ak:Transfer``);
    - ``fact``: the extraction's dataclass, and ``facts``: where an extraction keeps them;
    - ``report``: the fact's own fields of its :class:`Report` (the article, evidence, publication
      and ``ref`` are filled in by :func:`armskg.graph.triples.article_reports`);
    - ``refers``: the other fact of the same article this one refers to (a strike's transfer, a
      statement's topic), whose evidence IRI becomes the report's ``ref``;
    - ``block``: the values two reports must share to be one event (the kind is put in front);
    - ``details``: the values that must agree when both reports state them (None: not stated);
    - ``window``: the time window of the merge (:class:`TimeWindow`);
    - ``triples``: the triples a report gives its event beyond its type and ``ak:reportedIn``;
    - ``ref_property``: the property those triples link a ``ref`` with (the merge follows it back
      when the referred report moves);
    - ``tallies``: the tallies one event of the kind feeds, if any (statements: stance and
      co-signature tallies, :mod:`armskg.graph.merge.tallies`);
    - ``edge``: its edge in the actor network, if any; ``roles``: its parties, for what a statement
      about it says to whom;
    - ``weapons_from_about``: a weapon filter keeps it when what it is about has the weapon (it has
      none of its own).
    """

    name: str
    cls: NamedNode
    fact: type[F]
    facts: Callable[[Extraction], Sequence[F]]
    report: Callable[[F], Mapping[str, Any]]
    block: Callable[[Report], tuple[str, ...]]
    details: Callable[[Report, Resolver], tuple[str | None, ...]]
    window: TimeWindow
    triples: Callable[[Report, NamedNode, dt.date | None, Resolver], Iterable[Triple3]]
    refers: Callable[[F], Fact | None] = _refers_to_nothing
    ref_property: NamedNode | None = None
    tallies: Callable[[Report], list[tuple[str, ...]]] | None = None
    edge: NetworkEdge | None = None
    roles: tuple[Role, ...] = ()
    weapons_from_about: bool = False


_REGISTRY: dict[str, EventKindSpec[Any]] = {}
_CHANGES = [0]
"""How often the registry changed: what :func:`derived` values are recomputed on."""


def register(spec: EventKindSpec[F]) -> EventKindSpec[F]:
    """Add a kind; its place among :func:`registered` is the order the merge settles kinds in (a
    kind may refer only to kinds registered before it).  ValueError if the name is taken."""
    if spec.name in _REGISTRY:
        raise ValueError(f"event kind {spec.name!r} is already registered")
    if "/" in spec.name or not spec.name:
        raise ValueError(f"event kind {spec.name!r}: a name is a non-empty word without '/'")
    _REGISTRY[spec.name] = spec
    _CHANGES[0] += 1
    return spec


def unregister(name: str) -> None:
    """Remove a kind (for tests and experiments; the built-in kinds are what stores hold)."""
    del _REGISTRY[name]
    _CHANGES[0] += 1


def registered() -> tuple[EventKindSpec[Any], ...]:
    """Every kind, in the order they were registered (and are merged)."""
    return tuple(_REGISTRY.values())


def lookup(name: object) -> EventKindSpec[Any] | None:
    """The spec of ``name``, or None when no kind has that name."""
    return _REGISTRY.get(name) if isinstance(name, str) else None


def spec_of(name: str) -> EventKindSpec[Any]:
    """The spec of ``name``; KeyError if no kind has that name."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no event kind {name!r} is registered") from None


def spec_for_fact(fact: Fact) -> EventKindSpec[Any]:
    """The spec whose ``fact`` class ``fact`` is an instance of; TypeError if none."""
    for spec in _REGISTRY.values():
        if isinstance(fact, spec.fact):
            return spec
    raise TypeError(f"{type(fact).__name__} is the fact of no registered event kind")


def kind_rank(name: str) -> int:
    """Where ``name`` comes in the merge order (after every kind: a name that is not registered)."""
    for n, known in enumerate(_REGISTRY):
        if known == name:
            return n
    return len(_REGISTRY)


def derived(build: Callable[[], T]) -> Callable[[], T]:
    """``build`` (a value computed from :func:`registered`, such as the network's relation weights)
    as a function that computes it once per change of the registry: cheap enough to call per edge.

    >>> names = derived(lambda: [spec.name for spec in registered()])
    >>> names() is names()
    True
    """
    cache: dict[int, T] = {}

    @functools.wraps(build)
    def current() -> T:
        changes = _CHANGES[0]
        if changes not in cache:
            cache.clear()
            cache[changes] = build()
        return cache[changes]

    return current
