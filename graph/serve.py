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
403); the front itself serves armskg's query page at ``/`` (:mod:`armskg.graph.query_page`).
A read-only server reopens the store once an ingest has written to it (:mod:`armskg.graph.store_watch`),
while no request runs; every answer says when the store it comes from was opened
(``X-Armskg-Snapshot``).  The front has no authentication: it binds the loopback unless told otherwise.

Typical use (the CLI does the same and then waits)::

    with serve(Path("armskg-store"), port=7878) as server:
        print("SPARQL endpoint:", server.url)
        server.wait()
"""

from __future__ import annotations

import ctypes
import errno
import http.client
import json
import logging
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import IO, Final

import psutil

from .query_page import QueryPage
from .store.reader_lock import hold_shared
from .store_watch import StoreWatch, snapshot_time

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "ServerError",
    "ServerStats",
    "SparqlServer",
    "default_memory_mb",
    "free_port",
    "oxigraph_binary",
    "serve",
]

LOG = logging.getLogger("armskg.serve")

DEFAULT_TIMEOUT_S: Final = 30
"""Seconds a request may run before the front stops it."""

_READY_QUERY: Final = "/query?query=ASK%7B%7D"
_WILDCARD: Final = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}
_POLL_S: Final = 0.05  # how often the supervisor looks at the child (memory, deadlines, death)
_AS_HEADROOM_MB: Final = 2048  # address space beyond 8x the RSS limit: stacks, mappings, arenas, reserve
_CHILD_TIMEOUT_MARGIN_S: Final = 10  # the child's own --timeout-s stays behind the front's deadline
_MAX_ATTEMPTS: Final = 3  # a read interrupted by a restart is sent again, at most this often in all
_IDLE_CONNECTIONS: Final = 32  # kept-alive connections to the child, at most
_SPOOL_BYTES: Final = 8 * 2**20  # answers and request bodies above this go to a temporary file
_HOP_BY_HOP: Final = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "expect",
        "server",  # the front names itself; Date is the front's too
        "date",
    }
)
_READ_PATHS: Final = frozenset({"/query", "/sparql"})


class ServerError(RuntimeError):
    """The server could not be started (port taken, store missing or locked, binary absent)."""


def oxigraph_binary() -> Path:
    """The ``oxigraph`` executable: the one installed beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError("the oxigraph server binary was not found (pip install oxigraph)")
    return Path(found)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (another process may still take it first)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def default_memory_mb() -> int:
    """The default memory limit of the oxigraph child: a quarter of physical memory, 512 MB to 4 GB.

    >>> 512 <= default_memory_mb() <= 4096
    True
    """
    quarter = psutil.virtual_memory().total // 4 // 2**20
    return int(min(4096, max(512, quarter)))


def _url_host(host: str) -> str:
    host = _WILDCARD.get(host, host)
    return f"[{host}]" if ":" in host else host


def _end_process(process: subprocess.Popen[bytes], grace_s: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if the process has not exited after ``grace_s`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL: a query in a sort does not react to SIGTERM soon, and RocksDB recovers from a kill."""
    if process.poll() is None:
        process.kill()
    process.wait()


@dataclass
class ServerStats:
    """What the front has seen since it started; ``peak_rss`` is the child's largest resident size."""

    requests: int = 0
    restarts: int = 0
    timeouts: int = 0
    memory_stops: int = 0
    crashes: int = 0
    retried: int = 0
    refreshes: int = 0
    peak_rss: int = 0
    last_rss: int = 0


@dataclass(eq=False)
class _Flight:
    """One request on its way through the front."""

    deadline: float
    retriable: bool
    started: float = field(default_factory=time.monotonic)
    generation: int = -1  # the child generation it was last sent to; -1 while waiting
    sent: float = 0.0
    fate: str | None = None  # set by the supervisor when it stops the child because of this request


class _Child:
    """One oxigraph process on a private loopback port, with its log."""

    def __init__(self, command: list[str], port: int, memory_mb: int) -> None:
        self.port = port
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        env = {**os.environ, "RUST_BACKTRACE": "0", "MALLOC_ARENA_MAX": "2"}
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # Ctrl-C in a terminal reaches the front, which then stops the child
            preexec_fn=_DIE_WITH_PARENT,  # one prctl call, no Python-level lock: safe with threads
        )
        _cap_address_space(self.process.pid, 8 * memory_mb + _AS_HEADROOM_MB)
        try:
            self.ps: psutil.Process | None = psutil.Process(self.process.pid)
        except psutil.Error:
            self.ps = None

    def alive(self) -> bool:
        return self.process.poll() is None

    def rss(self) -> int:
        if self.ps is None:
            return 0
        try:
            return int(self.ps.memory_info().rss)
        except psutil.Error:
            return 0

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def ran_out_of_memory(self) -> bool:
        return "memory allocation of" in self.output()

    def close(self) -> None:
        _kill(self.process)
        self.log.close()


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a function for ``preexec_fn`` that has the kernel kill the child when its parent
    thread ends (``PR_SET_PDEATHSIG``), so a front killed with SIGKILL leaves no oxigraph behind.

    It makes one foreign call and takes no Python-level lock, which is what keeps ``preexec_fn``
    safe in a threaded parent.  Elsewhere None: the child outlives a killed front there.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def arm() -> None:
        prctl(pr_set_pdeathsig, int(signal.SIGKILL))

    return arm


_DIE_WITH_PARENT: Final = _die_with_parent()


def _cap_address_space(pid: int, megabytes: int) -> None:
    """RLIMIT_AS on the child, set from outside (``prlimit``), so no ``preexec_fn`` runs in a threaded parent.

    The kernel then refuses the allocation that would pass the cap and Oxigraph aborts: a backstop
    for growth faster than the supervisor's polling.  Where ``prlimit`` is missing (not Linux) only
    the polling applies.
    """
    prlimit = getattr(resource, "prlimit", None)
    if prlimit is None:
        return
    limit = megabytes * 2**20
    try:
        prlimit(pid, resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError) as error:  # the child may already be gone; start() reports that
        LOG.debug("cannot cap the address space of %s: %s", pid, error)


def _error_body(code: str, message: str, **extra: int) -> bytes:
    return json.dumps({"error": code, "message": message, **extra}).encode("utf-8")


class _TooLargeError(Exception):
    """The child's answer passed the response size limit."""


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
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._cond = threading.Condition()
        self._child: _Child | None = None
        self._child_port = 0
        self._generation = 0
        self._broken: str | None = None  # why no child runs, while restarting fails
        self._flights: set[_Flight] = set()
        self._front: _Front | None = None
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._stopped = threading.Event()
        self._held = _Held()
        self._idle: list[tuple[tuple[int, int], http.client.HTTPConnection]] = []  # kept-alive, to the child
        self._idle_lock = threading.Lock()
        self._finalizer: weakref.finalize[[], SparqlServer] | None = None
        self.page = QueryPage()
        self.snapshot = ""  # when the running child opened the store (UTC), sent as X-Armskg-Snapshot
        self._watch = None if writable else StoreWatch(self.store_dir)  # reopen after an ingest

    # --- addresses -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://host:port``; a wildcard bind address is reached through the loopback."""
        return f"http://{_url_host(self.host)}:{self.port}"

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
        child = self._child
        return child.process if child is not None else None

    @property
    def running(self) -> bool:
        """Whether the front serves and an oxigraph child is alive."""
        child = self._child
        return self._front is not None and not self._stopping.is_set() and child is not None and child.alive()

    def command(self, child_port: int | None = None) -> list[str]:
        """The command line of the oxigraph child (on its private loopback port)."""
        args = [
            str(oxigraph_binary()),
            "serve" if self.writable else "serve-read-only",
            "--location",
            str(self.store_dir),
            "--bind",
            f"127.0.0.1:{child_port or self._child_port}",
            "--timeout-s",
            str(self.timeout_s + _CHILD_TIMEOUT_MARGIN_S),
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
        self._stopping.clear()
        self._stopped.clear()
        self._generation = 0
        self._broken = None
        front = self._bind()
        # Every child is started by the supervisor thread, which lives as long as the server: the
        # kernel ends a child when the thread that started it ends (see _die_with_parent).
        outcome: list[BaseException] = []
        started = threading.Event()

        def supervise() -> None:
            try:
                child = self._spawn(wait_s)
            except BaseException as error:  # handed to start(), which raises it
                outcome.append(error)
                started.set()
                return
            with self._cond:
                self._child = self._held.child = child
            started.set()
            self._supervise()

        supervisor = threading.Thread(target=supervise, name="armskg-supervisor", daemon=True)
        supervisor.start()
        try:
            while not started.wait(0.2):  # short waits keep Ctrl-C responsive
                pass
        except BaseException:  # Ctrl-C while waiting: the supervisor gives up and ends its child
            self._stopping.set()
            supervisor.join(timeout=10)
            front.server_close()
            raise
        if outcome:
            supervisor.join(timeout=10)
            front.server_close()
            raise outcome[0]
        self._front = self._held.front = front
        # A server dropped without stop(), or left at interpreter exit, still ends its child.
        self._finalizer = weakref.finalize(self, self._held.shutdown)
        serving = threading.Thread(
            target=front.serve_forever, kwargs={"poll_interval": 0.2}, name="armskg-front", daemon=True
        )
        serving.start()
        self._threads = [serving, supervisor]
        return self.url

    def stop(self, grace_s: float = 10.0) -> None:
        """Stop serving: close the port, then end the child (SIGTERM, SIGKILL after ``grace_s``)."""
        self._stopping.set()
        front, self._front = self._front, None
        if front is not None:
            front.shutdown()
            front.server_close()
        with self._cond:
            child, self._child = self._child, None
            self._held.child = self._held.front = None
            self._cond.notify_all()
        if child is not None:  # before the supervisor thread ends, whose end would SIGKILL it
            _end_process(child.process, grace_s)
            child.log.close()
        for thread in self._threads:
            thread.join(timeout=grace_s)
        self._threads = []
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        with self._idle_lock:
            for _, connection in self._idle:
                connection.close()
            self._idle.clear()
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
        if not 0 < self.port < 65536:
            raise ServerError(f"port {self.port} is not a TCP port (1-65535)")
        if self.timeout_s < 1:
            raise ServerError(f"timeout {self.timeout_s} s must be at least 1 s")
        if self.memory_mb < 64:
            raise ServerError(f"memory limit {self.memory_mb} MB must be at least 64 MB")
        if self.max_response_mb < 1:
            raise ServerError(f"response limit {self.max_response_mb} MB must be at least 1 MB")
        store = self.store_dir
        has_store = (store / "CURRENT").is_file()
        if store.exists() and not store.is_dir():
            raise ServerError(f"{store} is a file, not an Oxigraph store directory")
        if not self.writable and not has_store:
            raise ServerError(f"no Oxigraph store at {store}; load one first")
        if self.writable and store.is_dir() and not has_store and any(store.iterdir()):
            raise ServerError(f"{store} is not empty and holds no Oxigraph store")

    def _bind(self) -> _Front:
        try:
            return _Front((self.host, self.port), self)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServerError(self._port_taken()) from None
            if error.errno == errno.EACCES:
                raise ServerError(
                    f"no permission to bind port {self.port} on {self.host}; pick a port above 1023"
                ) from None
            raise ServerError(f"cannot bind {self.host}:{self.port}: {error.strerror or error}") from None

    def _spawn(self, wait_s: float) -> _Child:
        """Start a child on a free loopback port and wait until it answers a query."""
        last = ""
        for _ in range(3):  # another process may take the free port before the child binds it
            port = free_port()
            if self._watch is not None:
                self._watch.mark()
            child = _Child(self.command(port), port, self.memory_mb)
            self._child_port = port
            try:
                self._wait_until_ready(child, wait_s)
            except ServerError as error:
                output = child.output()
                child.close()
                if "Address already in use" in output:
                    last = str(error)
                    continue
                raise
            except BaseException:
                child.close()
                raise
            self.snapshot = snapshot_time()
            return child
        raise ServerError(last or "the oxigraph server could not bind a loopback port")

    def _wait_until_ready(self, child: _Child, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        delay = 0.02
        while True:
            if self._stopping.is_set():
                raise ServerError("the server was stopped while starting")
            if not child.alive():
                raise ServerError(self._died(child))
            if _answers(child.port):
                return
            if time.monotonic() > deadline:
                raise ServerError(f"the oxigraph server did not answer within {wait_s:g} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def _port_taken(self) -> str:
        return f"port {self.port} on {self.host} is already in use; pick another port"

    def _died(self, child: _Child) -> str:
        """One line saying why the child exited, from what it wrote."""
        output = child.output()
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("Error")] or lines
        detail = errors[0] if errors else f"exit code {child.process.returncode}"
        if "lock file" in output or "/LOCK" in output:
            return (
                f"the store at {self.store_dir} is locked by another process (a loader or a writable server); "
                "stop it first or serve read-only"
            )
        if "CURRENT" in output and "No such file" in output:
            return f"no Oxigraph store at {self.store_dir}; load one first"
        return f"the oxigraph server stopped at start: {detail}"

    # --- supervising ---------------------------------------------------------------------------

    def _supervise(self) -> None:
        """Every few milliseconds: is the child alive, within its memory, and is any request past its deadline?"""
        backoff = 1.0
        retry_at = 0.0
        while not self._stopping.wait(_POLL_S):
            cause: str | None
            with self._cond:
                child = self._child
                if child is None:
                    if time.monotonic() < retry_at:
                        continue
                    cause = "restart"
                else:
                    cause = self._check(child)
                    if cause is None:
                        continue
                    self._decide_fates(cause)
                    self._child = None
                    self._generation += 1
                    self._cond.notify_all()
            if child is not None:
                self._report(cause, child)
                child.close()
            if self._stopping.is_set():
                return
            try:
                fresh = self._spawn(wait_s=30.0)
            except ServerError as error:
                with self._cond:
                    self._broken = str(error)
                    self._cond.notify_all()
                LOG.error("cannot restart the oxigraph server: %s (trying again in %g s)", error, backoff)
                retry_at = time.monotonic() + backoff
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            with self._cond:
                if self._stopping.is_set():
                    fresh.close()
                    return
                self._child = self._held.child = fresh
                self._broken = None
                self.stats.restarts += 1
                self._cond.notify_all()

    def _check(self, child: _Child) -> str | None:
        """Why the child must be replaced now, or None (called with the lock held)."""
        if not child.alive():
            return "memory" if child.ran_out_of_memory() else "crash"
        rss = child.rss()
        self.stats.last_rss = rss
        self.stats.peak_rss = max(self.stats.peak_rss, rss)
        if rss > self.memory_mb * 2**20:
            return "memory"
        now = time.monotonic()
        if any(f.generation == self._generation and f.deadline <= now for f in self._flights):
            return "timeout"
        busy = any(f.generation == self._generation for f in self._flights)
        if self._watch is not None and not busy and self._watch.changed():
            return "refresh"  # the store was written since the child opened it, and no request runs
        return None

    def _decide_fates(self, cause: str) -> None:
        """Mark the requests the restart is for; the others on this child will be sent again."""
        running = [f for f in self._flights if f.generation == self._generation]
        if cause == "timeout":
            now = time.monotonic()
            for flight in running:
                if flight.deadline <= now:
                    flight.fate = "timeout"
            self.stats.timeouts += 1
        elif cause == "memory":
            if running:  # the longest-running request is the likeliest culprit
                min(running, key=lambda f: f.sent).fate = "memory"
            self.stats.memory_stops += 1
        elif cause == "refresh":
            self.stats.refreshes += 1
        else:
            self.stats.crashes += 1

    def _report(self, cause: str, child: _Child) -> None:
        if cause == "timeout":
            LOG.warning("a request ran past the %d s timeout: restarting the oxigraph server", self.timeout_s)
        elif cause == "memory":
            LOG.warning("the oxigraph server passed the %d MB memory limit: restarting it", self.memory_mb)
        elif cause == "refresh":
            LOG.info("the store was written since it was opened: reopening it to serve what was added")
        else:
            code = child.process.returncode
            LOG.warning("the oxigraph server stopped unexpectedly (exit code %s): restarting it", code)

    # --- forwarding (called from the front's request threads) ----------------------------------

    def _acquire_child(self, flight: _Flight) -> _Child | None:
        """The child to send to, waiting while it restarts; None when the deadline passes or none can start."""
        with self._cond:
            while True:
                if self._stopping.is_set():
                    return None
                child = self._child
                if child is not None:
                    flight.generation = self._generation
                    flight.sent = time.monotonic()
                    return child
                if self._broken is not None:
                    return None
                remaining = flight.deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(min(remaining, 0.5))

    def _verdict(self, flight: _Flight, generation: int) -> str | None:
        """After a broken exchange: wait until the supervisor has dealt with the child, then the fate."""
        settle = time.monotonic() + 0.2
        give_up = time.monotonic() + 5.0
        with self._cond:
            while self._generation == generation and not self._stopping.is_set():
                now = time.monotonic()
                child = self._child
                if now >= give_up or (now >= settle and child is not None and child.alive()):
                    break  # the child is fine: only this connection broke
                self._cond.wait(0.05)
            return flight.fate

    def forward(
        self, method: str, path: str, headers: list[tuple[str, str]], body: IO[bytes] | None, length: int
    ) -> tuple[int, list[tuple[str, str]], IO[bytes]]:
        """Send one request to the child and return its whole answer, or a JSON error of the front."""
        retriable = _is_read(method, path, headers, body, length)
        flight = _Flight(deadline=time.monotonic() + self.timeout_s, retriable=retriable)
        with self._cond:
            self._flights.add(flight)
            self.stats.requests += 1
        try:
            if not self._slots.acquire(timeout=self.timeout_s):
                return self._timeout_answer()
            try:
                return self._attempts(flight, method, path, headers, body, length)
            finally:
                self._slots.release()
        finally:
            with self._cond:
                self._flights.discard(flight)

    def _attempts(
        self,
        flight: _Flight,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: IO[bytes] | None,
        length: int,
    ) -> tuple[int, list[tuple[str, str]], IO[bytes]]:
        for attempt in range(1, _MAX_ATTEMPTS + 1):
            child = self._acquire_child(flight)
            if child is None:
                if time.monotonic() >= flight.deadline:
                    return self._timeout_answer()
                reason = self._broken or "the server is stopping"
                return _answer(503, _error_body("unavailable", f"The SPARQL server is not available: {reason}"))
            generation = flight.generation
            if body is not None:
                body.seek(0)
            try:
                return self._exchange(child.port, flight, method, path, headers, body, length)
            except _TooLargeError:
                limit = self.max_response_mb
                message = f"The answer is larger than the {limit} MB limit; ask for less (LIMIT, fewer variables)."
                return _answer(503, _error_body("too_large", message, limit_mb=limit))
            except (OSError, http.client.HTTPException):
                fate = self._verdict(flight, generation)
            if fate == "timeout" or time.monotonic() >= flight.deadline:
                return self._timeout_answer()
            if fate == "memory":
                message = (
                    f"The query needed more than the server's {self.memory_mb} MB memory limit and was stopped; "
                    "narrow it (fewer patterns, LIMIT, no ORDER BY over large results)."
                )
                return _answer(503, _error_body("memory", message, limit_mb=self.memory_mb))
            if not flight.retriable or attempt == _MAX_ATTEMPTS:
                update = "; an update is applied completely or not at all, check before retrying"
                message = "The SPARQL server restarted while answering this request" + (
                    "." if flight.retriable else update + "."
                )
                return _answer(503, _error_body("interrupted", message), retry_after=True)
            with self._cond:
                self.stats.retried += 1
        raise AssertionError("unreachable")  # pragma: no cover

    def _timeout_answer(self) -> tuple[int, list[tuple[str, str]], IO[bytes]]:
        message = (
            f"The request ran longer than the server's {self.timeout_s} s limit and was stopped; "
            "narrow the query (LIMIT, fewer patterns) or start the server with a larger --timeout-s."
        )
        return _answer(504, _error_body("timeout", message, limit_s=self.timeout_s))

    def _exchange(
        self,
        port: int,
        flight: _Flight,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: IO[bytes] | None,
        length: int,
    ) -> tuple[int, list[tuple[str, str]], IO[bytes]]:
        """One request to the child; the answer is read whole (spooled to disk if large).

        Reads reuse an idle kept-alive connection to the same child; writes take a fresh one,
        so a connection the child closed meanwhile can never leave a write in doubt.
        """
        wait = max(1.0, flight.deadline - time.monotonic() + 5.0)
        key = (port, flight.generation)
        for fresh in (False, True):
            connection, reused = self._connection(key, wait, keep=flight.retriable and not fresh)
            try:
                # HEAD goes as GET, so the front can say the length of the answer it does not send
                verb = "GET" if method == "HEAD" else method
                connection.putrequest(verb, path, skip_host=True, skip_accept_encoding=True)
                connection.putheader("Host", f"127.0.0.1:{port}")
                for name, value in headers:
                    connection.putheader(name, value)
                if body is not None or method in ("POST", "PUT", "PATCH"):
                    connection.putheader("Content-Length", str(length))
                connection.putheader("Connection", "keep-alive" if flight.retriable else "close")
                connection.endheaders()
                if body is not None:
                    connection.send(body)  # read and sent in blocks
                response = connection.getresponse()
            except (OSError, http.client.HTTPException):
                connection.close()
                if reused:  # the child had closed a kept connection: once more on a new one
                    if body is not None:
                        body.seek(0)
                    continue
                raise
            break
        answer: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
        limit = self.max_response_mb * 2**20
        size = 0
        try:
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise _TooLargeError
                answer.write(chunk)
        except BaseException:
            answer.close()
            connection.close()
            raise
        kept = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP]
        if flight.retriable and not response.will_close:
            self._keep(key, connection)
        else:
            connection.close()
        answer.seek(0)
        return response.status, kept, answer

    def _connection(
        self, key: tuple[int, int], timeout: float, *, keep: bool
    ) -> tuple[http.client.HTTPConnection, bool]:
        """An idle kept-alive connection to the child ``key`` (port, generation), or a new one."""
        if keep:
            with self._idle_lock:
                while self._idle:
                    held_key, connection = self._idle.pop()
                    if held_key == key:
                        connection.timeout = timeout
                        if connection.sock is not None:
                            connection.sock.settimeout(timeout)
                        return connection, True
                    connection.close()  # a connection to a child that is gone
        return http.client.HTTPConnection("127.0.0.1", key[0], timeout=timeout), False

    def _keep(self, key: tuple[int, int], connection: http.client.HTTPConnection) -> None:
        with self._idle_lock:
            if len(self._idle) < _IDLE_CONNECTIONS:
                self._idle.append((key, connection))
                return
        connection.close()


def _answer(status: int, body: bytes, *, retry_after: bool = False) -> tuple[int, list[tuple[str, str]], IO[bytes]]:
    headers = [("Content-Type", "application/json; charset=utf-8")]
    if retry_after:
        headers.append(("Retry-After", "1"))
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
    spool.write(body)
    spool.seek(0)
    return status, headers, spool


def _is_read(method: str, path: str, headers: list[tuple[str, str]], body: IO[bytes] | None, length: int) -> bool:
    """Whether sending the request again is harmless: GET/HEAD, or a query (not an update) POSTed to /query."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return True
    if method != "POST" or urllib.parse.urlsplit(path).path not in _READ_PATHS:
        return False
    kind = next((v for k, v in headers if k.lower() == "content-type"), "").split(";")[0].strip().lower()
    if kind == "application/sparql-query":
        return True
    if kind == "application/x-www-form-urlencoded" and body is not None and length <= _SPOOL_BYTES:
        body.seek(0)
        fields = urllib.parse.parse_qs(body.read(length).decode("utf-8", "replace"))
        return "query" in fields and "update" not in fields
    return False


def _answers(port: int) -> bool:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{_READY_QUERY}", headers={"Accept": "application/sparql-results+json"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=1.0) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class _Held:
    """The child and socket a server holds, for the finalizer that must not hold the server."""

    child: _Child | None = None
    front: _Front | None = None

    def shutdown(self) -> None:
        """What a server dropped without :meth:`SparqlServer.stop` (or left at exit) still does."""
        if self.front is not None:
            self.front.server_close()
        if self.child is not None:
            _end_process(self.child.process)


class _Front(ThreadingHTTPServer):
    """The listening socket; one thread per client connection."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: SparqlServer) -> None:
        self.owner: SparqlServer = owner
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    """Reads a request whole, hands it to :meth:`SparqlServer.forward`, writes the answer whole."""

    protocol_version = "HTTP/1.1"
    server_version = "armskg (oxigraph)"
    sys_version = ""
    timeout = 300  # seconds an idle client connection is kept
    server: _Front

    def do_GET(self) -> None:
        self._relay()

    def do_HEAD(self) -> None:
        self._relay()

    def do_POST(self) -> None:
        self._relay()

    def do_PUT(self) -> None:
        self._relay()

    def do_DELETE(self) -> None:
        self._relay()

    def do_PATCH(self) -> None:
        self._relay()

    def do_OPTIONS(self) -> None:
        self._relay()

    def log_message(self, format: str, *args: object) -> None:
        LOG.debug("%s %s", self.address_string(), format % args)

    def _relay(self) -> None:
        owner = self.server.owner
        own = owner.page.answer(self.command, self.path)  # the query page and its files
        if own is not None:
            self._send(*own)
            return
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self._send(*_answer(411, _error_body("length_required", "Send the request body with a Content-Length.")))
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._send(*_answer(400, _error_body("bad_request", "The Content-Length header is not a number.")))
            return
        body: IO[bytes] | None = None
        if length or self.command in ("POST", "PUT", "PATCH"):
            body = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
            remaining = length
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 64 * 1024))
                if not chunk:
                    self.close_connection = True
                    body.close()
                    return
                body.write(chunk)
                remaining -= len(chunk)
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP]
        try:
            answer = owner.forward(self.command, self.path, headers, body, length)
        finally:
            if body is not None:
                body.close()
        self._send(*answer)

    def _send(self, status: int, headers: list[tuple[str, str]], body: IO[bytes]) -> None:
        try:
            body.seek(0, os.SEEK_END)
            size = body.tell()
            body.seek(0)
            self.send_response(status)
            names = {name.lower() for name, _ in headers}
            for name, value in headers:
                self.send_header(name, value)
            if "content-length" not in names:
                self.send_header("Content-Length", str(size))
            if self.server.owner.snapshot:
                self.send_header("X-Armskg-Snapshot", self.server.owner.snapshot)
            if self.server.owner.cors and "access-control-allow-origin" not in names:
                self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(body, self.wfile, 64 * 1024)
        except OSError:  # the client went away
            self.close_connection = True
        finally:
            body.close()


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
