"""Keep one ``oxigraph`` child serving: start it, watch it, replace it, and hand it to requests.

A thread runs :meth:`Supervisor.run`: every few milliseconds it looks whether the child is
alive, within its memory limit, whether a request on it is past its deadline, and (read-only
servers) whether an ingest has written the store since the child opened it
(:class:`~armskg.graph.endpoint.store_watch.StoreWatch`, checked only while no request runs).
Any of these replaces the child: Oxigraph cannot cancel a running query from outside, so a
query is stopped by killing the child and starting a fresh one on the same store.  The request
the restart is for gets a *fate* (``timeout`` or ``memory``); the others that only read are
sent again by the server (:mod:`armskg.graph.endpoint.server`).

Children are numbered by *generation*; a request remembers the generation it was sent to, so
the supervisor knows which requests a restart interrupts.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Final

from .child import Child, ServerError, answers, end_process, free_port
from .limits import AS_HEADROOM_MB, Flight, ServerStats
from .store_watch import StoreWatch, snapshot_time

__all__ = ["Held", "Supervisor"]

LOG = logging.getLogger("armskg.serve")

POLL_S: Final = 0.05
"""How often the supervisor looks at the child (memory, deadlines, death)."""


@dataclass
class Held:
    """The child and listening socket a server holds, for the finalizer that must not hold the server."""

    child: Child | None = None
    front: ThreadingHTTPServer | None = None

    def shutdown(self) -> None:
        """What a server dropped without ``stop()`` (or left at exit) still does."""
        if self.front is not None:
            self.front.server_close()
        if self.child is not None:
            end_process(self.child.process)


class Supervisor:
    """The child of one server and the requests on it, under one lock (``cond``).

    ``command(port)`` gives the child's command line; ``memory_mb`` bounds its resident memory
    (8x that plus headroom its address space); ``watch`` (None for a writable server) says when
    the store was written by someone else.
    """

    def __init__(
        self,
        command: Callable[[int], list[str]],
        store_dir: Path,
        *,
        memory_mb: int,
        timeout_s: int,
        watch: StoreWatch | None,
        stats: ServerStats,
    ) -> None:
        self.command = command
        self.store_dir = store_dir
        self.memory_mb = memory_mb
        self.timeout_s = timeout_s
        self.watch = watch
        self.stats = stats
        self.cond = threading.Condition()
        self.child: Child | None = None
        self.child_port = 0
        self.generation = 0
        self.broken: str | None = None  # why no child runs, while restarting fails
        self.flights: set[Flight] = set()
        self.stopping = threading.Event()
        self.held = Held()
        self.snapshot = ""  # when the running child opened the store (UTC), sent as X-Armskg-Snapshot

    # --- starting ------------------------------------------------------------------------------

    def spawn(self, wait_s: float) -> Child:
        """Start a child on a free loopback port and wait until it answers a query."""
        last = ""
        for _ in range(3):  # another process may take the free port before the child binds it
            port = free_port()
            if self.watch is not None:
                self.watch.mark()
            child = Child(self.command(port), port, 8 * self.memory_mb + AS_HEADROOM_MB)
            self.child_port = port
            try:
                self.wait_until_ready(child, wait_s)
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

    def wait_until_ready(self, child: Child, wait_s: float) -> None:
        """Return once ``child`` answers; raise :class:`ServerError` if it dies, is stopped or is late."""
        deadline = time.monotonic() + wait_s
        delay = 0.02
        while True:
            if self.stopping.is_set():
                raise ServerError("the server was stopped while starting")
            if not child.alive():
                raise ServerError(child.exit_reason(self.store_dir))
            if answers(child.port):
                return
            if time.monotonic() > deadline:
                raise ServerError(f"the oxigraph server did not answer within {wait_s:g} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def adopt(self, child: Child) -> None:
        """Make ``child`` the one requests go to."""
        with self.cond:
            self.child = self.held.child = child

    def end(self, grace_s: float) -> None:
        """Take the child out of service and end it (SIGTERM, SIGKILL after ``grace_s``)."""
        with self.cond:
            child, self.child = self.child, None
            self.held.child = self.held.front = None
            self.cond.notify_all()
        if child is not None:  # before the supervisor thread ends, whose end would SIGKILL it
            end_process(child.process, grace_s)
            child.log.close()

    # --- supervising ---------------------------------------------------------------------------

    def run(self) -> None:
        """Every few milliseconds: is the child alive, within its memory, and is any request past its deadline?"""
        backoff = 1.0
        retry_at = 0.0
        while not self.stopping.wait(POLL_S):
            cause: str | None
            with self.cond:
                child = self.child
                if child is None:
                    if time.monotonic() < retry_at:
                        continue
                    cause = "restart"
                else:
                    cause = self.check(child)
                    if cause is None:
                        continue
                    self.decide_fates(cause)
                    self.child = None
                    self.generation += 1
                    self.cond.notify_all()
            if child is not None:
                self.report(cause, child)
                child.close()
            if self.stopping.is_set():
                return
            try:
                fresh = self.spawn(wait_s=30.0)
            except ServerError as error:
                with self.cond:
                    self.broken = str(error)
                    self.cond.notify_all()
                LOG.error("cannot restart the oxigraph server: %s (trying again in %g s)", error, backoff)
                retry_at = time.monotonic() + backoff
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            with self.cond:
                if self.stopping.is_set():
                    fresh.close()
                    return
                self.child = self.held.child = fresh
                self.broken = None
                self.stats.restarts += 1
                self.cond.notify_all()

    def check(self, child: Child) -> str | None:
        """Why the child must be replaced now, or None (called with the lock held)."""
        if not child.alive():
            return "memory" if child.ran_out_of_memory() else "crash"
        rss = child.rss()
        self.stats.last_rss = rss
        self.stats.peak_rss = max(self.stats.peak_rss, rss)
        if rss > self.memory_mb * 2**20:
            return "memory"
        now = time.monotonic()
        if any(f.generation == self.generation and f.deadline <= now for f in self.flights):
            return "timeout"
        busy = any(f.generation == self.generation for f in self.flights)
        if self.watch is not None and not busy and self.watch.changed():
            return "refresh"  # the store was written since the child opened it, and no request runs
        return None

    def decide_fates(self, cause: str) -> None:
        """Mark the requests the restart is for; the others on this child will be sent again."""
        running = [f for f in self.flights if f.generation == self.generation]
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

    def report(self, cause: str, child: Child) -> None:
        """Say in the log why the child is replaced."""
        if cause == "timeout":
            LOG.warning("a request ran past the %d s timeout: restarting the oxigraph server", self.timeout_s)
        elif cause == "memory":
            LOG.warning("the oxigraph server passed the %d MB memory limit: restarting it", self.memory_mb)
        elif cause == "refresh":
            LOG.info("the store was written since it was opened: reopening it to serve what was added")
        else:
            code = child.process.returncode
            LOG.warning("the oxigraph server stopped unexpectedly (exit code %s): restarting it", code)

    # --- requests (called from the front's request threads) -----------------------------------

    @contextlib.contextmanager
    def tracked(self, flight: Flight) -> Iterator[Flight]:
        """Count ``flight`` among the requests the supervisor watches while the block runs."""
        with self.cond:
            self.flights.add(flight)
            self.stats.requests += 1
        try:
            yield flight
        finally:
            with self.cond:
                self.flights.discard(flight)

    def acquire(self, flight: Flight) -> Child | None:
        """The child to send to, waiting while it restarts; None when the deadline passes or none can start."""
        with self.cond:
            while True:
                if self.stopping.is_set():
                    return None
                child = self.child
                if child is not None:
                    flight.generation = self.generation
                    flight.sent = time.monotonic()
                    return child
                if self.broken is not None:
                    return None
                remaining = flight.deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.cond.wait(min(remaining, 0.5))

    def verdict(self, flight: Flight, generation: int) -> str | None:
        """After a broken exchange: wait until the supervisor has dealt with the child, then the fate."""
        settle = time.monotonic() + 0.2
        give_up = time.monotonic() + 5.0
        with self.cond:
            while self.generation == generation and not self.stopping.is_set():
                now = time.monotonic()
                child = self.child
                if now >= give_up or (now >= settle and child is not None and child.alive()):
                    break  # the child is fine: only this connection broke
                self.cond.wait(0.05)
            return flight.fate

    def retried(self) -> None:
        """Count a read sent again after a restart."""
        with self.cond:
            self.stats.retried += 1
