"""The roles of one strike trigger, read from the parse (see :mod:`~armskg.loaders.strikes`):
attacker, target phrases and weapon phrases of an active or passive verb or of a noun, with
what a "using ..." or "with ..." phrase names and a free-relative object ("struck what it said were
camps"); where the target phrases point is :mod:`~armskg.loaders.strike_targets`.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection

from spacy.tokens import Token

from .context import ArticleContext
from .roles import (
    NOUN_POS,
    agents,
    clause_chain,
    clause_preps,
    direct_objects,
    is_passive,
    lemma,
    of_head,
    prep_objects,
    subjects,
)
from .sentence import ParsedSentence
from .strike_parties import blamed, claimed_by
from .strike_targets import WHERE, hit_abroad, only_maker, platform_words, targets_of
from .tags import Tag

__all__ = [
    "instruments",
    "strike_roles",
    "unreal",
    "user_of_supplied",
    "using",
    "weapon_subject",
]


def user_of_supplied(sent: ParsedSentence, ctx: ArticleContext, tag: Tag) -> str | None:
    """Who fires weapons a demonym names when the article says that state supplied them to one
    side ("Iranian drones" after "Iran supplied Russia with drones"): that side, not the maker."""
    head = sent.head(tag)
    weapon = sent.token_tag(head.head, "weapon") if head.dep_ in ("amod", "compound") else None
    if tag.via != "demonym" or weapon is None or tag.key is None:
        return None
    users = {t.recipient for t in ctx.extraction.transfers if t.supplier == tag.key and t.weapon == weapon.value}
    return users.pop() if len(users) == 1 else None


def _counted(sent: ParsedSentence, obj: Token) -> bool:
    """An object that counts weapons ("hundreds of rockets", "a barrage of missiles", "hundreds
    of them")."""
    if sent.token_tag(obj, "actor") is not None or sent.token_tag(obj, "place") is not None:
        return False
    counted = prep_objects(obj, {"of"})
    return any(sent.token_tag(w, "weapon") is not None or w.lower_ in ("them", "these", "those") for w in counted)


def _came_under(noun: Token) -> Token | None:
    """The verb a strike noun "comes under" ("Kyiv came under attack"), also when the parse
    leaves "under" without its object and hangs the noun on the verb ("has come under regular
    shelling by ...")."""
    noun = of_head(noun)  # "came under a series of missile strikes"
    if noun.dep_ == "pobj" and noun.head.lower_ == "under":
        return noun.head.head
    verb = noun.head
    bare = any(c.dep_ == "prep" and c.lower_ == "under" and c.i < noun.i and c.n_rights == 0 for c in verb.children)
    hung = noun.dep_ in ("advcl", "dobj", "npadvmod", "oprd") and verb.pos_ in ("VERB", "AUX")
    return verb if bare and hung else None


def strike_roles(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> tuple[list[Tag], list[Tag], list[Token]]:
    targets_prep = ctx.words("target_prep")
    if tok.pos_ in NOUN_POS:
        owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        if tok.dep_ == "conj":  # "Russian missile and drone attacks"
            owners += [c for c in tok.head.children if c.dep_ in ("poss", "amod", "nmod")]
        attackers = [
            t for c in owners for t in sent.phrase_actors(c) if t.kind == "actor" and not only_maker(sent, ctx, t)
        ]
        doers = prep_objects(tok, {"by"})  # "airstrikes by Turkish warplanes on PKK targets"
        doers += [  # "two strikes carried out by Turkish-operated drones"
            a for c in tok.children if c.dep_ == "acl" and lemma(c) in ctx.words("agent_verb") for a in agents(c)
        ]
        attackers += [t for t in sent.phrase_actors_of(doers, weapons=True) if t not in attackers]
        sources: list[Token] = []
        under = _came_under(tok)
        if under is not None:  # "came under attack from Russian drones"
            sources = [*prep_objects(tok, {"from"}), *prep_objects(under, {"from"})]
            attackers += [t for t in sent.phrase_actors_of(sources, weapons=True) if t not in attackers]
        attributed = [c for c in tok.children if c.dep_ in ("acl", "relcl") and lemma(c) in ctx.words("attribution")]
        attackers += [  # "air strikes attributed to Israel", "a drone attack blamed on Ukraine"
            t
            for t in sent.phrase_actors_of([o for c in attributed for o in prep_objects(c, {"to", "on"})])
            if t not in attackers
        ]
        attackers = attackers or claimed_by(sent, ctx, tok) or blamed(sent, ctx, tok)
        their = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)
        if not attackers and their and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            attackers = sent.phrase_actors_of(subjects(tok.head))  # "forces kept up their shelling of X"
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "retaliated with artillery fire and drone attacks"
        by_means = first.dep_ == "pobj" and first.head.head.pos_ == "VERB" and not is_passive(first.head.head)
        harming = lemma(first.head.head) in ctx.words("harm_verb")
        if by_means and (first.head.lower_ == "with" or (first.head.lower_ == "in" and harming)) and not attackers:
            attackers = sent.phrase_actors_of(
                subjects(first.head.head), weapons=True
            )  # "Israel retaliated with a strike", "Israel killed X in an airstrike"
        targets = targets_of(sent, ctx, [*prep_objects(tok, targets_prep), *_what_it_called(tok, targets_prep)])
        if not targets:  # "their shelling of Kharkiv", "the bombing of Gaza"
            targets = [t for t in targets_of(sent, ctx, prep_objects(tok, {"of"})) if t not in attackers]
        blamers = [s for c in attributed if c.dep_ == "relcl" for s in subjects(c)]
        if not targets and attackers and blamers:  # "an attack Baghdad blamed on Turkey": Baghdad was hit
            targets = [t for t in sent.phrase_actors_of(blamers) if t not in attackers]
        if under is not None and lemma(under) in ("come", "be"):
            targets = targets or sent.phrase_actors_of(subjects(under), places=True)  # "Kyiv came under attack"
        anchor = of_head(tok)  # "carried out a wave of strikes"
        if anchor.i != tok.i and anchor.dep_ == "dobj" and lemma(anchor.head) in ctx.words("agent_verb"):
            attackers = attackers or sent.phrase_actors_of(subjects(anchor.head), weapons=True)
            around = [*prep_objects(anchor, targets_prep), *prep_objects(anchor.head, targets_prep)]
            targets = targets or targets_of(sent, ctx, around)
            participles = [c for c in anchor.head.children if c.pos_ == "VERB" and lemma(c) == "use"]
            owners += [*prep_objects(anchor.head, {"with"}), *participles]  # "... using ballistic missiles"
        if tok.dep_ == "nsubj" and lemma(tok.head) in ctx.words("harm_verb") and not targets:
            harmed = [*direct_objects(tok.head), *prep_objects(tok.head, targets_prep)]
            targets = targets_of(sent, ctx, harmed)  # "an Israeli strike killed a Hamas commander in Beirut"
            if not targets:  # "killed dozens of worshippers in Tudun Biri, a village in Kaduna State"
                targets = targets_of(sent, ctx, prep_objects(tok.head, WHERE))
        if tok.dep_ == "nsubjpass" and lemma(tok.head) in ctx.words("agent_verb"):  # "the attack was carried out by"
            if not attackers:
                attackers = sent.phrase_actors_of(agents(tok.head), weapons=True)
            if not targets:
                targets = targets_of(sent, ctx, prep_objects(tok.head, targets_prep))
        if tok.dep_ == "dobj" and lemma(tok.head) in ctx.words("agent_verb"):  # "Israel launched airstrikes on Gaza"
            owners += using(tok.head)
            if not attackers:
                attackers = sent.phrase_actors_of(subjects(tok.head), weapons=True)
            if not targets:
                targets = targets_of(sent, ctx, prep_objects(tok.head, targets_prep))
        weapons = [*owners, *prep_objects(tok, {"with", "by", "of"}), *(c for c in tok.children if lemma(c) == "use")]
        weapons += [d for d in doers if sent.token_tag(d, "weapon") is not None]
        if not targets:  # "a strike with precision weapons, including Kalibr missiles, on Ukraine's power plants"
            held = [t for w in prep_objects(tok, {"with"}) for t in w.subtree]
            struck_at = [p for t in held for p in prep_objects(t, {"on", "against"})]
            targets = targets_of(sent, ctx, struck_at)
        weapons += sources
        if tok.dep_ == "nsubjpass":
            weapons += [a for a in agents(tok.head) if sent.token_tag(a, "weapon") is not None]
        if tok.dep_ in ("nsubj", "nsubjpass") and lemma(tok.head) in ctx.words("content_verb"):
            weapons += [*direct_objects(tok.head), *prep_objects(tok.head, {"of"})]  # "the attack involved nine
            # cruise missiles", "the barrage consisted of 170 drones", "was composed of"
        up = [c for c in tok.head.children if c.dep_ == "prt" and c.lower_ == "up"]
        if tok.dep_ == "nsubjpass" and up and lemma(tok.head) == "make":  # "the barrage was made up of 170 drones"
            weapons += [o for h in (tok.head, *up) for o in prep_objects(h, {"of"})]
        attackers = [t for t in attackers if not only_maker(sent, ctx, t)]  # "Iran-backed militias carried out"
        return attackers, targets, weapons
    if is_passive(tok):
        attackers = [t for t in sent.phrase_actors_of(agents(tok), weapons=True) if not only_maker(sent, ctx, t)]
        patient = [c for c in tok.children if c.dep_ == "nsubjpass"]
        weapons = [*prep_objects(tok, {"with"}), *(a for a in agents(tok) if sent.token_tag(a, "weapon") is not None)]
        if tok.dep_ == "acl":
            weapons.append(tok.head)
        else:
            weapons += patient
        struck = [p for p in patient if sent.token_tag(p, "weapon") is None]
        targets = sent.phrase_actors_of(struck, places=True)
        targets += [t for t in targets_of(sent, ctx, prep_objects(tok, targets_prep)) if t not in targets]
        if not targets:  # "nine sites in Pakistan had been struck", "an apartment block in Dnipro was hit"
            targets = targets_of(sent, ctx, [o for p in struck for o in prep_objects(p, {"in", "near"})])
        downed = lemma(tok) in ctx.words("downing") | ctx.words("defend") and any(
            sent.weapons_under(p) for p in patient
        )
        if not attackers and lemma(tok) in ctx.words("sending_verb"):  # "missiles were fired from U.S. warships"
            crews = [o for o in prep_objects(tok, {"from"}) if lemma(o) in platform_words(ctx)]
            attackers = [t for t in sent.phrase_actors_of(crews, weapons=True) if t.kind == "actor"]
            beside = [p for c in crews for o in (c, *c.conjuncts) for p in prep_objects(o, targets_prep - WHERE)]
            targets = targets or targets_of(sent, ctx, beside)  # "from warships and a submarine at targets in Yemen"
        if downed and not attackers:  # "two Ukrainian drones were shot down over the Kursk region"
            attackers = [t for t in sent.phrase_actors_of(patient, weapons=True) if t.kind == "actor"]
            targets = [t for t in targets if t.kind == "place" and t.key not in {a.key for a in attackers}]
        return attackers, targets, weapons
    subject = subjects(tok)
    attackers = [t for t in sent.phrase_actors_of(subject, weapons=True) if not only_maker(sent, ctx, t)]
    if not attackers:  # "drones launched by Russia slammed into ...", "the strikes, carried out by X, targeted"
        nouns = sent.trigger_heads("strike_noun")
        launched = [
            c for s in subject for c in s.children if c.dep_ == "acl" and (sent.weapons_under(s) or s.i in nouns)
        ]
        by = [a for c in launched for a in agents(c)]
        attackers = [t for t in sent.phrase_actors_of(by) if not only_maker(sent, ctx, t)]
        if not attackers:  # "missiles launched from Iranian territory hit ...": fired from that state's soil
            sent_from = [
                o for c in launched if lemma(c) in ctx.words("sending_verb") for o in prep_objects(c, {"from"})
            ]
            attackers = [t for t in sent.phrase_actors_of(sent_from, places=True) if (t.key or "").startswith("state:")]
    platforms = [s for s in subject if (w := sent.token_tag(s, "weapon")) is not None and w.value != "aircraft"]
    tools = subject if subject and all(sent.token_tag(s, "weapon") is not None for s in subject) else []
    if tools and tok.dep_ in ("ccomp", "xcomp", "advcl") and lemma(tok.head) in ctx.words("use_verb"):
        users = [t for t in sent.phrase_actors_of(subjects(tok.head), weapons=True) if not only_maker(sent, ctx, t)]
        attackers = attackers or users  # "the military used Russian-made jets to bomb villages": the jets are its
        platforms = tools if users else platforms
    objects = direct_objects(tok) or _free_relative(tok)
    sends = lemma(tok) in ctx.words("sending_verb")
    if lemma(tok) in ctx.words("downing") or not sends:
        # "shot down an Indian jet", "targeted a US warship with missiles": what was hit is the target
        fired, targets = [], targets_of(sent, ctx, objects, weapons=True)
    else:
        fired = [o for o in objects if sent.token_tag(o, "weapon") is not None or o.pos_ == "PRON" or _counted(sent, o)]
        targets = targets_of(sent, ctx, [o for o in objects if sent.token_tag(o, "weapon") is None])
    if lemma(tok) not in ctx.words("downing"):  # "shot down drones over Belgorod": no strike on Belgorod
        aimed = targets_of(sent, ctx, prep_objects(tok, targets_prep - WHERE, depth=2))
        targets += [t for t in aimed if t not in targets]
        parties = [t for t in targets if t.kind == "actor" and ctx.party_of(t.key)]
        groups = [t for t in parties if ctx.kind_of(t.key or "") == "armed_group"]
        if not parties or groups:  # "attacked US bases in Iraq", "bombed Islamic State hideouts in Iraq"
            where = targets_of(sent, ctx, prep_objects(tok, targets_prep & WHERE, depth=2))
            located = [*targets, *(t for t in where if t not in targets)]
            abroad = hit_abroad(sent, ctx, located)
            targets = located if not parties else abroad if abroad != located else targets
    if not targets:  # "fired missiles provided by Iran at Riyadh": "at" parsed under the participle
        at = [p for o in fired for c in o.children if c.dep_ == "acl" for p in prep_objects(c, {"at", "against"})]
        targets = targets_of(sent, ctx, at)
    if not targets:  # "unleashed a barrage of missiles against Dnipro": "against" under the munitions
        counted = [w for o in fired for w in prep_objects(o, {"of"})]
        targets = targets_of(sent, ctx, [p for w in counted for p in prep_objects(w, targets_prep - WHERE)])
    # "launched 120 missiles to hit"
    sending = tok.dep_ in ("xcomp", "advcl") and lemma(tok.head) in ctx.words("sending_verb")
    used = direct_objects(tok.head) if sending else []
    used += using(tok)
    return attackers, targets, [*fired, *platforms, *instruments(sent, tok), *used]


def instruments(sent: ParsedSentence, verb: Token) -> list[Token]:
    """The weapons a "with"/"using" phrase in the verb's own clause names, wherever the parse
    hangs it ("hit a depot in Toropets with drones": "with" under "Toropets")."""
    found: list[Token] = []
    for prep in clause_preps(verb, ("with", "using")):
        found += [o for c in prep.children if c.dep_ == "pobj" for o in (c, *c.conjuncts) if sent.weapons_under(o)]
    return found


def using(verb: Token) -> list[Token]:
    """What a participle "using ..." on the verb names ("carried out strikes ..., using warplanes
    and Tomahawk missiles")."""
    return [o for c in verb.children if c.pos_ == "VERB" and lemma(c) == "use" for o in direct_objects(c)]


def _what_it_called(head: Token, preps: Collection[str]) -> list[Token]:
    """What a strike was aimed at when its preposition takes a free relative ("strikes on what it
    described as terrorist camps in Pakistan"): the attribute the "what" clause gives."""
    found: list[Token] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for clause in prep.children:
            what = next((c for c in clause.children if c.lower_ == "what"), None)
            if clause.dep_ == "pcomp" and what is not None:
                found += _called(clause, what)
    return found[:1]


def _called(clause: Token, what: Token) -> list[Token]:
    """What a "what" clause calls its referent ("what it described as a weapons depot")."""
    said = [t for t in clause.subtree if t.i > what.i and t.dep_ in ("attr", "oprd")]
    said += [t for t in clause.subtree if t.i > what.i and t.dep_ == "pobj" and t.head.lower_ == "as"]
    return said[:1]


def _free_relative(tok: Token) -> list[Token]:
    """What a verb hit when its object is a free relative ("struck what it said were militant
    camps in Balakot", "hit what the military described as a weapons depot", "what it called a
    command post"): the attribute the "what" clause gives, however the parse hangs it."""
    what = next((t for t in tok.doc[tok.i + 1 : tok.i + 3] if t.lower_ == "what" and t.dep_ in ("nsubj", "dobj")), None)
    if what is None or (what.head.i == tok.i and what.dep_ == "dobj"):
        return []
    clause = what.head
    while clause.dep_ == "ccomp" and clause.head.i != tok.i:
        clause = clause.head
    return _called(clause, what)


def unreal(ctx: ArticleContext, tok: Token) -> bool:
    """A strike threatened, planned, rehearsed or feared rather than carried out ("threatened
    to strike", "said it would strike back", "a possible Russian offensive", "drills
    simulated an attack"); the caller has already set aside a hedge among its own marks."""
    chain = list(clause_chain(tok, stop=("ccomp", "relcl", "acl", "advcl", "conj")))  # not "... as Russia launches"
    done = [  # "the attack set a depot ablaze": what the attack did, not "the attack is set to begin"
        above
        for below, above in itertools.pairwise(chain)
        if below.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ == "xcomp" for c in above.children)
    ]
    words = {lemma(t) for t in chain[1:] if t not in done} | {
        lemma(c) for t in chain for c in t.children if c.dep_ == "aux"
    }
    if tok.pos_ in NOUN_POS:
        words |= {lemma(c) for c in tok.children if c.dep_ in ("amod", "advmod")}
    denied = any(  # "there is nothing to suggest that Turkey struck", "no evidence that drones hit"
        a.lower_ == "nothing" or any(c.dep_ == "det" and c.lower_ == "no" for c in a.children)
        for a in tok.ancestors
        if a.pos_ in (*NOUN_POS, "PRON")
    )
    return denied or bool(words & (ctx.words("hedge") | ctx.words("intent")))


def weapon_subject(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> bool:
    """An impact verb's subject is a weapon ("drones killed", "glide bombs rained down on"),
    or the verb names its weapon ("destroyed a landing ship using sea drones")."""
    if is_passive(tok):
        return False
    named = [*instruments(sent, tok), *(o for o in using(tok) if sent.weapons_under(o))]
    hit = [o for o in direct_objects(tok) if sent.weapons_under(o)]  # "destroyed a Ukrainian Patriot system"
    clauses = {c.i for s in subjects(tok) for c in s.children if c.dep_ in ("acl", "relcl")}
    fired = [w for s in subjects(tok) for w in sent.weapons_under(s, skip=clauses)]  # not "planes carrying arms"
    if lemma(tok) in ctx.words("touchdown_verb"):  # "transport aircraft landed at Mogadishu": no impact
        fired = [w for w in fired if w.value != "aircraft"]
    return bool(fired) or bool(named) or bool(hit)
