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
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .commentators import without_commentators
from .dates import DAY_NAMES
from .doc_view import DocView
from .facts import Actor, ActorKind, Extraction, org_key, person_key, state_key
from .later_mentions import korea_shorthand, org_heads
from .lexicon import Lexicon
from .naming import people_and_bodies
from .state_anaphors import latter_former, the_kingdom, the_place
from .surnames import listed_surnames, same_person, surnames
from .tags import Tag
from .text import nlp
from .unlisted_bodies import unlisted_bodies

__all__ = ["Matchers", "Tag", "matchers_for", "state_actor", "tag_document"]


@dataclass(slots=True)
class Matchers:
    """Compiled phrase matchers for one lexicon, and what each match id means."""

    exact: PhraseMatcher
    lower: PhraseMatcher
    lemma: PhraseMatcher
    meaning: dict[str, tuple[str, ...]]


def _variants(name: str) -> set[str]:
    """A name with and without "the", and with its Arabic article in either case ("Al-Shabaab",
    "al-Shabaab").

    >>> sorted(_variants("Al-Shabaab"))
    ['Al-Shabaab', 'The Al-Shabaab', 'The al-Shabaab', 'al-Shabaab', 'the Al-Shabaab', 'the al-Shabaab']
    """
    base = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    bases = {base}
    if re.match(r"^[Aa]l[- ][A-Z]", base):
        bases |= {"Al" + base[2:], "al" + base[2:]}
    return {v for b in bases for v in (b, "the " + b, "The " + b)}


def _word_styled(term: str) -> set[str]:
    """The title-case spelling some outlets give an acronym said as a word ("HIMARS" as
    "Himars", "SCALP missiles" as "Scalp missiles"): only for acronyms of four letters or more.

    >>> sorted(_word_styled("SCALP missiles")), sorted(_word_styled("TOW")), sorted(_word_styled("F-16"))
    (['Scalp missiles'], [], [])
    """
    words = term.split(" ")
    styled = [w.capitalize() if len(w) >= 4 and w.isalpha() and w.isupper() else w for w in words]
    return {" ".join(styled)} - {term}


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
        plurals = {w.term + "s"} if named and w.term[-1].isalnum() and w.term[-1] not in "sS" else set()
        add(exact if named else lower, f"W:{i}", {w.term, *_word_styled(w.term), *plurals}, ("weapon", str(i)))
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


def _across_quotes(doc: Doc, matcher: PhraseMatcher) -> list[tuple[int, int, int]]:
    """Phrase matches a quotation mark interrupts ('would "respond"', 'do "whatever is
    necessary"'), found on the words without the marks and mapped back to ``doc``."""
    keep = [t.i for t in doc if not t.is_quote]
    if len(keep) == len(doc):
        return []
    words = Doc(doc.vocab, words=[doc[i].text for i in keep], lemmas=[doc[i].lemma_ or doc[i].text for i in keep])
    found: list[tuple[int, int, int]] = []
    for match_id, first, last in matcher(words):
        start, end = keep[first], keep[last - 1] + 1
        if end - start != last - first:  # a mark stood inside the phrase
            found.append((match_id, start, end))
    return found


def _surnames_kept(doc: DocView, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Leave out a one-word body or group name that ends a run of capitalised names ("Foreign
    Minister Therese Kayikwamba Wagner"): it is a surname, not the Wagner Group."""
    covered = {i for start, end, _ in spans for i in range(start, end)}

    def name_word(i: int) -> bool:
        return i >= 0 and i not in covered and doc[i].is_alpha and doc[i].is_title and not doc[i].is_sent_start

    return [
        (start, end, mid)
        for start, end, mid in spans
        if not (mid.startswith("O:") and end - start == 1 and name_word(start - 1) and name_word(start - 2))
    ]


def tag_document(doc: Doc, lexicon: Lexicon, extraction: Extraction, view: DocView | None = None) -> list[Tag]:
    """Tag every sentence of ``doc`` and register the actors found in ``extraction``
    (``view``: the :class:`DocView` of ``doc``, when the caller has built it already)."""
    m = matchers_for(lexicon)
    view = view if view is not None else DocView(doc)
    raw = [(s, e, doc.vocab.strings[mid]) for mid, s, e in m.exact(doc)]
    raw += [(s, e, doc.vocab.strings[mid]) for mid, s, e in m.lower(doc)]
    entities = _surnames_kept(view, _longest_first(raw))
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
    for variant in _variant_designations(view, taken, lexicon):  # "MiG-29M", "Su-30MKI", "AIM-120D"
        tags.append(variant)
        taken.add(variant.start)
    by_event: dict[str, list[tuple[int, int, str]]] = {}
    named = taken - {i for t in tags if t.kind == "weapon" for i in range(t.start, t.end)}
    arming = lexicon.words("arming_verb")
    for match_id, first, last in [*m.lemma(doc), *_across_quotes(doc, m.lemma)]:
        name = doc.vocab.strings[match_id]
        event = m.meaning[name][1]
        # a strike or supply phrase may hold a weapon word ("artillery fire", "arms sale"), and
        # "arms" may be the verb ("Iran arms the group"): the parse says which
        verb = event == "supply" and last - first == 1 and (doc[first].lemma_ or doc[first].lower_).lower() in arming
        over_weapon = event in ("supply_noun", "strike_noun") or verb
        over_weapon = over_weapon and named.isdisjoint(range(first, last))
        free = taken.isdisjoint(range(first, last)) or over_weapon
        if _dated_preposition(doc, first, last):
            continue
        if free or event in ("negation", "hedge"):  # "arms sale": "arms" is a weapon; "military aid" is both
            by_event.setdefault(event, []).append((first, last, name))
    triggers: list[Tag] = []
    for found in by_event.values():
        for start, end, label in _longest_first(found):
            _, event, value = m.meaning[label]
            triggers.append(Tag("trigger", start, end, event=event, value=value))
    tags += _phrases_first(triggers)
    tags += people_and_bodies(view, tags, taken, lexicon, extraction)
    tags += surnames(view, tags, taken, extraction)
    tags += listed_surnames(view, tags, taken | {i for t in tags for i in range(t.start, t.end)}, lexicon, extraction)
    tags += unlisted_bodies(view, taken | {i for t in tags for i in range(t.start, t.end)}, lexicon, extraction, tags)
    tags += org_heads(view, tags, taken | {i for t in tags for i in range(t.start, t.end)}, extraction)
    tags += korea_shorthand(view, tags, taken)
    tags += latter_former(view, tags)
    tags += the_kingdom(view, tags, lexicon)
    tags += the_place(view, tags)
    tags = [t for t in tags if not _anti(view, t)]
    tags += _shared_heads(view, tags, lexicon)
    kept = _without_languages(view, _without_given_names(view, tags, lexicon), lexicon)
    kept = without_commentators(view, _without_claimants(view, kept, lexicon), lexicon)
    return sorted(kept, key=lambda t: (t.start, t.end))


_VARIANT = re.compile(r"[A-Z0-9]{1,4}(?:-\d{1,2})?")
"""A model suffix on a named system ("M" in "MiG-29M", "MKI" in "Su-30MKI", "D-3" in "AIM-120D-3")."""


@functools.lru_cache(maxsize=8)
def _designations(lexicon: Lexicon) -> dict[str, int]:
    """One-word named systems with a digit ("MiG-29", "Su-30", "AIM-120"), by term: the index
    of their lexicon row."""
    return {w.term: i for i, w in enumerate(lexicon.weapons) if " " not in w.term and any(c.isdigit() for c in w.term)}


def _variant_designations(doc: DocView, taken: set[int], lexicon: Lexicon) -> list[Tag]:
    """A one-word named system written with a model suffix the lexicon does not list ("MiG-29M",
    "Su-30MKI"): the system itself."""
    terms = _designations(lexicon)
    found: list[Tag] = []
    for i in range(len(doc)):
        text = doc[i].text
        if i in taken or len(text) < 4 or not any(c.isdigit() for c in text):
            continue
        for cut in range(len(text) - 1, 2, -1):
            row = terms.get(text[:cut])
            if row is not None and _VARIANT.fullmatch(text[cut:]):
                w = lexicon.weapons[row]
                producer = state_key(w.producer) if w.producer else None
                found.append(Tag("weapon", i, i + 1, value=w.category, designation=w.designation, producer=producer))
                break
    return found


def _anti(doc: DocView, tag: Tag) -> bool:
    """A weapon word that only names what a weapon is against ("tank" in "anti-tank and
    anti-aircraft missiles", "drone" in "counter-drone systems")."""
    before = [doc[i].lower_ for i in range(max(tag.start - 2, 0), tag.start)]
    return tag.kind == "weapon" and before in (["anti", "-"], ["counter", "-"])


def _shared_heads(doc: DocView, tags: list[Tag], lexicon: Lexicon) -> list[Tag]:
    """Weapons that share the head noun of the next one ("ballistic and cruise missiles",
    "anti-tank and anti-aircraft missiles"): the modifier before "and"/"or" with that head
    is a weapon term too."""
    terms = {w.term.lower(): w for w in lexicon.weapons}
    covered = {i for t in tags for i in range(t.start, t.end)}
    found: list[Tag] = []
    for tag in tags:
        joint = tag.start - 1
        if tag.kind != "weapon" or tag.end - tag.start < 2 or joint < 1 or doc[joint].lower_ not in ("and", "or"):
            continue
        head = doc[tag.end - 1].lower_
        for start in range(joint - 1, max(joint - 4, -1), -1):
            if start in covered or "\n" in doc.text_of(start, joint):
                break
            entry = terms.get(f"{doc.text_of(start, joint).lower()} {head}")
            if entry is not None:
                producer = state_key(entry.producer) if entry.producer else None
                found.append(Tag("weapon", start, joint, value=entry.category, designation=entry.designation,
                                 producer=producer))  # fmt: skip
                break
    return found


def _without_claimants(doc: DocView, tags: list[Tag], lexicon: Lexicon) -> list[Tag]:
    """A state that claims the territory named after it ("China's Taiwan region", "Morocco's
    Western Sahara province"): the territory is the actor, not the claimant (``grammar.tsv``:
    territory_noun)."""
    words = lexicon.words("territory_noun")
    states = {t.start: t for t in tags if t.kind == "actor" and (t.key or "").startswith("state:")}
    dropped: set[int] = set()
    for tag in states.values():
        after = tag.end + 1 if tag.end < len(doc) and doc[tag.end].text in ("'s", "’s") else None
        named = states.get(after) if after is not None else None
        if named is not None and named.key != tag.key and named.end < len(doc) and doc[named.end].lower_ in words:
            dropped.add(id(tag))
    return [t for t in tags if id(t) not in dropped]


def _without_languages(doc: DocView, tags: list[Tag], lexicon: Lexicon) -> list[Tag]:
    """Demonyms that name a language, not a state ("its French acronym", "the Arabic name",
    "a Russian-language channel"): the word after them is a ``language_noun`` (``grammar.tsv``)."""
    words = lexicon.words("language_noun")
    kept: list[Tag] = []
    for tag in tags:
        after = tag.end + 1 if tag.end < len(doc) and doc[tag.end].text == "-" else tag.end
        if tag.via == "demonym" and after < len(doc) and doc[after].lower_ in words:
            continue
        kept.append(tag)
    return kept


def _dated_preposition(doc: Doc, first: int, last: int) -> bool:
    """A phrase ending in "on" whose object is a day, before a reported clause ("insisted on
    Thursday that the army had not ..."): the verb reports, the phrase is not meant.  Read
    before the parse, from the words."""
    if last - first < 2 or last >= len(doc) or doc[last - 1].lower_ != "on" or doc[last].text not in DAY_NAMES:
        return False
    return any(t.lower_ == "that" for t in doc[last + 1 : last + 4])


def _phrases_first(triggers: list[Tag]) -> list[Tag]:
    """A trigger word that begins a longer phrase of another event is that phrase ("slammed
    into a building" is a strike, not the stance "slammed")."""
    longest: dict[int, int] = {}
    for t in triggers:
        if t.event not in ("negation", "hedge"):
            longest[t.start] = max(longest.get(t.start, 0), t.end)
    return [t for t in triggers if t.event in ("negation", "hedge") or t.end >= longest[t.start]]


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
        names = {person_key(n) for n in (known.name, *known.aliases)}
        named = [a.key for a in ex.actors.values() if a.kind == "person" and person_key(a.label) in names]
        key = named[0] if named else same_person(ex, text)  # "Dagalo, widely known as Hemedti": one person
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
