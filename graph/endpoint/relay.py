"""Send one request to the oxigraph child and read its whole answer, over kept-alive connections.

The front never streams a child's answer to the client: it reads it whole first (spooled to
disk when large, bounded by the response size limit), so a child killed half-way never leaves
a client with a cut-off ``200``.  Reads reuse an idle kept-alive connection to the same child;
writes take a fresh one, so a connection the child closed meanwhile can never leave a write in
doubt.
"""

from __future__ import annotations

import http.client
import tempfile
import threading
import time
from typing import IO, Final

from .limits import SPOOL_BYTES, Answer, Flight, Request, TooLargeError

__all__ = ["HOP_BY_HOP", "ChildConnections"]

IDLE_CONNECTIONS: Final = 32
"""Kept-alive connections to the child, at most."""

HOP_BY_HOP: Final = frozenset(
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
"""Headers that describe one connection, not the message: neither passed to the child nor back."""

ConnectionKey = tuple[int, int]
"""A child's port and generation: a connection is reused only with the very child it was opened to."""


class ChildConnections:
    """The front's connections to its children; ``max_response_mb`` bounds one answer."""

    def __init__(self, max_response_mb: int) -> None:
        self.max_response_mb = max_response_mb
        self._idle: list[tuple[ConnectionKey, http.client.HTTPConnection]] = []
        self._lock = threading.Lock()

    def exchange(self, port: int, flight: Flight, request: Request) -> Answer:
        """One request to the child on ``port``; the answer is read whole (spooled to disk if large).

        Raises :class:`~armskg.graph.endpoint.limits.TooLargeError` past the size limit, and
        ``OSError`` or ``http.client.HTTPException`` when the exchange breaks.
        """
        method, body = request.method, request.body
        wait = max(1.0, flight.deadline - time.monotonic() + 5.0)
        key = (port, flight.generation)
        for fresh in (False, True):
            connection, reused = self._connection(key, wait, keep=flight.retriable and not fresh)
            try:
                # HEAD goes as GET, so the front can say the length of the answer it does not send
                verb = "GET" if method == "HEAD" else method
                connection.putrequest(verb, request.path, skip_host=True, skip_accept_encoding=True)
                connection.putheader("Host", f"127.0.0.1:{port}")
                for name, value in request.headers:
                    connection.putheader(name, value)
                if body is not None or method in ("POST", "PUT", "PATCH"):
                    connection.putheader("Content-Length", str(request.length))
                connection.putheader("Connection", "keep-alive" if flight.retriable else "close")
                connection.endheaders()
                if body is not None:
                    connection.send(body)  # read and sent in blocks
                response = connection.getresponse()
            except (OSError, http.client.HTTPException):
                connection.close()
                if reused:  # the child had closed a kept connection: once more on a new one
                    request.rewind()
                    continue
                raise
            break
        answer: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        limit = self.max_response_mb * 2**20
        size = 0
        try:
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise TooLargeError
                answer.write(chunk)
        except BaseException:
            answer.close()
            connection.close()
            raise
        kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
        if flight.retriable and not response.will_close:
            self._keep(key, connection)
        else:
            connection.close()
        answer.seek(0)
        return response.status, kept, answer

    def close(self) -> None:
        """Close every idle connection."""
        with self._lock:
            for _, connection in self._idle:
                connection.close()
            self._idle.clear()

    def _connection(self, key: ConnectionKey, timeout: float, *, keep: bool) -> tuple[http.client.HTTPConnection, bool]:
        """An idle kept-alive connection to the child ``key`` (port, generation), or a new one."""
        if keep:
            with self._lock:
                while self._idle:
                    held_key, connection = self._idle.pop()
                    if held_key == key:
                        connection.timeout = timeout
                        if connection.sock is not None:
                            connection.sock.settimeout(timeout)
                        return connection, True
                    connection.close()  # a connection to a child that is gone
        return http.client.HTTPConnection("127.0.0.1", key[0], timeout=timeout), False

    def _keep(self, key: ConnectionKey, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            if len(self._idle) < IDLE_CONNECTIONS:
                self._idle.append((key, connection))
                return
        connection.close()
