"""People the lexicons do not list, found by the trained pipeline's entity recogniser.

The lexicons name states, bodies, armed groups and well-known officials; titles and
appositions name most other officials ("Foreign Minister X", "X, a spokesman for Y").  What
is left is a person named bare where a speaker stands: the subject of a speech or stance
verb ('"...," said Amal Haddad'), or the object of "according to".  Only there, and only in
the sentences that have such an unnamed speaker, the entity recogniser runs (it costs as
much as the parse), and a ``PERSON`` entity of two or more words becomes a person actor.

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
from .parsing import entity_recogniser
from .tags import Tag

__all__ = ["unlisted_speakers"]

_SPEAKING = frozenset({"report", "stance"})


def _speaker_slots(doc: Doc, offset: int, tags: list[Tag]) -> list[Token]:
    """Untagged proper nouns where a speaker stands: a speech or stance verb's subject, the
    object of "according to"."""
    tagged = {
        i - offset for t in tags if t.kind in ("actor", "place", "weapon", "title") for i in range(t.start, t.end)
    }
    speaking = {i - offset for t in tags if t.kind == "trigger" and t.event in _SPEAKING for i in range(t.start, t.end)}
    slots: list[Token] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in tagged:
            continue
        subject = tok.dep_ == "nsubj" and tok.head.i in speaking
        according = tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
        if subject or according:
            slots.append(tok)
    return slots


def _presented_as_anonymous(tok: Token, anonymous: frozenset[str]) -> bool:
    """ "Jane Doe, an analyst at ...": a voice the graph does not keep."""
    return any(c.dep_ == "appos" and (c.lemma_ or c.text).lower() in anonymous for c in tok.children)


def unlisted_speakers(doc: Doc, offset: int, tags: list[Tag], lexicon: Lexicon, extraction: Extraction) -> list[Tag]:
    """Actor tags (their actors registered in ``extraction``) for the people an entity
    recogniser finds in a parsed sentence's unnamed speaker slots; ``offset`` is the
    sentence's first token in the article."""
    slots = _speaker_slots(doc, offset, tags)
    if not slots:
        return []
    entity_recogniser()(doc)
    anonymous = lexicon.words("anonymous")
    found: list[Tag] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or not any(ent.start <= s.i < ent.end for s in slots):
            continue
        if any(not (t.is_title or t.is_upper) for t in ent) or _presented_as_anonymous(ent.root, anonymous):
            continue
        key = person_key(ent.text)
        extraction.add_actor(Actor(key, "person", ent.text))
        found.append(Tag("actor", offset + ent.start, offset + ent.end, key=key, via="entity"))
    return found
