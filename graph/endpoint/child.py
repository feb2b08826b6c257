"""One ``oxigraph`` child process: finding the binary, starting it on a private port, ending it.

The front (:mod:`armskg.graph.endpoint.front`) listens where the user asked; the oxigraph server
itself runs as a child on a free loopback port.  This module knows how to start such a child so
that it cannot outlive the front (``PR_SET_PDEATHSIG`` on Linux) nor grow past its address-space
cap (``prlimit``), how to ask whether it answers, and how to end it.  The decisions of when to
start, stop or replace it are the supervisor's (:mod:`armskg.graph.endpoint.supervisor`).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Final

import psutil

from .limits import cap_address_space

__all__ = [
    "Child",
    "ServerError",
    "answers",
    "end_process",
    "free_port",
    "oxigraph_binary",
    "unservable",
]

READY_QUERY: Final = "/query?query=ASK%7B%7D"
"""What the readiness probe asks the child: the cheapest query there is."""


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


def unservable(store: Path, *, writable: bool) -> str | None:
    """Why ``store`` cannot be served (read-only: it must hold a store; writable: it may be empty), or None."""
    has_store = (store / "CURRENT").is_file()
    if store.exists() and not store.is_dir():
        return f"{store} is a file, not an Oxigraph store directory"
    if not writable and not has_store:
        return f"no Oxigraph store at {store}; load one first"
    if writable and store.is_dir() and not has_store and any(store.iterdir()):
        return f"{store} is not empty and holds no Oxigraph store"
    return None


def end_process(process: subprocess.Popen[bytes], grace_s: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if the process has not exited after ``grace_s`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def answers(port: int) -> bool:
    """Whether an oxigraph server on the loopback ``port`` answers a query now (within a second)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{READY_QUERY}", headers={"Accept": "application/sparql-results+json"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=1.0) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def die_with_parent() -> Callable[[], None] | None:
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


DIE_WITH_PARENT: Final = die_with_parent()


class Child:
    """One oxigraph process on a private loopback port, with its log.

    ``address_space_mb`` caps its virtual memory from outside (a backstop for growth faster
    than the supervisor's polling of its resident size).
    """

    def __init__(self, command: list[str], port: int, address_space_mb: int) -> None:
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
            preexec_fn=DIE_WITH_PARENT,  # one prctl call, no Python-level lock: safe with threads
        )
        cap_address_space(self.process.pid, address_space_mb)
        try:
            self.ps: psutil.Process | None = psutil.Process(self.process.pid)
        except psutil.Error:
            self.ps = None

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None

    def rss(self) -> int:
        """Its resident memory in bytes (0 when it cannot be read)."""
        if self.ps is None:
            return 0
        try:
            return int(self.ps.memory_info().rss)
        except psutil.Error:
            return 0

    def output(self) -> str:
        """Everything it wrote so far."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def ran_out_of_memory(self) -> bool:
        """Whether it aborted on a refused allocation (its address-space cap, or the machine's)."""
        return "memory allocation of" in self.output()

    def exit_reason(self, store_dir: Path) -> str:
        """One line saying why it exited, from what it wrote."""
        output = self.output()
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("Error")] or lines
        detail = errors[0] if errors else f"exit code {self.process.returncode}"
        if "lock file" in output or "/LOCK" in output:
            return (
                f"the store at {store_dir} is locked by another process (a loader or a writable server); "
                "stop it first or serve read-only"
            )
        if "CURRENT" in output and "No such file" in output:
            return f"no Oxigraph store at {store_dir}; load one first"
        return f"the oxigraph server stopped at start: {detail}"

    def close(self) -> None:
        """SIGKILL: a query in a sort does not react to SIGTERM soon, and RocksDB recovers from a kill."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.log.close()
