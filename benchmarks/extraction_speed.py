"""Speed of extraction alone (article text -> :class:`~armskg.loaders.facts.Extraction`), one process.

Reads the articles under the given paths (files or folders, anything ``armskg ingest``
takes: ``.txt`` with ``.meta.json`` sidecars, ``.jsonl``, ``.html``), warms up once (the
spaCy pipeline, the lexicon and its phrase matchers are built on first use, and that cost
is reported apart), then times :func:`armskg.loaders.extract.extract` over all articles
``--repeat`` times and prints articles/s, ms/article and KB/s for the best and the median pass,
by wall-clock time and by the process's CPU time (the CPU figure is steadier on a busy machine).

Usage::

    .venv/bin/python benchmarks/extraction_speed.py samples ../shared/devset/articles [--repeat 5]
    .venv/bin/python benchmarks/extraction_speed.py CORPUS.jsonl --profile [--profile-top 25]

``--profile`` runs one more pass under pyinstrument and prints its call tree (the hot spots
and their share of the time).  pyinstrument is a development tool, not a dependency of
armskg: install it with ``.venv/bin/pip install pyinstrument`` (without it, ``--profile``
falls back to the standard library's cProfile and prints the top functions by own time).

Caches kept across articles (dates already parsed, phrase matchers) are warm after the first
pass, as they are in a long ingest; ``--cold`` clears the date cache before every pass.
Nothing is asserted: speed is not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from armskg.loaders import dates
from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.lexicon import Lexicon, load_lexicon
from armskg.loaders.readers import InputError, read_articles

__all__ = ["load_corpus", "main", "time_pass"]


def load_corpus(paths: Sequence[Path]) -> list[Article]:
    """Every readable article under ``paths``; unreadable files are reported on stderr and skipped."""
    articles: list[Article] = []
    for item in read_articles(paths):
        if isinstance(item, InputError):
            print(f"skipped: {item}", file=sys.stderr)
        else:
            articles.append(item)
    return articles


def time_pass(articles: Sequence[Article], lexicon: Lexicon) -> tuple[float, float]:
    """Seconds taken to extract every article once: wall-clock time and this process's CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        extract(article, lexicon)
    return time.perf_counter() - wall, time.process_time() - cpu


def _profile(articles: Sequence[Article], lexicon: Lexicon, top: int) -> None:
    """Print where one pass spends its time (pyinstrument if installed, else cProfile)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed (.venv/bin/pip install pyinstrument); using cProfile\n")
        profiler = cProfile.Profile()
        profiler.enable()
        time_pass(articles, lexicon)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
        print(out.getvalue())
        return
    prof = Profiler(interval=0.0005)
    prof.start()
    time_pass(articles, lexicon)
    prof.stop()
    print(prof.output_text(unicode=True, color=False, show_all=False, time="percent_of_total"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit status is 2 when no article could be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="+", type=Path, help="article files or folders")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus (default 3)")
    parser.add_argument("--profile", action="store_true", help="print a profile of one further pass")
    parser.add_argument("--profile-top", type=int, default=30, help="rows of the cProfile fallback (default 30)")
    parser.add_argument("--cold", action="store_true", help="clear the parsed-date cache before every pass")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, not {args.repeat}")
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        parser.error(f"no such file or folder: {missing[0]}")
    articles = load_corpus(args.paths)
    if not articles:
        print("no readable article under the given paths", file=sys.stderr)
        return 2
    size_kb = sum(len(a.text.encode("utf-8")) for a in articles) / 1024
    print(f"corpus: {len(articles)} articles, {size_kb:.0f} KB ({size_kb / len(articles):.1f} KB/article)")

    start = time.perf_counter()
    lexicon = load_lexicon()
    extract(articles[0], lexicon)
    print(f"warm-up (lexicon, pipeline, matchers, first article): {time.perf_counter() - start:.2f} s")
    time_pass(articles, lexicon)  # caches warm, as in a long ingest

    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(args.repeat):
        if args.cold:
            dates.clear_caches()
        wall, cpu = time_pass(articles, lexicon)
        walls.append(wall)
        cpus.append(cpu)
    for clock, times in (("wall", walls), ("cpu", cpus)):
        for label, seconds in (("best", min(times)), ("median", statistics.median(times))):
            rate = len(articles) / seconds
            print(
                f"{clock:>4} {label:>6}: {rate:8.1f} articles/s  {1000 * seconds / len(articles):7.2f} ms/article"
                f"  {size_kb / seconds:8.0f} KB/s  ({seconds:.2f} s per pass)"
            )
    if args.profile:
        print()
        _profile(articles, lexicon, args.profile_top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
