"""Read one input file within the byte limit and decode it to text.

The plain-text reader (an article and its ``.meta.json`` sidecar) and the HTML reader both
need a file's bytes without ever holding more than ``max_bytes`` of it, and its text in the
right encoding: UTF-8 (a byte-order mark is skipped), UTF-16 or UTF-32 with a byte-order
mark, or for an HTML page the charset its ``<meta>`` tag declares.  A file that is too
large, unreadable, binary or wrongly encoded becomes an :class:`InputError`, never an
exception.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("Kyiv – text.".encode("utf-16"))
>>> data = read_bytes(path, 1000)
>>> decode(path, data) if isinstance(data, bytes) else data
'Kyiv – text.'
>>> str(read_bytes(path, 10)).endswith("over the limit of 10 (see --max-bytes)")
True
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from .input_checks import InputError

__all__ = ["BOMS", "decode", "read_bytes"]

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
"""Byte-order marks as ``(bytes, codec, name)``, UTF-32 before UTF-16 (whose mark begins UTF-32 LE's)."""

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 in HTML
_HTML_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "l1": "cp1252", "ascii": "cp1252"}


def read_bytes(path: Path, max_bytes: int) -> bytes | InputError:
    """At most ``max_bytes`` of a file; larger files are reported without being read whole."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        shown = f"{max(size, len(data)):,} bytes" if size > max_bytes else f"over {max_bytes:,} bytes"
        return InputError(str(path), f"file is {shown}, over the limit of {max_bytes:,} (see --max-bytes)")
    return data


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag within its first 1024 bytes."""
    match = _META_CHARSET.search(data[:1024])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    return _HTML_CHARSET_ALIASES.get(label, label)


def decode(path: Path, data: bytes, *, html: bool = False) -> str | InputError:
    """Bytes to text: a byte-order mark decides, else a page's declared charset (``html``), else UTF-8.

    Text holding NUL characters is refused as binary: no article holds them, and they would
    end strings early further on.
    """
    where = str(path)
    for bom, bom_codec, bom_name in BOMS:
        if data.startswith(bom):
            codec, name = bom_codec, bom_name
            break
    else:
        codec, name = "utf-8", "UTF-8"
        declared = _declared_charset(data) if html else None
        if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
            try:
                codec, name = codecs.lookup(declared).name, declared
            except LookupError:
                return InputError(where, f"declares an unknown charset {declared!r}")
        if codec == "utf-8" and b"\0" in data:
            return InputError(where, "looks binary (holds NUL bytes), not text (UTF-16 needs a byte-order mark)")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        return InputError(where, f"not valid {name} at byte {exc.start} (save it as UTF-8)")
    if "\0" in text:
        return InputError(where, "looks binary (holds NUL characters), not text")
    return text
