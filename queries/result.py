"""The answer to a query, :class:`QueryResult`, and the plain forms it takes: a text table, SPARQL
1.1 CSV and JSON results, a pandas DataFrame.

The terminal table of the command line (names instead of IRIs, cells cut to the terminal's
width) is :mod:`armskg.tables`; it shares :func:`terminal_text` with :meth:`QueryResult.to_table`,
so no cell of either can carry what a terminal would act on.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from armskg.ontology.vocabulary import XSD

from .base import Term

if TYPE_CHECKING:
    import pandas

__all__ = ["QueryResult", "terminal_text"]

# What a terminal would act on rather than show: C0/C1 controls (ESC starts escape sequences) and
# the bidirectional overrides and isolates that reorder what follows them.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

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


def terminal_text(text: str) -> str:
    """One line a terminal shows as it is: whitespace runs become one space, controls visible escapes.

    >>> terminal_text("a\\x1b[31mred\\u202e \\n b")
    'a\\\\x1b[31mred\\\\u202e b'
    """
    return _TERMINAL_UNSAFE.sub(_visible, " ".join(text.split()))


def _visible(char: re.Match[str]) -> str:
    code = ord(char.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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


def _cell(value: str | None, max_width: int | None) -> str:
    """One table cell, terminal-safe (:func:`terminal_text`), cut to ``max_width`` with ``…``."""
    text = "" if value is None else terminal_text(value)
    if max_width is not None and _width(text) > max_width:
        while text and _width(text) > max_width - 1:
            text = text[:-1]
        text += "…"
    return text


def _align(cells: list[str], widths: list[int]) -> str:
    padded = [cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True)]
    return "  ".join(padded).rstrip()
