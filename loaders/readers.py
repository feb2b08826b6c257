"""Read articles from files and folders: plain text (with a ``.meta.json`` sidecar),
JSON Lines and HTML.

Reading never stops at a bad input: each problem becomes an :class:`InputError`
naming the file (and line) and what is wrong, and the other articles still come.

>>> import json, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Moscow - Text.")
>>> _ = (d / "a.meta.json").write_text(json.dumps({"date": "2024-01-10", "publisher": "Wire"}))
>>> _ = (d / "b.jsonl").write_text('{"id": "n1", "text": "Kyiv."}\\nnot json\\n')
>>> items = list(read_articles([d]))
>>> [(a.id, a.date) if isinstance(a, Article) else (a.line, a.reason) for a in items]
[('a', datetime.date(2024, 1, 10)), ('n1', None), (2, 'not valid JSON (Expecting value)')]

Limits (every one gives a one-line error, never a crash or an unbounded read):

- ``max_bytes`` (:data:`MAX_BYTES`): the largest input read for one article: a ``.txt`` or
  ``.html`` file, a sidecar, or one JSON Lines record.  A JSON Lines file is read one line at a
  time, so the file itself may be of any size; a longer line is skipped without being held.
- ``max_chars`` (:data:`MAX_CHARS`): the longest article text; the default is the most the
  tokenizer takes (spaCy's ``max_length``), a lower one skips very long pages (live blogs,
  document dumps) whose many sentences would give many weak facts.
- :data:`MAX_ID_CHARS`: the longest article identifier.
- ``html_timeout_s`` (:data:`HTML_TIMEOUT_S`) and :data:`HTML_MEMORY_BYTES`: HTML is taken apart
  by trafilatura in a separate worker process, which is stopped and replaced when one page takes
  longer or needs more memory (deep nesting, huge pages; trafilatura took over ten minutes on a
  5 MB page of 400,000 short paragraphs).

The work is split by job: :mod:`armskg.loaders.input_checks` holds the limits, the checks
every reader applies and :class:`InputError`; :mod:`armskg.loaders.input_files` reads and
decodes one file; :mod:`armskg.loaders.html_reader` reads HTML.  This module reads plain text
and JSON Lines, finds the files under the given paths and sends each to its reader; its names
are the ones to import.

Encodings: UTF-8 (a byte-order mark is skipped), and UTF-16 or UTF-32 with a byte-order mark;
an HTML page may declare another charset in a ``<meta>`` tag.  JSON Lines must be UTF-8.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .article import Article
from .html_reader import HTML_MEMORY_BYTES, HTML_TIMEOUT_S, read_html
from .input_checks import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_ID_CHARS,
    MIN_YEAR,
    InputError,
    check_article_date,
    check_id,
    check_metadata,
    check_text,
    make_article,
    parse_size,
    unicode_error,
)
from .input_files import BOMS, decode, read_bytes

__all__ = [
    "HTML_MEMORY_BYTES",
    "HTML_TIMEOUT_S",
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_ID_CHARS",
    "MIN_YEAR",
    "SUFFIXES",
    "InputError",
    "count_articles",
    "parse_size",
    "read_articles",
]

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
"""File endings read from a folder (``.meta.json`` sidecars go with their ``.txt``)."""


def _files(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    """The files named in ``paths`` and those under the folders among them; a path that is missing,
    unreadable or not a regular file (a device or pipe would block or never end) is reported."""
    for path in paths:
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            if not path.exists():
                yield InputError(str(path), "no such file or folder")
            else:
                yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield path
        else:
            yield InputError(str(path), "not a regular file or folder (a device, pipe or socket is not read)")


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """Regular files with a known suffix under ``folder``, sorted; unreadable folders are reported."""
    problems: list[InputError] = []

    def onerror(exc: OSError) -> None:
        problems.append(InputError(str(exc.filename or folder), f"cannot read folder: {exc.strerror or exc}"))

    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=onerror):
        dirs.sort()
        for name in names:
            if not name.lower().endswith(SUFFIXES):
                continue
            path = Path(root) / name
            try:
                if stat.S_ISREG(path.stat().st_mode):
                    found.append(path)
            except OSError:
                continue  # a dangling link: nothing to read
    yield from problems
    yield from sorted(found)


def _load_json(raw: str) -> tuple[object, str | None]:
    """Parsed JSON, or the reason it is not JSON (deep nesting and huge numbers included)."""
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg})"
    except RecursionError:
        return None, "not usable JSON (nested too deeply)"
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return None, f"not usable JSON ({str(exc).splitlines()[0][:100]})"


def _read_txt(path: Path, max_bytes: int, max_chars: int) -> Iterator[Article | InputError]:
    """The article of one ``.txt`` file (named after the file) with the metadata of its
    ``.meta.json`` sidecar, if any, or the one reason it cannot be read."""
    data = read_bytes(path, max_bytes)
    text = data if isinstance(data, InputError) else decode(path, data)
    if isinstance(text, InputError):
        yield text
        return
    meta: dict[str, object] = {}
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.is_file():
        raw_meta = read_bytes(sidecar, max_bytes)
        raw = raw_meta if isinstance(raw_meta, InputError) else decode(sidecar, raw_meta)
        if isinstance(raw, InputError):
            yield raw
            return
        loaded, why = _load_json(raw)
        if why:
            yield InputError(str(sidecar), why)
            return
        if not isinstance(loaded, dict):
            yield InputError(str(sidecar), "should hold a JSON object")
            return
        meta = loaded
        bad = check_metadata(meta, str(sidecar))
        if bad:
            yield bad
            return
    bad = check_id(str(path), path.stem) or check_text(str(path), text, None, max_chars)
    if bad:
        yield bad
        return
    article = make_article(path.stem, text, str(path), meta)
    yield check_article_date(article, str(path)) or article


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | int]]:
    """``(line number, bytes)`` per line, or ``(line number, size)`` for a line over ``limit``
    bytes, which is skipped in pieces and never held whole."""
    number = 0
    while chunk := handle.readline(limit + 1):
        number += 1
        if len(chunk) <= limit or chunk.endswith(b"\n"):
            yield number, chunk
            continue
        size = len(chunk)
        while not chunk.endswith(b"\n") and (chunk := handle.readline(1 << 20)):
            size += len(chunk)
        yield number, size


def _read_jsonl(path: Path, max_bytes: int, max_chars: int) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines file, one per line, and an error per bad line; the file is
    read a line at a time, so it may be of any size."""
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(where, f"cannot read: {exc.strerror or exc}")
        return
    seen: set[str] = set()
    with handle:
        head = handle.read(4)
        for bom, _, name in BOMS:
            if head.startswith(bom) and name != "UTF-8":
                yield InputError(where, f"is {name}; JSON Lines must be UTF-8")
                return
        handle.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        try:
            for n, line in _lines(handle, max_bytes):
                if isinstance(line, int):
                    why = f"line is {line:,} bytes, over the limit of {max_bytes:,} (see --max-bytes)"
                    yield InputError(where, why, n)
                    continue
                yield from _record(where, n, line, seen, max_chars)
        except OSError as exc:
            yield InputError(where, f"cannot read: {exc.strerror or exc}")


def _record(where: str, n: int, line: bytes, seen: set[str], max_chars: int) -> Iterator[Article | InputError]:
    """The article of one JSON Lines record, or the one reason it cannot be read."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield InputError(where, f"not valid UTF-8 at byte {exc.start} of the line", n)
        return
    if not text.strip():
        return
    record, why = _load_json(text)
    if why:
        yield InputError(where, why, n)
        return
    if not isinstance(record, dict):
        yield InputError(where, "a line should hold a JSON object", n)
        return
    ident, body = record.get("id"), record.get("text")
    if not isinstance(ident, str | int) or isinstance(ident, bool) or not str(ident).strip():
        yield InputError(where, 'missing "id" (a string or number)', n)
        return
    ident = str(ident)
    bad = check_id(where, ident, n)
    if bad:
        yield bad
        return
    if not isinstance(body, str) or not body.strip():
        yield InputError(where, 'missing or empty "text"', n)
        return
    if ident in seen:
        yield InputError(where, f"id {ident!r} appears twice in this file", n)
        return
    bad = check_metadata(record, where, n) or check_text(where, body, n, max_chars)
    if bad:
        yield bad
        return
    seen.add(ident)
    article = make_article(ident, body, f"{where}:{n}", record)
    yield check_article_date(article, where, n) or article


def read_articles(
    paths: Iterable[Path],
    *,
    max_bytes: int = MAX_BYTES,
    html_timeout_s: float = HTML_TIMEOUT_S,
    max_chars: int = MAX_CHARS,
) -> Iterator[Article | InputError]:
    """Yield every article found under ``paths`` (files or folders), and an
    :class:`InputError` for each file or line that cannot be read.

    ``max_bytes`` bounds what is read for one article (a file, a sidecar or one JSON line);
    ``html_timeout_s`` bounds the time spent taking one HTML page apart; ``max_chars`` the
    length of an article's text (at most :data:`MAX_CHARS`).  Files of a folder that are not
    read (a ``.pdf``, an unknown suffix) are not yielded: :func:`armskg.loaders.unread.unread_files`
    names them.
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    if not 1 <= max_chars <= MAX_CHARS:
        raise ValueError(f"max_chars must be from 1 to {MAX_CHARS:,}, not {max_chars}")
    for item in _files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        bad_name = unicode_error(item.name)
        if bad_name:
            yield InputError(str(item), f"file name {bad_name} (rename it)")
            continue
        suffix = item.suffix.lower()
        if item.name.lower().endswith(".meta.json"):
            continue
        if suffix == ".jsonl":
            yield from _read_jsonl(item, max_bytes, max_chars)
        elif suffix in (".html", ".htm"):
            yield from read_html(item, max_bytes, html_timeout_s, max_chars)
        elif suffix == ".txt":
            yield from _read_txt(item, max_bytes, max_chars)
        else:
            yield InputError(str(item), f"unknown file type {suffix or '(none)'}: use .txt, .jsonl or .html")


def count_articles(paths: Iterable[Path]) -> int:
    """About how many articles :func:`read_articles` will yield from ``paths``, found cheaply
    (a JSON Lines file counts its non-empty lines, any other article file counts one), for a
    progress bar's total.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Kyiv.")
    >>> _ = (d / "b.jsonl").write_text('{"id": "1", "text": "x"}\\n\\n{"id": "2", "text": "y"}\\n')
    >>> count_articles([d])
    3
    """
    total = 0
    for item in _files(paths):
        if isinstance(item, InputError) or item.name.lower().endswith(".meta.json"):
            continue
        suffix = item.suffix.lower()
        if suffix == ".jsonl":
            try:
                with item.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                continue
        elif suffix in SUFFIXES:
            total += 1
    return total
