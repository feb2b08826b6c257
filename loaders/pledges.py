"""Pledges: a speaker saying what its own side will do ("Pistorius said Berlin would extend its
air policing mission"; "Washington announced it would redirect $95 million in aid"; '"We will
complete this work," Putin said') commits. A strike or reprisal to come warns instead (see
:mod:`~armskg.loaders.threats`), and a supply with a weapon is read with its transfer.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .roles import CONDITIONS, direct_objects, lemma, marks, negated, subjects, to_come
from .sentence import ParsedSentence
from .voices import Voice, pronoun_actors, reporter_of

__all__ = ["own_pledges"]


def _sides(ctx: ArticleContext, key: str) -> list[str]:
    """An actor and those it serves, in turn: Rutte, NATO; Pistorius, Germany."""
    sides = [key]
    actor = ctx.extraction.actors.get(key)
    while actor is not None and len(sides) < 4:
        nxt = actor.affiliation or actor.based_in
        if nxt is None or nxt in sides:
            break
        sides.append(nxt)
        actor = ctx.extraction.actors.get(nxt)
    return sides


def _strike_word(sent: ParsedSentence, tok: Token) -> bool:
    """``tok`` or a verb it is the complement of is a strike ("would continue to strike")."""
    strikes = sent.trigger_heads("strike")
    while True:
        if tok.i in strikes:
            return True
        if tok.dep_ != "xcomp":
            return False
        tok = tok.head


def _a_message(ctx: ArticleContext, verb: Token) -> bool:
    """What ``verb`` gives is words, not aid ("would deliver a formal protest", "will send a
    message"; ``grammar.tsv``: message_noun)."""
    given = direct_objects(verb)
    return bool(given) and all(lemma(o) in ctx.words("message_noun") for o in given)


def own_pledges(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[Voice]:
    """The voices that say their own side will give something (``grammar.tsv``: pledge_verb)."""
    found: list[Voice] = []
    if sent.doc.text.rstrip().endswith("?"):
        return found
    deeds = ctx.words("pledge_verb")
    for tok in sent.doc:
        if tok.pos_ != "VERB" or lemma(tok) not in deeds or not to_come(tok):
            continue
        if any(c.dep_ == "xcomp" for c in tok.children) or _strike_word(sent, tok):
            continue  # "will continue to stand together", "would keep striking": the deed is below
        if _a_message(ctx, tok):
            continue  # "would summon the envoy to deliver a formal protest": no aid given
        if marks(tok) & CONDITIONS or negated(tok):
            continue  # "said it would not send weapons": a refusal, not a pledge
        voice = reporter_of(tok, voices, tok)
        if voice is None or voice in found:
            continue
        own = {side for k in voice.speakers for side in _sides(ctx, k)}
        doers = subjects(tok)
        keys = [t.key for t in sent.phrase_actors_of(doers) if t.key]
        named = ctx.parties_of(keys) | set(keys)
        spoken_for = not all(ctx.kind_of(k) == "person" for k in voice.speakers)
        named |= {p for s in doers if s.lower_ in ("we", "i") or spoken_for for p in pronoun_actors(s, voices, ctx)}
        if own & named:
            found.append(voice)
    return found
