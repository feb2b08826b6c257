"""The parties and goods of one supply trigger, read from the parse: a verb's subject, objects,
``to``/``for``/``from`` phrases and passive agent; a noun's owner, ``of``/``by``/``to`` phrases
and what a deal or package "includes"; a party named by what it does ("Pakistan's largest arms
supplier"); who used weapons a participle says were supplied.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .roles import NOUN_POS, agents, direct_objects, is_passive, lemma, of_head, prep_objects, subjects
from .sentence import ParsedSentence
from .tags import Tag

__all__ = ["halted_by", "halting_verb", "namer_of", "noun_roles", "own_sources", "user_of", "verb_roles"]

_NOUN_MODIFIERS = {"poss", "amod", "compound", "nmod"}


def namer_of(tok: Token) -> Token | None:
    """The verb a noun is the name given by ("what it called Iran's supply", "what they
    described as Iran's transfer"), whether or not it is a naming verb."""
    if tok.dep_ == "oprd":
        return tok.head
    return tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "as" else None


def _prep_objects_of(heads: list[Token], preps: set[str]) -> list[Token]:
    """:func:`prep_objects` of several heads."""
    return [o for h in heads for o in prep_objects(h, preps)]


def user_of(sent: ParsedSentence, tok: Token) -> list[Tag]:
    """Who uses weapons a participle says were supplied ("attacked the city with drones
    supplied by the UAE", "fired missiles provided by Iran"): the using verb's subject."""
    weapon = tok.head
    batch = any(sent.token_tag(o, "weapon") is not None for o in prep_objects(weapon, {"of"}))  # "a batch of jets"
    if tok.dep_ != "acl" or (not sent.weapons_under(weapon, skip={tok.i}) and not batch):
        return []
    weapon = of_head(weapon)  # "a first batch of Rafale jets, delivered by France"
    if weapon.dep_ == "pobj" and weapon.head.lower_ in ("with", "using", "on"):  # "relied on drones supplied by"
        verb = weapon.head.head
    elif weapon.dep_ == "dobj":
        verb = weapon.head
    else:
        return []
    return sent.phrase_actors_of(subjects(verb)) if verb.pos_ == "VERB" else []


def own_sources(sent: ParsedSentence, ctx: ArticleContext, verb: Token) -> list[tuple[str, Tag]]:
    """The supplier each received weapon names for itself, as (supplier, weapon tag) pairs
    ("received ATACMS missiles from the United States and Storm Shadow missiles from Britain"):
    weapons and "from" phrases that alternate after the verb pair up, however the parse hangs
    them."""
    froms = [t for t in sent.doc if t.lower_ == "from" and t.i > verb.i]
    if len(froms) < 2:
        return []
    weapons = sorted({id(w): w for w in sent.weapon_at.values()}.values(), key=lambda w: w.start)
    found: list[tuple[str, Tag]] = []
    previous = verb.i
    for prep in froms:
        states = [
            p
            for t in sent.phrase_actors_of([o for o in prep.children if o.dep_ == "pobj"])
            if (p := ctx.party_of(t.key))
        ]
        between = [w for w in weapons if previous < w.start - sent.offset < prep.i]
        if len(states) != 1 or not between:
            return []
        found += [(states[0], w) for w in between]
        previous = prep.i
    return found


def _agent_noun_roles(sent: ParsedSentence, tok: Token, receive: bool) -> tuple[list[Tag], list[Tag], list[Token]]:
    """A party named by what it does ("China is Pakistan's largest arms supplier", "Russia,
    India's main supplier,", "India is the biggest buyer of Russian arms", "one of the main
    suppliers of drones to", "among the biggest suppliers"): the noun's holder
    supplies (or buys), its possessor is the other party."""
    anchor = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "one":
        anchor = tok.head.head  # "one of the main suppliers of drones to Azerbaijan"
    holder = subjects(anchor.head) if anchor.dep_ in ("attr", "acomp") else []
    holder = [anchor.head] if anchor.dep_ == "appos" else holder
    if tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.dep_ == "prep":
        holder = subjects(tok.head.head)  # "is among the biggest arms suppliers to"
    other = [c for c in tok.children if c.dep_ == "poss"]
    goods = [*prep_objects(tok, {"of"}), *(c for c in tok.children if c.dep_ in ("compound", "nmod"))]
    makers = [c for g in goods for c in g.children if c.dep_ in ("amod", "compound")]  # "Russian arms"
    if receive:
        sources = [*other, *prep_objects(tok, {"from"}), *makers]
        return sent.phrase_actors_of(sources), sent.phrase_actors_of(holder), goods
    return sent.phrase_actors_of(holder), sent.phrase_actors_of([*other, *prep_objects(tok, {"to", "for"})]), goods


def noun_roles(
    sent: ParsedSentence, ctx: ArticleContext, tok: Token, receive: bool
) -> tuple[list[Tag], list[Tag], list[Token]]:
    if lemma(tok) in ctx.words("agent_noun"):
        return _agent_noun_roles(sent, tok, receive)
    owners = [c for c in tok.children if c.dep_ in _NOUN_MODIFIERS and sent.token_tag(c, "weapon") is None]
    owner_tags = sent.phrase_actors_of(owners)
    by = sent.phrase_actors_of(prep_objects(tok, {"by", "from"})) or sent.phrase_actors_of(_nested_from(tok))
    to = sent.phrase_actors_of(prep_objects(tok, {"to", "for"}))
    if not to:  # "a package of military aid for Kyiv"
        to = sent.phrase_actors_of(_prep_objects_of(prep_objects(tok, {"of"}), {"to", "for"}))
    if not to and tok.dep_ == "compound":  # "arms export licences to Israel"
        to = sent.phrase_actors_of(prep_objects(tok.head, {"to", "for"}))
    namer = namer_of(tok)
    if not to and namer is not None and lemma(namer) in ctx.words("naming_verb"):  # "what it called Iran's supply
        to = sent.phrase_actors_of(prep_objects(namer, {"to", "for"}))  # of drones to Russia", misparsed
    contents = ctx.words("content_verb")  # "a package that includes ..."
    weapon_roots = [
        *prep_objects(tok, {"of", "with", *(("for",) if lemma(tok) in ctx.words("deal_noun") else ())}),
        *(o for t in tok.subtree if t.lower_ == "including" for o in t.children if o.dep_ == "pobj"),
        *(o for c in tok.children if c.dep_ == "relcl" and lemma(c) in contents for o in direct_objects(c)),
        *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")),
    ]
    if tok.dep_ == "compound":
        weapon_roots.append(tok.head)
    if tok.dep_ == "conj" and sent.token_tag(tok.head, "weapon") is not None:
        weapon_roots.append(tok.head)  # "approvals of arms and dual-use exports": the arms
    if tok.dep_ == "nsubj" and lemma(tok.head) in ctx.words("content_verb"):  # "the deal includes 48 jets for Egypt"
        listed = direct_objects(tok.head)
        weapon_roots += listed
        to += [t for t in sent.phrase_actors_of(_prep_objects_of(listed, {"for", "to"})) if t not in to]
    if tok.dep_ == "dobj" and lemma(tok) in ctx.words("deal_noun"):  # "signed a contract with Russia for S-400s"
        weapon_roots += [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "for"]  # its whole phrase
    if not to and tok.dep_ == "nsubj" and lemma(tok.head) in ctx.words("arrival_verb"):  # "arrived in Poland"
        where = [*prep_objects(tok.head, {"in", "at"}), *direct_objects(tok.head)]
        to = sent.phrase_actors_of(where, places=True)
    if not to and tok.dep_ == "dobj":  # "condemned North Korean supply of missiles to Russia" (to under the verb)
        to = sent.phrase_actors_of(prep_objects(tok.head, {"to"}))
    if receive:
        buyers = owner_tags + to
        doer = None if buyers else _going_ahead(ctx, tok)
        if doer is not None:  # "Athens is moving ahead with the purchase of"
            buyers = sent.phrase_actors_of(subjects(doer))
        share = of_head(tok)  # "China accounted for 81 per cent of Pakistan's imports of major arms"
        if not by and share.i != tok.i and share.dep_ == "pobj" and lemma(share.head.head) in ctx.words("share_verb"):
            holders = subjects(share.head.head)
            by = sent.phrase_actors_of(holders)
            if not by and any(h.lower_ == "it" for h in holders) and ctx.last_subject:  # "It accounted for ..."
                by = [Tag("actor", 0, 0, key=ctx.last_subject)]
        return by, buyers, weapon_roots
    suppliers = owner_tags or by
    made_by = [
        t
        for r in weapon_roots
        for c in r.children
        if c.dep_ in ("amod", "compound")
        for t in sent.phrase_actors_of([c])
    ]
    if made_by and not suppliers:  # "the transfer of Iranian missiles to Syria": Iran
        suppliers = made_by
    starters = ctx.words("agent_verb") | ctx.words("refusal") | ctx.words("ongoing") | ctx.words("halt_verb")
    if not suppliers and tok.dep_ == "dobj" and lemma(tok.head) in starters:
        suppliers = sent.phrase_actors_of(subjects(tok.head))  # "Britain unveiled an aid package for Ukraine"
    stopper = halting_verb(ctx, tok)
    if not suppliers and stopper is not None:  # "Denmark suspended approvals of arms exports to Riyadh"
        suppliers = halted_by(sent, stopper)
    if not to and stopper is not None:  # "suspended exports to Riyadh", "suspended export approvals for Riyadh"
        to = sent.phrase_actors_of(prep_objects(stopper, {"to"}) or prep_objects(stopper, {"to", "for"}, depth=2))
    return suppliers, to, weapon_roots


def _going_ahead(ctx: ArticleContext, noun: Token) -> Token | None:
    """The verb whose subject carries out a deal noun: one that does or goes on with it
    ("signed the purchase", "is moving ahead with the purchase", "proceeded with the order")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "with":
        verb = verb.head
        onward = any(c.lower_ in ("ahead", "forward", "on") for c in verb.children)
        return verb if verb.pos_ == "VERB" and (onward or lemma(verb) in ctx.words("ongoing")) else None
    doing = ctx.words("agent_verb") | ctx.words("ongoing") | ctx.words("deal_verb")  # "is negotiating the purchase"
    return verb if noun.dep_ == "dobj" and lemma(verb) in doing else None


def halting_verb(ctx: ArticleContext, noun: Token) -> Token | None:
    """The verb that halts or refuses a supply noun, through its "of" phrases and the noun it
    qualifies ("would suspend approvals of arms exports", "suspended 30 export licences"): its
    subject is the supplier."""
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head  # "approvals of arms and dual-use exports"
    while anchor.dep_ == "compound" and anchor.head.pos_ in NOUN_POS:
        anchor = anchor.head  # "arms export licences"
    anchor = of_head(anchor, (*NOUN_POS, "NUM"))  # "30 of its export licences"
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "for" and anchor.head.head.pos_ in NOUN_POS:
        anchor = of_head(anchor.head.head, (*NOUN_POS, "NUM"))  # "suspended permits for the export of"
    verbs = ctx.words("refusal") | ctx.words("halt_verb")
    ban = anchor.head.head if anchor.dep_ == "pobj" and anchor.head.lower_ == "on" else None
    if ban is not None and ban.pos_ in NOUN_POS and lemma(ban) in ctx.words("halt_verb"):  # "a ban on arms exports"
        if ban.dep_ == "dobj" and ban.head.pos_ == "VERB":
            return None if lemma(ban.head) in ctx.words("lifting_verb") else ban.head  # "extended its ban on"
        return ban if any(c.dep_ == "poss" for c in ban.children) else None  # "Germany's ban on"
    return anchor.head if anchor.dep_ == "dobj" and lemma(anchor.head) in verbs else None


def halted_by(sent: ParsedSentence, stopper: Token) -> list[Tag]:
    """Who halts a supply through ``stopper`` (:func:`halting_verb`): the verb's subject, or the
    owner of a halt noun ("Germany's ban on arms exports")."""
    owners = [c for c in stopper.children if c.dep_ == "poss"] if stopper.pos_ in NOUN_POS else subjects(stopper)
    return sent.phrase_actors_of(owners)


def _nested_from(phrase: Token) -> list[Token]:
    """Objects of "from" inside a noun phrase, through its "of" phrases only ("delivery of a
    batch of drones from Turkey"), never through a clause."""
    found: list[Token] = []
    for child in phrase.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found += [obj] if child.lower_ == "from" else _nested_from(obj)
    return found


def verb_roles(
    sent: ParsedSentence, ctx: ArticleContext, tok: Token, receive: bool, barriers: set[int], *, arrive: bool = False
) -> tuple[list[Tag], list[Tag], list[Token], set[int]]:
    """(suppliers, recipients, goods, tokens to skip) of a supply verb; with ``arrive`` the goods
    are its subject ("Serbian ammunition made its way to Ukraine", "the drones ended up in the
    hands of the Houthis")."""
    skip: set[int] = set()
    if arrive:
        goods = [s for s in subjects(tok, barriers=barriers) if sent.weapons_under(s)]
        if not goods and tok.dep_ == "acl" and sent.weapons_under(tok.head):
            goods = [tok.head]  # "Iranian rifles bound for Yemen", "weapons destined for the Houthis"
        makers = sent.phrase_actors_of([*goods, *prep_objects(tok, {"from"}, depth=2)], weapons=True)
        places = [*prep_objects(tok, {"to", "into", "in", "for"}, depth=2), *direct_objects(tok)]
        return makers, sent.phrase_actors_of(places, places=True), goods, skip
    if receive:
        subj = subjects(tok, barriers=barriers)
        skip = {s.i for s in subj if s.i not in {a.i for a in tok.ancestors}}  # "Ethiopia, which received drones"
        sources = sent.phrase_actors_of(prep_objects(tok, {"from"}, depth=2))
        if not sources:  # "took delivery of a new batch of TB2 drones from Turkey"
            sources = sent.phrase_actors_of([t for o in direct_objects(tok) for t in _nested_from(o)])
        receivers = sent.phrase_actors_of(subj) or user_of(sent, tok)  # "inducted J-10C fighters, acquired from"
        if not receivers and [s.lower_ for s in subj] in (["it"], ["they"]) and tok.dep_ != "ROOT":
            receivers = sent.phrase_actors_of(subjects(tok.sent.root))  # "Greece took the jets it ordered from"
        modified = (tok.dep_ == "acl" and not subj) or tok.dep_ == "relcl"  # "the jets it ordered from France"
        goods = [tok.head if o.lower_ in ("which", "that") and modified else o for o in direct_objects(tok)]
        goods = goods or ([tok.head] if modified else [])
        return sources, receivers, goods, skip
    if is_passive(tok):
        suppliers = sent.phrase_actors_of(agents(tok) + prep_objects(tok, {"from"}))
        recipients = sent.phrase_actors_of(prep_objects(tok, {"to", "for", "into"}, depth=2))
        arrival = tok.head.head if tok.dep_ == "acl" and tok.head.dep_ in ("nsubj", "nsubjpass") else None
        if arrival is not None and lemma(arrival) not in ctx.words("arrival_verb"):  # "are expected to arrive in"
            arrival = next((c for c in arrival.children if c.dep_ == "xcomp"), None)
        if not recipients and arrival is not None and lemma(arrival) in ctx.words("arrival_verb"):
            # "the batteries promised by Germany arrived in Ukraine"
            recipients = sent.phrase_actors_of(prep_objects(arrival, {"in", "at"}), places=True)
        patient = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not patient and tok.dep_ == "conj":  # "which is funded and armed by Iran"
            patient = [c for c in tok.head.children if c.dep_ in ("nsubjpass", "nsubj")]
        if tok.dep_ == "conj" and tok.head.dep_ == "relcl" and [p.lower_ for p in patient] in (["which"], ["who"]):
            patient = [tok.head.head]  # "Hezbollah, which is funded and armed by Iran": Hezbollah
        if tok.dep_ == "acl":
            patient.append(tok.head)
            kept = ("compound", "amod", "nummod")
            skip = {
                c.i for c in tok.head.children if c.i != tok.i and c.dep_ not in kept and c.lower_ != "of"
            }  # "a batch of jets delivered by France": the jets
        if not recipients and lemma(tok) in ctx.words("arming_verb"):  # "the group armed by Tehran": armed, not goods
            holders = [p for p in patient if sent.token_tag(p, "weapon") is None]
            holders += [c for p in holders for c in p.children if c.dep_ == "appos"]
            holders += [p.head for p in holders if p.dep_ == "appos"]  # "Hezbollah, the group armed by Tehran"
            armed = sent.phrase_actors_of(holders)
            recipients = [t for t in armed if not (t.key or "").startswith("state:")] or armed  # the group itself
            patient = [p for p in patient if p not in holders]
        return suppliers, recipients, [*patient, *prep_objects(tok, {"with"})], skip
    subj = subjects(tok, barriers=barriers)
    if not subj and tok.dep_ == "pcomp":  # "accused Iran of supplying", "sanctioned X for supplying"
        governor = tok.head.head
        subj = direct_objects(governor) or [c for c in governor.children if c.dep_ in ("pobj", "nsubjpass")]
        if not subj and governor.pos_ in NOUN_POS:  # "the involvement of Iran in supplying", "Iran's role in arming"
            subj = [c for c in governor.children if c.dep_ == "poss" and sent.phrase_actors_of([c])]
            subj = subj or [o for o in prep_objects(governor, {"of"}) if o.i != tok.i]
            if not subj and governor.dep_ in ("dobj", "appos") and sent.phrase_actors_of([governor]):
                subj = [governor]  # "accuses its rival Iran of smuggling", the "of" hung on the noun
    above = {a.i for a in tok.ancestors}  # "China, which has supplied vehicles": the verb hangs under its subject
    skip = {s.i for s in subj if s.i not in above}
    shared = [  # "has armed and trained the SDF": the object of a later verb of the same subject
        o
        for c in tok.conjuncts
        if c.i > tok.i and c.dep_ == "conj" and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)
        for o in direct_objects(c)
    ]
    objects = [  # "the S-400, which Russia delivered to Turkey": the noun the clause is about
        tok.head if o.lower_ in ("which", "that") and tok.dep_ == "relcl" else o for o in direct_objects(tok) or shared
    ]
    recipients = sent.phrase_actors_of(prep_objects(tok, {"to", "for", "into"}, depth=2))
    for obj in objects:
        more_goods = obj.dep_ == "conj" and sent.token_tag(obj.head, "weapon") is not None  # "weapons and equipment"
        if sent.token_tag(obj, "weapon") is None and not more_goods:
            recipients += [t for t in sent.phrase_actors_of([obj]) if t not in recipients]
        else:  # "shipping Russia dual-use goods" parsed with Russia as a modifier of the goods
            named = [
                c
                for c in obj.children
                if c.dep_ == "nmod" and c.pos_ == "PROPN" and sent.token_tag(c, "weapon") is None
            ]
            recipients += [t for t in sent.phrase_actors_of(named) if t not in recipients]
    if not recipients:  # "Iran supplies the group with rockets": the armed group named last
        recipients = _pointed_group(sent, ctx, [*objects, *prep_objects(tok, {"to"}, depth=2)])
    if not recipients:  # "sent F-16 jets to support Baku": whom the goods were sent to help
        aided = [c for c in tok.children if c.dep_ in ("advcl", "xcomp") and lemma(c) in ctx.words("aid_verb")]
        recipients = sent.phrase_actors_of([o for c in aided if c.tag_ == "VB" for o in direct_objects(c)])
    weapon_roots = [*objects, *prep_objects(tok, {"with"}, depth=2)]
    return sent.phrase_actors_of(subj), recipients, weapon_roots, skip


def _pointed_group(sent: ParsedSentence, ctx: ArticleContext, tokens: list[Token]) -> list[Tag]:
    """A recipient named only as "the group", "the militia", "the rebels" (``grammar.tsv``:
    armed_anaphor): the armed group the article named last before it; "militias in Iraq" or
    "separatists in eastern Ukraine": the state they are based in."""
    for tok in tokens:
        if lemma(tok) not in ctx.words("armed_anaphor"):
            continue
        if any(c.lower_ == "the" for c in tok.children):
            key = ctx.armed_group_before(sent.char_of(tok))
            if key is not None:
                return [Tag("actor", sent.offset + tok.i, sent.offset + tok.i + 1, key=key)]
        based = sent.phrase_actors_of(prep_objects(tok, {"in"}), places=True)
        if based:  # "militias in Iraq and Syria", "rebels in Yemen": groups coded as where they are based
            return based
    return []
