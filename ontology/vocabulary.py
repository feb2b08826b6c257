"""Every term armskg writes or reads, as a typed constant: the one place an ``ak:`` IRI is spelled.

The ontology (``armskg.ttl``) defines the terms; this module names them for Python, so the
loaders, the store, the merge and the queries agree and a typo is an ``AttributeError`` at
import, not a silently empty query.

- :class:`Ak`: the classes (capitalised) and properties of the armskg ontology, spelled as in
  the Turtle (``Ak.Transfer``, ``Ak.mergeBlock``), the way ``rdflib.namespace`` does;
- :class:`Schema`: the schema.org terms armskg uses;
- the W3C terms (``RDF_TYPE``, ``RDFS_LABEL``, ``XSD_INTEGER``, ...);
- the IRI scheme's namespaces (``ACTOR_NS``, ``EVENT_NS``, ...) and concept schemes;
- the named graphs (:data:`TALLY_GRAPH`, :data:`COALITIONS_GRAPH`) and the store's own marker
  node (:data:`STORE_NODE`, :data:`ONTOLOGY_NODE`);
- the lists of SKOS concepts: :data:`STANCES`, :data:`STATUSES`, :data:`WEAPON_CATEGORIES`,
  :data:`FINER_WEAPONS`, :data:`WEAPON_CONCEPTS`.

>>> Ak.Transfer.value
'https://w3id.org/armskg/ontology#Transfer'
>>> Ak.mergeBlock == NamedNode(AK + "mergeBlock"), term_text(XSD_INTEGER)
(True, 'http://www.w3.org/2001/XMLSchema#integer')
"""

from __future__ import annotations

from typing import Final

from pyoxigraph import Literal, NamedNode

__all__ = [
    "ACTOR_NS",
    "AK",
    "ARTICLE_NS",
    "BASE",
    "CHANNEL_NS",
    "COALITIONS_GRAPH",
    "COALITION_NS",
    "EVENT_NS",
    "EVIDENCE_NS",
    "FINER_WEAPONS",
    "ONTOLOGY_NODE",
    "OWL_SAME_AS",
    "PROV_DERIVED",
    "RDFS_COMMENT",
    "RDFS_LABEL",
    "RDF_TYPE",
    "SCHEMA",
    "SKOS_PREF_LABEL",
    "STANCES",
    "STANCE_NS",
    "STANCE_SCHEME",
    "STATE_NS",
    "STATUSES",
    "STATUS_NS",
    "STATUS_SCHEME",
    "STORE_NODE",
    "TALLY_GRAPH",
    "TALLY_NS",
    "TRUE",
    "WEAPON_CATEGORIES",
    "WEAPON_CONCEPTS",
    "WEAPON_NS",
    "WEAPON_SCHEME",
    "WIKIDATA_NS",
    "XSD",
    "XSD_BOOLEAN",
    "XSD_DATE",
    "XSD_DOUBLE",
    "XSD_INTEGER",
    "Ak",
    "Schema",
    "term_text",
]

BASE: Final = "https://w3id.org/armskg/"
"""Every IRI armskg mints starts here."""
AK: Final = BASE + "ontology#"
"""The ontology's namespace (prefix ``ak:``)."""
SCHEMA: Final = "https://schema.org/"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
WIKIDATA_NS: Final = "http://www.wikidata.org/entity/"

ACTOR_NS: Final = BASE + "actor/"
STATE_NS: Final = ACTOR_NS + "state/"
ARTICLE_NS: Final = BASE + "article/"
EVENT_NS: Final = BASE + "event/"
EVIDENCE_NS: Final = BASE + "evidence/"
WEAPON_NS: Final = BASE + "weapon/"
STANCE_NS: Final = BASE + "stance/"
STATUS_NS: Final = BASE + "status/"
CHANNEL_NS: Final = BASE + "channel/"
TALLY_NS: Final = BASE + "tally/"
COALITION_NS: Final = BASE + "coalition/"

WEAPON_SCHEME: Final = NamedNode(BASE + "weapon")
STANCE_SCHEME: Final = NamedNode(BASE + "stance")
STATUS_SCHEME: Final = NamedNode(BASE + "status")

RDF_TYPE: Final = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL: Final = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT: Final = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
OWL_SAME_AS: Final = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
PROV_DERIVED: Final = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
SKOS_PREF_LABEL: Final = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
XSD_DATE: Final = NamedNode(XSD + "date")
XSD_INTEGER: Final = NamedNode(XSD + "integer")
XSD_DOUBLE: Final = NamedNode(XSD + "double")
XSD_BOOLEAN: Final = NamedNode(XSD + "boolean")
TRUE: Final = Literal("true", datatype=XSD_BOOLEAN)


class Ak:
    """The classes and properties of the armskg ontology (``ontology/armskg.ttl``)."""

    # classes
    Actor: Final = NamedNode(AK + "Actor")
    ArmedGroup: Final = NamedNode(AK + "ArmedGroup")
    Article: Final = NamedNode(AK + "Article")
    Coalition: Final = NamedNode(AK + "Coalition")
    CosignatureTally: Final = NamedNode(AK + "CosignatureTally")
    Event: Final = NamedNode(AK + "Event")
    Evidence: Final = NamedNode(AK + "Evidence")
    MentionTally: Final = NamedNode(AK + "MentionTally")
    Organization: Final = NamedNode(AK + "Organization")
    Person: Final = NamedNode(AK + "Person")
    StanceTally: Final = NamedNode(AK + "StanceTally")
    State: Final = NamedNode(AK + "State")
    Statement: Final = NamedNode(AK + "Statement")
    Strike: Final = NamedNode(AK + "Strike")
    Transfer: Final = NamedNode(AK + "Transfer")
    # what articles and evidence records say
    contentHash: Final = NamedNode(AK + "contentHash")
    datePublishedText: Final = NamedNode(AK + "datePublishedText")
    mentions: Final = NamedNode(AK + "mentions")
    sentence: Final = NamedNode(AK + "sentence")
    charStart: Final = NamedNode(AK + "charStart")
    charEnd: Final = NamedNode(AK + "charEnd")
    rule: Final = NamedNode(AK + "rule")
    confidence: Final = NamedNode(AK + "confidence")
    mergeBlock: Final = NamedNode(AK + "mergeBlock")
    mergeRecord: Final = NamedNode(AK + "mergeRecord")
    # actors
    iso3: Final = NamedNode(AK + "iso3")
    role: Final = NamedNode(AK + "role")
    affiliation: Final = NamedNode(AK + "affiliation")
    basedIn: Final = NamedNode(AK + "basedIn")
    memberOf: Final = NamedNode(AK + "memberOf")
    # events
    reportedIn: Final = NamedNode(AK + "reportedIn")
    evidence: Final = NamedNode(AK + "evidence")
    sourceCount: Final = NamedNode(AK + "sourceCount")
    supplier: Final = NamedNode(AK + "supplier")
    recipient: Final = NamedNode(AK + "recipient")
    weapon: Final = NamedNode(AK + "weapon")
    status: Final = NamedNode(AK + "status")
    designation: Final = NamedNode(AK + "designation")
    quantity: Final = NamedNode(AK + "quantity")
    attacker: Final = NamedNode(AK + "attacker")
    target: Final = NamedNode(AK + "target")
    weaponOrigin: Final = NamedNode(AK + "weaponOrigin")
    usedWeaponsFrom: Final = NamedNode(AK + "usedWeaponsFrom")
    date: Final = NamedNode(AK + "date")
    speaker: Final = NamedNode(AK + "speaker")
    stance: Final = NamedNode(AK + "stance")
    about: Final = NamedNode(AK + "about")
    addressee: Final = NamedNode(AK + "addressee")
    channel: Final = NamedNode(AK + "channel")
    quote: Final = NamedNode(AK + "quote")
    # tallies and reporting (the tally graph)
    tallyActor: Final = NamedNode(AK + "tallyActor")
    tallySpeaker: Final = NamedNode(AK + "tallySpeaker")
    tallyStance: Final = NamedNode(AK + "tallyStance")
    tallyCount: Final = NamedNode(AK + "tallyCount")
    articleCount: Final = NamedNode(AK + "articleCount")
    firstReported: Final = NamedNode(AK + "firstReported")
    lastReported: Final = NamedNode(AK + "lastReported")
    # store bookkeeping (on STORE_NODE)
    pendingMerge: Final = NamedNode(AK + "pendingMerge")
    loadingArticle: Final = NamedNode(AK + "loadingArticle")
    talliesKept: Final = NamedNode(AK + "talliesKept")
    talliesPending: Final = NamedNode(AK + "talliesPending")
    reportingKept: Final = NamedNode(AK + "reportingKept")
    pushVersion: Final = NamedNode(AK + "pushVersion")


class Schema:
    """The schema.org terms armskg writes on articles and coalitions."""

    identifier: Final = NamedNode(SCHEMA + "identifier")
    url: Final = NamedNode(SCHEMA + "url")
    datePublished: Final = NamedNode(SCHEMA + "datePublished")
    publisher: Final = NamedNode(SCHEMA + "publisher")
    headline: Final = NamedNode(SCHEMA + "headline")
    position: Final = NamedNode(SCHEMA + "position")


TALLY_GRAPH: Final = NamedNode(BASE + "graph/tallies")
"""The named graph of the tallies and of each event's reporting: what armskg counts as it
writes, apart from what articles report."""
COALITIONS_GRAPH: Final = NamedNode(BASE + "graph/coalitions")
"""The named graph of the coalitions found in the statement network."""
STORE_NODE: Final = NamedNode(BASE + "store")
"""The subject of the store's own bookkeeping (pending merges, articles being loaded, tallies kept)."""
ONTOLOGY_NODE: Final = NamedNode(BASE + "ontology")
"""The ontology's IRI: a store holding it has the ontology loaded."""


WEAPON_CATEGORIES: tuple[str, ...] = (
    "ballistic missile",
    "cruise missile",
    "drone",
    "artillery ammunition",
    "air defence system",
    "armoured vehicle",
    "aircraft",
    "rocket artillery",
    "small arms",
    "other",
)
"""The weapon categories of the eval contract (``ak:weapon``), as their SKOS labels."""

FINER_WEAPONS: dict[str, str] = {
    "tube artillery": "other",
    "aircraft bomb": "other",
    "anti-tank missile": "other",
}
"""Finer weapon concepts an event may carry instead, each with its broader category (``skos:broader``)."""

WEAPON_CONCEPTS: tuple[str, ...] = (*WEAPON_CATEGORIES, *FINER_WEAPONS)
"""Every weapon concept an event may carry."""

STANCES: tuple[str, ...] = (
    "condemn",
    "concern",
    "deny",
    "admit",
    "allege",
    "warn",
    "support",
    "call_on",
    "commit",
)
"""The stances a statement may take (``ak:stance``), as their SKOS labels."""

STATUSES: tuple[str, ...] = ("asserted", "alleged", "denied", "admitted", "planned")
"""How an article frames a transfer (``ak:status``)."""


def term_text(term: object) -> str:
    """The text of an IRI or literal (its value); any other term as N-Triples.

    >>> term_text(NamedNode(BASE + "x")), term_text(Literal("2")), term_text(None)
    ('https://w3id.org/armskg/x', '2', 'None')
    """
    return term.value if isinstance(term, NamedNode | Literal) else str(term)
