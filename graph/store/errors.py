"""The store's one error, and how an I/O failure reads in it.

>>> io_message(OSError("IO error: No space left on device: While appending to file: kg/000008.log"))
'the disk is full (IO error: No space left on device: While appending to file: kg/000008.log); free some space'
"""

from __future__ import annotations

import errno

__all__ = ["StoreError", "io_message"]


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why in one line."""


def io_message(exc: BaseException) -> str:
    """One line for an I/O error, naming a full disk as such (Oxigraph reports it as an OSError)."""
    text = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    if getattr(exc, "errno", None) == errno.ENOSPC or "No space left on device" in text:
        return f"the disk is full ({text}); free some space"
    return text
