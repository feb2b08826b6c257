"""Score armskg's extraction against the shared gold annotations.

For each evaluation set (``seeds``, the devset articles 01-30 and 31-42 apart, and the whole
``devset``, in the shared folder) this script
builds a fresh store in a temporary folder with the project's own command line::

    armskg ingest ARTICLES --store TMP/store
    armskg export --store TMP/store --format nquads -o TMP/SET.nq
    python SHARED/eval/score.py --rdf TMP/SET.nq --gold GOLD [--per-article]

It prints the scorer's table for each set, then one compact table of precision,
recall and F1 per set and category. The project itself never reads the shared
folder: only this script does, and it exits with status 2 if the folder is missing.

Usage::

    python benchmarks/score_extraction.py [--shared ../shared] [--per-article] [--json-out FILE]

Exit status: 0 when every step ran, 1 when a step failed (its stderr is printed),
2 when the shared folder, the ``armskg`` command or an input folder is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CATEGORIES", "EvalSet", "StepFailedError", "eval_sets", "main", "score_set"]

CATEGORIES = ("states", "persons", "transfers", "strikes", "strike_dates", "statements", "facts_micro")
"""Rows of the combined table: the scorer's categories and its headline micro F1."""

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
"""``../shared`` beside the project root."""

DEFAULT_TIMEOUT_S = 1800.0


@dataclass(frozen=True, slots=True)
class EvalSet:
    """One set of articles and the gold files that annotate them."""

    name: str
    articles: Path
    gold: Path
    numbers: range | None = None
    """Only the articles whose file name starts with one of these numbers (``07_...``); all when None."""

    def selects(self, path: Path) -> bool:
        """Whether the article or gold file ``path`` belongs to this set."""
        if self.numbers is None:
            return True
        head = path.name.split("_", 1)[0]
        return head.isdigit() and int(head) in self.numbers


class StepFailedError(Exception):
    """A command failed; the message says which and holds its stderr."""


def eval_sets(shared: Path) -> list[EvalSet]:
    """The sets scored, in the order they are printed: the seeds, the devset articles developed on
    (01-30), those held back as a whole-set check (31-42), and the whole devset."""
    articles, gold = shared / "devset" / "articles", shared / "devset" / "gold"
    return [
        EvalSet("seeds", shared / "seeds", shared / "eval" / "gold"),
        EvalSet("dev01-30", articles, gold, range(1, 31)),
        EvalSet("dev31-42", articles, gold, range(31, 43)),
        EvalSet("devset", articles, gold),
    ]


def _selected(es: EvalSet, workdir: Path) -> tuple[Path, Path]:
    """The set's articles and gold folders: the shared ones, or copies of the files it selects."""
    if es.numbers is None:
        return es.articles, es.gold
    articles, gold = workdir / "articles", workdir / "gold"
    for source, target in ((es.articles, articles), (es.gold, gold)):
        target.mkdir()
        for path in sorted(source.iterdir()):
            if path.is_file() and es.selects(path):
                shutil.copyfile(path, target / path.name)
    return articles, gold


def armskg_command() -> Path | None:
    """The ``armskg`` script installed beside the running Python, if there is one."""
    bindir = Path(sys.executable).parent
    for name in ("armskg", "armskg.exe"):
        candidate = bindir / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def run(cmd: Sequence[str | Path], timeout_s: float) -> str:
    """Run ``cmd`` and return its stdout; raise :class:`StepFailedError` on any failure."""
    args = [str(part) for part in cmd]
    shown = " ".join(args)
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as exc:
        raise StepFailedError(f"timed out after {timeout_s:g} s: {shown}") from exc
    except OSError as exc:
        raise StepFailedError(f"cannot run {args[0]}: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        stderr = done.stderr.strip() or "(no output on stderr)"
        raise StepFailedError(f"exit status {done.returncode}: {shown}\n{stderr}")
    return done.stdout


def score_set(
    es: EvalSet, *, armskg: Path, scorer: Path, workdir: Path, per_article: bool, timeout_s: float
) -> tuple[str, dict[str, Any]]:
    """Ingest, export and score one set; return the scorer's table and its JSON summary."""
    store = workdir / "store"
    dump = workdir / f"{es.name}.nq"
    articles, gold = _selected(es, workdir)
    run([armskg, "ingest", articles, "--store", store], timeout_s)
    run([armskg, "export", "--store", store, "--format", "nquads", "-o", dump], timeout_s)
    score_cmd: list[str | Path] = [sys.executable, scorer, "--rdf", dump, "--gold", gold]
    table = run([*score_cmd, "--per-article"] if per_article else score_cmd, timeout_s)
    raw = run([*score_cmd, "--json"], timeout_s)
    try:
        result = json.loads(raw)
        summary = result["summary"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise StepFailedError(f"{scorer} --json gave no summary ({exc}):\n{raw[:500]}") from exc
    if not isinstance(summary, dict):
        raise StepFailedError(f"{scorer} --json: 'summary' is not an object")
    return table, summary


def _figure(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return f"{value:6.3f}" if isinstance(value, int | float) else f"{'-':>6s}"


def combined_table(summaries: dict[str, dict[str, Any]]) -> str:
    """One line per set and category: precision, recall, F1 and the counts behind them."""
    lines = [f"{'set':9s} {'category':14s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/sys/gold"]
    for name, summary in summaries.items():
        for category in CATEGORIES:
            row = summary.get(category)
            if not isinstance(row, dict):
                row = {}
            counts = "/".join(str(row[k]) for k in ("tp", "sys", "gold")) if {"tp", "sys", "gold"} <= row.keys() else ""
            label = "facts (micro)" if category == "facts_micro" else category
            figures = " ".join(_figure(row, k) for k in ("precision", "recall", "f1"))
            lines.append(f"{name:9s} {label:14s} {figures}   {counts}".rstrip())
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Score armskg's extraction on the shared seeds and devset.",
        epilog="Exit status: 0 ok, 1 a step failed, 2 something needed is missing.",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="the shared folder holding seeds/, devset/ and eval/ (default: %(default)s)",
    )
    parser.add_argument("--per-article", action="store_true", help="also print misses and extras per article")
    parser.add_argument("--json-out", type=Path, metavar="FILE", help="write the figures of every set to FILE as JSON")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help="give up on any one command after this long (default: %(default)g)",
    )
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    shared: Path = args.shared
    if not shared.is_dir():
        print(f"score_extraction: no shared folder at {shared} (give it with --shared)", file=sys.stderr)
        return 2
    scorer = shared / "eval" / "score.py"
    sets = eval_sets(shared)
    missing = [p for p in (scorer, *(d for es in sets for d in (es.articles, es.gold))) if not p.exists()]
    if missing:
        print(f"score_extraction: missing in the shared folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    armskg = armskg_command()
    if armskg is None:
        print(
            f"score_extraction: no armskg command beside {sys.executable}; install the project (pip install -e .)",
            file=sys.stderr,
        )
        return 2

    summaries: dict[str, dict[str, Any]] = {}
    for es in sets:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"armskg-score-{es.name}-") as tmp:
            try:
                table, summary = score_set(
                    es,
                    armskg=armskg,
                    scorer=scorer,
                    workdir=Path(tmp),
                    per_article=args.per_article,
                    timeout_s=args.timeout,
                )
            except StepFailedError as exc:
                print(f"score_extraction: {es.name}: {exc}", file=sys.stderr)
                return 1
        print(f"== {es.name} ({es.articles}, {time.perf_counter() - started:.1f} s)")
        print(table.rstrip("\n"))
        print()
        summaries[es.name] = summary

    print("== combined")
    print(combined_table(summaries))
    if args.json_out is not None:
        payload = {"shared": str(shared.resolve()), "sets": summaries}
        try:
            args.json_out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"score_extraction: cannot write {args.json_out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head` and cut short: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    raise SystemExit(status)
