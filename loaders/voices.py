"""Voices: the speech and stance verbs of a sentence and who speaks through each.

A *voice* is a verb of saying ("said", "told", "according to") or a stance verb
("condemned", "denied", "accused") with its speakers.  Events and stances inside a voice's
clausal complement are framed by it: "X said Y supplied Z" is X's statement about a transfer;
"X denied supplying Z" makes X's transfer ``denied``; a "we" or "it" inside the complement is
the voice's speaker.  A sentence that opens inside a quote and has no voice of its own takes
the voice of the sentence before (a quote that goes on).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .context import ArticleContext
from .roles import direct_objects, lemma, path_up, prep_objects, subjects
from .sentence import ParsedSentence
from .speakers import names_one_state, speaker_keys, speakers_of

__all__ = ["Voice", "asked_of", "find_voices", "pronoun_actors", "reporter_of", "voice_of"]

_OPEN_QUOTES = {'"', "“", "‘", "'"}


@dataclass(slots=True)
class Voice:
    """A verb of saying or a stance verb (``None`` for a quote that goes on) and its speakers."""

    verb: Token | None
    speakers: tuple[str, ...]
    stance: str | None = None
    objects: tuple[str, ...] = ()
    """The actors a stance verb addresses ("accused Tehran"), whom a later "it" may stand for."""


def _opens_in_quote(sent: ParsedSentence) -> bool:
    first = next((t for t in sent.doc if not t.is_space), None)
    view = sent.span.view
    glued = sent.offset > 0 and view[sent.offset - 1].text in _OPEN_QUOTES and not view[sent.offset - 1].whitespace_
    return first is not None and (first.text in _OPEN_QUOTES or glued)


def find_voices(sent: ParsedSentence, ctx: ArticleContext) -> list[Voice]:
    """The sentence's voices, in order: speech verbs, then stance verbs."""
    voices: list[Voice] = []
    for trig in sent.triggers("report", "stance"):
        tok = sent.head(trig)
        judgment = (lemma(tok) == "be" and trig.end - trig.start == 1) or lemma(tok) in ctx.words("judging_verb")
        if trig.event == "stance" and (tok.pos_ not in ("VERB", "AUX") or judgment):
            continue  # a stance noun, or a judgment ("the sale was illegal") that the sentence's speaker makes
        if trig.event == "stance" and asked_of(tok, sent):
            continue  # "it is essential that the Council hold them to account": what is asked of the Council
        if lemma(tok) in ctx.words("clause_report") and not any(c.dep_ == "ccomp" for c in tok.children):
            continue  # "the shells found their way to Ukraine": no one speaks
        if lemma(tok) == "accord":
            to = prep_objects(tok, {"to"})
            keys = [k for t in to for k in speaker_keys(t, sent, ctx)]
        elif trig.value == "concern":  # "the bloc was alarmed by the transfer": the bloc, not the transfer
            keys = [k for t in subjects(tok) for k in speaker_keys(t, sent, ctx)]
        else:  # "G7 leaders said they condemned": "they" as the reporting clause names them
            outer = voice_of(tok, [v for v in voices if v.stance is None]) if trig.event == "stance" else None
            keys = speakers_of(tok, sent, ctx, outer.speakers if outer is not None else ())
        if keys:
            objects = tuple(t.key for t in sent.phrase_actors_of(direct_objects(tok)) if t.key)
            voices.append(
                Voice(tok, tuple(dict.fromkeys(keys)), trig.value if trig.event == "stance" else None, objects)
            )
    if not any(v.stance is None for v in voices) and ctx.last_reporter and (_opens_in_quote(sent) or ctx.inside_quote):
        voices.append(Voice(None, ctx.last_reporter))
    return voices


def asked_of(tok: Token, sent: ParsedSentence) -> bool:
    """``tok`` heads what a call asks of someone ("it is essential that the Council hold the
    militias to account"): the clause of "it is essential/vital that", not a stance of its own."""
    head = tok.head
    return (
        tok.dep_ == "ccomp"
        and lemma(head) == "be"
        and head.i in sent.trigger_heads("stance")
        and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children)
    )


def _in_subject(token: Token, verb: Token) -> bool:
    """``token`` is part of who speaks ("Israel, one of the main suppliers of drones to
    Azerbaijan, said ..."), not of what is said."""
    path = path_up(token, verb) or []
    return bool(path) and path[-1].dep_ in ("nsubj", "nsubjpass")


def voice_of(token: Token, voices: list[Voice]) -> Voice | None:
    """The nearest voice whose verb governs ``token``; else a quote's voice or the sentence's
    main speech verb, when ``token`` is not part of that verb's subject."""
    ancestors = [a.i for a in token.ancestors]
    best: Voice | None = None
    best_depth = len(ancestors) + 1
    for v in voices:
        if v.verb is not None and v.verb.i in ancestors and not _in_subject(token, v.verb):
            depth = ancestors.index(v.verb.i)
            if depth < best_depth:
                best, best_depth = v, depth
    if best is not None:
        return best
    for v in voices:
        if v.verb is None:
            return v
        reporting = (
            v.verb.dep_ in ("ROOT", "parataxis", "dep")
            or (v.verb.dep_ == "advcl" and v.verb.head.dep_ == "ROOT")
            or _trailing_report(v.verb)
        )
        interrupted = any(c.dep_ in ("nsubj", "nsubjpass") and c.i < v.verb.i for c in token.children)
        after = v.verb.dep_ == "parataxis" and token.i > max(t.i for t in v.verb.subtree) and not interrupted
        if v.stance is None and reporting and token.i not in {t.i for t in v.verb.subtree} and not after:
            return v  # not "..., the military said, a day after a drone hit Tel Aviv": the reporter's
        if v.stance is None and lemma(v.verb) == "accord":
            return v
    return None


def _trailing_report(verb: Token) -> bool:
    """``verb`` is a reporting clause the parser joined to the sentence it reports ("The US will
    provide $3 billion in aid, Blinken announced": a conjunct with its own subject, no "and"
    before it and no words of its own)."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ROOT" or verb.i < head.i:
        return False
    joined = any(c.dep_ in ("cc", "preconj") and head.i < c.i < verb.i for c in head.children)
    own_subject = any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
    own_words = any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in verb.children)
    comma = verb.doc[verb.left_edge.i - 1].text == "," if verb.left_edge.i > 0 else False
    return not joined and own_subject and not own_words and comma


def reporter_of(token: Token, voices: list[Voice], clause: Token | None = None) -> Voice | None:
    """The speech voice whose words hold ``token``, when ``clause`` (the verb of those words) is
    not that voice's own verb ("Pistorius said Berlin would extend its mission": Pistorius); no
    stance verb's voice, no quote that goes on."""
    voice = voice_of(token, voices)
    if voice is None or voice.stance is not None or voice.verb is None:
        return None
    return None if clause is not None and voice.verb.i == clause.i else voice


_STATE_ANAPHORS = frozenset({"country", "kingdom", "republic"})


def _anaphor_actors(token: Token, voices: list[Voice], ctx: ArticleContext) -> list[str]:
    """ "the group" or "the country" inside a voice's complement ("Saree said the group had
    targeted the ship"): the speakers' armed group or body, or their state."""
    word = token.lemma_.lower()
    if word not in ctx.words("anaphor") or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return []
    if any(c.dep_ in ("amod", "compound", "prep", "relcl", "acl") for c in token.children):
        return []  # "the Iranian-backed group", "the group of experts": someone named, not the speaker
    voice = voice_of(token, voices)
    if voice is None or voice.verb is None or (voice.verb.i == token.head.i and token.dep_ == "nsubj"):
        return []
    parties = [p for p in (ctx.party_of(k) for k in voice.speakers) if p]
    states = word in _STATE_ANAPHORS
    return [p for p in dict.fromkeys(parties) if p.startswith("state:") == states]


def pronoun_actors(token: Token, voices: list[Voice], ctx: ArticleContext) -> list[str]:
    """The actors an event's pronoun subject stands for: "we"/"it"/"they" inside a voice's
    complement are its speakers' states ("China denied it had supplied ..."); so is the owner
    of "its forces" or "our troops"."""
    if token.pos_ != "PRON":
        owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"]
        if owners:
            return pronoun_actors(owners[0], voices, ctx)
        return _anaphor_actors(token, voices, ctx)
    voice = voice_of(token, voices)
    if voice is None:  # "It bought Bayraktar drones from Turkey": the party the last sentence was about
        if token.lower_ not in ("it", "its"):
            return []
        main = token.dep_ == "nsubj" and token.head.dep_ == "ROOT"
        party = ctx.last_subject if main else ctx.sentence_subject or ctx.last_subject  # "..., when it took"
        return [party] if party else []
    if token.lower_ in ("it", "they", "its", "their") and voice.stance is not None and voice.objects:
        named = [p for p in (ctx.party_of(k) for k in voice.objects) if p]
        if named:  # "accused Tehran of playing down how many drones it had supplied": Tehran
            return named
    third = token.lower_ in ("it", "they", "its", "their")
    if voice.verb is None and third:
        return []  # a quote that goes on: '"It provides the militia with drones."' is someone else
    if token.lower_ in ("they", "their") and names_one_state(voice.speakers):
        return []  # "Saudi Arabia condemned the attacks, saying they targeted ...": a state is "it"
    if third or token.lower_ in ("we", "i", "our"):
        return [s for s in (ctx.party_of(k) for k in voice.speakers) if s]
    if token.lower_ in ("his", "her") and voice.verb is not None:  # "X said his forces had targeted the airport"
        return [s for s in (ctx.party_of(k) for k in voice.speakers if k.startswith("person:")) if s]
    return []
