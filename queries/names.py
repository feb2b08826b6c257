"""Actors by name wherever a query asks for one: ``--param supplier="North Korea"``.

An ``actor`` parameter (:mod:`armskg.queries.library`) takes an ISO3 code, an actor key or an
actor IRI.  :func:`resolve_names` turns the other values into actor IRIs before they are
bound, from two sources:

- the lexicon (``loaders/lexicons/states.tsv``, through :func:`armskg.loaders.lexicon.load_lexicon`):
  a state's name, official names and other names, capitals and seats of government,
  demonyms ("North Korea", "DPRK", "Pyongyang", "North Korean" are ``PRK``); organizations
  and people the lexicon knows by a label or another spelling ("North Atlantic Treaty
  Organization" is ``org:nato``);
- the store: people, organizations and states whose label is the name, in any case.

Names compare without case, a leading "the", dots and extra spaces.  A name that fits several
actors is refused with the candidates listed (one line); an unknown one with the nearest
names.  ``iri`` parameters also take an event's short form, as the terminal tables print it
(``transfer/479e28984e``, see :mod:`armskg.queries.labels`), found in the store.

>>> from armskg.queries.library import load_query
>>> resolve_names(load_query("transfers"), {"supplier": "Pyongyang"}, None)
{'supplier': 'https://w3id.org/armskg/actor/state/PRK'}
>>> resolve_names(load_query("transfers"), {"supplier": "dprk", "weapon": "drone"}, None)["supplier"][-3:]
'PRK'
>>> resolve_names(load_query("transfers"), {"supplier": "USA"}, None)
{'supplier': 'USA'}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode
from rapidfuzz import process

from armskg.loaders.facts import org_key, person_key
from armskg.loaders.lexicon import load_lexicon
from armskg.ontology import actor_iri
from armskg.ontology.vocabulary import ACTOR_NS, ARTICLE_NS

from .labels import Select, expand_event, short_form
from .library import NamedQuery, QueryError

__all__ = ["article_id", "name_key", "resolve_actor", "resolve_event", "resolve_names"]

_ACTOR_KINDS: Final = ("state", "person", "org")
_ISO3: Final = re.compile(r"[A-Za-z]{3}")
_DIGEST_DIGITS: Final = 20
"""Digits of a whole event digest (:func:`armskg.graph.merge` names events so)."""
_SHOWN: Final = 6
"""Candidates or suggestions named in one error line."""


def name_key(text: str) -> str:
    """How names compare: case, a leading "the", dots, apostrophes' forms and spacing do not count.

    >>> name_key("  The  U.S. "), name_key("Democratic People’s Republic of Korea")
    ('us', "democratic people's republic of korea")
    """
    text = text.replace("’", "'").replace(".", "").casefold()
    return re.sub(r"^the\s+", "", " ".join(text.split()))


@dataclass(frozen=True, slots=True)
class _Entry:
    iri: str
    name: str


@functools.lru_cache(maxsize=1)
def _lexicon_names() -> dict[str, frozenset[_Entry]]:
    """Every name the lexicon gives an actor, by :func:`name_key`."""
    lex = load_lexicon()
    found: dict[str, set[_Entry]] = {}

    def add(name: str, key: str, label: str) -> None:
        if name_key(name):
            found.setdefault(name_key(name), set()).add(_Entry(actor_iri(key), label))

    for state in lex.states.values():
        for name in (state.name, *state.names, *state.metonyms, *state.demonyms):
            add(name, f"state:{state.iso3}", state.name)
    for org in lex.orgs:
        for name in (org.label, *org.aliases):
            add(name, org_key(org.label), org.label)
    for person in lex.people:
        for name in (person.name, *person.aliases):
            add(name, person_key(person.name), person.name)
    return {key: frozenset(entries) for key, entries in found.items()}


def _store_names(select: Select, key: str) -> set[_Entry]:
    """Actors of the store whose label is ``key`` under :func:`name_key`."""
    rows = select(
        "SELECT DISTINCT ?actor ?label WHERE { VALUES ?class { ak:State ak:Person ak:Organization ak:ArmedGroup } "
        "?actor a ?class ; rdfs:label ?label . "
        f"FILTER(CONTAINS(LCASE(STR(?label)), {_sparql_string(key.split(' ')[-1])})) }}"
    )
    return {
        _Entry(actor.value, label.value)
        for actor, label in rows
        if isinstance(actor, NamedNode) and isinstance(label, Literal) and name_key(label.value) == key
    }


def _store_labels(select: Select) -> list[str]:
    rows = select(
        "SELECT DISTINCT ?label WHERE { VALUES ?class { ak:Person ak:Organization ak:ArmedGroup } "
        "?actor a ?class ; rdfs:label ?label }"
    )
    return [label.value for (label,) in rows if isinstance(label, Literal)]


def _sparql_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_actor_syntax(text: str) -> bool:
    """An actor IRI or key, as the library reads it without a store."""
    kind, colon, name = text.partition(":")
    return text.startswith(ACTOR_NS) or (bool(colon) and kind.lower() in _ACTOR_KINDS and bool(name))


def resolve_actor(text: str, select: Select | None) -> str:
    """The actor IRI ``text`` names (see the module docstring); ``text`` itself when it is an
    ISO3 code, actor key or IRI already.  :class:`QueryError` when it names none, or several."""
    value = text.strip()
    states = load_lexicon().states
    if (_ISO3.fullmatch(value) and value.upper() in states) or _is_actor_syntax(value):
        return text
    key = name_key(value)
    found = set(_lexicon_names().get(key, ()))
    if select is not None and key:
        found |= _store_names(select, key)
    iris = {entry.iri for entry in found}
    if len(iris) == 1:
        return iris.pop()
    if len(iris) > 1:
        shown = sorted({f"{entry.name} ({short_form(entry.iri)})" for entry in found})
        raise QueryError(
            f"{text!r} names {len(iris)} actors: {', '.join(shown[:_SHOWN])}"
            + (f" and {len(shown) - _SHOWN} more" if len(shown) > _SHOWN else "")
            + "; give the code or key in brackets"
        )
    if _ISO3.fullmatch(value):
        return text  # a code the lexicon does not list: the library makes it a state IRI
    raise QueryError(f"no actor named {text!r}{_suggestions(key, select)}")


def _suggestions(key: str, select: Select | None) -> str:
    names = {entry.name: entry.iri for entries in _lexicon_names().values() for entry in entries}
    choices = [*names, *(_store_labels(select) if select is not None else [])]
    near = process.extract(key, choices, processor=name_key, limit=3, score_cutoff=75)
    hint = "give a country name, capital or demonym, a person's or organization's name, an ISO3 code or a key"
    if not near:
        return f" ({hint})"
    listed = ", ".join(dict.fromkeys(str(match[0]) for match in near))
    return f" (did you mean: {listed}?)"


def resolve_names(query: NamedQuery, values: Mapping[str, str], select: Select | None) -> dict[str, str]:
    """``values`` with each ``actor`` parameter's name turned into the actor's IRI and each
    ``iri`` parameter's event short form into the event's IRI; other values as given.
    ``select`` reads the store's labels (None: the lexicon only)."""
    out = dict(values)
    for name, value in values.items():
        kind = next((p.type for p in query.params if p.name == name), None)
        if not value.strip():
            continue
        if kind == "actor":
            out[name] = resolve_actor(value, select)
        elif kind == "iri":
            out[name] = resolve_event(value, select)
    return out


def resolve_event(text: str, select: Select | None) -> str:
    """The event IRI of a short form (``transfer/479e28984e``: the kind and the first digits of
    the digest, as tables print it); any other value as given.  The digits must start the
    digest of exactly one event of the store."""
    short = expand_event(text)
    if short is None:
        return text
    kind, start = short
    if len(start) - start.rindex("/") - 1 >= _DIGEST_DIGITS or select is None:
        return start
    rows = select(
        f"SELECT DISTINCT ?event WHERE {{ ?event a ak:{kind.capitalize()} "
        f"FILTER(STRSTARTS(STR(?event), {_sparql_string(start)})) }} LIMIT {_SHOWN + 1}"
    )
    found = sorted(row[0].value for row in rows if isinstance(row[0], NamedNode))
    if len(found) == 1:
        return found[0]
    if not found:
        raise QueryError(f"no {kind} {text.strip()!r} in the store (give the id a table printed, or the IRI)")
    listed = ", ".join(iri.rsplit("/", 2)[-2] + "/" + iri.rsplit("/", 1)[-1] for iri in found[:_SHOWN])
    raise QueryError(f"{text.strip()!r} starts several {kind} ids ({listed}); give more digits or the IRI")


def article_id(text: str) -> str:
    """The article identifier in ``text``: the identifier itself, or the article's IRI as
    ``query evidence`` and ``articles`` print it.

    >>> article_id("https://w3id.org/armskg/article/05_houthi_red_sea"), article_id("n1")
    ('05_houthi_red_sea', 'n1')
    >>> article_id("<https://w3id.org/armskg/article/a%2Fb>")
    'a/b'
    """
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    return unquote(value[len(ARTICLE_NS) :]) if value.startswith(ARTICLE_NS) else text
