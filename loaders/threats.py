"""Stances read from strikes a speaker's own side is said to do or not to do: one it will or
would carry out ("Israel would hit Beirut if ...", Katz said; '"We will strike back," the
spokesman said') warns, one it will stop ("the US would stop bombing them") commits; one it
did not carry out ("Russia said it did not target civilians") denies; one it carried out
admits, even when no target is named ("the military said it is targeting insurgents"). The
strike itself is read by :mod:`~armskg.loaders.strikes`.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Strike
from .roles import (
    CONDITIONS,
    NOUN_POS,
    TO_COME,
    agents,
    clause_head,
    is_passive,
    lemma,
    marks,
    negated,
    prep_objects,
    subjects,
    to_come,
    verb_chain,
)
from .sentence import ParsedSentence
from .strikes import intercepts
from .voices import Voice, pronoun_actors, reporter_of

__all__ = ["aimed_at", "own_strike_stances", "threatened_reprisals"]


def _parties_named(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice], tokens: list[Token]) -> set[str]:
    """The parties ``tokens`` name, or that their pronouns stand for ("it had hit the port", "its
    attacks", "the group's attacks")."""
    named = ctx.parties_of(t.key for t in sent.phrase_actors_of(tokens) if t.key)
    return named | {p for tok in tokens for p in pronoun_actors(tok, voices, ctx)}


def _pointed_strike_side(ctx: ArticleContext, noun: Token) -> str | None:
    """The side of the article's last strike, when ``noun`` points back to it ("the strikes",
    "these attacks", "the mission")."""
    last = ctx.last_event
    pointing = any(c.dep_ == "det" and c.lower_ in ("these", "the", "this") for c in noun.children)
    return ctx.party_of(last.attacker) or last.attacker if pointing and isinstance(last, Strike) else None


def own_strike_stances(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[tuple[Voice, str]]:
    """The voices that speak of a strike by their own side, each with its stance: ``warn`` for
    one to come, ``deny`` for one negated, ``admit`` for one done."""
    found: list[tuple[Voice, str]] = []
    if sent.doc.text.rstrip().endswith("?"):
        return found
    for trig in sent.triggers("strike"):
        tok = sent.head(trig)
        if tok.pos_ != "VERB" or lemma(tok) in ctx.words("impact_verb"):
            continue  # "killed", "destroyed" strike only with a weapon named (see strikes)
        if lemma(tok) in ctx.words("use_verb") and trig.end - trig.start == 1:
            continue  # "using mercenary groups": a use, not an attack
        if intercepts(sent, ctx, tok) or lemma(tok) in ctx.words("defend"):
            continue  # "it shot down 34 drones", "its air defences intercepted objects": the other side's attack
        if marks(tok) & CONDITIONS:
            continue  # "if Venezuela were attacked, he would ...": no attack stated
        chain = verb_chain(tok)
        coming = to_come(tok)
        halted = any(lemma(v) in ctx.words("halt_verb") for v in chain[1:])
        if halted and not coming:
            continue  # "stopped bombing": no attack stated
        stance = "deny" if negated(tok) else "commit" if halted else "warn" if coming else "admit"
        voice = reporter_of(tok, voices, tok)
        if voice is None or voice.verb is None or lemma(voice.verb) == "accord":
            continue
        own = ctx.parties_of(voice.speakers)
        doers = _parties_named(sent, ctx, voices, subjects(tok))
        last = ctx.last_event
        if not doers and stance == "admit" and is_passive(tok) and not agents(tok) and isinstance(last, Strike):
            doers = {ctx.party_of(last.attacker) or last.attacker}  # "nine sites had been struck", its ministry said
        if own & doers and (voice, stance) not in found:
            found.append((voice, stance))
    for voice in _strikes_to_go_on(sent, ctx, voices):
        if (voice, "warn") not in found:
            found.append((voice, "warn"))
    for voice in _own_operations(sent, ctx, voices):
        if (voice, "admit") not in found:
            found.append((voice, "admit"))
    for voice in _halted_operations(sent, ctx, voices):
        if (voice, "commit") not in found:
            found.append((voice, "commit"))
    return found


def _halted_operations(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[Voice]:
    """The voices that say their own side is stopping its operations or attacks ("the group
    announced it was suspending military operations against US forces"): each commits."""
    found: list[Voice] = []
    nouns = sent.trigger_heads("strike_noun")
    for tok in sent.doc:
        if tok.dep_ != "dobj" or (tok.i not in nouns and lemma(tok) not in ctx.words("operation_noun")):
            continue
        verb = tok.head
        if lemma(verb) not in ctx.words("halt_verb") or negated(verb) or marks(verb) & CONDITIONS:
            continue
        voice = reporter_of(tok, voices, verb)
        if voice is None or voice in found:
            continue
        own = ctx.parties_of(voice.speakers)
        doers = _parties_named(sent, ctx, voices, subjects(verb))
        if own & doers:
            found.append(voice)
    return found


def aimed_at(sent: ParsedSentence, ctx: ArticleContext, nouns: list[Token]) -> set[str]:
    """The parties a strike noun, or the verb it is the subject of, is aimed at ("the barrage had
    been aimed at the Royal Navy destroyer": the United Kingdom)."""
    heads = [h for t in nouns for h in (t, t.head) if h is t or t.dep_ in ("nsubj", "nsubjpass")]
    aims = [o for h in heads for o in prep_objects(h, ctx.words("target_prep"))]
    aims = [o for o in aims if lemma(o) not in ctx.words("agency_noun")]  # not "at the direction of Trump"
    return {p for t in sent.phrase_actors_of(aims) if (p := ctx.party_of(t.key))}


def _own_operations(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[Voice]:
    """The voices that say what their own side's strikes or operation did ("Hegseth said the
    mission had devastated Iran's nuclear programme"; "Akar said the operations target only
    terrorists"): each admits (``grammar.tsv``: operation_noun, beside the strike nouns)."""
    found: list[Voice] = []
    nouns = sent.trigger_heads("strike_noun")
    for tok in sent.doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or (
            tok.i not in nouns and lemma(tok) not in ctx.words("operation_noun")
        ):
            continue
        verb = tok.head
        if verb.pos_ not in ("VERB", "AUX") or negated(verb) or marks(verb) & (CONDITIONS | TO_COME):
            continue
        if any(v.verb is not None and v.verb.i == verb.i for v in voices):
            continue  # "Iran's mission to the UN rejected the report": a body that speaks
        voice = reporter_of(tok, voices, verb)
        if voice is None or voice in found:
            continue
        own = ctx.parties_of(voice.speakers)
        owners = [c for c in tok.children if c.dep_ == "poss"]
        doers = _parties_named(sent, ctx, voices, owners)
        named = agents(verb) if is_passive(verb) else []  # "the attack had been carried out by terrorists"
        doers |= ctx.parties_of(t.key for t in sent.phrase_actors_of(named) if t.key)
        side = _pointed_strike_side(ctx, tok) if not owners and not named else None
        if side is not None and not aimed_at(sent, ctx, [tok]) & own:
            doers.add(side)
        if own & doers:
            found.append(voice)
    return found


def _strikes_to_go_on(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[Voice]:
    """The voices that say their own side's strikes will go on ('"These strikes will continue,"
    Hegseth wrote'; "said the group's attacks on Israel would continue"): each warns."""
    found: list[Voice] = []
    for trig in sent.triggers("strike_noun"):
        tok = sent.head(trig)
        verb = tok.head
        if tok.dep_ != "nsubj" or lemma(verb) not in ctx.words("ongoing") or negated(verb):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in TO_COME for c in verb.children):
            continue
        voice = reporter_of(tok, voices, verb)
        if voice is None:
            continue
        own = ctx.parties_of(voice.speakers)
        owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound")]
        doers = _parties_named(sent, ctx, voices, owners)  # "its attacks", "the group's attacks"
        side = _pointed_strike_side(ctx, tok) if not owners else None
        if side is not None:
            doers.add(side)
        if own & doers:
            found.append(voice)
    return found


def _held(ctx: ArticleContext, word: Token) -> bool:
    """A readiness word kept in reserve: an adjective ("ready"), or a noun ("right") that a
    holding verb governs ("had every right", "reserves the right"), not one used ("exercised
    its right"; ``grammar.tsv``: holding_verb)."""
    if word.pos_ not in NOUN_POS or word.dep_ not in ("dobj", "attr"):
        return True
    return lemma(word.head) in ctx.words("holding_verb")


def _paid_for_a_wrong(tok: Token) -> bool:
    """A paying verb that names a penalty: "will pay a heavy price", "will pay for it"."""
    priced = any(c.dep_ == "dobj" and lemma(c) == "price" for c in tok.children)
    return priced or any(o.lower_ in ("it", "this", "that") for o in prep_objects(tok, {"for"}))


def threatened_reprisals(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[Voice]:
    """The voices that speak of a reprisal to come ("Russia's responses will be harsh," Putin
    said; Khamenei said Israel "will be punished"; Peskov said it "would require an adequate
    response"; "the crime will not pass without punishment"; "we will harm him sevenfold") or
    one their side is ready for ("had every right to respond", "willing to confront"), or a penalty
    another side will pay ("Iran will pay for it"): each warns (``grammar.tsv``: threat_word,
    readiness, penalty_verb, and harm_threat with "we" or "I" as its subject)."""
    words = ctx.words("threat_word")
    threats = words | ctx.words("harm_threat")
    first_person = ctx.words("first_person")
    found: list[Voice] = []
    for tok in sent.doc:
        if lemma(tok) not in threats:
            continue
        penalty = lemma(tok) in ctx.words("penalty_verb")
        if penalty and not _paid_for_a_wrong(tok):
            continue  # "Russia will pay for the gas": a payment, no threat
        clause = clause_head(tok)
        if lemma(tok) not in words and not any(s.lower_ in first_person for s in subjects(clause)):
            continue  # "we will harm him sevenfold", not "the sanctions will harm civilians"
        chain = verb_chain(clause)
        coming = any(c.dep_ in ("aux", "auxpass") and c.lower_ in TO_COME for v in chain for c in v.children)
        if any(lemma(o) in ctx.words("message_noun") for o in prep_objects(tok, {"to"})):
            continue  # "ready to respond to questions": an answer, no reprisal
        ready = ctx.words("readiness")
        coming = coming or any(
            (a.lower_ in ready or lemma(a) in ready) and _held(ctx, a) for a in list(tok.ancestors)[:3]
        )  # "had every right to respond", not "had exercised its right to respond"
        unless = any(a.lower_ == "without" for a in tok.ancestors if a.i > clause.i)  # "will not pass without revenge"
        if not coming or (any(negated(v) for v in chain) and not unless):
            continue
        voice = reporter_of(tok, voices)
        if voice is None or voice in found:
            continue
        own = ctx.parties_of(voice.speakers)
        suffered = clause.i == tok.i and (is_passive(tok) or penalty)  # "Israel will be punished", "Iran will pay"
        doers = [] if suffered else [*subjects(clause), *(c for c in tok.children if c.dep_ == "poss")]
        named = {p for t in sent.phrase_actors_of(doers) if (p := ctx.party_of(t.key))}
        if named and not named & own:
            continue  # "UN experts said Sudan would respond": Sudan's threat, not theirs
        found.append(voice)
    return found
