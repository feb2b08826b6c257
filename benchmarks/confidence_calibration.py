"""How precise armskg's facts are at each confidence, against the shared gold annotations.

Every transfer, strike and (speaker, stance) pair the extractor states carries the
confidence of its evidence (``Evidence.confidence``). This script extracts each article of
a set, keys every fact the way ``SHARED/eval/score.py`` keys it (ISO3 codes, normalised
person and organization names, weapon categories) and prints the precision of the facts
at or above each threshold, then per rule. It answers the question ``--min-confidence``
raises: what share of the facts a researcher keeps are right. Like ``score_extraction.py``
it reads ``../shared`` (or ``--shared``), which the project itself never needs.

Usage::

    python benchmarks/confidence_calibration.py [--shared ../shared] [--set devset|dev01-30|dev31-42|seeds]

Facts are counted once per article (a fact stated in three sentences counts once, at its
highest confidence), as the scorer counts them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.facts import FINER_WEAPONS, Extraction

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
THRESHOLDS = (0.9, 0.8, 0.7, 0.6, 0.0)


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("armskg_gold_scorer", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"confidence_calibration: no scorer at {shared / 'eval' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _articles(shared: Path, name: str) -> list[tuple[Path, Path]]:
    """(article, gold) pairs of a set."""
    if name == "seeds":
        folder, gold = shared / "seeds", shared / "eval" / "gold"
    else:
        folder, gold = shared / "devset" / "articles", shared / "devset" / "gold"
    pairs = [(p, gold / f"{p.stem}.json") for p in sorted(folder.glob("*.txt"))]
    if name in ("dev01-30", "dev31-42"):
        low, high = (1, 30) if name == "dev01-30" else (31, 42)
        pairs = [(a, g) for a, g in pairs if a.stem[:2].isdigit() and low <= int(a.stem[:2]) <= high]
    return [(a, g) for a, g in pairs if g.exists()]


def _article(path: Path) -> Article:
    meta: dict[str, Any] = {}
    sidecar = path.with_suffix(".meta.json")
    if sidecar.exists():
        found = json.loads(sidecar.read_text(encoding="utf-8"))
        meta = {k: v for k, v in found.items() if k in ("date", "url", "title", "publisher") and v}
    return Article.from_text(path.stem, path.read_text(encoding="utf-8"), **meta)


def _facts(ex: Extraction, score: ModuleType) -> dict[tuple[str, tuple[Any, ...]], tuple[float, str]]:
    """Each fact as the scorer keys it, with its highest confidence and that evidence's rule."""

    def base(key: str) -> str | None:
        seen = 0
        while key and not key.startswith("state:") and seen < 4:
            actor = ex.actors.get(key)
            key = (actor.affiliation or actor.based_in or "") if actor is not None else ""
            seen += 1
        return key[6:] if key.startswith("state:") else None

    def speaker(key: str) -> str | None:
        if key.startswith("state:"):
            return key[6:]
        actor = ex.actors.get(key)
        if actor is None:
            return None
        if actor.kind == "person":
            return "person:" + str(score.norm_person(actor.label))
        return "org:" + str(score.norm_org(actor.label))

    found: dict[tuple[str, tuple[Any, ...]], tuple[float, str]] = {}

    def keep(kind: str, key: tuple[Any, ...], confidence: float, rule: str) -> None:
        if (kind, key) not in found or found[(kind, key)][0] < confidence:
            found[(kind, key)] = (confidence, rule)

    def category(weapon: str | None) -> str | None:  # the scorer follows skos:broader to the contract's ten
        return FINER_WEAPONS.get(weapon, weapon) if weapon is not None else None

    for t in ex.transfers:
        key = (base(t.supplier), base(t.recipient), category(t.weapon))
        keep("transfers", key, t.evidence.confidence, t.evidence.rule)
    for s in ex.strikes:
        keep("strikes", (base(s.attacker), base(s.target), category(s.weapon)), s.evidence.confidence, s.evidence.rule)
    for st in ex.statements:
        for k in st.speakers:
            keep("statements", (speaker(k), st.stance), st.evidence.confidence, st.evidence.rule)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--set", default="devset", choices=["devset", "dev01-30", "dev31-42", "seeds"])
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists():
        print(f"confidence_calibration: {args.shared} holds no eval/score.py", file=sys.stderr)
        return 2
    score = _scorer(args.shared)
    rows: list[tuple[float, bool, str]] = []
    for article_path, gold_path in _articles(args.shared, args.set):
        gold = score.gold_facts(json.loads(gold_path.read_text(encoding="utf-8")))
        for (kind, key), (confidence, rule) in _facts(extract(_article(article_path)), score).items():
            rows.append((confidence, key in gold[kind], rule))
    print(f"{args.set}: {len(rows)} facts stated")
    print("| confidence at least | facts | precision |")
    print("|---|---|---|")
    for threshold in THRESHOLDS:
        kept = [right for confidence, right, _ in rows if confidence >= threshold]
        share = sum(kept) / len(kept) if kept else 0.0
        print(f"| {threshold:.1f} | {len(kept)} | {share:.3f} |")
    by_rule: dict[str, list[bool]] = defaultdict(list)
    for _, right, rule in rows:
        by_rule[rule].append(right)
    print("\n| rule | facts | precision |")
    print("|---|---|---|")
    for rule, results in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"| {rule} | {len(results)} | {sum(results) / len(results):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
