"""Read one ``.html`` page as an article, taken apart by trafilatura in a worker process.

trafilatura finds a page's article text and metadata (title, site name, URL, date), but on
hostile or merely huge markup it can run for many minutes (over ten on a 5 MB page of
400,000 short paragraphs) or use gigabytes.  So it runs in one separate, spawned process
with its address space capped at :data:`HTML_MEMORY_BYTES`; a page that takes longer than
``timeout_s`` (:data:`HTML_TIMEOUT_S`) or needs more memory has the process stopped and
replaced, and becomes one :class:`~armskg.loaders.input_checks.InputError`.

The page's metadata is taken when usable and dropped otherwise (a ``javascript:`` URL, an
impossible date): it is the page's own, not the user's, so it is no reason to refuse the article.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pebble

from .article import Article
from .input_checks import (
    MAX_CHARS,
    InputError,
    check_date,
    check_id,
    check_text,
    is_http_url,
    make_article,
    unicode_error,
)
from .input_files import decode, read_bytes

__all__ = ["HTML_MEMORY_BYTES", "HTML_TIMEOUT_S", "read_html"]

HTML_TIMEOUT_S = 60.0
"""Seconds trafilatura may spend on one HTML page before it is stopped; configurable."""

HTML_MEMORY_BYTES = 2 * 1024**3
"""Address space of the HTML worker process, in bytes."""


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

    Shared by every :func:`read_html` call of this process (spawning costs about a second),
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


def read_html(
    path: Path, max_bytes: int, timeout_s: float = HTML_TIMEOUT_S, max_chars: int = MAX_CHARS
) -> Iterator[Article | InputError]:
    """The article of one HTML page (named after the file), or the one reason it cannot be read.

    ``max_bytes`` bounds the bytes read, ``timeout_s`` the time trafilatura may take, and
    ``max_chars`` the length of the article text it finds.
    """
    data = read_bytes(path, max_bytes)
    raw = data if isinstance(data, InputError) else decode(path, data, html=True)
    if isinstance(raw, InputError):
        yield raw
        return
    where = str(path)
    bad = check_id(where, path.stem)
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
    bad = check_text(where, body, None, max_chars)
    if bad:
        yield bad
        return
    assert doc is not None
    meta: dict[str, object] = {"publisher": doc.get("sitename"), "title": doc.get("title")}
    url, date = doc.get("url"), doc.get("date")
    if url and is_http_url(url):  # a page's own javascript: or relative URL is dropped
        meta["url"] = url
    if date and check_date(date) is None:
        meta["date"] = date
    if any(isinstance(v, str) and unicode_error(v) for v in meta.values()):
        meta = {k: v for k, v in meta.items() if not (isinstance(v, str) and unicode_error(v))}
    yield make_article(path.stem, body, where, meta)
