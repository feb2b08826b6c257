"""Time to build and to stabilise a large coalition map (2,000 actors by default).

The store is synthetic and written here: ``--actors`` actors (one in ten a state, the rest
officials and organizations affiliated to a state) in ``--blocs`` camps. Inside a camp states
supply each other and officials speak together; across camps states strike each other and
officials condemn the other camps' transfers and strikes. The script times each stage:

- ``store``: writing the synthetic TriG into an in-memory Oxigraph store (setup, not the map);
- ``network``: :func:`armskg.graph.network.actor_network` (SPARQL over the store → NetworkX);
- ``coalitions``: :func:`armskg.graph.network.coalitions`;
- ``html``: :func:`armskg.graph.render.write_coalition_map` (layout seed, records, page);
- ``figure``: :func:`armskg.graph.render.write_figure` (PNG, matplotlib), unless ``--no-figure``;
- ``browser``: headless Chromium loading the page until the layout is stabilised and frozen, as
  the wall-clock time of the whole Chromium run less that of a run on an empty map (start-up),
  unless ``--no-browser``. Chromium runs with a virtual time budget, which skips idle waits but
  not work, so this is the time the physics takes; clocks read inside the page run on virtual
  time and are not used.

Usage::

    .venv/bin/python benchmarks/map_speed.py [--actors 2000] [--blocs 4] [--seed 1] [--keep DIR]

It prints one line per stage and a summary line; nothing is asserted (speed is not a test).
Chromium is found as the tests find it (``$ARMSKG_CHROMIUM``, else ``chromium`` on ``PATH``).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from armskg.graph.network import actor_network, coalitions
from armskg.graph.render import write_coalition_map
from armskg.ontology import PREFIXES, actor_iri, article_iri, event_iri, stance_iri, weapon_iri

__all__ = ["main", "synthetic_trig"]

_WEAPONS = ("ballistic missile", "drone", "artillery ammunition", "air defence system")


def _code(n: int) -> str:
    """A three-letter code for the n-th synthetic state (AAA, AAB, ...)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[n // 676 % 26] + letters[n // 26 % 26] + letters[n % 26]


def synthetic_trig(n_actors: int, n_blocs: int, seed: int) -> str:
    """TriG of a synthetic store with ``n_actors`` actors in ``n_blocs`` camps (default graph only)."""
    rng = random.Random(seed)
    prefixes = "".join(f"@prefix {p.split(' ', 2)[1]} {p.split(' ', 2)[2]} .\n" for p in PREFIXES.splitlines())
    lines: list[str] = []
    n_states = max(n_blocs * 2, n_actors // 10)
    states = [actor_iri(f"state:{_code(i)}") for i in range(n_states)]
    bloc_of = {s: i % n_blocs for i, s in enumerate(states)}
    for i, s in enumerate(states):
        lines.append(f'<{s}> a ak:State ; rdfs:label "State {_code(i)}" ; ak:iso3 "{_code(i)}" .')
    speakers: dict[int, list[str]] = {b: [] for b in range(n_blocs)}
    for i in range(n_actors - n_states):
        home = states[rng.randrange(n_states)]
        if i % 3:
            iri, kind, label = actor_iri(f"person:official{i}"), "Person", f"Official {i}"
        else:
            iri, kind, label = actor_iri(f"org:body-{i}"), "Organization", f"Body {i}"
        lines.append(f'<{iri}> a ak:{kind} ; rdfs:label "{label}" ; ak:affiliation <{home}> .')
        speakers[bloc_of[home]].append(iri)
    articles = [article_iri(f"syn{i:05d}") for i in range(max(10, n_actors // 4))]
    for i, a in enumerate(articles):
        day = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(f'<{a}> a ak:Article ; schema:identifier "syn{i:05d}" ; schema:datePublished "{day}"^^xsd:date .')
    by_bloc = {b: [s for s in states if bloc_of[s] == b] for b in range(n_blocs)}
    events: list[tuple[str, int]] = []  # (event IRI, bloc of its perpetrators)
    for i in range(n_actors // 2):
        bloc = rng.randrange(n_blocs)
        supplier, recipient = rng.sample(by_bloc[bloc], 2)
        event = event_iri("transfer", f"syn{i}")
        reported = " , ".join(f"<{a}>" for a in rng.sample(articles, rng.randint(1, 3)))
        lines.append(
            f"<{event}> a ak:Transfer ; ak:supplier <{supplier}> ; ak:recipient <{recipient}> ; "
            f"ak:weapon <{weapon_iri(rng.choice(_WEAPONS))}> ; ak:reportedIn {reported} ."
        )
        events.append((event, bloc))
    for i in range(n_actors // 8):
        bloc = rng.randrange(n_blocs)
        other = (bloc + 1 + rng.randrange(n_blocs - 1)) % n_blocs
        event = event_iri("strike", f"syn{i}")
        lines.append(
            f"<{event}> a ak:Strike ; ak:attacker <{rng.choice(by_bloc[bloc])}> ; "
            f'ak:target <{rng.choice(by_bloc[other])}> ; ak:date "2023-{1 + i % 12:02d}-15"^^xsd:date ; '
            f"ak:reportedIn <{rng.choice(articles)}> ."
        )
        events.append((event, bloc))
    everyone = [(camp, s) for camp in speakers for s in speakers[camp]]
    rng.shuffle(everyone)
    for i, (camp, speaker) in enumerate(everyone):  # every official and body speaks at least once
        event, bloc = rng.choice([e for e in events if e[1] != camp] or events)
        said_by = {speaker, *rng.sample(speakers[camp], min(len(speakers[camp]), rng.choice((0, 0, 0, 1, 2))))}
        lines.append(
            f"<{event_iri('statement', f'syn{i}')}> a ak:Statement ; "
            f"ak:speaker {' , '.join(f'<{s}>' for s in sorted(said_by))} ; ak:stance <{stance_iri('condemn')}> ; "
            f'ak:about <{event}> ; ak:date "2023-{1 + i % 12:02d}-20"^^xsd:date ; '
            f"ak:reportedIn <{rng.choice(articles)}> ."
        )
    return prefixes + "\n".join(lines) + "\n"


def _chromium() -> str | None:
    import os

    chosen = os.environ.get("ARMSKG_CHROMIUM")
    return chosen or shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _browser(page: Path, binary: str, budget_ms: int) -> tuple[float, dict[str, str]]:
    """Wall-clock seconds of one headless Chromium run on ``page``, and the page's ``data-*`` report."""
    with tempfile.TemporaryDirectory(prefix="armskg-bench-") as profile:
        started = time.perf_counter()
        run = subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={profile}",
                f"--virtual-time-budget={budget_ms}",
                "--dump-dom",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=True,
        )
        seconds = time.perf_counter() - started
    head = run.stdout[: run.stdout.find(">", run.stdout.find("<html"))]
    return seconds, dict(re.findall(r'data-([a-z-]+)="([^"]*)"', head))


def main(argv: list[str] | None = None) -> int:
    """Build the synthetic store, time each stage, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--blocs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget-ms", type=int, default=60000, help="Chromium's virtual time budget")
    parser.add_argument("--keep", type=Path, help="folder to keep the page (and figure) in")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-figure", action="store_true")
    args = parser.parse_args(argv)

    out = args.keep or Path(tempfile.mkdtemp(prefix="armskg-map-speed-"))
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}

    started = time.perf_counter()
    store = ox.Store()
    store.load(synthetic_trig(args.actors, args.blocs, args.seed), ox.RdfFormat.TRIG)
    timings["store"] = time.perf_counter() - started

    started = time.perf_counter()
    graph = actor_network(store)
    timings["network"] = time.perf_counter() - started
    print(f"network: {graph.number_of_nodes()} actors, {graph.number_of_edges()} edges")

    started = time.perf_counter()
    camp = coalitions(graph)
    timings["coalitions"] = time.perf_counter() - started
    print(f"coalitions: {len(set(camp.values()))}")
    for node, index in camp.items():
        graph.nodes[node]["coalition"] = index

    started = time.perf_counter()
    page = write_coalition_map(graph, out / "map.html", title=f"{args.actors} synthetic actors")
    timings["html"] = time.perf_counter() - started
    print(f"page: {page} ({page.stat().st_size / 1e6:.1f} MB)")

    if not args.no_figure:
        from armskg.graph.render import write_figure

        started = time.perf_counter()
        figure = write_figure(graph, out / "map.png")
        timings["figure"] = time.perf_counter() - started
        print(f"figure: {figure}")

    if not args.no_browser:
        binary = _chromium()
        if binary is None:
            print("browser: Chromium not found; set $ARMSKG_CHROMIUM", file=sys.stderr)
        else:
            empty = write_coalition_map(graph.subgraph([]).copy(), out / "empty.html")
            baseline, _ = _browser(empty, binary, 2000)
            seconds, seen = _browser(page, binary, args.budget_ms)
            timings["browser (wall, less an empty page's run)"] = seconds - baseline
            print(
                f"browser: state={seen.get('state')} nodes={seen.get('nodes')} edges={seen.get('edges')} "
                f"iterations={seen.get('iterations')} js-errors={seen.get('js-errors')}; "
                f"Chromium run {seconds:.1f} s, empty page {baseline:.1f} s"
            )
    for stage, seconds in timings.items():
        print(f"{stage:44s} {seconds:8.2f} s")
    build = sum(v for k, v in timings.items() if k in ("network", "coalitions", "html"))
    print(f"build (network + coalitions + html)          {build:8.2f} s")
    if not args.keep:
        shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
