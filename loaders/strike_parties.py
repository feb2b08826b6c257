"""Who struck whom when a strike's own roles leave a party out: the party a speaker blames or
that claims the attack, "the group" named before, the defender who reports a launch or downs
what another party received, the side a defence verb protects.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Transfer
from .roles import NOUN_POS, agents, direct_objects, is_passive, lemma, negated, prep_objects, subjects
from .sentence import ParsedSentence
from .tags import Tag
from .voices import Voice, pronoun_actors, voice_of
from .weapons import event_weapons

__all__ = [
    "accuser",
    "armed_anaphor",
    "blamed",
    "claimed_by",
    "defended",
    "intercepted",
    "interceptor",
    "owned_by_pronoun",
    "reporting_target",
]


def defended(sent: ParsedSentence, ctx: ArticleContext, tok: Token, transfers: list[Transfer]) -> list[str]:
    """Who is defended against attacks that a verb repels ("systems to repel Russian drone
    attacks"): the recipient of the sentence's transfer, else the defending verb's subject."""
    verb = tok.head if tok.dep_ in ("dobj", "pobj") else (tok.head.head if tok.dep_ == "conj" else None)
    if verb is not None and verb.dep_ == "pobj":
        verb = verb.head.head
    if verb is None or lemma(verb) not in ctx.words("defend"):
        return []
    if transfers:
        return [transfers[-1].recipient]
    return [k for t in sent.phrase_actors_of(subjects(verb)) if (k := ctx.party_of(t.key))]


def interceptor(sent: ParsedSentence, ctx: ArticleContext, tok: Token, voices: list[Voice]) -> list[str]:
    """Who downs the weapons a clause launches ("Ukraine shot down 30 of the drones Russia
    launched", "the air force said it downed 20 drones launched by Russia"): the target of
    that launch."""
    weapon = tok.head
    while weapon.dep_ in ("pobj", "prep") and weapon.head.i != weapon.i:  # "30 of the drones", "81 out of 93"
        weapon = weapon.head
    verb = weapon if weapon.pos_ == "VERB" else weapon.head
    if (weapon is not verb and weapon.dep_ != "dobj") or verb.pos_ != "VERB":
        return []
    downing = lemma(verb) in ctx.words("defend") or (
        lemma(verb) == "shoot" and any(c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in verb.children)
    )
    if not downing:
        return []
    found = [k for t in sent.phrase_actors_of(subjects(verb), weapons=True) if (k := ctx.party_of(t.key))]
    return found or [k for s in subjects(verb) for k in pronoun_actors(s, voices, ctx)]


def blamed(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> list[Tag]:
    """Who a speaker says carried out an attack ("blamed Hezbollah for the rocket attack",
    "said Russia was behind the attack"): the blamed object, or the subject that is "behind" it."""
    if tok.dep_ != "pobj":
        return []
    prep, verb = tok.head, tok.head.head
    accusing = ctx.words("allegation") | {"blame"}
    if prep.lower_ in ("for", "of") and verb.dep_ == "dobj" and lemma(verb.head) in accusing:
        return sent.phrase_actors_of([verb])  # "accused the RSF of a drone attack", "of" under the object
    if prep.lower_ in ("for", "of") and lemma(verb) in accusing:  # "blamed Hezbollah for the rocket attack"
        return sent.phrase_actors_of(direct_objects(verb))
    if prep.lower_ == "behind" and lemma(verb) == "be":
        return sent.phrase_actors_of(subjects(verb))
    return []


def claimed_by(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> list[Tag]:
    """Who owns an attack it claims ("the group claimed responsibility for the drone attack",
    "the militia claimed a drone attack on a US base"): the subject of the verb whose
    ``responsibility`` the attack noun is ``for``, or of "claim" when the attack is its object."""
    if tok.dep_ == "dobj" and lemma(tok.head) == "claim":
        return sent.phrase_actors_of(subjects(tok.head))
    if tok.dep_ != "pobj" or tok.head.lower_ != "for" or lemma(tok.head.head) not in ctx.words("responsibility"):
        return []
    owner = tok.head.head
    verb = owner.head if owner.dep_ in ("dobj", "nsubjpass") else None
    if verb is None or lemma(verb) in ctx.words("denial_word") | ctx.words("refusal") or negated(verb):
        return []  # "the RSF denied responsibility for the strikes"
    return sent.phrase_actors_of(subjects(verb))


def armed_anaphor(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> list[tuple[str, Tag]]:
    """An attacker named only as "the group", "the militia", "the rebels" (``grammar.tsv``:
    armed_anaphor): the armed group the article named last before this sentence."""
    if tok.pos_ in NOUN_POS:
        heads = prep_objects(tok, {"by"})
    elif is_passive(tok):
        heads = agents(tok)
    else:  # "the group fired", "a drone launched by the group hit"
        heads = [*subjects(tok), *(a for s in subjects(tok) for c in s.children if c.dep_ == "acl" for a in agents(c))]
    pointing = [
        h for h in heads if lemma(h) in ctx.words("armed_anaphor") and any(c.lower_ == "the" for c in h.children)
    ]
    word = pointing[0] if pointing else tok
    start = sent.char_of(word)
    if not pointing:
        return _named_body(sent, ctx, tok, heads, start)
    key = ctx.armed_group_before(start)
    return [(key, Tag("actor", 0, 0, key=key))] if key is not None else []


def _named_body(
    sent: ParsedSentence, ctx: ArticleContext, tok: Token, heads: list[Token], start: int
) -> list[tuple[str, Tag]]:
    """An attacker named by the head word of a body the article named before ("a coalition
    strike", "the coalition's air raids" after "the Saudi-led coalition")."""
    owners = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod")] if tok.pos_ in NOUN_POS else []
    words = [*heads, *owners]
    for word in words:
        if sent.token_tag(word) is not None or word.pos_ not in NOUN_POS:
            continue
        body = ctx.body_headed_by(word.lower_, start)
        if body is not None:
            return [(ctx.party_of(body) or body, Tag("actor", 0, 0, key=body))]
    return []


def reporting_target(
    sent: ParsedSentence, ctx: ArticleContext, tok: Token, voices: list[Voice], attackers: list[tuple[str, Tag]]
) -> list[tuple[str, Tag]]:
    """Who was fired at when the text names no target but the defender reports the launch
    ("Russia launched 112 drones overnight, Ukraine's air force said"): the reporter's state,
    unless it strikes in the same sentence."""
    voice = voice_of(tok, voices)
    if voice is None or voice.stance is not None:
        return []
    states = list(dict.fromkeys(s for k in voice.speakers if (s := ctx.party_of(k)) and s.startswith("state:")))
    if len(states) != 1 or any(states[0] == a for a, _ in attackers):
        return []
    doers = [s for i in sent.trigger_heads("strike") for s in subjects(tok.doc[i])]
    if states[0] in {ctx.party_of(t.key) for t in sent.phrase_actors_of(doers, weapons=True)}:
        return []  # "missiles were fired from U.S. warships, while RAF jets dropped bombs, Britain said": an ally
    return [(states[0], Tag("actor", 0, 0, key=states[0]))]


def intercepted(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> tuple[list[tuple[str, Tag]], list[Tag]]:
    """Who fired the named systems a defender downed, when the article has said who received
    them ("Britain supplied Ukraine with Storm Shadow missiles ... Russia said it shot down
    12 Storm Shadow missiles"): those recipients, and the downed weapons."""
    downed = [w for w in event_weapons(sent, direct_objects(tok), attacks=True) if w.designation]
    named = {w.designation for w in downed}
    users = [t.recipient for t in ctx.extraction.transfers if t.designation in named]
    keys = list(dict.fromkeys(users))
    return [(k, Tag("actor", 0, 0, key=k)) for k in keys], downed


def owned_by_pronoun(
    sent: ParsedSentence, ctx: ArticleContext, tok: Token, voices: list[Voice]
) -> list[tuple[str, Tag]]:
    """A target named by a possessive pronoun ("Armenian forces fired on its positions", the
    Azerbaijani ministry said): whom the pronoun stands for."""
    heads = [*direct_objects(tok), *prep_objects(tok, ctx.words("target_prep"))]
    owners = [c for h in heads for c in h.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if owners and tok.pos_ in NOUN_POS:  # "Iran fired missiles in retaliation for US strikes on its sites": Iran
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        named = sent.phrase_actors_of(subjects(verb)) if verb is not None else []
        keys = list(dict.fromkeys(p for t in named if (p := ctx.party_of(t.key))))
        if keys:
            return [(k, Tag("actor", 0, 0, key=k)) for k in keys]
    keys = list(dict.fromkeys(k for o in owners for k in pronoun_actors(o, voices, ctx)))
    return [(k, Tag("actor", 0, 0, key=k)) for k in keys]


def accuser(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> list[tuple[str, Tag]]:
    """Who was struck when only the accusation says ("Cambodia accused Thailand of shelling
    civilian areas", "Baku blamed Armenian forces for the attack"): the accuser, the subject of
    the allegation verb above the strike."""
    aimed = any(c.dep_ == "prep" and c.lower_ in ("on", "against", "at") for c in tok.children)
    clause = tok.dep_ == "pcomp" or (tok.dep_ == "pobj" and not aimed)  # "blamed Armenian forces for the attack"
    verb = tok.head.head if clause and tok.head.lower_ in ("of", "for") else None
    if verb is None or lemma(verb) not in ctx.words("allegation") | {"blame"}:
        return []
    keys = [k for t in sent.phrase_actors_of(subjects(verb)) if (k := ctx.party_of(t.key))]
    return [(k, Tag("actor", 0, 0, key=k)) for k in dict.fromkeys(keys)]
