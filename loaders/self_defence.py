"""Stances read from a right of self-defence a speaker names.

A speaker who says another side has the right to defend itself ("Washington said Israel has
every right to defend itself") supports that side; one who says its own side has it ("the
country is entitled to defend itself against acts of aggression", the ministry said) warns, as
"reserves the right to respond" does (``grammar.tsv``: readiness, self_defence_verb, reflexive).

>>> from armskg.loaders.article import Article
>>> from armskg.loaders.extract import extract
>>> ex = extract(Article.from_text("t", "Germany said Israel had every right to defend itself."))
>>> [(s.speakers, s.stance) for s in ex.statements]
[(('state:DEU',), 'support')]
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .roles import NOUN_POS, clause_head, lemma, subjects
from .sentence import ParsedSentence
from .voices import Voice, pronoun_actors, reporter_of

__all__ = ["self_defence_stances"]


def _holders(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice], right: Token) -> set[str]:
    """The sides that hold the right: the owner of "right" ("Israel's right"), the subject of
    the clause that has it ("Israel has every right", "the country is entitled")."""
    tokens = [c for c in right.children if c.dep_ == "poss"] if right.pos_ in NOUN_POS else []
    tokens += subjects(clause_head(right))
    parties = ctx.parties_of(t.key for t in sent.phrase_actors_of(tokens) if t.key)
    return parties | {p for t in tokens for p in pronoun_actors(t, voices, ctx)}


def self_defence_stances(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[tuple[Voice, str]]:
    """The voices that name a side's right to defend itself, each with its stance: ``support``
    of another side, ``warn`` for its own."""
    found: list[tuple[Voice, str]] = []
    ready = ctx.words("readiness")
    for tok in sent.doc:
        if lemma(tok) not in ctx.words("self_defence_verb"):
            continue
        if not any(c.dep_ == "dobj" and c.lower_ in ctx.words("reflexive") for c in tok.children):
            continue  # "to defend Ukraine's skies": no right of its own
        right = next((a for a in list(tok.ancestors)[:2] if a.lower_ in ready or lemma(a) in ready), None)
        voice = reporter_of(tok, voices)
        if right is None or voice is None or any(v is voice for v, _ in found):
            continue
        holders = _holders(sent, ctx, voices, right)
        own = ctx.parties_of(voice.speakers)
        if not holders or holders & own:
            found.append((voice, "warn"))
        else:
            found.append((voice, "support"))
    return found
