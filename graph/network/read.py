"""Reading the merged graph of a store: the events with their details, the actors, the evidence.

The actor network (:mod:`armskg.graph.network.build`) and the filters
(:mod:`armskg.graph.network.filters`) work from what these functions read from the canonical
default graph of an Oxigraph store (the merged facts, see ``docs/data-model.md``) and, for
evidence sentences and confidences, the article graphs.  Simple lookups are direct pattern
reads (much faster than SPARQL); the rest are small SELECT queries.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from armskg.graph.kinds.registry import derived, registered
from armskg.ontology import AK, BASE, PREFIXES, SCHEMA  # type: ignore[import-not-found, unused-ignore]

__all__ = [
    "KINDS",
    "PERPETRATOR_ROLES",
    "EventFacts",
    "date_range",
    "event_confidences",
    "local_name",
    "perpetrator_roles",
    "read_actors",
    "read_event_facts",
    "read_evidence",
    "select_rows",
]

KINDS = ("state", "person", "organization", "armed_group")
"""Actor kinds, the ``kind`` node attribute."""


@derived
def perpetrator_roles() -> frozenset[str]:
    """Roles of the parties who *did* the event a statement is about (``target`` is the victim), of
    every registered kind (:class:`~armskg.graph.kinds.registry.Role`)."""
    return frozenset(role.name for spec in registered() for role in spec.roles if role.perpetrator)


PERPETRATOR_ROLES = perpetrator_roles()
"""The built-in kinds' :func:`perpetrator_roles`: supplier, recipient, attacker, speaker."""

_KIND_BY_CLASS = {  # most specific first: ak:ArmedGroup is a subclass of ak:Organization
    AK + "ArmedGroup": "armed_group",
    AK + "State": "state",
    AK + "Person": "person",
    AK + "Organization": "organization",
}
_KIND_BY_PATH = {"state": "state", "person": "person", "org": "organization"}
_WIKIDATA = "http://www.wikidata.org/entity/"

_Q_EVIDENCE = """
SELECT DISTINCT ?event ?sentence ?confidence WHERE {
  GRAPH ?g { ?event ak:evidence ?ev . ?ev ak:sentence ?sentence . OPTIONAL { ?ev ak:confidence ?confidence } }
}
"""


def select_rows(store: ox.Store, query: str) -> Iterable[dict[str, str | None]]:
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


def local_name(iri: str) -> str:
    """The last path segment (or fragment) of an IRI: ``.../stance/call_on`` → ``call_on``."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _actor_kind(iri: str, classes: set[str]) -> str:
    """The actor kind from its classes, else from the IRI scheme (``actor/{state|person|org}/``)."""
    for cls, kind in _KIND_BY_CLASS.items():
        if cls in classes:
            return kind
    segment = iri.removeprefix(BASE + "actor/").split("/", 1)[0]
    return _KIND_BY_PATH.get(segment, "organization")


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_range(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a (possibly partial) ISO date covers; ``None`` if it is not one.

    >>> date_range("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    >>> date_range("2023-10-17"), date_range("soon")
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
    facts: dict[str, EventFacts] = {}
    for spec in registered():
        kind = spec.name
        for quad in store.quads_for_pattern(None, ox.NamedNode(_RDF + "type"), spec.cls, ox.DefaultGraph()):
            if isinstance(quad.subject, ox.NamedNode):
                facts.setdefault(quad.subject.value, EventFacts(quad.subject.value, kind))
    labels: dict[str, str] = {}

    def label(concept: str) -> str:
        if concept not in labels:
            found = sorted(_term_text(o) for _, o in _pairs(store, _SKOS_PREF_LABEL, concept))
            labels[concept] = found[0] if found else local_name(concept).replace("-", " ")
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
            articles[iri] = (ids[0] if ids else iri, urls, {r for r in map(date_range, days) if r})
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
                found = date_range(value)
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


def read_actors(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Node attributes of every actor taking part in an event, plus whom they are affiliated to."""
    roles = dict.fromkeys(role.property.value for spec in registered() for role in spec.roles)
    todo = [o.value for role in roles for _, o in _pairs(store, role) if isinstance(o, ox.NamedNode)]
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
        wikidata = sorted(local_name(s) for s in props["sameAs"] if s.startswith(_WIKIDATA))
        label = min(props["label"]) if props["label"] else (iso3 or local_name(iri))
        actors[iri] = {
            "label": label,
            "kind": _actor_kind(iri, props["type"]),
            "iso3": iso3,
            "wikidata": wikidata[0] if wikidata else None,
        }
    return actors


def read_evidence(store: ox.Store) -> dict[str, list[tuple[float, str]]]:
    """Evidence sentences per event, from the article graphs, with their confidence."""
    evidence: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for row in select_rows(store, _Q_EVIDENCE):
        event, sentence, confidence = row["event"], row["sentence"], row["confidence"]
        assert event is not None and sentence is not None
        try:
            score = float(confidence) if confidence is not None else 0.0
        except ValueError:
            score = 0.0
        evidence[event].append((score, sentence))
    return evidence
