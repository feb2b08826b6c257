"""The named query library: SPARQL questions kept as ``.rq`` files, run with bound parameters.

Each query is one file in this package; adding a query means adding a file.  A file starts
with ``#`` header lines that name and document it::

    # name: transfers
    # description: Arms transfers: who supplied which weapon category to whom.
    # param: supplier actor default= - only transfers from this supplier (ISO3 code or actor IRI)
    # example: armskg query transfers --param supplier=PRK

``# param: <name> <type> [default=<value>] - <description>`` declares a parameter; the query
body uses ``?<name>`` for it.  Types: ``iri``, ``actor`` (ISO3 code such as ``PRK``, an actor
key such as ``person:jakesullivan``, an actor IRI, or a name: see :mod:`armskg.queries.names`),
``string``, ``date`` (``YYYY-MM-DD``), ``integer``, ``weapon`` (a weapon category label) and
``stance`` (a stance label).  Without ``default=`` the parameter is required; ``default=`` with
nothing after it makes it optional, and an optional parameter left out stays a free variable,
so it matches anything.

Values are never pasted into the query text: each one is checked, turned into an RDF term
and handed to Oxigraph as a substitution (SEP-0007), so a value can only ever match data.
Oxigraph substitutes only variables the query projects, so every parameter must appear in
the ``SELECT`` clause (or the query must use ``SELECT *``).

The prefixes of :data:`armskg.ontology.PREFIXES` are predeclared; a query may redeclare them.
Only ``SELECT`` and ``ASK`` queries are accepted: an update is refused before it reaches a store.

This module is the library's front: it gathers what the modules below it define, one job each,
so that ``from armskg.queries.library import load_query`` is all a caller needs.

- :mod:`.base`: :class:`NamedQuery`, :class:`Param`, :class:`QueryError`, the parameter types;
- :mod:`.loading`: the ``.rq`` files and their headers (:func:`list_queries`, :func:`load_query`);
- :mod:`.binding`: parameter values checked and turned into RDF terms (:func:`bind_parameters`);
- :mod:`.result`: the answer, :class:`QueryResult`, as a table, CSV, JSON or a DataFrame.

>>> from pyoxigraph import Store
>>> from armskg.queries.run import run_query
>>> result = run_query(Store(), load_query("transfers"), {"supplier": "PRK"})
>>> result.variables[:3], result.rows
(['supplierLabel', 'recipientLabel', 'weaponLabel'], [])
"""

from __future__ import annotations

from .base import PARAM_TYPES, PREFIX_MAP, NamedQuery, Param, QueryError, Term
from .binding import bind_parameters
from .loading import list_queries, load_query, query_form
from .result import QueryResult

__all__ = [
    "PARAM_TYPES",
    "PREFIX_MAP",
    "NamedQuery",
    "Param",
    "QueryError",
    "QueryResult",
    "Term",
    "bind_parameters",
    "list_queries",
    "load_query",
    "query_form",
]
