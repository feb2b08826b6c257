"""Helpers for the reliability tests: a corpus written for the tests, the real ``armskg`` executable,
and the content of a store on disk.

The articles are sentences made up from a few templates, states and weapons, so that the same
event appears in several articles (and gets merged) and every article says something.
"""

from __future__ import annotations

import gc
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

__all__ = [
    "ARMSKG",
    "article_records",
    "cli",
    "comparable",
    "query_csv",
    "store_quads",
    "write_jsonl",
]

ARMSKG = Path(sys.executable).parent / "armskg"
"""The installed ``armskg`` executable of this virtual environment."""

_STATES = ("Iran", "Russia", "North Korea", "France", "Ukraine", "Germany", "Japan", "Poland", "Belarus", "China")
_WEAPONS = ("Shahed-136 drones", "ballistic missiles", "artillery shells", "air defence systems", "tanks")
_TEMPLATES = (
    "{a} supplied {b} with {w}, the officials said.",
    "{a} shipped {w} to {b} last month, according to officials.",
    "{c} condemned {a} for supplying {b} with {w}.",
    "{a} struck {b} with {w} on Tuesday, officials said.",
    "Ministers met in the capital on Monday; the talks were brief.",
)


def article_records(count: int, *, seed: int = 7, version: int = 1) -> list[dict[str, str]]:
    """``count`` JSON Lines records (``id``, ``text``, ``date``); ``version`` changes every text."""
    rng = random.Random(seed * 1000 + version)
    records = []
    for n in range(count):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            a, b, c = rng.sample(_STATES, 3)
            sentences.append(rng.choice(_TEMPLATES).format(a=a, b=b, c=c, w=rng.choice(_WEAPONS)))
        if version > 1:
            sentences.append(f"Revision {version} of this report was filed later.")
        records.append(
            {"id": f"art{n:04d}", "text": " ".join(sentences), "date": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"}
        )
    return records


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    """Write ``records`` one per line and return ``path``."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def cli(
    *args: str | Path,
    cwd: Path,
    timeout: float = 600,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the ``armskg`` executable (never raises on a non-zero exit)."""
    base = {k: v for k, v in os.environ.items() if k != "ARMSKG_STORE"}
    return subprocess.run(
        [str(ARMSKG), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**base, **(env or {})},
        check=False,
    )


def query_csv(store: Path, name: str, cwd: Path) -> tuple[list[str], str]:
    """``armskg query NAME --format csv`` on ``store``, which must succeed: its lines, and what it
    said on stderr (one line at most: a warning about the store, or "")."""
    done = cli("query", name, "--store", store, "--format", "csv", cwd=cwd)
    assert done.returncode == 0, done.stderr
    said = done.stderr.strip().splitlines()
    assert len(said) <= 1, done.stderr
    return done.stdout.splitlines(), said[0] if said else ""


def comparable(quads: Iterable[ox.Quad]) -> tuple[frozenset[ox.Quad], int]:
    """Quads as two stores can compare them: those without blank nodes, and how many have one.

    The ontology's OWL lists are blank nodes, which get new names each time it is loaded.
    """
    plain, blank = set(), 0
    for quad in quads:
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            blank += 1
        else:
            plain.add(quad)
    return frozenset(plain), blank


def store_quads(location: Path) -> tuple[frozenset[ox.Quad], int]:
    """The :func:`comparable` content of the store at ``location``, through a read-only handle closed again."""
    store = ox.Store.read_only(str(location))
    try:
        return comparable(store)
    finally:
        del store
        gc.collect()
