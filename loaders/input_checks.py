"""The checks and limits every input reader applies before an article is made.

The readers of :mod:`armskg.loaders.readers` (plain text, JSON Lines) and
:mod:`armskg.loaders.html_reader` take their fields from different places but must refuse
the same things in the same words: an empty or overlong text, an overlong identifier, text
that is not valid Unicode, metadata of the wrong type, a date that is impossible or in the
future, a URL that is no http(s) URL.  Keeping those checks here, with the limits they
enforce and the :class:`InputError` they report, keeps the readers in agreement.

Nothing here raises on a bad input: a check returns an :class:`InputError` (or the reason
as a string), and the reader yields it and goes on with the next article.

>>> check_id("notes.txt", "x" * (MAX_ID_CHARS + 1)).reason
'identifier is 501 characters, over the limit of 500'
>>> check_date("1066-10-14")
'year 1066 is before 1800, not a plausible publication date'
>>> make_article("n1", "Kyiv.", "n.jsonl:1", {"date": "2024-01-10", "lang": "en", "id": "n1"}).extra
{'lang': 'en'}
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .article import Article, parse_date

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_ID_CHARS",
    "MIN_YEAR",
    "InputError",
    "check_article_date",
    "check_date",
    "check_id",
    "check_metadata",
    "check_text",
    "is_http_url",
    "make_article",
    "parse_size",
    "unicode_error",
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

_META_KEYS = ("url", "date", "publisher", "title")
_RESERVED_KEYS = frozenset({"id", "text", "source", "body_start", "extra", "date_text"})
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


def unicode_error(text: str) -> str | None:
    """Why ``text`` is not valid Unicode (a lone surrogate from JSON or a file name), or None.

    Such a string cannot be written to the store or a terminal, so it is refused on reading.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"holds an unpaired surrogate \\u{ord(text[exc.start]):04x} at character {exc.start}, not valid Unicode"
    return None


def is_http_url(text: str) -> bool:
    """Whether ``text`` (spaces around it aside) is an http(s) URL without spaces or control characters.

    >>> is_http_url(" https://example.org/a "), is_http_url("javascript:void(0)")
    (True, False)
    """
    return _URL.fullmatch(text.strip()) is not None


def check_text(where: str, text: str, line: int | None = None, max_chars: int = MAX_CHARS) -> InputError | None:
    """Why an article text cannot be used (empty, over ``max_chars``, not valid Unicode), or None.

    ``where`` and ``line`` name the input in the error.
    """
    if not text.strip():
        return InputError(where, "empty article", line)
    if len(text) > max_chars:
        why = f"article text is {len(text):,} characters, over the limit of {max_chars:,} (see --max-chars)"
        return InputError(where, why, line)
    bad = unicode_error(text)
    return InputError(where, f"text {bad}", line) if bad else None


def check_id(where: str, ident: str, line: int | None = None) -> InputError | None:
    """Why an article identifier cannot be used (over :data:`MAX_ID_CHARS`, not valid Unicode), or None."""
    if len(ident) > MAX_ID_CHARS:
        return InputError(where, f"identifier is {len(ident):,} characters, over the limit of {MAX_ID_CHARS}", line)
    bad = unicode_error(ident)
    return InputError(where, f"identifier {bad}", line) if bad else None


def check_date(value: str) -> str | None:
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


def check_metadata(meta: dict[str, object], where: str, line: int | None = None) -> InputError | None:
    """The first thing wrong with an article's metadata (a sidecar or a JSON Lines record), or None.

    The four known keys (url, date, publisher, title) must be strings; no key or string value
    may hold invalid Unicode; a date must pass :func:`check_date` and a URL :func:`is_http_url`.
    """
    for key in _META_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            return InputError(where, f"metadata {key!r} should be a string, not {type(value).__name__}", line)
    for key, value in meta.items():
        bad = unicode_error(key) or (unicode_error(value) if isinstance(value, str) else None)
        if bad:
            return InputError(where, f"metadata {_printable(key)!r} {bad}", line)
    date = meta.get("date")
    if isinstance(date, str) and date.strip():
        why = check_date(date)
        if why:
            return InputError(where, f"metadata date: {why}", line)
    url = meta.get("url")
    if isinstance(url, str) and url.strip() and not is_http_url(url):
        return InputError(where, f"metadata url should be an http(s) URL without spaces, not {url[:80]!r}", line)
    return None


def make_article(ident: str, text: str, source: str, meta: dict[str, object]) -> Article:
    """The article of checked fields, with the four known metadata keys and other string values kept in ``extra``.

    Keys the :class:`Article` itself owns (``id``, ``text``, ``source`` ...) are not copied to ``extra``.
    """
    known: dict[str, str | None] = {k: v.strip() for k in _META_KEYS if isinstance(v := meta.get(k), str) and v.strip()}
    article = Article.from_text(ident, text, source=source, **known)
    article.extra = {
        k: v for k, v in meta.items() if isinstance(v, str) and k not in _META_KEYS and k not in _RESERVED_KEYS
    }
    return article


def check_article_date(article: Article, where: str, line: int | None = None) -> InputError | None:
    """A publication date after tomorrow or before :data:`MIN_YEAR` (say, from a `` date`` first line) is wrong.

    Checked on the made article, since its date may come from the text rather than the metadata.
    """
    if article.date is not None and article.date > dt.date.today() + dt.timedelta(days=1):
        return InputError(where, f"date {article.date.isoformat()} is in the future", line)
    if article.date_text and int(article.date_text[:4]) < MIN_YEAR:
        return InputError(
            where, f"date {article.date_text} is before {MIN_YEAR}, not a plausible publication date", line
        )
    return None
