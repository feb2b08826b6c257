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
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .article import Article, parse_date

__all__ = ["MAX_BYTES", "SUFFIXES", "InputError", "read_articles"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest input file read (bytes); larger files are reported, not read."""

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
"""File endings read from a folder (``.meta.json`` sidecars go with their ``.txt``)."""

_META_KEYS = ("url", "date", "publisher", "title")


@dataclass(frozen=True, slots=True)
class InputError:
    """One bad file or line: where it is and what is wrong, in one line."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


def _files(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            yield from found
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or folder")


def _read_text(path: Path, max_bytes: int) -> str | InputError:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputError(str(path), f"file is {size} bytes, over the limit of {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")
    if b"\0" in data[:8192]:
        return InputError(str(path), "looks binary (holds NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(str(path), f"not valid UTF-8 at byte {exc.start}")


def _meta_errors(meta: dict[str, object], where: str, line: int | None = None) -> InputError | None:
    for key in _META_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            return InputError(where, f"metadata {key!r} should be a string, not {type(value).__name__}", line)
    date = meta.get("date")
    if isinstance(date, str) and date.strip():
        try:
            parse_date(date)
        except ValueError as exc:
            return InputError(where, f"metadata date: {exc}", line)
    return None


def _metadata(meta: dict[str, object]) -> dict[str, str | None]:
    return {k: v for k, v in meta.items() if isinstance(v, str) and v.strip()}


def _read_txt(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    text = _read_text(path, max_bytes)
    if isinstance(text, InputError):
        yield text
        return
    meta: dict[str, object] = {}
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.exists():
        raw = _read_text(sidecar, max_bytes)
        if isinstance(raw, InputError):
            yield raw
            return
        try:
            loaded = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(str(sidecar), f"not valid JSON ({exc.msg} at line {exc.lineno})")
            return
        if not isinstance(loaded, dict):
            yield InputError(str(sidecar), "should hold a JSON object")
            return
        meta = loaded
        bad = _meta_errors(meta, str(sidecar))
        if bad:
            yield bad
            return
    if not text.strip():
        yield InputError(str(path), "empty article")
        return
    yield Article.from_text(path.stem, text, source=str(path), **_metadata(meta))


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    text = _read_text(path, max_bytes)
    if isinstance(text, InputError):
        yield text
        return
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"not valid JSON ({exc.msg})", n)
            continue
        if not isinstance(record, dict):
            yield InputError(str(path), "a line should hold a JSON object", n)
            continue
        ident, body = record.get("id"), record.get("text")
        if not isinstance(ident, str | int) or isinstance(ident, bool) or not str(ident).strip():
            yield InputError(str(path), 'missing "id" (a string or number)', n)
            continue
        if not isinstance(body, str) or not body.strip():
            yield InputError(str(path), 'missing or empty "text"', n)
            continue
        if str(ident) in seen:
            yield InputError(str(path), f"id {ident!r} appears twice in this file", n)
            continue
        bad = _meta_errors(record, str(path), n)
        if bad:
            yield bad
            continue
        seen.add(str(ident))
        yield Article.from_text(str(ident), body, source=f"{path}:{n}", **_metadata(record))


def _read_html(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    raw = _read_text(path, max_bytes)
    if isinstance(raw, InputError):
        yield raw
        return
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        yield InputError(str(path), f"cannot extract article text from HTML ({type(exc).__name__})")
        return
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        yield InputError(str(path), "no article text found in the HTML")
        return
    meta: dict[str, object] = {
        "url": getattr(doc, "url", None),
        "publisher": getattr(doc, "sitename", None),
        "title": getattr(doc, "title", None),
    }
    date = getattr(doc, "date", None)
    if isinstance(date, str) and date:
        try:
            parse_date(date)
            meta["date"] = date
        except ValueError:
            pass
    yield Article.from_text(path.stem, body, source=str(path), **_metadata(meta))


def read_articles(paths: Iterable[Path], *, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Yield every article found under ``paths`` (files or folders), and an
    :class:`InputError` for each file or line that cannot be read."""
    for item in _files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        suffix = item.suffix.lower()
        if item.name.endswith(".meta.json"):
            continue
        if suffix == ".jsonl":
            yield from _read_jsonl(item, max_bytes)
        elif suffix in (".html", ".htm"):
            yield from _read_html(item, max_bytes)
        elif suffix == ".txt":
            yield from _read_txt(item, max_bytes)
        else:
            yield InputError(str(item), f"unknown file type {suffix or '(none)'}: use .txt, .jsonl or .html")
