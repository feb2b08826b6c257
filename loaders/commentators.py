"""Commentators: people the text presents as analysts, researchers or experts ("Ali Vaez, an Iran
analyst at the International Crisis Group"; "military analyst Justin Bronk"), or as private
people ("Ali Saleh, a shopkeeper,"; "Ali Saleh, 45,"), are no actors in the graph. Their names
are dropped with every mention of them, and what they say is no statement (``grammar.tsv``:
commentator, private_person).
"""

from __future__ import annotations

from .doc_view import DocView
from .lexicon import Lexicon
from .naming import is_an_age
from .tags import Tag

__all__ = ["without_commentators"]

_REACH = 8
"""How many words after a name its description may run before the comma or stop that ends it."""


def _described_as(doc: DocView, tag: Tag, words: frozenset[str], private: frozenset[str]) -> bool:
    """The person of ``tag`` is described as a commentator or a private person: by the noun just
    before the name ("analyst Justin Bronk", "resident Ali Saleh"), by an apposition after it
    (", a senior researcher at ..."; a private person's only when it opens with "a": ", a
    shopkeeper," not ", said the villagers"), or by an age (", 45,")."""
    before = tag.start - 1
    if before >= 0 and doc[before].lemma_.lower() in words | private:
        return True
    if tag.end + 2 >= len(doc) or doc[tag.end].text != ",":
        return False
    if doc[tag.end + 1].text.isdigit() and doc[tag.end + 2].text in (",", "."):
        return is_an_age(doc[tag.end + 1].text)
    if doc[tag.end + 1].lower_ in ("a", "an"):
        words = words | private
    for k in range(tag.end + 1, min(len(doc), tag.end + 1 + _REACH)):
        if doc[k].text in (",", ".", ";", ":") or "\n" in doc[k].whitespace_:
            return False
        if doc[k].lemma_.lower() in words or doc[k].lower_ in words:
            return True
    return False


def without_commentators(doc: DocView, tags: list[Tag], lexicon: Lexicon) -> list[Tag]:
    """``tags`` without the people the text presents as commentators (and their later mentions).

    >>> from armskg.loaders.article import Article
    >>> from armskg.loaders.extract import extract
    >>> text = '"The sale is a mistake," said Jane Holm, an analyst at a European think tank.'
    >>> ex = extract(Article.from_text("t", text))
    >>> sorted(ex.actors), ex.statements
    ([], [])
    """
    words, private = lexicon.words("commentator"), lexicon.words("private_person")
    people = [t for t in tags if t.kind == "actor" and (t.key or "").startswith("person:")]
    dropped = {t.key for t in people if _described_as(doc, t, words, private)}
    return [t for t in tags if t.key not in dropped or t.kind != "actor"]
