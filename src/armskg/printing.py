"""What the commands say besides their data: the progress bars and last line of ``ingest``,
the one line that says a query, export or map matched nothing, the lines ``serve`` starts with,
and the demo's answers.

Kept out of :mod:`armskg.cli` so that the commands stay a thin layer of options (declared in
:mod:`armskg.options`) and library calls.  Data goes to standard output, remarks to standard
error, so that ``--format csv`` or ``json`` output stays valid when nothing matched (a header
only, an empty ``bindings`` list).
"""

from __future__ import annotations

import logging
import shlex
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Never

import click
from pyoxigraph import DefaultGraph, NamedNode, Store
from tqdm import tqdm

from armskg.ontology.vocabulary import RDF_TYPE, Ak
from armskg.tables import format_result, table_width

if TYPE_CHECKING:
    from armskg.demo import DemoAnswer
    from armskg.graph.endpoint import SparqlServer
    from armskg.graph.ingest import IngestProgress, IngestReport
    from armskg.graph.store.push import PushReport
    from armskg.graph.summary import Summary
    from armskg.queries.answer import Answer
    from armskg.queries.labels import Select
    from armskg.queries.library import NamedQuery, QueryResult

__all__ = [
    "IngestBars",
    "announce_server",
    "demo_answer",
    "described",
    "empty_export_note",
    "filter_words",
    "holds_articles",
    "ingest_line",
    "log_to_stderr",
    "nothing_matched",
    "nothing_to_map",
    "print_answer",
    "print_result",
    "push_line",
    "query_list",
    "result_labels",
]


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


def print_answer(answer: Answer, fmt: str, *, iris: bool = False, width: int | None = None) -> None:
    """Print what ``armskg query`` prints of an :class:`~armskg.queries.answer.Answer`: first, on
    stderr, why its counts may read short (its caveat), then its rows (see :func:`print_result`)."""
    if answer.caveat is not None:
        click.echo(f"armskg: {answer.caveat}; the next 'armskg ingest' or 'remove' counts them", err=True)
    nothing = (
        None
        if answer.caveat is not None
        else nothing_matched(answer.query.name, answer.values, answer.min_confidence, answer.store)
    )
    print_result(answer.result, fmt, select=answer.select, iris=iris, width=width, nothing=nothing, given=answer.given)


def query_list(queries: Iterable[NamedQuery]) -> str:
    """``armskg query --list``: each query's name and description, then its parameters.

    >>> from armskg.queries.library import load_query
    >>> print(query_list([load_query("transfers")]).splitlines()[1].partition(")")[0] + ")")
        --param supplier=<actor>  (optional)
    """
    lines: list[str] = []
    for q in queries:
        lines.append(f"{q.name:32s} {q.description}")
        for p in q.params:
            need = "required" if p.required else ("optional" if p.default == "" else f"default {p.default}")
            lines.append(f"    --param {p.name}=<{p.type}>  ({need}) {p.description}")
    return "".join(line + "\n" for line in lines)


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


def filter_words(given: Mapping[str, object]) -> list[str]:
    """The filters of ``export`` as given (``projection``, ``since``, ``until``, ``weapons``,
    ``min_sources``, ``min_confidence``: the library's names), back to their options, in that order.

    >>> filter_words({"weapons": ("drone",), "since": "2030", "until": None})
    ['--from 2030', '--weapon drone']
    """
    words: list[str] = []
    for key, name in _FILTER_FLAGS.items():
        value = given.get(key)
        values = value if isinstance(value, tuple) else (value,)
        words.extend(f"{name} {shlex.quote(str(v))}" for v in values if v is not None)
    return words


_FILTER_FLAGS: Final = {
    "projection": "--projection",
    "since": "--from",
    "until": "--to",
    "weapons": "--weapon",
    "min_sources": "--min-sources",
    "min_confidence": "--min-confidence",
}


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


def push_line(pushed: PushReport, endpoint: str) -> str:
    """What ``ingest --endpoint`` did to the remote store, in one line.

    >>> from armskg.graph.store.push import PushReport
    >>> push_line(PushReport(replaced=["a", "b"], triples=40, removed=3), "http://h/store")
    'pushed 2 graphs (40 triples) to http://h/store, removed 3 triples'
    """
    return (
        f"pushed {len(pushed.replaced)} graphs ({pushed.triples} triples) to {endpoint}"
        + (f", removed {pushed.removed} triples" if pushed.removed else "")
        + (f", deleted {len(pushed.deleted)} articles" if pushed.deleted else "")
    )


def nothing_to_map(where: Path, described: str) -> str:
    """Why ``armskg map`` wrote nothing: no event in the store at ``where`` matches the filter
    ``described`` (in words), or (``""``) the store holds no events at all.

    >>> nothing_to_map(Path("kg"), "from 2090-01-01")
    'nothing to map: no transfer, strike or statement in kg matches the filter (from 2090-01-01); no file written'
    """
    if described:
        return (
            f"nothing to map: no transfer, strike or statement in {where} matches the filter ({described}); "
            "no file written"
        )
    return f"nothing to map: {where} holds no transfers, strikes or statements (ingest articles first); no file written"


class IngestBars:
    """tqdm bars on stderr for ``ingest``: articles (rate, ETA), then the blocks merged; nothing
    when ``show`` is false.  :attr:`progress` is what :func:`armskg.graph.ingest.ingest` calls."""

    def __init__(self, paths: Sequence[Path], show: bool) -> None:
        from armskg.graph.ingest import IngestProgress

        self.show = show
        self.articles: tqdm[Never] | None = None
        self.merging: tqdm[Never] | None = None
        self.progress: IngestProgress = IngestProgress(
            article=self._article, merge_total=self._merge_total, merged=self._merged
        )
        if show:
            from armskg.loaders.readers import count_articles

            self.articles = tqdm(total=count_articles(paths), unit="article", desc="extract+load", dynamic_ncols=True)

    def __enter__(self) -> IngestBars:
        return self

    def note(self, line: str) -> None:
        """Print ``line`` on stderr, above a bar being drawn rather than through it."""
        if self.articles is not None or self.merging is not None:
            tqdm.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

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


def log_to_stderr(name: str) -> None:
    """Send the log records of the logger ``name`` (INFO and up) to stderr as ``armskg: message``
    lines, once: a logger that has a handler already is left as it is."""
    events = logging.getLogger(name)
    if not events.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("armskg: %(message)s"))
        events.addHandler(handler)
        events.setLevel(logging.INFO)


def announce_server(server: SparqlServer, writable: bool) -> None:
    """The lines ``armskg serve`` starts with: where the endpoint is (stdout), and its limits (stderr)."""
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


def demo_answer(answer: DemoAnswer, select: Select) -> str:
    """One question of ``armskg demo``: a heading, the query's description and its table, cut after
    15 rows with a line that says how to see them all."""
    name, result = answer.query.name, answer.result
    given = " ".join(f"--param {k}={v}" for k, v in answer.params.items())
    table = format_result(result, "table", result_labels(result, select), width=table_width())
    lines = table.rstrip("\n").splitlines()
    shown = 15
    if len(result.terms) > shown + 1:
        lines = [
            *lines[: shown + 2],
            f"... {len(result.terms)} rows; all of them: armskg query {name} {given}".rstrip(),
        ]
    return "\n".join([f"\n== query {name} {given}".rstrip(), f"   ({answer.query.description})", *lines])
