"""The armskg vocabulary: namespaces, the IRI scheme, and the bundled Turtle files.

Every IRI armskg mints is built here, so the loaders, the store and the queries agree.

>>> actor_iri("state:PRK")
'https://w3id.org/armskg/actor/state/PRK'
>>> article_iri("000 seed/x")
'https://w3id.org/armskg/article/000%20seed%2Fx'
>>> weapon_iri("ballistic missile"), stance_iri("call_on")
('https://w3id.org/armskg/weapon/ballistic-missile', 'https://w3id.org/armskg/stance/call_on')
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from .vocabulary import (
    ACTOR_NS,
    AK,
    ARTICLE_NS,
    BASE,
    CHANNEL_NS,
    EVENT_NS,
    EVIDENCE_NS,
    SCHEMA,
    STANCE_NS,
    STATUS_NS,
    WEAPON_NS,
)

__all__ = [
    "AK",
    "BASE",
    "ONTOLOGY_FILE",
    "PREFIXES",
    "SCHEMA",
    "SHAPES_FILE",
    "actor_iri",
    "article_iri",
    "channel_iri",
    "event_iri",
    "evidence_iri",
    "ontology_path",
    "shapes_path",
    "stance_iri",
    "status_iri",
    "weapon_iri",
]

ONTOLOGY_FILE = "armskg.ttl"
SHAPES_FILE = "shapes.ttl"

PREFIXES = f"""PREFIX ak: <{AK}>
PREFIX schema: <{SCHEMA}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX wd: <http://www.wikidata.org/entity/>
"""
"""SPARQL prefixes every named query may rely on."""


def _slug(label: str) -> str:
    return label.strip().lower().replace(" ", "-")


def article_iri(article_id: str) -> str:
    """The article's IRI; it also names the graph that holds the article's evidence."""
    return f"{ARTICLE_NS}{quote(article_id, safe='')}"


@functools.lru_cache(maxsize=65_536)
def actor_iri(key: str) -> str:
    """An actor's IRI from its key (``state:PRK``, ``person:jakesullivan``, ``org:nato``)."""
    kind, _, name = key.partition(":")
    return f"{ACTOR_NS}{kind}/{quote(name, safe='')}"


def event_iri(kind: str, digest: str) -> str:
    """An event's IRI: ``kind`` is transfer, strike or statement; ``digest`` its merge key's hash."""
    return f"{EVENT_NS}{kind}/{digest}"


def evidence_iri(article_id: str, n: int) -> str:
    """The IRI of the ``n``-th evidence record of an article."""
    return f"{EVIDENCE_NS}{quote(article_id, safe='')}/{n}"


def weapon_iri(category: str) -> str:
    """The SKOS concept of a weapon category (``ak:weapon``)."""
    return f"{WEAPON_NS}{_slug(category)}"


def stance_iri(stance: str) -> str:
    """The SKOS concept of a stance (``ak:stance``)."""
    return f"{STANCE_NS}{stance}"


def status_iri(status: str) -> str:
    """The SKOS concept of a transfer status (``ak:status``)."""
    return f"{STATUS_NS}{status}"


def channel_iri(channel: str) -> str:
    """The SKOS concept of a reporting channel (joint statement, phone call, ...)."""
    return f"{CHANNEL_NS}{_slug(channel)}"


def _resource(name: str) -> Path:
    return Path(str(resources.files(__package__).joinpath(name)))


def ontology_path() -> Path:
    """Path of the OWL ontology and SKOS schemes in Turtle."""
    return _resource(ONTOLOGY_FILE)


def shapes_path() -> Path:
    """Path of the SHACL shapes in Turtle."""
    return _resource(SHAPES_FILE)
