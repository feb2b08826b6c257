"""Bodies the lexicons do not list: a capitalised name holding a body's head word ("the National
Security Committee", "the PLA Eastern Theater Command", "the National Council for the Safeguard of
the Homeland (CNSP)"), and later mentions of an acronym the article gives in brackets. News
agencies and broadcasters are left out: media are no actors.
"""

from __future__ import annotations

from .doc_view import DocView
from .facts import Actor, Extraction, org_key
from .lexicon import Lexicon
from .naming import NOT_NAMES
from .tags import Tag

__all__ = ["unlisted_bodies"]

_JOINERS = frozenset({"of", "for", "the", "and"})


def unlisted_bodies(doc: DocView, taken: set[int], lexicon: Lexicon, ex: Extraction, tags: list[Tag]) -> list[Tag]:
    """Bodies the lexicons do not list, named in full with capitals and a body's head word ("the
    National Security Committee", "the PLA Eastern Theater Command", "the National Council for
    the Safeguard of the Homeland (CNSP)"), and later mentions of an acronym given in brackets.
    News agencies and broadcasters are left out (media are no actors). The head words and the
    media words are ``grammar.tsv`` classes (body_head_word, media_word). A body named after a
    possessive ("the U.S. military's Central Command") serves the owner's state."""
    heads, media = lexicon.words("body_head_word"), lexicon.words("media_word")
    owners = {t.end: state for t in tags if t.kind == "actor" and (state := _state_of(t.key, ex))}
    found: list[Tag] = []
    acronyms: dict[str, str] = {}
    i = 0
    while i < len(doc):
        if i in taken or not doc[i].is_title or doc[i].text in NOT_NAMES or doc[i].lower_ == "the":
            i += 1
            continue
        j = i
        while j < len(doc) and j not in taken and "\n" not in doc[j].whitespace_ and _name_word(doc, j, taken):
            j += 1
        while j > i and doc[j - 1].lower_ in _JOINERS:
            j -= 1
        words = {doc[k].lower_ for k in range(i, j)}
        if j - i >= 2 and heads & words and not media & words:
            label = doc.text_of(i, j)
            key = org_key(label)
            owned = i >= 2 and doc[i - 1].lower_ in ("'s", "’s")
            ex.add_actor(Actor(key, "organization", label, affiliation=owners.get(i - 1) if owned else None))
            found.append(Tag("actor", i, j, key=key, via="name"))
            if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 1].is_upper and doc[j + 2].text == ")":
                acronyms[doc[j + 1].text] = key
        i = max(j, i + 1)
    covered = {k for t in found for k in range(t.start, t.end)}
    for k, tok in enumerate(doc):
        named = acronyms.get(tok.text)
        if named is not None and k not in taken and k not in covered and not (k > 0 and doc[k - 1].text == "("):
            found.append(Tag("actor", k, k + 1, key=named, via="name"))
    return found


def _state_of(key: str | None, ex: Extraction) -> str | None:
    """A state's key, or the state a tagged body serves."""
    if key is None or key.startswith("state:"):
        return key
    actor = ex.actors.get(key)
    served = actor.affiliation if actor is not None else None
    return served if served is not None and served.startswith("state:") else None


def _name_word(doc: DocView, j: int, taken: set[int]) -> bool:
    """A word of a capitalised name, or a joiner ("of", "for the") inside one."""
    if doc[j].is_title or (doc[j].is_upper and doc[j].is_alpha):
        return True
    k = j
    while k < len(doc) and doc[k].lower_ in _JOINERS:
        k += 1
    return k > j and k < len(doc) and doc[k].is_title and k not in taken
