"""The options the ``armskg`` commands share, or take in groups, declared once.

Kept out of :mod:`armskg.cli` so that each command there reads as what it takes and the one
library call it makes.  Each name here is a decorator that adds click options to a command, in
the order ``--help`` lists them; their values reach the command as keyword arguments named after
the options (``--max-bytes`` → ``max_bytes``, ``--from`` → ``since``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypedDict, TypeVar

import click

from armskg.tables import FORMATS

__all__ = [
    "NETWORK_FORMATS",
    "RDF_FORMATS",
    "STORE_HELP",
    "FilterValues",
    "export_options",
    "format_option",
    "input_limits",
    "network_filters",
    "query_options",
    "scale_options",
    "serve_options",
    "store_option",
    "table_options",
]

F = TypeVar("F", bound=Callable[..., object])

STORE_HELP = "Store folder (default: $ARMSKG_STORE or ./armskg-store)."
"""What ``--store`` says in ``--help``."""


def _options(*options: Callable[[F], F]) -> Callable[[F], F]:
    """One decorator of several options, listed by ``--help`` in the order given."""

    def add(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return add


store_option = click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
"""``--store DIR``: the store a command reads or writes."""


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


_FILTER_OPTIONS: Callable[[Callable[..., None]], Callable[..., None]] = _options(
    click.option("--from", "since", metavar="DATE", help="Only events from this date (YYYY, YYYY-MM, YYYY-MM-DD)."),
    click.option("--to", "until", metavar="DATE", help="Only events up to this date (same forms)."),
    click.option(
        "--weapon",
        "weapons",
        multiple=True,
        metavar="CATEGORY",
        help="Only transfers and strikes of this weapon category, and statements about them (repeatable).",
    ),
    click.option("--min-sources", type=int, metavar="N", help="Only events reported by at least N sources."),
    click.option(
        "--min-confidence",
        type=float,
        metavar="X",
        help="Only events with evidence of at least this confidence, 0 to 1 (how directly the parse supports it).",
    ),
)


class FilterValues(TypedDict):
    """The values of ``--from``, ``--to``, ``--weapon``, ``--min-sources`` and ``--min-confidence``
    as given, named as the library's filter arguments take them (``actor_network(store, **filters)``);
    :meth:`armskg.graph.network.NetworkFilter.parse` checks them."""

    since: str | None
    until: str | None
    weapons: tuple[str, ...]
    min_sources: int | None
    min_confidence: float | None


def network_filters(command: Callable[..., None]) -> Callable[..., None]:
    """``--from``, ``--to``, ``--weapon``, ``--min-sources``, ``--min-confidence``: which events make
    the actor network (``map`` and ``export``); the command gets them as one ``filters`` argument,
    a :class:`FilterValues`."""

    @functools.wraps(command)
    def with_filters(
        *,
        since: str | None,
        until: str | None,
        weapons: tuple[str, ...],
        min_sources: int | None,
        min_confidence: float | None,
        **rest: Any,
    ) -> None:
        filters = FilterValues(
            since=since, until=until, weapons=weapons, min_sources=min_sources, min_confidence=min_confidence
        )
        command(filters=filters, **rest)

    return _FILTER_OPTIONS(with_filters)


input_limits = _options(
    click.option(
        "--max-bytes",
        default="5M",
        show_default=True,
        metavar="SIZE",
        help="Largest input read for one article: a file, or one JSON Lines record (e.g. 500K, 20M).",
    ),
    click.option(
        "--max-chars",
        default=1_000_000,
        show_default=True,
        type=click.IntRange(min=1, max=1_000_000),
        metavar="N",
        help="Longest article text read, in characters (at most the default, the tokenizer's limit); "
        "a longer article is reported on one line and skipped.",
    ),
    click.option(
        "--html-timeout-s",
        default=60.0,
        show_default=True,
        type=click.FloatRange(min=0.1),
        help="Seconds to spend taking one HTML page apart before giving up on it.",
    ),
)
"""``--max-bytes``, ``--max-chars``, ``--html-timeout-s``: how much ``ingest`` reads of one article."""

scale_options = _options(
    click.option(
        "--workers",
        "-j",
        default=1,
        show_default=True,
        type=click.IntRange(min=1),
        help="Extract in this many processes (this machine's cores: "
        + str(os.cpu_count() or 1)
        + "); loading and merging stay in this one.",
    ),
    click.option(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="Extract on a Dask cluster instead (e.g. tcp://10.0.0.5:8786); needs armskg installed on its workers.",
    ),
    click.option(
        "--batch-size",
        default=1000,
        show_default=True,
        type=click.IntRange(min=1),
        help="Articles loaded per store transaction.",
    ),
    click.option(
        "--shards",
        type=click.Path(path_type=Path, file_okay=False),
        help="Also write the quads as N-Quads files to this folder (articles-NNNNN.nq per batch, default.nq for "
        "the merged graph, tallies.nq for the tallies and each event's reporting), for 'oxigraph load' or another "
        "triple store's bulk loader.",
    ),
)
"""``--workers``, ``--dask-scheduler``, ``--batch-size``, ``--shards``: how ``ingest`` takes a large corpus."""

serve_options = _options(
    click.option(
        "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told otherwise)."
    ),
    click.option("--port", default=7878, show_default=True, type=int),
    click.option("--writable", is_flag=True, help="Accept SPARQL Update and Graph Store writes (no authentication!)."),
    click.option(
        "--timeout-s",
        default=30,
        show_default=True,
        type=int,
        help="Seconds a request may run; a longer one is stopped and answered HTTP 504.",
    ),
    click.option(
        "--memory-mb",
        type=int,
        help="Memory the query engine may use (default: a quarter of RAM, 512-4096 MB); "
        "a query that needs more is stopped and answered HTTP 503.",
    ),
    click.option(
        "--union-default-graph",
        is_flag=True,
        help="Query the union of all graphs as the default graph (for a store that holds only article graphs).",
    ),
    click.option("--cors", is_flag=True, help="Allow cross-origin requests from browsers."),
)
"""Where ``serve`` listens, whether it takes writes, what one request may take (``--timeout-s``,
``--memory-mb``), which graph is the default one, and whether browsers of other sites may ask."""

query_options = _options(
    click.option(
        "--endpoint",
        metavar="URL",
        help="Run the query on this SPARQL endpoint instead of the store (armskg serve, Fuseki, GraphDB, ...).",
    ),
    click.option(
        "--param",
        "-p",
        "params",
        multiple=True,
        help="A query parameter, KEY=VALUE (repeatable). An actor may be named: an ISO3 code, a country's name, "
        "capital or demonym (\"North Korea\", Pyongyang), a person's or organization's name, a key or an IRI.",
    ),
    table_options,
    click.option(
        "--timeout-s",
        default=60.0,
        show_default=True,
        type=float,
        help="With --endpoint: seconds to wait for the answer.",
    ),
    click.option("--list", "list_only", is_flag=True, help="List the named queries with their descriptions."),
    click.option(
        "--min-confidence",
        type=float,
        metavar="X",
        help="Only rows whose transfers, strikes and statements have evidence of at least this confidence (0 to 1).",
    ),
)
"""What ``query`` takes besides the query's name: where to run it, its parameters, how to print
its rows, how long to wait for an endpoint, ``--list``, and a confidence floor."""

RDF_FORMATS: Final = ("nquads", "trig", "turtle", "jsonld")
"""What ``export --format`` writes as RDF (:func:`armskg.graph.store.export_store`)."""
NETWORK_FORMATS: Final = ("graphml", "gexf", "csv", "coalitions")
"""What ``export --format`` writes from the actor network (:func:`armskg.graph.exports.export_document`)."""

export_options = _options(
    click.option(
        "--format",
        "fmt",
        type=click.Choice([*RDF_FORMATS, *NETWORK_FORMATS]),
        default="nquads",
        show_default=True,
        help="RDF: nquads, trig and jsonld hold every graph, turtle the merged graph only. The actor network: "
        "graphml or gexf (Gephi). Tables: csv (the transfer register) or coalitions (each actor's coalition).",
    ),
    click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output)."),
    click.option(
        "--projection",
        type=click.Choice(["cosignature", "supply", "hostility"]),
        help="With graphml or gexf: only who spoke together, who supplies whom, or who is hostile to whom.",
    ),
)
"""``--format``, ``-o``/``--output`` and ``--projection``: what ``export`` writes, and where."""
