"""Resolve the days an article names ("on Tuesday", "Dec. 30", "March 25") against its date.

Nothing is invented: with no publication date (and no year in the text), a weekday or
a day without a year resolves to nothing.

>>> import datetime as dt
>>> base = dt.date(2024, 1, 10)  # a Wednesday
>>> [d.isoformat() for d in days_in("launched on Dec. 30, Jan. 2 and Saturday", base, None)]
['2023-12-30', '2024-01-02', '2024-01-06']
>>> days_in("on Tuesday", None, None)
[]
>>> [d.isoformat() for d in days_in("On March 29, he said", None, 2023)]
['2023-03-29']
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

__all__ = ["DAY_NAMES", "clear_caches", "days_in", "year_hint"]

DAY_NAMES = frozenset([*calendar.day_name, *calendar.month_name]) - {""}
"""Weekday and month names ("a phone call on Monday", "insisted on Thursday that")."""

_MONTHS = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_EXPR = re.compile(
    rf"\b(?:(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTHS})(?:\s+(?P<year2>(?:19|20)\d{{2}}))?"
    rf"|(?P<weekday>{'|'.join(_WEEKDAYS)}))\b"
)


def year_hint(date_text: str | None) -> int | None:
    """The year of a partial publication date such as ``2023-04``."""
    if date_text and re.match(r"\d{4}", date_text):
        return int(date_text[:4])
    return None


@functools.lru_cache(maxsize=4096)
def _parse(expr: str, base: dt.date) -> dt.date | None:
    """``"Dec 30"`` or ``"Dec 30 2023"`` as a date: with a year as written, without one the last
    such day on or before ``base``; ``None`` for a day that does not exist."""
    month_word, day_text, *year_text = expr.split()
    month = _MONTH_NUMBERS.get(month_word[:3].lower())
    if month is None:
        return None
    year = int(year_text[0]) if year_text else base.year
    try:
        found = dt.date(year, month, int(day_text))
        if not year_text and found > base:
            found = dt.date(year - 1, month, int(day_text))
    except ValueError:
        return None
    return found


_MONTH_NUMBERS = {
    name: n
    for n, name in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}


def clear_caches() -> None:
    """Forget the dates parsed so far (benchmarks time a cold start with it)."""
    _parse.cache_clear()


def days_in(text: str, published: dt.date | None, year: int | None) -> list[dt.date]:
    """Every day named in ``text``, resolved against the publication date ``published``
    (weekdays: the last such day on or before it; days without a year: the last such
    day on or before it) or, failing that, a known ``year``."""
    found: list[dt.date] = []
    for m in _DAY_EXPR.finditer(text):
        if m.group("weekday"):
            if published is None:
                continue
            back = (published.weekday() - _WEEKDAYS.index(m.group("weekday"))) % 7
            day = published - dt.timedelta(days=back)
        else:
            month = m.group("month") or m.group("month2")
            dom = m.group("day") or m.group("day2")
            explicit = m.group("year") or m.group("year2")
            expr = f"{month.rstrip('.')} {dom}"
            if explicit:
                resolved = _parse(f"{expr} {explicit}", published or dt.date(int(explicit), 12, 31))
            elif published is not None:
                resolved = _parse(expr, published)
            elif year is not None:
                resolved = _parse(f"{expr} {year}", dt.date(year, 12, 31))
            else:
                continue
            if resolved is None:
                continue
            day = resolved
        if day not in found:
            found.append(day)
    return found
