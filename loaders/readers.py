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

Encodings: UTF-8 (a byte-order mark is skipped), and UTF-16 or UTF-32 with a byte-order mark;
an HTML page may declare another charset in a ``<meta>`` tag.  JSON Lines must be UTF-8.
"""

from __future__ import annotations

import atexit
import codecs
import datetime as dt
import json
import multiprocessing
import os
import re
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import pebble

from .article import Article, parse_date

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

MAX_BYTES = 5 * 1024 * 1024
"""Largest input read for one article (a file, a sidecar or a JSON line), in bytes; configurable."""

MAX_CHARS = 1_000_000
"""Longest article text, in characters, by default and at most: the extractor's spaCy pipeline
reads no more (``armskg ingest --max-chars`` lowers it)."""

MAX_ID_CHARS = 500
"""Longest article identifier (it becomes part of IRIs and file names of exports)."""

MIN_YEAR = 1800
"""Earliest publication year taken as real (year 1 also broke date arithmetic downstream)."""

HTML_TIMEOUT_S = 60.0
"""Seconds trafilatura may spend on one HTML page before it is stopped; configurable."""

HTML_MEMORY_BYTES = 2 * 1024**3
"""Address space of the HTML worker process, in bytes."""

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
"""File endings read from a folder (``.meta.json`` sidecars go with their ``.txt``)."""

_META_KEYS = ("url", "date", "publisher", "title")
_RESERVED_KEYS = frozenset({"id", "text", "source", "body_start", "extra", "date_text"})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 in HTML
_HTML_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "l1": "cp1252", "ascii": "cp1252"}
_DATE_SHAPE = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2}(?:[T ][0-9:.,+\-Z]{0,40})?)?)?")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?", re.IGNORECASE)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` with control, bidi-override and surrogate characters written as escapes.

    >>> _printable("a\\nb\\x1b[31m\\u202e")
    'a\\\\nb\\\\x1b[31m\\\\u202e'
    """

    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
            f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
        )

    return _UNSAFE.sub(escape, text)


@dataclass(frozen=True, slots=True)
class InputError:
    """One bad file or line: where it is and what is wrong, in one line.

    ``str()`` escapes control characters, so a hostile file name cannot break the line
    or drive the terminal.
    """

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return _printable(f"{where}: {self.reason}")


def parse_size(text: str) -> int:
    """A size in bytes from ``"5000000"``, ``"512K"``, ``"20M"``, ``"1.5GiB"`` (K, M, G: powers of 1024).

    >>> parse_size("20M"), parse_size("512k"), parse_size("1000")
    (20971520, 524288, 1000)
    """
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a size (want a number of bytes, or e.g. 512K, 20M, 1G)")
    number, unit = float(match.group(1)), match.group(2).lower()
    size = int(number * 1024 ** "_kmgt".index(unit or "_"))
    if size < 1:
        raise ValueError(f"{text!r} is not a positive size")
    return size


def _unicode_error(text: str) -> str | None:
    """Why ``text`` is not valid Unicode (a lone surrogate from JSON or a file name), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"holds an unpaired surrogate \\u{ord(text[exc.start]):04x} at character {exc.start}, not valid Unicode"
    return None


def _files(paths: Iterable[Path]) -> Iterator[Path | InputError]:
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


def _read_bytes(path: Path, max_bytes: int) -> bytes | InputError:
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


def _decode(path: Path, data: bytes, *, html: bool = False) -> str | InputError:
    """Bytes to text: a byte-order mark decides, else a page's declared charset, else UTF-8."""
    where = str(path)
    for bom, bom_codec, bom_name in _BOMS:
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


def _check_text(where: str, text: str, line: int | None = None, max_chars: int = MAX_CHARS) -> InputError | None:
    if not text.strip():
        return InputError(where, "empty article", line)
    if len(text) > max_chars:
        why = f"article text is {len(text):,} characters, over the limit of {max_chars:,} (see --max-chars)"
        return InputError(where, why, line)
    bad = _unicode_error(text)
    return InputError(where, f"text {bad}", line) if bad else None


def _check_id(where: str, ident: str, line: int | None = None) -> InputError | None:
    if len(ident) > MAX_ID_CHARS:
        return InputError(where, f"identifier is {len(ident):,} characters, over the limit of {MAX_ID_CHARS}", line)
    bad = _unicode_error(ident)
    return InputError(where, f"identifier {bad}", line) if bad else None


def _check_date(value: str) -> str | None:
    """Why a metadata date is wrong or impossible, or None when it is a usable date."""
    text = value.strip()
    if not _DATE_SHAPE.fullmatch(text):
        return f"not a date (want YYYY-MM-DD): {value!r}"
    if int(text[:4]) < MIN_YEAR:
        return f"year {text[:4]} is before {MIN_YEAR}, not a plausible publication date"
    try:
        day, _ = parse_date(text)
    except ValueError as exc:
        return str(exc)
    if day is not None and day > dt.date.today() + dt.timedelta(days=1):
        return f"{value!r} is in the future"
    return None


def _meta_errors(meta: dict[str, object], where: str, line: int | None = None) -> InputError | None:
    for key in _META_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            return InputError(where, f"metadata {key!r} should be a string, not {type(value).__name__}", line)
    for key, value in meta.items():
        bad = _unicode_error(key) or (_unicode_error(value) if isinstance(value, str) else None)
        if bad:
            return InputError(where, f"metadata {_printable(key)!r} {bad}", line)
    date = meta.get("date")
    if isinstance(date, str) and date.strip():
        why = _check_date(date)
        if why:
            return InputError(where, f"metadata date: {why}", line)
    url = meta.get("url")
    if isinstance(url, str) and url.strip() and not _URL.fullmatch(url.strip()):
        return InputError(where, f"metadata url should be an http(s) URL without spaces, not {url[:80]!r}", line)
    return None


def _article(ident: str, text: str, source: str, meta: dict[str, object]) -> Article:
    """The article, with the four known metadata keys and other string values kept in ``extra``."""
    known: dict[str, str | None] = {k: v.strip() for k in _META_KEYS if isinstance(v := meta.get(k), str) and v.strip()}
    article = Article.from_text(ident, text, source=source, **known)
    article.extra = {
        k: v for k, v in meta.items() if isinstance(v, str) and k not in _META_KEYS and k not in _RESERVED_KEYS
    }
    return article


def _future(article: Article, where: str, line: int | None = None) -> InputError | None:
    """A publication date after tomorrow or before :data:`MIN_YEAR` (say, from a `` date`` first line) is wrong."""
    if article.date is not None and article.date > dt.date.today() + dt.timedelta(days=1):
        return InputError(where, f"date {article.date.isoformat()} is in the future", line)
    if article.date_text and int(article.date_text[:4]) < MIN_YEAR:
        return InputError(
            where, f"date {article.date_text} is before {MIN_YEAR}, not a plausible publication date", line
        )
    return None


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
    data = _read_bytes(path, max_bytes)
    text = data if isinstance(data, InputError) else _decode(path, data)
    if isinstance(text, InputError):
        yield text
        return
    meta: dict[str, object] = {}
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.is_file():
        raw_meta = _read_bytes(sidecar, max_bytes)
        raw = raw_meta if isinstance(raw_meta, InputError) else _decode(sidecar, raw_meta)
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
        bad = _meta_errors(meta, str(sidecar))
        if bad:
            yield bad
            return
    bad = _check_id(str(path), path.stem) or _check_text(str(path), text, None, max_chars)
    if bad:
        yield bad
        return
    article = _article(path.stem, text, str(path), meta)
    yield _future(article, str(path)) or article


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
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(where, f"cannot read: {exc.strerror or exc}")
        return
    seen: set[str] = set()
    with handle:
        head = handle.read(4)
        for bom, _, name in _BOMS:
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
    bad = _check_id(where, ident, n)
    if bad:
        yield bad
        return
    if not isinstance(body, str) or not body.strip():
        yield InputError(where, 'missing or empty "text"', n)
        return
    if ident in seen:
        yield InputError(where, f"id {ident!r} appears twice in this file", n)
        return
    bad = _meta_errors(record, where, n) or _check_text(where, body, n, max_chars)
    if bad:
        yield bad
        return
    seen.add(ident)
    article = _article(ident, body, f"{where}:{n}", record)
    yield _future(article, where, n) or article


# --- HTML, in a worker process --------------------------------------------------------------


def _limit_memory(max_bytes: int) -> None:
    """Worker initializer: cap the address space, so a bomb ends in MemoryError, not the OOM killer."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def _extract_html(page: str) -> dict[str, str | None] | None:
    """Run in the worker: trafilatura's text and metadata of one page (None: no article found)."""
    import trafilatura

    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return None
    found = {key: getattr(doc, key, None) for key in ("text", "title", "url", "sitename", "date")}
    return {key: value if isinstance(value, str) else None for key, value in found.items()}


class _HtmlWorker:
    """One spawned process running trafilatura; stopped and replaced when a page hangs or blows up.

    Shared by every :func:`read_articles` call of this process (spawning costs about a second),
    and ended at interpreter exit.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: pebble.ProcessPool | None = None

    def extract(self, page: str, timeout_s: float) -> dict[str, str | None] | str | None:
        """The page's fields, None when it holds no article, or a string saying why extraction failed."""
        from concurrent.futures import TimeoutError as FutureTimeout

        import pebble

        with self._lock:
            pool = self._pool
            if pool is None or not pool.active:
                pool = pebble.ProcessPool(
                    max_workers=1,
                    initializer=_limit_memory,
                    initargs=(HTML_MEMORY_BYTES,),
                    context=multiprocessing.get_context("spawn"),
                )
                self._pool = pool
        future = pool.schedule(_extract_html, (page,), timeout=timeout_s)
        try:
            result: dict[str, str | None] | None = future.result()
        except FutureTimeout:
            return f"HTML extraction stopped after {timeout_s:g} s (see --html-timeout-s)"
        except MemoryError:
            return f"HTML extraction needed more than {HTML_MEMORY_BYTES // 1024**2:,} MB of memory"
        except pebble.ProcessExpired as exc:
            return f"the HTML extractor process died (exit code {exc.exitcode})"
        except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
            return f"cannot extract article text from HTML ({type(exc).__name__})"
        return result

    def close(self) -> None:
        """Stop the worker process (it is started again when needed)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join()


_HTML_WORKER = _HtmlWorker()
atexit.register(_HTML_WORKER.close)


def _read_html(path: Path, max_bytes: int, timeout_s: float, max_chars: int) -> Iterator[Article | InputError]:
    data = _read_bytes(path, max_bytes)
    raw = data if isinstance(data, InputError) else _decode(path, data, html=True)
    if isinstance(raw, InputError):
        yield raw
        return
    where = str(path)
    bad = _check_id(where, path.stem)
    if bad:
        yield bad
        return
    doc = _HTML_WORKER.extract(raw, timeout_s)
    if isinstance(doc, str):
        yield InputError(where, doc)
        return
    body = doc.get("text") if doc else None
    if not body or not body.strip():
        yield InputError(where, "no article text found in the HTML")
        return
    bad = _check_text(where, body, None, max_chars)
    if bad:
        yield bad
        return
    assert doc is not None
    meta: dict[str, object] = {"publisher": doc.get("sitename"), "title": doc.get("title")}
    url, date = doc.get("url"), doc.get("date")
    if url and _URL.fullmatch(url.strip()):  # a page's own javascript: or relative URL is dropped
        meta["url"] = url
    if date and _check_date(date) is None:
        meta["date"] = date
    if any(isinstance(v, str) and _unicode_error(v) for v in meta.values()):
        meta = {k: v for k, v in meta.items() if not (isinstance(v, str) and _unicode_error(v))}
    yield _article(path.stem, body, where, meta)


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
        bad_name = _unicode_error(item.name)
        if bad_name:
            yield InputError(str(item), f"file name {bad_name} (rename it)")
            continue
        suffix = item.suffix.lower()
        if item.name.lower().endswith(".meta.json"):
            continue
        if suffix == ".jsonl":
            yield from _read_jsonl(item, max_bytes, max_chars)
        elif suffix in (".html", ".htm"):
            yield from _read_html(item, max_bytes, html_timeout_s, max_chars)
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
