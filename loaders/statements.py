"""Statements from the parse: who condemned, denied, alleged, warned, called on or committed.

- A stance verb (``verbs.tsv``: stance) speaks through its subject, or through the voice whose
  complement holds it ("Mao said China condemns the sale": Mao, with her ministry); a stance
  noun through the light verb that carries it ("expressed concern") or its possessor.
- Negated stances give nothing (but "deny" is a stance of its own); so do conditional ones.
- A speech verb over an event is a stance by its party: a supplier announcing a planned
  transfer commits, one confirming a done transfer admits, an attacker describing its strike
  admits, a party negating the event denies; anyone else alleges.
- A supplier that is the subject of a planned transfer ("France will deliver ...") commits.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Statement, Strike, Transfer
from .pledges import own_pledges
from .rebuttals import rebuttals
from .roles import (
    agents,
    conditional,
    contrasted,
    governing_verb,
    is_passive,
    lemma,
    negated,
    path_up,
    prep_objects,
    subjects,
)
from .self_defence import self_defence_stances
from .sentence import ParsedSentence, lacks_grounds
from .speakers import speaker_keys, speakers_of
from .spoken_events import (
    abetting,
    about_the_last_event,
    about_the_strike,
    duties,
    reprisal_cause,
    unclaimed,
    untargeted,
)
from .stance_words import (
    ADVERBS,
    attack_promised,
    claims_an_attack,
    clausal,
    not_a_stance,
    planned_object,
    stance_sources,
)
from .statement_sink import StatementSink
from .threats import own_strike_stances, threatened_reprisals
from .transfers import SupplyReading
from .voice_scope import denial_negated, in_the_claim, reporters_conjunct, trailing_participle
from .voices import Voice, voice_of

__all__ = ["read_statements"]

_VAGUE = {"support": 0.25, "admit": 0.2, "commit": 0.1}
"""How much less sure a stance word is than the others: "support" and "back" are often material
("supported the militia"), "confirm" often reports someone else's act, "commit" a plan."""


def _serves(ctx: ArticleContext, key: str) -> str | None:
    """The organization a person speaks for, when the article says so (not a state)."""
    actor = ctx.extraction.actors.get(key)
    served = actor.affiliation if actor is not None and actor.kind == "person" else None
    return served if served and not served.startswith("state:") else None


def _stance_speakers(
    tok: Token, value: str, sent: ParsedSentence, ctx: ArticleContext, voice: Voice | None, voices: list[Voice]
) -> tuple[list[str], str]:
    quoted = voice.speakers if voice is not None else ()
    judged = value == "concern" and tok.tag_ == "VBG" and not any(c.dep_ == "dobj" for c in tok.children)
    judged = judged or (value == "condemn" and lemma(tok) in ctx.words("perpetrate_verb"))  # "had committed a crime"
    if lemma(tok) == "be" or lemma(tok) in ctx.words("judging_verb") or judged:
        # '"These claims are baseless," X said', "X said the sale violates international law", "X said the
        # drills were concerning": the subject is what is judged
        return (list(voice.speakers), "voice") if voice is not None and in_the_claim(tok, voice) else ([], "")
    voicing = ctx.words("document_noun") | ctx.words("message_noun")
    joined = trailing_participle(tok) or reporters_conjunct(tok, sent, voicing)
    if voice is not None and joined:  # "X said Iran sent drones,
        return list(voice.speakers), "voice"  # calling it an escalation", "... had sent drones, and condemned"
    stative = value == "deny" and is_passive(tok) and not agents(tok)  # "the US was not involved in"
    baseless = value == "deny" and lacks_grounds(tok, ctx.words("groundless_noun"))  # "X said the claims had no basis"
    stative = stative or baseless
    if stative and voice is not None:
        return list(voice.speakers), "voice"  # "Moscow said Tehran was not involved": Moscow denies
    if clausal(tok) and (value == "concern" or stative):  # "the US is concerned by ...": the subject feels it
        speakers = [k for t in subjects(tok) for k in speaker_keys(t, sent, ctx, quoted)]
    elif clausal(tok):
        speakers = speakers_of(tok, sent, ctx, quoted)
    elif tok.dep_ in ("dobj", "attr") and lemma(tok.head) in ctx.words("light_verb"):
        speakers = speakers_of(tok.head, sent, ctx, quoted)
    else:
        owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound") and sent.token_tag(c) is not None]
        speakers = [k for o in owners for k in speaker_keys(o, sent, ctx, quoted)]  # "Indian claims"
        perpetrated = lemma(tok) in ctx.words("condemnation_word")  # "this aggression by the Houthis": the doer
        if not speakers and value != "support" and not perpetrated:  # "drew condemnation from Beijing"
            speakers = [k for o in stance_sources(tok) for k in speaker_keys(o, sent, ctx, quoted)]
    speech = voice if voice is None or voice.stance is None else voice_of(tok, [v for v in voices if v.stance is None])
    aside = (
        speech is not None
        and speech.verb is not None
        and any(
            t.dep_ == "relcl" and t.head.left_edge.i > 0 and t.doc[t.head.left_edge.i - 1].text == ","
            for t in path_up(tok, speech.verb) or []
        )
    )  # "X said ..., a charge Cairo rejected": the writer's aside, not X's words
    bodies = speakers and all(not k.startswith("state:") for k in speakers)
    if bodies and speech is not None and not aside and set(speakers) < set(speech.speakers):
        return list(speech.speakers), "spokesperson"  # "its spokeswoman Y said the office was concerned": both
    if speakers and speech is not None and all(k.startswith("state:") for k in speakers) and not aside:
        voiced = {ctx.party_of(k) for k in speech.speakers if not k.startswith("state:")}
        sideless = all(k.startswith("person:") or _government_body(ctx, k) for k in speech.speakers)
        untold = voiced == {None} and len(speakers) == 1 and sideless  # "a National Security Council spokesperson"
        if untold and all(_spokesperson(ctx, k) for k in speech.speakers):
            return [*speakers, *speech.speakers], "spokesperson"  # "spokesman Lu Kang said China hoped": both
        if set(speakers) <= voiced or untold:  # "Mao said China condemns", "Lin said Beijing regretted"
            return list(speech.speakers), "spokesperson"
    if speakers:
        aides = _spokesman_of(voice) if voice is not None else []  # "X called for ..., his spokesman Y said"
        co = [*_with_saying(tok, voices), *aides]
        return [*speakers, *(k for k in dict.fromkeys(co) if k not in speakers)], "subject"
    named = [t for t in subjects(tok) if t.pos_ != "PRON"] if clausal(tok) else []
    anaphors = [  # "the group", "his country", "its government"
        t
        for t in named
        if lemma(t) in ctx.words("anaphor")
        and any(c.lower_ == "the" or (c.dep_ == "poss" and c.pos_ == "PRON") for c in t.children)
    ]
    claims = ctx.words("allegation") | ctx.words("rumour")
    reported = (
        voice is not None
        and voice.verb is not None
        and not any(t.dep_ in ("relcl", "acl") for t in path_up(tok, voice.verb) or [tok])
    )  # not "reasons that have nothing to do with Ukraine", "a charge the authorities rejected"
    if value == "deny" and voice is not None and reported and not any(lemma(t) in claims for t in named):
        return list(voice.speakers), "voice"  # "Peskov said the decision had nothing to do with politics"
    if named and len(anaphors) < len(named):
        return [], ""  # "reports claiming ...": a subject that names no one is not the voice's speaker
    if anaphors and voice is not None:  # 'Saree said the group would not hesitate': the group he speaks for
        bodies = [k for k in voice.speakers if not k.startswith("person:")]
        bodies += [a for k in voice.speakers if (a := _serves(ctx, k)) and a not in bodies]
        return [*bodies, *(k for k in voice.speakers if k.startswith("person:"))], "voice"
    if voice is not None and in_the_claim(tok, voice):
        return list(voice.speakers), "voice"
    return [], ""


def _spokesperson(ctx: ArticleContext, key: str) -> bool:
    """``key`` is a person whose title makes them someone's spokesperson."""
    actor = ctx.extraction.actors.get(key)
    return actor is not None and actor.kind == "person" and ctx.lexicon.role_of_title(actor.role) == "spokesperson"


def _government_body(ctx: ArticleContext, key: str) -> bool:
    """``key`` is a body of some state's government (a ``bodies.tsv`` kind), whichever state."""
    actor = ctx.extraction.actors.get(key)
    return actor is not None and actor.kind == "organization" and actor.role is not None


def _spokesman_of(voice: Voice) -> list[str]:
    """The speakers of a speech verb whose subject is someone's spokesman ("Guterres is worried
    ..., his spokesperson Stephane Dujarric told reporters"): they speak with the principal."""
    verb = voice.verb
    if verb is None or voice.stance is not None:
        return []
    aide = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if aide is None or not any(p.dep_ == "poss" and p.lower_ in ("his", "her") for p in aide.children):
        return []
    if not any(w.pos_ == "PROPN" for w in aide.subtree):
        return []  # "his spokesman said": no one named beside the principal
    return [k for k in voice.speakers if k.startswith("person:")]


def _with_saying(tok: Token, voices: list[Voice]) -> list[str]:
    """Co-speakers added by "..., with Foreign Minister X saying ..."."""
    inside = {t.i for t in tok.subtree}
    out: list[str] = []
    for v in voices:
        verb = v.verb
        with_clause = verb is not None and verb.dep_ == "pcomp" and verb.head.lower_ == "with"
        if v.stance is None and verb is not None and with_clause and verb.head.i in inside:
            out += [k for k in v.speakers if k not in out]
    return out


def _said(voice: Voice, event: Token) -> float:
    """How sure an allegation is: its speech verb governs the event ("Kyiv said Iran sent
    drones"), or the event only stands beside it (a quote that goes on, a second clause)."""
    verb = voice.verb
    return 0.8 if verb is not None and verb.i in {a.i for a in event.ancestors} else 0.65


def _untold_officials(ctx: ArticleContext, speakers: tuple[str, ...]) -> bool:
    """Officials by title whose state the text leaves unsaid ("Health Minister Firass Abiad",
    "Mayor Ihor Terekhov"): on the ground they report, not the attacker's side."""
    actors = [ctx.extraction.actors.get(k) for k in speakers]
    return any(a is not None and a.kind == "person" and a.role and not a.affiliation for a in actors)


def _observers(ctx: ArticleContext, speakers: tuple[str, ...]) -> bool:
    """Speakers that are no state's: international bodies and the officials who serve one ("a UN
    group of experts", "Tom Andrews, the UN special rapporteur"); their account of a transfer is
    an allegation. An official whose state the text leaves unsaid is not one of them."""

    def outside_states(key: str) -> bool:
        actor = ctx.extraction.actors.get(key)
        if actor is None or actor.kind not in ("organization", "person"):
            return False
        if actor.kind == "organization":
            return actor.affiliation is None and ctx.kind_of(key) != "armed_group"
        return (actor.affiliation or "").startswith("org:") and outside_states(actor.affiliation or "")

    return bool(speakers) and all(outside_states(k) for k in speakers)


def _others_act(ctx: ArticleContext, tok: Token, speakers: list[str], readings: list[SupplyReading],
                strikes: list[tuple[Strike, Token]]) -> bool:  # fmt: skip
    """What a speaker confirms is another party's supply or strike, not its own."""
    inside = {t.i for t in tok.subtree}
    parties = ctx.parties_of(speakers)
    doers = {s for r in readings if r.trigger.i in inside for s in r.suppliers}
    doers |= {strike.attacker for strike, t in strikes if t.i in inside}
    return bool(doers) and bool(parties) and not doers & parties


def _perpetrated(ctx: ArticleContext, tok: Token) -> bool:
    """``tok`` says its subject did what its object condemns ("committed a flagrant violation",
    "perpetrated a massacre"; ``grammar.tsv``: perpetrate_verb, condemnation_word)."""
    return lemma(tok) in ctx.words("perpetrate_verb") and any(
        c.dep_ == "dobj" and lemma(c) in ctx.words("condemnation_word") for c in tok.children
    )


def _said_by_the_same_stance(
    ctx: ArticleContext, sent: ParsedSentence, tok: Token, value: str, voice: Voice | None
) -> bool:
    """``tok`` states what an outer stance of the same kind by the same side says ("Kim warned
    that South Korea would respond": South Korea's response is the content of Kim's warning)."""
    if voice is None or voice.stance != value or voice.verb is None:
        return False
    path = [t.dep_ for t in path_up(tok, voice.verb) or []]
    if "ccomp" not in path or "conj" in path:
        return False
    inner = ctx.parties_of(t.key for t in sent.phrase_actors_of(subjects(tok)) if t.key)
    return bool(inner) and inner <= ctx.parties_of(voice.speakers)


def _outer_speech(voice: Voice, voices: list[Voice]) -> Voice | None:
    """The speech verb a concern, condemnation or warning is reported under ("X said the US is
    concerned by ..."): its speaker also claims the event the stance is about."""
    if voice.verb is None or voice.stance not in ("concern", "condemn", "warn"):
        return None
    return voice_of(voice.verb, [v for v in voices if v.stance is None and v is not voice and v.verb is not None])


def _party_stances(out: StatementSink, voices: list[Voice], readings: list[SupplyReading],
                   strikes: list[tuple[Strike, Token]]) -> None:  # fmt: skip
    ctx = out.ctx
    for reading in readings:
        voice = voice_of(reading.trigger, voices)
        if voice is None:
            statuses = {t.status for t in reading.transfers}
            sourced = any(lemma(out.sent.head(t)) == "accord" for t in out.sent.triggers("report"))
            above = governing_verb(reading.trigger)  # "documents suggested Belgrade had agreed to provide"
            own = ctx.words("refusal") | ctx.words("future")  # not "ruled out sending", "agreed to supply"
            while above is not None and lemma(above) in own:
                above = governing_verb(above)
            sourced = sourced or above is not None
            if statuses in ({"planned"}, {"denied"}) and reading.subject_keys and not sourced:  # "will deliver"
                stance = "commit" if statuses == {"planned"} else "deny"
                out.add(reading.subject_keys, stance, f"statement.supplier.{stance}", 0.7, reading.transfers[0])
            continue
        if voice.stance is not None:
            asserted = reading.transfers and all(t.status != "planned" for t in reading.transfers)
            outer = _outer_speech(voice, voices) if asserted and reading.trigger.pos_ == "VERB" else None
            if outer is None:
                continue
            voice = outer  # "Campbell said the US is concerned by Russia providing China ...": Campbell's claim
        states = ctx.parties_of(voice.speakers)
        planned = bool(reading.transfers) and all(t.status == "planned" for t in reading.transfers)
        if not states and planned and reading.subject_keys and _untold_officials(ctx, voice.speakers):
            states = set(reading.suppliers)  # "Foreign Minister Colonna announced that Paris would deliver"
        if reading.negated and reading.armed and states & {*reading.suppliers, *reading.recipients}:
            out.add(voice.speakers, "deny", "statement.voice.deny", 0.75, None)
        verb = reading.trigger.pos_ in ("VERB", "AUX")
        if reading.unaddressed and not reading.transfers and states & set(reading.suppliers):
            stance = "commit" if reading.unaddressed == "planned" else "admit"  # '"We do export our shells," X said'
            out.add(voice.speakers, stance, f"statement.voice.{stance}", 0.65, None)
        for t in reading.transfers:
            if not verb and t.supplier not in states:
                continue  # a transfer named by a noun is the topic of the speech, not its claim
            if t.supplier in states:  # announcing a delivery, even one under way, commits; a done one admits
                ongoing = any(lemma(a) in ctx.words("ongoing") for a in reading.trigger.ancestors)
                stance = "commit" if t.status == "planned" or ongoing else "admit"
                stance = "deny" if t.status == "denied" else stance  # "saying Tehran had not supplied missiles"
                out.add(voice.speakers, stance, f"statement.voice.{stance}", 0.75, t)
            elif states and t.recipient not in states:
                out.add(voice.speakers, "allege", "statement.voice.allege", _said(voice, reading.trigger), t)
            elif not states and _observers(ctx, voice.speakers):  # "a UN expert said Russia supplied the junta"
                out.add(voice.speakers, "allege", "statement.observer.allege", 0.6, t)
    for strike, tok in strikes:
        voice = voice_of(tok, voices)
        if voice is None or voice.stance is not None:
            continue
        states = ctx.parties_of(voice.speakers)
        allies = {s.attacker for s, t in strikes if t.i == tok.i}  # "U.S. and British forces struck", the Pentagon said
        if strike.attacker in states or allies & states:
            out.add(voice.speakers, "admit", "statement.voice.admit", 0.75, strike)
        elif (states or _untold_officials(ctx, voice.speakers)) and not reprisal_cause(ctx, tok):
            out.add(voice.speakers, "allege", "statement.voice.allege", _said(voice, tok), strike)  # the victim accuses


def read_statements(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice], readings: list[SupplyReading],
                    strikes: list[tuple[Strike, Token]]) -> list[Statement]:  # fmt: skip
    """The statements of one sentence, given its voices, supply readings and strikes."""
    out = StatementSink(sent, ctx)
    transfers = [t for r in readings for t in r.transfers]
    about: Transfer | Strike | None = transfers[0] if transfers else (strikes[0][0] if strikes else None)
    for trig in sent.triggers("stance"):
        tok = sent.head(trig)
        value = trig.value or "concern"
        if value == "commit" and _perpetrated(ctx, tok):
            value = "condemn"  # "said Turkish forces had committed a flagrant violation": the speaker condemns
        others = [v for v in voices if v.verb is None or v.verb.i != tok.i]
        voice = voice_of(tok, others)
        if tok.lower_ in ADVERBS:
            if voice is not None and voice.stance is None:
                out.add(voice.speakers, "allege", "statement.adverb.allege", 0.6, about)
            continue
        if not_a_stance(tok, value, sent, ctx, voices):
            continue
        if _said_by_the_same_stance(ctx, sent, tok, value, voice):
            continue  # "warning that South Korea would respond": what the warning says, no second warning
        worded = any(sent.doc[i - sent.offset].dep_ == "neg" for i in range(trig.start, trig.end))  # "not hesitate"
        undone = value == "deny" and trig.end - trig.start == 1 and denial_negated(tok)  # "did not deny"
        if (value != "deny" and negated(tok) and not worded) or undone or conditional(tok):
            continue
        if contrasted(tok, ctx.words("contrast")):
            continue
        speakers, how = _stance_speakers(tok, value, sent, ctx, voice, voices)
        if value == "admit" and _others_act(ctx, tok, speakers, readings, strikes):
            value = "allege"  # "confirmed that the rockets were supplied by Iran": Iran's act, not theirs
        elif value == "admit" and planned_object(sent, ctx, tok):
            value = "commit"  # "confirmed the potential sale": a supply still to come
        elif value == "commit" and attack_promised(sent, tok, ctx.words("threat_word")):
            value = "warn"  # "vowed to keep up attacks on Israel": a threat, not a pledge
        elif value == "allege" and lemma(tok) == "claim" and claims_an_attack(sent, ctx, tok):
            value = "admit"  # "the militia claimed a drone attack on a US base": its own attack
        target = about if about is not None else (ctx.last_event if value in ("allege", "condemn") else None)
        confidence = {"subject": 0.85, "spokesperson": 0.8, "voice": 0.7}.get(how, 0.6) - _VAGUE.get(value, 0.0)
        out.add(speakers, value, f"statement.stance.{value}.{how}", confidence, target)
        if value == "allege":  # "accused Thailand of brutal aggression" also condemns
            charge = [w for o in prep_objects(tok, {"of"}) for w in (o, *(c for c in o.children if c.dep_ == "amod"))]
            if any(lemma(w) in ctx.words("condemnation_word") for w in charge):
                out.add(speakers, "condemn", f"statement.stance.condemn.{how}", confidence, target)
    _party_stances(out, voices, readings, strikes)
    for voice, stance in own_strike_stances(sent, ctx, voices):  # "Israel would hit Beirut if ...", Katz said
        out.add(voice.speakers, stance, f"statement.own_strike.{stance}", 0.7, None)
    for voice in threatened_reprisals(sent, ctx, voices):  # '"Our response will be harsh," Putin said'
        out.add(voice.speakers, "warn", "statement.threat.warn", 0.65, None)
    for voice in own_pledges(sent, ctx, voices):  # "Berlin would extend its air policing", Pistorius said
        out.add(voice.speakers, "commit", "statement.pledge.commit", 0.6, None)
    for voice in rebuttals(sent, ctx, voices):  # "the group maintains it does not receive support"
        out.add(voice.speakers, "deny", "statement.rebuttal.deny", 0.7, None)
    for voice, stance in self_defence_stances(sent, ctx, voices):  # "X said Israel has the right to defend itself"
        out.add(voice.speakers, stance, f"statement.self_defence.{stance}", 0.6, None)
    if not readings and not strikes:
        about_the_last_event(out, voices)
    if not strikes and not any(r.transfers for r in readings):
        about_the_strike(out, voices)
    abetting(out, voices)
    unclaimed(out, voices)
    untargeted(out, voices)
    duties(out, voices)
    return out.made
