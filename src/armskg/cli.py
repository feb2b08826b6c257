"""The ``armskg`` command line: a thin layer over library functions a notebook can call too.

Every user mistake (a bad file, an unknown query, a store in use) ends in a one-line
message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import click
from pyoxigraph import Store

from armskg import __version__

__all__ = ["main"]

STORE_HELP = "Store folder (default: $ARMSKG_STORE or ./armskg-store)."


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"armskg: {message}", err=True)
    raise SystemExit(code)


def _store(path: Path | None, *, read_only: bool = False) -> Store:
    from armskg.graph.store import StoreError, open_store

    try:
        return open_store(path, read_only=read_only)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
def ingest(paths: tuple[Path, ...], store: Path | None, lexicons: Path | None, quiet: bool) -> None:
    """Read articles from PATHS (files or folders) and add their facts to the store.

    \b
    Inputs:
      NAME.txt           plain text; optional sidecar NAME.meta.json with url, date,
                         publisher, title; a first line " date YYYY-MM-DD" is the date
      NAME.jsonl         one article per line: {"id", "text", "url", "date", ...}
      NAME.html          a web page; the article text and metadata are extracted
                         with trafilatura
    Each bad file or line is reported on one line and skipped; the rest goes in.
    Re-ingesting an unchanged article changes nothing. Exit code 1 if any input failed.
    """
    from armskg.graph.store import StoreError, ingest_articles
    from armskg.loaders.lexicon import LexiconError, load_lexicon
    from armskg.loaders.readers import InputError, read_articles

    try:
        lexicon = load_lexicon(lexicons.resolve() if lexicons else None)
    except LexiconError as exc:
        _fail(str(exc), 2)
        return
    kg = _store(store)

    def report(item: object, outcome: str) -> None:
        if outcome == "failed" and isinstance(item, InputError):
            click.echo(f"armskg: {item}", err=True)

    try:
        result = ingest_articles(kg, read_articles(paths), lexicon=lexicon, on_item=report)
    except StoreError as exc:
        _fail(str(exc))
        return
    for reason in result.failed:
        if ":" in reason and "extraction failed" in reason:
            click.echo(f"armskg: {reason}", err=True)
    if not quiet or result.failed:
        click.echo(
            f"ingested {result.ingested} articles ({result.unchanged} unchanged, {len(result.failed)} failed): "
            f"{result.transfers} transfers, {result.strikes} strikes, {result.statements} statements"
        )
    if result.failed:
        raise SystemExit(1)


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nquads", "trig", "turtle", "jsonld"]),
    default="nquads",
    show_default=True,
    help="nquads, trig and jsonld hold every graph; turtle the merged graph only.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
def export(store: Path | None, fmt: str, output: Path | None) -> None:
    """Write the graph to a file in an RDF format."""
    from armskg.graph.store import export_store

    kg = _store(store, read_only=True)
    if output is None:
        data = export_store(kg, fmt)
        sys.stdout.buffer.write(data or b"")
    else:
        export_store(kg, fmt, output)
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("name", required=False)
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option("--param", "-p", "params", multiple=True, help="A query parameter, KEY=VALUE (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_only", is_flag=True, help="List the named queries with their descriptions.")
def query(name: str | None, store: Path | None, params: tuple[str, ...], fmt: str, list_only: bool) -> None:
    """Run a named query from the library, or a .rq file, against the store."""
    from armskg.queries.library import QueryError, list_queries, load_query, run_query

    if list_only or name is None:
        for q in list_queries():
            click.echo(f"{q.name:32s} {q.description}")
            for p in q.params:
                click.echo(f"    --param {p.name}=<{p.type}>  {p.description}")
        return
    try:
        named = load_query(name)
        result = run_query(_store(store, read_only=True), named, _params(params))
    except QueryError as exc:
        _fail(str(exc), 2)
        return
    text = {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]()
    click.echo(text.rstrip("\n"))


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told otherwise)."
)
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--writable", is_flag=True, help="Accept SPARQL Update and Graph Store writes (no authentication!).")
@click.option("--timeout-s", default=30, show_default=True, type=int, help="Query timeout in seconds.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from browsers.")
def serve(store: Path | None, host: str, port: int, writable: bool, timeout_s: int, cors: bool) -> None:
    """Serve the store as a SPARQL endpoint with the real Oxigraph server (Ctrl-C stops it)."""
    from armskg.graph.serve import ServerError, SparqlServer
    from armskg.graph.store import default_store_path

    location = store or default_store_path()
    if not location.exists():
        _fail(f"{location}: no store here (run 'armskg ingest' first)")
    if writable:
        click.echo("armskg: warning: the endpoint accepts writes and has no authentication", err=True)
    server = SparqlServer(location, host=host, port=port, writable=writable, timeout_s=timeout_s, cors=cors)
    try:
        server.start()
    except ServerError as exc:
        _fail(str(exc))
    click.echo(f"SPARQL endpoint: {server.url}   (query UI: {server.base_url}/)  Ctrl-C to stop")
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
def map_command(store: Path | None, output: Path, title: str) -> None:
    """Write the coalition map: one self-contained HTML file that works offline."""
    from armskg.graph.coalition_map import write_coalition_map
    from armskg.graph.network import actor_network

    graph = actor_network(_store(store, read_only=True))
    path = write_coalition_map(graph, output, title=title)
    click.echo(f"wrote {path} ({graph.number_of_nodes()} actors, {graph.number_of_edges()} relations)")


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
    """Retract articles (by identifier) and every fact only they reported."""
    from armskg.graph.store import remove_article

    kg = _store(store)
    missing = [a for a in article_ids if not remove_article(kg, a)]
    for a in missing:
        click.echo(f"armskg: no article {a!r} in the store", err=True)
    click.echo(f"removed {len(article_ids) - len(missing)} articles")
    if missing:
        raise SystemExit(1)


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
def summary(store: Path | None) -> None:
    """Count what the graph holds."""
    from armskg.graph.summary import summarize

    for key, value in summarize(_store(store, read_only=True)).as_dict().items():
        click.echo(f"{key:14s} {value}")


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
    from armskg.graph.coalition_map import write_coalition_map
    from armskg.graph.network import actor_network
    from armskg.graph.store import default_store_path, ingest_articles
    from armskg.graph.summary import summarize
    from armskg.loaders.readers import read_articles
    from armskg.queries.library import load_query, run_query

    location = store or default_store_path()
    kg = _store(location)
    result = ingest_articles(kg, read_articles(list(_sample_paths())))
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
        click.echo(run_query(kg, q, params).to_table().rstrip("\n"))
    out.mkdir(parents=True, exist_ok=True)
    path = write_coalition_map(actor_network(kg), out / "coalition-map.html", title="armskg sample: coalition map")
    click.echo(f"\n== coalition map written to {path.resolve()} (open it in a browser; it works offline)")
    if result.failed:
        raise SystemExit(1)
