"""A server run in the foreground until Ctrl-C or SIGTERM: what ``armskg serve`` does once it started one.

A terminal's Ctrl-C (SIGINT) and a service manager's SIGTERM both end :func:`run_in_foreground`
the same way: the caller hears of it (``on_stop``), then the server stops, so the ``oxigraph``
child never outlives the command.
"""

from __future__ import annotations

import signal
from collections.abc import Callable

from .server import SparqlServer

__all__ = ["run_in_foreground"]


def _stop_on_term(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_in_foreground(
    server: SparqlServer,
    *,
    on_ready: Callable[[], None] = lambda: None,
    on_stop: Callable[[], None] = lambda: None,
) -> None:
    """Serve until ``server`` stops or the process gets SIGINT or SIGTERM, then stop it.

    SIGTERM is taken as SIGINT, and SIGINT raises KeyboardInterrupt (also when the process began
    with SIGINT ignored, as a shell's background job does), first; then ``on_ready`` runs (the
    server is answering by then), so a signal sent once ``on_ready`` has said so is always
    handled; ``on_stop`` runs on a signal, before the server stops.  Call it from the main
    thread, as :func:`signal.signal` wants.
    """
    signal.signal(signal.SIGTERM, _stop_on_term)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when a shell started it with SIGINT ignored
    on_ready()
    try:
        server.wait()
    except KeyboardInterrupt:
        on_stop()
    finally:
        server.stop()
