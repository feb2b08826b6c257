"""Reading queries: the ``.rq`` files of the library (or a file a user names), their ``#`` header.

A header names and documents its query (see :mod:`armskg.queries.library` for its lines);
:func:`query_form` refuses anything but a ``SELECT`` or ``ASK`` query before it reaches a store.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from .base import PARAM_TYPES, NamedQuery, Param, QueryError

__all__ = ["list_queries", "load_query", "query_form"]

_HEADER_LINE = re.compile(r"#\s*(name|description|param|example)\s*:\s?(.*)$")
_PARAM_SPEC = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)"
    r'(?:\s+default=(?:"(?P<quoted>[^"]*)"|(?P<plain>[^\s"]*)))?'
    r"(?:\s+-\s*(?P<description>.*))?$"
)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_SKIP = re.compile(r"(?:\s+|#[^\n]*)+")
_PROLOGUE = re.compile(r"(?:BASE\s*<[^<>]*>|PREFIX\s*[^\s:<>]*:\s*<[^<>]*>)", re.IGNORECASE)
_KEYWORD = re.compile(r"[A-Za-z]+")
_QUERY_FORMS = frozenset({"SELECT", "ASK"})
_GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
_UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def list_queries() -> list[NamedQuery]:
    """Every query of the library, sorted by name."""
    folder = resources.files(__package__)
    queries = [
        _parse(entry.read_text(encoding="utf-8"), source=f"{__package__}/{entry.name}", stem=entry.name[:-3])
        for entry in folder.iterdir()
        if entry.name.endswith(".rq") and entry.is_file()
    ]
    return sorted(queries, key=lambda query: query.name)


def load_query(name_or_path: str) -> NamedQuery:
    """The library query called ``name_or_path``, or else the query in that ``.rq`` file.

    >>> load_query("transfers").params[0].name
    'supplier'
    """
    library = list_queries()
    for query in library:
        if query.name == name_or_path:
            return query
    path = Path(name_or_path)
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"cannot read query file {path}: {error}") from error
        return _parse(text, source=str(path), stem=path.stem)
    if path.suffix == ".rq" or "/" in name_or_path or "\\" in name_or_path:
        raise QueryError(f"no query file at {path}")
    known = ", ".join(query.name for query in library)
    raise QueryError(f"unknown query {name_or_path!r}; the library has: {known} (or give the path of a .rq file)")


def _parse(text: str, *, source: str, stem: str) -> NamedQuery:
    """Read the ``#`` header of a query file and check that it is a SELECT or ASK query."""
    headers: dict[str, str] = {}
    params: list[Param] = []
    examples: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if match is None:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            params.append(_parse_param(value, source))
        elif key == "example":
            examples.append(value)
        elif key in headers:
            raise QueryError(f"{source}: more than one '# {key}:' header")
        else:
            headers[key] = value
    name = headers.get("name", stem)
    if not _NAME.fullmatch(name):
        raise QueryError(f"{source}: {name!r} is not a usable query name (letters, digits, '-', '_', '.')")
    names = [param.name for param in params]
    for param_name in names:
        if names.count(param_name) > 1:
            raise QueryError(f"{source}: parameter {param_name!r} is declared twice")
    return NamedQuery(
        name=name,
        description=headers.get("description", ""),
        params=tuple(params),
        text=text,
        source=source,
        examples=tuple(examples),
        form=query_form(text, source),
    )


def _parse_param(spec: str, source: str) -> Param:
    match = _PARAM_SPEC.match(spec)
    if match is None:
        raise QueryError(f"{source}: cannot read '# param: {spec}' (want '<name> <type> [default=<value>] - <text>')")
    if match["type"] not in PARAM_TYPES:
        raise QueryError(f"{source}: parameter {match['name']!r} has unknown type {match['type']!r}")
    default = match["quoted"] if match["quoted"] is not None else match["plain"]
    return Param(match["name"], match["type"], default, (match["description"] or "").strip())


def query_form(text: str, source: str = "query") -> str:
    """The query form keyword after the prologue (comments, BASE and PREFIX declarations):
    ``SELECT`` or ``ASK``; :class:`QueryError` (naming ``source``) for anything else.

    >>> query_form("PREFIX ex: <http://ex/#> # note\\nselect * {}")
    'SELECT'
    """
    pos = 0
    while True:
        skip = _SKIP.match(text, pos)
        if skip:
            pos = skip.end()
        declaration = _PROLOGUE.match(text, pos)
        if declaration is None:
            break
        pos = declaration.end()
    keyword = _KEYWORD.match(text, pos)
    word = keyword.group().upper() if keyword else text[pos : pos + 20]
    if word in _QUERY_FORMS:
        return word
    if word in _UPDATE_FORMS:
        raise QueryError(f"{source}: this is a SPARQL update ({word}); only SELECT and ASK queries are run")
    if word in _GRAPH_FORMS:
        raise QueryError(f"{source}: {word} queries are not supported; only SELECT and ASK queries are run")
    raise QueryError(f"{source}: expected a SELECT or ASK query, found {word!r}")
