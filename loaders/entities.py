"""People the lexicons do not list, found by the trained pipeline's entity recogniser.

The lexicons name states, bodies, armed groups and well-known officials; titles and
appositions name most other officials ("Foreign Minister X", "X, a spokesman for Y").  What
is left is a person named bare where a speaker stands: the subject of a speech or stance
verb ('"...," said Amal Haddad'), or the object of "according to"; and a name set beside an
office the lexicons do not hold as a title ("His predecessor, Bob Menendez,"; ``grammar.tsv``:
office_noun, role_plural).  Only there, and only in the sentences that have such a name, the
entity recogniser runs (it costs as much as the parse), and a ``PERSON`` entity of two or
more words becomes a person actor; beside an office, a capitalised name the recogniser
misreads as an organisation is a person too.

People the text presents as analysts, experts or witnesses (``grammar.tsv``: anonymous)
are left out: they are not actors in the graph.

>>> from armskg.loaders.article import Article
>>> from armskg.loaders.extract import extract
>>> text = "Amal Haddad condemned the Israeli strike on Tyre, calling it a massacre."
>>> [s.speakers for s in extract(Article.from_text("t", text)).statements]
[('person:amalhaddad',)]
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .facts import Actor, Extraction, person_key
from .lexicon import Lexicon
from .naming import NAME_PARTICLES, NOT_PERSON_WORDS, is_an_age
from .parsing import entity_recogniser
from .tags import Tag

__all__ = ["unlisted_speakers"]

_SPEAKING = frozenset({"report", "stance"})


def _speaker_slots(
    doc: Doc, offset: int, tags: list[Tag], titled: set[int], roles: frozenset[str]
) -> list[tuple[Token, bool]]:
    """Untagged proper nouns where a speaker or an official stands, each with whether a title
    or role noun stands beside it: a speech or stance verb's subject, the object of "according
    to", a name set beside a title or role noun ("Aliyev's adviser, Hikmet Hajiyev,", "Razi
    Mousavi, a senior IRGC adviser"); ``titled`` holds the sentence's title tokens."""
    tagged = {
        i - offset for t in tags if t.kind in ("actor", "place", "weapon", "title") for i in range(t.start, t.end)
    }
    speaking = {i - offset for t in tags if t.kind == "trigger" and t.event in _SPEAKING for i in range(t.start, t.end)}
    slots: list[tuple[Token, bool]] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in tagged:
            continue
        subject = tok.dep_ == "nsubj" and tok.head.i in speaking
        according = tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
        beside = [*(c for c in tok.children if c.dep_ == "appos"), *([tok.head] if tok.dep_ == "appos" else [])]
        role = any(b.pos_ == "NOUN" and (b.i in titled or (b.lemma_ or b.lower_).lower() in roles) for b in beside)
        role = role or _set_off_after_role(tok, titled, roles)
        if subject or according or role:
            slots.append((tok, role))
    return slots


def _set_off_after_role(tok: Token, titled: set[int], roles: frozenset[str]) -> bool:
    """A name set off by commas after the phrase of a title or role noun, however the parse
    attaches it ("The UN special rapporteur on human rights in Myanmar, Tom Andrews, said")."""
    doc = tok.doc
    first, last = tok.left_edge.i, tok.right_edge.i
    if first == 0 or doc[first - 1].text != "," or last + 1 >= len(doc) or doc[last + 1].text not in (",", "."):
        return False
    for before in reversed(doc[max(0, first - 9) : first - 1]):
        if before.pos_ in ("VERB", "AUX") or before.text in (",", ";", ":"):
            return False
        if before.pos_ == "NOUN" and (before.i in titled or (before.lemma_ or before.lower_).lower() in roles):
            return True
    return False


def _presented_as_anonymous(tok: Token, anonymous: frozenset[str]) -> bool:
    """ "Jane Doe, an analyst at ...", "military analyst Jane Doe", "Ali Saleh, 45,": a voice
    the graph does not keep (news gives a private person's age, not an official's)."""
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    if before is not None and (before.lemma_ or before.text).lower() in anonymous:
        return True
    aged = any(c.dep_ == "appos" and is_an_age(c.text) for c in tok.children)
    return aged or any(
        c.dep_ in ("appos", "compound") and (c.lemma_ or c.text).lower() in anonymous for c in tok.children
    )


def _name_span(doc: Doc, start: int, end: int, titled: set[int]) -> tuple[int, int] | None:
    """The span of a person's name: without a leading honorific ("Sayyed Razi Mousavi"), two or
    more capitalised words, lower-case particles allowed ("Mansour al-Mansour")."""
    while start in titled and start < end:
        start += 1
    name = doc[start:end]
    inside = [t for t in name if not (t.text == "-" or t.lower_ in NAME_PARTICLES)]
    if len(name.text.split()) < 2 or any(not (t.is_title or t.is_upper) for t in inside):
        return None  # not a surname alone ("Al-Maliki", "Amir-Abdollahian")
    if any(t.text in NOT_PERSON_WORDS for t in name):
        return None  # "U.S. Air Forces", "Black Sea Fleet HQ"
    return start, end


def unlisted_speakers(doc: Doc, offset: int, tags: list[Tag], lexicon: Lexicon, extraction: Extraction) -> list[Tag]:
    """Actor tags (their actors registered in ``extraction``) for the people an entity
    recogniser finds in a parsed sentence's unnamed speaker slots; ``offset`` is the
    sentence's first token in the article. A name beside a title or role noun is a person
    even when the recogniser does not say so ("Israel's ambassador, Yechiel Leiter,")."""
    titled = {i - offset for t in tags if t.kind == "title" for i in range(t.start, t.end)}
    slots = _speaker_slots(doc, offset, tags, titled, lexicon.words("role_plural") | lexicon.words("office_noun"))
    if not slots:
        return []
    entity_recogniser()(doc)
    anonymous = lexicon.words("anonymous") | lexicon.words("commentator") | lexicon.words("private_person")
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        slotted = any(ent.start <= tok.i < ent.end for tok, _ in slots)
        if ent.label_ != "PERSON" or not slotted or _presented_as_anonymous(ent.root, anonymous):
            continue
        if span := _name_span(doc, ent.start, ent.end, titled):
            spans.append(span)
    for tok, role in slots:
        flat = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        placed = tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP")  # an unknown name is often read as ORG
        if not role or not flat or placed or any(a <= tok.i < b for a, b in spans):
            continue
        if span := _name_span(doc, flat[0].i, tok.i + 1, titled):
            spans.append(span)
    found: list[Tag] = []
    for a, b in spans:
        name = doc[a:b].text
        key = person_key(name)
        extraction.add_actor(Actor(key, "person", name))
        found.append(Tag("actor", offset + a, offset + b, key=key, via="entity"))
    return found
