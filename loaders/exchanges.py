"""Fire two sides trade: one strike each way.

"Hezbollah and Israel have traded fire across the border", "Indian troops exchanged fire
with Pakistani forces", "an exchange of fire between Thai and Cambodian troops": each side
struck the other, so the sentence gives two strikes, attacker and target swapped. The
weapon stays unsaid ("fire"); the verbs (``exchange_verb``) and the nouns for what is traded
(``fire_noun``, or any strike noun) are ``grammar.tsv`` classes.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Strike
from .roles import NOUN_POS, direct_objects, lemma, marks, negated, prep_objects, subjects, with_conjuncts
from .sentence import ParsedSentence

__all__ = ["exchanged_fire"]


def _traded(sent: ParsedSentence, ctx: ArticleContext, noun: Token) -> bool:
    return lemma(noun) in ctx.words("fire_noun") or noun.i in sent.trigger_heads("strike_noun")


def _sides(sent: ParsedSentence, ctx: ArticleContext, phrases: list[Token]) -> list[str]:
    found: list[str] = []
    paired = [c for p in phrases for m in p.children if m.dep_ in ("amod", "compound", "nmod") for c in m.conjuncts]
    for tag in sent.phrase_actors_of([*phrases, *paired], weapons=True):  # "Indian and Pakistani troops"
        side = ctx.party_of(tag.key)
        if side and side not in found:
            found.append(side)
    return found


def _parties(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> list[str] | None:
    """The two sides of one exchange, or None when the word trades no fire."""
    if tok.pos_ in NOUN_POS:  # "an exchange of fire between X and Y"
        if not any(_traded(sent, ctx, o) for o in prep_objects(tok, {"of"})):
            return None
        return _sides(sent, ctx, [m for o in prep_objects(tok, {"between"}) for m in with_conjuncts(o)])
    traded = [o for o in direct_objects(tok) if _traded(sent, ctx, o)]
    if not traded:
        return None
    partners = [*prep_objects(tok, {"with"}), *prep_objects(traded[0], {"with"})]  # "traded fire with X"
    return _sides(sent, ctx, [*subjects(tok), *partners])


def exchanged_fire(sent: ParsedSentence, ctx: ArticleContext) -> list[tuple[Strike, Token]]:
    """The strikes of each exchange of fire between exactly two named sides in ``sent``."""
    out: list[tuple[Strike, Token]] = []
    for tok in sent.doc:
        if lemma(tok) not in ctx.words("exchange_verb") or tok.pos_ not in ("VERB", *NOUN_POS):
            continue
        if negated(tok) or marks(tok) & (ctx.words("hedge") | ctx.words("future")):
            continue
        sides = _parties(sent, ctx, tok)
        if sides is None or len(sides) != 2:
            continue
        for attacker, target in (sides, sides[::-1]):
            evidence = ctx.evidence(sent, "strike.exchange.attack", 0.6)
            out.append((Strike(attacker, target, evidence), tok))
    return out
