"""A named query answered for a reader: on the store or an endpoint, with what the answer may lack.

What ``armskg query NAME`` does, callable from a notebook: :func:`answer_query` runs a query on
the embedded store (:func:`armskg.queries.run.run_query`) or on a SPARQL endpoint
(:class:`armskg.queries.client.SparqlEndpoint`) and returns an :class:`Answer`: the rows, a way
to find the names of the IRIs in them (for a table), and, on a store, two things the rows alone
do not tell:

- :func:`incomplete_counts`: the query reads counts the store keeps for it (the tally graph,
  each event's reporting) and the store's are not complete (an ingest is running or was
  stopped, or the store predates them), so counts may read short;
- :func:`confident_rows`: with ``min_confidence``, only the rows whose transfers, strikes and
  statements all have evidence at least that confident (how directly the parse supports them).

A bare pyoxigraph store keeps none of armskg's counts, so an answer from it comes with a caveat:

>>> answer = answer_query("transfers", {"supplier": "PRK"}, store=Store())
>>> answer.result.rows, answer.caveat
([], 'this store was made before armskg kept statement tallies')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import Store

from armskg.graph.merge.reporting import REPORTING_KEPT
from armskg.graph.network import read_event_facts
from armskg.graph.store.tally_quads import TALLIES_PENDING, kept_kinds
from armskg.ontology import PREFIXES
from armskg.ontology.vocabulary import TALLY_GRAPH

from .base import NamedQuery, QueryError
from .client import SparqlEndpoint
from .labels import Select, store_select
from .loading import load_query
from .result import QueryResult
from .run import run_query

__all__ = ["Answer", "answer_query", "confident_rows", "incomplete_counts"]

_READS_REPORTING = re.compile(r"ak:(articleCount|firstReported|lastReported)\b")


@dataclass(frozen=True)
class Answer:
    """A query's answer: the ``result``, the ``query`` and the ``values`` it was run with, and
    ``select``, which runs a SELECT where the answer came from (to find names for its IRIs).

    ``caveat`` says why counts in the rows may read short (:func:`incomplete_counts`), ``store``
    is the store it was run on (None for an endpoint), ``min_confidence`` the floor applied."""

    query: NamedQuery
    values: Mapping[str, str]
    result: QueryResult
    select: Select
    caveat: str | None = None
    store: Store | None = None
    min_confidence: float | None = None

    @property
    def given(self) -> list[str]:
        """The parameters given a value (a table leaves out the columns that only echo them)."""
        return [key for key, value in self.values.items() if value]


def answer_query(
    query: NamedQuery | str,
    values: Mapping[str, str] | None = None,
    *,
    store: Store | None = None,
    endpoint: str | None = None,
    timeout_s: float = 60.0,
    min_confidence: float | None = None,
) -> Answer:
    """Run ``query`` (a :class:`NamedQuery`, a library name or a ``.rq`` path) on ``store``, or on
    the SPARQL endpoint at ``endpoint`` (waiting ``timeout_s`` for it).

    ``min_confidence`` keeps the rows whose events have evidence at least that confident; it reads
    the store's evidence, so it needs ``store``.  Every problem is one :class:`QueryError` line.
    """
    named = load_query(query) if isinstance(query, str) else query
    given = dict(values or {})
    if endpoint is not None:
        if min_confidence is not None:
            raise QueryError("min_confidence reads the store's evidence; it does not apply to an endpoint")
        remote = SparqlEndpoint(endpoint, timeout_s=timeout_s)
        result = remote.run(named, given)
        return Answer(named, given, result, lambda sparql: remote.run_sparql(PREFIXES + sparql).terms)
    if store is None:
        raise QueryError("give a store or an endpoint to run the query on")
    result = run_query(store, named, given)
    caveat = incomplete_counts(store, named.text)
    if min_confidence is not None:
        result = confident_rows(store, result, min_confidence, named.name)
    return Answer(named, given, result, store_select(store), caveat, store, min_confidence)


def incomplete_counts(store: Store, query: str) -> str | None:
    """Why the counts a query (its text) reads from ``store`` may read short, or None when they are
    complete: the tally graph, or each event's article count and reporting days, not kept yet.

    >>> incomplete_counts(Store(), "SELECT ?x WHERE { ?x ak:label ?l }") is None
    True
    """
    reason = None
    if TALLY_GRAPH.value in query:
        kinds = kept_kinds(store)
        if TALLIES_PENDING in store:
            reason = "an ingest is running or was stopped, and its statements and mentions are not counted yet"
        elif kinds == 0:
            reason = "this store was made before armskg kept statement tallies"
        elif kinds == 1 and "tallyActor" in query:
            reason = "this store was made before armskg kept mention tallies (the article counts read 0)"
    if reason is None and _READS_REPORTING.search(query) and REPORTING_KEPT not in store:
        reason = "this store was made before armskg kept each event's article count and reporting days (rows lack them)"
    return reason


def confident_rows(store: Store, result: QueryResult, floor: float, name: str) -> QueryResult:
    """The rows of ``result`` whose events (transfers, strikes, statements) all have evidence of at
    least ``floor``; :class:`QueryError` when no row names an event (``name``: the query's)."""
    facts = read_event_facts(store, confidence=True)
    if result.boolean is None and result.rows and not any(v in facts for row in result.rows for v in row):
        raise QueryError(f"{name}: its rows name no transfer, strike or statement, so --min-confidence cannot apply")
    return result.filter_rows(lambda row: all(facts[v].confidence >= floor for v in row if v in facts))
