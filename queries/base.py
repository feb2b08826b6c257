"""What every part of the query library shares: a named query, its parameters, the error it raises.

:mod:`.loading` reads queries from ``.rq`` files into :class:`NamedQuery`, :mod:`.binding` turns
parameter values into RDF terms, :mod:`.result` holds an answer; all of them build on this module,
which imports none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, TypeAlias

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from armskg.ontology import PREFIXES

__all__ = ["PARAM_TYPES", "PREFIX_MAP", "NamedQuery", "Param", "QueryError", "Term"]

Term: TypeAlias = NamedNode | BlankNode | Literal | Triple
"""An RDF term as pyoxigraph returns it in a query solution."""

PARAM_TYPES: Final = ("iri", "actor", "string", "date", "integer", "weapon", "stance")
"""The parameter types a ``# param:`` header may name."""

PREFIX_MAP: Final[dict[str, str]] = dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", PREFIXES))
"""The armskg prefixes (:data:`armskg.ontology.PREFIXES`) by name."""


class QueryError(ValueError):
    """A query or a parameter value armskg will not run; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter: ``default`` is None when required, ``""`` when optional and unbound."""

    name: str
    type: str
    default: str | None = None
    description: str = ""

    @property
    def required(self) -> bool:
        """True when the caller must give a value."""
        return self.default is None


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A SPARQL query with its header: ``text`` is the whole file, ``source`` where it came from."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    source: str
    examples: tuple[str, ...] = ()
    form: str = "SELECT"

    def param(self, name: str) -> Param:
        """The parameter called ``name``; :class:`QueryError` if the query has none."""
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (parameters: {known})")

    @property
    def sparql(self) -> str:
        """The query text with the armskg prefixes declared, as a SPARQL endpoint needs it."""
        return PREFIXES + self.text
