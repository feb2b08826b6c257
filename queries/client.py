"""Run named queries anywhere: the embedded store, armskg's own endpoint, or any SPARQL 1.1 endpoint.

The client speaks the SPARQL 1.1 Protocol through SPARQLWrapper and returns the same
:class:`~armskg.queries.library.QueryResult` as :func:`~armskg.queries.run.run_query`,
so a table, CSV, SPARQL JSON or a pandas DataFrame come out the same way::

    from armskg.queries.client import SparqlEndpoint, run

    lab = SparqlEndpoint("http://localhost:3030/arms/sparql", credentials=("me", "secret"))
    frame = lab.run("transfers", {"supplier": "PRK"}).to_dataframe()
    run(open_store(), "transfers", {"supplier": "PRK"})           # the embedded store, same rows

Parameters never become query text by pasting: each value is checked and turned into an RDF
term (:func:`~armskg.queries.library.bind_parameters`), and an endpoint gets those terms in a
``VALUES`` block, serialized by pyoxigraph (IRIs checked, literals escaped), placed first in
the query's outermost group (:func:`inline_values`).  A parameter is then bound where a
substituted one would be: in every pattern and filter of that group and of its ``OPTIONAL``,
``UNION`` and ``EXISTS`` parts.  Library queries are written so that both ways give the same
rows; the tests run each query both ways.

Long queries go by POST (``method="auto"``); Wikidata and other public endpoints want a
descriptive User-Agent with a contact, which ``user_agent=`` sets.  Every failure (refused
connection, HTTP error, the front's 503/504 JSON error, a cut-off answer, a timeout) comes
back as one :class:`EndpointError` line.
"""

from __future__ import annotations

import ast
import json
import re
import urllib.error
from collections.abc import Mapping
from typing import Any, Final

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple

from armskg import __version__
from armskg.ontology import PREFIXES
from armskg.queries.library import (
    NamedQuery,
    QueryError,
    QueryResult,
    Term,
    bind_parameters,
    load_query,
    query_form,
)
from armskg.queries.run import run_query

__all__ = [
    "DEFAULT_USER_AGENT",
    "EndpointError",
    "SparqlEndpoint",
    "inline_values",
    "outer_group",
    "result_from_json",
    "run",
]

DEFAULT_USER_AGENT: Final = f"armskg/{__version__} (SPARQL research client; +https://w3id.org/armskg)"
"""What the client calls itself; public endpoints such as Wikidata ask for a contact in it too."""

_GET_LIMIT: Final = 2000  # characters of URL-encoded query above which "auto" switches to POST
_IRIREF: Final = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING: Final = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"",
    re.DOTALL,
)
_COMMENT: Final = re.compile(r"#[^\n]*")


class EndpointError(QueryError):
    """A SPARQL endpoint could not answer; the message is one line for the user."""


def inline_values(sparql: str, terms: Mapping[str, NamedNode | Literal]) -> str:
    """``sparql`` with ``terms`` bound by a ``VALUES`` block opening its outermost group.

    The terms are written in their N-Triples form by pyoxigraph, so a literal cannot end
    early and an IRI holds no ``>``, space or brace: a value only ever matches data.

    >>> inline_values("SELECT ?s WHERE { ?s ?p ?o }", {"s": NamedNode("https://x/a")})
    'SELECT ?s WHERE { VALUES (?s) { (<https://x/a>) }\\n ?s ?p ?o }'
    >>> inline_values('ASK { ?s ?p ?o }', {"o": Literal('"} ; DROP ALL ; {"')})
    'ASK { VALUES (?o) { ("\\\\"} ; DROP ALL ; {\\\\"") }\\n ?s ?p ?o }'
    """
    if not terms:
        return sparql
    for name in terms:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    brace = _outer_group(sparql)
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(_term_text(term) for term in terms.values())
    block = f" VALUES ({names}) {{ ({row}) }}\n"
    return sparql[: brace + 1] + block + sparql[brace + 1 :]


def _term_text(term: NamedNode | Literal) -> str:
    if isinstance(term, NamedNode) and _IRIREF.fullmatch(str(term)) is None:
        raise QueryError(f"{term.value!r} is not a valid IRI")
    return str(term)


def outer_group(sparql: str) -> int:
    """Where the ``{`` of the query's outermost group pattern is (see :func:`_outer_group`)."""
    return _outer_group(sparql)


def _outer_group(sparql: str) -> int:
    """Where the ``{`` of the query's outermost group pattern is: the first brace outside
    comments, strings, IRIs and parenthesised expressions of the SELECT clause.

    >>> _outer_group('PREFIX a: <http://x/#> # {\\nSELECT ("{" AS ?b) WHERE { }')
    52
    """
    pos, depth = 0, 0
    while pos < len(sparql):
        char = sparql[pos]
        if char == "#":
            pos = _COMMENT.match(sparql, pos).end()  # type: ignore[union-attr]
            continue
        if char in "'\"":
            string = _STRING.match(sparql, pos)
            if string is None:
                raise QueryError("the query has an unterminated string")
            pos = string.end()
            continue
        if char == "<":
            iri = _IRIREF.match(sparql, pos)
            if iri is not None:
                pos = iri.end()
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0:
            return pos
        pos += 1
    raise QueryError("the query has no group pattern ({ ... }) to bind parameters in")


# --- reading answers -------------------------------------------------------------------------


def result_from_json(document: Any) -> QueryResult:
    """A :class:`QueryResult` from a SPARQL 1.1 Query Results JSON document.

    >>> result_from_json({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal",
    ...     "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}).to_dataframe()["n"].tolist()
    [2]
    """
    if not isinstance(document, dict):
        raise EndpointError("the endpoint's answer is not a SPARQL JSON results document")
    if "boolean" in document:
        return QueryResult([], [], bool(document["boolean"]))
    try:
        names = [str(name) for name in document["head"].get("vars", [])]
        bindings = document["results"]["bindings"]
        rows = [tuple(_term(binding[name]) if name in binding else None for name in names) for binding in bindings]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise EndpointError(f"the endpoint's answer is not SPARQL JSON results ({error})") from None
    return QueryResult(names, rows)


def _term(value: Any) -> Term:
    kind = value["type"]
    text = str(value["value"]) if kind != "triple" else ""
    if kind == "uri":
        return NamedNode(text)
    if kind == "bnode":
        return BlankNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, language=value["xml:lang"])
        if "datatype" in value:
            return Literal(text, datatype=NamedNode(value["datatype"]))
        return Literal(text)
    if kind == "triple":
        part = value["value"]
        subject, predicate, obj = _term(part["subject"]), _term(part["predicate"]), _term(part["object"])
        if isinstance(subject, Literal) or not isinstance(predicate, NamedNode):
            raise ValueError("a quoted triple with a literal subject or a non-IRI predicate")
        return Triple(subject, predicate, obj)
    raise ValueError(f"unknown term type {kind!r}")


# --- endpoints -------------------------------------------------------------------------------


class SparqlEndpoint:
    """A SPARQL 1.1 query endpoint reached over HTTP (armskg's own, Fuseki, GraphDB, Wikidata ...).

    ``method`` is ``"GET"``, ``"POST"`` or ``"auto"`` (POST once the encoded query passes
    2,000 characters).  ``timeout_s`` bounds the wait for an answer; ``credentials`` is a
    ``(user, password)`` pair for HTTP Basic authentication.
    """

    def __init__(
        self,
        url: str,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout_s: float = 60.0,
        method: str = "auto",
        credentials: tuple[str, str] | None = None,
    ) -> None:
        if not re.match(r"https?://[^/\s]+", url):
            raise EndpointError(f"{url!r} is not an http(s) URL of a SPARQL endpoint")
        if method not in ("auto", "GET", "POST"):
            raise EndpointError(f"method {method!r} is not GET, POST or auto")
        self.url = url
        self.user_agent = user_agent
        self.timeout_s = timeout_s
        self.method = method
        self.credentials = credentials

    def __repr__(self) -> str:
        return f"SparqlEndpoint({self.url!r})"

    def run(self, query: NamedQuery | str, values: Mapping[str, str] | None = None) -> QueryResult:
        """Run a named query (a library name, a ``.rq`` path or a :class:`NamedQuery`) with ``values``."""
        from .names import resolve_names  # imported on use: it reads the lexicon

        named = load_query(query) if isinstance(query, str) else query
        terms = bind_parameters(
            named, resolve_names(named, values or {}, lambda q: self.run_sparql(PREFIXES + q).terms)
        )
        return self.run_sparql(inline_values(named.sparql, terms))

    def run_sparql(self, sparql: str) -> QueryResult:
        """Run SPARQL text as it is (a SELECT or ASK query) and read the JSON answer."""
        from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        form = query_form(sparql)  # refuses updates before anything is sent
        wrapper = SPARQLWrapper(self.url, agent=self.user_agent)
        wrapper.setQuery(sparql)
        wrapper.queryType = form  # SPARQLWrapper guesses from keywords anywhere, even in comments ("addressed")
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(max(1, round(self.timeout_s)))
        long_query = len(sparql.encode("utf-8")) * 3 > _GET_LIMIT  # %-encoding can triple the size
        if self.method == "POST" or (self.method == "auto" and long_query):
            wrapper.setMethod(POST)
            wrapper.setRequestMethod(POSTDIRECTLY)
        else:
            wrapper.setMethod(GET)
        if self.credentials is not None:
            wrapper.setCredentials(*self.credentials)
        try:
            response = wrapper.query()
            raw = response.response.read()
        except urllib.error.HTTPError as error:
            raise EndpointError(self._http_error(error.code, error.reason, _read(error))) from None
        except SPARQLWrapperException as error:
            raise EndpointError(self._wrapper_error(error)) from None
        except TimeoutError:
            raise EndpointError(f"{self.url}: no answer within {self.timeout_s:g} s") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise EndpointError(f"{self.url}: no answer within {self.timeout_s:g} s") from None
            raise EndpointError(f"cannot reach {self.url}: {reason}") from None
        except OSError as error:
            raise EndpointError(f"{self.url}: the connection failed ({error})") from None
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise EndpointError(
                f"{self.url}: the answer was cut off or is not SPARQL JSON ({len(raw)} bytes); "
                "the server may have stopped the query"
            ) from None
        try:
            return result_from_json(document)
        except EndpointError as error:
            raise EndpointError(f"{self.url}: {error}") from None

    def _http_error(self, code: int, reason: str, body: bytes) -> str:
        detail = _first_line(body)
        try:
            parsed = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            parsed = None
        if isinstance(parsed, dict) and isinstance(parsed.get("message"), str):
            detail = parsed["message"]  # armskg's front: {"error": "timeout", "message": "..."}
        return f"{self.url}: HTTP {code} {reason}" + (f": {detail}" if detail else "")

    def _wrapper_error(self, error: Exception) -> str:
        name = type(error).__name__
        codes = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414}
        code = codes.get(name, 500)
        match = re.search(r"Response:\n(b['\"].*)$", str(error), re.DOTALL)
        body = b""
        if match:
            try:
                body = bytes(ast.literal_eval(match.group(1)))  # SPARQLWrapper keeps the body only as its repr
            except (SyntaxError, ValueError, TypeError):
                body = match.group(1).encode()
        hints = {
            400: "the endpoint refused the query",
            401: "the endpoint wants authentication (credentials=)",
            404: "no SPARQL endpoint at this URL",
            414: "the query is too long for GET (use method='POST')",
            500: "the endpoint failed",
        }
        detail = _first_line(body)
        return f"{self.url}: HTTP {code}: {hints[code]}" + (f": {detail}" if detail else "")


def _read(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read()
    except OSError:
        return b""


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:300] if text else ""


def run(
    target: Store | SparqlEndpoint | str,
    query: NamedQuery | str,
    values: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a named query on the embedded ``Store``, a :class:`SparqlEndpoint`, or an endpoint URL."""
    named = load_query(query) if isinstance(query, str) else query
    if isinstance(target, Store):
        return run_query(target, named, values)
    endpoint = SparqlEndpoint(target) if isinstance(target, str) else target
    return endpoint.run(named, values)
