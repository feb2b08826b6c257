"""Supplies that name one side only: whom the text leaves to infer.

A supply verb or noun often names its supplier or its recipient, not both ("Germany also
pledged Patriot systems"; "the port was used to smuggle Iranian rifles to the Houthis"). The
other side comes from what the sentence says of the goods (their maker), from the clause
around the verb ("Cambodia's army has leaned on China, which has supplied ..."), or from the
article's last transfer; :mod:`~armskg.loaders.transfers` marks such a transfer inferred.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Transfer
from .roles import NOUN_POS, agents, direct_objects, is_passive, lemma, prep_objects, subjects
from .sentence import ParsedSentence
from .tags import Tag
from .weapons import origin_of

__all__ = [
    "attacker_armed",
    "backed",
    "defender_armed",
    "leaning_on",
    "makers_of_goods",
    "moved",
    "permission_seekers",
    "recipient_from_context",
    "states_of",
    "supplier_from_context",
    "told_to",
    "vetoed_requesters",
]


def supplier_from_context(
    ctx: ArticleContext, sent: ParsedSentence, weapons: list[Tag], recipients: list[str]
) -> list[str]:
    """Who supplies weapons a recipient receives from no one named: their maker ("Turkish-made
    drones" earlier, a named system's producer), else the supplier of the article's last
    transfer to that recipient ("Under the deal, Poland is set to receive ...")."""
    for w in weapons:
        head = sent.head(w)
        named = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
        owners = states_of(ctx, sent.phrase_actors_of(named))  # "shipments of Iranian missiles"
        for verb in head.children:  # "drones delivered by Turkey", "the drones, made in Iran,"
            if verb.dep_ == "acl" and is_passive(verb) and sent.token_tag(verb, "weapon") is None:
                makers = agents(verb)
                if lemma(verb) in ctx.words("origin_participle"):
                    makers += prep_objects(verb, {"in"})
                owners += [s for s in states_of(ctx, sent.phrase_actors_of(makers)) if s not in owners]
        maker = owners[0] if owners else origin_of(ctx, sent, w)
        if maker and maker not in recipients:
            return [maker]
    last = ctx.last_transfer
    if last is not None and last.recipient in recipients:
        return [last.supplier]
    return []


def makers_of_goods(
    ctx: ArticleContext, sent: ParsedSentence, verb: Token, recipients: list[str], barriers: set[int]
) -> list[str]:
    """The one state whose goods a verb moves when no one named moves them ("the port was used to
    smuggle Iranian weapons to the Houthis", "smugglers shipped Iranian rifles to"): the maker
    its direct objects name, never the article's last supplier."""
    if any(m.pos_ not in NOUN_POS or sent.phrase_actors_of([m]) for m in subjects(verb, barriers=barriers)):
        return []
    goods = [g for o in direct_objects(verb) for g in (o, *o.conjuncts) if sent.token_tag(g, "weapon") is not None]
    named = [c for g in goods for c in g.children if c.dep_ in ("amod", "compound", "nmod")]
    makers = list(dict.fromkeys(states_of(ctx, sent.phrase_actors_of(named))))
    if not makers:  # "supplying Tomahawks to Ukraine": the named system's maker
        tags = [t for g in goods if (t := sent.token_tag(g, "weapon")) is not None]
        makers = list(dict.fromkeys(m for t in tags if (m := origin_of(ctx, sent, t))))
    return makers if len(makers) == 1 and makers[0] not in recipients else []


def leaning_on(sent: ParsedSentence, verb: Token) -> list[Tag]:
    """Who relies on a supplier a relative clause describes ("Cambodia's army has leaned on China,
    which has supplied armoured vehicles"): the subject of the clause the supplier is object of."""
    supplier = verb.head if verb.dep_ == "relcl" else None
    if supplier is None or supplier.dep_ not in ("pobj", "dobj"):
        return []
    above = supplier.head.head if supplier.dep_ == "pobj" else supplier.head
    return sent.phrase_actors_of(subjects(above)) if above.pos_ in ("VERB", "AUX") else []


def defender_armed(ctx: ArticleContext, weapons: list[Tag], suppliers: list[str]) -> list[str]:
    """Who holds a named system a passive delivery leaves without recipient ("The Patriot batteries
    were delivered by the United States" after "a Kinzhal hit a Patriot system in Kyiv"): the
    state an earlier strike hit where the system stood, when it was not the strike's weapon."""
    for weapon in weapons:
        if weapon.designation is None:
            continue
        for strike in reversed(ctx.extraction.strikes):
            target = ctx.state_of(strike.target)
            there = weapon.designation in strike.evidence.sentence and strike.weapon != weapon.value
            if there and target is not None and target not in suppliers:
                return [target]
    return []


def told_to(sent: ParsedSentence, ctx: ArticleContext, verb: Token) -> list[Tag]:
    """Whom a supplier told of what it sends ("Sunak told Zelenskiy that Britain would send
    tanks", "assured Kyiv it would deliver the jets"): the object of the telling verb over the
    supplying clause (``grammar.tsv``: telling_verb)."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or lemma(clause.head) not in ctx.words("telling_verb"):
        return []
    return sent.phrase_actors_of([c for c in clause.head.children if c.dep_ in ("dobj", "dative")])


def backed(sent: ParsedSentence, ctx: ArticleContext, verb: Token) -> list[Tag]:
    """Whom a supplier is said to back, for a participle that says what it supplies ("Iran has
    been a key backer of Assad, supplying weapons") or a joined verb that supplies "it" ("Iran is
    Hezbollah's main backer and has supplied it with rockets"): the "of" or the owner of the
    backer noun (``grammar.tsv``: patron_noun)."""
    participle = verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"
    pointed = verb.dep_ == "conj" and any(
        c.dep_ in ("dobj", "dative") and c.lower_ in ("it", "them") for c in verb.children
    )
    if not participle and not pointed:
        return []
    patrons = [c for c in verb.head.children if c.dep_ == "attr" and lemma(c) in ctx.words("patron_noun")]
    owners = [
        *(o for p in patrons for o in prep_objects(p, {"of"})),
        *(c for p in patrons for c in p.children if c.dep_ == "poss"),
    ]
    return sent.phrase_actors_of(owners)


_MOVING = frozenset({"over", "across", "toward", "towards", "near", "through"})


def moved(ctx: ArticleContext, verb: Token) -> bool:
    """Goods sent somewhere, not to someone ("sent fighter jets over the median line"): a
    deployment, with no recipient to borrow from the article; not a span of time ("supplied
    it with rockets over the years"; ``grammar.tsv``: time_noun)."""
    return any(
        c.dep_ == "prep" and c.lower_ in _MOVING and not any(lemma(o) in ctx.words("time_noun") for o in c.children)
        for c in verb.children
    )


def recipient_from_context(
    ctx: ArticleContext, suppliers: list[str], here: list[Transfer], addressed: bool = False
) -> list[str]:
    """Who receives what a supplier sends to no one named ("Germany also pledged Patriot
    systems"): the recipient of that supplier's last transfer, else of the article's (first
    of ``here``, the sentence's own: "Russia provided the junta with jets, and Serbia sent
    rockets") last transfer that was told, not inferred from use."""
    told = [t for t in [*ctx.extraction.transfers, *here] if t.evidence.rule != "transfer.use.inferred"]
    own = [t for t in told if t.supplier in suppliers and t.recipient not in suppliers]
    last = own[-1] if own else here[-1] if here else ctx.last_transfer
    if last is not None and last.evidence.rule == "transfer.use.inferred":
        last = told[-1] if told else None
    if last is not None and last.recipient not in suppliers:
        return [last.recipient]
    return _main_state(ctx, suppliers) if last is None and not addressed else []


def _main_state(ctx: ArticleContext, suppliers: list[str]) -> list[str]:
    """The state the article is about, when one stands out: named at least three times, and at
    least twice as often as any other state that is not among ``suppliers`` ("Tanks for Ukraine"
    ... "Germany will send 14 Leopard tanks"), and not struck by them."""
    counts = Counter(m.actor for m in ctx.extraction.mentions if m.actor.startswith("state:"))
    struck = {ctx.state_of(s.target) for s in ctx.extraction.strikes if ctx.state_of(s.attacker) in suppliers}
    ranked = [(n, k) for k, n in counts.most_common() if k not in suppliers]
    if ranked and ranked[0][1] in struck:
        return []  # the state the supplier strikes is no recipient of its arms
    if not ranked or ranked[0][0] < 3 or (len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]):
        return []
    return [ranked[0][1]]


def states_of(ctx: ArticleContext, tags: list[Tag]) -> list[str]:
    """The parties ``tags`` name, each once, in order: a state, or the armed group itself."""
    out: list[str] = []
    for tag in tags:
        state = ctx.party_of(tag.key)
        if state and state not in out:
            out.append(state)
    return out


def attacker_armed(ctx: ArticleContext, sent: ParsedSentence, goods: list[Token], weapons: list[Tag],
                   suppliers: list[str]) -> list[str]:  # fmt: skip
    """Who received weapons the text points back to ("Hamas fired Fajr-5 rockets at Tel Aviv.
    The rockets were supplied by Iran"): the attacker of the article's last strike with that
    kind of weapon, when the goods are named with "the", "these" or "those"."""
    pointed = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for g in goods for c in g.children)
    kinds = {w.value for w in weapons}
    if not pointed:
        return []
    for strike in reversed(ctx.extraction.strikes):
        if strike.weapon in kinds and strike.attacker not in suppliers:
            return [strike.attacker]
    carriers = [a for k in kinds if k and (a := ctx.armed_with.get(k)) and a not in suppliers]
    return carriers[-1:]  # "Pakistan's J-10C fighters shot down ... The aircraft were delivered by China"


def vetoed_requesters(ctx: ArticleContext, sent: ParsedSentence, tok: Token) -> list[str]:
    """Who asked for a supply that another side then refused, when the supply names no supplier
    ("Switzerland rejected Germany's request that the shells be transferred to Ukraine", "blocked
    two requests from Berlin, which demanded that ...", "rejected the Danish request for the supply
    of vehicles to Kyiv"): the requester would have sent them (``grammar.tsv``: request_word,
    refusal)."""
    request = next((a for a in list(tok.ancestors)[:3] if lemma(a) in ctx.words("request_word")), None)
    if request is None:
        return []
    if request.pos_ in ("VERB", "AUX") and request.dep_ == "relcl":  # "requests from Berlin, which demanded"
        request = request.head
        if request.dep_ == "pobj" and lemma(request.head.head) in ctx.words("request_word"):
            request = request.head.head  # the clause hung on "Berlin", not on "requests"
    if request.pos_ not in NOUN_POS or request.dep_ not in ("dobj", "nsubjpass"):
        return []
    if lemma(request.head) not in ctx.words("refusal"):
        return []
    owners = [c for c in request.children if c.dep_ in ("poss", "amod", "compound")]
    owners += prep_objects(request, {"from", "by"})
    return states_of(ctx, sent.phrase_actors_of(owners))


def permission_seekers(ctx: ArticleContext, sent: ParsedSentence, tok: Token) -> list[str]:
    """Who asks for permission to send weapons ("Poland asked Berlin for permission to send its
    Leopards to Kyiv", "sought Germany's approval to transfer the tanks"): the would-be
    supplier, whose transfer is planned (``grammar.tsv``: permission_noun)."""
    noun = tok.head if tok.dep_ == "acl" else None
    if noun is None or lemma(noun) not in ctx.words("permission_noun"):
        return []
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.pos_ not in ("VERB", "AUX") or lemma(verb) not in ctx.words("request_word"):
        return []
    askers = subjects(verb)
    if verb.dep_ == "relcl" and all(a.tag_ in ("WDT", "WP") for a in askers):  # "Poland, which asked ..."
        askers = [verb.head]
    return states_of(ctx, sent.phrase_actors_of(askers))
