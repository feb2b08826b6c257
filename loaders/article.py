"""The article: its text and metadata, as read from any input format.

>>> a = Article.from_text("memo", " date 2024-01-10\\nSEOUL - Text.")
>>> a.date, a.date_text, a.body_start
(datetime.date(2024, 1, 10), '2024-01-10', 16)
>>> Article.from_text("memo", " date 2023-04\\nText.").date_text
'2023-04'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

__all__ = ["Article", "parse_date"]

_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)\b[ \t]*")
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_date(value: str) -> tuple[dt.date | None, str | None]:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its day).

    Returns the full date when the day is known (else ``None``) and the part that is
    known as text; raises ``ValueError`` for a string that is no such date.

    >>> parse_date("2024-01-10T08:00:00Z")
    (datetime.date(2024, 1, 10), '2024-01-10')
    >>> parse_date("2023-04")
    (None, '2023-04')
    """
    m = _ISO_PREFIX.match(value.strip())
    if not m:
        raise ValueError(f"not a date (want YYYY-MM-DD): {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        return None, year
    if not 1 <= int(month) <= 12:
        raise ValueError(f"impossible month in date {value!r}")
    if day is None:
        return None, f"{year}-{int(month):02d}"
    full = dt.date(int(year), int(month), int(day))  # ValueError on 2023-02-30
    return full, full.isoformat()


@dataclass(slots=True)
class Article:
    """One news article.

    ``text`` is the whole text as read (line ends made ``\\n``); evidence offsets index
    into it, so a researcher finds a sentence at the same place in the file.
    ``body_start`` skips a leading `` date YYYY-MM-DD`` marker.
    ``date`` is the publication day when known; ``date_text`` keeps a partial date
    (``2023-04``) so that what is known is never lost.
    """

    id: str
    text: str
    url: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    publisher: str | None = None
    title: str | None = None
    source: str | None = None
    body_start: int = 0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text and metadata: the same article ingested twice is skipped."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.url, self.date_text, self.publisher, self.title):
            h.update((part or "").encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    @classmethod
    def from_text(cls, article_id: str, raw: str, **meta: str | None) -> Article:
        """Build an article from raw text, taking a leading `` date YYYY-MM-DD`` line as
        its publication date (metadata given in ``meta`` wins over that line)."""
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        date_text: str | None = None
        m = _DATE_LINE.match(text)
        if m:
            date_text = m.group(1)
        article = cls(id=article_id, text=text, body_start=m.end() if m else 0)
        meta_date = meta.pop("date", None)
        for key in ("url", "publisher", "title", "source"):
            value = meta.pop(key, None)
            if value:
                setattr(article, key, value)
        article.extra = {k: v for k, v in meta.items() if isinstance(v, str)}
        for candidate in (meta_date, date_text):
            if candidate:
                try:
                    article.date, article.date_text = parse_date(candidate)
                except ValueError:
                    continue
                break
        return article
