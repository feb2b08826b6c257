"""Serve a store over HTTP with the real ``oxigraph`` server binary (SPARQL 1.1 Protocol).

The server runs as a child process: ``oxigraph serve-read-only`` by default, ``oxigraph serve``
when asked for a writable endpoint.  :class:`SparqlServer` starts it, waits until it answers
a query, and stops it; failures come back as one-line :class:`ServerError` messages.

Endpoints: ``/query`` (SPARQL queries, GET or POST) and, when writable, ``/update``; a
read-only server answers an update with HTTP 403.

Oxigraph behaviour to know (measured with 0.5.13, see MEASURED.md):

* ``--timeout-s`` does not bound every query: a large ``ORDER BY`` ran for a minute, grew
  the server to 24 GB and got it killed; a cancelled query can also come back as HTTP 200
  with a cut-off JSON body, so a client must treat unparsable JSON as a failure.
* A read-only server opens a store that another process holds read-write (Oxigraph calls a
  concurrent writer undefined behaviour), and it does not see what the writer adds later:
  restart it after loading.  A writable server refuses a store another process holds.

Typical use (the CLI does the same and then waits)::

    with serve(Path("armskg-store"), port=7878) as server:
        print("SPARQL endpoint:", server.url)
        server.wait()
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import weakref
from pathlib import Path
from types import TracebackType
from typing import IO, Final

__all__ = ["ServerError", "SparqlServer", "free_port", "oxigraph_binary", "serve"]

_READY_QUERY: Final = "/query?query=ASK%7B%7D"
_WILDCARD: Final = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


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


def _port_in_use(host: str, port: int) -> bool:
    """Whether binding ``host:port`` fails because someone listens there.

    SO_REUSEADDR is set as the server sets it, so a port left in TIME_WAIT counts as free.
    """
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ServerError(f"cannot resolve host {host!r}: {error}") from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return True
    return False


def _end_process(process: subprocess.Popen[bytes], grace_s: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if the process has not exited after ``grace_s`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _url_host(host: str) -> str:
    host = _WILDCARD.get(host, host)
    return f"[{host}]" if ":" in host else host


class SparqlServer:
    """An ``oxigraph`` server over ``store_dir``, run as a child process.

    Nothing is printed; :meth:`start` returns the query endpoint URL.  Use it as a
    context manager, or call :meth:`stop` (safe to call twice).
    """

    def __init__(
        self,
        store_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        writable: bool = False,
        timeout_s: int = 30,
        cors: bool = False,
    ) -> None:
        self.store_dir = Path(store_dir)
        self.host = host
        self.port = port
        self.writable = writable
        self.timeout_s = timeout_s
        self.cors = cors
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._finalizer: weakref.finalize[[subprocess.Popen[bytes]], SparqlServer] | None = None

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
    def running(self) -> bool:
        """Whether the server process is alive."""
        return self.process is not None and self.process.poll() is None

    def command(self) -> list[str]:
        """The command line that starts the server."""
        bind = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        args = [
            str(oxigraph_binary()),
            "serve" if self.writable else "serve-read-only",
            "--location",
            str(self.store_dir),
            "--bind",
            bind,
            "--timeout-s",
            str(self.timeout_s),
        ]
        if self.cors:
            args.append("--cors")
        return args

    def start(self, wait_s: float = 20.0) -> str:
        """Start the server and wait (at most ``wait_s`` seconds) until it answers a query.

        Returns the query endpoint URL; raises :class:`ServerError` when the port is taken,
        the store is missing or locked, or the server does not come up in time.
        """
        if self.running:
            return self.url
        self.stop()  # forget a process that exited since the last start
        self._check_arguments()
        command = self.command()
        if _port_in_use(self.host, self.port):
            raise ServerError(self._port_taken())
        # The log outlives this call (read if the server dies, closed by stop()), and a file,
        # unlike a pipe nobody drains, never blocks the server when it writes a lot.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        env = {**os.environ, "RUST_BACKTRACE": "0"}
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT, env=env
        )
        self.process = process
        # A server object dropped without stop(), or left at interpreter exit, still ends its process.
        self._finalizer = weakref.finalize(self, _end_process, process)
        try:
            self._wait_until_ready(process, wait_s)
        except BaseException:  # a failed start, or Ctrl-C while waiting, leaves no server behind
            self.stop()
            raise
        return self.url

    def _wait_until_ready(self, process: subprocess.Popen[bytes], wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        delay = 0.05
        while True:
            if process.poll() is not None:
                raise ServerError(self._died(process))
            if self._answers():
                return
            if time.monotonic() > deadline:
                raise ServerError(f"the oxigraph server on {self.base_url} did not answer within {wait_s:g} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def stop(self, grace_s: float = 10.0) -> None:
        """Stop the server: SIGTERM, then SIGKILL if it has not exited after ``grace_s``."""
        process, self.process = self.process, None
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        if process is not None:
            _end_process(process, grace_s)
        if self._log is not None:
            self._log.close()
            self._log = None

    def wait(self, timeout: float | None = None) -> int | None:
        """Block until the server exits (or ``timeout`` passes); its exit code, or None."""
        if self.process is None:
            return None
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

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

    def _check_arguments(self) -> None:
        if not 0 < self.port < 65536:
            raise ServerError(f"port {self.port} is not a TCP port (1-65535)")
        if self.timeout_s < 1:
            raise ServerError(f"timeout {self.timeout_s} s must be at least 1 s")
        store = self.store_dir
        has_store = (store / "CURRENT").is_file()
        if store.exists() and not store.is_dir():
            raise ServerError(f"{store} is a file, not an Oxigraph store directory")
        if not self.writable and not has_store:
            raise ServerError(f"no Oxigraph store at {store}; load one first")
        if self.writable and store.is_dir() and not has_store and any(store.iterdir()):
            raise ServerError(f"{store} is not empty and holds no Oxigraph store")

    def _answers(self) -> bool:
        request = urllib.request.Request(
            self.base_url + _READY_QUERY, headers={"Accept": "application/sparql-results+json"}
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=1.0) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def _port_taken(self) -> str:
        return f"port {self.port} on {self.host} is already in use; pick another port"

    def _died(self, process: subprocess.Popen[bytes]) -> str:
        """One line saying why the server process exited, from what it wrote."""
        output = ""
        if self._log is not None:
            self._log.seek(0)
            output = self._log.read().decode("utf-8", "replace")
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("Error")] or lines
        detail = errors[0] if errors else f"exit code {process.returncode}"
        if "Address already in use" in output:
            return self._port_taken()
        if "lock file" in output or "/LOCK" in output:
            return (
                f"the store at {self.store_dir} is locked by another process (a loader or a writable server); "
                "stop it first or serve read-only"
            )
        if "CURRENT" in output and "No such file" in output:
            return f"no Oxigraph store at {self.store_dir}; load one first"
        return f"the oxigraph server stopped at start: {detail}"


def serve(
    store_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout_s: int = 30,
    cors: bool = False,
    wait_s: float = 20.0,
) -> SparqlServer:
    """Start an ``oxigraph`` server over ``store_dir`` and return it once it answers.

    Read-only unless ``writable``; ``--cors`` only when ``cors``.  The caller stops it
    (:meth:`SparqlServer.stop`, or ``with serve(...) as server:``).  ``timeout_s`` is
    Oxigraph's query timeout, which does not bound sorts (see the module notes).
    """
    server = SparqlServer(store_dir, host=host, port=port, writable=writable, timeout_s=timeout_s, cors=cors)
    server.start(wait_s=wait_s)
    return server
