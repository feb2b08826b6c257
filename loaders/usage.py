"""Transfers a sentence implies by use: a party that uses weapons another state made received
them ("Pakistan used Chinese-made J-10C jets", "Russia fired North Korean-made KN-23
missiles at Kyiv"). Only an origin the text states next to the weapon counts ("Chinese-made",
"US-supplied", or a demonym: "Russia fired North Korean missiles"), never a system's known maker
alone; the fact is inferred (confidence 0.5) and alleged when a third party reports it.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Transfer
from .roles import clause_chain, direct_objects, lemma, marks, negated, prep_objects, subjects
from .sentence import ParsedSentence
from .tags import Tag
from .voices import Voice, voice_of
from .weapons import event_weapons, made_by, resolve_weapon

__all__ = ["read_usage"]


def _real(ctx: ArticleContext, verb: Token) -> bool:
    """The use is stated, not negated, hedged or planned."""
    chain = list(clause_chain(verb, stop=("ccomp", "relcl")))
    if any(negated(t) for t in chain):
        return False
    words = marks(verb) | {lemma(t) for t in chain[1:]}
    return not words & (ctx.words("hedge") | ctx.words("future") | ctx.words("intent"))


def _demonym_before(sent: ParsedSentence, weapon: Tag) -> str | None:
    """The state a demonym right before the weapon names ("North Korean artillery shells")."""
    for tag in sent.tags:
        state = tag.kind == "actor" and tag.via == "demonym" and (tag.key or "").startswith("state:")
        if state and tag.end == weapon.start:
            return tag.key
    return None


def read_usage(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice], known: list[Transfer]) -> list[Transfer]:
    """The transfers the sentence's use verbs (``grammar.tsv``: use_verb) imply, leaving out
    those already in ``known`` (the sentence's own and the article's so far)."""
    have = {(t.supplier, t.recipient, t.weapon) for t in [*known, *ctx.extraction.transfers]}
    found: list[Transfer] = []
    for verb in sent.doc:
        if verb.pos_ != "VERB" or lemma(verb) not in ctx.words("use_verb") or not _real(ctx, verb):
            continue
        users = [p for t in sent.phrase_actors_of(subjects(verb)) if (p := ctx.party_of(t.key))]
        if len(users) != 1:
            continue
        voice = voice_of(verb, voices)
        voiced = {p for k in (voice.speakers if voice is not None else ()) if (p := ctx.party_of(k))}
        for weapon in event_weapons(sent, [*direct_objects(verb), *prep_objects(verb, {"with"})]):
            origin = made_by(ctx, sent, weapon) or _demonym_before(sent, weapon)
            category, designation = resolve_weapon(ctx, sent, weapon)
            if origin is None or origin == users[0] or (origin, users[0], category) in have:
                continue
            third_party = bool(voiced) and not voiced & {origin, users[0]}
            status = "alleged" if third_party or (voice is not None and voice.stance == "allege") else "asserted"
            evidence = ctx.evidence(sent, "transfer.use.inferred", 0.5)
            found.append(Transfer(origin, users[0], category, evidence, status, designation))
            have.add((origin, users[0], category))
    return found
