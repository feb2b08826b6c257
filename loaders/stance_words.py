"""Which uses of a stance word state someone's stance, and what a stance word says beyond its
value: "government-supported groups" and "close air support" state none; "claimed a drone
attack" owns an attack; "vowed to keep up attacks" threatens; "confirmed the potential sale"
commits to a supply still to come.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .dates import DAY_NAMES
from .roles import (
    agents,
    direct_objects,
    is_passive,
    lemma,
    prep_objects,
    subjects,
    verb_read_as_noun,
)
from .sentence import ParsedSentence, event_nouns
from .voices import Voice, asked_of, voice_of

__all__ = [
    "ADVERBS",
    "attack_promised",
    "claims_an_attack",
    "clausal",
    "not_a_stance",
    "planned_object",
    "stance_sources",
]

ADVERBS = {"allegedly", "reportedly", "purportedly"}
_QUESTION = frozenset({"how", "whether", "why", "what", "if", "who", "when"})
"""Adverbs that make the reporter's sentence an allegation by whoever it quotes."""


def stance_sources(tok: Token) -> list[Token]:
    """Who a stance noun comes from ("condemnation from Beijing", "criticism by the EU", "drew
    protests from Seoul", "recalled its envoy in protest")."""
    found = [*prep_objects(tok, {"from", "by"}), *(prep_objects(tok.head, {"from"}) if tok.dep_ == "dobj" else [])]
    holder = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "with") else None
    if holder is not None and holder.dep_ == "dobj" and holder.pos_ in ("NOUN", "PROPN"):
        holder = holder.head  # "following developments with great concern"
    if not found and holder is not None and holder.pos_ == "VERB":
        found = subjects(holder)  # "Armenia recalled its ambassador in protest at the sales"
    return found


def clausal(tok: Token) -> bool:
    """A stance word that heads its clause: a verb (also one the parse reads as a noun with a
    subject and an object), or an adjective with a subject or after "be" ('it was "deeply
    concerned"', "Seoul is alarmed")."""
    if tok.pos_ in ("VERB", "AUX") or verb_read_as_noun(tok):  # also "Iran reserves all options"
        return True
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return tok.pos_ == "ADJ" and (subject or tok.dep_ == "acomp")


def _hopes_others_act(tok: Token) -> bool:
    """ "hope" as a verb over a clause whose subject is others ("hoped both sides would show
    restraint"), not the speaker among them ("hoped the two would work together", "we")."""
    hoped = [s for c in tok.children if c.dep_ == "ccomp" for s in subjects(c)]
    among = any(s.lower_ in ("we", "us") or (s.pos_ == "NUM" and s.lower_ == "two") for s in hoped)
    return tok.pos_ == "VERB" and bool(hoped) and not among


def presses_someone(sent: ParsedSentence, tok: Token) -> bool:
    """ "press" that demands: an actor pressed ("pressed Tehran"), pressed "to" act or "for" something."""
    asked = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    demand = any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "for") for c in tok.children)
    return demand or bool(sent.phrase_actors_of(asked))


def claims_an_attack(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> bool:
    """ "claimed" with an attack as its object ("claimed a drone attack"), or with a clause in
    which the claimant itself attacked ("claimed it had carried out a massive strike"), is a
    claim of responsibility."""
    nouns = sent.trigger_heads("strike_noun")
    if any(c.dep_ == "dobj" and c.i in nouns for c in tok.children):
        return True
    verbs = sent.trigger_heads("strike")
    claimants = ctx.parties_of(t.key for t in sent.phrase_actors_of(subjects(tok)) if t.key)
    for clause in (c for c in tok.children if c.dep_ == "ccomp" and lemma(c) not in ctx.words("downing")):
        doers = ctx.parties_of(t.key for t in sent.phrase_actors_of(subjects(clause), weapons=True) if t.key)
        own = [s.lower_ for s in subjects(clause)] in (["it"], ["we"], ["they"]) or bool(claimants & doers)
        hit = clause.i in verbs or lemma(clause) in ctx.words("impact_verb")  # "its jets had destroyed an S-400"
        attack = hit or any(c.dep_ == "dobj" and c.i in nouns for c in clause.children)
        if own and attack:
            return True
    return False


def attack_promised(sent: ParsedSentence, tok: Token, reprisals: frozenset[str] = frozenset()) -> bool:
    """A pledge whose clause holds an attack and no supply ("promised to strike back", not
    "pledged to send Patriots to repel attacks"), or whose object is a reprisal ("promised an
    adequate response"; ``reprisals``: grammar.tsv threat_word)."""
    attacks = sent.trigger_heads("strike", "strike_noun")
    supplies = sent.trigger_heads("supply", "supply_noun")
    held = {t.i for c in tok.children if c.dep_ in ("xcomp", "ccomp") for t in c.subtree}
    if any(c.dep_ == "dobj" and lemma(c) in reprisals for c in tok.children):
        return True
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]  # "promised that Israel's response would be severe"
    if any(lemma(s) in reprisals for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass")):
        return True
    for c in tok.children:  # "promised to respond", "vowed to punish Israel"; not "to punish those responsible"
        if c.dep_ == "xcomp" and lemma(c) in reprisals:
            objects = [o for o in c.children if o.dep_ == "dobj"]
            if not objects or sent.phrase_actors_of(objects):
                return True
    return bool(held & attacks) and not held & supplies


def planned_object(sent: ParsedSentence, ctx: ArticleContext, tok: Token) -> bool:
    """The stance verb's object is a supply still to come ("the potential sale", "a planned
    delivery", "the aid package")."""
    nouns = sent.trigger_heads("supply_noun")
    future = ctx.words("future")
    for obj in (c for c in tok.children if c.dep_ == "dobj" and c.i in nouns):
        if lemma(obj) in future or any(c.dep_ == "amod" and lemma(c) in future for c in obj.children):
            return True
    return False


def _in_a_document(tok: Token, ctx: ArticleContext) -> bool:
    """``tok`` sits in the clause of a verb whose subject is a document or report, not a speaker
    ("the leaks suggested that ...", ``grammar.tsv``: document_noun)."""
    node = tok
    while node.dep_ in ("ccomp", "xcomp") and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "nsubj" and lemma(c) in ctx.words("document_noun") for c in node.children
        ):
            return True
    return False


def not_a_stance(tok: Token, value: str, sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> bool:
    """Uses of a stance word that state no one's stance: a qualifier ("government-supported
    groups", "a press release"), a purpose clause ("deployed jets to support the militia"),
    a stance noun no one holds ("close air support"), a negated noun ("there is no denying")."""
    if tok.dep_ in ("amod", "compound", "nmod") and tok.lower_ not in ADVERBS:
        return True
    if tok.pos_ == "NOUN" and lemma(tok) in ctx.words("quarrel_noun"):
        return True  # "locked in a dispute with Ethiopia": a quarrel, no one's denial
    bare = not any(c.dep_ in ("nsubj", "aux") for c in tok.children)
    asked = bare and (tok.tag_ == "VBN" or (tok.dep_ == "advcl" and tok.tag_ == "VBD"))  # "Peskov, asked about"
    if value == "call_on" and asked and (lemma(tok) == "ask" or not sent.phrase_actors_of(agents(tok))):
        return True  # "Asked about the figure, Vucic said", "when asked": someone asked the speaker
    about = any(c.dep_ == "prep" and c.lower_ == "about" for c in tok.children)  # "Peskov, asked about the curbs,"
    asking = [c.left_edge for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.i > tok.i]
    if value == "call_on" and lemma(tok) == "ask" and (about or any(w.lower_ in _QUESTION for w in asking)):
        return True  # "asking how South Koreans would feel": a question, not a request
    standing = value == "support" and lemma(tok) in ("support", "back") and tok.tag_ in ("VBZ", "VBP", "VBG")
    if standing and voice_of(tok, [v for v in voices if v.verb is None or v.verb.i != tok.i]) is None:
        return True  # "The U.S. backs the Saudi-led coalition": a standing policy the reporter states
    about = lemma(tok) == "concern" and tok.tag_ in ("VBZ", "VBP", "VBD") and bool(direct_objects(tok))
    if value == "concern" and about and not is_passive(tok):
        return True  # "the Taiwan question concerns China's sovereignty": what it is about
    if value == "concern" and tok.tag_ == "VBG" and any(c.dep_ in ("dobj", "pobj") for c in tok.children):
        return True  # "the committee concerning Libya": "regarding", no one's concern
    thanked = direct_objects(tok) if value == "support" and lemma(tok) == "thank" else []
    officials = ctx.words("role_plural")  # "thanked both leaders", "thanked them": someone's side
    if (
        thanked
        and not sent.phrase_actors_of(thanked)
        and not any(lemma(o) in officials or o.pos_ == "PRON" for o in thanked)
    ):
        return True  # "thanked the pilots for their combat work": praise of its own people, no side supported
    if value == "call_on" and lemma(tok) == "hope" and not _hopes_others_act(tok):
        return True  # "raised hopes of a truce", "hopes to deliver": no one asked to act
    if value == "call_on" and lemma(tok) == "press" and not presses_someone(sent, tok):
        return True  # "as the government pressed its offensive", "pressed ahead"
    if value == "warn" and tok.tag_ in ("VBD", "VBN") and lemma(tok) in ctx.words("reprisal"):
        return True  # "Pakistan retaliated with artillery fire": a reprisal done, not threatened
    if any(c.dep_ in ("det", "neg", "nsubj") and c.lower_ == "no" for c in tok.children):
        return True  # "there is no denying it"
    if any(c.dep_ == "advmod" and c.lower_ in ctx.words("charge_adverb") for c in tok.children):
        return True  # "Serbia had allegedly committed to supplying": a charge against it, not its word
    if _in_a_document(tok, ctx):
        return True  # "the leaks suggested that Serbia had committed to": what papers say of it
    if tok.pos_ == "NOUN" and any(c.dep_ == "relcl" and any(v.verb is c for v in voices) for c in tok.children):
        return True  # ", a charge the UAE has denied": what the clause's speaker rejects, not their stance
    stance_heads = [(sent.head(t).i, t.value) for t in sent.triggers("stance")]
    denials = {i for i, v in stance_heads if v == "deny"}
    owner = any(c.dep_ in ("poss", "amod", "compound") and sent.token_tag(c) is not None for c in tok.children)
    if tok.pos_ == "NOUN" and value != "deny" and not owner and tok.head.i in denials and tok.dep_ in ("nsubj", "dobj"):
        return True  # the same, parsed as "a charge ... denied" ("denied Indian claims": India's claims)
    near = [*tok.children, *(g for c in tok.children if c.dep_ == "aux" for g in c.children)]
    party_denies = value == "deny" and tok.dep_ == "relcl" and sent.token_tag(tok.head) is not None
    if any(c.dep_ == "nsubj" and c.lower_ == "which" for c in near) and not party_denies:
        return True  # "..., which would have concerning implications" (not "Russia, which denies targeting ...")
    events = sent.trigger_heads("strike_noun", "supply_noun")
    blaming = value == "allege" and tok.head.i in events  # "an attack Baghdad blamed on Turkey"
    # "the UAE, which he accused of sponsoring the offensive": the speaker's own charge, not background
    speaker_again = any(c.dep_ == "nsubj" and c.lower_ in ("he", "she", "it", "they") for c in tok.children) and any(
        c.dep_ == "dobj" and c.lower_ in ("which", "whom", "who") for c in tok.children
    )
    objected = any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in tok.children)
    named_subject = any(c.dep_ == "nsubj" and sent.phrase_actors(c) for c in tok.children)
    speaker_again = speaker_again or (objected and named_subject)
    # "a separate package for Taiwan, which China also condemned": China's stance on the package
    onward = any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in tok.children)  # "India, where he warned"
    # "Israel closed the crossing, a move Cairo condemned": Cairo's stance on it
    summing_up = _summing_up(tok, sent)
    if tok.dep_ == "relcl" and value != "deny" and not (blaming or speaker_again or onward or summing_up):
        return True  # "the United States, which backs the campaign, said ...": background, not this statement
    by = any(c.dep_ == "agent" for c in tok.children)
    described = tok.tag_ == "VBG" or (
        by and value != "deny"
    )  # "jets pledged by Denmark"; not "a charge denied by Tehran"
    if tok.dep_ == "acl" and described and lemma(tok.head) not in ctx.words("medium"):
        return True  # "the coalition supporting the government", "fighters backed by Rwandan troops": a description
    framing = {i for i, v in stance_heads if v in ("deny", "allege", "condemn")}
    if value != "deny" and framing and not owner:  # "denied Indian claims": the claims are India's
        node = tok
        while node.dep_ in ("xcomp", "pcomp", "ccomp", "prep", "pobj", "dobj") and node.head.i != node.i:
            node = node.head
            rebuttal = node.i > tok.i and any(lemma(w) in ctx.words("allegation") for w in sent.doc[tok.i + 1 : node.i])
            if node.i in framing and not rebuttal:  # ", a charge Abu Dhabi denies": a rebuttal after it
                return True  # "denied supporting M23", "accused Iran of backing": the content, not a stance
    if value != "deny" and tok.dep_ == "xcomp" and lemma(tok.head) in ctx.words("refusal"):
        return True  # "declined to confirm the strikes", "refused to condemn": no such stance
    if tok.dep_ == "pcomp" and tok.head.lower_ == "by" and value in ("support", "commit"):
        return True  # "the sales would serve US interests by supporting Taiwan's efforts": a means
    objects = direct_objects(tok)
    if (
        value == "commit"
        and lemma(tok) == "commit"
        and any(lemma(o) in ctx.words("condemnation_word") | event_nouns(ctx.lexicon) for o in objects)
    ):
        return True  # "committed a flagrant violation", "committed an attack": a deed, no pledge
    clauses = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    owned = any(lemma(o) in event_nouns(ctx.lexicon) | ctx.words("responsibility") for o in objects)
    on = tok.doc[tok.i + 2] if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "on" else None
    if value == "call_on" and tok.pos_ == "NOUN" and on is not None and on.text in DAY_NAMES:
        return True  # "in a phone call on Monday": a call made, no call on anyone
    speech = sent.trigger_heads("report")
    # "experts said Rwanda armed the rebels, which Kigali denies": Kigali's own word
    own_voice = tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and sent.phrase_actors(c) for c in tok.children)
    for verb in (a for a in tok.ancestors if a.i in speech and a.i < tok.i and not own_voice):
        said_by = subjects(verb)
        # not "A ministry official, Reem Ketait, said": the name set beside the noun speaks
        named_beside = any(c.dep_ == "appos" and sent.token_tag(c) for x in said_by for c in x.children)
        if (
            said_by
            and not named_beside
            and all(lemma(x) in ctx.words("anonymous") and not sent.token_tag(x) for x in said_by)
        ):
            return True  # "A US official said Washington had no involvement": an unnamed source's words
    events = sent.trigger_heads("strike", "strike_noun", "supply", "supply_noun")
    said = [t for c in tok.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree]
    if lemma(tok) == "claim" and value == "allege" and said and not any(t.i in events for t in said):
        own = {ctx.party_of(t.key) for t in sent.phrase_actors_of(subjects(tok))} - {None}
        parties = {p for w in said if (t := sent.token_tag(w)) is not None and (p := ctx.party_of(t.key))}
        if not own or not parties - own or parties & own:
            return True  # 'Trump claimed that no Americans had been harmed': no claim about another party alone
    if lemma(tok) == "claim" and objects and not clauses and not owned:
        return True  # "Beijing claims the entire South China Sea": a territorial claim, no allegation
    wished = tok
    while wished.dep_ in ("xcomp", "ccomp") and wished.head.i != wished.i:
        wished = wished.head
        if lemma(wished) in ctx.words("wish_verb"):
            return True  # "said he expected Russia and Iran to support Turkey": hoped for, not said by them
    if asked_of(tok, sent):
        return True  # "it is essential that the Council hold them to account": what is asked
    calls = {i for i, v in stance_heads if v == "call_on"}
    node = tok
    while value != "call_on" and node.dep_ in ("xcomp", "pcomp", "prep", "pobj") and node.head.i != node.i:
        node = node.head
        if node.i in calls:
            return True  # "called on the Houthis to stop threatening civilians": what is asked, not a stance
    purpose = tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if purpose and value in ("support", "commit", "admit"):  # not "summoned the envoy to protest"
        governor = tok.head
        if not any(v.verb is not None and v.verb.i == governor.i for v in voices):
            return True
    if not clausal(tok) and tok.lower_ not in ADVERBS:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
        spoken = {v.verb.i for v in voices if v.verb is not None} | {
            t.i for t in sent.doc if lemma(t) in ctx.words("light_verb")
        }
        owned = value != "support" and any(c.dep_ == "poss" for c in tok.children)  # "Iran's support": aid
        there = tok.dep_ == "attr" and any(
            c.dep_ == "expl" for c in tok.head.children
        )  # "there would be repercussions"
        there = there or (tok.dep_ == "attr" and value == "warn")  # "the convoys would be legitimate targets"
        sources = stance_sources(tok)  # "condemnation from Beijing", "it watched with concern"
        sourced = value != "support" and (
            bool(sent.phrase_actors_of(sources)) or any(s.pos_ == "PRON" for s in sources)
        )
        named = lemma(tok) in ctx.words("condemnation_word") and any(c.dep_ == "det" for c in tok.children)
        sourced = sourced or named  # '"... for this crime," he said': the speaker names the event
        held = (
            owned or there or sourced or (tok.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and tok.head.i in spoken)
        )
        if not held:
            return True  # "receiving military technology support", "close air support"
    return False


def _summing_up(tok: Token, sent: ParsedSentence) -> bool:
    """``tok`` is the verb of a clause on a noun set off after the main clause that sums it up,
    with a named subject of its own (", a move Cairo condemned", ", a decision Moscow welcomed")."""
    head = tok.head
    left = head.left_edge.i
    named = any(c.dep_ == "nsubj" and sent.token_tag(c) is not None for c in tok.children)
    return named and head.dep_ in ("npadvmod", "appos") and left > 0 and tok.doc[left - 1].text == ","
