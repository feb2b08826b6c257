"""Threats read from strikes a speaker's own side says it will or would carry out ("Israel
would hit Beirut if ...", Katz said; '"We will strike back," the spokesman said'): the
speaker warns. The strike itself is no fact (see :mod:`~armskg.loaders.strikes`).
"""

from __future__ import annotations

from .context import ArticleContext
from .roles import lemma, negated, subjects
from .sentence import ParsedSentence
from .voices import Voice, pronoun_actors, voice_of

__all__ = ["threatening_voices"]

_TO_COME = {"will", "would", "'ll", "shall"}


def threatening_voices(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[Voice]:
    """The voices that speak of a strike their own side will or would carry out."""
    found: list[Voice] = []
    for trig in sent.triggers("strike"):
        tok = sent.head(trig)
        if tok.pos_ != "VERB" or negated(tok):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in _TO_COME for c in tok.children):
            continue
        voice = voice_of(tok, voices)
        if voice is None or voice.stance is not None or voice.verb is None or lemma(voice.verb) == "accord":
            continue
        own = {p for k in voice.speakers if (p := ctx.party_of(k))}
        doers = {p for t in sent.phrase_actors_of(subjects(tok)) if (p := ctx.party_of(t.key))}
        doers |= {p for s in subjects(tok) for p in pronoun_actors(s, voices, ctx)}
        if own & doers and voice not in found:
            found.append(voice)
    return found
