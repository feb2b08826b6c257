"""The bounds the front puts on every request, and the JSON answers it gives when one is passed.

``oxigraph`` alone does not bound a query's time or memory (see ``docs/sparql.md``), so the
front does: each request has a deadline (``timeout_s``, 504 past it), the child a resident
memory limit (``memory_mb``, 503) and an address-space cap, each answer a size limit
(``max_response_mb``, 503).  A request stopped by a restart is sent again only when it reads
(:func:`is_read`); otherwise its client gets a JSON error, never a partial answer::

    HTTP 504  {"error": "timeout", "message": "...", "limit_s": 30}
    HTTP 503  {"error": "memory" | "too_large" | "unavailable" | "interrupted", "message": "..."}

>>> status, headers, body = timeout_answer(30)
>>> status, json.loads(body.read())["limit_s"]
(504, 30)
"""

from __future__ import annotations

import json
import logging
import resource
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import IO, Final

import psutil

__all__ = [
    "AS_HEADROOM_MB",
    "DEFAULT_TIMEOUT_S",
    "MAX_ATTEMPTS",
    "SPOOL_BYTES",
    "Answer",
    "Flight",
    "Request",
    "ServerStats",
    "TooLargeError",
    "cap_address_space",
    "default_memory_mb",
    "error_answer",
    "interrupted_answer",
    "invalid_limit",
    "is_read",
    "memory_answer",
    "timeout_answer",
    "too_large_answer",
]

LOG = logging.getLogger("armskg.serve")

DEFAULT_TIMEOUT_S: Final = 30
"""Seconds a request may run before the front stops it."""

AS_HEADROOM_MB: Final = 2048
"""Address space beyond 8x the RSS limit: stacks, mappings, arenas, reserve."""

MAX_ATTEMPTS: Final = 3
"""A read interrupted by a restart is sent again, at most this often in all."""

SPOOL_BYTES: Final = 8 * 2**20
"""Answers and request bodies above this go to a temporary file."""

READ_PATHS: Final = frozenset({"/query", "/sparql"})

Answer = tuple[int, list[tuple[str, str]], IO[bytes]]
"""Status, headers and body, as the front sends them."""


class TooLargeError(Exception):
    """The child's answer passed the response size limit."""


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


@dataclass(frozen=True)
class Request:
    """One client request as the front read it: ``body`` (spooled) holds ``length`` bytes, or is None."""

    method: str
    path: str
    headers: list[tuple[str, str]]
    body: IO[bytes] | None = None
    length: int = 0

    def rewind(self) -> None:
        """Put the body back at its start, to send it (again)."""
        if self.body is not None:
            self.body.seek(0)


@dataclass(eq=False)
class Flight:
    """One request on its way through the front."""

    deadline: float
    retriable: bool
    started: float = field(default_factory=time.monotonic)
    generation: int = -1  # the child generation it was last sent to; -1 while waiting
    sent: float = 0.0
    fate: str | None = None  # set by the supervisor when it stops the child because of this request


def default_memory_mb() -> int:
    """The default memory limit of the oxigraph child: a quarter of physical memory, 512 MB to 4 GB.

    >>> 512 <= default_memory_mb() <= 4096
    True
    """
    quarter = psutil.virtual_memory().total // 4 // 2**20
    return int(min(4096, max(512, quarter)))


def invalid_limit(port: int, timeout_s: int, memory_mb: int, max_response_mb: int) -> str | None:
    """What is wrong with a server's port or limits, or None when they are usable.

    >>> invalid_limit(7878, 0, 512, 1)
    'timeout 0 s must be at least 1 s'
    """
    if not 0 < port < 65536:
        return f"port {port} is not a TCP port (1-65535)"
    if timeout_s < 1:
        return f"timeout {timeout_s} s must be at least 1 s"
    if memory_mb < 64:
        return f"memory limit {memory_mb} MB must be at least 64 MB"
    if max_response_mb < 1:
        return f"response limit {max_response_mb} MB must be at least 1 MB"
    return None


def cap_address_space(pid: int, megabytes: int) -> None:
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


def is_read(request: Request) -> bool:
    """Whether sending the request again is harmless: GET/HEAD, or a query (not an update) POSTed to /query.

    >>> is_read(Request("POST", "/query", [("Content-Type", "application/sparql-query")]))
    True
    >>> is_read(Request("POST", "/update", [("Content-Type", "application/sparql-update")]))
    False
    """
    method, body, length = request.method, request.body, request.length
    if method in ("GET", "HEAD", "OPTIONS"):
        return True
    if method != "POST" or urllib.parse.urlsplit(request.path).path not in READ_PATHS:
        return False
    kind = next((v for k, v in request.headers if k.lower() == "content-type"), "").split(";")[0].strip().lower()
    if kind == "application/sparql-query":
        return True
    if kind == "application/x-www-form-urlencoded" and body is not None and length <= SPOOL_BYTES:
        body.seek(0)
        fields = urllib.parse.parse_qs(body.read(length).decode("utf-8", "replace"))
        return "query" in fields and "update" not in fields
    return False


def error_answer(status: int, code: str, message: str, *, retry_after: bool = False, **extra: int) -> Answer:
    """A JSON error of the front: ``{"error": code, "message": message, **extra}``."""
    headers = [("Content-Type", "application/json; charset=utf-8")]
    if retry_after:
        headers.append(("Retry-After", "1"))
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    spool.write(json.dumps({"error": code, "message": message, **extra}).encode("utf-8"))
    spool.seek(0)
    return status, headers, spool


def timeout_answer(timeout_s: int) -> Answer:
    """504: the request ran past its deadline."""
    message = (
        f"The request ran longer than the server's {timeout_s} s limit and was stopped; "
        "narrow the query (LIMIT, fewer patterns) or start the server with a larger --timeout-s."
    )
    return error_answer(504, "timeout", message, limit_s=timeout_s)


def memory_answer(memory_mb: int) -> Answer:
    """503: the child passed its memory limit while answering this request."""
    message = (
        f"The query needed more than the server's {memory_mb} MB memory limit and was stopped; "
        "narrow it (fewer patterns, LIMIT, no ORDER BY over large results)."
    )
    return error_answer(503, "memory", message, limit_mb=memory_mb)


def too_large_answer(max_response_mb: int) -> Answer:
    """503: the answer passed the response size limit."""
    message = f"The answer is larger than the {max_response_mb} MB limit; ask for less (LIMIT, fewer variables)."
    return error_answer(503, "too_large", message, limit_mb=max_response_mb)


def interrupted_answer(retriable: bool) -> Answer:
    """503: the child restarted under this request (an update, or a read that was interrupted too often)."""
    update = "; an update is applied completely or not at all, check before retrying"
    message = "The SPARQL server restarted while answering this request" + ("." if retriable else update + ".")
    return error_answer(503, "interrupted", message, retry_after=True)
