"""Check the cross-article merge on the seed articles of the shared folder (issue 4, "Done when").

Ingests ``SHARED/seeds`` into a fresh temporary store, prints what the merged graph holds and
asserts, for the two seed articles:

- exactly one North Korea → Russia ballistic-missile transfer, reported by both, with two sources;
- one Russia → Ukraine ballistic-missile strike event carrying both sources (or, when the strikes
  are dated, one per dated wave, each carrying both);
- "Chang Ho-jin" and "Chang Hojin" as one person, mentioned by both articles.

Usage::

    .venv/bin/python benchmarks/check_seed_merge.py --shared ../shared

Exit status: 0 when every check holds, 1 when one fails (the failed checks are printed),
2 when the seeds folder is missing.  The project itself never reads the shared folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from armskg.graph.ingest import ingest
from armskg.graph.store import open_store
from armskg.loaders.readers import read_articles
from armskg.ontology import PREFIXES, actor_iri, weapon_iri

__all__ = ["check_seeds", "main"]


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: term.value for n in names if (term := row[n]) is not None} for row in result]


@dataclass
class _Event:
    articles: set[str] = field(default_factory=set)
    sources: int = 0
    days: set[str] = field(default_factory=set)


def _events(store: ox.Store, pattern: str) -> dict[str, _Event]:
    """Events matching ``pattern`` (on ?e): their articles, source count and days."""
    found: dict[str, _Event] = {}
    query = f"""SELECT ?e ?id ?n ?d WHERE {{ {pattern} ?e ak:reportedIn ?a ; ak:sourceCount ?n .
                  ?a schema:identifier ?id OPTIONAL {{ ?e ak:date ?d }} }}"""
    for row in _rows(store, query):
        event = found.setdefault(row["e"], _Event(sources=int(row["n"])))
        event.articles.add(row["id"])
        if "d" in row:
            event.days.add(row["d"])
    return found


def _show(title: str, events: dict[str, _Event]) -> None:
    print(f"{title}: {len(events)} event(s)")
    for iri, event in sorted(events.items()):
        days = ", ".join(sorted(event.days)) or "undated"
        print(
            f"  {iri}\n    sources={event.sources}  days: {days}\n    reported in: {', '.join(sorted(event.articles))}"
        )


def check_seeds(seeds: Path) -> list[str]:
    """Ingest ``seeds`` into a temporary store, print the merged facts and return the failed checks."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "kg")
        report = ingest(store, read_articles([seeds]))
        ids = {r["id"] for r in _rows(store, "SELECT ?id WHERE { ?a a ak:Article ; schema:identifier ?id }")}
        print(f"ingested {report.ingested} seed articles: {', '.join(sorted(ids))}")
        if report.failed or len(ids) < 2:
            return [f"ingest failed or found fewer than two articles: {report.failed}"]

        missile = weapon_iri("ballistic missile")
        prk, rus, ukr = (actor_iri(f"state:{c}") for c in ("PRK", "RUS", "UKR"))
        transfers = _events(
            store, f"?e a ak:Transfer ; ak:supplier <{prk}> ; ak:recipient <{rus}> ; ak:weapon <{missile}> ."
        )
        _show("North Korea → Russia ballistic-missile transfers", transfers)
        if len(transfers) != 1:
            failures.append(f"expected one PRK→RUS ballistic-missile transfer, found {len(transfers)}")
        elif (event := next(iter(transfers.values()))).articles != ids or event.sources != 2:
            failures.append(f"the PRK→RUS transfer is not reported by both seeds with two sources: {event}")

        strikes = _events(store, f"?e a ak:Strike ; ak:attacker <{rus}> ; ak:target <{ukr}> ; ak:weapon <{missile}> .")
        _show("Russia → Ukraine ballistic-missile strikes", strikes)
        both = {iri: e for iri, e in strikes.items() if e.articles == ids}
        dated = all(e.days for e in strikes.values())
        if not both:
            failures.append("no Russia → Ukraine ballistic-missile strike event carries both sources")
        elif len(strikes) != 1 and not (dated and len(both) == len(strikes)):
            failures.append(
                f"expected one RUS→UKR ballistic-missile strike event (or one per dated wave), {len(strikes)}"
            )

        people = _rows(
            store,
            """SELECT ?p ?label ?id WHERE { ?p a ak:Person ; rdfs:label ?label .
                 FILTER(REGEX(?label, "^(Director )?Chang Ho-?jin$", "i"))
                 ?a ak:mentions ?p ; schema:identifier ?id }""",
        )
        persons = {r["p"] for r in people}
        print(f"Chang Ho-jin: {len(persons)} person node(s) {sorted(persons)}")
        print(f"  labels: {sorted({r['label'] for r in people})}; mentioned in: {sorted({r['id'] for r in people})}")
        if len(persons) != 1:
            failures.append(f"expected Chang Ho-jin / Chang Hojin as one person, found {len(persons)}")
        elif {r["id"] for r in people} != ids:
            failures.append("Chang Ho-jin is not mentioned by both seed articles")
        del store
    return failures


def main(argv: list[str] | None = None) -> int:
    """Run the checks; print them and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    args = parser.parse_args(argv)
    seeds = args.shared / "seeds"
    if not seeds.is_dir():
        print(f"check_seed_merge: no seeds folder at {seeds}", file=sys.stderr)
        return 2
    failures = check_seeds(seeds)
    for failure in failures:
        print(f"FAILED: {failure}")
    print("all seed merge checks hold" if not failures else f"{len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
