"""The main job on the bundled sample articles, in one call: what ``armskg demo`` does.

:func:`run_demo` ingests the samples (:mod:`armskg.samples`) into a store, counts what it holds,
asks the questions of :data:`DEMO_QUERIES` and writes the coalition map; the command line prints
what it returns (:func:`armskg.printing.demo_answer`), a notebook can look at it as it likes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pyoxigraph import Store

from armskg.graph.ingest import IngestReport, ingest
from armskg.graph.network import actor_network
from armskg.graph.render import write_coalition_map
from armskg.graph.summary import Summary, summarize
from armskg.loaders.readers import read_articles
from armskg.queries.library import NamedQuery, QueryResult, load_query
from armskg.queries.run import run_query

__all__ = ["DEMO_QUERIES", "DemoAnswer", "DemoRun", "run_demo", "sample_paths"]

DEMO_QUERIES: tuple[tuple[str, dict[str, str]], ...] = (
    ("transfers", {}),
    ("statements-about-transfers", {"stance": "condemn"}),
    ("coalition-cosignatures", {}),
)
"""The named queries the demo asks, with their parameters."""


@dataclass(frozen=True)
class DemoAnswer:
    """One question of the demo: the query, its parameters and the answer."""

    query: NamedQuery
    params: Mapping[str, str]
    result: QueryResult


@dataclass(frozen=True)
class DemoRun:
    """What :func:`run_demo` did: the ingest's report, the store's counts, the answers, the map."""

    report: IngestReport
    held: Summary
    answers: list[DemoAnswer]
    map_path: Path


def sample_paths() -> list[Path]:
    """The bundled sample articles (``.txt`` and ``.jsonl`` files), sorted by name.

    >>> [path.name for path in sample_paths()][:2]
    ['01_advisers_condemn_transfer.txt', '02_joint_statement_48.txt']
    """
    root = resources.files("armskg.samples")
    entries = sorted(root.iterdir(), key=lambda entry: entry.name)
    return [Path(str(entry)) for entry in entries if entry.name.endswith((".txt", ".jsonl"))]


def run_demo(store: Store, out: Path) -> DemoRun:
    """Ingest the samples into ``store``, ask :data:`DEMO_QUERIES`, write ``out/coalition-map.html``."""
    report = ingest(store, read_articles(sample_paths()))
    held = summarize(store)
    answers = []
    for name, params in DEMO_QUERIES:
        query = load_query(name)
        answers.append(DemoAnswer(query, params, run_query(store, query, params)))
    out.mkdir(parents=True, exist_ok=True)
    path = write_coalition_map(actor_network(store), out / "coalition-map.html", title="armskg sample: coalition map")
    return DemoRun(report, held, answers, path)
