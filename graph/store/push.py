"""Push the store to a remote triple store, merged with what that store already holds.

A lab that already runs a triple store (Fuseki, GraphDB, another Oxigraph, ``armskg serve
--writable``) can hold armskg's graph too, and several researchers can push to it, each from
their own store.  The remote store then holds everyone's article graphs, and one merged
default graph over all of them (events are merged across articles, ``armskg.graph.merge``).

So a push does not replace the remote merged graph with the local one, which would drop the
events only a colleague's articles report.  It reads the remote dataset, writes the local
articles into it the way an ingest would, re-merges, and sends the difference as one SPARQL
update that applies only if nobody pushed in between (``armskg.graph.store.push_merge``); otherwise
it reads again and retries.  Articles this store pushed and has removed since are retracted;
what only others' articles say is never deleted.

The push needs the SPARQL Update endpoint beside the Graph Store endpoint it is given:
Oxigraph and ``armskg serve --writable``: ``http://host:7878/store`` (update: ``/update``);
Fuseki: ``http://host:3030/DATASET/data`` (``/DATASET/update``); GraphDB:
``http://host:7200/repositories/ID/rdf-graphs/service`` (``/repositories/ID/statements``).
Another URL is refused with one line, before anything is sent.

What was pushed is recorded per endpoint in ``armskg-push.json`` inside the store folder (a
digest per graph): pushing again without local changes reads and sends nothing, so
``armskg ingest --endpoint URL`` can run after every batch.  Delete that file to merge again
whatever the remote holds now.

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
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store

from armskg import __version__
from armskg.ontology.vocabulary import ARTICLE_NS, TALLY_GRAPH

from .push_merge import MergedPush, merge_into, push_mark, take_mark, update_endpoint, versioned_update

__all__ = [
    "PUSH_STATE_FILE",
    "PushError",
    "PushReport",
    "changed_graphs",
    "fetch_dataset",
    "graph_fingerprints",
    "graph_store_url",
    "push_graphs",
    "push_store",
    "send_graph",
    "send_update",
]

_USER_AGENT: Final = f"armskg/{__version__} (Graph Store Protocol push)"
_REFUSALS: Final = {
    401: "the store wants authentication",
    403: "the store refused the write; is it read-only (armskg serve without --writable)?",
    404: "no Graph Store endpoint at this URL (Oxigraph: .../store, Fuseki: .../DATASET/data)",
    405: "this URL does not accept graph writes; give the Graph Store endpoint, not the query endpoint",
}
_MASK: Final = (1 << 64) - 1
_ATTEMPTS: Final = 3  # a push that finds the remote changed under it reads it again, at most this often in all

PUSH_STATE_FILE: Final = "armskg-push.json"
"""The file in the store folder that records what was pushed to which endpoint."""

Fingerprints = dict[str | None, tuple[int, int]]


class PushError(RuntimeError):
    """The remote store did not take a graph; the message is one line naming the endpoint."""


@dataclass(slots=True)
class PushReport:
    """What one push did: graphs it changed (``"default graph"`` for the default graph), article
    graphs it deleted, how many quads it wrote (``triples``) and removed (``removed``)."""

    replaced: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    triples: int = 0
    removed: int = 0


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


def _send(
    request: urllib.request.Request,
    endpoint: str,
    timeout_s: float,
    credentials: tuple[str, str] | None,
    *,
    gone_ok: bool = False,
) -> bytes:
    """Send one request; its answer, or :class:`PushError` with a one-line reason naming ``endpoint``."""
    request.add_header("User-Agent", _USER_AGENT)
    if credentials is not None:
        token = base64.b64encode(":".join(credentials).encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.build_opener().open(request, timeout=timeout_s) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as error:
        if gone_ok and error.code == 404:
            return b""  # already gone
        hint = _REFUSALS.get(error.code) or _detail(error)
        raise PushError(f"{endpoint}: HTTP {error.code} {error.reason}" + (f": {hint}" if hint else "")) from None
    except TimeoutError:
        raise PushError(f"{endpoint}: no answer within {timeout_s:g} s") from None
    except urllib.error.URLError as error:
        raise PushError(f"cannot reach {endpoint}: {error.reason}") from None
    except OSError as error:
        raise PushError(f"{endpoint}: the connection failed ({error})") from None


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
    _send(request, endpoint, timeout_s, credentials, gone_ok=data is None)


def fetch_dataset(
    endpoint: str, *, graph: str | None = None, timeout_s: float = 120.0, credentials: tuple[str, str] | None = None
) -> Store:
    """The whole dataset behind the Graph Store endpoint (``GET`` as N-Quads), or its graph ``graph``,
    in a new in-memory store."""
    url = endpoint if graph is None else graph_store_url(endpoint, graph)
    request = urllib.request.Request(url, method="GET")
    request.add_header("Accept", "application/n-quads" if graph is None else "application/n-triples")
    data = _send(request, endpoint, timeout_s, credentials, gone_ok=graph is not None)
    store = Store()
    try:
        if graph is None:
            store.load(data, format=RdfFormat.N_QUADS)
        else:
            store.load(data, format=RdfFormat.N_TRIPLES, to_graph=NamedNode(graph))
    except (SyntaxError, ValueError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PushError(f"{endpoint}: the store's answer is not RDF armskg can read ({first})") from None
    return store


def send_update(url: str, update: str, *, timeout_s: float = 120.0, credentials: tuple[str, str] | None = None) -> None:
    """POST one SPARQL update (form-encoded, which Oxigraph, Fuseki and RDF4J all read)."""
    data = urllib.parse.urlencode({"update": update}).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    _send(request, url, timeout_s, credentials)


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
    _check_url(endpoint)
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


def _check_url(endpoint: str) -> None:
    if not re.match(r"https?://[^/\s]+", endpoint):
        raise PushError(f"{endpoint!r} is not an http(s) URL of a Graph Store endpoint")


def push_store(
    store: Store,
    store_dir: Path,
    endpoint: str,
    *,
    timeout_s: float = 120.0,
    credentials: tuple[str, str] | None = None,
) -> PushReport:
    """Merge the articles of ``store`` into the store behind ``endpoint`` (see the module docstring).

    Nothing is read or sent when the local store has not changed since the last push there
    (``store_dir/armskg-push.json``).  The remote store is changed by one update or not at all;
    :class:`PushError` says in one line why a push did not happen (and nothing is recorded then).
    """
    _check_url(endpoint)
    path = Path(store_dir) / PUSH_STATE_FILE
    state = _load_state(path)
    current = graph_fingerprints(store)
    sent = dict(state.get(endpoint, {}))
    send, gone = changed_graphs(sent, current)
    if not send and not gone:
        return PushReport()
    update_url = update_endpoint(endpoint)
    if update_url is None:
        raise PushError(
            f"{endpoint}: cannot merge with what this store holds, as no SPARQL Update endpoint is known beside it; "
            "give the Graph Store endpoint of Oxigraph (.../store), Fuseki (.../DATASET/data) "
            "or GraphDB (.../rdf-graphs/service)"
        )
    retract = [name for name in gone if name.startswith(ARTICLE_NS)]
    for _attempt in range(_ATTEMPTS):
        remote = fetch_dataset(endpoint, timeout_s=timeout_s, credentials=credentials)
        old = take_mark(remote)
        change = merge_into(remote, store, retract=retract)
        if change.delete or change.insert:
            new = uuid.uuid4().hex
            update = versioned_update(change, old, new)
            send_update(update_url, update, timeout_s=timeout_s, credentials=credentials)
            mark = fetch_dataset(endpoint, graph=TALLY_GRAPH.value, timeout_s=timeout_s, credentials=credentials)
            if push_mark(mark) != new:
                continue  # another push came first: this update matched nothing; read again
        state[endpoint] = current
        _save_state(path, state)
        return _report(change)
    raise PushError(
        f"{endpoint}: the remote store changed during each of {_ATTEMPTS} attempts (others are pushing); "
        "nothing was written, try again"
    )


def _report(change: MergedPush) -> PushReport:
    deleted = set(change.retracted)
    return PushReport(
        replaced=[name for name in change.graphs if name not in deleted],
        deleted=sorted(deleted),
        triples=len(change.insert),
        removed=len(change.delete),
    )
