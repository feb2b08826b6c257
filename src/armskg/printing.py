"""What the commands say besides their data: the ``--format`` options, the last line of
``ingest``, and the one line that says a query or export matched nothing.

Kept out of :mod:`armskg.cli` so that the commands stay a thin layer of options.  Data goes to
standard output, remarks to standard error, so that ``--format csv`` or ``json`` output stays
valid when nothing matched (a header only, an empty ``bindings`` list).
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

import click
from pyoxigraph import DefaultGraph, NamedNode, Store

from armskg.ontology.vocabulary import RDF_TYPE, Ak
from armskg.tables import FORMATS, format_result, table_width

if TYPE_CHECKING:
    from armskg.graph.ingest import IngestReport
    from armskg.graph.summary import Summary
    from armskg.queries.labels import Select
    from armskg.queries.library import QueryResult

__all__ = [
    "described",
    "empty_export_note",
    "filter_words",
    "format_option",
    "holds_articles",
    "ingest_line",
    "nothing_matched",
    "print_result",
    "result_labels",
    "table_options",
]

F = TypeVar("F", bound=Callable[..., object])


def format_option(command: F) -> F:
    """``--format table|csv|json|tsv``: a table for a person, the others whole values for scripts."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table: for reading (names, long cells cut to the terminal's width); csv, json, tsv: "
        "every value whole, full IRIs (SPARQL 1.1 results formats), for scripts.",
    )(command)


def table_options(command: F) -> F:
    """``--format``, ``--iris`` and ``--width``: how ``query`` prints its rows."""
    command = click.option(
        "--width",
        type=click.IntRange(min=0),
        metavar="COLUMNS",
        help="With --format table: fit the table in this many columns (0: no limit; default: the "
        "terminal's width, $COLUMNS, else 80).",
    )(command)
    command = click.option(
        "--iris",
        is_flag=True,
        help="With --format table: show every column with full IRIs, uncut, instead of names and short forms.",
    )(command)
    return format_option(command)


def holds_articles(store: Store) -> bool:
    """Whether the store holds at least one article."""
    return next(store.quads_for_pattern(None, RDF_TYPE, Ak.Article, DefaultGraph()), None) is not None


def print_result(
    result: QueryResult,
    fmt: str,
    *,
    select: Select | None,
    iris: bool = False,
    width: int | None = None,
    nothing: str | None = "",
    given: Sequence[str] = (),
) -> None:
    """Print a query's answer in ``fmt``; table cells get the names ``select`` finds.  When no
    row came back, one line on stderr says so: ``nothing`` names what matched nothing (None: the
    caller has said why already).  ``given``:
    the parameters given a value (a table leaves out the columns that only echo them)."""
    labels = result_labels(result, select) if fmt == "table" and not iris else {}
    empty = result.boolean is None and not result.terms
    if not (empty and fmt == "table"):
        sys.stdout.write(format_result(result, fmt, labels, width=table_width(width), iris=iris, given=given))
    if empty and nothing is not None:
        click.echo(f"armskg: no rows: {nothing or 'the query matched nothing'}", err=True)


def result_labels(result: QueryResult, select: Select | None) -> dict[str, str]:
    """The names ``select`` finds for the IRIs of ``result``."""
    from armskg.queries.labels import fetch_labels

    if select is None or not result.terms:
        return {}
    return fetch_labels(select, {t.value for row in result.terms for t in row if isinstance(t, NamedNode)})


def described(values: Mapping[str, str]) -> str:
    """``supplier=PRK, weapon=drone`` for the values given.

    >>> described({"supplier": "North Korea", "weapon": ""})
    "supplier='North Korea'"
    """
    return ", ".join(f"{k}={v!r}" if " " in v else f"{k}={v}" for k, v in values.items() if v)


def nothing_matched(name: str, values: Mapping[str, str], min_confidence: float | None, store: Store | None) -> str:
    """What matched nothing, for the line an empty answer gets (``store``: to tell an empty store).

    >>> nothing_matched("transfers", {"supplier": "PRK"}, 0.8, None)
    "query 'transfers' with supplier=PRK, --min-confidence 0.8 matched nothing"
    """
    given = [described(values)] if described(values) else []
    if min_confidence is not None:
        given.append(f"--min-confidence {min_confidence:g}")
    line = f"query {name!r}" + (f" with {', '.join(given)}" if given else "") + " matched nothing"
    if store is not None and not holds_articles(store):
        line += " (the store holds no articles: run 'armskg ingest' first)"
    return line


def ingest_line(report: IngestReport, held: Summary, unread: int) -> str:
    """The last line of ``ingest``: what this run did, and the events the store now holds
    counted as ``armskg summary`` counts them (merged: an event two articles report is one),
    beside the mentions found in this run's articles.

    >>> from armskg.graph.ingest import IngestReport
    >>> from armskg.graph.summary import Summary
    >>> ingest_line(IngestReport(ingested=3, transfers=5, strikes=1), Summary(3, 4, 4, 0, 0, 0, 2, 1), 1)
    'ingested 3 articles (0 unchanged, 0 failed, 1 file not read); the store holds 2 transfers \
(5 mentions in these articles), 1 strike (1 mention), 0 statements (0 mentions)'
    """
    done = (
        f"ingested {report.ingested} articles ({report.unchanged} unchanged, "
        + (f"{report.duplicates} repeated in this run, " if report.duplicates else "")
        + f"{len(report.failed)} failed"
        + (f", {unread} file{'' if unread == 1 else 's'} not read" if unread else "")
        + ")"
    )
    kinds = (
        ("transfer", held.transfers, report.transfers),
        ("strike", held.strikes, report.strikes),
        ("statement", held.statements, report.statements),
    )
    counts = [
        f"{merged} {_plural(kind, merged)} ({mentions} {_plural('mention', mentions)}"
        + (" in these articles)" if i == 0 else ")")
        for i, (kind, merged, mentions) in enumerate(kinds)
    ]
    return f"{done}; the store holds {', '.join(counts)}"


def _plural(word: str, n: int) -> str:
    return word if n == 1 else word + "s"


def filter_words(*options: object) -> list[str]:
    """The filters of ``export`` as given: ``projection, since, until, weapons, min_sources,
    min_confidence`` (in that order) back to their options.

    >>> filter_words(None, "2030", None, ("drone",), None, None)
    ['--from 2030', '--weapon drone']
    """
    names = ("--projection", "--from", "--to", "--weapon", "--min-sources", "--min-confidence")
    words: list[str] = []
    for name, value in zip(names, options, strict=False):
        values = value if isinstance(value, tuple) else (value,)
        words.extend(f"{name} {shlex.quote(str(v))}" for v in values if v is not None)
    return words


def empty_export_note(fmt: str, text: str | None, store: Store, filters: Sequence[str]) -> str | None:
    """One line when an export holds nothing from the articles (None when it holds something):
    ``text`` is a network or table export, None for an RDF export of the whole store."""
    given = f" with {' '.join(filters)}" if filters else ""
    if not holds_articles(store):
        return f"armskg: export {fmt}: the store holds no articles; the output holds " + (
            "the ontology only" if text is None else "no rows" if fmt in ("csv", "coalitions") else "an empty network"
        )
    if text is None:
        return None
    if fmt in ("graphml", "gexf"):
        if "<node " in text:
            return None
        return f"armskg: export {fmt}: no event matched{given}; the network is empty"
    if len([line for line in text.splitlines() if line.strip()]) > 1:
        return None
    what = "transfer" if fmt == "csv" else "actor"
    return f"armskg: export {fmt}: no {what} matched{given}; wrote the header only"
