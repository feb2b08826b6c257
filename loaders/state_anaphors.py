"""States and places named again by a phrase that points back: "the latter" / "the former"
(the last or the one before it of the two states named just before), "the kingdom" (the
kingdom the article has named most) and "the city" / "the town" (the city named last before
it).
"""

from __future__ import annotations

import functools
from collections import Counter

from .doc_view import DocView
from .lexicon import Lexicon
from .tags import Tag

__all__ = ["latter_former", "the_kingdom", "the_place"]


def latter_former(doc: DocView, tags: list[Tag]) -> list[Tag]:
    """``the latter`` / ``the former``: the last / the one before it of the two states named just before."""
    found: list[Tag] = []
    states = sorted(
        (t for t in tags if t.kind == "actor" and (t.key or "").startswith("state:")), key=lambda t: t.start
    )
    for i in (j - 1 for j in doc.positions("latter", "former") if j > 0):
        if doc[i].lower_ == "the":
            before = [t for t in states if t.end <= i and i - t.end <= 30]
            keys = list(dict.fromkeys(t.key for t in reversed(before)))[:2]
            if len(keys) == 2:
                key = keys[0] if doc[i + 1].lower_ == "latter" else keys[1]
                found.append(Tag("actor", i, i + 2, key=key, via="anaphor"))
    return found


def _pointing_back(doc: DocView, i: int) -> bool:
    """ "the kingdom", "the city" at token ``i`` points back; "the city of Kharkiv" names it."""
    return i > 0 and doc[i - 1].lower_ == "the" and not (i + 1 < len(doc) and doc[i + 1].lower_ == "of")


@functools.lru_cache(maxsize=8)
def _kingdoms(lexicon: Lexicon) -> frozenset[str]:
    """The keys of the states whose formal name is a kingdom's ("Kingdom of Saudi Arabia")."""
    return frozenset(f"state:{s.iso3}" for s in lexicon.states.values() if any("Kingdom" in n for n in s.names))


def the_kingdom(doc: DocView, tags: list[Tag], lexicon: Lexicon) -> list[Tag]:
    """``the kingdom``: of the states named before its sentence whose formal name is a
    kingdom's, the one named most often, the later on a tie ("Saudi Arabia ... Denmark
    suspended arms exports to the kingdom"); else the last one named in its sentence."""
    kingdoms = _kingdoms(lexicon)
    states = sorted((t for t in tags if t.kind == "actor" and t.key in kingdoms), key=lambda t: t.start)
    found: list[Tag] = []
    for i in doc.positions("kingdom"):
        if not _pointing_back(doc, i):
            continue
        begin = doc.sentence_start(i)
        earlier = [t for t in states if t.end <= begin]
        if earlier:
            counts = Counter(t.key for t in earlier)
            last = {t.key: t.start for t in earlier}
            key = max(counts, key=lambda k: (counts[k], last[k]))
            found.append(Tag("actor", i - 1, i + 1, key=key, via="anaphor"))
        elif inside := [t for t in states if t.end <= i - 1]:
            found.append(Tag("actor", i - 1, i + 1, key=inside[-1].key, via="anaphor"))
    return found


_PLACE_NOUNS = ("city", "town", "village")
"""The nouns that point back at the city named last ("the region" points too far to follow)."""


def the_place(doc: DocView, tags: list[Tag], reach: int = 250) -> list[Tag]:
    """``the city`` / ``the town`` / ``the village``: the city named last within ``reach``
    tokens before it ("Kharkiv ... a missile strike on a printing house in the city"), not
    "the city of Kharkiv", which names it."""
    cities = sorted((t for t in tags if t.kind == "place" and t.value == "city"), key=lambda t: t.start)
    found: list[Tag] = []
    for i in doc.positions(*_PLACE_NOUNS):
        if not _pointing_back(doc, i):
            continue
        before = [t for t in cities if t.end <= i - 1 and i - t.end <= reach]
        if before:
            last = before[-1]
            found.append(Tag("place", i - 1, i + 1, key=last.key, value="city", via="anaphor", extra=dict(last.extra)))
    return found
