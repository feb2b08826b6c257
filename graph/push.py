"""Push the store to a remote triple store with the SPARQL 1.1 Graph Store Protocol.

A lab that already runs a triple store (Fuseki, GraphDB, another Oxigraph, ``armskg serve
--writable``) can hold armskg's graph too.  The local store stays the source of truth: events
are merged there across all articles (``armskg.graph.merge``), and a new article may change
what older article graphs and the merged default graph hold.  So a push sends every graph
that changed, each replaced whole with ``PUT``:

* each article graph (``PUT <endpoint>?graph=<article IRI>``): what the article says, with
  its evidence, exactly as the local store holds it;
* the merged default graph (``PUT <endpoint>?default``), which the library queries read.
  It replaces the remote store's default graph: point the push at a dataset of its own.

A graph that disappeared locally is deleted remotely (``DELETE``).  What was sent is recorded
per endpoint in ``armskg-push.json`` inside the store folder (a digest per graph), so the
first push to an endpoint sends everything, and pushing again without changes sends nothing:
``armskg ingest --endpoint URL`` can run after every batch.  Delete that file to send
everything again (say, after the remote store was emptied).

Graph Store endpoints: Oxigraph and ``armskg serve --writable``: ``http://host:7878/store``;
Fuseki: ``http://host:3030/DATASET/data``; GraphDB: ``http://host:7200/repositories/ID/rdf-graphs/service``.

>>> graph_store_url("http://127.0.0.1:7878/store", None)
'http://127.0.0.1:7878/store?default'
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store

from armskg import __version__

__all__ = [
    "PUSH_STATE_FILE",
    "PushError",
    "PushReport",
    "changed_graphs",
    "graph_fingerprints",
    "graph_store_url",
    "push_graphs",
    "push_store",
    "send_graph",
]

_USER_AGENT: Final = f"armskg/{__version__} (Graph Store Protocol push)"
_REFUSALS: Final = {
    401: "the store wants authentication",
    403: "the store refused the write; is it read-only (armskg serve without --writable)?",
    404: "no Graph Store endpoint at this URL (Oxigraph: .../store, Fuseki: .../DATASET/data)",
    405: "this URL does not accept graph writes; give the Graph Store endpoint, not the query endpoint",
}
_MASK: Final = (1 << 64) - 1

PUSH_STATE_FILE: Final = "armskg-push.json"
"""The file in the store folder that records what was pushed to which endpoint."""

Fingerprints = dict[str | None, tuple[int, int]]


class PushError(RuntimeError):
    """The remote store did not take a graph; the message is one line naming the endpoint."""


@dataclass(slots=True)
class PushReport:
    """What one push did: graphs replaced and deleted, and how many triples went out."""

    replaced: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    triples: int = 0


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of a named graph (``?graph=``), or of the default graph (``?default``).

    >>> graph_store_url("http://127.0.0.1:7878/store", "https://w3id.org/armskg/article/a 1")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Farmskg%2Farticle%2Fa+1'
    """
    joiner = "&" if "?" in endpoint else "?"
    if graph is None:
        return endpoint + joiner + "default"
    return endpoint + joiner + urllib.parse.urlencode({"graph": graph})


def graph_fingerprints(store: Store) -> Fingerprints:
    """A (triple count, digest) per graph of ``store``; ``None`` is the default graph.

    The digest is the sum of a BLAKE2b hash of each triple, so it does not depend on the
    order the store returns them in, and is the same in every process.
    """
    prints: Fingerprints = {}
    for quad in store:
        name = None if isinstance(quad.graph_name, DefaultGraph) else str(quad.graph_name.value)
        line = f"{quad.subject} {quad.predicate} {quad.object}".encode()
        value = int.from_bytes(hashlib.blake2b(line, digest_size=8).digest(), "big")
        count, digest = prints.get(name, (0, 0))
        prints[name] = (count + 1, (digest + value) & _MASK)
    return prints


def changed_graphs(
    before: Mapping[str | None, tuple[int, int]], after: Mapping[str | None, tuple[int, int]]
) -> tuple[list[str | None], list[str]]:
    """Graphs to send (new or changed; ``None`` is the default graph) and named graphs to delete.

    >>> changed_graphs({None: (1, 5), "a": (2, 7), "b": (1, 1)}, {None: (1, 6), "a": (2, 7), "c": (3, 3)})
    ([None, 'c'], ['b'])
    """
    send = [name for name, print_ in after.items() if before.get(name) != print_]
    gone = [name for name in before if name is not None and name not in after]
    return sorted(send, key=lambda name: (name is not None, name or "")), sorted(gone)


def send_graph(
    endpoint: str,
    graph: str | None,
    data: bytes | None,
    *,
    timeout_s: float = 120.0,
    credentials: tuple[str, str] | None = None,
) -> None:
    """``PUT`` ``data`` (N-Triples) as graph ``graph`` (``None``: the default graph), or ``DELETE``
    the graph when ``data`` is None; :class:`PushError` with a one-line reason when refused."""
    method = "DELETE" if data is None else "PUT"
    request = urllib.request.Request(graph_store_url(endpoint, graph), data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/n-triples")
    request.add_header("User-Agent", _USER_AGENT)
    if credentials is not None:
        token = base64.b64encode(":".join(credentials).encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.build_opener().open(request, timeout=timeout_s) as response:
            response.read()
    except urllib.error.HTTPError as error:
        if method == "DELETE" and error.code == 404:
            return  # already gone
        hint = _REFUSALS.get(error.code) or _detail(error)
        raise PushError(f"{endpoint}: HTTP {error.code} {error.reason}" + (f": {hint}" if hint else "")) from None
    except TimeoutError:
        raise PushError(f"{endpoint}: no answer within {timeout_s:g} s") from None
    except urllib.error.URLError as error:
        raise PushError(f"cannot reach {endpoint}: {error.reason}") from None
    except OSError as error:
        raise PushError(f"{endpoint}: the connection failed ({error})") from None


def _detail(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""
    message = re.search(r'"message"\s*:\s*"([^"]*)"', text)  # armskg's front answers JSON
    if message:
        return message.group(1)
    return text.splitlines()[0][:300] if text else ""


def push_graphs(
    store: Store,
    endpoint: str,
    graphs: list[str | None],
    *,
    delete: Sequence[str] = (),
    timeout_s: float = 120.0,
    credentials: tuple[str, str] | None = None,
    on_graph: Callable[[str | None, str], None] | None = None,
) -> PushReport:
    """Replace each of ``graphs`` (IRIs; ``None`` is the default graph) on the Graph Store
    endpoint ``endpoint`` with what ``store`` holds, and delete the named graphs ``delete``.

    Stops at the first refusal with :class:`PushError`; what was sent before stays sent, and
    pushing again sends it again (a ``PUT`` replaces).  ``on_graph`` hears ``(graph, "replaced"
    or "deleted")`` after each one.
    """
    if not re.match(r"https?://[^/\s]+", endpoint):
        raise PushError(f"{endpoint!r} is not an http(s) URL of a Graph Store endpoint")
    report = PushReport()
    for graph in graphs:
        source = DefaultGraph() if graph is None else NamedNode(graph)
        data = store.dump(format=RdfFormat.N_TRIPLES, from_graph=source) or b""
        send_graph(endpoint, graph, data, timeout_s=timeout_s, credentials=credentials)
        report.replaced.append(graph or "default graph")
        report.triples += data.count(b"\n")
        if on_graph:
            on_graph(graph, "replaced")
    for graph in delete:
        send_graph(endpoint, graph, None, timeout_s=timeout_s, credentials=credentials)
        report.deleted.append(graph)
        if on_graph:
            on_graph(graph, "deleted")
    return report


def _load_state(path: Path) -> dict[str, Fingerprints]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise PushError(f"{path}: cannot read the push record ({error}); delete it to push everything again") from None
    state: dict[str, Fingerprints] = {}
    for endpoint, graphs in raw.items() if isinstance(raw, dict) else ():
        state[endpoint] = {(name or None): (int(count), int(digest)) for name, (count, digest) in graphs.items()}
    return state


def _save_state(path: Path, state: Mapping[str, Fingerprints]) -> None:
    document = {
        endpoint: {(name or ""): [count, digest] for name, (count, digest) in graphs.items()}
        for endpoint, graphs in state.items()
    }
    part = path.with_name(path.name + ".part")
    try:
        part.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
        part.replace(path)
    except OSError as error:
        raise PushError(f"{path}: cannot record the push ({error})") from None


def push_store(
    store: Store,
    store_dir: Path,
    endpoint: str,
    *,
    timeout_s: float = 120.0,
    credentials: tuple[str, str] | None = None,
) -> PushReport:
    """Send ``endpoint`` every graph of ``store`` that changed since the last push there.

    The record of earlier pushes is ``store_dir/armskg-push.json``; graphs sent before a
    failure are recorded, so the next push resumes where this one stopped.
    """
    path = Path(store_dir) / PUSH_STATE_FILE
    state = _load_state(path)
    current = graph_fingerprints(store)
    sent = dict(state.get(endpoint, {}))
    send, gone = changed_graphs(sent, current)

    def record(graph: str | None, outcome: str) -> None:
        if outcome == "replaced":
            sent[graph] = current[graph]
        else:
            sent.pop(graph, None)

    try:
        return push_graphs(
            store, endpoint, send, delete=gone, timeout_s=timeout_s, credentials=credentials, on_graph=record
        )
    finally:
        state[endpoint] = sent
        _save_state(path, state)
