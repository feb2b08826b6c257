"""Plain typed values that extraction returns: actors, events and their evidence.

Extraction is a pure function from an :class:`~armskg.loaders.article.Article` to an
:class:`Extraction`; nothing here knows about RDF or a store.  ``armskg.graph.triples``
turns these values into quads, so extraction stays testable without a store.

Actors are named by a *key* that is stable across articles, so the same state,
person or organization found in two articles becomes one node in the graph:

>>> state_key("prk")
'state:PRK'
>>> person_key("Chang Ho-jin") == person_key("Chang Hojin")
True
>>> org_key("The European Union")
'org:european-union'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from anyascii import anyascii

from armskg.ontology.vocabulary import FINER_WEAPONS, STANCES, STATUSES, WEAPON_CATEGORIES, WEAPON_CONCEPTS

__all__ = [
    "FINER_WEAPONS",
    "STANCES",
    "STATUSES",
    "WEAPON_CATEGORIES",
    "WEAPON_CONCEPTS",
    "Actor",
    "ActorKind",
    "Evidence",
    "Extraction",
    "Mention",
    "Statement",
    "Strike",
    "Transfer",
    "org_key",
    "person_key",
    "state_key",
]

ActorKind = Literal["state", "person", "organization", "armed_group"]


def state_key(iso3: str) -> str:
    """The actor key of a state, from its ISO 3166-1 alpha-3 code (Kosovo: ``XKX``)."""
    return "state:" + iso3.upper()


@functools.lru_cache(maxsize=65536)
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


@functools.lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """The actor key of a person: letters only, so spellings that differ in case,
    spaces, hyphens or accents meet (``Sébastien`` = ``Sebastien``)."""
    return "person:" + re.sub(r"[^a-z]", "", anyascii(name).lower())


@functools.lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    """The actor key of an organization or armed group, from its canonical name (keys are
    cached: the same names come back in every article)."""
    return "org:" + _slug(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: the sentence, its character span in the article
    text (``text[start:end] == sentence``), the rule that fired and how sure it is."""

    sentence: str
    start: int
    end: int
    rule: str
    confidence: float = 0.8


@dataclass(slots=True)
class Actor:
    """A state, person, organization or non-state armed group.

    ``affiliation`` and ``based_in`` hold actor keys (a person's state or body; the
    state an armed group operates from).  ``iso3`` and ``wikidata`` are set for
    states and for organizations the lexicon knows.
    """

    key: str
    kind: ActorKind
    label: str
    iso3: str | None = None
    wikidata: str | None = None
    role: str | None = None
    affiliation: str | None = None
    based_in: str | None = None
    aliases: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the article body where an actor is named."""

    actor: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Transfer:
    """Who supplied which weapons to whom, as one article reports it."""

    supplier: str
    recipient: str
    weapon: str
    evidence: Evidence
    status: str = "asserted"
    designation: str | None = None
    quantity: str | None = None


@dataclass(slots=True)
class Strike:
    """Who struck whom, with what, on which days; ``transfer`` links the supply
    the weapons came from when the text connects them."""

    attacker: str
    target: str
    evidence: Evidence
    weapon: str | None = None
    designation: str | None = None
    weapon_origin: str | None = None
    dates: tuple[dt.date, ...] = ()
    transfer: Transfer | None = None


@dataclass(slots=True)
class Statement:
    """Who said what stance about what, when and through which channel."""

    speakers: tuple[str, ...]
    stance: str
    evidence: Evidence
    about: Transfer | Strike | None = None
    addressee: tuple[str, ...] = ()
    channel: str | None = None
    quote: str | None = None
    date: dt.date | None = None


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    strikes: list[Strike] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def add_actor(self, actor: Actor) -> Actor:
        """Register ``actor`` once; a later, richer record fills missing fields."""
        known = self.actors.get(actor.key)
        if known is None:
            self.actors[actor.key] = actor
            return actor
        for name in ("iso3", "wikidata", "role", "affiliation", "based_in"):
            if getattr(known, name) is None and getattr(actor, name) is not None:
                setattr(known, name, getattr(actor, name))
        known.aliases |= actor.aliases
        return known
