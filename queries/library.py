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

>>> from pyoxigraph import Store
>>> from armskg.queries.run import run_query
>>> result = run_query(Store(), load_query("transfers"), {"supplier": "PRK"})
>>> result.variables[:3], result.rows
(['supplierLabel', 'recipientLabel', 'weaponLabel'], [])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Triple,
)

from armskg.ontology import PREFIXES, actor_iri, stance_iri, weapon_iri
from armskg.ontology.vocabulary import ACTOR_NS, STANCE_NS, STANCES, WEAPON_CONCEPTS, WEAPON_NS, XSD, XSD_DATE

if TYPE_CHECKING:
    import pandas

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

Term: TypeAlias = NamedNode | BlankNode | Literal | Triple
"""An RDF term as pyoxigraph returns it in a query solution."""

PARAM_TYPES: Final = ("iri", "actor", "string", "date", "integer", "weapon", "stance")
"""The parameter types a ``# param:`` header may name."""

PREFIX_MAP: Final[dict[str, str]] = dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", PREFIXES))
"""The armskg prefixes (:data:`armskg.ontology.PREFIXES`) by name."""
_ACTOR_KINDS = ("state", "person", "org")

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
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO3 = re.compile(r"[A-Za-z]{3}")


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


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: ``terms`` holds one tuple of RDF terms (or None) per row.

    ``boolean`` is set for an ``ASK`` query, whose ``variables`` and ``terms`` are empty.
    """

    variables: list[str]
    terms: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None

    @cached_property
    def rows(self) -> list[tuple[str | None, ...]]:
        """The rows as plain strings: IRIs, literals' lexical forms, ``_:id`` for blank nodes."""
        return [tuple(None if term is None else _lexical(term) for term in row) for row in self.terms]

    def to_table(self, max_width: int | None = None) -> str:
        """An aligned text table with a row count; cells longer than ``max_width`` are cut.

        >>> print(QueryResult(["a", "b"], [(Literal("x"), None)]).to_table(), end="")
        a  b
        -  -
        x
        (1 row)
        """
        if self.boolean is not None:
            return ("true" if self.boolean else "false") + "\n"
        cells = [[_cell(value, max_width) for value in row] for row in self.rows]
        widths = [_width(name) for name in self.variables]
        for row in cells:
            widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
        lines = [_align(self.variables, widths), _align(["-" * w for w in widths], widths)]
        lines.extend(_align(row, widths) for row in cells)
        count = len(cells)
        lines.append(f"({count} row{'' if count == 1 else 's'})")
        return "\n".join(lines) + "\n"

    def filter_rows(self, keep: Callable[[tuple[str | None, ...]], bool]) -> QueryResult:
        """The rows for which ``keep`` (given a row's plain strings, see :attr:`rows`) is true.

        >>> r = QueryResult(["a"], [(Literal("x"),), (Literal("y"),)])
        >>> r.filter_rows(lambda row: row[0] == "y").rows
        [('y',)]
        """
        if self.boolean is not None:
            return self
        return QueryResult(self.variables, [t for t, r in zip(self.terms, self.rows, strict=True) if keep(r)])

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV results: a header of variable names, then lexical values (CRLF lines)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
            return out.getvalue()
        writer.writerow(self.variables)
        writer.writerows(["" if value is None else value for value in row] for row in self.rows)
        return out.getvalue()

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON (``head``/``results.bindings``, or ``boolean`` for ASK)."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [
            {name: _json_term(term) for name, term in zip(self.variables, row, strict=True) if term is not None}
            for row in self.terms
        ]
        return json.dumps({"head": {"vars": self.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame, one column per variable; numeric and boolean literals become
        Python numbers and booleans, every other term its string form, unbound None."""
        import pandas  # imported on use: pandas is slow to import

        if self.boolean is not None:
            return pandas.DataFrame({"boolean": [self.boolean]})
        data = [[None if term is None else _python(term) for term in row] for row in self.terms]
        return pandas.DataFrame(data, columns=self.variables)


# --- loading ---------------------------------------------------------------------------------


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
    """The library query called ``name_or_path``, or else the query in that ``.rq`` file."""
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


# --- parameters ------------------------------------------------------------------------------


def bind_parameters(query: NamedQuery, values: Mapping[str, str]) -> dict[str, NamedNode | Literal]:
    """Check ``values`` against the query's parameters and turn each into an RDF term.

    Defaults fill what is not given; an optional parameter without a value is left out, so
    its variable stays free.  Unknown names, missing required values and malformed values
    raise :class:`QueryError`.

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


# --- running ---------------------------------------------------------------------------------


# --- formatting ------------------------------------------------------------------------------


def _lexical(term: Term) -> str:
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, Triple):
        return str(term)
    return term.value


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


_INTEGER_TYPES = frozenset(
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset(XSD + name for name in ("decimal", "double", "float"))


def _python(term: Term) -> str | int | float | bool:
    if isinstance(term, Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
    return _lexical(term)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# What a terminal would act on rather than show: C0/C1 controls (ESC starts escape sequences) and
# the bidirectional overrides and isolates that reorder what follows them.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(char: re.Match[str]) -> str:
    code = ord(char.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _cell(value: str | None, max_width: int | None) -> str:
    """One table cell: whitespace runs become one space, terminal controls visible escapes.

    >>> _cell("a\\x1b[31mred\\u202e \\n b", None)
    'a\\\\x1b[31mred\\\\u202e b'
    """
    text = "" if value is None else _TERMINAL_UNSAFE.sub(_visible, " ".join(value.split()))
    if max_width is not None and _width(text) > max_width:
        while text and _width(text) > max_width - 1:
            text = text[:-1]
        text += "…"
    return text


def _align(cells: list[str], widths: list[int]) -> str:
    padded = [cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True)]
    return "  ".join(padded).rstrip()
