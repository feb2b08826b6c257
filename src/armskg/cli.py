"""The ``armskg`` command line: a thin layer over library functions a notebook can call too.

Every user mistake (a bad file, an unknown query, a store in use) ends in a one-line
message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click
from pyoxigraph import Store

from armskg import __version__
from armskg.options import (
    NETWORK_FORMATS,
    FilterValues,
    export_options,
    format_option,
    input_limits,
    network_filters,
    query_options,
    scale_options,
    serve_options,
    store_option,
)

__all__ = ["main"]


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"armskg: {message}", err=True)
    raise SystemExit(code)


def _store(path: Path | None, *, read_only: bool = False, finish_merges: bool = True) -> Store:
    from armskg.graph.store import StoreError, open_store

    try:
        return open_store(path, read_only=read_only, finish_merges=finish_merges)
    except StoreError as exc:
        _fail(str(exc))


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
@store_option
@click.option(
    "--lexicons",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="A folder of extra lexicon rows (same file names as the bundled ones).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final line.")
@input_limits
@click.option(
    "--endpoint",
    metavar="URL",
    help="Also push the articles to this SPARQL Graph Store endpoint (e.g. http://host:7878/store), merged with "
    "what it holds: others' articles and facts stay, events are re-merged over everyone's articles.",
)
@scale_options
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
    from armskg.graph.ingest import ClusterError, IngestOptions, ingest_files
    from armskg.graph.store import StoreError, default_store_path
    from armskg.loaders.lexicon import LexiconError, load_lexicon
    from armskg.loaders.readers import parse_size
    from armskg.printing import IngestBars, ingest_line

    try:
        limit = parse_size(max_bytes)
    except ValueError as exc:
        _fail(f"--max-bytes: {exc}", 2)
    folder = lexicons.resolve() if lexicons else None
    try:
        lexicon = load_lexicon(folder)
    except LexiconError as exc:
        _fail(str(exc), 2)
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
    try:
        with IngestBars(paths, show) as bars:
            done = ingest_files(
                kg,
                paths,
                options,
                max_bytes=limit,
                max_chars=max_chars,
                html_timeout_s=html_timeout_s,
                progress=bars.progress,
                on_unread=lambda path, why: bars.note(f"armskg: {path}: not read: {why}"),
            )
    except ClusterError as exc:
        _fail(str(exc), 2)
    except StoreError as exc:
        _fail(str(exc))
    for reason in done.report.failed:
        click.echo(f"armskg: {reason}", err=True)
    if not quiet or done.report.failed:
        click.echo(ingest_line(done.report, done.held, len(done.unread)))
    if endpoint:
        _push(kg, store, endpoint, quiet)
    if done.report.failed:
        raise SystemExit(1)


def _push(kg: Store, store: Path | None, endpoint: str, quiet: bool) -> None:
    """Merge the store's articles into what a Graph Store endpoint holds (``ingest --endpoint``)."""
    from armskg.graph.store import default_store_path
    from armskg.graph.store.push import PushError, push_store
    from armskg.printing import push_line

    try:
        pushed = push_store(kg, store or default_store_path(), endpoint)
    except PushError as exc:
        _fail(f"push failed: {exc}")
    if not quiet:
        click.echo(push_line(pushed, endpoint))


@main.command()
@store_option
@export_options
@network_filters
def export(
    store: Path | None,
    fmt: str,
    output: Path | None,
    projection: str | None,
    filters: FilterValues,
) -> None:
    """Write the graph to a file: RDF, the actor network (GraphML, GEXF) or a table (CSV)."""
    from armskg.graph.exports import export_document
    from armskg.graph.network import FilterError
    from armskg.graph.store import export_store
    from armskg.printing import empty_export_note, filter_words

    kg = _store(store, read_only=True)
    network = fmt in NETWORK_FORMATS
    chosen = projection or filters["since"] or filters["until"] or filters["weapons"]
    if not network and (chosen or filters["min_sources"] is not None or filters["min_confidence"] is not None):
        formats = ", ".join(NETWORK_FORMATS)
        _fail(f"--projection, --from, --to, --weapon, --min-sources and --min-confidence apply to {formats}", 2)
    try:
        text = export_document(kg, fmt, projection=projection, **filters) if network else None
    except FilterError as exc:
        _fail(str(exc), 2)
    note = empty_export_note(fmt, text, kg, filter_words({"projection": projection, **filters}) if network else [])
    if note is not None:
        click.echo(note, err=True)
    if text is None:
        data = export_store(kg, fmt, output)
        if output is None:
            sys.stdout.buffer.write(data or b"")
    elif output is None:
        sys.stdout.write(text)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
    if output is not None:
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("name", required=False)
@store_option
@query_options
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
    from armskg.printing import print_answer, query_list
    from armskg.queries.answer import answer_query
    from armskg.queries.library import QueryError, list_queries, load_query

    if list_only or name is None:
        click.echo(query_list(list_queries()), nl=False)
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
        named, values = load_query(name), _params(params)
        kg = None if endpoint else _store(store, read_only=True)
        answer = answer_query(
            named, values, store=kg, endpoint=endpoint, timeout_s=timeout_s, min_confidence=min_confidence
        )
        print_answer(answer, fmt, iris=iris, width=width)
    except QueryError as exc:
        _fail(str(exc), 2)


@main.command()
@store_option
@serve_options
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
    from armskg.graph.endpoint import ServerError, run_in_foreground
    from armskg.graph.endpoint import serve as serve_store
    from armskg.graph.store import default_store_path
    from armskg.printing import announce_server, log_to_stderr

    location = store or default_store_path()
    if timeout_s < 1:
        _fail(f"--timeout-s {timeout_s}: must be at least 1 second", 2)
    if memory_mb is not None and memory_mb < 64:
        _fail(f"--memory-mb {memory_mb}: must be at least 64", 2)
    if not location.exists() and not writable:
        _fail(f"{location}: no store here (run 'armskg ingest' first)")
    if writable:
        click.echo("armskg: warning: the endpoint accepts writes and has no authentication", err=True)
    log_to_stderr("armskg.serve")
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
    run_in_foreground(
        server,
        on_ready=lambda: announce_server(server, writable),
        on_stop=lambda: click.echo("stopping", err=True),
    )


@main.command(name="map")
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--title", default="armskg coalition map", show_default=True)
@network_filters
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
    filters: FilterValues,
    figure: Path | None,
    save_coalitions: bool,
) -> None:
    """Write the coalition map: one self-contained HTML file that works offline.

    When nothing matches (an empty store, or a filter that keeps no event), one line says so,
    no file is written and the exit code is 1.
    """
    from armskg.graph.network import FilterError
    from armskg.graph.render import FIGURE_FORMATS, NothingToMapError, write_maps
    from armskg.graph.store import default_store_path
    from armskg.printing import nothing_to_map

    if figure is not None and figure.suffix.lower() not in FIGURE_FORMATS:
        _fail(f"--figure {figure}: the name must end in {', '.join(FIGURE_FORMATS)}", 2)
    kg = _store(store, read_only=not save_coalitions)
    try:
        drawn = write_maps(kg, output, figure=figure, title=title, **filters)
    except FilterError as exc:
        _fail(str(exc), 2)
    except NothingToMapError as empty:
        _fail(nothing_to_map(store or default_store_path(), empty.described))
    except OSError as exc:
        _fail(f"{exc.filename or output}: cannot write ({exc.strerror or exc})")
    click.echo(f"wrote {drawn.path} ({drawn.summary})")
    if drawn.figure is not None:
        click.echo(f"wrote {drawn.figure}")
    if save_coalitions:
        click.echo(f"saved {drawn.save_coalitions(kg)} coalitions in the store (armskg query coalitions)")


@main.command()
@store_option
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
@store_option
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
@store_option
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


@main.command()
@store_option
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("armskg-out"),
    show_default=True,
    help="Folder for the coalition map.",
)
def demo(store: Path | None, out: Path) -> None:
    """The main job on the bundled sample articles: ingest, summarise, query, map."""
    from armskg.demo import run_demo
    from armskg.graph.store import default_store_path
    from armskg.printing import demo_answer
    from armskg.queries.labels import store_select

    location = store or default_store_path()
    kg = _store(location)
    done = run_demo(kg, out)
    result = done.report
    for reason in result.failed:
        click.echo(f"armskg: {reason}", err=True)
    click.echo(f"store: {location.resolve()}  ({result.ingested} articles ingested, {result.unchanged} unchanged)")
    click.echo("\n== summary")
    for key, value in done.held.as_dict().items():
        click.echo(f"  {key:14s} {value}")
    for answer in done.answers:
        click.echo(demo_answer(answer, store_select(kg)))
    click.echo(f"\n== coalition map written to {done.map_path.resolve()} (open it in a browser; it works offline)")
    if result.failed:
        raise SystemExit(1)
