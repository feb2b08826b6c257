"""Transfers from the parse: who supplied which weapons to whom, and how the text frames it.

A supply verb or noun (``verbs.tsv``: supply, supply_noun) is read by its roles:

- active verb: supplier = subject, recipient = ``to``/``for`` object or an actor as direct or
  dative object ("provided Russia with drones", "sell Taiwan missiles"), weapons = the object
  and the ``with`` object;
- passive verb or participle: supplier = ``by``/``from`` agent, weapons = the passive subject
  or the noun the participle modifies ("weapons supplied by Iran to the Houthis");
- receiving verb: recipient = subject, supplier = ``from`` object;
- noun: supplier = its possessor or qualifier ("Iran's supply", "North Korean transfer"),
  or ``by``/``from``; recipient = ``to``; weapons = ``of`` object or compound ("arms sales").

The status comes from the clause: negated or hypothetical clauses give no transfer (a
negation under a denial gives a ``denied`` one), a governing accusation makes it ``alleged``,
future or planning words make it ``planned``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Transfer
from .missing_parties import (
    attacker_armed,
    backed,
    defender_armed,
    leaning_on,
    makers_of_goods,
    moved,
    permission_seekers,
    recipient_from_context,
    states_of,
    supplier_from_context,
    told_to,
    vetoed_requesters,
)
from .roles import (
    CONDITIONS,
    NOUN_POS,
    agents,
    clause_chain,
    clause_preps,
    contrasted,
    direct_objects,
    governing_verb,
    is_passive,
    lemma,
    marks,
    negated,
    prep_objects,
    subjects,
)
from .sentence import ParsedSentence
from .supply_roles import halted_by, halting_verb, namer_of, noun_roles, own_sources, user_of, verb_roles
from .tags import Tag
from .voices import Voice, pronoun_actors, voice_of
from .weapons import event_weapons, generic, origin_of, quantity_of, resolve_weapon

__all__ = ["SupplyReading", "read_transfers"]

_NOT_SUPPLIERS = {"condemn", "concern", "warn", "call_on", "allege", "support"}
"""Stances whose speaker is not the subject of the supply they speak of ("China slams US deal to sell ...")."""


@dataclass(slots=True)
class SupplyReading:
    """One supply trigger as read: the transfers it gives, or why it gives none."""

    trigger: Token
    transfers: list[Transfer]
    suppliers: list[str]
    recipients: list[str]
    negated: bool = False
    subject_keys: list[str] = field(default_factory=list)
    """The actors named as the supplying subject ("France will deliver": France), for a commitment."""
    armed: bool = False
    """Whether the supply is of weapons or of nothing named ("we cannot export to Ukraine"), not of
    something else ("would not send troops": no denial of arms)."""
    unaddressed: str | None = None
    """For a supply stated as fact or plan with weapons but no recipient ("we do export our
    ammunition"): ``admitted`` or ``planned``; what its supplier says of it still commits or admits."""


def _located(sent: ParsedSentence, ctx: ArticleContext, tags: list[Tag]) -> list[Tag]:
    """An armed group named with where it operates ("the Wagner group in Mali") stands for that state."""
    out: list[Tag] = []
    for tag in tags:
        if tag.key and ctx.kind_of(tag.key) == "armed_group":
            where = sent.phrase_actors_of(prep_objects(sent.head(tag), {"in"}))
            places = [t for t in where if t.key and t.key.startswith("state:")]
            if places:
                out.extend(p for p in places if p not in out)
                continue
        if tag not in out:
            out.append(tag)
    return out


def _deal_parties(
    sent: ParsedSentence, ctx: ArticleContext, tok: Token, weapons: list[Tag]
) -> tuple[list[str], list[str]]:
    """The supplier and recipients of a deal ("Turkey and Poland signed a deal for Bayraktar
    drones", "India signed a contract with Russia for S-400 systems"): of the parties that sign
    it, the one that makes the weapons supplies, the others receive."""
    party_tokens = [*prep_objects(tok, {"with", "between"}), *prep_objects(tok.head, {"with"})]
    if tok.dep_ == "dobj":
        party_tokens += subjects(tok.head)
    parties = states_of(ctx, sent.phrase_actors_of(party_tokens))
    makers = {origin_of(ctx, sent, w) for w in weapons} - {None}
    suppliers = [p for p in parties if p in makers]
    if len(suppliers) != 1:
        return [], []
    return suppliers, [p for p in parties if p not in suppliers]


def _framing(ctx: ArticleContext, tok: Token) -> tuple[bool, bool, bool, bool]:
    """(hypothetical, planned, alleged, under a denial) for the clause of ``tok``."""
    cues = marks(tok)
    chain = list(clause_chain(tok, stop=("ccomp", "relcl")))
    governors = {lemma(t) for t in chain[1:]}
    hedge = bool(cues & ctx.words("hedge")) or bool(governors & ctx.words("hedge"))
    governor = governing_verb(tok)
    if governor is not None and lemma(governor) in ctx.words("hedge"):
        hedge = True  # "demanded that the shells be transferred", "asked whether ..."

    future = bool(cues & ctx.words("future")) or bool(governors & ctx.words("future"))
    if hedge and _reported_would(ctx, tok, cues):  # "Denmark said it would suspend approvals": what it will do
        hedge, future = False, True
    future = future or lemma(tok) in ctx.words("future")  # "an aid package", "ordered 24 helicopters"
    qualifiers = {lemma(c) for c in tok.children if c.dep_ == "amod"} if tok.pos_ in NOUN_POS else set()
    future = future or bool(qualifiers & ctx.words("future"))  # "the potential sale", "a proposed deal"
    on_deal = tok.dep_ in ("acl", "relcl") and lemma(tok.head) in ctx.words("deal_noun") | ctx.words("future")
    future = future or (on_deal and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))  # "a deal to buy"
    above = {lemma(t) for t in tok.ancestors}
    nouns = [t for t in tok.ancestors if t.pos_ == "NOUN"]
    rumours = {w for t in nouns for w in (lemma(t), t.lower_.removesuffix("s"))} & ctx.words("rumour")  # "Reports that"
    alleged = bool(above & ctx.words("allegation")) or bool(rumours) or bool(cues & {"allegedly", "reportedly"})
    namer = namer_of(tok)
    claimed = (  # "what it called Iran's supply of drones", "what they described as Iran's transfer"
        namer is not None
        and lemma(namer) in ctx.words("naming_verb")
        and any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubjpass") for c in namer.children)
    )
    alleged = alleged or claimed
    holders = [*tok.ancestors, *(c for a in tok.ancestors for c in a.children if c.dep_ in ("nsubj", "nsubjpass"))]
    if any(t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children) for t in holders):
        hedge = True  # "no evidence has emerged that China supplied ...", "there is no sign that ..."
    conditional = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in tok.head.children)
    if tok.pos_ in NOUN_POS and tok.dep_ in ("nsubj", "nsubjpass") and conditional:
        hedge = True  # "a Chinese supply of weapons would cross a red line"
    if tok.sent.text.rstrip().endswith("?"):
        hedge = True  # "Would Germany send Taurus missiles?"
    ruling = _governors(tok)
    refusals = [t for t in ruling if lemma(t) in ctx.words("refusal")]
    halts = [t for t in ruling if lemma(t) in ctx.words("halt_verb")]
    if any(negated(t) for t in [*refusals, *halts]):  # "has not ruled out sending": a possibility
        hedge = True
    denial = bool(refusals) != bool(halts) and not hedge  # "refused to curb arms sales": no denial
    hedge = hedge and not claimed  # "an inquiry into what they described as Iran's transfer of drones": their claim
    return hedge, future, alleged, denial


def _governors(tok: Token) -> list[Token]:
    """The words above ``tok`` whose refusal or halt can govern it: not those above a relative
    clause on their subject ("Iran, which arms the Houthis, denied the claim": no denial of arming)."""
    out: list[Token] = []
    below = tok
    for t in tok.ancestors:
        if below.dep_ in ("relcl", "acl") and t.dep_ in ("nsubj", "nsubjpass"):
            break
        out.append(t)
        below = t
    return out


def _reported_would(ctx: ArticleContext, tok: Token, cues: set[str]) -> bool:
    """ "would" as the future of reported speech ("X said it would suspend exports"), not a
    condition: the clause's only hedge, in a clause a speech verb reports, with no "if"."""
    if (cues & ctx.words("hedge")) - {"would"} or cues & CONDITIONS:
        return False
    chain = list(clause_chain(tok))
    top = chain[-1]
    said = ctx.lexicon.verbs_for("report")
    reported = top.dep_ == "ccomp" and any(v.phrase == lemma(top.head) for v in said)
    return reported and any(c.dep_ == "aux" and c.lower_ == "would" for t in chain for c in t.children)


def _including(tok: Token) -> list[Token]:
    """What an "including" phrase in the event's own clause lists, wherever the parse hangs it
    ("licensed arms to Saudi Arabia, including Typhoon jets": under the recipient)."""
    return [o for prep in clause_preps(tok, ("including",)) for o in prep_objects(prep.head, {"including"})]


def _refused_by(ctx: ArticleContext, sent: ParsedSentence, tok: Token) -> set[str]:
    """The parties that refuse or deny the transfer themselves ("Germany refused to send")."""
    found: set[str] = set()
    for verb in (t for t in tok.ancestors if lemma(t) in ctx.words("refusal") | ctx.words("halt_verb")):
        found |= {p for t in sent.phrase_actors_of(subjects(verb)) if (p := ctx.party_of(t.key))}
    return found


def _rebutted_by(ctx: ArticleContext, sent: ParsedSentence) -> set[str]:
    """The parties that deny the charge in a clause on the charge's own noun ("accused Turkey of
    sending jets, a charge Ankara has denied"; "a claim rejected by Tehran")."""
    found: set[str] = set()
    for trig in sent.triggers("stance"):
        verb = sent.head(trig)
        if trig.value == "deny" and verb.dep_ in ("relcl", "acl") and verb.head.pos_ == "NOUN":
            found |= {p for t in sent.phrase_actors_of([*subjects(verb), *agents(verb)]) if (p := ctx.party_of(t.key))}
    return found


def read_transfers(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[SupplyReading]:
    """The transfers of one sentence; ``voices`` are its speech and stance verbs (which frame them)."""
    readings: list[SupplyReading] = []
    seen_tokens: set[int] = set()
    barriers = {sent.head(t).i for t in sent.triggers("stance") if t.value in _NOT_SUPPLIERS}
    for trig in sent.triggers("supply", "supply_noun"):
        tok = sent.event_word(trig)
        if tok.i in seen_tokens:
            continue
        gerund = tok.dep_ == "pcomp" and any(c.dep_ == "dobj" for c in tok.children)  # "of shipping shells"
        noun = tok.pos_ in NOUN_POS and not gerund
        if (trig.event == "supply_noun") != noun and any(
            o is not trig and o.start == trig.start and o.end == trig.end
            for o in sent.triggers("supply", "supply_noun")
        ):
            continue  # the same word under both events: the parse says which
        if tok.lower_ == "armed" and tok.dep_ == "amod":
            continue
        if trig.event == "supply" and noun and lemma(tok) in ctx.words("verb_only_supply"):
            continue  # "the licences covered components": a licence is no transfer, licensing arms is
        if trig.event == "supply" and noun and sent.token_tag(tok, "weapon") is not None:
            continue  # "Russian arms": the weapon, not the verb "arms"
        seen_tokens.add(tok.i)
        receive = trig.value == "receive"
        if noun:
            sup_tags, rec_tags, weapon_roots = noun_roles(sent, ctx, tok, receive)
            skip: set[int] = set()
        else:
            arrive = trig.value == "arrive"
            sup_tags, rec_tags, weapon_roots, skip = verb_roles(sent, ctx, tok, receive, barriers, arrive=arrive)
        suppliers = states_of(ctx, sup_tags)
        doer = tok if not noun else halting_verb(ctx, tok)  # "it would suspend approvals of arms exports"
        if not suppliers and doer is not None and not receive:
            for subj in subjects(doer, barriers=barriers):
                suppliers += [s for s in pronoun_actors(subj, voices, ctx) if s not in suppliers]
        pronoun_recipients: list[str] = []
        if not rec_tags and not noun and receive:  # "It bought drones from Turkey": the party named before
            pronoun_recipients = [r for s in subjects(tok, barriers=barriers) for r in pronoun_actors(s, voices, ctx)]
        voice = voice_of(tok, voices)
        voiced = [s for s in (ctx.party_of(k) for k in voice.speakers) if s] if voice is not None else []
        rec_tags = _located(sent, ctx, rec_tags)
        recipients = [r for r in states_of(ctx, rec_tags) if r not in suppliers or len(rec_tags) > 1]
        recipients += [r for r in pronoun_recipients if r not in suppliers and r not in recipients]
        weapons = event_weapons(sent, weapon_roots, skip=skip)
        if not weapons and not any(o.pos_ == "PRON" for o in direct_objects(tok)):  # "what Russia provides"
            other_clauses = {  # "UK confirms delivery of Storm Shadows; Kremlin promises response": not its goods
                c.i
                for c in tok.children
                if not noun and c.dep_ in ("nsubj", "nsubjpass", "parataxis", "ccomp", "advcl")
            }
            weapons = event_weapons(sent, [tok], skip=skip | other_clauses)
        along = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "along" for o in prep_objects(c, {"with"})]
        listed = event_weapons(sent, [*_including(tok), *along], skip=skip)  # "arms to Baku, including drones"
        weapons += [w for w in listed if w.start not in {x.start for x in weapons}]
        specific = [w for w in weapons if not generic(sent, w, ctx.words("generic_goods"))]
        weapons = specific or weapons  # "an aid package including Storm Shadow missiles": the missiles
        if noun and lemma(tok) in ctx.words("deal_noun"):
            signed = _deal_parties(sent, ctx, tok, weapons)
            suppliers, recipients = signed if signed[0] or not recipients else (suppliers, recipients)
        if (
            not weapons and not noun and lemma(tok) in ctx.words("arming_verb") and recipients
        ):  # "armed/equipped the brigade"
            weapons = [Tag("weapon", trig.start, trig.end, value="other")]
        hedge, future, alleged, denial = _framing(ctx, tok)
        halters = states_of(ctx, halted_by(sent, doer)) if noun and doer is not None else []
        banned = doer is not None and (
            doer.pos_ in NOUN_POS or lemma(doer) not in ctx.words("halt_verb") | ctx.words("refusal")
        )
        if banned and set(halters) & set(suppliers):  # "Germany imposed a ban on arms exports to Riyadh": its own
            hedge, denial = False, True
        vetoed = [s for s in vetoed_requesters(ctx, sent, tok) if s not in recipients] if weapons and recipients else []
        refuser = set(_refused_by(ctx, sent, tok)) if vetoed else set()  # the noun's supplier read from "rejected"
        if vetoed and set(suppliers) <= set(vetoed) | refuser:  # "Switzerland rejected Germany's request that ..."
            suppliers = [s for s in suppliers if s not in refuser] or vetoed
            hedge, denial = False, True
        seekers = permission_seekers(ctx, sent, tok) if weapons and recipients and not vetoed else []
        if seekers:  # "Poland asked Berlin for permission to send its tanks to Kyiv": Poland's, not Berlin's
            suppliers, hedge, future = seekers, False, True
        if voice is not None and voice.stance in ("deny", "allege"):
            denial = denial or voice.stance == "deny"
            alleged = alleged or voice.stance == "allege"
        third_party = bool(voiced) and not noun and not set(voiced) & {*suppliers, *recipients}
        alleged = alleged or (voice is not None and voice.stance is None and third_party)  # "Kyiv said Iran sent"
        refusal_verbs = ctx.words("refusal")  # "does not rule out providing": a possibility, not a negation
        is_negated = any(
            negated(t) and lemma(t) not in refusal_verbs for t in clause_chain(tok, stop=("ccomp", "relcl", "advcl"))
        )
        is_negated = is_negated or contrasted(tok, ctx.words("contrast"))
        subject_keys = [t.key for t in sup_tags if t.key] if not noun and not is_passive(tok) and not receive else []
        if noun and not receive and doer is not None:  # "Germany has halted arms exports to Riyadh": Germany's act
            subject_keys = [t.key for t in sent.phrase_actors_of(subjects(doer)) if t.key]
        inferred = False
        makers = {w.producer for w in weapons if w.producer}
        if noun and weapons and not suppliers and recipients and len(makers) == 1:
            suppliers, inferred = [m for m in makers if m and m not in recipients], True  # "S-400 deliveries to India"
        earlier = ctx.last_transfer
        definite = noun and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        if specific and not suppliers and not recipients and definite and earlier is not None:
            suppliers, recipients, inferred = [earlier.supplier], [earlier.recipient], True  # "The package includes"
        aimed = bool(prep_objects(tok, {"against", "at"}, depth=2))  # "sent 400 drones against 36 locations": fired
        if weapons and not suppliers and recipients and (receive or is_passive(tok)):
            suppliers, inferred = supplier_from_context(ctx, sent, weapons, recipients), True
        elif weapons and not suppliers and recipients and not noun and not receive:
            suppliers, inferred = makers_of_goods(ctx, sent, tok, recipients, barriers), True
        elif (
            weapons and suppliers and not recipients and not noun and not receive and not moved(ctx, tok) and not aimed
        ):
            users = [u for u in states_of(ctx, user_of(sent, tok)) if u not in suppliers]
            users = users or [u for u in states_of(ctx, leaning_on(sent, tok)) if u not in suppliers]
            users = users or [u for u in states_of(ctx, backed(sent, ctx, tok)) if u not in suppliers]
            users = users or [u for u in states_of(ctx, told_to(sent, ctx, tok)) if u not in suppliers]
            if not users and is_passive(tok):  # "The rockets were supplied by Iran" after Hamas fired rockets
                users = attacker_armed(ctx, sent, weapon_roots, weapons, suppliers)
                users = users or defender_armed(ctx, weapons, suppliers)  # after "a Kinzhal hit a Patriot system"
            addressed = bool(prep_objects(tok, {"to", "for"}, depth=2))  # "delivering the weapons to the insurgents"
            here = [t for r in readings for t in r.transfers]
            recipients, inferred = (users or recipient_from_context(ctx, suppliers, here, addressed), not users)
        armed = bool(weapons) or (not noun and not direct_objects(tok))  # "we cannot export to Ukraine"
        reading = SupplyReading(tok, [], suppliers, recipients, is_negated, subject_keys, armed)
        readings.append(reading)
        if weapons and suppliers and not recipients and not (hedge or is_negated or denial or alleged or noun):
            reading.unaddressed = "planned" if future or trig.value == "pledge" else "admitted"
        if hedge or (is_negated and not denial) or not weapons or not suppliers or not recipients:
            continue
        if vetoed:
            status = "denied"
        elif denial:
            refusing = set(voiced) | _refused_by(ctx, sent, tok) | set(halters)
            status = "denied" if refusing & set(suppliers) else "alleged"
        elif alleged:
            status = "denied" if _rebutted_by(ctx, sent) & set(suppliers) else "alleged"
        elif future or trig.value == "pledge":
            status = "planned"
        elif set(voiced) & set(suppliers):
            status = "admitted"
        else:
            status = "asserted"
        direct = bool(sup_tags) and bool(rec_tags)
        confidence = (0.9 if direct else 0.7) - (0.1 if noun else 0.0) - (0.1 if inferred else 0.0)
        rule = f"transfer.{'noun' if noun else 'verb'}.{trig.value}"
        paired = own_sources(sent, ctx, tok) if receive and len(suppliers) > 1 else []
        weapons += [w for _, w in paired if w.start not in {x.start for x in weapons}]
        source_of = {w.start: s for s, w in paired}
        for supplier in suppliers:
            for recipient in recipients:
                if supplier == recipient or ctx.state_of(supplier) == ctx.state_of(recipient):
                    continue  # "Russia supplied the Wagner group": no transfer between two states
                categories: set[str] = set()
                for w in weapons:
                    if source_of.get(w.start, supplier) != supplier:
                        continue  # "ATACMS from the United States and Storm Shadow from Britain"
                    category, designation = resolve_weapon(ctx, sent, w)
                    if category in categories:
                        continue
                    categories.add(category)
                    reading.transfers.append(
                        Transfer(
                            supplier,
                            recipient,
                            category,
                            ctx.evidence(sent, rule, confidence),
                            status,
                            designation,
                            quantity_of(sent, w),
                        )
                    )
    return readings
