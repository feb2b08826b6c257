"""The HTTP front: the socket the user's clients reach, reading each request whole and writing each answer whole.

Routing is short: the query page and its files (:class:`~armskg.graph.endpoint.query_page.QueryPage`)
are answered here; everything else (``/query``, ``/update``, ``/store``, YASGUI's files) goes to
the owner's ``forward``, which sends it to the oxigraph child under the limits.  Every answer
says when the store it comes from was opened (``X-Armskg-Snapshot``); with ``cors`` it allows
any origin.  There is no authentication: the server binds the loopback unless told otherwise.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO, Final, Protocol

from .limits import SPOOL_BYTES, Answer, Request, error_answer
from .query_page import QueryPage
from .relay import HOP_BY_HOP

__all__ = ["Front", "FrontOwner", "RequestHandler", "url_host"]

LOG = logging.getLogger("armskg.serve")

WILDCARD: Final = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


def url_host(host: str) -> str:
    """The host as a URL names it: a wildcard bind address is reached through the loopback.

    >>> url_host("0.0.0.0"), url_host("::")
    ('127.0.0.1', '[::1]')
    """
    host = WILDCARD.get(host, host)
    return f"[{host}]" if ":" in host else host


class FrontOwner(Protocol):
    """What the front needs of the server behind it."""

    page: QueryPage
    cors: bool

    @property
    def snapshot(self) -> str:
        """When the store being served was opened (UTC), or ``""``."""

    def forward(self, request: Request) -> Answer:
        """Answer one request that is not the front's own."""


class Front(ThreadingHTTPServer):
    """The listening socket; one thread per client connection."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], owner: FrontOwner) -> None:
        self.owner: FrontOwner = owner
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, RequestHandler)


class RequestHandler(BaseHTTPRequestHandler):
    """Reads a request whole, hands it to the owner's ``forward``, writes the answer whole."""

    protocol_version = "HTTP/1.1"
    server_version = "armskg (oxigraph)"
    sys_version = ""
    timeout = 300  # seconds an idle client connection is kept
    server: Front

    def log_message(self, format: str, *args: object) -> None:
        LOG.debug("%s %s", self.address_string(), format % args)

    def _relay(self) -> None:
        owner = self.server.owner
        own = owner.page.answer(self.command, self.path)  # the query page and its files
        if own is not None:
            self._send(*own)
            return
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self._send(*error_answer(411, "length_required", "Send the request body with a Content-Length."))
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._send(*error_answer(400, "bad_request", "The Content-Length header is not a number."))
            return
        body: IO[bytes] | None = None
        if length or self.command in ("POST", "PUT", "PATCH"):
            body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
            remaining = length
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 64 * 1024))
                if not chunk:
                    self.close_connection = True
                    body.close()
                    return
                body.write(chunk)
                remaining -= len(chunk)
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP]
        try:
            answer = owner.forward(Request(self.command, self.path, headers, body, length))
        finally:
            if body is not None:
                body.close()
        self._send(*answer)

    # BaseHTTPRequestHandler looks up do_<METHOD> (hence the names): every method takes the one
    # way above, and the query page or the child says which it allows
    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _relay  # noqa: N815

    def _send(self, status: int, headers: list[tuple[str, str]], body: IO[bytes]) -> None:
        owner = self.server.owner
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
            if owner.snapshot:
                self.send_header("X-Armskg-Snapshot", owner.snapshot)
            if owner.cors and "access-control-allow-origin" not in names:
                self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(body, self.wfile, 64 * 1024)
        except OSError:  # the client went away
            self.close_connection = True
        finally:
            body.close()
