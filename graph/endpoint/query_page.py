"""The query page ``armskg serve`` shows at ``/``: YASGUI aimed at ``/query``, with armskg's prefixes
and the named query library, working offline.

The page, its script and its style are package data (``armskg/graph/endpoint/web/``).  YASGUI itself is
the copy the ``oxigraph`` server binary embeds (``/yasgui.min.js``, ``/yasgui.min.css``): the
front passes those requests through to it, so no CDN and no npm build is needed.  The library
goes to the page as JSON (``/armskg/queries.json``): each named query with a header naming its
parameters, the prefixes it uses, and its parameters bound in a ``VALUES`` line when it needs
one (from the query's own ``# example:`` lines or its default), or written as a commented
``#VALUES`` line ready to use when it is optional.  A first tab starts with the prefixes and a
question about what the store holds.

>>> from armskg.queries.library import load_query
>>> print(page_query(load_query("actor-profile")).splitlines()[0])
# actor-profile: Everything one actor did or had done to it: transfers it supplied or received, \
strikes it carried out or suffered, statements it made or that were addressed to it.
>>> "VALUES (?actor) { (<https://w3id.org/armskg/actor/state/PRK>) }" in page_query(load_query("actor-profile"))
True
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import json
import re
import shlex
import urllib.parse
from functools import cached_property
from importlib import resources
from typing import Final, TypedDict

from pyoxigraph import Literal, NamedNode

from armskg.ontology import PREFIXES
from armskg.queries.client import inline_values, outer_group
from armskg.queries.library import NamedQuery, Param, QueryError, bind_parameters, list_queries

from .limits import Answer

__all__ = [
    "PAGE_PREFIXES",
    "Library",
    "LibraryEntry",
    "QueryPage",
    "example_values",
    "library_document",
    "page_query",
]

PAGE_PREFIXES: Final = ("ak", "schema", "skos", "prov", "rdfs", "rdf", "xsd")
"""The prefixes the first tab declares."""

_PREFIX_IRIS: Final[dict[str, str]] = dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", PREFIXES))
_HEADER: Final = re.compile(r"#\s*(?:name|description|param|example)\s*:.*\n?")
_START: Final = """# What the store holds: how many things of each kind. Choose a named query above to go further.
SELECT ?class (COUNT(DISTINCT ?thing) AS ?things)
WHERE { ?thing a ?class }
GROUP BY ?class
ORDER BY DESC(?things)
"""
_FILES: Final = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/armskg/page.js": ("page.js", "text/javascript; charset=utf-8"),
    "/armskg/page.css": ("page.css", "text/css; charset=utf-8"),
}
_LIBRARY_PATH: Final = "/armskg/queries.json"
# This origin only: the page cannot reach anything else, even by mistake (inline styles: YASGUI's).
_POLICY: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


class LibraryEntry(TypedDict):
    """One named query as the page lists it."""

    name: str
    description: str
    query: str


class Library(TypedDict):
    """What ``/armskg/queries.json`` holds."""

    version: str
    start: str
    queries: list[LibraryEntry]


def _prologue(names: list[str]) -> str:
    return "".join(f"PREFIX {name}: <{_PREFIX_IRIS[name]}>\n" for name in names)


def example_values(query: NamedQuery) -> dict[str, str]:
    """The parameter values the query's ``# example:`` lines give (the first value of each).

    >>> from armskg.queries.library import load_query
    >>> example_values(load_query("transfers"))
    {'supplier': 'PRK', 'recipient': 'RUS', 'weapon': 'ballistic missile'}
    """
    found: dict[str, str] = {}
    for example in query.examples:
        try:
            words = shlex.split(example)
        except ValueError:
            continue
        for flag, value in itertools.pairwise(words):
            name, equals, given = value.partition("=")
            if flag == "--param" and equals and name not in found:
                found[name] = given
    return found


def _term(query: NamedQuery, param: Param, value: str) -> NamedNode | Literal | None:
    """The value as the RDF term the query would bind, or None when it is not one."""
    alone = dataclasses.replace(query, params=(dataclasses.replace(param, default=None),))
    try:
        return bind_parameters(alone, {param.name: value})[param.name]
    except QueryError:
        return None


def page_query(query: NamedQuery) -> str:
    """The query as the page opens it: a header, the prefixes it uses, its parameters bound in a
    ``VALUES`` line (required ones from its examples, those with a default by it) or offered as a
    commented ``#VALUES`` line (optional ones, and IRIs no example can give)."""
    body = _HEADER.sub("", query.text).lstrip("\n")
    examples = example_values(query)
    bound: dict[str, NamedNode | Literal] = {}
    offered: list[str] = []
    header = [f"# {query.name}: {query.description}"]
    if query.params:
        header.append(
            "# Parameters (the VALUES line binds them: edit or delete it; uncomment a #VALUES line to use it):"
        )
    for param in query.params:
        header.append(f"#   ?{param.name} ({param.type}{'' if param.required else ', optional'}): {param.description}")
        value = param.default or examples.get(param.name)
        term = _term(query, param, value) if value else None
        if term is None:
            continue
        if param.default or (param.required and param.type != "iri"):
            bound[param.name] = term
        else:
            offered.append(f"  #VALUES (?{param.name}) {{ ({term}) }}\n")
    used = [name for name in _PREFIX_IRIS if re.search(rf"(?<![\w:<]){name}:", body)]
    text = inline_values(_prologue(used) + body, bound)
    if offered:
        brace = outer_group(text)
        end = text.index("\n", brace) + 1 if bound else brace + 1
        text = text[:end] + ("" if bound else "\n") + "".join(offered) + text[end:]
    return "\n".join(header) + "\n" + text


def library_document(queries: list[NamedQuery] | None = None) -> Library:
    """What the page reads from ``/armskg/queries.json``: the first tab's query, each named query as
    :func:`page_query` writes it, and a version (it changes with the library, and with it the
    page's saved tabs)."""
    chosen = list_queries() if queries is None else queries
    entries = [LibraryEntry(name=q.name, description=q.description, query=page_query(q)) for q in chosen]
    start = _prologue(list(PAGE_PREFIXES)) + "\n" + _START
    digest = hashlib.sha256(json.dumps([start, entries], sort_keys=True).encode("utf-8")).hexdigest()[:12]
    return Library(version=digest, start=start, queries=entries)


class QueryPage:
    """The front's own answers: the page at ``/``, its script and style, and the library as JSON.

    :meth:`answer` returns None for every other request, which then goes to the oxigraph child
    (``/query``, and ``/yasgui.min.js`` and ``/yasgui.min.css`` the page loads from it).
    """

    @cached_property
    def _bodies(self) -> dict[str, tuple[bytes, str]]:
        folder = resources.files(__package__).joinpath("web")
        bodies = {route: (folder.joinpath(name).read_bytes(), kind) for route, (name, kind) in _FILES.items()}
        library = json.dumps(library_document(), ensure_ascii=False).encode("utf-8")
        bodies[_LIBRARY_PATH] = (library, "application/json; charset=utf-8")
        return bodies

    def answer(self, method: str, target: str) -> Answer | None:
        """The answer to ``method target`` when the page serves it, else None."""
        route = urllib.parse.urlsplit(target).path
        if route not in _FILES and route != _LIBRARY_PATH:
            return None
        if method not in ("GET", "HEAD"):
            return 405, [("Allow", "GET, HEAD"), ("Content-Type", "text/plain; charset=utf-8")], io.BytesIO(b"")
        body, kind = self._bodies[route]
        headers = [("Content-Type", kind), ("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff")]
        if kind.startswith("text/html"):
            headers.append(("Content-Security-Policy", _POLICY))
        return 200, headers, io.BytesIO(body)
