"""Parameter values as RDF terms: each value checked against its declared type, never pasted.

A value becomes the term its ``# param:`` type calls for (an actor IRI, a weapon or stance
concept, a typed literal); the term is then handed to Oxigraph as a substitution or written in
a ``VALUES`` block by pyoxigraph, so a value can only ever match data.  Actor names ("North
Korea") are resolved to IRIs before this step, by :mod:`armskg.queries.names`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode

from armskg.ontology import actor_iri, stance_iri, weapon_iri
from armskg.ontology.vocabulary import ACTOR_NS, STANCE_NS, STANCES, WEAPON_CONCEPTS, WEAPON_NS, XSD_DATE

from .base import PREFIX_MAP, NamedQuery, Param, QueryError

__all__ = ["bind_parameters"]

_ACTOR_KINDS = ("state", "person", "org")
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO3 = re.compile(r"[A-Za-z]{3}")


def bind_parameters(query: NamedQuery, values: Mapping[str, str]) -> dict[str, NamedNode | Literal]:
    """Check ``values`` against the query's parameters and turn each into an RDF term.

    Defaults fill what is not given; an optional parameter without a value is left out, so
    its variable stays free.  Unknown names, missing required values and malformed values
    raise :class:`QueryError`.

    >>> from armskg.queries.loading import load_query
    >>> bind_parameters(load_query("transfers"), {"supplier": "prk"})
    {'supplier': <NamedNode value=https://w3id.org/armskg/actor/state/PRK>}
    """
    for name in values:
        query.param(name)
    terms: dict[str, NamedNode | Literal] = {}
    for param in query.params:
        value = values.get(param.name)
        if value is None or value == "":
            value = param.default
        if value is None:
            hint = f": {param.description}" if param.description else ""
            raise QueryError(f"query {query.name!r} needs parameter {param.name!r} ({param.type}){hint}")
        if value == "":
            continue
        terms[param.name] = _to_term(param, value)
    return terms


def _to_term(param: Param, value: str) -> NamedNode | Literal:
    """Convert one value to the RDF term its parameter type calls for."""
    if param.type == "string":
        return Literal(value)
    text = value.strip()
    if param.type == "iri":
        return _iri(param, _expand_prefixed(text))
    if param.type == "actor":
        return _actor(param, text)
    if param.type == "weapon":
        label = " ".join(text.lower().split())
        known = {weapon_iri(category): category for category in WEAPON_CONCEPTS}
        return _concept(param, text, WEAPON_NS, weapon_iri(label), known)
    if param.type == "stance":
        label = re.sub(r"[\s-]+", "_", text.lower())
        return _concept(param, text, STANCE_NS, stance_iri(label), {stance_iri(s): s for s in STANCES})
    if param.type == "integer":
        if not _INTEGER.fullmatch(text):
            raise _bad(param, value, "an integer")
        return Literal(int(text))
    if param.type == "date":
        try:
            if not _DATE.fullmatch(text):
                raise ValueError(text)
            dt.date.fromisoformat(text)
        except ValueError:
            raise _bad(param, value, "a date (YYYY-MM-DD)") from None
        return Literal(text, datatype=XSD_DATE)
    raise QueryError(f"parameter {param.name!r} has unknown type {param.type!r}")  # pragma: no cover


def _bad(param: Param, value: str, wanted: str, reason: str = "") -> QueryError:
    because = f" ({reason})" if reason else ""
    return QueryError(f"parameter {param.name!r} ({param.type}): {value!r} is not {wanted}{because}")


def _expand_prefixed(text: str) -> str:
    """``ak:Transfer`` → the full IRI, for the prefixes armskg declares (none is a URI scheme)."""
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIX_MAP and not local.startswith("//"):
        return PREFIX_MAP[prefix] + local
    return text


def _iri(param: Param, text: str) -> NamedNode:
    bad = _BAD_IRI_CHARS.search(text)
    if bad:
        raise _bad(param, text, "a valid IRI", f"it contains {bad.group()!r}")
    try:
        return NamedNode(text)
    except ValueError as error:
        raise _bad(param, text, "a valid IRI", str(error).splitlines()[0]) from None


def _actor(param: Param, text: str) -> NamedNode:
    if _ISO3.fullmatch(text):
        return NamedNode(actor_iri("state:" + text.upper()))
    kind, colon, name = text.partition(":")
    if colon and kind.lower() in _ACTOR_KINDS and name and not name.startswith("//"):
        name = name.upper() if kind.lower() == "state" else name
        return NamedNode(actor_iri(f"{kind.lower()}:{name}"))
    if text.startswith(ACTOR_NS):
        return _iri(param, text)
    raise _bad(param, text, "an actor", "give an ISO3 code such as PRK, a key such as org:nato, or an actor IRI")


def _concept(param: Param, text: str, namespace: str, from_label: str, known: dict[str, str]) -> NamedNode:
    """A concept of a closed scheme, from its IRI or (``from_label``) its label; others are refused."""
    iri = text if text.startswith(namespace) else from_label
    if iri not in known:
        labels = ", ".join(known.values())
        raise _bad(param, text, f"a known {param.type}", f"one of: {labels}")
    return NamedNode(iri)
