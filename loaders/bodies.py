"""Government bodies a sentence names without a full name: the state a body phrase belongs
to ("China's foreign ministry", "Ministry of Defence of Ukraine", "Joe Biden's
administration"), the lexicon's own name for a state's armed forces, and a body named again
by "the" and its head alone ("the army said", "The Ministry calls on ..."), by "its" ("its
foreign ministry"), by "the group's" (an armed group), or by the armed forces' own name given
before ("the Sudanese army" after "the Sudanese Armed Forces"); and the international body
a title names in its own words ("UN Special Rapporteur").
"""

from __future__ import annotations

import re

from .doc_view import DocView
from .facts import Actor, Extraction, org_key
from .lexicon import Lexicon
from .tags import Tag

__all__ = [
    "armed_named_before",
    "body_in_title",
    "kind_named_from",
    "known_body",
    "leaders_state",
    "names_a_kind",
    "owned_body",
    "role_family",
    "state_after_of",
    "state_before",
    "state_of_its",
    "the_body",
    "the_groups",
]


def state_before(
    doc: DocView, tags: list[Tag], index: int, window: int = 3, *, orgs: bool = False, places: bool = False
) -> Tag | None:
    """A state (or, with ``orgs``, a body; with ``places``, a place of a state) named just before
    token ``index`` (``US``, ``China's``, ``German``, ``White House``, ``Kharkiv Oblast``)."""
    best = None
    kinds = ("actor", "place") if places else ("actor",)
    for t in tags:
        allowed = t.key is not None and (t.key.startswith("state:") or (orgs and t.key.startswith("org:")))
        if t.kind in kinds and allowed and index - window <= t.end <= index:
            between = doc[t.end : index]
            if all(tok.text in ("'s", "’s", "'", "’") or tok.is_title or tok.is_upper for tok in between):
                best = t
    return best


def state_of_its(doc: DocView, tags: list[Tag], index: int) -> Tag | None:
    """The state an "its" or "their" before token ``index`` stands for ("Iran denied it. Its
    foreign ministry said ..."): the first state named in the sentence that names a state last,
    as a tag over that name."""
    if index == 0 or doc[index - 1].lower_ not in ("its", "their"):
        return None
    states = [t for t in tags if t.kind == "actor" and (t.key or "").startswith("state:") and t.end < index]
    if not states:
        return None
    begin = doc.sentence_start(states[-1].start)
    return next(t for t in states if t.start >= begin)


def state_after_of(doc: DocView, tags: list[Tag], index: int, window: int = 6, *, places: bool = False) -> Tag | None:
    """A state (with ``places``, a place of a state) after ``of`` following token ``index``
    (``Minister of Defense of Ukraine``, ``governor of the Belgorod region``)."""
    limit = min(len(doc), index + window)
    kinds = ("actor", "place") if places else ("actor",)
    if index < len(doc) and doc[index].lower_ == "of":
        for t in tags:
            if t.kind in kinds and t.key and t.key.startswith("state:") and index < t.start <= limit:
                return t
    return None


def role_family(role: str | None) -> str:
    """Roles that name the same body in a later "the ..." ("Mali's military government" ...
    "the army said"): armed roles are one family."""
    armed = role is not None and any(w in role for w in ("armed forces", "army", "military", "land forces"))
    ministry = role is not None and "ministry" in role  # "the Ministry" after "the Ministry of Foreign Affairs of ..."
    return "armed" if armed else "ministry" if ministry else role or ""


def leaders_state(doc: DocView, tags: list[Tag], body: Tag, ex: Extraction) -> Tag | None:
    """The state of the leader whose government a possessive names ("Joe Biden's administration",
    "Netanyahu's government"), as a tag over the leader's name."""
    for t in tags:
        if t.kind == "actor" and (t.key or "").startswith("person:") and body.start - 2 <= t.end <= body.start:
            between = [doc[i].text for i in range(t.end, body.start)]
            actor = ex.actors.get(t.key or "")
            if between in (["'s"], ["’s"]) and actor is not None and (actor.affiliation or "").startswith("state:"):
                return Tag("actor", t.start, t.end, key=actor.affiliation, via="body")
    return None


def names_a_kind(doc: DocView, tag: Tag, lexicon: Lexicon) -> bool:
    """The body's head only says what kind of body the next one is ("the military-led
    government": the government; ``grammar.tsv``: ruling_participle)."""
    ruling = lexicon.words("ruling_participle")
    return tag.end + 1 < len(doc) and doc[tag.end].text in ("-", "‑") and doc[tag.end + 1].lemma_.lower() in ruling


def kind_named_from(doc: DocView, tag: Tag, lexicon: Lexicon) -> int:
    """Where the body's phrase begins when a kind comes before its head ("military-led
    government": at "military"), else the head's first token."""
    ruling = lexicon.words("ruling_participle")
    led = tag.start >= 3 and doc[tag.start - 1].lemma_.lower() in ruling and doc[tag.start - 2].text in ("-", "‑")
    return tag.start - 3 if led else tag.start


def the_body(
    doc: DocView, tag: Tag, bodies: dict[str, str], named: list[Tag], lexicon: Lexicon, ex: Extraction
) -> Tag | None:
    """A body named by "the" and its head alone ("the army said", "the junta denied"): the body
    of that role named earlier in the article, else the government or army of the one state the
    article has named most (at least twice as often as any other), else nobody."""
    if names_a_kind(doc, tag, lexicon):
        return None
    first = kind_named_from(doc, tag, lexicon)
    if first == 0 or doc[first - 1].lower_ != "the" or not (doc[tag.start].is_lower or tag.end - tag.start == 1):
        return None
    start = first - 1
    if role_family(tag.value) in bodies:
        return Tag("actor", start, tag.end, key=bodies[role_family(tag.value)], via="body")
    counts: dict[str, int] = {}
    for t in named:
        if t.start < tag.start and (t.key or "").startswith("state:"):
            counts[t.key or ""] = counts.get(t.key or "", 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    home = _opening_state(doc, named, start) or (
        ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None
    )
    if home is None:
        return None
    if tag.value == "government":
        return Tag("actor", start, tag.end, key=home, via="body")
    state = lexicon.states.get(home.split(":", 1)[1])
    label = known_body(lexicon, home, doc.text_of(tag.start, tag.end)) or (
        f"{state.name} {doc.text_of(tag.start, tag.end)}" if state else None
    )
    if label is None:
        return None
    key = org_key(label)
    ex.add_actor(Actor(key, "organization", label, affiliation=home, role=tag.value))
    return Tag("actor", start, tag.end, key=key, via="body")


def _opening_state(doc: DocView, named: list[Tag], start: int) -> str | None:
    """The state that opens the sentence before a sentence opening with ``start`` ("Iraq recalled
    its ambassador ... The foreign ministry condemned": Iraq's), if any."""
    if not doc[start].is_sent_start:
        return None
    begin = doc.sentence_start(start - 1)
    opening = [t for t in named if t.start == begin and (t.key or "").startswith("state:")]
    return opening[0].key if opening else None


def known_body(lexicon: Lexicon, state: str, head: str) -> str | None:
    """The lexicon's name for a state's armed forces when the text names them so ("Sudan's armed
    forces" -> "Sudanese Armed Forces"); "the Israeli military" keeps the words news uses.

    >>> from armskg.loaders.lexicon import load_lexicon
    >>> known_body(load_lexicon(), "state:SDN", "armed forces")
    'Sudanese Armed Forces'
    >>> known_body(load_lexicon(), "state:ISR", "military") is None
    True
    """
    if not re.search(r"armed forces|defen[cs]e forces", head, re.IGNORECASE):
        return None
    iso3 = state.split(":", 1)[1]
    for org in lexicon.orgs:
        if org.affiliation == iso3 and re.search(r"armed forces|defen[cs]e forces", org.label, re.IGNORECASE):
            return org.label
    return None


def armed_named_before(tags: list[Tag], body: Tag, state: str, ex: Extraction) -> str | None:
    """The state's armed forces the article named by their own name before ``body`` (a
    lexicon organization of that state whose role family is armed), if any."""
    for t in reversed([t for t in tags if t.kind == "actor" and t.end <= body.start]):
        actor = ex.actors.get(t.key or "")
        if actor is None or actor.kind != "organization" or actor.affiliation != state:
            continue
        if role_family(actor.label.lower()) == "armed":
            return actor.key
    return None


def owned_body(doc: DocView, body: Tag, state: str, lexicon: Lexicon, ex: Extraction) -> Tag:
    """A body a pronoun says whose it is ("its foreign ministry"), named as the state's."""
    entry = lexicon.states.get(state.split(":", 1)[1])
    label = (
        known_body(lexicon, state, doc.text_of(body.start, body.end))
        or f"{entry.name if entry else state} {doc.text_of(body.start, body.end)}"
    )
    key = org_key(label)
    ex.add_actor(Actor(key, "organization", label, affiliation=state, role=body.value))
    return Tag("actor", body.start - 1, body.end, key=key, via="body")


def body_in_title(title: Tag, doc: DocView, lexicon: Lexicon, ex: Extraction) -> str | None:
    """The international body a title of an organization names in its own words ("UN Special
    Rapporteur"): the lexicon's body (one with no state) whose name or alias opens the title,
    registered as the actor it names."""
    if title.extra.get("scope") != "org":
        return None
    words = doc.text_of(title.start, title.end).split()
    for org in lexicon.orgs:
        names = (org.label, *org.aliases)
        if (
            org.affiliation is None
            and org.kind == "organization"
            and any(words[: len(n.split())] == n.split() for n in names)
        ):
            return ex.add_actor(Actor(org_key(org.label), "organization", org.label, wikidata=org.wikidata)).key
    return None


def the_groups(doc: DocView, named: list[Tag], index: int, lexicon: Lexicon, ex: Extraction) -> Tag | None:
    """The armed group a title's "the group's" points back to ("Mohammed Abdulsalam, the group's
    chief negotiator"): the last armed group named before it."""
    if index < 3 or doc[index - 1].text not in ("'s", "’s") or doc[index - 3].lower_ != "the":
        return None
    if doc[index - 2].lower_ not in lexicon.words("armed_anaphor"):
        return None
    groups = [
        t
        for t in named
        if t.end <= index - 3 and (actor := ex.actors.get(t.key or "")) is not None and actor.kind == "armed_group"
    ]
    return groups[-1] if groups else None
