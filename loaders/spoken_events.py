"""Statements a speech verb makes about events the article has reported, not named in its own
clause: "this was stated by the ministry" (the last event), "Biden said the strikes were a
direct response" (a party speaking of "the strikes"), "NATO said China is a decisive enabler of
Russia's war" (abetting), "drones hit a refinery in Ryazan, its governor said" (a strike on the
speaker's side with no attacker named; on another side's ground, reported by a defence
ministry or armed force, its own), "X said Israel must explain how it happened" (a duty
laid on another party).
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Transfer
from .roles import CONDITIONS, agents, is_passive, lemma, marks, path_up, subjects
from .statement_sink import StatementSink
from .threats import aimed_at
from .voices import Voice, reporter_of, voice_of

__all__ = [
    "abetting",
    "about_the_last_event",
    "about_the_strike",
    "duties",
    "reprisal_cause",
    "unclaimed",
    "untargeted",
]


def about_the_last_event(out: StatementSink, voices: list[Voice]) -> None:
    """'This was stated by the ministry': a speech verb whose subject is "this" or "that"
    speaks of the article's last event, as its party (admit, commit) or not (allege)."""
    ctx = out.ctx
    event = ctx.last_event
    if event is None:
        return
    for v in voices:
        verb = v.verb
        if v.stance is not None or verb is None:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("this", "that") for c in verb.children):
            continue
        states = ctx.parties_of(v.speakers)
        if isinstance(event, Transfer):
            if event.supplier in states:
                stance = "commit" if event.status == "planned" else "admit"
                out.add(v.speakers, stance, f"statement.this.{stance}", 0.7, event)
            elif states and event.recipient not in states:
                out.add(v.speakers, "allege", "statement.this.allege", 0.6, event)
        elif event.attacker in states:
            out.add(v.speakers, "admit", "statement.this.admit", 0.7, event)
        elif states:
            out.add(v.speakers, "allege", "statement.this.allege", 0.6, event)


_WORDS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "advcl"})
"""The dependents of a speech verb that hold what it says."""


def about_the_strike(out: StatementSink, voices: list[Voice]) -> None:
    """A party speaking of "the strikes" the article reported ("Biden said the strikes were a
    direct response"; "the Houthis said the strikes killed five fighters"): its attacker admits
    them, its target alleges them."""
    ctx, sent = out.ctx, out.sent
    nouns = sent.trigger_heads("strike_noun")
    if not nouns or not ctx.extraction.strikes:
        return
    for v in voices:
        if v.stance is not None or v.verb is None or any(set(m.speakers) == set(v.speakers) for m in out.made):
            continue  # a speaker who takes a stance on the strike in the sentence says no more of it
        spoken = {t.i for s in subjects(v.verb) for t in s.subtree}
        said = {t.i for c in v.verb.children if c.dep_ in _WORDS for t in c.subtree}  # not "ahead of the strike"
        named = [
            t
            for t in v.verb.subtree
            if t.i not in spoken
            and t.i in said
            and t.i in nouns
            and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in t.children)
            and not any(c.dep_ in ("poss", "amod", "compound") and sent.token_tag(c) is not None for c in t.children)
        ]
        states = ctx.parties_of(v.speakers)
        doers = [a for t in named if t.dep_ == "nsubjpass" for a in agents(t.head)]
        if doers and not any(ctx.party_of(t.key) in states for t in sent.phrase_actors_of(doers)):
            continue  # "the attack had been carried out by the rebels": someone else's strike
        struck = [s for s in ctx.extraction.strikes if s.attacker in states]
        hit = [s for s in ctx.extraction.strikes if s.target in states]
        if aimed_at(sent, ctx, named) & states:
            struck = []  # "the barrage had been aimed at the Royal Navy destroyer": the other side's
            hit = hit or ctx.extraction.strikes[-1:]  # the speaker's side was its target
        if named and struck:
            out.add(v.speakers, "admit", "statement.strike.admit", 0.65, struck[-1])
        elif named and hit:
            out.add(v.speakers, "allege", "statement.strike.allege", 0.6, hit[-1])


def abetting(out: StatementSink, voices: list[Voice]) -> None:
    """A speaker who says another party enables or fuels a war alleges it ("NATO said China is a
    decisive enabler of Russia's war", "... said Iran was fuelling the conflict")."""
    ctx, sent = out.ctx, out.sent
    words = ctx.words("abet")
    for v in voices:
        verb = v.verb
        if v.stance is not None or verb is None:
            continue
        own = ctx.parties_of(v.speakers) | set(v.speakers)
        spoken = {t.i for s in subjects(verb) for t in s.subtree}
        for tok in verb.subtree:
            if tok.i in spoken or lemma(tok) not in words:
                continue
            clause = tok.head if tok.dep_ in ("attr", "acomp", "dobj") else tok
            accused = [t.key for t in sent.phrase_actors_of(subjects(clause)) if t.key]
            if lemma(tok) == "origin":  # "the rockets are of Iranian origin"
                accused = [t.key for t in sent.phrase_actors_of([c for c in tok.children if c.dep_ == "amod"]) if t.key]
            if any(k not in own and ctx.party_of(k) not in own for k in accused):
                out.add(v.speakers, "allege", "statement.voice.abet", 0.6, None)
                break


_UNTOLD = CONDITIONS | {"until", "before", "after", "since"}
"""Subordinators of a clause that names a strike without reporting it ("until the attacks are over")."""


def reprisal_cause(ctx: ArticleContext, tok: Token) -> bool:
    """The strike is what a reprisal answers ("the operation was retaliation for an Israeli
    airstrike", "avenged the killing of X in an airstrike"): the speaker's reason for its own
    strike, no allegation of the other side's (``grammar.tsv``: reprisal_noun, reprisal)."""
    reprisals = ctx.words("reprisal_noun") | ctx.words("reprisal")
    below = tok
    for above in list(tok.ancestors)[:4]:
        if lemma(above) in reprisals and (below.lower_ == "for" or below.dep_ == "dobj"):
            return True
        below = above
    return False


def unclaimed(out: StatementSink, voices: list[Voice]) -> None:
    """A party reporting a strike on its own side whose attacker the sentence leaves unsaid
    alleges it ("Missiles hit an apartment block in Dnipro, Ukraine's air force said"), as it
    does when the attacker is named; so does an official of no known side ("..., Mayor Ihor
    Terekhov said"), who reports what others did."""
    ctx = out.ctx
    for tok, targets in ctx.unclaimed:
        if tok.dep_ == "dobj" and lemma(tok.head) in ctx.words("judging_verb"):
            continue  # "agreed to halt attacks on American ships": attacks to stop, not reported
        if reprisal_cause(ctx, tok):
            continue
        voice = voice_of(tok, voices)
        if voice is None or voice.stance is not None or voice.verb is None:
            continue
        path = path_up(tok, voice.verb) or []
        if any(t.dep_ in ("relcl", "acl") for t in path):
            continue  # "Hamas, which it holds responsible for the attack on Israel": background
        states = ctx.parties_of(voice.speakers)
        struck = {ctx.party_of(k) for k in targets}
        told = not marks(tok if tok.pos_ == "VERB" else tok.head) & _UNTOLD
        sideless = told and not states and all(k.startswith("person:") for k in voice.speakers)
        if states & struck or sideless:
            out.add(voice.speakers, "allege", "statement.unclaimed.allege", 0.6, None)
            continue
        grounds = {ctx.state_of(k) for k in targets}
        passive = is_passive(tok) and lemma(tok) not in ctx.words("sending_verb")  # not "were launched from Iran"
        elsewhere = None not in grounds and not grounds & {ctx.state_of(s) for s in states}
        if passive and states and elsewhere and _armed_voice(ctx, voice.speakers):
            out.add(voice.speakers, "admit", "statement.unclaimed.admit", 0.6, None)


_ARMED_ROLES = ("defence", "defense", "armed forces", "land forces", "military", "air force", "navy", "army")


def _armed_voice(ctx: ArticleContext, speakers: tuple[str, ...]) -> bool:
    """A defence ministry, an armed force or one of their officials: who reports strikes on
    another side's ground with no attacker named ("nine sites in Pakistan had been struck,
    India's defence ministry said") reports its own."""
    actors = [ctx.extraction.actors.get(k) for k in speakers]
    roles = [f"{a.role or ''} {a.label if a.kind == 'organization' else ''}".lower() for a in actors if a is not None]
    return any(word in role for role in roles for word in _ARMED_ROLES)


def duties(out: StatementSink, voices: list[Voice]) -> None:
    """A speaker who says another party must or should act calls on it ("Cameron said Israel
    must urgently explain how it happened"; "those responsible must be held to account")."""
    ctx, sent = out.ctx, out.sent
    for tok in sent.doc:
        if tok.dep_ != "aux" or tok.lower_ not in ctx.words("duty") or marks(tok.head) & CONDITIONS:
            continue
        voice = reporter_of(tok.head, voices, tok.head)
        if voice is None:
            continue
        parties = ctx.parties_of(voice.speakers)
        bound = [p for t in sent.phrase_actors_of(subjects(tok.head)) if (p := ctx.party_of(t.key) or t.key)]
        sideless = not parties and any(k.startswith("person:") for k in voice.speakers)
        if sideless or (bound and set(bound) <= parties | set(voice.speakers)):
            continue  # "we must defend ourselves": the speaker's own resolve; an official of no known side
        if bound or is_passive(tok.head):
            out.add(voice.speakers, "call_on", "statement.duty.call_on", 0.65, None)


def untargeted(out: StatementSink, voices: list[Voice]) -> None:
    """A party reporting a strike whose target is no party ("a missile fired by the Houthis hit a
    bulk carrier, U.S. Central Command said"; "the drones had hit several locations in the town,
    the coalition's spokesman said") alleges it, as it does a strike on a party; the attacker's
    own side reporting it ("the army said it had conducted precise strikes") admits it."""
    ctx = out.ctx
    for tok, attackers in ctx.untargeted:
        voice = voice_of(tok, voices)
        if voice is None or voice.stance is not None or voice.verb is None or reprisal_cause(ctx, tok):
            continue
        path = path_up(tok, voice.verb) or []
        if any(t.dep_ in ("relcl", "acl") for t in path[1:]):
            continue  # "Hamas, which it holds responsible for the attack": background
        states = ctx.parties_of(voice.speakers)
        if states & {ctx.party_of(a) for a in attackers}:
            out.add(voice.speakers, "admit", "statement.untargeted.admit", 0.6, None)  # "said it had conducted strikes"
        elif states and attackers:
            out.add(voice.speakers, "allege", "statement.untargeted.allege", 0.6, None)
