"""People named by one part of their name: a listed person by surname ("Zakharova said"), a
later mention of someone named in full ("Sullivan", "Sisi" after "Abdel Fattah al-Sisi"), and
the spelling variants that are one person ("Zelensky", "Zelenskiy").
"""

from __future__ import annotations

import functools
import re

from .doc_view import DocView
from .facts import Actor, Extraction, org_key, person_key, state_key
from .lexicon import Lexicon, PersonEntry
from .tags import Tag

__all__ = ["lexicon_surname", "listed_surnames", "same_person", "surnames"]


def same_person(ex: Extraction, name: str) -> str:
    """The key of a person already named in the article whose name is a close spelling of ``name``
    (Zelensky / Zelenskiy), else the key of ``name`` itself."""
    key = person_key(name)
    if key in ex.actors:
        return key
    if " " not in name.strip():  # "President Aliyev" after "Ilham Aliyev": one surname, one person
        bearers = [a.key for a in ex.actors.values() if a.kind == "person" and a.label.split()[-1] == name.strip()]
        if len(bearers) == 1:
            return bearers[0]
    from rapidfuzz import fuzz

    for actor in ex.actors.values():
        same_first = actor.kind == "person" and actor.label.split()[0] == name.split()[0]
        if same_first and fuzz.ratio(person_key(actor.label), key) >= 90:
            return actor.key
    return key


_REGIME_WORDS = frozenset({"regime", "government", "administration", "forces", "era", "family", "loyalists", "camp"})
_GOVERNMENT_WORDS = frozenset({"regime", "government", "administration"})
"""After a serving leader's surname, the state's government ("the Netanyahu government")."""


@functools.lru_cache(maxsize=8)
def _people_by_surname(lexicon: Lexicon) -> dict[str, list[PersonEntry]]:
    """Listed people by the last word (five letters or more) of their name and of each alias."""
    by_surname: dict[str, list[PersonEntry]] = {}
    for person in lexicon.people:
        for full in (person.name, *person.aliases):
            last = _without_article(full.split()[-1])
            if len(last) >= 4 and last.isalpha() and person not in by_surname.get(last, []):
                by_surname.setdefault(last, []).append(person)
    return by_surname


_ARTICLE = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)-(?=[A-Z])")


def _without_article(surname: str) -> str:
    """A surname as later mentions write it, without its Arabic article ("al-Sisi" is "Sisi",
    "el-Sisi" too).

    >>> _without_article("al-Sisi"), _without_article("El-Burhan"), _without_article("Peskov")
    ('Sisi', 'Burhan', 'Peskov')
    """
    return _ARTICLE.sub("", surname)


def listed_surnames(doc: DocView, tags: list[Tag], taken: set[int], lexicon: Lexicon, ex: Extraction) -> list[Tag]:
    """A listed person named by surname alone ("Zakharova said"), when the surname is one listed
    person's (five letters or more) and the article names the state or body that person serves."""
    named = {t.key for t in tags if t.kind == "actor" and t.key}
    by_surname = _people_by_surname(lexicon)
    found: list[Tag] = []
    for i in doc.positions(*{w.lower() for w in by_surname}):
        tok = doc[i]
        people = by_surname.get(tok.text, [])
        if i in taken or len(people) != 1 or (i > 0 and doc[i - 1].is_title and not doc[i - 1].is_sent_start):
            continue
        if i > 0 and doc[i - 1].text in ("-", "‑") and not doc[i - 1].whitespace_:
            continue  # "Al-Assad", a village: part of another name
        if i + 1 < len(doc) and doc[i + 1].is_title and "\n" not in tok.whitespace_:
            continue
        person = people[0]
        iso = len(person.affiliation) == 3 and person.affiliation.isupper()
        if i + 1 < len(doc) and doc[i + 1].lower_ in _REGIME_WORDS:
            if iso and doc[i + 1].lower_ in _GOVERNMENT_WORDS:  # "the Biden administration": the state
                found.append(Tag("actor", i, i + 2, key=state_key(person.affiliation), via="body"))
            continue  # "the Assad regime" names a government, not the person
        serves = state_key(person.affiliation) if iso else org_key(person.affiliation)
        if serves not in named:
            continue
        key = same_person(ex, tok.text)
        ex.add_actor(Actor(key, "person", tok.text, role=person.role, affiliation=serves))
        found.append(Tag("actor", i, i + 1, key=key, via="surname"))
    return found


def lexicon_surname(doc: DocView, i: int, stop: set[int], lexicon: Lexicon) -> tuple[int, PersonEntry] | None:
    """A single capitalised word at ``i`` that is the surname of exactly one listed person."""
    if i < len(doc) and doc[i].text in ("Mr.", "Mrs.", "Ms.", "Mr", "Ms"):
        i += 1
    if i >= len(doc) or i in stop or not doc[i].is_title or not doc[i].is_alpha:
        return None
    if i + 1 < len(doc) and doc[i + 1].is_title and "\n" not in doc[i].whitespace_:
        return None
    found = [p for p in lexicon.people if p.name.split()[-1] == doc[i].text]
    return (i, found[0]) if len(found) == 1 else None


def surnames(doc: DocView, tags: list[Tag], taken: set[int], ex: Extraction) -> list[Tag]:
    """Later mentions of a person by one part of the name (``Sullivan``, ``Mao``)."""
    people = [a for a in ex.actors.values() if a.kind == "person"]
    parts: dict[str, str] = {}
    for person in people:
        words = [w for w in re.split(r"[\s]+", person.label) if len(w) > 2]
        for w in (words[0], words[-1], _without_article(words[-1])) if words else ():
            parts.setdefault(w, person.key)
    found: list[Tag] = []
    for i in doc.positions(*{w.lower() for w in parts}):
        tok = doc[i]
        if i in taken or tok.text not in parts:
            continue
        if i + 1 < len(doc) and doc[i + 1].is_title and not doc[i + 1].is_sent_start:
            continue
        found.append(Tag("actor", i, i + 1, key=parts[tok.text], via="surname"))
    return found
