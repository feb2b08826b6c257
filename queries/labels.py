"""Readable names for the IRIs a query answers with, for a person reading a terminal table.

A query's rows hold IRIs (``https://w3id.org/armskg/actor/state/PRK``) next to their labels;
scripts want the IRIs, a person the names.  :func:`short_form` gives, without a store, the
shortest form armskg also accepts back as input: an ISO3 code or actor key for an actor
(``PRK``, ``person:jakesullivan``), ``transfer/`` and the first ten digits of its digest for an
event (``query evidence --param event=transfer/479e28984e`` takes it, as ``git`` takes a short
commit id), the identifier for an article (what ``armskg
remove`` takes).  :func:`fetch_labels` reads the names a store or endpoint holds
(``rdfs:label``, ``schema:name``, ``skos:prefLabel``) for the IRIs that have one.

>>> short_form("https://w3id.org/armskg/actor/state/PRK"), short_form("https://w3id.org/armskg/actor/org/nato")
('PRK', 'org:nato')
>>> short_form("https://w3id.org/armskg/event/transfer/479e28984ea25a280be8")
'transfer/479e28984e'
>>> short_form("https://w3id.org/armskg/article/05_houthi_red_sea")
'05_houthi_red_sea'
>>> short_form("https://w3id.org/armskg/ontology#Transfer"), short_form("https://example.org/x")
('ak:Transfer', 'https://example.org/x')
>>> expand_event("statement/0a1b2c"), expand_event("PRK")
(('statement', 'https://w3id.org/armskg/event/statement/0a1b2c'), None)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Final, TypeAlias
from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode, QuerySolutions, Store

from armskg.ontology import PREFIXES
from armskg.ontology.vocabulary import ACTOR_NS, ARTICLE_NS, EVENT_NS, EVIDENCE_NS

from .library import Term

__all__ = [
    "EVENT_DIGITS",
    "LABEL_PROPERTIES",
    "Select",
    "expand_event",
    "fetch_labels",
    "is_labelled",
    "short_form",
    "store_select",
]

Select: TypeAlias = Callable[[str], Sequence[tuple[Term | None, ...]]]
"""Runs a SELECT query (the armskg prefixes declared) and returns its rows of terms: over a
store (:func:`store_select`) or an endpoint (``lambda q: endpoint.run_sparql(q).terms``)."""

LABEL_PROPERTIES: Final = ("rdfs:label", "schema:name", "skos:prefLabel")
"""Where a name is read from, first found first."""

_PREFIXES: Final[dict[str, str]] = dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", PREFIXES))
_EVENT_SHORT = re.compile(r"(transfer|strike|statement)/([0-9a-f]{6,64})")
EVENT_DIGITS: Final = 10
"""Digits of an event's digest a short form keeps: unique among a million events but for chance."""
_CHUNK = 400


def short_form(iri: str) -> str:
    """The shortest readable form of an armskg IRI that armskg takes back as input; other IRIs
    under a declared prefix as ``prefix:local``; anything else unchanged."""
    if iri.startswith(ACTOR_NS):
        kind, _, name = iri[len(ACTOR_NS) :].partition("/")
        return unquote(name) if kind == "state" else f"{kind}:{unquote(name)}"
    if iri.startswith(EVENT_NS):
        kind, _, digest = iri[len(EVENT_NS) :].partition("/")
        return f"{kind}/{digest[:EVENT_DIGITS]}"
    if iri.startswith(ARTICLE_NS):
        return unquote(iri[len(ARTICLE_NS) :])
    if iri.startswith(EVIDENCE_NS):
        return "evidence/" + unquote(iri[len(EVIDENCE_NS) :])
    for prefix, namespace in _PREFIXES.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and re.fullmatch(r"[\w.-]+", local):
            return f"{prefix}:{local}"
    return iri


def expand_event(text: str) -> tuple[str, str] | None:
    """The kind and the IRI (or the start of the IRI) of an event's short form ``transfer/<digits>``
    (as :func:`short_form` writes it), else None."""
    match = _EVENT_SHORT.fullmatch(text.strip())
    return (match.group(1), EVENT_NS + match.group()) if match else None


def is_labelled(iri: str) -> bool:
    """Whether a name is looked up for ``iri``: not for events, articles and evidence, whose
    short forms are their names (an event's label would be a sentence, not a name)."""
    return not iri.startswith((EVENT_NS, ARTICLE_NS, EVIDENCE_NS))


def store_select(store: Store) -> Select:
    """A :data:`Select` over a pyoxigraph store (its default graph: the merged facts)."""

    def select(sparql: str) -> list[tuple[Term | None, ...]]:
        answer = store.query(sparql, prefixes=_PREFIXES)
        assert isinstance(answer, QuerySolutions)
        width = len(answer.variables)
        return [tuple(solution[i] for i in range(width)) for solution in answer]

    return select


def fetch_labels(select: Select, iris: Iterable[str]) -> dict[str, str]:
    """The name of each IRI of ``iris`` that has one (see :data:`LABEL_PROPERTIES`), a few hundred
    IRIs to a query.

    >>> from pyoxigraph import Quad
    >>> store = Store()
    >>> prk = NamedNode("https://w3id.org/armskg/actor/state/PRK")
    >>> store.add(Quad(prk, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("North Korea")))
    >>> fetch_labels(store_select(store), [prk.value, "https://w3id.org/armskg/actor/state/RUS"])
    {'https://w3id.org/armskg/actor/state/PRK': 'North Korea'}
    """
    wanted = sorted({iri for iri in iris if is_labelled(iri)})
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + _CHUNK] if ">" not in iri)
        parts = " UNION ".join(
            f"{{ ?s {prop} ?name BIND({rank} AS ?rank) }}" for rank, prop in enumerate(LABEL_PROPERTIES)
        )
        for row in select(f"SELECT ?s ?name ?rank WHERE {{ VALUES ?s {{ {values} }} {parts} }}"):
            subject, name, rank = row
            if not isinstance(subject, NamedNode) or not isinstance(name, Literal) or not isinstance(rank, Literal):
                continue
            key = (int(rank.value), name.value)
            if subject.value not in found or key < found[subject.value]:
                found[subject.value] = key
    return {iri: name for iri, (_, name) in found.items()}
