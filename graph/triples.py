"""Turn one article's extraction into quads and into *reports* (see ``docs/data-model.md``).

An article contributes two things:

- its own quads: the actors it names and one ``ak:Evidence`` record per extracted fact in
  the article's named graph; the actors again, the ``ak:Article`` node and its mentions in
  the default graph;
- one :class:`Report` per extracted transfer, strike or statement: the fact as this
  article states it.  :mod:`armskg.graph.merge` clusters the reports of all articles
  into events and writes the event triples.

A report is kept on its evidence record (``ak:mergeRecord``, JSON), together with its
*merge block* (``ak:mergeBlock``): reports in different blocks are never the same event.
That is what lets the merge recompute an event from the store when a later article
arrives or one is removed, whatever the order of ingestion.

>>> from armskg.loaders.article import Article
>>> from armskg.loaders.extract import extract
>>> art = Article.from_text("n1", "Iran supplied Russia with Shahed-136 drones.", date="2022-10-18")
>>> [report] = article_reports(art, extract(art))
>>> report.kind, report.supplier, report.designation, report.published, report.source
('transfer', 'state:IRN', 'Shahed-136', datetime.date(2022, 10, 18), 'article:n1')
>>> Report.from_json(report.article, report.evidence, report.to_json()) == report
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from urllib.parse import quote, urlsplit

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from armskg.graph.kinds.builtin import normalize_designation
from armskg.graph.kinds.registry import (
    EventKind,
    Fact,
    Report,
    Resolver,
    Triple3,
    registered,
    spec_for_fact,
    spec_of,
)
from armskg.loaders.article import Article
from armskg.loaders.facts import Actor, Evidence, Extraction
from armskg.ontology import actor_iri, article_iri, evidence_iri
from armskg.ontology.vocabulary import (
    OWL_SAME_AS,
    PROV_DERIVED,
    RDF_TYPE,
    RDFS_LABEL,
    WIKIDATA_NS,
    XSD_DATE,
    XSD_DOUBLE,
    XSD_INTEGER,
    Ak,
    Schema,
)

__all__ = [
    "STATE_REFERENCE",
    "EventKind",
    "Report",
    "Triple3",
    "article_quads",
    "article_reports",
    "block_id",
    "block_key",
    "event_triples",
    "normalize_designation",
    "source_key",
]
"""``Report``, ``EventKind``, ``Triple3`` and ``normalize_designation`` are re-exported from
:mod:`armskg.graph.kinds`, where each kind of event is spelled once."""

STATE_REFERENCE = frozenset({RDFS_LABEL, Ak.iso3, OWL_SAME_AS})
"""A state's name, ISO code and Wikidata id: the lexicon's, the same in every article, so they
go in the default graph only; an article graph says only that the state is one (``ak:State``)."""

_KIND_CLASS = {"state": Ak.State, "person": Ak.Person, "organization": Ak.Organization, "armed_group": Ak.ArmedGroup}


def _iri(url: str | None) -> NamedNode | None:
    """A URL as an IRI node, percent-escaping what an IRI may not hold; None if it still is not one."""
    if not url:
        return None
    try:
        return NamedNode(quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~"))
    except ValueError:
        return None


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)


def source_key(article: Article) -> str:
    """Who stands behind an article, for counting independent sources (``ak:sourceCount``).

    The publisher when known (case and spacing ignored), else the web site of its URL,
    else the article itself: two articles of one outlet are one source.

    >>> source_key(Article("a", "", publisher="  Sample   WIRE"))
    'publisher:sample wire'
    >>> source_key(Article("b", "", url="https://www.example.org/x/1")), source_key(Article("c", ""))
    ('site:example.org', 'article:c')
    """
    if article.publisher and article.publisher.strip():
        return "publisher:" + " ".join(article.publisher.casefold().split())
    host = urlsplit(article.url.strip()).hostname if article.url else None
    if host:
        return "site:" + host.removeprefix("www.")
    return "article:" + article.id


def block_key(report: Report) -> tuple[str, ...]:
    """The values two reports must share to be one event (the *merge block*): the kind, then its
    spec's ``block`` (transfer: supplier, recipient, weapon category; strike: attacker, target;
    statement: the set of speakers and the stance).  Within a block, designation, weapon, topic
    and time decide (see :mod:`armskg.graph.merge`).
    """
    return (report.kind, *spec_of(report.kind).block(report))


def block_id(report: Report) -> str:
    """The block as kept in ``ak:mergeBlock``: kind, then a hash of :func:`block_key`.

    >>> block_id(Report("strike", "a", "e", attacker="state:RUS", target="state:UKR"))[:7]
    'strike/'
    """
    key = block_key(report)
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:24]
    return f"{key[0]}/{digest}"


def event_triples(report: Report, node: NamedNode, day: dt.date | None, resolve: Resolver) -> Iterator[Triple3]:
    """The triples ``report`` gives event ``node`` (``day``: the one day of a dated event): its
    class and ``ak:reportedIn``, then its kind's own (the spec's ``triples``).

    ``resolve`` turns an evidence IRI (a report's ``ref``) into the IRIs of the events that
    report belongs to.
    """
    spec = spec_of(report.kind)
    yield node, RDF_TYPE, spec.cls
    yield node, Ak.reportedIn, NamedNode(report.article)
    yield from spec.triples(report, node, day, resolve)


def _actor_triples(actor: Actor) -> Iterable[Triple3]:
    node = NamedNode(actor_iri(actor.key))
    yield node, RDF_TYPE, _KIND_CLASS[actor.kind]
    yield node, RDFS_LABEL, Literal(actor.label)
    if actor.iso3:
        yield node, Ak.iso3, Literal(actor.iso3)
    if actor.wikidata:
        yield node, OWL_SAME_AS, NamedNode(WIKIDATA_NS + actor.wikidata)
    if actor.role:
        yield node, Ak.role, Literal(actor.role)
    if actor.affiliation:
        yield node, Ak.affiliation, NamedNode(actor_iri(actor.affiliation))
    if actor.based_in:
        yield node, Ak.basedIn, NamedNode(actor_iri(actor.based_in))


def _article_triples(article: Article) -> Iterable[Triple3]:
    node = NamedNode(article_iri(article.id))
    yield node, RDF_TYPE, Ak.Article
    yield node, Schema.identifier, Literal(article.id)
    yield node, Ak.contentHash, Literal(article.content_hash)
    url = _iri(article.url)
    if url is not None:
        yield node, Schema.url, url
    if article.date:
        yield node, Schema.datePublished, _date(article.date)
    elif article.date_text:
        yield node, Ak.datePublishedText, Literal(article.date_text)
    if article.publisher:
        yield node, Schema.publisher, Literal(article.publisher)
    if article.title:
        yield node, Schema.headline, Literal(article.title)


def _evidence_triples(node: NamedNode, evidence: Evidence, article: NamedNode) -> Iterable[Triple3]:
    yield node, RDF_TYPE, Ak.Evidence
    yield node, Ak.sentence, Literal(evidence.sentence)
    yield node, Ak.charStart, Literal(str(evidence.start), datatype=XSD_INTEGER)
    yield node, Ak.charEnd, Literal(str(evidence.end), datatype=XSD_INTEGER)
    yield node, Ak.rule, Literal(evidence.rule)
    yield node, Ak.confidence, Literal(repr(float(evidence.confidence)), datatype=XSD_DOUBLE)
    yield node, PROV_DERIVED, article


def _facts(extraction: Extraction) -> list[Fact]:
    """The article's facts in evidence order (each kind's in turn, in registry order), with any fact
    only referred to (by a strike's transfer or a statement's topic) added at the end so that it
    has a report too."""
    facts: list[Fact] = [fact for spec in registered() for fact in spec.facts(extraction)]
    seen = {id(f) for f in facts}
    for fact in list(facts):
        target = spec_for_fact(fact).refers(fact)
        if target is not None and id(target) not in seen and target not in facts:
            facts.append(target)
            seen.add(id(target))
    return facts


def _index_of(facts: list[Fact], target: Fact) -> int:
    for n, fact in enumerate(facts):
        if fact is target:
            return n
    return facts.index(target)


def article_reports(article: Article, extraction: Extraction) -> list[Report]:
    """One :class:`Report` per fact of the extraction, in evidence order (report ``n`` is
    kept on the article's evidence record ``n``); its fields come from its kind's spec."""
    art = article_iri(article.id)
    published, source = article.date, source_key(article)
    facts = _facts(extraction)
    reports: list[Report] = []
    for n, fact in enumerate(facts):
        spec = spec_for_fact(fact)
        target = spec.refers(fact)
        ref = evidence_iri(article.id, _index_of(facts, target)) if target is not None else None
        reports.append(
            Report(
                spec.name,
                evidence=evidence_iri(article.id, n),
                article=art,
                published=published,
                source=source,
                ref=ref,
                **spec.report(fact),
            )
        )
    return reports


def article_quads(article: Article, extraction: Extraction) -> list[Quad]:
    """The quads an article contributes itself, without events (those come from the merge).

    Its named graph holds the actors it names and an evidence record per fact carrying the
    fact's report (``ak:mergeRecord``) and block (``ak:mergeBlock``).  The default graph gets the
    actors too, with each state's :data:`STATE_REFERENCE` triples (the lexicon's, the same in every
    article), and the article node with its mentions: what describes the article itself is said
    once, not again inside its own graph (the graph's name is the article).
    """
    art = NamedNode(article_iri(article.id))
    described: list[Triple3] = []
    shared: list[Triple3] = list(_article_triples(article))
    for actor in extraction.actors.values():
        for triple in _actor_triples(actor):
            reference = actor.kind == "state" and triple[1] in STATE_REFERENCE
            (shared if reference else described).append(triple)
    for key in dict.fromkeys(m.actor for m in extraction.mentions):
        shared.append((art, Ak.mentions, NamedNode(actor_iri(key))))
    facts = _facts(extraction)
    reports = article_reports(article, extraction)
    evidence: list[Triple3] = []
    for fact, report in zip(facts, reports, strict=True):
        ev = NamedNode(report.evidence)
        evidence.extend(_evidence_triples(ev, fact.evidence, art))
        evidence.append((ev, Ak.mergeBlock, Literal(block_id(report))))
        evidence.append((ev, Ak.mergeRecord, Literal(report.to_json())))
    quads: dict[Quad, None] = {}
    for s, p, o in described:
        quads[Quad(s, p, o, art)] = None
        quads[Quad(s, p, o, DefaultGraph())] = None
    for s, p, o in shared:
        quads[Quad(s, p, o, DefaultGraph())] = None
    for s, p, o in evidence:
        quads[Quad(s, p, o, art)] = None
    return list(quads)
