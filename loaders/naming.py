"""Who a sentence names that no lexicon row lists as a whole: officials after a title,
government bodies ("China's foreign ministry"), and the shorthands news uses for them ("the
North", "the former"); later mentions by surname are :mod:`armskg.loaders.surnames`.

These rules run after the lexicon matchers of :mod:`armskg.loaders.tagging`, over the
tags those found, and add actor tags (registering the actors they name).
"""

from __future__ import annotations

import re

from .bodies import (
    armed_named_before,
    body_in_title,
    kind_named_from,
    known_body,
    leaders_state,
    names_a_kind,
    owned_body,
    role_family,
    state_after_of,
    state_before,
    state_of_its,
    the_body,
    the_groups,
)
from .doc_view import DocView
from .facts import Actor, Extraction, org_key, person_key, state_key
from .lexicon import Lexicon
from .surnames import lexicon_surname, same_person
from .tags import Tag
from .text import nlp

__all__ = ["NAME_PARTICLES", "NOT_NAMES", "NOT_PERSON_WORDS", "is_an_age", "people_and_bodies"]

NAME_PARTICLES = frozenset(
    {
        *("al", "el", "bin", "ibn", "abu", "ben", "ul", "ud", "ur"),  # "Moin ul Haque"
        *("de", "da", "van", "von", "der", "la", "le", "du"),
    }
)
"""Lower-case words inside a person's name ("al-Assad", "Moin ul Haque", "Ursula von der Leyen")."""
_BODY_WORDS = frozenset(
    {
        "Ministry",
        "Council",
        "Commission",
        "Committee",
        "Department",
        "Directorate",
        "Command",
        "Forces",
        "Army",
        "Parliament",
        "Assembly",
        "Government",
        "Embassy",
        "Mission",
        "Brigade",
        "Front",
        "Party",
        "Fleet",
        "Headquarters",
        "HQ",
    }
)
"""Capitalised words that head a body's name; never the first word of a person's name."""

_PLACE_WORDS = frozenset(
    {"Airport", "International", "Airbase", "Base", "Port", "Bridge", "Hospital", "University", "Stadium",
     "Square", "Street", "Mosque", "Palace", "Dam", "Station", "Camp", "Refinery", "Plant"}
)  # fmt: skip
_INSTITUTION_WORDS = frozenset(
    {"Conference", "Summit", "Forum", "Systems", "Industries", "Corporation", "Company", "Technologies",
     "Aerospace", "Dynamics", "Atomics", "Relations", "Institute", "Foundation", "Airlines", "Shipyard",
     "Movement", "Central", "Defense", "Defence", "Officer", "Commanding", "Agency", "News"}
)  # fmt: skip
"""Capitalised words of a company's, event's or institution's name ("General Dynamics Land
Systems", "the Munich Security Conference"): no person's name holds one."""
_NOT_PERSON_WORDS = _PLACE_WORDS | _INSTITUTION_WORDS
NOT_PERSON_WORDS = _NOT_PERSON_WORDS | _BODY_WORDS
"""Capitalised words no person's name holds: a body's, a place's or an institution's."""


def is_an_age(word: str) -> bool:
    """Whether ``word``, set off by commas after a name, is the person's age (", 45,"): news gives
    a private person's age, not an official's.

    >>> is_an_age("45"), is_an_age("1945"), is_an_age("a")
    (True, False, False)
    """
    return word.isdigit() and int(word) < 120


NOT_NAMES = {
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "As",
    "But",
    "And",
    "Also",
    "After",
    "Before",
    "While",
    "Meanwhile",
    "However",
    "According",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Since",
    "When",
    "If",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Jr",
    "Sr",
    "News",
    "Agency",
    "Office",
    *_BODY_WORDS,
}
_CAMEL_JOIN = re.compile(r"(?<=[a-z]{3})(?=[A-Z])")  # "KuleshovRussia" glued; not "DiCarlo", "McCain", "MacArthur"


def _person_name(doc: DocView, i: int, stop: set[int]) -> tuple[int, int, str] | None:
    """A personal name starting at token ``i``: 2 to 4 capitalized words, hyphen joins
    (Ho-jin) and particles (al-Assad) allowed; ``stop`` holds tokens already tagged."""
    j = i
    parts: list[int] = []
    nickname = False
    while j < len(doc) and j not in stop and len(parts) < 5:
        tok = doc[j]
        if (
            tok.text in ("-", "‑")
            and parts
            and j + 1 < len(doc)
            and not tok.whitespace_
            and doc[j - 1].whitespace_ == ""
        ):
            j += 1
            continue
        inside = bool(parts) or not tok.text[0].isupper()  # "Ben Cardin", "Abu Obeida": a first name
        if (
            inside
            and tok.lower_ in NAME_PARTICLES
            and j + 1 < len(doc)
            and (doc[j + 1].text == "-" or doc[j + 1].is_title)
        ):
            j += 1
            continue
        quoted = j + 3 < len(doc) and doc[j + 2].text == tok.text and doc[j + 1].is_title and doc[j + 3].is_title
        if parts and tok.text in ('"', "“", "”") and quoted and len(parts) == 1:
            nickname = True  # 'Robert "Magyar" Brovdi': the nickname is no part of the name
            j += 3
            continue
        initial = len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."
        if parts and initial and j + 1 < len(doc) and doc[j + 1].is_title:  # "Rahul R. Singh": a middle initial
            parts.append(j)
            j += 1
            continue
        if not (tok.is_alpha and (tok.text[0].isupper() or (parts and doc[j - 1].text == "-"))):
            break
        if tok.text in NOT_NAMES:
            break
        parts.append(j)
        j += 1
        if "\n" in tok.whitespace_:
            break
    if len(parts) < 2 or any(doc[k].text in _NOT_PERSON_WORDS for k in parts):
        return None  # "King Khalid International Airport" names a place, "General Dynamics Land Systems" a firm
    start, end = parts[0], parts[-1] + 1
    text = " ".join(doc[k].text for k in parts) if nickname else doc.text_of(start, end)
    camel = _CAMEL_JOIN.search(text)
    if camel:
        text = text[: camel.start()]
        end = start + len(nlp().make_doc(text))
    if len(text.split()) < 2:
        return None
    return start, end, text


def _named_portfolio(doc: DocView, end: int, taken: set[int]) -> int:
    """The end of a capitalised body's portfolio after "of" ("Ministry of Public Health",
    "Ministry of Foreign Affairs and International Cooperation"), stopping at a named actor."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("of", "and") or not doc[end + 1].is_title or end + 1 in taken:
        return end
    k = end + 1
    while (
        k < len(doc)
        and k not in taken
        and (doc[k].is_title or (doc[k].lower_ == "and" and k + 1 < len(doc) and doc[k + 1].is_title))
    ):
        k += 1
    return k


def _opening_capital(doc: DocView, named: list[Tag], start: int) -> str | None:
    """The state whose capital opens the sentence ("In Beijing, foreign ministry spokesman X"),
    when the title follows it directly."""
    if start < 3 or doc[start - 1].text != ",":
        return None
    place = next((t for t in named if t.end == start - 1 and t.via == "metonym"), None)
    opening = place is not None and place.start >= 1 and doc[place.start - 1].lower_ == "in"
    if not opening or place is None or not doc[place.start - 1].is_sent_start:
        return None
    return place.key


def people_and_bodies(doc: DocView, tags: list[Tag], taken: set[int], lexicon: Lexicon, ex: Extraction) -> list[Tag]:
    found: list[Tag] = []
    role_states: dict[str, str] = {}
    # the only tags state_before and state_after_of can return, in the same order (fewer to look at)
    named = [t for t in tags if t.kind == "actor" and t.key is not None and t.key.startswith(("state:", "org:"))]
    for tag in tags:
        if tag.kind == "title" and tag.extra.get("scope") != "org":
            owner = state_before(doc, named, tag.start)
            if owner is not None and owner.key and _person_name(doc, tag.end, taken) is None:
                role_states.setdefault(tag.extra.get("title", "").lower(), owner.key)  # "France's defense minister"
    bodies: dict[str, str] = {}  # role -> the last body of that role named with its state
    places = [t for t in tags if t.kind == "place"]
    for tag in list(tags):
        if tag.kind == "body":
            if names_a_kind(doc, tag, lexicon):
                continue  # "Mali's military-led government": the government, not the military
            state = state_before(doc, named, kind_named_from(doc, tag, lexicon)) or state_after_of(doc, named, tag.end)
            if state is None and tag.value == "government":
                state = leaders_state(doc, tags, tag, ex)  # "Joe Biden's administration"
            its = state_of_its(doc, named, tag.start) if state is None else None
            if its is not None and its.key and tag.value != "government":  # "Its foreign ministry"
                found.append(owned_body(doc, tag, its.key, lexicon, ex))
                bodies[role_family(tag.value)] = found[-1].key or ""
                continue
            if state is None or state.key is None:
                earlier = the_body(doc, tag, bodies, named, lexicon, ex)
                if earlier is not None:  # "the army said": the army the article named before, or its one state's
                    found.append(earlier)
                elif tag.end - tag.start >= 3 and all(doc[k].is_title for k in range(tag.start, tag.end)):
                    label = doc.text_of(tag.start, tag.end)  # "a National Security Council spokesperson": by name
                    key = org_key(label)
                    ex.add_actor(Actor(key, "organization", label, role=tag.value))
                    found.append(Tag("actor", tag.start, tag.end, key=key, via="body"))
                continue
            start = min(state.start, tag.start)
            end = max(state.end, tag.end)
            if start > 0 and doc[start - 1].lower_ == "the" and state.start > tag.start:
                start -= 1
            if tag.value == "government":  # "the Serbian government", "Sudan's authorities": the state itself
                found.append(Tag("actor", start, end, key=state.key, via="body"))
                continue
            if end == tag.end and doc[tag.start].is_title:
                end = _named_portfolio(doc, end, taken)  # "Lebanon's Ministry of Public Health"
            label = doc.text_of(start, end)
            label = re.sub(r"^the\s+", "", label, flags=re.IGNORECASE)
            if state.via == "metonym" and state.start < tag.start:  # "Tehran's foreign ministry": Iran's
                label = f"{lexicon.states[state.key[6:]].name}'s {doc.text_of(tag.start, end)}"
            known = known_body(lexicon, state.key, doc.text_of(tag.start, tag.end))
            if known is not None:
                label = known
            named_before = armed_named_before(tags, tag, state.key, ex) if role_family(tag.value) == "armed" else None
            if named_before is not None:  # "the Sudanese army" after "the Sudanese Armed Forces (SAF)": one body
                found.append(Tag("actor", start, end, key=named_before, via="body"))
                bodies["armed"] = named_before
                continue
            key = org_key(label)
            ex.add_actor(Actor(key, "organization", label, affiliation=state.key, role=tag.value))
            found.append(Tag("actor", start, end, key=key, via="body"))
            bodies[role_family(tag.value)] = key
            continue
        if tag.kind != "title":
            continue
        j = tag.end
        while j < len(doc) and (doc[j].text in (",", "the") or doc[j].lower_ in ("of", "defense", "defence")):
            j += 1
        past_titles = next((t.end for t in tags if t.kind == "title" and t.start == tag.end), tag.end)
        name = _person_name(doc, past_titles, taken)  # "Supreme Leader Ayatollah Ali Khamenei": past both titles
        if name is None and j < len(doc) and doc[tag.end].lower_ in ("of", ",", "to", "for"):
            k = tag.end
            while k < min(len(doc), tag.end + 12) and doc[k].text != ",":
                k += 1
            if k < len(doc) - 1:  # "Israel's ambassador to the UN, Gilad Erdan"
                name = _person_name(doc, k + 1, taken)
        if name is None and tag.end < len(doc) and doc[tag.end].lower_ in ("to", "for"):
            where = next((t for t in named if tag.end < t.start <= tag.end + 2), None)
            if where is not None:  # "then US ambassador to the United Nations Nikki Haley"
                name = _person_name(doc, where.end, taken)
        if name is None and tag.end < len(doc) and doc[tag.end].lower_ == "of":
            body = next((k for k in range(tag.end, min(len(doc), tag.end + 12)) if doc[k].text in _BODY_WORDS), None)
            if body is not None:  # "the chairman of the ... Commission Alaeddin Boroujerdi"
                name = _person_name(doc, body + 1, taken)
        if name is None:
            surname = lexicon_surname(doc, tag.end, taken, lexicon)
            if surname is not None:  # "PM Netanyahu": a listed person by surname after a title
                at, person = surname
                iso = len(person.affiliation) == 3 and person.affiliation.isupper()
                serves = state_key(person.affiliation) if iso else org_key(person.affiliation)
                key = same_person(ex, doc[at].text)
                ex.add_actor(Actor(key, "person", doc[at].text, role=person.role, affiliation=serves))
                found.append(Tag("actor", at, at + 1, key=key, via="title", value=tag.value))
                taken.add(at)
            continue
        start, end, text = name
        state = state_before(doc, named, tag.start, orgs=True) or state_after_of(doc, named, tag.end, window=8)
        if state is None:  # "Kharkiv Oblast Governor X", "the mayor of Odesa, X": the place's state
            state = state_before(doc, places, tag.start, places=True) or state_after_of(
                doc, places, tag.end, window=5, places=True
            )
        state = state or the_groups(doc, named, tag.start, lexicon, ex)
        before = next((t for t in tags if t.kind == "body" and t.end == tag.start), None)
        family = role_family(before.value) if before is not None else ""
        if state is None and before is not None and family in bodies:  # "Army spokesman X": the army named before
            state = Tag("actor", before.start, before.end, key=bodies[family], via="body")
            found.append(state)
        key = same_person(ex, text)
        title = tag.extra.get("title", tag.value or "")
        actor = ex.add_actor(Actor(key, "person", text, role=title))
        if actor.affiliation is None and state is not None:
            actor.affiliation = state.key
        if actor.affiliation is None and title.lower() in role_states:
            actor.affiliation = role_states[title.lower()]
        if actor.affiliation is None:
            actor.affiliation = body_in_title(tag, doc, lexicon, ex)
        if actor.affiliation is None and tag.extra.get("scope") == "state":
            actor.affiliation = _opening_capital(doc, named, tag.start)
        if actor.affiliation is None and end + 1 < len(doc) and doc[end].text == ",":
            of = next((k for k in range(end + 1, min(len(doc), end + 6)) if doc[k].lower_ == "of"), None)
            after = state_after_of(doc, named, of, window=4) if of is not None else None
            if after is not None:  # "H.E. Lana Haddad, Permanent Representative of Jordan"
                actor.affiliation = after.key
        found.append(Tag("actor", start, end, key=key, via="title", value=tag.value))
        taken.update(range(start, end))
    # "Jake Sullivan, the U.S. national security adviser," / "Chang Ho-jin, who took over as head of ...":
    # a name followed by an apposition that holds a title.
    titles_at = {t.start: t for t in tags if t.kind == "title"}
    for i in doc.title_positions():
        tok = doc[i]
        if i in taken or tok.text in NOT_NAMES or (i > 0 and doc[i - 1].is_title):
            continue
        name = _person_name(doc, i, taken)
        if name is None or name[1] >= len(doc) or doc[name[1]].text != ",":
            continue
        window = range(name[1] + 1, min(len(doc), name[1] + 9))
        title_tag = next((titles_at[j] for j in window if j in titles_at), None)
        if title_tag is None or any(doc[j].text in (".", ";") for j in window if j < title_tag.start):
            continue
        start, end, text = name
        state = (
            state_before(doc, named, title_tag.start, window=4, orgs=title_tag.extra.get("scope") == "org")
            or state_after_of(doc, named, title_tag.end, window=8)
            or the_groups(doc, named, title_tag.start, lexicon, ex)
        )
        actor = ex.add_actor(
            Actor(person_key(text), "person", text, role=title_tag.extra.get("title", title_tag.value))
        )
        if actor.affiliation is None:
            actor.affiliation = state.key if state is not None else body_in_title(title_tag, doc, lexicon, ex)
        found.append(Tag("actor", start, end, key=actor.key, via="apposition"))
        taken.update(range(start, end))
    # "said Name" needs no title before the name.
    for i in doc.title_positions():
        tok = doc[i]
        if i in taken or tok.text in NOT_NAMES:
            continue
        if i > 0 and doc[i - 1].lemma_ in ("say", "tell", "cite", "quote") and doc[i - 1].lower_ != "says":
            name = _person_name(doc, i, taken)
            if name:
                start, end, text = name
                ex.add_actor(Actor(person_key(text), "person", text))
                found.append(Tag("actor", start, end, key=person_key(text), via="name"))
                taken.update(range(start, end))
    return found
