"""Turn one article's extraction into quads (see ``docs/data-model.md``).

The article's named graph holds everything the article says, with evidence; the
default graph holds the same descriptions without evidence, so that an event two
articles report is one node there.  Events are named by a hash of their *merge
key*, which is what makes that merge happen:

- transfer: supplier, recipient, weapon category;
- strike: attacker, target, weapon category (or none);
- statement: speakers, stance, what it is about, date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from urllib.parse import quote

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from armskg.loaders.article import Article
from armskg.loaders.facts import Actor, Evidence, Extraction, Statement, Strike, Transfer
from armskg.ontology import (
    AK,
    SCHEMA,
    actor_iri,
    article_iri,
    channel_iri,
    event_iri,
    evidence_iri,
    stance_iri,
    status_iri,
    weapon_iri,
)

__all__ = ["article_quads", "event_node", "merge_key"]

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
OWL_SAME_AS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
PROV_DERIVED = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DATE = NamedNode(XSD + "date")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DOUBLE = NamedNode(XSD + "double")

_KIND_CLASS = {"state": "State", "person": "Person", "organization": "Organization", "armed_group": "ArmedGroup"}


def ak(term: str) -> NamedNode:
    """A term of the armskg ontology."""
    return NamedNode(AK + term)


def schema(term: str) -> NamedNode:
    """A schema.org term."""
    return NamedNode(SCHEMA + term)


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


def merge_key(event: Transfer | Strike | Statement) -> tuple[str, ...]:
    """The values that make two reports the same event (see the module docstring)."""
    if isinstance(event, Transfer):
        return ("transfer", event.supplier, event.recipient, event.weapon)
    if isinstance(event, Strike):
        return ("strike", event.attacker, event.target, event.weapon or "")
    about = event_node(event.about).value if event.about is not None else ""
    when = event.date.isoformat() if event.date else ""
    return ("statement", *sorted(event.speakers), "|", event.stance, about, when)


def event_node(event: Transfer | Strike | Statement) -> NamedNode:
    """The IRI of an event, from its merge key."""
    key = merge_key(event)
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:20]
    return NamedNode(event_iri(key[0], digest))


def _actor_triples(actor: Actor) -> Iterable[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    node = NamedNode(actor_iri(actor.key))
    yield node, RDF_TYPE, ak(_KIND_CLASS[actor.kind])
    yield node, RDFS_LABEL, Literal(actor.label)
    if actor.iso3:
        yield node, ak("iso3"), Literal(actor.iso3)
    if actor.wikidata:
        yield node, OWL_SAME_AS, NamedNode("http://www.wikidata.org/entity/" + actor.wikidata)
    if actor.role:
        yield node, ak("role"), Literal(actor.role)
    if actor.affiliation:
        yield node, ak("affiliation"), NamedNode(actor_iri(actor.affiliation))
    if actor.based_in:
        yield node, ak("basedIn"), NamedNode(actor_iri(actor.based_in))


def _article_triples(article: Article) -> Iterable[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    node = NamedNode(article_iri(article.id))
    yield node, RDF_TYPE, ak("Article")
    yield node, schema("identifier"), Literal(article.id)
    yield node, ak("contentHash"), Literal(article.content_hash)
    url = _iri(article.url)
    if url is not None:
        yield node, schema("url"), url
    if article.date:
        yield node, schema("datePublished"), _date(article.date)
    elif article.date_text:
        yield node, ak("datePublishedText"), Literal(article.date_text)
    if article.publisher:
        yield node, schema("publisher"), Literal(article.publisher)
    if article.title:
        yield node, schema("headline"), Literal(article.title)


def _event_triples(
    event: Transfer | Strike | Statement, article: NamedNode
) -> Iterable[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    node = event_node(event)
    yield node, ak("reportedIn"), article
    if isinstance(event, Transfer):
        yield node, RDF_TYPE, ak("Transfer")
        yield node, ak("supplier"), NamedNode(actor_iri(event.supplier))
        yield node, ak("recipient"), NamedNode(actor_iri(event.recipient))
        yield node, ak("weapon"), NamedNode(weapon_iri(event.weapon))
        yield node, ak("status"), NamedNode(status_iri(event.status))
        if event.designation:
            yield node, ak("designation"), Literal(event.designation)
        if event.quantity:
            yield node, ak("quantity"), Literal(event.quantity)
    elif isinstance(event, Strike):
        yield node, RDF_TYPE, ak("Strike")
        yield node, ak("attacker"), NamedNode(actor_iri(event.attacker))
        yield node, ak("target"), NamedNode(actor_iri(event.target))
        if event.weapon:
            yield node, ak("weapon"), NamedNode(weapon_iri(event.weapon))
        if event.designation:
            yield node, ak("designation"), Literal(event.designation)
        if event.weapon_origin:
            yield node, ak("weaponOrigin"), NamedNode(actor_iri(event.weapon_origin))
        if event.transfer is not None:
            yield node, ak("usedWeaponsFrom"), event_node(event.transfer)
        for day in event.dates:
            yield node, ak("date"), _date(day)
    else:
        yield node, RDF_TYPE, ak("Statement")
        for speaker in event.speakers:
            yield node, ak("speaker"), NamedNode(actor_iri(speaker))
        yield node, ak("stance"), NamedNode(stance_iri(event.stance))
        if event.about is not None:
            yield node, ak("about"), event_node(event.about)
        for addressee in event.addressee:
            yield node, ak("addressee"), NamedNode(actor_iri(addressee))
        if event.channel:
            yield node, ak("channel"), NamedNode(channel_iri(event.channel))
        if event.quote:
            yield node, ak("quote"), Literal(event.quote)
        if event.date:
            yield node, ak("date"), _date(event.date)


def _evidence_triples(
    node: NamedNode, evidence: Evidence, article: NamedNode
) -> Iterable[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    yield node, RDF_TYPE, ak("Evidence")
    yield node, ak("sentence"), Literal(evidence.sentence)
    yield node, ak("charStart"), Literal(str(evidence.start), datatype=XSD_INTEGER)
    yield node, ak("charEnd"), Literal(str(evidence.end), datatype=XSD_INTEGER)
    yield node, ak("rule"), Literal(evidence.rule)
    yield node, ak("confidence"), Literal(repr(float(evidence.confidence)), datatype=XSD_DOUBLE)
    yield node, PROV_DERIVED, article


def article_quads(article: Article, extraction: Extraction) -> list[Quad]:
    """Every quad one article contributes: its named graph, and the default graph."""
    art = NamedNode(article_iri(article.id))
    described: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = list(_article_triples(article))
    for actor in extraction.actors.values():
        described.extend(_actor_triples(actor))
    for key in dict.fromkeys(m.actor for m in extraction.mentions):
        described.append((art, ak("mentions"), NamedNode(actor_iri(key))))
    evidence: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = []
    events: list[Transfer | Strike | Statement] = [*extraction.transfers, *extraction.strikes, *extraction.statements]
    for n, event in enumerate(events):
        described.extend(_event_triples(event, art))
        ev = NamedNode(evidence_iri(article.id, n))
        evidence.append((event_node(event), ak("evidence"), ev))
        evidence.extend(_evidence_triples(ev, event.evidence, art))
    quads: dict[Quad, None] = {}
    for s, p, o in described:
        quads[Quad(s, p, o, art)] = None
        quads[Quad(s, p, o, DefaultGraph())] = None
    for s, p, o in evidence:
        quads[Quad(s, p, o, art)] = None
    return list(quads)
