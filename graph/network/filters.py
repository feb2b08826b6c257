"""Which events make the network: a period, weapon categories, a minimum of sources or confidence.

:class:`NetworkFilter` checks the values a user gives (``armskg map --from 2024-01 --weapon
ballistic-missile``) and says in one line what is wrong with one (:class:`FilterError`);
:meth:`NetworkFilter.keeps` then decides event by event, from what :func:`read_event_facts` read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from armskg.graph.kinds.registry import lookup
from armskg.ontology.vocabulary import FINER_WEAPONS, WEAPON_CONCEPTS

from .read import EventFacts, date_range

__all__ = ["FilterError", "NetworkFilter"]


class FilterError(ValueError):
    """A filter value armskg cannot use; the message names the parameter and what is wrong."""


def _weapons_from_about(kind: str) -> bool:
    """Whether events of ``kind`` take their weapons from what they are about (a statement)."""
    spec = lookup(kind)
    return spec is not None and spec.weapons_from_about


def _with_broader(labels: set[str]) -> set[str]:
    """Weapon labels with the broader category of each finer concept ("tube artillery" is "other")."""
    return labels | {FINER_WEAPONS[label] for label in labels if label in FINER_WEAPONS}


def _weapon_label(value: str) -> str | None:
    """The weapon category label for a label or slug (``ballistic-missile``), else ``None``."""
    wanted = " ".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
    aliases = {"air defense system": "air defence system", "armored vehicle": "armoured vehicle"}
    wanted = aliases.get(wanted, wanted)
    return wanted if wanted in WEAPON_CONCEPTS else None


@dataclass(frozen=True)
class NetworkFilter:
    """Which events make the network: a period, weapon categories, a minimum number of sources.

    Build one with :meth:`parse`, which checks every value and says what is wrong in one line.

    - ``since``/``until``: an event is kept when its dates meet the period. Its dates are its own
      ``ak:date`` values (a strike's days, a statement's day) when it has any, else the
      publication dates of the articles reporting it; an event with neither is left out
      whenever a period is set.
    - ``weapons``: weapon concept labels (:data:`armskg.loaders.facts.WEAPON_CONCEPTS`); a
      transfer or strike is kept when it carries one of them, a statement when it is about such
      a transfer or strike.
    - ``min_sources``: an event is kept when ``ak:sourceCount`` (written by the merge) is at least
      this, or, without it, the number of articles reporting it (``ak:reportedIn``).
    - ``min_confidence``: an event is kept when one of its evidence records (``ak:confidence``,
      how directly the parse supports the fact) is at least this.

    Examples
    --------
    >>> f = NetworkFilter.parse(since="2024-01", weapons=["ballistic-missile"], min_sources=2)
    >>> f.since, sorted(f.weapons), f.describe()
    (datetime.date(2024, 1, 1), ['ballistic missile'], 'from 2024-01-01 · ballistic missile · at least 2 sources')
    >>> NetworkFilter.parse(min_confidence=0.8).describe()
    'confidence at least 0.8'
    >>> try:
    ...     NetworkFilter.parse(until="2024-13")
    ... except FilterError as error:
    ...     print(error)
    --to: '2024-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)
    """

    since: dt.date | None = None
    until: dt.date | None = None
    weapons: frozenset[str] = frozenset()
    min_sources: int = 1
    min_confidence: float = 0.0

    @classmethod
    def parse(
        cls,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        weapons: Iterable[str] | None = None,
        min_sources: int | None = None,
        min_confidence: float | None = None,
    ) -> NetworkFilter:
        """Check and normalise filter values as a user gives them (dates may be partial: ``2024-01``)."""

        def day(value: str | dt.date | None, option: str, end: bool) -> dt.date | None:
            if value is None or isinstance(value, dt.date):
                return value
            found = date_range(str(value))
            if found is None:
                raise FilterError(f"{option}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return found[1] if end else found[0]

        first, last = day(since, "--from", False), day(until, "--to", True)
        if first and last and first > last:
            raise FilterError(f"--from {first.isoformat()} is after --to {last.isoformat()}")
        labels: set[str] = set()
        for value in weapons or ():
            label = _weapon_label(value)
            if label is None:
                choices = ", ".join(WEAPON_CONCEPTS)
                raise FilterError(f"--weapon: unknown weapon category {value!r}; choose from {choices}")
            labels.add(label)
        count = 1 if min_sources is None else min_sources
        if not isinstance(count, int) or count < 1:
            raise FilterError(f"--min-sources: {min_sources!r} is not a whole number of at least 1")
        floor = 0.0 if min_confidence is None else min_confidence
        if isinstance(floor, bool) or not isinstance(floor, (int, float)) or not 0.0 <= floor <= 1.0:
            raise FilterError(f"--min-confidence: {min_confidence!r} is not a number from 0 to 1")
        return cls(first, last, frozenset(labels), count, float(floor))

    @property
    def active(self) -> bool:
        """Whether the filter leaves anything out."""
        return bool(self.since or self.until or self.weapons or self.min_sources > 1 or self.min_confidence > 0)

    def describe(self) -> str:
        """The filter in words, for map subtitles; empty when nothing is filtered."""
        parts = []
        if self.since and self.until:
            parts.append(f"{self.since.isoformat()} – {self.until.isoformat()}")
        elif self.since:
            parts.append(f"from {self.since.isoformat()}")
        elif self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.weapons:
            parts.append(", ".join(sorted(self.weapons)))
        if self.min_sources > 1:
            parts.append(f"at least {self.min_sources} sources")
        if self.min_confidence > 0:
            parts.append(f"confidence at least {self.min_confidence:g}")
        return " · ".join(parts)

    def keeps(self, event: EventFacts, facts: Mapping[str, EventFacts]) -> bool:
        """Whether ``event`` passes the filter (``facts``: every event, for what a statement is about)."""
        if event.corroboration < self.min_sources or event.confidence < self.min_confidence:
            return False
        if self.since or self.until:
            span = event.span
            if span is None or (self.since and span[1] < self.since) or (self.until and span[0] > self.until):
                return False
        if self.weapons:
            if _weapons_from_about(event.kind):
                about = (facts[a] for a in event.about if a in facts)
                return any(not _weapons_from_about(a.kind) and _with_broader(a.weapons) & self.weapons for a in about)
            return bool(_with_broader(event.weapons) & self.weapons)
        return True
