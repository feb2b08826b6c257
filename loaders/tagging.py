"""Find what a sentence names: actors, places, weapons, titles and event triggers.

Tagging is lexicon-driven (spaCy ``PhraseMatcher`` over the lexicon files) plus a
few general rules for what no lexicon can list: officials' names after a title,
government bodies ("China's foreign ministry"), and later mentions of a person by
surname.  The result is a list of :class:`Tag` per document, in token order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .doc_view import DocView, TokenView
from .facts import Actor, ActorKind, Extraction, org_key, person_key, state_key
from .lexicon import Lexicon, PersonEntry
from .text import nlp

__all__ = ["Matchers", "Tag", "matchers_for", "state_actor", "tag_document"]

_NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "du", "abu", "ben"}
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
    }
)
"""Capitalised words that head a body's name; never the first word of a person's name."""

_NOT_NAMES = {
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
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(slots=True)
class Tag:
    """Something named in the text, as a token span of the document.

    ``kind`` is ``actor``, ``place``, ``weapon``, ``title`` or ``trigger``.  For actors
    ``key`` is the actor key and ``via`` says how it was named (name, metonym,
    demonym, title, surname, body, group); for weapons ``value`` is the category and
    ``producer`` the key of the state that makes a named system; for triggers ``event`` is
    the trigger's event kind and ``value`` its value.
    """

    kind: str
    start: int
    end: int
    key: str | None = None
    value: str | None = None
    event: str | None = None
    via: str = "name"
    designation: str | None = None
    producer: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def span(self, doc: Doc) -> Span:
        """The tagged tokens."""
        return doc[self.start : self.end]


@dataclass(slots=True)
class Matchers:
    """Compiled phrase matchers for one lexicon, and what each match id means."""

    exact: PhraseMatcher
    lower: PhraseMatcher
    lemma: PhraseMatcher
    meaning: dict[str, tuple[str, ...]]


def _variants(name: str) -> set[str]:
    base = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return {base, "the " + base, "The " + base}


@functools.lru_cache(maxsize=4)
def matchers_for(lexicon: Lexicon) -> Matchers:
    """Build (once per lexicon) the matchers the tagger runs."""
    pipeline = nlp()
    vocab = pipeline.vocab
    exact = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    lemma = PhraseMatcher(vocab, attr="LEMMA")
    meaning: dict[str, tuple[str, ...]] = {}

    def add(matcher: PhraseMatcher, mid: str, phrases: Iterable[str], sense: tuple[str, ...]) -> None:
        docs = [pipeline.make_doc(p) for p in sorted(set(phrases)) if p.strip()]
        if docs:
            matcher.add(mid, docs)
            meaning[mid] = sense

    for iso3, st in lexicon.states.items():
        add(exact, f"S:{iso3}:name", {v for n in st.names for v in _variants(n)}, ("actor", state_key(iso3), "name"))
        add(
            exact,
            f"S:{iso3}:metonym",
            {v for n in st.metonyms for v in _variants(n)},
            ("actor", state_key(iso3), "metonym"),
        )
        add(exact, f"S:{iso3}:demonym", st.demonyms, ("actor", state_key(iso3), "demonym"))
    for i, org in enumerate(lexicon.orgs):
        names = {v for n in (org.label, *org.aliases) for v in _variants(n)}
        add(exact, f"O:{i}", names, ("org", str(i)))
    for i, person in enumerate(lexicon.people):
        add(exact, f"H:{i}", {person.name, *person.aliases}, ("person", str(i)))
    for i, place in enumerate(lexicon.places):
        add(exact, f"P:{i}", _variants(place.name), ("place", place.iso3, place.kind, place.held_by or ""))
    for i, w in enumerate(lexicon.weapons):
        named = any(c.isupper() or c.isdigit() for c in w.term)
        add(exact if named else lower, f"W:{i}", {w.term}, ("weapon", str(i)))
    for i, name in enumerate(lexicon.landmarks):
        add(exact, f"L:{i}", {name, f"the {name}", f"The {name}"}, ("landmark",))
    for i, t in enumerate(lexicon.titles):
        plural = t.title + ("es" if t.title.endswith("s") else "s")
        add(lower, f"T:{i}", {t.title, plural}, ("title", str(i)))
    for i, b in enumerate(lexicon.bodies):
        add(lower, f"B:{i}", {b.head}, ("body", str(i)))
    for i, v in enumerate(lexicon.verbs):
        if v.event == "channel":
            add(lower, f"V:{i}", {v.phrase}, ("trigger", v.event, v.value))
        else:
            lemma_docs = [pipeline(v.phrase)]
            lemma.add(f"V:{i}", lemma_docs)
            meaning[f"V:{i}"] = ("trigger", v.event, v.value)
    return Matchers(exact, lower, lemma, meaning)


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    taken: set[int] = set()
    kept: list[tuple[int, int, str]] = []
    rank = {"S": 0, "H": 1, "O": 2, "W": 3, "T": 4, "B": 5, "P": 6}  # a capital is the state before it is a city
    for start, end, mid in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0], rank.get(s[2][:1], 9))):
        if not taken.isdisjoint(range(start, end)):
            continue
        kept.append((start, end, mid))
        taken.update(range(start, end))
    return sorted(kept)


def _is_name_token(token: TokenView) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and text.isalpha() is not False and text not in _NOT_NAMES


def _same_person(ex: Extraction, name: str) -> str:
    """The key of a person already named in the article whose name is a close spelling of ``name``
    (Zelensky / Zelenskiy), else the key of ``name`` itself."""
    key = person_key(name)
    if key in ex.actors:
        return key
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
            last = full.split()[-1]
            if len(last) >= 5 and last.isalpha() and person not in by_surname.get(last, []):
                by_surname.setdefault(last, []).append(person)
    return by_surname


def _listed_surnames(doc: DocView, tags: list[Tag], taken: set[int], lexicon: Lexicon, ex: Extraction) -> list[Tag]:
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
        key = _same_person(ex, tok.text)
        ex.add_actor(Actor(key, "person", tok.text, role=person.role, affiliation=serves))
        found.append(Tag("actor", i, i + 1, key=key, via="surname"))
    return found


def _lexicon_surname(doc: DocView, i: int, stop: set[int], lexicon: Lexicon) -> tuple[int, PersonEntry] | None:
    """A single capitalised word at ``i`` that is the surname of exactly one listed person."""
    if i < len(doc) and doc[i].text in ("Mr.", "Mrs.", "Ms.", "Mr", "Ms"):
        i += 1
    if i >= len(doc) or i in stop or not doc[i].is_title or not doc[i].is_alpha:
        return None
    if i + 1 < len(doc) and doc[i + 1].is_title and "\n" not in doc[i].whitespace_:
        return None
    found = [p for p in lexicon.people if p.name.split()[-1] == doc[i].text]
    return (i, found[0]) if len(found) == 1 else None


def _person_name(doc: DocView, i: int, stop: set[int]) -> tuple[int, int, str] | None:
    """A personal name starting at token ``i``: 2 to 4 capitalized words, hyphen joins
    (Ho-jin) and particles (al-Assad) allowed; ``stop`` holds tokens already tagged."""
    j = i
    parts: list[int] = []
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
        if tok.lower_ in _NAME_PARTICLES and j + 1 < len(doc) and (doc[j + 1].text == "-" or doc[j + 1].is_title):
            j += 1
            continue
        if not (tok.is_alpha and (tok.text[0].isupper() or (parts and doc[j - 1].text == "-"))):
            break
        if tok.text in _NOT_NAMES:
            break
        parts.append(j)
        j += 1
        if "\n" in tok.whitespace_:
            break
    if len(parts) < 2:
        return None
    start, end = parts[0], parts[-1] + 1
    text = doc.text_of(start, end)
    camel = _CAMEL_JOIN.search(text)
    if camel:
        text = text[: camel.start()]
        end = start + len(nlp().make_doc(text))
    if len(text.split()) < 2:
        return None
    return start, end, text


def tag_document(doc: Doc, lexicon: Lexicon, extraction: Extraction, view: DocView | None = None) -> list[Tag]:
    """Tag every sentence of ``doc`` and register the actors found in ``extraction``
    (``view``: the :class:`DocView` of ``doc``, when the caller has built it already)."""
    m = matchers_for(lexicon)
    view = view if view is not None else DocView(doc)
    raw = [(s, e, doc.vocab.strings[mid]) for mid, s, e in m.exact(doc)]
    raw += [(s, e, doc.vocab.strings[mid]) for mid, s, e in m.lower(doc)]
    entities = _longest_first(raw)
    tags: list[Tag] = []
    taken: set[int] = set()
    for start, end, label in entities:
        sense = m.meaning[label]
        if "\n" in view.text_of(start, end).strip():
            continue
        tag = _entity_tag(sense, start, end, lexicon, extraction, view.text_of)
        if tag is not None:
            tags.append(tag)
            taken.update(range(start, end))
    by_event: dict[str, list[tuple[int, int, str]]] = {}
    named = taken - {i for t in tags if t.kind == "weapon" for i in range(t.start, t.end)}
    for match_id, first, last in m.lemma(doc):
        name = doc.vocab.strings[match_id]
        event = m.meaning[name][1]
        free = taken.isdisjoint(range(first, last)) or (event == "supply_noun" and named.isdisjoint(range(first, last)))
        if free or event in ("negation", "hedge"):  # "arms sale": "arms" is a weapon; "military aid" is both
            by_event.setdefault(event, []).append((first, last, name))
    for found in by_event.values():
        for start, end, label in _longest_first(found):
            _, event, value = m.meaning[label]
            tags.append(Tag("trigger", start, end, event=event, value=value))
    tags += _people_and_bodies(view, tags, taken, lexicon, extraction)
    tags += _surnames(view, tags, taken, extraction)
    tags += _listed_surnames(view, tags, taken | {i for t in tags for i in range(t.start, t.end)}, lexicon, extraction)
    tags += _org_heads(view, tags, taken | {i for t in tags for i in range(t.start, t.end)}, extraction)
    tags += _korea_shorthand(view, tags, taken)
    tags += _latter_former(view, tags)
    return sorted(_without_given_names(view, tags, lexicon), key=lambda t: (t.start, t.end))


def _without_given_names(doc: DocView, tags: list[Tag], lexicon: Lexicon) -> list[Tag]:
    """State tags that are a person's first name ("Jordan Bardella", "Chad Smith"): a state name
    that is also a given name (``grammar.tsv``: given_name), inside a person tag or right before
    a capitalised word no tag covers, names no state."""
    people = {
        i for t in tags if t.kind == "actor" and (t.key or "").startswith("person:") for i in range(t.start, t.end)
    }
    covered = {i for t in tags for i in range(t.start, t.end)}
    given = lexicon.words("given_name")
    kept: list[Tag] = []
    for tag in tags:
        state = tag.kind == "actor" and (tag.key or "").startswith("state:") and tag.end - tag.start == 1
        if state and doc[tag.start].lower_ in given:
            after = tag.end if tag.end < len(doc) else None
            named = after is not None and after not in covered and doc[after].is_title and doc[after].is_alpha
            if tag.start in people or (named and "\n" not in doc[tag.start].whitespace_):
                continue
        kept.append(tag)
    return kept


def _latter_former(doc: DocView, tags: list[Tag]) -> list[Tag]:
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


def state_actor(key: str, lexicon: Lexicon) -> Actor:
    """The actor record of the state with key ``key`` (``state:IRN``), from the lexicon."""
    iso3 = key.split(":", 1)[1]
    st = lexicon.states[iso3]
    return Actor(key, "state", st.name, iso3=iso3, wikidata=st.wikidata)


def _entity_tag(
    sense: tuple[str, ...], start: int, end: int, lexicon: Lexicon, ex: Extraction, doc_text: Callable[[int, int], str]
) -> Tag | None:
    kind = sense[0]
    if kind == "landmark":
        return Tag("landmark", start, end)  # takes its words; names no actor
    if kind == "actor":
        key, via = sense[1], sense[2]
        if key not in ex.actors:  # a state's record is the same at every mention: register it once
            ex.add_actor(state_actor(key, lexicon))
        return Tag("actor", start, end, key=key, via=via)
    if kind == "org":
        org = lexicon.orgs[int(sense[1])]
        key = org_key(org.label)
        affiliation = state_key(org.affiliation) if org.affiliation else None
        based_in = state_key(org.based_in) if org.based_in else None
        kind_name: ActorKind = "armed_group" if org.kind == "armed_group" else "organization"
        ex.add_actor(
            Actor(key, kind_name, org.label, wikidata=org.wikidata, affiliation=affiliation, based_in=based_in)
        )
        return Tag("actor", start, end, key=key, via="name")
    if kind == "person":
        known = lexicon.people[int(sense[1])]
        iso = len(known.affiliation) == 3 and known.affiliation.isupper()
        affiliation = state_key(known.affiliation) if iso else org_key(known.affiliation)
        text = doc_text(start, end)
        key = _same_person(ex, text)
        ex.add_actor(Actor(key, "person", text, role=known.role, affiliation=affiliation))
        return Tag("actor", start, end, key=key, via="name")
    if kind == "place":
        held = {"held_by": state_key(sense[3])} if sense[3] else {}
        return Tag("place", start, end, key=state_key(sense[1]), value=sense[2], extra=held)
    if kind == "weapon":
        w = lexicon.weapons[int(sense[1])]
        producer = state_key(w.producer) if w.producer else None
        return Tag("weapon", start, end, value=w.category, designation=w.designation, producer=producer)
    if kind == "title":
        t = lexicon.titles[int(sense[1])]
        return Tag("title", start, end, value=t.role, extra={"scope": t.scope, "title": t.title})
    if kind == "body":
        b = lexicon.bodies[int(sense[1])]
        return Tag("body", start, end, value=b.role)
    return None


def _state_before(doc: DocView, tags: list[Tag], index: int, window: int = 3, *, orgs: bool = False) -> Tag | None:
    """A state (or, with ``orgs``, a body) named just before token ``index``
    (``US``, ``China's``, ``German``, ``White House``)."""
    best = None
    for t in tags:
        allowed = t.key is not None and (t.key.startswith("state:") or (orgs and t.key.startswith("org:")))
        if t.kind == "actor" and allowed and index - window <= t.end <= index:
            between = doc[t.end : index]
            if all(tok.text in ("'s", "’s", "'", "’") or tok.is_title or tok.is_upper for tok in between):
                best = t
    return best


def _state_after_of(doc: DocView, tags: list[Tag], index: int, window: int = 6) -> Tag | None:
    """A state after ``of`` following token ``index`` (``Minister of Defense of Ukraine``)."""
    limit = min(len(doc), index + window)
    if index < len(doc) and doc[index].lower_ == "of":
        for t in tags:
            if t.kind == "actor" and t.key and t.key.startswith("state:") and index < t.start <= limit:
                return t
    return None


def _people_and_bodies(doc: DocView, tags: list[Tag], taken: set[int], lexicon: Lexicon, ex: Extraction) -> list[Tag]:
    found: list[Tag] = []
    role_states: dict[str, str] = {}
    # the only tags _state_before and _state_after_of can return, in the same order (fewer to look at)
    named = [t for t in tags if t.kind == "actor" and t.key is not None and t.key.startswith(("state:", "org:"))]
    for tag in tags:
        if tag.kind == "title" and tag.extra.get("scope") != "org":
            owner = _state_before(doc, named, tag.start)
            if owner is not None and owner.key and _person_name(doc, tag.end, taken) is None:
                role_states.setdefault(tag.extra.get("title", "").lower(), owner.key)  # "France's defense minister"
    for tag in list(tags):
        if tag.kind == "body":
            state = _state_before(doc, named, tag.start) or _state_after_of(doc, named, tag.end)
            if state is None or state.key is None:
                continue
            start = min(state.start, tag.start)
            end = max(state.end, tag.end)
            if start > 0 and doc[start - 1].lower_ == "the" and state.start > tag.start:
                start -= 1
            if tag.value == "government":  # "the Serbian government", "Sudan's authorities": the state itself
                found.append(Tag("actor", start, end, key=state.key, via="body"))
                continue
            label = doc.text_of(start, end)
            label = re.sub(r"^the\s+", "", label, flags=re.IGNORECASE)
            known = _known_body(lexicon, state.key, tag.value or "")
            if known is not None:
                label = known
            key = org_key(label)
            ex.add_actor(Actor(key, "organization", label, affiliation=state.key, role=tag.value))
            found.append(Tag("actor", start, end, key=key, via="body"))
            continue
        if tag.kind != "title":
            continue
        j = tag.end
        while j < len(doc) and (doc[j].text in (",", "the") or doc[j].lower_ in ("of", "defense", "defence")):
            j += 1
        name = _person_name(doc, tag.end, taken)
        if name is None and j < len(doc) and doc[tag.end].lower_ in ("of", ","):
            k = tag.end
            while k < min(len(doc), tag.end + 8) and doc[k].text != ",":
                k += 1
            if k < len(doc) - 1:
                name = _person_name(doc, k + 1, taken)
        if name is None and tag.end < len(doc) and doc[tag.end].lower_ == "of":
            body = next((k for k in range(tag.end, min(len(doc), tag.end + 12)) if doc[k].text in _BODY_WORDS), None)
            if body is not None:  # "the chairman of the ... Commission Alaeddin Boroujerdi"
                name = _person_name(doc, body + 1, taken)
        if name is None:
            surname = _lexicon_surname(doc, tag.end, taken, lexicon)
            if surname is not None:  # "PM Netanyahu": a listed person by surname after a title
                at, person = surname
                iso = len(person.affiliation) == 3 and person.affiliation.isupper()
                serves = state_key(person.affiliation) if iso else org_key(person.affiliation)
                key = _same_person(ex, doc[at].text)
                ex.add_actor(Actor(key, "person", doc[at].text, role=person.role, affiliation=serves))
                found.append(Tag("actor", at, at + 1, key=key, via="title", value=tag.value))
                taken.add(at)
            continue
        start, end, text = name
        state = _state_before(doc, named, tag.start, orgs=True) or _state_after_of(doc, named, tag.end, window=8)
        key = _same_person(ex, text)
        title = tag.extra.get("title", tag.value or "")
        actor = ex.add_actor(Actor(key, "person", text, role=title))
        if actor.affiliation is None and state is not None:
            actor.affiliation = state.key
        if actor.affiliation is None and title.lower() in role_states:
            actor.affiliation = role_states[title.lower()]
        if actor.affiliation is None and end + 1 < len(doc) and doc[end].text == ",":
            of = next((k for k in range(end + 1, min(len(doc), end + 6)) if doc[k].lower_ == "of"), None)
            after = _state_after_of(doc, named, of, window=4) if of is not None else None
            if after is not None:  # "H.E. Lana Haddad, Permanent Representative of Jordan"
                actor.affiliation = after.key
        found.append(Tag("actor", start, end, key=key, via="title", value=tag.value))
        taken.update(range(start, end))
    # "Jake Sullivan, the U.S. national security adviser," / "Chang Ho-jin, who took over as head of ...":
    # a name followed by an apposition that holds a title.
    titles_at = {t.start: t for t in tags if t.kind == "title"}
    for i in doc.title_positions():
        tok = doc[i]
        if i in taken or tok.text in _NOT_NAMES or (i > 0 and doc[i - 1].is_title):
            continue
        name = _person_name(doc, i, taken)
        if name is None or name[1] >= len(doc) or doc[name[1]].text != ",":
            continue
        window = range(name[1] + 1, min(len(doc), name[1] + 9))
        title_tag = next((titles_at[j] for j in window if j in titles_at), None)
        if title_tag is None or any(doc[j].text in (".", ";") for j in window if j < title_tag.start):
            continue
        start, end, text = name
        state = _state_before(doc, named, title_tag.start, window=4) or _state_after_of(
            doc, named, title_tag.end, window=8
        )
        actor = ex.add_actor(
            Actor(person_key(text), "person", text, role=title_tag.extra.get("title", title_tag.value))
        )
        if actor.affiliation is None and state is not None:
            actor.affiliation = state.key
        found.append(Tag("actor", start, end, key=actor.key, via="apposition"))
        taken.update(range(start, end))
    # "said Name" needs no title before the name.
    for i in doc.title_positions():
        tok = doc[i]
        if i in taken or tok.text in _NOT_NAMES:
            continue
        if i > 0 and doc[i - 1].lemma_ in ("say", "tell", "cite", "quote") and doc[i - 1].lower_ != "says":
            name = _person_name(doc, i, taken)
            if name:
                start, end, text = name
                ex.add_actor(Actor(person_key(text), "person", text))
                found.append(Tag("actor", start, end, key=person_key(text), via="name"))
                taken.update(range(start, end))
    return found


def _known_body(lexicon: Lexicon, state: str, role: str) -> str | None:
    """The lexicon's name for a state's armed forces ("Sudanese army" -> "Sudanese Armed Forces")."""
    if not any(word in role for word in ("armed forces", "army", "military", "land forces")):
        return None
    iso3 = state.split(":", 1)[1]
    for org in lexicon.orgs:
        if org.affiliation == iso3 and re.search(r"armed forces|defen[cs]e forces", org.label, re.IGNORECASE):
            return org.label
    return None


def _surnames(doc: DocView, tags: list[Tag], taken: set[int], ex: Extraction) -> list[Tag]:
    """Later mentions of a person by one part of the name (``Sullivan``, ``Mao``)."""
    people = [a for a in ex.actors.values() if a.kind == "person"]
    parts: dict[str, str] = {}
    for person in people:
        words = [w for w in re.split(r"[\s]+", person.label) if len(w) > 2]
        for w in (words[0], words[-1]) if words else ():
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


_BODY_HEADS = frozenset(
    {"ministry", "council", "committee", "commission", "department", "agency", "military", "army", "command",
     "presidency", "mission", "embassy", "panel", "court", "parliament"}
)  # fmt: skip


def _org_heads(doc: DocView, tags: list[Tag], taken: set[int], ex: Extraction) -> list[Tag]:
    """Later mentions of a named body by its head noun alone ("the United Nations Security
    Council" ... "the Council"; "Russia's defence ministry" ... "the ministry"), when one body
    the article names has that head."""
    heads: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for t in tags:
        actor = ex.actors.get(t.key or "") if t.kind == "actor" else None
        if actor is None or actor.kind not in ("organization", "armed_group"):
            continue
        words = actor.label.split()
        named_head = len(words) >= 2 and words[-1].isalpha() and len(words[-1]) > 3
        if named_head and (words[-1][:1].isupper() or words[-1].lower() in _BODY_HEADS):
            heads.setdefault(words[-1].lower(), set()).add(actor.key)
            first[actor.key] = min(first.get(actor.key, t.start), t.start)
    found: list[Tag] = []
    for i in doc.positions(*heads):
        tok = doc[i]
        if not tok.text[:1].isupper() and tok.lower_ not in _BODY_HEADS:
            continue  # "the council" in lower case only for the heads of government bodies
        keys = heads.get(tok.lower_, set())
        if i in taken or len(keys) != 1 or i == 0 or doc[i - 1].lower_ != "the":
            continue
        (key,) = keys
        if first[key] > i or (i + 1 < len(doc) and (doc[i + 1].is_title or doc[i + 1].lower_ == "of")):
            continue
        found.append(Tag("actor", i, i + 1, key=key, via="head"))
    return found


def _korea_shorthand(doc: DocView, tags: list[Tag], taken: set[int]) -> list[Tag]:
    """``the North`` / ``the South`` in an article about the two Koreas."""
    keys = {t.key for t in tags if t.kind == "actor"}
    if not ({"state:PRK", "state:KOR"} & keys):
        return []
    found: list[Tag] = []
    for i in (j - 1 for j in doc.positions("north", "south") if j > 0):
        if doc[i].lower_ == "the" and doc[i + 1].text in ("North", "South") and (i + 1) not in taken:
            nxt = doc[i + 2].text if i + 2 < len(doc) else ""
            if nxt[:1].isupper() and nxt not in ("Korea",):
                continue
            key = "state:PRK" if doc[i + 1].text == "North" else "state:KOR"
            found.append(Tag("actor", i, i + 2, key=key, via="shorthand"))
    return found
