"""Running a named query on a store: parameters bound (actors given by name resolved), answers collected.

It sits above :mod:`.library` (the queries and their parameters), :mod:`.labels` and :mod:`.names`
(which read the store to resolve a name), so none of them imports another in a circle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Store,
    Triple,
    Variable,
)

from .labels import store_select
from .library import PREFIX_MAP, NamedQuery, QueryError, QueryResult, Term, bind_parameters
from .names import resolve_names

__all__ = ["run_query"]


def run_query(store: Store, query: NamedQuery, values: Mapping[str, str] | None = None) -> QueryResult:
    """Run ``query`` on ``store`` with ``values`` bound to its parameters.

    The store's default graph (the merged facts) is the query's default graph; article
    graphs are reached with ``GRAPH``.  Syntax errors and parameters missing from the
    projection come back as :class:`QueryError`.  An actor may be given by name
    (:mod:`armskg.queries.names`): "North Korea", or a label the store holds.
    """
    terms = bind_parameters(query, resolve_names(query, values or {}, store_select(store)))
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
        Variable(name): term for name, term in terms.items()
    }
    try:
        answer = store.query(query.text, prefixes=PREFIX_MAP, substitutions=substitutions)
        if isinstance(answer, QueryBoolean):
            return QueryResult([], [], bool(answer))
        if isinstance(answer, QueryTriples):
            raise QueryError(f"{query.source}: only SELECT and ASK queries are run")
        return _collect(answer)
    except SyntaxError as error:
        first = str(error).splitlines()[0] if str(error) else "syntax error"
        raise QueryError(f"{query.source}: {first}") from None
    except RuntimeError as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        missing = re.search(r"variable \?(\w+) in its SELECT projection", message)
        if missing:
            message = f"parameter ?{missing.group(1)} must appear in the SELECT clause to be bound"
        raise QueryError(f"{query.source}: {message}") from None


def _collect(solutions: QuerySolutions) -> QueryResult:
    names = [variable.value for variable in solutions.variables]
    rows: list[tuple[Term | None, ...]] = [
        tuple(cast("Term | None", solution[i]) for i in range(len(names))) for solution in solutions
    ]
    return QueryResult(names, rows)
