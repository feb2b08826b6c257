"""What the commands print: query answers and counts as a terminal table, CSV, JSON or TSV.

The terminal table is for a person: IRIs give way to names (an actor's label, a concept's
label) or to the short forms armskg takes back as input (``PRK``, ``transfer/<digest>``, an
article's identifier, see :mod:`armskg.queries.labels`); a column of IRIs whose names another
column already shows (``supplier`` beside ``supplierLabel``) or that nothing filled (an unused
parameter) is left out, and ``supplierLabel`` is headed ``supplier``; long cells are cut with
``…`` so each line fits the terminal (``shutil.get_terminal_size``: the ``COLUMNS`` variable,
the terminal, else 80), the longest columns first.  ``iris=True`` shows every column with its full values, uncut.

CSV, JSON and TSV are for scripts and keep every value whole: SPARQL 1.1 CSV, JSON and TSV
results (TSV writes terms as in N-Triples: ``<iri>``, ``"text"``), so a script never depends
on what a terminal is wide.

>>> from pyoxigraph import Literal, NamedNode
>>> prk = NamedNode("https://w3id.org/armskg/actor/state/PRK")
>>> rus = NamedNode("https://w3id.org/armskg/actor/state/RUS")
>>> result = QueryResult(["supplierLabel", "recipient", "supplier"], [(Literal("North Korea"), rus, prk)])
>>> print(query_table(result, {rus.value: "Russia"}, width=None), end="")
supplier     recipient
-----------  ---------
North Korea  Russia
(1 row; 1 IRI column hidden: --iris)
>>> print(query_table(result, {}, width=16), end="")
suppl…  recipie…
------  --------
North…  RUS
(1 row)
(1 IRI column hidden: --iris)
(cells cut to 16 columns: --width 0)
>>> [line.split("\\t") for line in format_result(result, "tsv").splitlines()]  # doctest: +NORMALIZE_WHITESPACE
[['?supplierLabel', '?recipient', '?supplier'],
 ['"North Korea"', '<https://w3id.org/armskg/actor/state/RUS>', '<https://w3id.org/armskg/actor/state/PRK>']]
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from typing import Final

from pyoxigraph import BlankNode, Literal, NamedNode
from wcwidth import wcwidth

from armskg.queries.labels import short_form
from armskg.queries.library import QueryResult, Term
from armskg.queries.result import terminal_text

__all__ = [
    "FORMATS",
    "fit_widths",
    "format_counts",
    "format_result",
    "query_table",
    "render_table",
    "table_width",
]

FORMATS: Final = ("table", "csv", "json", "tsv")
"""What ``--format`` takes on every command that prints rows."""

_GAP: Final = 2
_MIN_CELL: Final = 6
"""A column is cut no narrower than this (or its own width, if narrower)."""
_SHORT_CELL: Final = 10
"""Columns whose cells all fit this many columns (dates, counts) are cut only to their cells' width."""
_HEADER_CELL: Final = 9
"""Headers are kept whole up to this width, where the width allows."""
_ELLIPSIS: Final = "…"


def table_width(requested: int | None = None) -> int | None:
    """The width a table must fit: ``requested`` (0: no limit), else the terminal's
    (``COLUMNS``, the terminal, else 80)."""
    if requested is not None:
        return requested or None
    return shutil.get_terminal_size().columns


def _cells(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide characters two, combining marks none)."""
    return sum(max(0, wcwidth(ch)) for ch in text)


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns, ending in ``…`` when cut.

    >>> _cut("air defence system", 8), _cut("Russia", 8), _cut("北朝鮮の発射", 7)
    ('air def…', 'Russia', '北朝鮮…')
    """
    if _cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = max(0, wcwidth(ch))
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + _ELLIPSIS


def fit_widths(
    natural: Sequence[int],
    total: int | None,
    gap: int = _GAP,
    whole: Sequence[bool] | None = None,
    least: Sequence[int] | None = None,
) -> list[int]:
    """Column widths that fit ``total`` columns with ``gap`` between them: the widest columns
    are narrowed first, none below :data:`_MIN_CELL` (so a table of many columns may stay wider).
    The columns ``whole`` marks (identifiers, which are of little use cut) are narrowed only
    once the others are as narrow as they go; ``least`` gives widths below which a column is
    not cut (a date, a count), the widths permitting.

    >>> fit_widths([5, 40, 12], 40)
    [5, 19, 12]
    >>> fit_widths([5, 40, 30], 40)
    [5, 16, 15]
    >>> fit_widths([5, 40, 30], 40, whole=[False, False, True])
    [5, 6, 25]
    >>> fit_widths([5, 40], None)
    [5, 40]
    """
    widths = list(natural)
    if total is None or not widths:
        return widths
    room = total - gap * (len(widths) - 1)
    if sum(widths) <= room:
        return widths
    floor = [min(w, _MIN_CELL) for w in widths]
    if least is not None and sum(max(f, n) for f, n in zip(floor, least, strict=True)) <= room:
        floor = [min(w, max(f, n)) for w, f, n in zip(widths, floor, least, strict=True)]
    if whole is not None and any(whole):
        firm = [w if keep else f for w, f, keep in zip(widths, floor, whole, strict=True)]
        if sum(firm) <= room:
            return _capped(widths, firm, room)
        return _capped(firm, floor, room)
    return _capped(widths, floor, room)


def _capped(widths: Sequence[int], floor: Sequence[int], room: int) -> list[int]:
    """``widths`` with the largest cap that fits ``room`` (none below ``floor``); what the cap
    leaves goes to the first columns it cut."""
    if sum(floor) >= room:
        return list(floor)
    low, high = 0, max(widths)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(w, cap)) for w, f in zip(widths, floor, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    capped = [max(f, min(w, low)) for w, f in zip(widths, floor, strict=True)]
    spare = room - sum(capped)
    for i, w in enumerate(widths):
        if spare and capped[i] < w:
            capped[i] += 1
            spare -= 1
    return capped


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int | None, whole: Sequence[bool] | None = None
) -> tuple[str, bool]:
    """Aligned columns under a rule of dashes, fitted to ``width`` (``whole``: see :func:`fit_widths`);
    and whether a cell was cut."""
    heads = [terminal_text(h) for h in headers]
    body = [[terminal_text(c) for c in row] for row in rows]
    data = [max([0] + [_cells(row[i]) for row in body]) for i in range(len(heads))]
    natural = [max(_cells(h), d) for h, d in zip(heads, data, strict=True)]
    # dates and counts are not cut, nor headers (up to a point), where the width allows
    short = [max(d if d <= _SHORT_CELL else 0, min(_cells(h), _HEADER_CELL)) for h, d in zip(heads, data, strict=True)]
    widths = fit_widths(natural, width, whole=whole, least=short)
    cut = widths != natural

    def line(cells: Sequence[str]) -> str:
        shown = [_cut(c, w) for c, w in zip(cells, widths, strict=True)]
        return (" " * _GAP).join(c + " " * (w - _cells(c)) for c, w in zip(shown, widths, strict=True)).rstrip()

    lines = [line(heads), line(["-" * w for w in widths]), *(line(row) for row in body)]
    return "\n".join(lines) + "\n", cut


def _display(term: Term | None, labels: Mapping[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return labels.get(term.value) or short_form(term.value)
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, Literal):
        return term.value
    return str(term)


def _plain_header(name: str, shown: Sequence[str]) -> str:
    """``supplierLabel`` reads ``supplier`` when no column ``supplier`` is shown beside it.

    >>> _plain_header("supplierLabel", ["supplierLabel", "transfer"]), _plain_header("label", ["label"])
    ('supplier', 'label')
    """
    base = name.removesuffix("Label")
    return base if base and base != name and base not in shown else name


def _identifiers(result: QueryResult, column: int, labels: Mapping[str, str]) -> bool:
    """Whether a column shows identifiers (IRIs in short form, such as ``transfer/<digest>``)."""
    nodes = [row[column] for row in result.terms if isinstance(row[column], NamedNode)]
    return bool(nodes) and not any(node.value in labels for node in nodes if isinstance(node, NamedNode))


def _shown_columns(result: QueryResult, cells: list[list[str]], given: Sequence[str]) -> tuple[list[int], int]:
    """The columns a person needs, and how many IRI columns were left out as said elsewhere
    (beside their labels, the same as another column, or the echo of a parameter given)."""
    names = result.variables
    index = {name: i for i, name in enumerate(names)}
    keep: list[int] = []
    hidden = 0
    for i, name in enumerate(names):
        column = [row[i] for row in cells]
        if result.terms and not any(column):
            continue  # nothing bound it (an unused parameter)
        iris = any(isinstance(row[i], NamedNode) for row in result.terms)
        if iris and name in given and len(set(column)) == 1:
            hidden += 1  # the actor or event the parameter named, on every row
            continue
        named_by = [index[n] for n in (name + "Label", name + "Name") if n in index]
        if iris and any(all(row[j] or not row[i] for row in cells) for j in named_by):
            hidden += 1  # supplier beside supplierLabel
            continue
        if iris and result.terms and any(column == [row[j] for row in cells] for j in keep):
            hidden += 1  # the same names as a column already shown
            continue
        keep.append(i)
    return keep, hidden


def query_table(
    result: QueryResult,
    labels: Mapping[str, str],
    *,
    width: int | None,
    iris: bool = False,
    given: Sequence[str] = (),
) -> str:
    """A query's answer as a table for a person (see the module docstring), with a row count;
    ``given`` names the parameters given a value (their columns only echo it)."""
    if result.boolean is not None:
        return ("true" if result.boolean else "false") + "\n"
    if iris:
        cells = [["" if v is None else v for v in row] for row in result.rows]
        keep, hidden = list(range(len(result.variables))), 0
        width = None
    else:
        cells = [[_display(term, labels) for term in row] for row in result.terms]
        keep, hidden = _shown_columns(result, cells, given)
    whole = [_identifiers(result, i, labels) for i in keep] if not iris else None
    headers = [result.variables[i] for i in keep]
    if not iris:
        headers = [_plain_header(name, headers) for name in headers]
    text, cut = render_table(headers, [[row[i] for i in keep] for row in cells], width, whole)
    count = len(cells)
    notes = [f"{count} row{'' if count == 1 else 's'}"]
    if hidden:
        notes.append(f"{hidden} IRI column{'' if hidden == 1 else 's'} hidden: --iris")
    if cut:
        notes.append(f"cells cut to {width} columns: --width 0")
    footer = "(" + "; ".join(notes) + ")"
    if width is not None and _cells(footer) > width:
        footer = "\n".join(f"({note})" for note in notes)
    return text + footer + "\n"


def _tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV results: ``?name`` headers, terms written as in N-Triples."""
    if result.boolean is not None:
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + name for name in result.variables)]
    lines.extend("\t".join("" if term is None else str(term) for term in row) for row in result.terms)
    return "\n".join(lines) + "\n"


def format_result(
    result: QueryResult,
    fmt: str,
    labels: Mapping[str, str] | None = None,
    *,
    width: int | None = None,
    iris: bool = False,
    given: Sequence[str] = (),
) -> str:
    """A query's answer in one of :data:`FORMATS`; ``labels``, ``width`` and ``given`` only shape
    a table (see :func:`query_table`)."""
    if fmt == "table":
        return query_table(result, labels or {}, width=width, iris=iris, given=given)
    if fmt == "csv":
        return result.to_csv()
    if fmt == "json":
        return result.to_json() + "\n"
    if fmt == "tsv":
        return _tsv(result)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def format_counts(counts: Mapping[str, int], fmt: str) -> str:
    """Named counts (``armskg summary``) in one of :data:`FORMATS`.

    >>> print(format_counts({"articles": 8, "transfers": 10}, "table"), end="")
    articles       8
    transfers      10
    >>> format_counts({"articles": 8}, "json")
    '{"articles": 8}\\n'
    >>> print(format_counts({"articles": 8}, "csv"), end="")
    what,count
    articles,8
    """
    if fmt == "table":
        return "".join(f"{key:14s} {value}\n" for key, value in counts.items())
    if fmt == "json":
        return json.dumps(dict(counts)) + "\n"
    sep = {"csv": ",", "tsv": "\t"}.get(fmt)
    if sep is None:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return "".join(f"{key}{sep}{value}\n" for key, value in {"what": "count", **counts}.items())
