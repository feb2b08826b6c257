"""Serve a store over HTTP: the real ``oxigraph`` server behind a front that bounds every request.

``oxigraph`` alone does not bound a query's time or memory (measured with 0.5.13, see
``docs/sparql.md``): its ``--timeout-s`` let a large ``ORDER BY`` run for minutes and grow
to 24 GB, a query cancelled by that timeout still answers HTTP 200 with a cut-off body, and
a streamed ``SELECT *`` over a cross product is never cancelled at all.  So armskg puts a
small front process on the port the user asked for::

    client ──HTTP──▶ front (this process: host:port)
                       │ reads each answer whole before passing it on (no truncated 200),
                       │ stops any request still running after timeout_s (504),
                       │ watches the child's resident memory and caps its address space (503)
                       ▼
                     oxigraph child (serve-read-only, or serve when writable; 127.0.0.1:<private port>)

Oxigraph cannot cancel a running query from outside, so the front stops a query by killing
the child and starting a fresh one on the same store (a fraction of a second on a small
store).  Requests that were running on the child at that moment and only read (queries,
``GET``) are sent again to the new child, so other clients keep getting answers; the
request that caused the restart gets a JSON error, never a partial answer::

    HTTP 504  {"error": "timeout", "message": "...", "limit_s": 30}
    HTTP 503  {"error": "memory" | "too_large" | "unavailable" | "interrupted", "message": "..."}

Endpoints are Oxigraph's: ``/query`` (SPARQL queries, GET or POST), ``/update`` and ``/store``
(SPARQL Update and the Graph Store Protocol, only when writable; a read-only server answers
403); the front itself serves armskg's query page at ``/`` (:mod:`armskg.graph.endpoint.query_page`).
A read-only server reopens the store once an ingest has written to it (:mod:`armskg.graph.endpoint.store_watch`),
while no request runs; every answer says when the store it comes from was opened
(``X-Armskg-Snapshot``).  The front has no authentication: it binds the loopback unless told otherwise.

This module puts the parts together: :mod:`~armskg.graph.endpoint.supervisor` keeps the child
serving (:mod:`~armskg.graph.endpoint.child` starts and ends it), :mod:`~armskg.graph.endpoint.front`
is the HTTP side, :mod:`~armskg.graph.endpoint.relay` carries a request to the child and
:mod:`~armskg.graph.endpoint.limits` holds the bounds and the error answers.

Typical use (the CLI does the same and then waits)::

    with serve(Path("armskg-store"), port=7878) as server:
        print("SPARQL endpoint:", server.url)
        server.wait()
"""

from __future__ import annotations

import errno
import http.client
import subprocess
import threading
import time
import weakref
from pathlib import Path
from types import TracebackType
from typing import Final

from armskg.graph.store.reader_lock import hold_shared

from .child import ServerError, oxigraph_binary, unservable
from .front import Front, url_host
from .limits import (
    DEFAULT_TIMEOUT_S,
    MAX_ATTEMPTS,
    Answer,
    Flight,
    Request,
    ServerStats,
    TooLargeError,
    default_memory_mb,
    error_answer,
    interrupted_answer,
    invalid_limit,
    is_read,
    memory_answer,
    timeout_answer,
    too_large_answer,
)
from .query_page import QueryPage
from .relay import ChildConnections
from .store_watch import StoreWatch
from .supervisor import Supervisor

__all__ = ["SparqlServer", "serve"]

CHILD_TIMEOUT_MARGIN_S: Final = 10
"""The child's own ``--timeout-s`` stays this far behind the front's deadline."""


class SparqlServer:
    """An ``oxigraph`` server over ``store_dir`` behind a bounding front; see the module docstring.

    Nothing is printed (events go to the ``armskg.serve`` logger); :meth:`start` returns the
    query endpoint URL.  Use it as a context manager, or call :meth:`stop` (safe to call twice).
    ``timeout_s`` bounds each request's wall-clock time, ``memory_mb`` the child's resident
    memory, ``max_response_mb`` the size of one answer.
    """

    def __init__(
        self,
        store_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        writable: bool = False,
        timeout_s: int = DEFAULT_TIMEOUT_S,
        cors: bool = False,
        memory_mb: int | None = None,
        union_default_graph: bool = False,
        max_response_mb: int = 1024,
        max_concurrent: int = 64,
    ) -> None:
        self.store_dir = Path(store_dir)
        self.host = host
        self.port = port
        self.writable = writable
        self.timeout_s = timeout_s
        self.cors = cors
        self.memory_mb = memory_mb if memory_mb is not None else default_memory_mb()
        self.union_default_graph = union_default_graph
        self.max_response_mb = max_response_mb
        self.stats = ServerStats()
        self.page = QueryPage()
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._supervisor = self._new_supervisor()
        self._connections = ChildConnections(max_response_mb)
        self._front: Front | None = None
        self._threads: list[threading.Thread] = []
        self._stopped = threading.Event()
        self._finalizer: weakref.finalize[[], SparqlServer] | None = None

    def _new_supervisor(self) -> Supervisor:
        watch = None if self.writable else StoreWatch(self.store_dir)  # reopen after an ingest
        return Supervisor(
            self.command,
            self.store_dir,
            memory_mb=self.memory_mb,
            timeout_s=self.timeout_s,
            watch=watch,
            stats=self.stats,
        )

    # --- addresses -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://host:port``; a wildcard bind address is reached through the loopback."""
        return f"http://{url_host(self.host)}:{self.port}"

    @property
    def url(self) -> str:
        """The SPARQL query endpoint."""
        return self.base_url + "/query"

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (answers 403 unless the server is writable)."""
        return self.base_url + "/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint (``?graph=IRI`` or ``?default``; writes need ``writable``)."""
        return self.base_url + "/store"

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The oxigraph child process running now (a new one after each restart)."""
        child = self._supervisor.child
        return child.process if child is not None else None

    @property
    def snapshot(self) -> str:
        """When the running child opened the store (UTC), sent as ``X-Armskg-Snapshot``."""
        return self._supervisor.snapshot

    @property
    def running(self) -> bool:
        """Whether the front serves and an oxigraph child is alive."""
        child, stopping = self._supervisor.child, self._supervisor.stopping.is_set()
        return self._front is not None and not stopping and child is not None and child.alive()

    def command(self, child_port: int | None = None) -> list[str]:
        """The command line of the oxigraph child (on its private loopback port)."""
        args = [
            str(oxigraph_binary()),
            "serve" if self.writable else "serve-read-only",
            "--location",
            str(self.store_dir),
            "--bind",
            f"127.0.0.1:{child_port or self._supervisor.child_port}",
            "--timeout-s",
            str(self.timeout_s + CHILD_TIMEOUT_MARGIN_S),
        ]
        if self.union_default_graph:
            args.append("--union-default-graph")
        if self.cors:
            args.append("--cors")
        return args

    # --- life cycle ----------------------------------------------------------------------------

    def start(self, wait_s: float = 20.0) -> str:
        """Bind the port, start the oxigraph child and wait (at most ``wait_s``) until it answers.

        Returns the query endpoint URL; raises :class:`ServerError` when the port is taken,
        the store is missing or locked, or the server does not come up in time.
        """
        if self.running:
            return self.url
        self.stop()
        self._check_arguments()
        oxigraph_binary()
        if not self.writable:
            hold_shared(self.store_dir)  # no bulk loader beside this server
        self._stopped.clear()
        supervisor = self._supervisor = self._new_supervisor()
        front = self._bind()
        # Every child is started by the supervisor thread, which lives as long as the server: the
        # kernel ends a child when the thread that started it ends (see child.die_with_parent).
        outcome: list[BaseException] = []
        started = threading.Event()

        def supervise() -> None:
            try:
                child = supervisor.spawn(wait_s)
            except BaseException as error:  # handed to start(), which raises it
                outcome.append(error)
                started.set()
                return
            supervisor.adopt(child)
            started.set()
            supervisor.run()

        thread = threading.Thread(target=supervise, name="armskg-supervisor", daemon=True)
        thread.start()
        try:
            while not started.wait(0.2):  # short waits keep Ctrl-C responsive
                pass
        except BaseException:  # Ctrl-C while waiting: the supervisor gives up and ends its child
            supervisor.stopping.set()
            thread.join(timeout=10)
            front.server_close()
            raise
        if outcome:
            thread.join(timeout=10)
            front.server_close()
            raise outcome[0]
        self._front = supervisor.held.front = front
        # A server dropped without stop(), or left at interpreter exit, still ends its child.
        self._finalizer = weakref.finalize(self, supervisor.held.shutdown)
        serving = threading.Thread(
            target=front.serve_forever, kwargs={"poll_interval": 0.2}, name="armskg-front", daemon=True
        )
        serving.start()
        self._threads = [serving, thread]
        return self.url

    def stop(self, grace_s: float = 10.0) -> None:
        """Stop serving: close the port, then end the child (SIGTERM, SIGKILL after ``grace_s``)."""
        self._supervisor.stopping.set()
        front, self._front = self._front, None
        if front is not None:
            front.shutdown()
            front.server_close()
        self._supervisor.end(grace_s)
        for thread in self._threads:
            thread.join(timeout=grace_s)
        self._threads = []
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        self._connections.close()
        self._stopped.set()

    def wait(self, timeout: float | None = None) -> int | None:
        """Block until the server is stopped (or ``timeout`` passes): 0 once stopped, else None."""
        if self._front is None and not self._threads:
            return 0
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._stopped.is_set():
            if deadline is not None and time.monotonic() >= deadline:
                return None
            self._stopped.wait(0.5)  # short waits keep Ctrl-C responsive
        return 0

    def __enter__(self) -> SparqlServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # --- starting ------------------------------------------------------------------------------

    def _check_arguments(self) -> None:
        problem = invalid_limit(self.port, self.timeout_s, self.memory_mb, self.max_response_mb)
        if problem is not None:
            raise ServerError(problem)
        problem = unservable(self.store_dir, writable=self.writable)
        if problem is not None:
            raise ServerError(problem)

    def _bind(self) -> Front:
        try:
            return Front((self.host, self.port), self)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServerError(f"port {self.port} on {self.host} is already in use; pick another port") from None
            if error.errno == errno.EACCES:
                raise ServerError(
                    f"no permission to bind port {self.port} on {self.host}; pick a port above 1023"
                ) from None
            raise ServerError(f"cannot bind {self.host}:{self.port}: {error.strerror or error}") from None

    # --- forwarding (called from the front's request threads) ----------------------------------

    def forward(self, request: Request) -> Answer:
        """Send one request to the child and return its whole answer, or a JSON error of the front."""
        flight = Flight(deadline=time.monotonic() + self.timeout_s, retriable=is_read(request))
        with self._supervisor.tracked(flight):
            if not self._slots.acquire(timeout=self.timeout_s):
                return timeout_answer(self.timeout_s)
            try:
                return self._attempts(flight, request)
            finally:
                self._slots.release()

    def _attempts(self, flight: Flight, request: Request) -> Answer:
        supervisor = self._supervisor
        for attempt in range(1, MAX_ATTEMPTS + 1):
            child = supervisor.acquire(flight)
            if child is None:
                if time.monotonic() >= flight.deadline:
                    return timeout_answer(self.timeout_s)
                reason = supervisor.broken or "the server is stopping"
                return error_answer(503, "unavailable", f"The SPARQL server is not available: {reason}")
            generation = flight.generation
            request.rewind()
            try:
                return self._connections.exchange(child.port, flight, request)
            except TooLargeError:
                return too_large_answer(self.max_response_mb)
            except (OSError, http.client.HTTPException):
                fate = supervisor.verdict(flight, generation)
            if fate == "timeout" or time.monotonic() >= flight.deadline:
                return timeout_answer(self.timeout_s)
            if fate == "memory":
                return memory_answer(self.memory_mb)
            if not flight.retriable or attempt == MAX_ATTEMPTS:
                return interrupted_answer(flight.retriable)
            supervisor.retried()
        raise AssertionError("unreachable")  # pragma: no cover


def serve(
    store_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    cors: bool = False,
    memory_mb: int | None = None,
    union_default_graph: bool = False,
    wait_s: float = 20.0,
) -> SparqlServer:
    """Start a bounded ``oxigraph`` server over ``store_dir`` and return it once it answers.

    Read-only unless ``writable``; ``--cors`` only when ``cors``.  Each request may run
    ``timeout_s`` seconds; the child may hold ``memory_mb`` (default :func:`default_memory_mb`).
    The caller stops it (:meth:`SparqlServer.stop`, or ``with serve(...) as server:``).
    """
    server = SparqlServer(
        store_dir,
        host=host,
        port=port,
        writable=writable,
        timeout_s=timeout_s,
        cors=cors,
        memory_mb=memory_mb,
        union_default_graph=union_default_graph,
    )
    server.start(wait_s=wait_s)
    return server
