"""The actor network: who supplies, strikes, condemns and stands with whom.

:func:`actor_network` reads the canonical default graph of an Oxigraph store (the merged facts,
see ``docs/data-model.md``) and the evidence sentences of the article graphs, and returns a
:class:`networkx.MultiDiGraph` of actors. :func:`signed_graph` folds that network into one signed,
undirected weight per pair of actors and :func:`coalitions` finds the camps in it.

Edge keys are the relation names, so ``G.edges[u, v, "supplies"]`` is *the* aggregated supply
edge from ``u`` to ``v``. Every edge carries ``relation``, ``count`` (distinct events behind it),
``events`` (their IRIs), ``sources`` (article identifiers) and ``evidence`` (up to
:data:`MAX_EVIDENCE` sentences); see :func:`actor_network` for the relation-specific attributes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from armskg.ontology import AK, BASE, PREFIXES, SCHEMA  # type: ignore[import-not-found, unused-ignore]
from armskg.ontology.vocabulary import FINER_WEAPONS, STANCES, WEAPON_CONCEPTS

from .statement_view import JOINT_KEY, joint_statements

__all__ = [
    "APPROVING_STANCES",
    "HOSTILE_STANCES",
    "KINDS",
    "MAX_EVIDENCE",
    "PERPETRATOR_ROLES",
    "RELATION_WEIGHTS",
    "STANCES",
    "EventFacts",
    "FilterError",
    "NetworkFilter",
    "actor_network",
    "coalitions",
    "edge_weight",
    "event_confidences",
    "network_period",
    "read_event_facts",
    "signed_graph",
]

MAX_EVIDENCE = 3
"""Evidence sentences kept per aggregated edge."""

KINDS = ("state", "person", "organization", "armed_group")
"""Actor kinds, the ``kind`` node attribute."""

PERPETRATOR_ROLES = frozenset({"supplier", "recipient", "attacker", "speaker"})
"""Roles of the parties who *did* the event a statement is about (``target`` is the victim)."""

HOSTILE_STANCES: Mapping[str, float] = {"condemn": 1.0, "allege": 1.0, "warn": 1.0, "concern": 0.5}
"""Stances against an event: negative to its perpetrators, positive to its target."""

APPROVING_STANCES: Mapping[str, float] = {"support": 1.0, "commit": 1.0}
"""Stances for an event: positive to its perpetrators, negative to its target."""

RELATION_WEIGHTS: Mapping[str, float] = {"supplies": 1.0, "strikes": -1.0, "co_signs": 1.0, "affiliated": 2.0}
"""Signed weight per event of the non-statement relations (``affiliated``: per edge)."""

_KIND_BY_CLASS = {  # most specific first: ak:ArmedGroup is a subclass of ak:Organization
    AK + "ArmedGroup": "armed_group",
    AK + "State": "state",
    AK + "Person": "person",
    AK + "Organization": "organization",
}
_KIND_BY_PATH = {"state": "state", "person": "person", "org": "organization"}
_WIKIDATA = "http://www.wikidata.org/entity/"
_ROLE_PREDICATES = {"supplier": "ak:supplier", "recipient": "ak:recipient", "attacker": "ak:attacker"}

_Q_EVENTS = """
SELECT DISTINCT ?event ?kind ?from ?to WHERE {
  { ?event a ak:Transfer ; ak:supplier ?from ; ak:recipient ?to BIND("supplies" AS ?kind) }
  UNION { ?event a ak:Strike ; ak:attacker ?from ; ak:target ?to BIND("strikes" AS ?kind) }
}
"""

_Q_STATEMENTS = """
SELECT DISTINCT ?statement ?speaker ?stance WHERE {
  ?statement a ak:Statement ; ak:speaker ?speaker .
  OPTIONAL { ?statement ak:stance ?stance }
}
"""

_Q_PARTIES = """
SELECT DISTINCT ?statement ?about ?role ?party WHERE {
  ?statement a ak:Statement ; ak:about ?about .
  { ?about ak:supplier ?party BIND("supplier" AS ?role) }
  UNION { ?about ak:recipient ?party BIND("recipient" AS ?role) }
  UNION { ?about ak:attacker ?party BIND("attacker" AS ?role) }
  UNION { ?about ak:target ?party BIND("target" AS ?role) }
  UNION { ?about a ak:Statement ; ak:speaker ?party BIND("speaker" AS ?role) }
}
"""

_Q_AFFILIATIONS = """
SELECT DISTINCT ?member ?group ?source ?id WHERE {
  ?member ak:affiliation ?group .
  OPTIONAL { GRAPH ?source { ?member ak:affiliation ?group } OPTIONAL { ?source schema:identifier ?id } }
}
"""

_Q_EVIDENCE = """
SELECT DISTINCT ?event ?sentence ?confidence WHERE {
  GRAPH ?g { ?event ak:evidence ?ev . ?ev ak:sentence ?sentence . OPTIONAL { ?ev ak:confidence ?confidence } }
}
"""


@dataclass
class _Edge:
    """What is gathered for one (u, v, relation) before it becomes an edge's attributes."""

    events: set[str] = field(default_factory=set)
    about: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    own_roles: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)


def _rows(store: ox.Store, query: str) -> Iterable[dict[str, str | None]]:
    """Run a SELECT on the store's default graph; yield each solution as ``{variable: value}``."""
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    for solution in result:
        row: dict[str, str | None] = {}
        for name in names:
            term = solution[name]
            row[name] = None if term is None else str(term.value)
        yield row


def _local_name(iri: str) -> str:
    """The last path segment (or fragment) of an IRI: ``.../stance/call_on`` → ``call_on``."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _actor_kind(iri: str, classes: set[str]) -> str:
    """The actor kind from its classes, else from the IRI scheme (``actor/{state|person|org}/``)."""
    for cls, kind in _KIND_BY_CLASS.items():
        if cls in classes:
            return kind
    segment = iri.removeprefix(BASE + "actor/").split("/", 1)[0]
    return _KIND_BY_PATH.get(segment, "organization")


class FilterError(ValueError):
    """A filter value armskg cannot use; the message names the parameter and what is wrong."""


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date_range(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a (possibly partial) ISO date covers; ``None`` if it is not one.

    >>> _date_range("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    >>> _date_range("2023-10-17"), _date_range("soon")
    ((datetime.date(2023, 10, 17), datetime.date(2023, 10, 17)), None)
    """
    match = _PARTIAL_DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return dt.date(year, month, 1), following - dt.timedelta(days=1)
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        return None


def _with_broader(labels: set[str]) -> set[str]:
    """Weapon labels with the broader category of each finer concept ("tube artillery" is "other")."""
    return labels | {FINER_WEAPONS[label] for label in labels if label in FINER_WEAPONS}


def _weapon_label(value: str) -> str | None:
    """The weapon category label for a label or slug (``ballistic-missile``), else ``None``."""
    wanted = " ".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
    aliases = {"air defense system": "air defence system", "armored vehicle": "armoured vehicle"}
    wanted = aliases.get(wanted, wanted)
    return wanted if wanted in WEAPON_CONCEPTS else None


@dataclass(frozen=True)
class NetworkFilter:
    """Which events make the network: a period, weapon categories, a minimum number of sources.

    Build one with :meth:`parse`, which checks every value and says what is wrong in one line.

    - ``since``/``until``: an event is kept when its dates meet the period. Its dates are its own
      ``ak:date`` values (a strike's days, a statement's day) when it has any, else the
      publication dates of the articles reporting it; an event with neither is left out
      whenever a period is set.
    - ``weapons``: weapon concept labels (:data:`armskg.loaders.facts.WEAPON_CONCEPTS`); a
      transfer or strike is kept when it carries one of them, a statement when it is about such
      a transfer or strike.
    - ``min_sources``: an event is kept when ``ak:sourceCount`` (written by the merge) is at least
      this, or, without it, the number of articles reporting it (``ak:reportedIn``).
    - ``min_confidence``: an event is kept when one of its evidence records (``ak:confidence``,
      how directly the parse supports the fact) is at least this.

    Examples
    --------
    >>> f = NetworkFilter.parse(since="2024-01", weapons=["ballistic-missile"], min_sources=2)
    >>> f.since, sorted(f.weapons), f.describe()
    (datetime.date(2024, 1, 1), ['ballistic missile'], 'from 2024-01-01 · ballistic missile · at least 2 sources')
    >>> NetworkFilter.parse(min_confidence=0.8).describe()
    'confidence at least 0.8'
    >>> try:
    ...     NetworkFilter.parse(until="2024-13")
    ... except FilterError as error:
    ...     print(error)
    --to: '2024-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)
    """

    since: dt.date | None = None
    until: dt.date | None = None
    weapons: frozenset[str] = frozenset()
    min_sources: int = 1
    min_confidence: float = 0.0

    @classmethod
    def parse(
        cls,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        weapons: Iterable[str] | None = None,
        min_sources: int | None = None,
        min_confidence: float | None = None,
    ) -> NetworkFilter:
        """Check and normalise filter values as a user gives them (dates may be partial: ``2024-01``)."""

        def day(value: str | dt.date | None, option: str, end: bool) -> dt.date | None:
            if value is None or isinstance(value, dt.date):
                return value
            found = _date_range(str(value))
            if found is None:
                raise FilterError(f"{option}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return found[1] if end else found[0]

        first, last = day(since, "--from", False), day(until, "--to", True)
        if first and last and first > last:
            raise FilterError(f"--from {first.isoformat()} is after --to {last.isoformat()}")
        labels: set[str] = set()
        for value in weapons or ():
            label = _weapon_label(value)
            if label is None:
                choices = ", ".join(WEAPON_CONCEPTS)
                raise FilterError(f"--weapon: unknown weapon category {value!r}; choose from {choices}")
            labels.add(label)
        count = 1 if min_sources is None else min_sources
        if not isinstance(count, int) or count < 1:
            raise FilterError(f"--min-sources: {min_sources!r} is not a whole number of at least 1")
        floor = 0.0 if min_confidence is None else min_confidence
        if isinstance(floor, bool) or not isinstance(floor, (int, float)) or not 0.0 <= floor <= 1.0:
            raise FilterError(f"--min-confidence: {min_confidence!r} is not a number from 0 to 1")
        return cls(first, last, frozenset(labels), count, float(floor))

    @property
    def active(self) -> bool:
        """Whether the filter leaves anything out."""
        return bool(self.since or self.until or self.weapons or self.min_sources > 1 or self.min_confidence > 0)

    def describe(self) -> str:
        """The filter in words, for map subtitles; empty when nothing is filtered."""
        parts = []
        if self.since and self.until:
            parts.append(f"{self.since.isoformat()} – {self.until.isoformat()}")
        elif self.since:
            parts.append(f"from {self.since.isoformat()}")
        elif self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.weapons:
            parts.append(", ".join(sorted(self.weapons)))
        if self.min_sources > 1:
            parts.append(f"at least {self.min_sources} sources")
        if self.min_confidence > 0:
            parts.append(f"confidence at least {self.min_confidence:g}")
        return " · ".join(parts)

    def keeps(self, event: EventFacts, facts: Mapping[str, EventFacts]) -> bool:
        """Whether ``event`` passes the filter (``facts``: every event, for what a statement is about)."""
        if event.corroboration < self.min_sources or event.confidence < self.min_confidence:
            return False
        if self.since or self.until:
            span = event.span
            if span is None or (self.since and span[1] < self.since) or (self.until and span[0] > self.until):
                return False
        if self.weapons:
            if event.kind == "statement":
                about = (facts[a] for a in event.about if a in facts)
                return any(a.kind != "statement" and _with_broader(a.weapons) & self.weapons for a in about)
            return bool(_with_broader(event.weapons) & self.weapons)
        return True


@dataclass
class EventFacts:
    """What the merged graph says about one transfer, strike or statement (see :func:`read_event_facts`)."""

    iri: str
    kind: str
    weapons: set[str] = field(default_factory=set)
    designations: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    quantities: set[str] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)
    about: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    dates: set[tuple[dt.date, dt.date]] = field(default_factory=set)
    published: set[tuple[dt.date, dt.date]] = field(default_factory=set)
    source_count: int | None = None
    confidence: float = 0.0
    """The highest ``ak:confidence`` of the event's evidence records (0 when it has none, or when
    :func:`read_event_facts` was not asked to read it)."""

    @property
    def corroboration(self) -> int:
        """``ak:sourceCount`` if the store has it, else the number of articles reporting the event."""
        return self.source_count if self.source_count is not None else len(self.articles)

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last day of the event's own dates, else of its articles' publication dates."""
        ranges = self.dates or self.published
        if not ranges:
            return None
        return min(r[0] for r in ranges), max(r[1] for r in ranges)


def read_event_facts(store: ox.Store, *, confidence: bool = False) -> dict[str, EventFacts]:
    """Every event of the merged default graph with its details, sources, dates and corroboration.

    ``sources`` are article identifiers (``schema:identifier``, else the article IRI), ``urls``
    the articles' ``schema:url``; ``dates`` come from ``ak:date``, ``published`` from the
    articles' ``schema:datePublished`` (or a partial ``ak:datePublishedText``). With
    ``confidence`` each event's :attr:`EventFacts.confidence` is read from the evidence records of
    the article graphs (a scan of every graph, so only when a filter needs it).
    """
    kinds = {AK + "Transfer": "transfer", AK + "Strike": "strike", AK + "Statement": "statement"}
    facts: dict[str, EventFacts] = {}
    for cls, kind in kinds.items():
        for quad in store.quads_for_pattern(None, ox.NamedNode(_RDF + "type"), ox.NamedNode(cls), ox.DefaultGraph()):
            if isinstance(quad.subject, ox.NamedNode):
                facts.setdefault(quad.subject.value, EventFacts(quad.subject.value, kind))
    labels: dict[str, str] = {}

    def label(concept: str) -> str:
        if concept not in labels:
            found = sorted(_term_text(o) for _, o in _pairs(store, _SKOS_PREF_LABEL, concept))
            labels[concept] = found[0] if found else _local_name(concept).replace("-", " ")
        return labels[concept]

    articles: dict[str, tuple[str, set[str], set[tuple[dt.date, dt.date]]]] = {}

    def article(iri: str) -> tuple[str, set[str], set[tuple[dt.date, dt.date]]]:
        if iri not in articles:
            ids = sorted(_term_text(o) for _, o in _pairs(store, SCHEMA + "identifier", iri))
            urls = {_term_text(o) for _, o in _pairs(store, SCHEMA + "url", iri)}
            days = [
                _term_text(o)
                for p in (SCHEMA + "datePublished", AK + "datePublishedText")
                for _, o in _pairs(store, p, iri)
            ]
            articles[iri] = (ids[0] if ids else iri, urls, {r for r in map(_date_range, days) if r})
        return articles[iri]

    for key in ("weapon", "designation", "status", "quantity", "date", "sourceCount", "quote", "about", "reportedIn"):
        for event, term in _pairs(store, AK + key):
            fact = facts.get(event)
            if fact is None:
                continue
            value = _term_text(term)
            if key == "weapon":
                fact.weapons.add(label(value))
            elif key == "status":
                fact.statuses.add(label(value))
            elif key == "date":
                found = _date_range(value)
                if found:
                    fact.dates.add(found)
            elif key == "sourceCount":
                with contextlib.suppress(ValueError):
                    fact.source_count = max(fact.source_count or 0, int(value))
            elif key == "reportedIn":
                ident, urls, days = article(value)
                fact.articles.add(value)
                fact.sources.add(ident)
                fact.urls.update(urls)
                fact.published.update(days)
            else:
                {"designation": fact.designations, "quantity": fact.quantities, "quote": fact.quotes}.get(
                    key, fact.about
                ).add(value)
    if confidence:
        _read_confidence(store, facts)
    return facts


def event_confidences(store: ox.Store) -> dict[str, float]:
    """Each event's highest ``ak:confidence`` over its evidence records in the article graphs
    (events with no evidence record are absent).

    >>> event_confidences(ox.Store())
    {}
    """
    scores: dict[str, float] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(AK + "confidence"), None, None):
        with contextlib.suppress(ValueError):
            scores[_term_text(quad.subject)] = float(_term_text(quad.object))
    best: dict[str, float] = {}
    if not scores:
        return best
    for quad in store.quads_for_pattern(None, ox.NamedNode(AK + "evidence"), None, None):
        event, score = _term_text(quad.subject), scores.get(_term_text(quad.object))
        if score is not None and score > best.get(event, -1.0):
            best[event] = score
    return best


def _read_confidence(store: ox.Store, facts: Mapping[str, EventFacts]) -> None:
    """Set each event's :attr:`EventFacts.confidence` from its evidence records."""
    for event, score in event_confidences(store).items():
        fact = facts.get(event)
        if fact is not None:
            fact.confidence = score


def _pairs(
    store: ox.Store, predicate: str, subject: str | None = None
) -> Iterable[tuple[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]]:
    """``(subject IRI, object)`` of the default graph's triples with ``predicate`` (and ``subject``).

    Direct pattern reads: much faster than SPARQL for the simple lookups that build the network.
    """
    node = ox.NamedNode(subject) if subject is not None else None
    for quad in store.quads_for_pattern(node, ox.NamedNode(predicate), None, ox.DefaultGraph()):
        if isinstance(quad.subject, ox.NamedNode):
            yield quad.subject.value, quad.object


def _term_text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """The IRI or lexical value of a term."""
    return str(getattr(term, "value", term))


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
_SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_PARTICIPANT_ROLES = ("supplier", "recipient", "attacker", "target", "speaker")


def _read_actors(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Node attributes of every actor taking part in an event, plus whom they are affiliated to."""
    todo = [o.value for role in _PARTICIPANT_ROLES for _, o in _pairs(store, AK + role) if isinstance(o, ox.NamedNode)]
    seen: set[str] = set()
    while todo:
        actor = todo.pop()
        if actor not in seen:
            seen.add(actor)
            todo.extend(_term_text(o) for _, o in _pairs(store, AK + "affiliation", actor))
    actors: dict[str, dict[str, Any]] = {}
    for iri in sorted(seen):
        props = {
            key: {_term_text(o) for _, o in _pairs(store, predicate, iri)}
            for key, predicate in (
                ("type", _RDF + "type"),
                ("label", _RDFS_LABEL),
                ("iso3", AK + "iso3"),
                ("sameAs", _OWL_SAME_AS),
            )
        }
        iso3 = min(props["iso3"]) if props["iso3"] else None
        wikidata = sorted(_local_name(s) for s in props["sameAs"] if s.startswith(_WIKIDATA))
        label = min(props["label"]) if props["label"] else (iso3 or _local_name(iri))
        actors[iri] = {
            "label": label,
            "kind": _actor_kind(iri, props["type"]),
            "iso3": iso3,
            "wikidata": wikidata[0] if wikidata else None,
        }
    return actors


def _read_evidence(store: ox.Store) -> dict[str, list[tuple[float, str]]]:
    """Evidence sentences per event, from the article graphs, with their confidence."""
    evidence: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for row in _rows(store, _Q_EVIDENCE):
        event, sentence, confidence = row["event"], row["sentence"], row["confidence"]
        assert event is not None and sentence is not None
        try:
            score = float(confidence) if confidence is not None else 0.0
        except ValueError:
            score = 0.0
        evidence[event].append((score, sentence))
    return evidence


def _stance_label(iri: str) -> str:
    """The stance label of a stance concept IRI (``.../stance/condemn`` → ``condemn``)."""
    return _local_name(iri)


def _closure(actor: str, memberships: Mapping[str, set[str]]) -> set[str]:
    """The actor and everyone it is affiliated to, directly or through others."""
    seen, todo = {actor}, [actor]
    while todo:
        for group in memberships.get(todo.pop(), ()):
            if group not in seen:
                seen.add(group)
                todo.append(group)
    return seen


def _add_stance(edge: _Edge, statement: str, event: str, roles: Iterable[str], own: bool) -> None:
    """Count one (statement, event) pair on a stance edge: the party's roles, and whether the speaker's own."""
    edge.events.add(statement)
    edge.about.add(event)
    for role in roles:
        edge.roles[role] += 1
        if own:
            edge.own_roles[role] += 1


def _collect_edges(
    store: ox.Store, actors: Mapping[str, Any], kept: set[str] | None
) -> tuple[
    dict[tuple[str, str, str], _Edge], dict[str, set[str]], dict[tuple[str, str, str], _Edge], dict[str, set[str]]
]:
    """Gather the raw facts behind every (u, v, relation) edge among ``actors``.

    ``kept``: the events that pass the filter (``None``: all). Returns the edges, who is
    affiliated to whom, and the edges of the drawn view (:mod:`armskg.graph.statement_view`),
    where a statement of two or more speakers is a node: ``signs`` from each speaker to it and
    its stance edges from it, instead of a ``co_signs`` clique and a stance edge per speaker;
    and the stances of each such joint statement.
    """
    drawn: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    edges: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    for row in _rows(store, _Q_EVENTS):
        event, kind, u, v = row["event"], row["kind"], row["from"], row["to"]
        assert event is not None and kind is not None and u is not None and v is not None
        if kept is None or event in kept:
            edges[u, v, kind].events.add(event)

    speakers: dict[str, set[str]] = defaultdict(set)
    stances: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _Q_STATEMENTS):
        statement, speaker, stance = row["statement"], row["speaker"], row["stance"]
        assert statement is not None and speaker is not None
        if kept is not None and statement not in kept:
            continue
        speakers[statement].add(speaker)
        if stance is not None:
            stances[statement].add(_stance_label(stance))

    # parties[statement][event] = {party: roles of the party in that event}
    parties: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for row in _rows(store, _Q_PARTIES):
        statement, about, role, party = row["statement"], row["about"], row["role"], row["party"]
        assert statement is not None and about is not None and role is not None and party is not None
        parties[statement][about][party].add(role)

    memberships: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _Q_AFFILIATIONS):
        member, group, source, ident = row["member"], row["group"], row["source"], row["id"]
        assert member is not None and group is not None
        memberships[member].add(group)
        if member in actors and group in actors and member != group:
            edge = edges[member, group, "affiliated"]
            if source is not None:
                edge.sources.add(ident or source)

    for statement in sorted(speakers):
        said_by = sorted(speakers[statement])
        joint = len(said_by) > 1
        for i, u in enumerate(said_by):
            for v in said_by[i + 1 :]:
                edges[u, v, "co_signs"].events.add(statement)
            if joint:
                drawn[u, statement, "signs"].events.add(statement)
            speaks_for = _closure(u, memberships)
            for event, roles_of in parties.get(statement, {}).items():
                own = any(roles_of.get(a, set()) & PERPETRATOR_ROLES for a in speaks_for)
                for v, roles in roles_of.items():
                    if v == u:
                        continue
                    for stance in stances.get(statement, set()):
                        _add_stance(edges[u, v, stance], statement, event, roles, own)
                        if not joint:
                            _add_stance(drawn[u, v, stance], statement, event, roles, own)
        if joint:  # the statement itself speaks to each party, once
            speaks_for = set().union(*(_closure(u, memberships) for u in said_by))
            for event, roles_of in parties.get(statement, {}).items():
                own = any(roles_of.get(a, set()) & PERPETRATOR_ROLES for a in speaks_for)
                for v, roles in roles_of.items():
                    for stance in stances.get(statement, set()):
                        _add_stance(drawn[statement, v, stance], statement, event, roles, own)
    return edges, memberships, drawn, {s: stances.get(s, set()) for s in speakers if len(speakers[s]) > 1}


def _ranked(scored: Iterable[tuple[float, str]], limit: int) -> list[str]:
    """Distinct texts, highest score first (ties alphabetical), at most ``limit``."""
    texts: list[str] = []
    for _, text in sorted(set(scored), key=lambda item: (-item[0], item[1])):
        if text not in texts:
            texts.append(text)
    return texts[:limit]


def _edge_attributes(
    relation: str,
    edge: _Edge,
    facts: Mapping[str, EventFacts],
    evidence: Mapping[str, list[tuple[float, str]]],
) -> dict[str, Any]:
    """The attributes of one aggregated edge (documented in :func:`actor_network`)."""
    events = sorted(edge.events)
    behind = [facts[e] for e in events if e in facts]
    sources = set(edge.sources).union(*(f.sources for f in behind))
    spans = [f.span for f in behind]
    known = [s for s in spans if s is not None]
    corroboration = [f.corroboration for f in behind] or [len(sources)]
    attrs: dict[str, Any] = {
        "relation": relation,
        "count": len(events) if events else 1,
        "events": events,
        "sources": sorted(sources),
        "urls": sorted(set().union(*(f.urls for f in behind))),
        "evidence": _ranked((s for e in events for s in evidence.get(e, ())), MAX_EVIDENCE),
        "first": min(s[0] for s in known).isoformat() if known else None,
        "last": max(s[1] for s in known).isoformat() if known else None,
        "corroboration": max(corroboration),
        "reports": sum(corroboration),
    }
    if relation in ("supplies", "strikes"):
        attrs["weapons"] = sorted({w for f in behind for w in f.weapons})
        attrs["designations"] = sorted({d for f in behind for d in f.designations})
        if relation == "supplies":
            attrs["statuses"] = sorted({s for f in behind for s in f.statuses})
    elif relation not in ("co_signs", "affiliated", "signs"):
        attrs["about"] = sorted(edge.about)
        attrs["roles"] = dict(sorted(edge.roles.items()))
        attrs["own_roles"] = dict(sorted(edge.own_roles.items()))
        attrs["quotes"] = sorted({q for f in behind for q in f.quotes})[:MAX_EVIDENCE]
    return attrs


def actor_network(
    store: ox.Store,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    weapons: Iterable[str] | None = None,
    min_sources: int | None = None,
    min_confidence: float | None = None,
) -> nx.MultiDiGraph:
    """Build the actor network from the merged facts of an armskg store.

    Reads the store's default graph (each fact once) and, for evidence sentences only, the
    article graphs. Parallel facts of the same ``(u, v, relation)`` become one edge whose key is
    the relation.

    Parameters
    ----------
    store : pyoxigraph.Store
        A store following ``docs/data-model.md``.
    since, until : str or datetime.date, optional
        Keep only events whose dates meet this period (``"2024"``, ``"2024-01"`` or
        ``"2024-01-10"``; ``since`` counts from the first day, ``until`` to the last).
    weapons : iterable of str, optional
        Keep only transfers and strikes of these weapon categories, and statements about them.
    min_sources : int, optional
        Keep only events reported by at least this many sources.
    min_confidence : float, optional
        Keep only events with an evidence record of at least this confidence (0 to 1).

    The filters are those of :class:`NetworkFilter` (which spells out the rules); a bad value
    raises :class:`FilterError`. With any filter set, the network holds the actors that take
    part in a kept event, and whoever they are affiliated to.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``kind`` (one of :data:`KINDS`), ``iso3`` and
        ``wikidata`` (a Q-id such as ``"Q423"``, or ``None``): every actor taking part in a
        transfer, strike or statement, and whoever those actors are affiliated to (transitively).
        Edges, keyed and labelled by ``relation``:

        - ``supplies``: supplier → recipient, per transfer; ``weapons`` (category labels),
          ``designations`` (e.g. ``KN-23``) and ``statuses`` (asserted, alleged, denied...). Kept
          as stored even when supplier and recipient are one actor (a sign of an extraction slip,
          which the map then shows as a loop).
        - ``strikes``: attacker → target, per strike; ``weapons`` and ``designations``.
        - a stance label (:data:`STANCES`): speaker → each party of the event the statement is
          ``ak:about`` (a transfer's supplier and recipient, a strike's attacker and target, a
          statement's speakers); ``about`` (those event IRIs), ``roles`` (role of the party →
          number of (statement, event) pairs), ``own_roles`` (the part of ``roles`` where the
          speaker, or whoever it is affiliated to, was a perpetrator of the event: a supplier, or
          its minister, denying its own transfer) and ``quotes`` (``ak:quote``, up to
          :data:`MAX_EVIDENCE`).
          No self-loops: a speaker is never linked to itself.
        - ``co_signs``: between two speakers of the same statement, stored once per unordered
          pair in the direction of the smaller IRI to the larger; ``count`` is the number of
          statements they made together.
        - ``affiliated``: member → state or organization (``ak:affiliation``); ``count`` is 1 and
          ``sources`` the articles whose graphs state the affiliation.

        Every edge has ``count`` (distinct events: transfers, strikes or statements), ``events``
        (their IRIs), ``sources`` (article identifiers, ``schema:identifier``, else the article
        IRI), ``urls`` (the articles' ``schema:url``), ``evidence`` (up to :data:`MAX_EVIDENCE`
        sentences, highest confidence first), ``first`` and ``last`` (ISO dates of the events, see
        :attr:`EventFacts.span`; ``None`` when unknown), ``corroboration`` (sources of its
        best-corroborated event: ``ak:sourceCount``, else the number of reporting articles) and
        ``reports`` (that number summed over its events). Lists are sorted, so the graph is the
        same for the same store. ``graph.graph`` holds ``filter`` (:meth:`NetworkFilter.describe`)
        and, under :data:`armskg.graph.statement_view.JOINT_KEY`, the joint statements as the map
        draws them (one node each; :func:`armskg.graph.statement_view.drawn_network`).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> actor_network(ox.Store()).number_of_nodes()
    0
    """
    flt = NetworkFilter.parse(since, until, weapons, min_sources, min_confidence)
    facts = read_event_facts(store, confidence=flt.min_confidence > 0)
    kept = {iri for iri, fact in facts.items() if flt.keeps(fact, facts)} if flt.active else None
    actors = _read_actors(store)
    evidence = _read_evidence(store)
    raw, memberships, drawn, joint_stances = _collect_edges(store, actors, kept)

    present = {(u, v, relation): edge for (u, v, relation), edge in raw.items() if u in actors and v in actors}
    if kept is not None:
        present = {key: edge for key, edge in present.items() if key[2] == "affiliated" or edge.events}
        active = {end for (u, v, relation) in present if relation != "affiliated" for end in (u, v)}
        wanted = set().union(*(_closure(a, memberships) for a in active)) if active else set()
        present = {k: e for k, e in present.items() if k[2] != "affiliated" or (k[0] in active and k[1] in wanted)}
        actors = {iri: attrs for iri, attrs in actors.items() if iri in wanted}

    graph = nx.MultiDiGraph(filter=flt.describe())
    for iri, node_attrs in actors.items():
        graph.add_node(iri, **node_attrs)
    for (u, v, relation), edge in sorted(present.items()):
        graph.add_edge(u, v, key=relation, **_edge_attributes(relation, edge, facts, evidence))
    view = {
        (u, v, relation): _edge_attributes(relation, edge, facts, evidence)
        for (u, v, relation), edge in drawn.items()
        if (u in actors or u in facts) and (v in actors or v in facts)
    }
    graph.graph[JOINT_KEY] = joint_statements(graph, view, joint_stances)
    return graph


def network_period(graph: nx.MultiDiGraph) -> tuple[str | None, str | None]:
    """The first and last date of the network's edges (ISO strings), ``None`` where unknown.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", first="2023-10-17", last="2023-10-18")
    0
    >>> g.add_edge("b", "c", first="2024-01-02", last="2024-01-06")
    0
    >>> network_period(g)
    ('2023-10-17', '2024-01-06')
    """
    firsts = [d["first"] for *_, d in graph.edges(data=True) if d.get("first")]
    lasts = [d["last"] for *_, d in graph.edges(data=True) if d.get("last")]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


def _statement_weight(relation: str, roles: Mapping[str, int], own_roles: Mapping[str, int]) -> float:
    """Signed weight of a statement edge, summed over the roles the addressed party played."""
    weight = 0.0
    for role, n in roles.items():
        own = own_roles.get(role, 0)
        perpetrator = role in PERPETRATOR_ROLES
        if relation in HOSTILE_STANCES:
            weight += HOSTILE_STANCES[relation] * n * (-1 if perpetrator else 1)
        elif relation in APPROVING_STANCES:
            weight += APPROVING_STANCES[relation] * n * (1 if perpetrator else -1)
        elif relation in ("deny", "admit"):
            # a perpetrator speaking of its own event stands with its co-perpetrators, against the target
            weight += own * (1 if perpetrator else -1)
            if relation == "deny" and perpetrator:
                weight -= n - own  # denying what someone else did or said
    return weight


def edge_weight(attrs: Mapping[str, Any]) -> float:
    """Signed weight of one edge of the actor network: > 0 for a tie, < 0 for hostility.

    The rule is spelled out in :func:`signed_graph`.

    Parameters
    ----------
    attrs : Mapping
        The edge's attributes (``relation``, ``count`` and, for stances, ``roles``, ``own_roles``).

    Returns
    -------
    float
        The weight; 0 for relations without a sign (``call_on``, unknown relations).

    Examples
    --------
    >>> edge_weight({"relation": "condemn", "count": 1, "roles": {"attacker": 1, "target": 1}})
    0.0
    >>> edge_weight({"relation": "strikes", "count": 2})
    -2.0
    """
    relation = str(attrs.get("relation"))
    if relation == "affiliated":
        return RELATION_WEIGHTS["affiliated"]
    if relation in RELATION_WEIGHTS:
        return RELATION_WEIGHTS[relation] * int(attrs.get("count", 1))
    return _statement_weight(relation, attrs.get("roles", {}), attrs.get("own_roles", {}))


def signed_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Fold the actor network into one signed weight per unordered pair of actors.

    The weight of a pair is the sum of :func:`edge_weight` over the edges between them, in either
    direction:

    - ``supplies`` +1, ``strikes`` −1, ``co_signs`` +1 per event; ``affiliated`` +2;
    - hostile stances (:data:`HOSTILE_STANCES`: condemn, allege, warn ±1, concern ±0.5):
      negative towards the perpetrators of the event (supplier, recipient, attacker, speaker of a
      statement) and *positive* towards its target, per (statement, role) pair, so condemning
      A's strike on B puts the speaker with B;
    - approving stances (support, commit ±1): the mirror image;
    - deny and admit by a perpetrator of the event (or by someone affiliated to one, such as its
      foreign minister; see ``own_roles``): +1 towards the co-perpetrators, −1 towards the target;
      deny by anyone else: −1 towards the perpetrators (denying what someone else did or said);
      admit by anyone else and ``call_on`` weigh 0.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A network from :func:`actor_network`.

    Returns
    -------
    networkx.Graph
        Every node of ``graph``; an edge with attribute ``weight`` for every pair whose weight is
        not zero.
    """
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, attrs in graph.edges(data=True):
        if u != v:
            weights[(u, v) if u < v else (v, u)] += edge_weight(attrs)
    signed = nx.Graph()
    signed.add_nodes_from(sorted(graph.nodes))
    for (u, v), weight in sorted(weights.items()):
        if not math.isclose(weight, 0.0, abs_tol=1e-9):
            signed.add_edge(u, v, weight=weight)
    return signed


def _between(signed: nx.Graph, members: Iterable[str], others: set[str]) -> float:
    """Sum of the signed weights between ``members`` and ``others``."""
    total = 0.0
    for u in members:
        for v, attrs in signed[u].items():
            if v in others:
                total += attrs["weight"]
    return total


def _merge_allies(signed: nx.Graph, groups: list[set[str]]) -> list[set[str]]:
    """Merge, strongest first, every two groups whose signed sum between them is positive.

    Merging two groups lowers the frustration of the partition (positive weight cut plus negative
    weight kept inside) by exactly that sum, so this is a greedy step of correlation clustering.
    """
    groups = [set(g) for g in groups]
    while True:
        best: tuple[float, str, str] | None = None
        pair = (0, 0)
        for i, a in enumerate(groups):
            for j in range(i + 1, len(groups)):
                total = _between(signed, a, groups[j])
                rank = (-total, min(a), min(groups[j]))
                if total > 0 and (best is None or rank < best):
                    best, pair = rank, (i, j)
        if best is None:
            return groups
        i, j = pair
        groups[i] |= groups.pop(j)


def _place_loners(signed: nx.Graph, groups: list[set[str]], loners: Iterable[str]) -> list[set[str]]:
    """Move each actor without a positive tie to the coalition most hostile to its enemies."""
    groups = [set(g) for g in groups]
    for node in sorted(loners):
        own = next(i for i, g in enumerate(groups) if node in g)
        if len(groups[own]) != 1:
            continue
        enemies = [i for i, g in enumerate(groups) if i != own and g and _between(signed, [node], g) < 0]
        best: tuple[float, int, str] | None = None
        best_index = own
        for i, group in enumerate(groups):
            if i == own or not group or i in enemies or _between(signed, [node], group) != 0:
                continue
            hostility = -sum(_between(signed, group, groups[e]) for e in enemies)
            rank = (-hostility, -len(group), min(group))
            if hostility > 0 and (best is None or rank < best):
                best, best_index = rank, i
        if best_index != own:
            groups[best_index].add(node)
            groups[own].clear()
    return [g for g in groups if g]


def coalitions(graph: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0) -> dict[str, int]:
    """Split the actors into coalitions: who stands with whom, given who acts against whom.

    The rule, in four steps:

    1. Fold the network into signed weights per pair with :func:`signed_graph`.
    2. Find dense groups with :func:`networkx.community.louvain_communities` (``seed`` fixed, so
       the result is stable) on the *positive* part only: ties of supply, co-signing,
       affiliation, support, and the tie between those who condemn an attack and its victim.
    3. Louvain splits a camp into its tightest circles (an official and their state, say), so
       groups are then merged, the pair with the largest signed sum between them first, as long
       as that sum is positive: camps that stand together more than they clash become one.
    4. An actor with no positive tie at all stays alone through steps 2 and 3. Such actors are
       taken in sorted order; for each, the candidates are the coalitions it has no hostility
       with (signed sum zero) and whose signed sum towards the coalitions the actor is hostile
       to (its enemies) is negative: the enemy of my enemy. It joins the candidate most hostile
       to its enemies (ties: the larger coalition, then the one holding the smallest IRI); with
       no candidate it stays a coalition of its own. Coalitions are updated after each move.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A network from :func:`actor_network` (or any graph with the same edge attributes).
    seed : int
        Seed of the Louvain method.
    resolution : float
        Louvain resolution; above 1 favours smaller groups in step 2.

    Returns
    -------
    dict[str, int]
        Coalition index per node, numbered by size: 0 is the largest; ties go to the coalition
        holding the smallest node id.
    """
    signed = signed_graph(graph)
    positive = nx.Graph()
    positive.add_nodes_from(signed.nodes)
    positive.add_edges_from((u, v, d) for u, v, d in signed.edges(data=True) if d["weight"] > 0)
    found = nx.community.louvain_communities(positive, weight="weight", resolution=resolution, seed=seed)
    groups = _merge_allies(signed, sorted((set(c) for c in found), key=min))
    groups = _place_loners(signed, groups, (n for n in positive.nodes if positive.degree(n) == 0))
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {node: index for index, group in enumerate(ordered) for node in sorted(group)}
