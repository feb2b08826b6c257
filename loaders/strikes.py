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

from spacy.tokens import Token

from .article_strikes import orphan_strikes
from .context import ArticleContext
from .facts import Strike, Transfer
from .roles import (
    NOUN_POS,
    agents,
    clause_chain,
    direct_objects,
    is_passive,
    lemma,
    marks,
    negated,
    prep_objects,
    subjects,
)
from .sentence import ParsedSentence
from .strike_dates import strike_days
from .strike_parties import (
    accuser,
    armed_anaphor,
    blamed,
    defended,
    intercepted,
    interceptor,
    owned_by_pronoun,
    reporting_target,
)
from .strike_roles import strike_roles, unreal, user_of_supplied, weapon_subject
from .strike_targets import WHERE, only_maker, open_water, owners_first
from .strike_weapons import weapon_kinds
from .tags import Tag
from .voices import Voice, pronoun_actors
from .weapons import event_weapons, generic, resolve_weapon

__all__ = ["intercepts", "read_strikes"]

_INCOMING = frozenset({"drone", "ballistic missile", "cruise missile", "rocket artillery"})
"""Weapon categories a defender intercepts: downing them is no strike on their owner."""


_INTO = frozenset({"into", "in", "inside", "within"})
"""Prepositions of where a launched weapon came down."""


def _keys(ctx: ArticleContext, tags: list[Tag]) -> list[tuple[str, Tag]]:
    out: list[tuple[str, Tag]] = []
    for tag in tags:
        state = tag.key if tag.kind == "place" else ctx.party_of(tag.key)
        if state and all(state != k for k, _ in out):
            out.append((state, tag))
    groups = {ctx.state_of(k) for k, _ in out if not k.startswith("state:")}
    return [(k, t) for k, t in out if k not in groups]  # "Houthi targets in Yemen": the Houthis


def _users_of_supplied(sent: ParsedSentence, ctx: ArticleContext, keys: list[tuple[str, Tag]]) -> list[tuple[str, Tag]]:
    """Each party named by a demonym on weapons its state supplied to another side, as that side."""
    out: list[tuple[str, Tag]] = []
    for key, tag in keys:
        party = (user_of_supplied(sent, ctx, tag) if tag.end > tag.start else None) or key
        if all(k != party for k, _ in out):
            out.append((party, tag))
    return out


def _doing_verb(tok: Token) -> Token:
    """The verb whose subject does a strike noun ("conducted an airstrike", "launched a wave of
    strikes"); a verb trigger does itself."""
    if tok.pos_ not in NOUN_POS:
        return tok
    node = tok
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.i != node.head.i:
        node = node.head.head
    return node.head if node.dep_ == "dobj" else tok


def _defended_at_home(sent: ParsedSentence, ctx: ArticleContext, tok: Token, defenders: list[str]) -> bool:
    """Munitions downed by their target, not by a third party's jets or ships sent to intercept
    them ("Russia's air defences destroyed 34 drones", "Ukraine shot down 30 drones", not
    "British jets shot down Iranian drones"), unless the sentence places the downing in the
    defender's territory or airspace."""
    if any(t.kind == "place" and t.key in defenders for t in sent.tags):
        return True
    if any(lemma(t) == "airspace" for t in tok.subtree):
        return True
    subject = subjects(tok)
    platforms = [w for s in subject for w in sent.weapons_under(s)]
    sent_out = {lemma(s) for s in subject} & ctx.words("patrol_platform")
    return not sent_out and not any(w.value == "aircraft" for w in platforms)


def _deniers(ctx: ArticleContext, tok: Token, voices: list[Voice]) -> set[str]:
    """The parties whose denial governs the strike ("Russia denied striking the hospital"): as
    its attackers, they did not strike there."""
    ancestors = {a.i for a in tok.ancestors}
    return {
        p
        for v in voices
        if v.stance == "deny" and v.verb is not None and v.verb.i in ancestors
        for p in (ctx.party_of(k) for k in v.speakers)
        if p
    }


def _subordinate_subjects(verb: Token) -> list[Token]:
    """The subjects of the subordinate clause just before a participle set off by a comma, which
    the parse hangs on the main clause instead ("The fighting began after India launched the
    operation, striking nine sites": India strikes)."""
    doc = verb.doc
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return []
    before = [
        v
        for v in verb.head.children
        if v.dep_ == "advcl" and v.i < verb.i and any(c.dep_ == "mark" for c in v.children)
    ]
    return subjects(before[-1]) if before else []


def intercepts(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> list[Tag]:
    """The incoming munitions a defender downs or destroys ("its air defences destroyed 34
    Ukrainian drones", "shot down two Iranian missiles"), empty when the verb downs something
    else: the munitions' owner struck the defender, not the other way round (a downed jet is a
    strike on its owner)."""
    if tok.pos_ != "VERB" or lemma(tok) not in ctx.words("downing") | ctx.words("impact_verb") | ctx.words("defend"):
        return []
    downed = event_weapons(sent, direct_objects(tok), attacks=True)
    incoming = all(w.value in _INCOMING or generic(sent, w, ctx.words("generic_munition")) for w in downed)
    return downed if incoming else []


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
    return bool(preps & WHERE) and not preps & {"on", "against", "at", "into"}


def _aimed(tok: Token) -> bool:
    """``tok`` launches a weapon whose own verb names what it hit ("a missile fired by the group
    struck the bulk carrier"): the target is that object, never the state that reported it."""
    weapon = tok.head if tok.dep_ == "acl" else None
    if weapon is None or weapon.dep_ != "nsubj":
        return False
    return bool(direct_objects(weapon.head))


def _definite(tok: Token) -> bool:
    """A noun that points back to something the article named ("the attack", "this strike",
    "the airfield")."""
    return tok.pos_ in NOUN_POS and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _done_by_someone_unnamed(sent: ParsedSentence, tok: Token) -> bool:
    """The strike is said to be done by someone the sentence names no actor for ("the attack
    on its base had been carried out by the rebels"): not the strike reported before."""
    verb = tok.head if tok.dep_ == "nsubjpass" else tok
    doers = [*agents(verb), *prep_objects(tok, {"by"})]
    return bool(doers) and not sent.phrase_actors_of(doers)


def _reported(ctx: ArticleContext, attacker: str, target: str, weapon: str | None) -> Strike | None:
    """The article's last strike between these sides with this weapon, if one was reported."""
    key = (attacker, target, weapon)
    return next((s for s in reversed(ctx.extraction.strikes) if (s.attacker, s.target, s.weapon) == key), None)


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
    ctx.unclaimed = []
    ctx.untargeted = []
    ctx.restated = []
    seen: set[int] = set()
    accused = [t for trig in sent.triggers("strike_noun") for t in blamed(sent, ctx, sent.head(trig))]
    supplying = sent.trigger_heads("supply")
    strike_nouns = sent.trigger_heads("strike_noun")
    launch_sites = {  # "missiles launched from a submarine", not "an attack from Russian drones"
        t.i for t in sent.doc if t.dep_ == "prep" and t.lower_ == "from" and lemma(t.head) in ctx.words("sending_verb")
    }
    for trig in sent.triggers("strike", "strike_noun"):
        tok = sent.head(trig)
        if tok.i in seen:
            continue
        mismatched = (tok.pos_ in NOUN_POS) != (trig.event == "strike_noun") and tok.pos_ in ("VERB", "NOUN")
        if mismatched and any(o is not trig and o.start == trig.start for o in sent.triggers("strike", "strike_noun")):
            continue  # the same word under both events: the parse says which
        if trig.event == "strike" and tok.pos_ in NOUN_POS and lemma(tok) not in ("attack", "strike", "raid"):
            continue  # "targets", "fire": a verb's word used as a noun
        if trig.event == "strike_noun" and tok.pos_ not in NOUN_POS and tok.pos_ != "VERB":
            continue  # "offensive weapons"
        if trig.event == "strike" and tok.pos_ in ("ADP", "ADV", "PART", "ADJ"):
            continue  # "down 5 percent", "stepped down"
        seen.add(tok.i)
        cues = marks(tok, stop=("ccomp", "acl", "relcl"))  # "the war, triggered by the attack, could spiral"
        if cues & ctx.words("hedge") or any(negated(t) for t in clause_chain(tok, stop=("ccomp", "relcl"))):
            continue
        if sent.doc.text.rstrip().endswith("?"):
            continue  # "Will Israel strike Iran?"
        if unreal(ctx, tok):
            continue
        falls = lemma(tok) in ctx.words("sending_verb") | ctx.words("impact_verb")
        landed = [tok, tok.head.head] if tok.dep_ == "acl" else [tok]  # "missiles fired by China fell inside ..."
        if falls and any(open_water(ctx, w) for v in landed for w in prep_objects(v, _INTO, depth=2)):
            continue  # "fired two missiles into the sea", "fell inside Japan's exclusive economic zone": no strike
        attackers, targets, weapon_roots = strike_roles(sent, ctx, tok)
        downed = intercepts(sent, ctx, tok)
        reported_hit = is_passive(tok) and not agents(tok) and lemma(tok) in ("strike", "hit", "target")
        if lemma(tok) in ctx.words("impact_verb") and not (weapon_subject(sent, ctx, tok) or downed or reported_hit):
            continue  # "the strike killed five" is read from the noun; "Hamas killed" is no strike
            # (but "nine sites in Pakistan had been struck" is a strike whose attacker goes unsaid)
        if tok.dep_ == "relcl" and sent.token_tag(tok.head, "weapon") is not None:
            weapon_roots.append(tok.head)  # "drones, some of which were launched"
        hit = [x for x in tok.children if x.dep_ == "nsubjpass"]
        residents = {c.i for x in hit for c in x.subtree if c.dep_ == "relcl"}  # "the base, where jets are kept,"
        weapons = event_weapons(sent, weapon_roots, skip=launch_sites | residents, attacks=True)
        earlier = transfers[-1] if transfers else ctx.last_transfer
        pronoun = any(
            x.pos_ == "PRON" and x.lower_ in ("it", "them", "they", "which") for r in weapon_roots for x in r.subtree
        )  # "used them", "fired hundreds of them"
        needs_weapon = lemma(tok) in ctx.words("sending_verb") and trig.end - trig.start == 1  # "fired on" needs none
        if needs_weapon and not weapons and not (pronoun and earlier):
            continue
        attacker_keys = _keys(ctx, attackers) or armed_anaphor(sent, ctx, tok) or _keys(ctx, accused)
        attacker_keys = _users_of_supplied(sent, ctx, attacker_keys)  # "Iranian drones hit Kyiv": Russia's
        held = tok.dep_ == "relcl" and sent.token_tag(tok.head, "weapon") is not None and bool(transfers)
        if not attacker_keys and held and any(s.pos_ == "PRON" for s in subjects(tok)):
            recipient = transfers[-1].recipient  # "supplied the Houthis with the missiles they fire at Riyadh"
            attacker_keys = [(recipient, Tag("actor", 0, 0, key=recipient))]
        doer = _doing_verb(tok)  # "it conducted an airstrike", "it launched a wave of strikes"
        if not attacker_keys and doer.pos_ not in NOUN_POS and not is_passive(doer):
            for subj in subjects(doer):
                attacker_keys += [(k, Tag("actor", 0, 0, key=k)) for k in pronoun_actors(subj, voices, ctx)]
        if not attacker_keys and tok.pos_ == "VERB":  # "began after India launched X, striking sites in Pakistan"
            attacker_keys = _keys(ctx, sent.phrase_actors_of(_subordinate_subjects(tok), weapons=True))
        if not attacker_keys and weapons:  # "Storm Shadow missiles hit a shipyard": who received them
            systems = {w.designation for w in weapons if w.designation}
            holders = list(dict.fromkeys(t.recipient for t in ctx.extraction.transfers if t.designation in systems))
            attacker_keys = [(h, Tag("actor", 0, 0, key=h)) for h in holders] if len(holders) == 1 else []
        sent_goods = any(c.dep_ in ("acl", "relcl") and c.i in supplying for s in subjects(tok) for c in s.children)
        if not attacker_keys and earlier is not None and sent_goods:  # "drones supplied by Iran hit Kyiv"
            attacker_keys = [(earlier.recipient, Tag("actor", 0, 0, key=earlier.recipient))]
        if not attacker_keys and earlier is not None and (pronoun or tok.dep_ == "relcl") and is_passive(tok):
            attacker_keys = [
                (earlier.recipient, Tag("actor", 0, 0, key=earlier.recipient))
            ]  # who holds what was supplied
        target_keys = _keys(ctx, owners_first([t for t in targets if not only_maker(sent, ctx, t)]))
        target_keys = _users_of_supplied(sent, ctx, target_keys)  # "shot down Iranian drones": Russia's
        attacking = {ctx.party_of(a) for a, _ in attacker_keys}
        others = [k for k in target_keys if ctx.party_of(k[0]) not in attacking]
        target_keys = others or target_keys  # "strikes on IS fighters, the first U.S. military action": not the U.S.
        if target_keys and attacker_keys and downed:  # "downed 34 Ukrainian drones"
            home = _defended_at_home(sent, ctx, tok, [k for k, _ in attacker_keys])
            attacker_keys, target_keys, weapons = target_keys, attacker_keys if home else [], downed
        if not target_keys and tok.pos_ in NOUN_POS:
            target_keys = [(k, Tag("actor", 0, 0, key=k)) for k in defended(sent, ctx, tok, transfers)]
        if not target_keys:  # "fired on its positions", "US strikes on its nuclear sites": whom "its" stands for
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
        named_attack = [k for _, sides in ctx.unclaimed for k in sides]
        if not target_keys and weapons and lemma(tok) in ctx.words("sending_verb") and len(set(named_attack)) == 1:
            k = named_attack[0]  # "in what the group said was an attack on a U.S. warship, it fired 18 drones"
            target_keys, inferred = [(k, Tag("actor", 0, 0, key=k))], True
        if not target_keys and weapons and lemma(tok) in ctx.words("sending_verb") - {"use"} and not _aimed(tok):
            target_keys, inferred = reporting_target(sent, ctx, tok, voices, attacker_keys), True
        again = lemma(tok) == "use" or lemma(tok) in ctx.words("sending_verb")  # "the IRGC fired the missiles"
        used = not target_keys and weapons and again
        last = None
        if used:  # "Russia used Kinzhals": the target of the same attacker's last strike
            attackers_here = {a for a, _ in attacker_keys}
            last = next((s for s in reversed(ctx.extraction.strikes) if s.attacker in attackers_here), None)
        if last is not None:
            target_keys, inferred = [(last.target, Tag("actor", 0, 0, key=last.target))], True  # "Russia used Kinzhals"
        earlier_strike = ctx.extraction.strikes[-1] if ctx.extraction.strikes else None
        pointing_back = False  # a strike read from one the article reported: new only with a new weapon
        if not attacker_keys and not target_keys and weapons and earlier_strike and _definite(tok):
            pointing_back = True
            attacker_keys = [(earlier_strike.attacker, Tag("actor", 0, 0, key=earlier_strike.attacker))]
            target_keys = [(earlier_strike.target, Tag("actor", 0, 0, key=earlier_strike.target))]
            inferred = True  # "the attack involved nine cruise missiles": the attack just reported
        same_place = earlier_strike is not None and any(
            ctx.state_of(k) == ctx.state_of(earlier_strike.target) for k, _ in target_keys
        )
        pointed = _definite(tok) or any(_definite(x) for x in subjects(tok))  # "the strike hit", "the base was hit"
        if not attacker_keys and same_place and earlier_strike and pointed:
            pointing_back = True
            attacker_keys = [(earlier_strike.attacker, Tag("actor", 0, 0, key=earlier_strike.attacker))]
            inferred = True  # "the strike targeted Houthi rebels": whoever made the strike just reported
        deniers = _deniers(ctx, tok, voices)
        attacker_keys = [k for k in attacker_keys if ctx.party_of(k[0]) not in deniers]
        if not attacker_keys and target_keys and not downed:
            sides = [t.extra.get("held_by") or k if t.kind == "place" else k for k, t in target_keys]
            ctx.unclaimed.append((tok, sides))  # a place another state holds is that state's side
        shot = downed or lemma(tok) in ctx.words("downing")  # a defender's interception, no attack
        done = tok.pos_ == "VERB" and bool(weapons or direct_objects(tok))  # "fired missiles", "hit a tanker"
        done = done or (tok.pos_ in NOUN_POS and lemma(doer) in ctx.words("agent_verb"))  # "had conducted strikes"
        if not target_keys and not shot and done:
            ctx.untargeted.append((tok, [a for a, _ in attacker_keys]))
        if not target_keys or (not attacker_keys and (downed or deniers)):
            continue
        days = strike_days(ctx, sent, tok, {ctx.party_of(a) or a for a, _ in attacker_keys})
        kinds = weapon_kinds(sent, ctx, weapons, earlier if pronoun else None)
        direct = tok.pos_ not in NOUN_POS
        if not attacker_keys:  # "drones hit the Red Sea city": whose, only the article's war may say
            orphan_strikes(sent, ctx, [k for k, _ in target_keys], kinds, days, transfers)
            continue
        rule = f"strike.{'verb' if direct else 'noun'}.attack"
        flown = (
            [] if downed else [resolve_weapon(ctx, sent, w)[0] for x in subjects(tok) for w in sent.weapons_under(x)]
        )
        for kind, named, origin in kinds or [(None, None, None)]:
            for attacker, a_tag in attacker_keys[:1] if len(attacker_keys) > 2 else attacker_keys:
                for target, t_tag in target_keys:
                    # "the army bombed Sagaing": a strike inside the attacker's own territory
                    internal = t_tag.kind == "place" and a_tag.kind != "place" and len(target_keys) == 1
                    holder = t_tag.extra.get("held_by") if t_tag.kind == "place" else None
                    if attacker == target and holder and holder != attacker:
                        target = holder  # Ukraine striking Sevastopol strikes what Russia holds
                    elif attacker == target and (
                        a_tag.kind == "place" or ((a_tag.key == t_tag.key or t_tag.kind == "place") and not internal)
                    ):
                        continue  # "struck six sites in Punjab and Azad Kashmir": not its own Punjab beside Pakistan
                    elif attacker == target and lemma(tok) == "use" and _only_where(sent, tok, t_tag):
                        continue  # "accused Azerbaijan of using drones in Karabakh": no strike on itself
                    known = _reported(ctx, attacker, target, kind) if pointing_back else None
                    if known is not None:  # "Zelensky denounced the drone attacks": the drone strike already read
                        if not _done_by_someone_unnamed(sent, tok):
                            ctx.restated.append((known, tok))
                        continue
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
                    ctx.armed_with.update((k, attacker) for k in (kind, *flown) if k)  # "Pakistan's J-10Cs shot"
        if direct:  # "carried out airstrikes against ...": the noun names the strike the verb read
            seen.update(o.i for o in direct_objects(tok) if o.i in strike_nouns)
    return _one_per_event(out)
