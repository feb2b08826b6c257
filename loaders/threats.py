"""Stances read from strikes a speaker's own side is said to do or not to do: one it will or
would carry out ("Israel would hit Beirut if ...", Katz said; '"We will strike back," the
spokesman said') warns; one it did not carry out ("Russia said it did not target civilians")
denies. The strike itself is no fact (see :mod:`~armskg.loaders.strikes`).
"""

from __future__ import annotations

from .context import ArticleContext
from .roles import lemma, negated, subjects
from .sentence import ParsedSentence
from .voices import Voice, pronoun_actors, voice_of

__all__ = ["own_strike_stances"]

_TO_COME = {"will", "would", "'ll", "shall"}


def own_strike_stances(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[tuple[Voice, str]]:
    """The voices that speak of a strike by their own side, each with its stance: ``warn`` for
    one to come, ``deny`` for one negated."""
    found: list[tuple[Voice, str]] = []
    for trig in sent.triggers("strike"):
        tok = sent.head(trig)
        if tok.pos_ != "VERB":
            continue
        coming = any(c.dep_ == "aux" and c.lower_ in _TO_COME for c in tok.children)
        stance = "deny" if negated(tok) else "warn" if coming else None
        voice = voice_of(tok, voices)
        if stance is None or voice is None or voice.stance is not None or voice.verb is None:
            continue
        if lemma(voice.verb) == "accord":
            continue
        own = {p for k in voice.speakers if (p := ctx.party_of(k))}
        doers = {p for t in sent.phrase_actors_of(subjects(tok)) if (p := ctx.party_of(t.key))}
        doers |= {p for s in subjects(tok) for p in pronoun_actors(s, voices, ctx)}
        if own & doers and (voice, stance) not in found:
            found.append((voice, stance))
    return found
