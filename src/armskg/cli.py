"""The ``armskg`` command line: a thin layer over library functions a notebook can call too.

Every user mistake (a bad file, an unknown query, a store in use) ends in a one-line
message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Never

import click
from pyoxigraph import Store
from tqdm import tqdm

from armskg import __version__
from armskg.ontology import PREFIXES
from armskg.printing import format_option, table_options

if TYPE_CHECKING:
    from armskg.queries.library import QueryResult

__all__ = ["main"]

STORE_HELP = "Store folder (default: $ARMSKG_STORE or ./armskg-store)."


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"armskg: {message}", err=True)
    raise SystemExit(code)


def _store(path: Path | None, *, read_only: bool = False, finish_merges: bool = True) -> Store:
    from armskg.graph.store import StoreError, open_store

    try:
        return open_store(path, read_only=read_only, finish_merges=finish_merges)
    except StoreError as exc:
        _fail(str(exc))
        raise  # unreachable


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key:
            _fail(f"--param wants KEY=VALUE, got {value!r}", 2)
        out[key.strip()] = val
    return out


class _Commands(click.Group):
    """Every command: a store or file problem ends in one line on stderr, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from armskg.graph.store import StoreError

        try:
            return super().invoke(ctx)
        except (StoreError, OSError) as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            click.echo(f"armskg: {message}", err=True)
            raise SystemExit(1) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="armskg")
def main() -> None:
    """armskg: news about arms transfers, strikes and diplomacy, as a knowledge graph.

    Typical session: `armskg ingest articles/`, then `armskg query --list`,
    `armskg query transfers`, `armskg map -o map.html`, `armskg serve`.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option(
    "--lexicons",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="A folder of extra lexicon rows (same file names as the bundled ones).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final line.")
@click.option(
    "--max-bytes",
    default="5M",
    show_default=True,
    metavar="SIZE",
    help="Largest input read for one article: a file, or one JSON Lines record (e.g. 500K, 20M).",
)
@click.option(
    "--max-chars",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(min=1, max=1_000_000),
    metavar="N",
    help="Longest article text read, in characters (at most the default, the tokenizer's limit); "
    "a longer article is reported on one line and skipped.",
)
@click.option(
    "--html-timeout-s",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds to spend taking one HTML page apart before giving up on it.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Also push the articles to this SPARQL Graph Store endpoint (e.g. http://host:7878/store), merged with "
    "what it holds: others' articles and facts stay, events are re-merged over everyone's articles.",
)
@click.option(
    "--workers",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Extract in this many processes (this machine's cores: "
    + str(os.cpu_count() or 1)
    + "); loading and merging stay in this one.",
)
@click.option(
    "--dask-scheduler",
    metavar="ADDRESS",
    help="Extract on a Dask cluster instead (e.g. tcp://10.0.0.5:8786); needs armskg installed on its workers.",
)
@click.option(
    "--batch-size",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Articles loaded per store transaction.",
)
@click.option(
    "--shards",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write the quads as N-Quads files to this folder (articles-NNNNN.nq per batch, default.nq for "
    "the merged graph, tallies.nq for the tallies and each event's reporting), for 'oxigraph load' or another triple "
    "store's bulk loader.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar with rate and ETA (default: when stderr is a terminal).",
)
def ingest(
    paths: tuple[Path, ...],
    store: Path | None,
    lexicons: Path | None,
    quiet: bool,
    max_bytes: str,
    max_chars: int,
    html_timeout_s: float,
    endpoint: str | None,
    workers: int,
    dask_scheduler: str | None,
    batch_size: int,
    shards: Path | None,
    progress: bool | None,
) -> None:
    """Read articles from PATHS (files or folders) and add their facts to the store.

    \b
    Inputs:
      NAME.txt           plain text; optional sidecar NAME.meta.json with url, date,
                         publisher, title; a first line " date YYYY-MM-DD" is the date
      NAME.jsonl         one article per line: {"id", "text", "url", "date", ...}
      NAME.html          a web page; the article text and metadata are extracted
                         with trafilatura
    Each bad file or line is reported on one line and skipped; the rest goes in. Each
    file of a folder that is not read (a .pdf, an unknown type) is named on one line.
    Re-ingesting an unchanged article changes nothing; an article id seen twice in one
    run is read once. Exit code 1 if any input failed.

    \b
    Large corpora: --workers N extracts in N processes, --dask-scheduler on a cluster;
    articles are loaded --batch-size at a time and merged once at the end.

    \b
    The last line counts the events the store then holds as 'armskg summary' does
    (an event several articles report is one), with the mentions in these articles.
    """
    from armskg.graph.ingest import ClusterError, IngestOptions, ingest
    from armskg.graph.store import StoreError, default_store_path
    from armskg.graph.summary import summarize
    from armskg.loaders.lexicon import LexiconError, load_lexicon
    from armskg.loaders.readers import parse_size, read_articles
    from armskg.loaders.unread import unread_files
    from armskg.printing import ingest_line

    try:
        limit = parse_size(max_bytes)
    except ValueError as exc:
        _fail(f"--max-bytes: {exc}", 2)
        return
    folder = lexicons.resolve() if lexicons else None
    try:
        lexicon = load_lexicon(folder)
    except LexiconError as exc:
        _fail(str(exc), 2)
        return
    options = IngestOptions(
        workers=workers,
        dask_scheduler=dask_scheduler,
        batch_size=batch_size,
        shards=shards,
        lexicon=lexicon,
        lexicon_folder=folder,
        store_folder=store or default_store_path(),
    )
    kg = _store(store, finish_merges=False)  # a killed run's merges are done with this run's
    show = progress if progress is not None else (not quiet and sys.stderr.isatty())
    unread = list(unread_files(paths))
    for path, why in unread:
        click.echo(f"armskg: {path}: not read: {why}", err=True)
    try:
        items = read_articles(paths, max_bytes=limit, html_timeout_s=html_timeout_s, max_chars=max_chars)
        with _IngestBars(paths, show) as bars:
            result = ingest(kg, items, options, bars.progress)
    except ClusterError as exc:
        _fail(str(exc), 2)
        return
    except StoreError as exc:
        _fail(str(exc))
        return
    for reason in result.failed:
        click.echo(f"armskg: {reason}", err=True)
    if not quiet or result.failed:
        click.echo(ingest_line(result, summarize(kg), len(unread)))
    if endpoint:
        _push(kg, store, endpoint, quiet)
    if result.failed:
        raise SystemExit(1)


class _IngestBars:
    """tqdm bars on stderr for ``ingest``: articles (rate, ETA), then the blocks merged."""

    def __init__(self, paths: tuple[Path, ...], show: bool) -> None:
        from armskg.graph.ingest import IngestProgress

        self.show = show
        self.articles: tqdm[Never] | None = None
        self.merging: tqdm[Never] | None = None
        self.progress = IngestProgress(article=self._article, merge_total=self._merge_total, merged=self._merged)
        if show:
            from armskg.loaders.readers import count_articles

            self.articles = tqdm(total=count_articles(paths), unit="article", desc="extract+load", dynamic_ncols=True)

    def __enter__(self) -> _IngestBars:
        return self

    def __exit__(self, *exc: object) -> None:
        for bar in (self.articles, self.merging):
            if bar is not None:
                bar.close()

    def _article(self, outcome: str) -> None:
        if self.articles is not None:
            self.articles.update()

    def _merge_total(self, total: int) -> None:
        if self.articles is not None:
            self.articles.close()
            self.articles = None
        if self.show and total:
            self.merging = tqdm(total=total, unit="block", desc="merge", dynamic_ncols=True)

    def _merged(self, blocks: int) -> None:
        if self.merging is not None:
            self.merging.update(blocks)


def _push(kg: Store, store: Path | None, endpoint: str, quiet: bool) -> None:
    """Merge the store's articles into what a Graph Store endpoint holds (``ingest --endpoint``)."""
    from armskg.graph.store import default_store_path
    from armskg.graph.store.push import PushError, push_store

    try:
        pushed = push_store(kg, store or default_store_path(), endpoint)
    except PushError as exc:
        _fail(f"push failed: {exc}")
        return
    if not quiet:
        click.echo(
            f"pushed {len(pushed.replaced)} graphs ({pushed.triples} triples) to {endpoint}"
            + (f", removed {pushed.removed} triples" if pushed.removed else "")
            + (f", deleted {len(pushed.deleted)} articles" if pushed.deleted else "")
        )


_RDF_FORMATS = ("nquads", "trig", "turtle", "jsonld")
_NETWORK_FORMATS = ("graphml", "gexf", "csv", "coalitions")


def _network_filters(command: Callable[..., None]) -> Callable[..., None]:
    """The options that choose which events make the actor network (``map`` and ``export``)."""
    options = (
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
    for option in reversed(options):
        command = option(command)
    return command


_READS_REPORTING = re.compile(r"ak:(articleCount|firstReported|lastReported)\b")


def _warn_incomplete(kg: Store, query: str) -> bool:
    """One line on stderr when a query reads what the store keeps for it (tallies, each event's
    reporting) and the store's is not complete; whether it was said."""
    from armskg.graph.merge import reporting, tallies

    reason = None
    if tallies.TALLY_GRAPH.value in query:
        kinds = tallies.kept_kinds(kg)
        if tallies.TALLIES_PENDING in kg:
            reason = "an ingest is running or was stopped, and its statements and mentions are not counted yet"
        elif kinds == 0:
            reason = "this store was made before armskg kept statement tallies"
        elif kinds == 1 and "tallyActor" in query:
            reason = "this store was made before armskg kept mention tallies (the article counts read 0)"
    if reason is None and _READS_REPORTING.search(query) and reporting.REPORTING_KEPT not in kg:
        reason = "this store was made before armskg kept each event's article count and reporting days (rows lack them)"
    if reason is not None:
        click.echo(f"armskg: {reason}; the next 'armskg ingest' or 'remove' counts them", err=True)
    return reason is not None


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*_RDF_FORMATS, *_NETWORK_FORMATS]),
    default="nquads",
    show_default=True,
    help="RDF: nquads, trig and jsonld hold every graph, turtle the merged graph only. The actor network: "
    "graphml or gexf (Gephi). Tables: csv (the transfer register) or coalitions (each actor's coalition).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option(
    "--projection",
    type=click.Choice(["cosignature", "supply", "hostility"]),
    help="With graphml or gexf: only who spoke together, who supplies whom, or who is hostile to whom.",
)
@_network_filters
def export(
    store: Path | None,
    fmt: str,
    output: Path | None,
    projection: str | None,
    since: str | None,
    until: str | None,
    weapons: tuple[str, ...],
    min_sources: int | None,
    min_confidence: float | None,
) -> None:
    """Write the graph to a file: RDF, the actor network (GraphML, GEXF) or a table (CSV)."""
    from armskg.graph.store import export_store

    kg = _store(store, read_only=True)
    if fmt in _NETWORK_FORMATS:
        from armskg.graph.exports import export_document
        from armskg.graph.network import FilterError

        try:
            text = export_document(
                kg,
                fmt,
                projection=projection,
                since=since,
                until=until,
                weapons=weapons,
                min_sources=min_sources,
                min_confidence=min_confidence,
            )
        except FilterError as exc:
            _fail(str(exc), 2)
            return
        _say_if_empty(fmt, text, kg, projection, since, until, weapons, min_sources, min_confidence)
        if output is None:
            sys.stdout.write(text)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
        click.echo(f"wrote {output}", err=True)
        return
    if projection or since or until or weapons or min_sources is not None or min_confidence is not None:
        _fail(
            f"--projection, --from, --to, --weapon, --min-sources and --min-confidence apply to "
            f"{', '.join(_NETWORK_FORMATS)}",
            2,
        )
    _say_if_empty(fmt, None, kg)
    if output is None:
        data = export_store(kg, fmt)
        sys.stdout.buffer.write(data or b"")
    else:
        export_store(kg, fmt, output)
        click.echo(f"wrote {output}", err=True)


def _say_if_empty(fmt: str, text: str | None, kg: Store, *options: object) -> None:
    """One line on stderr when an export holds nothing (see :func:`armskg.printing.empty_export_note`)."""
    from armskg.printing import empty_export_note, filter_words

    note = empty_export_note(fmt, text, kg, filter_words(*options) if options else [])
    if note is not None:
        click.echo(note, err=True)


@main.command()
@click.argument("name", required=False)
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run the query on this SPARQL endpoint instead of the store (armskg serve, Fuseki, GraphDB, ...).",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    help="A query parameter, KEY=VALUE (repeatable). An actor may be named: an ISO3 code, a country's name, "
    "capital or demonym (\"North Korea\", Pyongyang), a person's or organization's name, a key or an IRI.",
)
@table_options
@click.option(
    "--timeout-s",
    default=60.0,
    show_default=True,
    type=float,
    help="With --endpoint: seconds to wait for the answer.",
)
@click.option("--list", "list_only", is_flag=True, help="List the named queries with their descriptions.")
@click.option(
    "--min-confidence",
    type=float,
    metavar="X",
    help="Only rows whose transfers, strikes and statements have evidence of at least this confidence (0 to 1).",
)
def query(
    name: str | None,
    store: Path | None,
    endpoint: str | None,
    params: tuple[str, ...],
    fmt: str,
    iris: bool,
    width: int | None,
    timeout_s: float,
    list_only: bool,
    min_confidence: float | None,
) -> None:
    """Run a named query from the library, or a .rq file, against the store or a SPARQL endpoint.

    \b
    The table shows names (an actor's label) and short forms armskg takes back
    (PRK, org:nato, transfer/<digest>, an article's identifier), cut to the
    terminal's width; --iris shows full IRIs, --format csv/json/tsv every value whole.
    When no row matches, one line on stderr says so (csv and tsv print the header).
    """
    from armskg.printing import nothing_matched, print_result
    from armskg.queries.labels import Select, store_select
    from armskg.queries.library import QueryError, list_queries, load_query
    from armskg.queries.run import run_query

    if list_only or name is None:
        for q in list_queries():
            click.echo(f"{q.name:32s} {q.description}")
            for p in q.params:
                need = "required" if p.required else ("optional" if p.default == "" else f"default {p.default}")
                click.echo(f"    --param {p.name}=<{p.type}>  ({need}) {p.description}")
        return
    if endpoint and store:
        _fail("give --store or --endpoint, not both", 2)
    if timeout_s < 1:
        _fail(f"--timeout-s {timeout_s:g}: must be at least 1 second", 2)
    if min_confidence is not None and endpoint:
        _fail("--min-confidence reads the store's evidence; it does not apply with --endpoint", 2)
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        _fail(f"--min-confidence {min_confidence:g}: must be a number from 0 to 1", 2)
    try:
        named = load_query(name)
        values = _params(params)
        select: Select
        warned = False
        if endpoint:
            from armskg.queries.client import SparqlEndpoint

            remote = SparqlEndpoint(endpoint, timeout_s=timeout_s)
            result = remote.run(named, values)
            select = lambda sparql: remote.run_sparql(PREFIXES + sparql).terms  # noqa: E731
        else:
            kg = _store(store, read_only=True)
            result = run_query(kg, named, values)
            select = store_select(kg)
            warned = _warn_incomplete(kg, named.text)
            if min_confidence is not None:
                result = _confident_rows(kg, result, min_confidence, named.name)
        nothing = None if warned else nothing_matched(named.name, values, min_confidence, None if endpoint else kg)
        given = [key for key, value in values.items() if value]
        print_result(result, fmt, select=select, iris=iris, width=width, nothing=nothing, given=given)
    except QueryError as exc:
        _fail(str(exc), 2)
        return


def _confident_rows(kg: Store, result: QueryResult, floor: float, name: str) -> QueryResult:
    """The rows whose events (transfers, strikes, statements) all have evidence of at least ``floor``."""
    from armskg.graph.network import read_event_facts
    from armskg.queries.library import QueryError

    facts = read_event_facts(kg, confidence=True)
    if result.boolean is None and result.rows and not any(v in facts for row in result.rows for v in row):
        raise QueryError(f"{name}: its rows name no transfer, strike or statement, so --min-confidence cannot apply")
    return result.filter_rows(lambda row: all(facts[v].confidence >= floor for v in row if v in facts))


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told otherwise)."
)
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--writable", is_flag=True, help="Accept SPARQL Update and Graph Store writes (no authentication!).")
@click.option(
    "--timeout-s",
    default=30,
    show_default=True,
    type=int,
    help="Seconds a request may run; a longer one is stopped and answered HTTP 504.",
)
@click.option(
    "--memory-mb",
    type=int,
    help="Memory the query engine may use (default: a quarter of RAM, 512-4096 MB); "
    "a query that needs more is stopped and answered HTTP 503.",
)
@click.option(
    "--union-default-graph",
    is_flag=True,
    help="Query the union of all graphs as the default graph (for a store that holds only article graphs).",
)
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from browsers.")
def serve(
    store: Path | None,
    host: str,
    port: int,
    writable: bool,
    timeout_s: int,
    memory_mb: int | None,
    union_default_graph: bool,
    cors: bool,
) -> None:
    """Serve the store as a SPARQL endpoint with the real Oxigraph server (Ctrl-C stops it).

    \b
    Endpoints: /query (SPARQL 1.1 queries), /update and /store (SPARQL Update and
    Graph Store Protocol, with --writable), and a query page at / (YASGUI with
    armskg's prefixes and named queries). Articles ingested while it runs show once
    written: it reopens the store between requests.
    Every request is bounded: one that runs longer than --timeout-s gets HTTP 504,
    one that needs more than --memory-mb gets HTTP 503, both with a JSON error;
    the engine restarts on its own and other clients keep getting answers.
    """
    import logging
    import signal

    from armskg.graph.endpoint import ServerError
    from armskg.graph.endpoint import serve as serve_store
    from armskg.graph.store import default_store_path

    location = store or default_store_path()
    if timeout_s < 1:
        _fail(f"--timeout-s {timeout_s}: must be at least 1 second", 2)
    if memory_mb is not None and memory_mb < 64:
        _fail(f"--memory-mb {memory_mb}: must be at least 64", 2)
    if not location.exists() and not writable:
        _fail(f"{location}: no store here (run 'armskg ingest' first)")
    if writable:
        click.echo("armskg: warning: the endpoint accepts writes and has no authentication", err=True)
    events = logging.getLogger("armskg.serve")
    if not events.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("armskg: %(message)s"))
        events.addHandler(handler)
        events.setLevel(logging.INFO)
    try:
        server = serve_store(
            location,
            host=host,
            port=port,
            writable=writable,
            timeout_s=timeout_s,
            cors=cors,
            memory_mb=memory_mb,
            union_default_graph=union_default_graph,
        )
    except ServerError as exc:
        _fail(str(exc))

    def _stop_on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop_on_term)
    click.echo(f"SPARQL endpoint: {server.url}   (query UI: {server.base_url}/)  Ctrl-C to stop")
    mode = "writable" if writable else "read-only"
    click.echo(
        f"armskg: {mode}; each request may run {server.timeout_s} s, the engine may use {server.memory_mb} MB",
        err=True,
    )
    if not writable:
        click.echo(
            "armskg: new ingests show once written (the header X-Armskg-Snapshot says when it read the store)", err=True
        )
    try:
        server.wait()
    except KeyboardInterrupt:
        click.echo("stopping", err=True)
    finally:
        server.stop()


@main.command(name="map")
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--title", default="armskg coalition map", show_default=True)
@_network_filters
@click.option(
    "--figure",
    type=click.Path(path_type=Path),
    help="Also draw the same network as a static figure for papers (.png, .svg or .pdf).",
)
@click.option(
    "--save-coalitions",
    is_flag=True,
    help="Also write the coalitions into the store (named graph .../graph/coalitions; see 'armskg query coalitions').",
)
def map_command(
    store: Path | None,
    output: Path,
    title: str,
    since: str | None,
    until: str | None,
    weapons: tuple[str, ...],
    min_sources: int | None,
    min_confidence: float | None,
    figure: Path | None,
    save_coalitions: bool,
) -> None:
    """Write the coalition map: one self-contained HTML file that works offline.

    When nothing matches (an empty store, or a filter that keeps no event), one line says so,
    no file is written and the exit code is 1.
    """
    from armskg.graph.network import FilterError, actor_network, coalitions, write_coalitions
    from armskg.graph.render import FIGURE_FORMATS, write_coalition_map, write_figure

    if figure is not None and figure.suffix.lower() not in FIGURE_FORMATS:
        _fail(f"--figure {figure}: the name must end in {', '.join(FIGURE_FORMATS)}", 2)
    kg = _store(store, read_only=not save_coalitions)
    try:
        graph = actor_network(
            kg, since=since, until=until, weapons=weapons, min_sources=min_sources, min_confidence=min_confidence
        )
    except FilterError as exc:
        _fail(str(exc), 2)
        return
    if graph.number_of_nodes() == 0:
        from armskg.graph.store import default_store_path

        where, described = store or default_store_path(), str(graph.graph.get("filter") or "")
        _fail(
            f"nothing to map: no transfer, strike or statement in {where} matches the filter ({described}); "
            "no file written"
            if described
            else f"nothing to map: {where} holds no transfers, strikes or statements (ingest articles first); "
            "no file written"
        )
    camp = coalitions(graph)
    for node, index in camp.items():
        graph.nodes[node]["coalition"] = index
    try:
        path = write_coalition_map(graph, output, title=title)
        drawn = write_figure(graph, figure, title=title) if figure is not None else None
    except OSError as exc:
        _fail(f"{exc.filename or output}: cannot write ({exc.strerror or exc})")
        return
    from armskg.graph.render import drawn_summary

    click.echo(f"wrote {path} ({drawn_summary(graph)})")
    if drawn is not None:
        click.echo(f"wrote {drawn}")
    if save_coalitions:
        described = str(graph.graph.get("filter") or "")
        count = write_coalitions(kg, graph, camp, note=f"Filter: {described}." if described else "")
        click.echo(f"saved {count} coalitions in the store (armskg query coalitions)")


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
def validate(store: Path | None) -> None:
    """Check the graph against the SHACL shapes; exit code 1 on violations."""
    from armskg.graph.validate import validate_store

    result = validate_store(_store(store, read_only=True))
    if result.conforms:
        click.echo("the graph conforms to the armskg shapes")
        return
    click.echo(result.report)
    click.echo(f"{result.violations} violations", err=True)
    raise SystemExit(1)


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
def remove(article_ids: tuple[str, ...], store: Path | None) -> None:
    """Retract articles (by identifier, or the article IRI 'query evidence' prints) and every
    fact only they reported."""
    from armskg.graph.ingest import remove_article
    from armskg.queries.names import article_id

    kg = _store(store)
    missing = [a for a in article_ids if not remove_article(kg, article_id(a))]
    for a in missing:
        click.echo(f"armskg: no article {a!r} in the store", err=True)
    click.echo(f"removed {len(article_ids) - len(missing)} articles")
    if missing:
        raise SystemExit(1)


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@format_option
def summary(store: Path | None, fmt: str) -> None:
    """Count what the graph holds (each event once, however many articles report it)."""
    from armskg.graph.store import pending_blocks
    from armskg.graph.summary import summarize
    from armskg.tables import format_counts

    kg = _store(store, read_only=True)
    sys.stdout.write(format_counts(summarize(kg).as_dict(), fmt))
    waiting = len(pending_blocks(kg))
    if waiting:
        click.echo(
            f"armskg: {waiting} merge blocks are not merged yet (an ingest is running or was stopped); "
            "the next 'armskg ingest' or 'remove' finishes them",
            err=True,
        )


def _sample_paths() -> Iterator[Path]:
    root = resources.files("armskg.samples")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".txt", ".jsonl")):
            yield Path(str(entry))


DEMO_QUERIES: tuple[tuple[str, dict[str, str]], ...] = (
    ("transfers", {}),
    ("statements-about-transfers", {"stance": "condemn"}),
    ("coalition-cosignatures", {}),
)


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("armskg-out"),
    show_default=True,
    help="Folder for the coalition map.",
)
def demo(store: Path | None, out: Path) -> None:
    """The main job on the bundled sample articles: ingest, summarise, query, map."""
    from armskg.graph.ingest import ingest
    from armskg.graph.network import actor_network
    from armskg.graph.render import write_coalition_map
    from armskg.graph.store import default_store_path
    from armskg.graph.summary import summarize
    from armskg.loaders.readers import read_articles
    from armskg.printing import result_labels
    from armskg.queries.labels import store_select
    from armskg.queries.library import load_query
    from armskg.queries.run import run_query
    from armskg.tables import format_result, table_width

    location = store or default_store_path()
    kg = _store(location)
    result = ingest(kg, read_articles(list(_sample_paths())))
    for reason in result.failed:
        click.echo(f"armskg: {reason}", err=True)
    click.echo(f"store: {location.resolve()}  ({result.ingested} articles ingested, {result.unchanged} unchanged)")
    click.echo("\n== summary")
    for key, value in summarize(kg).as_dict().items():
        click.echo(f"  {key:14s} {value}")
    for name, params in DEMO_QUERIES:
        q = load_query(name)
        click.echo(f"\n== query {name} {' '.join(f'--param {k}={v}' for k, v in params.items())}".rstrip())
        click.echo(f"   ({q.description})")
        answer = run_query(kg, q, params)
        table = format_result(answer, "table", result_labels(answer, store_select(kg)), width=table_width())
        lines = table.rstrip("\n").splitlines()
        shown = 15
        if len(answer.terms) > shown + 1:
            rest = " ".join(f"--param {k}={v}" for k, v in params.items())
            lines = [
                *lines[: shown + 2],
                f"... {len(answer.terms)} rows; all of them: armskg query {name} {rest}".rstrip(),
            ]
        click.echo("\n".join(lines))
    out.mkdir(parents=True, exist_ok=True)
    path = write_coalition_map(actor_network(kg), out / "coalition-map.html", title="armskg sample: coalition map")
    click.echo(f"\n== coalition map written to {path.resolve()} (open it in a browser; it works offline)")
    if result.failed:
        raise SystemExit(1)
