"""Strikes from the parse: who struck whom, with what, on which days.

A strike verb or noun (``verbs.tsv``: strike, strike_noun) is read by its roles:

- active verb: attacker = subject; target = the direct object's actors and places ("struck
  Houthi targets in Hodeidah") unless the object is a weapon ("fired missiles at Israel"),
  and the objects of ``on``/``against``/``at``/``in``...; weapon = object or ``with`` object;
- passive verb or participle: attacker = ``by`` agent, target = passive subject and
  target prepositions ("a missile fired at Riyadh by the Houthis");
- noun: attacker = possessor or qualifier ("Israeli strikes", "Russia's attack"), or ``by``;
  target = ``on``/``against``/``in`` object; weapon = the noun's compound ("drone strike").

Places resolve to the state whose territory they are in; armed groups to their base.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from .context import ArticleContext
from .dates import days_in
from .facts import Strike, Transfer
from .roles import agents, clause_chain, direct_objects, is_passive, lemma, marks, negated, prep_objects, subjects
from .sentence import ParsedSentence
from .strike_parties import (
    accuser,
    armed_anaphor,
    blamed,
    claimed_by,
    defended,
    intercepted,
    interceptor,
    owned_by_pronoun,
    reporting_target,
)
from .tags import Tag
from .voices import Voice, pronoun_actors
from .weapons import event_weapons, generic, origin_of, resolve_weapon

__all__ = ["intercepts", "read_strikes"]

_NOUN_POS = {"NOUN", "PROPN"}
_WHERE = frozenset({"in", "inside", "near", "across", "over"})
"""Target prepositions that say where a strike fell, which yield to whoever owned what was hit."""
_INCOMING = frozenset({"drone", "ballistic missile", "cruise missile", "rocket artillery"})
"""Weapon categories a defender intercepts: downing them is no strike on their owner."""
_NEEDS_WEAPON = {"use", "launch", "fire", "drop"}
"""Verbs that are strikes only with a weapon named ("used drones against", "fired missiles at")."""


def _keys(ctx: ArticleContext, tags: list[Tag]) -> list[tuple[str, Tag]]:
    out: list[tuple[str, Tag]] = []
    for tag in tags:
        state = tag.key if tag.kind == "place" else ctx.party_of(tag.key)
        if state and all(state != k for k, _ in out):
            out.append((state, tag))
    groups = {ctx.state_of(k) for k, _ in out if not k.startswith("state:")}
    return [(k, t) for k, t in out if k not in groups]  # "Houthi targets in Yemen": the Houthis


def _within(place: Token, head: Token) -> bool:
    """The place is said of the target phrase itself, through its own clauses, not through
    another prepositional phrase ("in response to Ukraine's use of ... in Taganrog")."""
    node = place.head.head
    while node.i != head.i:
        if node.dep_ in ("prep", "pobj", "pcomp", "advcl", "ccomp", "conj", "agent"):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _owners_first(tags: list[Tag]) -> list[Tag]:
    """Targets named by who owns what was hit win over where it stands ("US bases in Iraq and
    Syria": the United States)."""
    owners = [t for t in tags if t.kind == "actor"]
    return owners or tags


def _targets(
    sent: ParsedSentence, ctx: ArticleContext, heads: list[Token], depth: int = 0, *, weapons: bool = False
) -> list[Tag]:
    """The actors and places target phrases name, looking inside a phrase that names none
    ("in its operations against Kurdish militants in Syria")."""
    preps = ctx.words("target_prep")
    found: list[Tag] = []
    for head in heads:
        tags = [t for t in sent.phrase_actors_of([head], places=True, weapons=weapons) if not _maker(sent, ctx, t)]
        if tags and all(t.kind == "place" for t in tags):  # "the US Al Udeid air base": the base's owner
            owner_words = [t for t in head.subtree if t.i < head.i and t.dep_ in ("compound", "amod", "poss", "nmod")]
            tags += [a for w in owner_words if (a := sent.token_tag(w)) is not None and not _maker(sent, ctx, a)]
        if not tags and depth < 2:
            tags = _targets(sent, ctx, prep_objects(head, preps), depth + 1)
        if not tags and depth == 0:  # "a strike on a school sheltering displaced people in Gaza"
            inside = [t for t in head.subtree if t.dep_ == "pobj" and t.head.lower_ in _WHERE and _within(t, head)]
            tags = [p for t in inside if (p := sent.token_tag(t, "place")) is not None]
        found += [t for t in tags if t not in found]
    return found


def _maker(sent: ParsedSentence, ctx: ArticleContext, tag: Tag) -> bool:
    """The actor only made, supplied or backs what is named ("an Iranian-made drone hit",
    "Iranian-backed militias attacked", "Iran-linked targets"): it is not that party."""
    word = sent.word_after(tag)
    return word is not None and lemma(word) in ctx.words("origin_participle") | ctx.words("backer_participle")


def _fires(sent: ParsedSentence, objects: list[Token]) -> bool:
    """Objects that are what a strike sends, not what it hits: a pronoun for earlier weapons
    ("used them") or a count of munitions ("hundreds of rockets")."""
    return any(o.pos_ == "PRON" or _counted(sent, o) for o in objects)


def _unreal(ctx: ArticleContext, tok: Token) -> bool:
    """A strike threatened, planned, rehearsed or feared rather than carried out ("threatened
    to strike", "said it would strike back", "a possible Russian offensive", "drills
    simulated an attack"); the caller has already set aside a hedge among its own marks."""
    chain = list(clause_chain(tok, stop=("ccomp", "relcl", "advcl", "conj")))  # not "... as Russia launches"
    words = {lemma(t) for t in chain[1:]} | {lemma(c) for t in chain for c in t.children if c.dep_ == "aux"}
    if tok.pos_ in _NOUN_POS:
        words |= {lemma(c) for c in tok.children if c.dep_ in ("amod", "advmod")}
    return bool(words & (ctx.words("hedge") | ctx.words("intent")))


def _counted(sent: ParsedSentence, obj: Token) -> bool:
    """An object that counts weapons ("hundreds of rockets", "a barrage of missiles")."""
    if sent.token_tag(obj, "actor") is not None or sent.token_tag(obj, "place") is not None:
        return False
    return any(sent.token_tag(w, "weapon") is not None for w in prep_objects(obj, {"of"}))


def _roles(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> tuple[list[Tag], list[Tag], list[Token]]:
    targets_prep = ctx.words("target_prep")
    if tok.pos_ in _NOUN_POS:
        owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        if tok.dep_ == "conj":  # "Russian missile and drone attacks"
            owners += [c for c in tok.head.children if c.dep_ in ("poss", "amod", "nmod")]
        attackers = [t for c in owners for t in sent.phrase_actors(c) if t.kind == "actor" and not _maker(sent, ctx, t)]
        attackers += [t for t in sent.phrase_actors_of(prep_objects(tok, {"by"})) if t not in attackers]
        attackers = attackers or claimed_by(sent, ctx, tok) or blamed(sent, ctx, tok)
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "retaliated with artillery fire and drone attacks"
        by_means = first.dep_ == "pobj" and first.head.head.pos_ == "VERB" and not is_passive(first.head.head)
        harming = lemma(first.head.head) in ctx.words("harm_verb")
        if by_means and (first.head.lower_ == "with" or (first.head.lower_ == "in" and harming)) and not attackers:
            attackers = sent.phrase_actors_of(
                subjects(first.head.head), weapons=True
            )  # "Israel retaliated with a strike", "Israel killed X in an airstrike"
        targets = _targets(sent, ctx, prep_objects(tok, targets_prep))
        if tok.dep_ == "pobj" and tok.head.lower_ == "under" and lemma(tok.head.head) in ("come", "be"):
            targets = targets or sent.phrase_actors_of(subjects(tok.head.head), places=True)  # "Kyiv came under attack"
        anchor = tok
        while anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.pos_ == "NOUN":
            anchor = anchor.head.head  # "carried out a wave of strikes"
        if anchor.i != tok.i and anchor.dep_ == "dobj" and lemma(anchor.head) in ctx.words("agent_verb"):
            attackers = attackers or sent.phrase_actors_of(subjects(anchor.head), weapons=True)
            around = [*prep_objects(anchor, targets_prep), *prep_objects(anchor.head, targets_prep)]
            targets = targets or _targets(sent, ctx, around)
            using = [c for c in anchor.head.children if c.pos_ == "VERB" and lemma(c) == "use"]
            owners += [*prep_objects(anchor.head, {"with"}), *using]  # "... using ballistic missiles"
        if tok.dep_ == "nsubj" and lemma(tok.head) in ctx.words("harm_verb") and not targets:
            harmed = [*direct_objects(tok.head), *prep_objects(tok.head, targets_prep)]
            targets = _targets(sent, ctx, harmed)  # "an Israeli strike killed a Hamas commander in Beirut"
        if tok.dep_ == "nsubjpass" and lemma(tok.head) in ctx.words("agent_verb"):  # "the attack was carried out by"
            if not attackers:
                attackers = sent.phrase_actors_of(agents(tok.head), weapons=True)
            if not targets:
                targets = _targets(sent, ctx, prep_objects(tok.head, targets_prep))
        if tok.dep_ == "dobj" and lemma(tok.head) in ctx.words("agent_verb"):  # "Israel launched airstrikes on Gaza"
            owners += _using(tok.head)
            if not attackers:
                attackers = sent.phrase_actors_of(subjects(tok.head), weapons=True)
            if not targets:
                targets = _targets(sent, ctx, prep_objects(tok.head, targets_prep))
        weapons = [*owners, *prep_objects(tok, {"with", "by", "of"}), *(c for c in tok.children if lemma(c) == "use")]
        if tok.dep_ == "nsubjpass":
            weapons += [a for a in agents(tok.head) if sent.token_tag(a, "weapon") is not None]
        return attackers, targets, weapons
    if is_passive(tok):
        attackers = [t for t in sent.phrase_actors_of(agents(tok), weapons=True) if not _maker(sent, ctx, t)]
        patient = [c for c in tok.children if c.dep_ == "nsubjpass"]
        weapons = [*prep_objects(tok, {"with"}), *(a for a in agents(tok) if sent.token_tag(a, "weapon") is not None)]
        if tok.dep_ == "acl":
            weapons.append(tok.head)
        else:
            weapons += patient
        targets = sent.phrase_actors_of([p for p in patient if sent.token_tag(p, "weapon") is None], places=True)
        targets += [t for t in _targets(sent, ctx, prep_objects(tok, targets_prep)) if t not in targets]
        return attackers, targets, weapons
    subject = subjects(tok)
    attackers = [t for t in sent.phrase_actors_of(subject, weapons=True) if not _maker(sent, ctx, t)]
    if not attackers:  # "drones launched by Russia slammed into ...", "the strikes, carried out by X, targeted"
        nouns = {sent.head(t).i for t in sent.triggers("strike_noun")}
        launched = [
            c for s in subject for c in s.children if c.dep_ == "acl" and (sent.weapons_under(s) or s.i in nouns)
        ]
        by = [a for c in launched for a in agents(c)]
        attackers = [t for t in sent.phrase_actors_of(by) if not _maker(sent, ctx, t)]
    platforms = [s for s in subject if (w := sent.token_tag(s, "weapon")) is not None and w.value != "aircraft"]
    objects = direct_objects(tok) or _free_relative(tok)
    if lemma(tok) in ctx.words("downing") or (lemma(tok) not in _NEEDS_WEAPON and not _fires(sent, objects)):
        # "shot down an Indian jet", "targeted a US warship with missiles": what was hit is the target
        fired, targets = [], _targets(sent, ctx, objects, weapons=True)
    else:
        fired = [o for o in objects if sent.token_tag(o, "weapon") is not None or o.pos_ == "PRON" or _counted(sent, o)]
        targets = _targets(sent, ctx, [o for o in objects if sent.token_tag(o, "weapon") is None])
    if lemma(tok) not in ctx.words("downing"):  # "shot down drones over Belgorod": no strike on Belgorod
        aimed = _targets(sent, ctx, prep_objects(tok, targets_prep - _WHERE, depth=2))
        targets += [t for t in aimed if t not in targets]
        if not any(t.kind == "actor" for t in targets):  # "attacked US bases in Iraq": the bases' owner
            where = _targets(sent, ctx, prep_objects(tok, targets_prep & _WHERE, depth=2))
            targets += [t for t in where if t not in targets]
    if not targets:  # "fired missiles provided by Iran at Riyadh": "at" parsed under the participle
        at = [p for o in fired for c in o.children if c.dep_ == "acl" for p in prep_objects(c, {"at", "against"})]
        targets = _targets(sent, ctx, at)
    sending = tok.dep_ in ("xcomp", "advcl") and lemma(tok.head) in _NEEDS_WEAPON  # "launched 120 missiles to hit"
    used = direct_objects(tok.head) if sending else []
    used += _using(tok)
    return attackers, targets, [*fired, *platforms, *_instruments(sent, tok), *used]


def _instruments(sent: ParsedSentence, verb: Token) -> list[Token]:
    """The weapons a "with"/"using" phrase in the verb's own clause names, wherever the parse
    hangs it ("hit a depot in Toropets with drones": "with" under "Toropets")."""
    found: list[Token] = []
    for prep in (t for t in verb.subtree if t.dep_ == "prep" and t.lower_ in ("with", "using")):
        path = [a for a in prep.ancestors if a.i != verb.i and verb.i in {x.i for x in a.ancestors}]
        if any(a.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp") for a in path):
            continue
        found += [o for c in prep.children if c.dep_ == "pobj" for o in (c, *c.conjuncts) if sent.weapons_under(o)]
    return found


def _using(verb: Token) -> list[Token]:
    """What a participle "using ..." on the verb names ("carried out strikes ..., using warplanes
    and Tomahawk missiles")."""
    return [o for c in verb.children if c.pos_ == "VERB" and lemma(c) == "use" for o in direct_objects(c)]


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
    said = [t for t in clause.subtree if t.i > what.i and t.dep_ in ("attr", "oprd")]
    said += [t for t in clause.subtree if t.i > what.i and t.dep_ == "pobj" and t.head.lower_ == "as"]
    return said[:1]


def _dates(ctx: ArticleContext, sent: ParsedSentence, tok: Token) -> tuple[dt.date, ...]:
    clause = list(clause_chain(tok, stop=("ccomp", "relcl", "advcl", "conj")))[-1]
    words = sorted(clause.subtree, key=lambda t: t.i)
    text = sent.doc[words[0].i : words[-1].i + 1].text
    return tuple(days_in(text, ctx.published, ctx.year))


def intercepts(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> bool:
    """A defender downing or destroying incoming munitions ("its air defences destroyed 34
    Ukrainian drones", "shot down two Iranian missiles"): the munitions' owner struck the
    defender, not the other way round (a downed jet is a strike on its owner)."""
    if tok.pos_ != "VERB" or lemma(tok) not in ctx.words("downing") | ctx.words("impact_verb") | ctx.words("defend"):
        return False
    downed = event_weapons(sent, direct_objects(tok), attacks=True)
    return bool(downed) and all(w.value in _INCOMING or generic(sent, w, ctx.words("generic_munition")) for w in downed)


def _only_where(sent: ParsedSentence, verb: Token, tag: Tag) -> bool:
    """A target the verb reaches only through where it happened ("used drones in Karabakh"), not
    through what was aimed at ("used drones in strikes on Oromia")."""
    if tag.end <= tag.start or not sent.offset <= tag.start < sent.offset + len(sent.doc):
        return False
    node = sent.head(tag)
    preps: set[str] = set()
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "prep":
            preps.add(node.lower_)
        node = node.head
    return bool(preps & _WHERE) and not preps & {"on", "against", "at", "into"}


def _weapon_subject(sent: ParsedSentence, tok: Token) -> bool:
    """An impact verb's subject is a weapon ("drones killed", "glide bombs rained down on"),
    or the verb names its weapon ("destroyed a landing ship using sea drones")."""
    if is_passive(tok):
        return False
    named = [*_instruments(sent, tok), *(o for o in _using(tok) if sent.weapons_under(o))]
    hit = [o for o in direct_objects(tok) if sent.weapons_under(o)]  # "destroyed a Ukrainian Patriot system"
    return any(sent.weapons_under(s) for s in subjects(tok)) or bool(named) or bool(hit)


def _one_per_event(found: list[tuple[Strike, Token]]) -> list[tuple[Strike, Token]]:
    """A strike the sentence states with no weapon is dropped when the same sentence states
    it with one ("launched waves of attacks on Ukrainian cities using ballistic missiles")."""
    armed = {(s.attacker, s.target) for s, _ in found if s.weapon is not None}
    return [(s, t) for s, t in found if s.weapon is not None or (s.attacker, s.target) not in armed]


def read_strikes(sent: ParsedSentence, ctx: ArticleContext, transfers: list[Transfer],
                 voices: list[Voice]) -> list[tuple[Strike, Token]]:  # fmt: skip
    """The strikes of one sentence, each with its trigger token; ``transfers`` are the
    sentence's, linked when a strike uses what one supplied; ``voices`` say who "it" or
    "we" is ("the Israeli military said it struck ...")."""
    out: list[tuple[Strike, Token]] = []
    seen: set[int] = set()
    accused = [t for trig in sent.triggers("strike_noun") for t in blamed(sent, ctx, sent.head(trig))]
    for trig in sent.triggers("strike", "strike_noun"):
        tok = sent.head(trig)
        if tok.i in seen:
            continue
        mismatched = (tok.pos_ in _NOUN_POS) != (trig.event == "strike_noun") and tok.pos_ in ("VERB", "NOUN")
        if mismatched and any(o is not trig and o.start == trig.start for o in sent.triggers("strike", "strike_noun")):
            continue  # the same word under both events: the parse says which
        if trig.event == "strike" and tok.pos_ in _NOUN_POS and lemma(tok) not in ("attack", "strike", "raid"):
            continue  # "targets", "fire": a verb's word used as a noun
        if trig.event == "strike_noun" and tok.pos_ not in _NOUN_POS and tok.pos_ != "VERB":
            continue  # "offensive weapons"
        if trig.event == "strike" and tok.pos_ in ("ADP", "ADV", "PART", "ADJ"):
            continue  # "down 5 percent", "stepped down"
        seen.add(tok.i)
        cues = marks(tok)
        if cues & ctx.words("hedge") or any(negated(t) for t in clause_chain(tok, stop=("ccomp", "relcl"))):
            continue
        if sent.doc.text.rstrip().endswith("?"):
            continue  # "Will Israel strike Iran?"
        if _unreal(ctx, tok):
            continue
        attackers, targets, weapon_roots = _roles(sent, ctx, tok)
        if lemma(tok) in ctx.words("impact_verb") and not (_weapon_subject(sent, tok) or intercepts(sent, ctx, tok)):
            continue  # "the strike killed five" is read from the noun; "Hamas killed" is no strike
        if tok.dep_ == "relcl" and sent.token_tag(tok.head, "weapon") is not None:
            weapon_roots.append(tok.head)  # "drones, some of which were launched"
        launch_sites = {t.i for t in sent.doc if t.dep_ == "prep" and t.lower_ == "from"}  # "launched from a submarine"
        weapons = event_weapons(sent, weapon_roots, skip=launch_sites, attacks=True)
        earlier = transfers[-1] if transfers else ctx.last_transfer
        pronoun = any(
            r.pos_ == "PRON" and any(x.lower_ in ("it", "them", "they", "which") for x in r.subtree)
            for r in weapon_roots
        )
        needs_weapon = lemma(tok) in _NEEDS_WEAPON and trig.end - trig.start == 1  # "fired on" needs none
        if needs_weapon and not weapons and not (pronoun and earlier):
            continue
        attacker_keys = _keys(ctx, attackers) or armed_anaphor(sent, ctx, tok) or _keys(ctx, accused)
        if not attacker_keys and tok.pos_ not in _NOUN_POS and not is_passive(tok):
            for subj in subjects(tok):
                attacker_keys += [(k, Tag("actor", 0, 0, key=k)) for k in pronoun_actors(subj, voices, ctx)]
        if not attacker_keys and earlier is not None and (pronoun or tok.dep_ == "relcl") and is_passive(tok):
            attacker_keys = [
                (earlier.recipient, Tag("actor", 0, 0, key=earlier.recipient))
            ]  # who holds what was supplied
        target_keys = _keys(ctx, _owners_first([t for t in targets if not _maker(sent, ctx, t)]))
        if target_keys and attacker_keys and intercepts(sent, ctx, tok):  # "downed 34 Ukrainian drones"
            attacker_keys, target_keys = target_keys, attacker_keys
            weapons = event_weapons(sent, direct_objects(tok), attacks=True)
        if not target_keys and tok.pos_ in _NOUN_POS:
            target_keys = [(k, Tag("actor", 0, 0, key=k)) for k in defended(sent, ctx, tok, transfers)]
        if not target_keys and tok.pos_ == "VERB":  # "fired on its positions": the speaker's
            target_keys = owned_by_pronoun(sent, ctx, tok, voices)
        if not target_keys and tok.dep_ in ("relcl", "acl"):
            target_keys = [(k, Tag("actor", 0, 0, key=k)) for k in interceptor(sent, ctx, tok, voices)]
        inferred = False
        if not target_keys and attacker_keys:  # "Cambodia accused Thailand of shelling civilian areas"
            target_keys = [k for k in accuser(sent, ctx, tok) if k[0] not in {a for a, _ in attacker_keys}]
            inferred = bool(target_keys)
        if not target_keys and attacker_keys and lemma(tok) in ctx.words("downing"):
            users, downed = intercepted(sent, ctx, tok)  # "Russia shot down 12 Storm Shadow missiles"
            if users:
                target_keys, attacker_keys, inferred = attacker_keys, users, True
                weapons = downed
        if not target_keys and weapons and lemma(tok) in _NEEDS_WEAPON - {"use"}:
            target_keys, inferred = reporting_target(ctx, tok, voices, attacker_keys), True
        last = ctx.last_event
        used = not target_keys and weapons and lemma(tok) == "use"
        if used and isinstance(last, Strike) and any(last.attacker == a for a, _ in attacker_keys):
            target_keys, inferred = [(last.target, Tag("actor", 0, 0, key=last.target))], True  # "Russia used Kinzhals"
        if not attacker_keys or not target_keys:
            continue
        days = _dates(ctx, sent, tok)
        kinds: list[tuple[str | None, str | None, str | None]] = []
        for weapon in weapons:
            category, designation = resolve_weapon(ctx, sent, weapon)
            if category == "other" and designation is None and generic(sent, weapon, ctx.words("generic_munition")):
                continue  # "missiles hit Kharkiv": no class named
            if all(category != k[0] for k in kinds):
                kinds.append((category, designation, origin_of(ctx, sent, weapon)))
        if len(kinds) > 1:  # "using warplanes and Tomahawk missiles": the munition, not the platform
            kinds = [k for k in kinds if k[0] != "aircraft"]
        if not kinds and pronoun and earlier is not None:  # "... and the latter used them"
            kinds.append((earlier.weapon, earlier.designation, earlier.supplier))
        direct = tok.pos_ not in _NOUN_POS
        rule = f"strike.{'verb' if direct else 'noun'}.attack"
        for kind, named, origin in kinds or [(None, None, None)]:
            for attacker, a_tag in attacker_keys[:1] if len(attacker_keys) > 2 else attacker_keys:
                for target, t_tag in target_keys:
                    # "the army bombed Sagaing": a strike inside the attacker's own territory
                    internal = t_tag.kind == "place" and a_tag.kind != "place" and len(target_keys) == 1
                    holder = t_tag.extra.get("held_by") if t_tag.kind == "place" else None
                    if attacker == target and holder and holder != attacker:
                        target = holder  # Ukraine striking Sevastopol strikes what Russia holds
                    elif attacker == target and (a_tag.kind == "place" or (a_tag.key == t_tag.key and not internal)):
                        continue
                    elif attacker == target and lemma(tok) == "use" and _only_where(sent, tok, t_tag):
                        continue  # "accused Azerbaijan of using drones in Karabakh": no strike on itself
                    supplied = next((t for t in transfers if t.recipient == attacker and t.weapon == kind), None)
                    if supplied is None and pronoun and earlier is not None and earlier.recipient == attacker:
                        supplied = earlier
                    strike = Strike(
                        attacker,
                        target,
                        ctx.evidence(
                            sent,
                            rule,
                            (0.85 if direct else 0.75) - (0.1 if kind is None else 0.0) - (0.2 if inferred else 0.0),
                        ),
                        kind,
                        named,
                        origin if origin != attacker else None,
                        days,
                        supplied,
                    )
                    out.append((strike, tok))
    return _one_per_event(out)
