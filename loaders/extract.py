"""Extraction: a pure function from an article to facts with evidence.

>>> from armskg.loaders.article import Article
>>> art = Article.from_text("t1", "Iran supplied Russia with Shahed-136 drones, officials said.", date="2022-10-18")
>>> ex = extract(art)
>>> [(t.supplier, t.recipient, t.weapon, t.designation) for t in ex.transfers]
[('state:IRN', 'state:RUS', 'drone', 'Shahed-136')]
>>> ex.transfers[0].evidence.sentence
'Iran supplied Russia with Shahed-136 drones, officials said.'
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .article import Article
from .article_strikes import attribute_internal, fold_unarmed_strikes
from .context import ArticleContext
from .dates import year_hint
from .doc_view import DocView, SpanView
from .entities import unlisted_speakers
from .events import read_sentence
from .facts import Extraction, Mention
from .lexicon import Lexicon, load_lexicon
from .parsing import parse_sentences
from .roles import TO_COME
from .sentence import ParsedSentence, object_triggers, verb_object_pairs
from .signatories import signatory_group
from .tagging import Tag, state_actor, tag_document
from .text import prepare
from .weapons import maker_before

_EVENT_TRIGGERS = frozenset({"report", "stance", "supply", "supply_noun", "strike", "strike_noun"})
"""Trigger kinds that make a sentence worth parsing."""

__all__ = ["extract"]


def extract(article: Article, lexicon: Lexicon | None = None, *, lexicon_dir: Path | None = None) -> Extraction:
    """Read the actors, transfers, strikes and statements of one article.

    ``lexicon`` (or ``lexicon_dir``, a folder of extra lexicon rows) selects the
    lexicons; the bundled ones by default.  The function touches no store and no
    network: the same article always gives the same facts.
    """
    lex = lexicon or load_lexicon(lexicon_dir)
    prepared = prepare(article, lex)
    view = DocView(prepared.doc, prepared.text)
    extraction = Extraction()
    tags = tag_document(prepared.doc, lex, extraction, view)
    datelines = _datelines(view, tags)
    located: list[Mention] = []  # "talks in Beijing": a capital as a place names no actor
    for tag in tags:
        if tag.kind == "actor" and tag.key is not None and tag.start not in datelines:
            span = view.span(tag.start, tag.end)
            mention = Mention(tag.key, span.start_char, span.end_char, span.text)
            where = tag.via == "metonym" and tag.start > 0 and view[tag.start - 1].lower_ in _LOCATIVE
            (located if where or _only_a_place(view, tag, lex) else extraction.mentions).append(mention)
    year = article.date.year if article.date else year_hint(article.date_text)
    ctx = ArticleContext(article.date, year, extraction, lex)
    sentences = view.sentences()
    signatories, listed_from = signatory_group(view, sentences, tags, extraction)
    missiles = {t.value for t in tags if t.kind == "weapon" and t.value and "missile" in t.value}
    ctx.missile = missiles.pop() if len(missiles) == 1 else None
    ctx.producers = _producers(view, tags, lex.words("origin_participle"))
    by_sentence: dict[int, list[Tag]] = {}
    starts = [s.start for s in sentences]
    for tag in tags:
        index = _sentence_of(starts, tag.start)
        if index is not None:
            by_sentence.setdefault(index, []).append(tag)
    cues = _parse_cues(lex)
    worth = [_worth_parsing(sent, by_sentence.get(i, []), cues) for i, sent in enumerate(sentences)]
    chosen = [
        (sent, [t for t in by_sentence.get(i, []) if t.end <= sent.end]) for i, sent in enumerate(sentences) if worth[i]
    ]
    parsed = iter(_parse(view, chosen, lex, extraction))
    quoted = _inside_quotes(view.text, [view.span(s.start, s.end).start_char for s in sentences])
    for i in range(len(sentences)):
        before_the_list = sentences[i].start < listed_from and ctx.last_group  # "the ministers" of an earlier group
        ctx.signatories = () if before_the_list else signatories
        ctx.inside_quote = quoted[i]
        if worth[i]:
            read_sentence(next(parsed), ctx)
            continue
        ctx.saw_people(t.key for t in by_sentence.get(i, []) if t.kind == "actor")  # "X visited the school."
        ctx.last_subject = _first_party(view, ctx, by_sentence.get(i, [])) or ctx.last_subject
    _drop_repeated_headlines(extraction, [s for s in sentences if _is_headline(s)])
    attribute_internal(ctx)
    fold_unarmed_strikes(ctx)
    _mention_group_bases(extraction)
    _mention_owner_states(extraction, lex)
    in_events = {k for event_actors in _event_actors(extraction) for k in event_actors}
    extraction.mentions += [m for m in located if m.actor in in_events]  # "strikes in Damascus": struck
    used = {m.actor for m in extraction.mentions} | in_events
    for key in list(used):  # the state a group is based in, or a person or body serves, is described too
        actor = extraction.actors.get(key)
        used |= {k for k in (actor.based_in, actor.affiliation) if k} if actor is not None else set()
    for key in sorted(used - extraction.actors.keys()):  # a state known only by a place or a maker
        if key.startswith("state:") and key[6:] in lex.states:
            extraction.add_actor(state_actor(key, lex))
    extraction.actors = {k: a for k, a in extraction.actors.items() if k in used or _is_referenced(k, extraction)}
    return extraction


def _inside_quotes(text: str, starts: list[int]) -> list[bool]:
    """For each sentence start, whether it falls inside a quotation that opened before it and
    closes later in the same paragraph ('“These attacks threaten us all. It is essential that
    ...”, she said': the second sentence is inside the quote). A quotation its paragraph never
    closes is not trusted (text run together, a stray mark)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for at, char in enumerate(text):
        if char == "\n" and text.startswith("\n\n", at):
            opened = None
        elif char == "“" or (char == '"' and (at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–-")):
            opened = at  # a straight quote after a space opens; one after a word closes
        elif char in '”"' and opened is not None:
            spans.append((opened, at))
            opened = None
    return [any(a < start < b for a, b in spans) for start in starts]


_GOVERNED = frozenset({"in", "of", "to", "from", "with", "by", "on", "at", "for", "against", "into", "over"})


def _first_party(view: DocView, ctx: ArticleContext, tags: list[Tag]) -> str | None:
    """The party an unparsed sentence is about: its first state or armed group not after a
    preposition ("Ethiopia has relied on drones."), whom a later "it" may stand for."""
    for t in tags:
        party = ctx.party_of(t.key) if t.kind == "actor" else None
        if party and (t.start == 0 or view[t.start - 1].lower_ not in _GOVERNED):
            return party
    return None


_LOCATIVE = frozenset({"in", "at", "near", "outside"})


def _only_a_place(view: DocView, tag: Tag, lex: Lexicon) -> bool:
    """A capital named only as where something was agreed ("the Minsk agreements", "the Luanda
    process") or as a ship's name ("the landing ship Minsk"): no actor unless an event involves
    it (``grammar.tsv``: agreement_noun, vessel_noun)."""
    after = view[tag.end] if tag.end < len(view) else None
    agreed = tag.via == "metonym" and after is not None and after.lemma_.lower() in lex.words("agreement_noun")
    ship = tag.start > 0 and view[tag.start - 1].lemma_.lower() in lex.words("vessel_noun")
    return agreed or ship


def _parse(
    view: DocView, chosen: list[tuple[SpanView, list[Tag]]], lex: Lexicon, ex: Extraction
) -> list[ParsedSentence]:
    """Parse the chosen sentences in one batch, on the tagging pass's own tokens, and add
    the verb-object triggers and the unlisted speakers the parse finds."""
    words = [[tok.text for tok in sent] for sent, _ in chosen]
    spaces = [[tok.whitespace_ for tok in sent] for sent, _ in chosen]
    lemmas = [[tok.lemma_ or tok.text for tok in sent] for sent, _ in chosen]
    docs = parse_sentences(words, spaces, lemmas)
    pairs = verb_object_pairs(lex)
    parsed: list[ParsedSentence] = []
    for (sent, tags), doc in zip(chosen, docs, strict=True):
        found = [
            *object_triggers(doc, sent.start, tags, pairs, lex),
            *unlisted_speakers(doc, sent.start, tags, lex, ex),
        ]
        for tag in found:
            if tag.kind == "actor" and tag.key is not None:
                span = view.span(tag.start, tag.end)
                ex.mentions.append(Mention(tag.key, span.start_char, span.end_char, span.text))
        parsed.append(ParsedSentence(sent, doc, sorted([*tags, *found], key=lambda t: (t.start, t.end))))
    return parsed


def _producers(doc: DocView, tags: list[Tag], origin: frozenset[str]) -> dict[str, str]:
    """The one state an article names as maker of each kind of weapon (a designation's producer,
    or "Turkish-made"), used when a recipient is named without its supplier."""
    found: dict[str, set[str]] = {}
    state_tags = [a for a in tags if a.kind == "actor" and (a.key or "").startswith("state:")]
    for t in tags:
        if t.kind != "weapon" or not t.value:
            continue
        made = {t.producer} if t.producer else set()
        named = maker_before(doc, state_tags, t, origin)
        made |= {named} if named else set()
        found.setdefault(t.value, set()).update(made)
    return {category: next(iter(states)) for category, states in found.items() if len(states) == 1}


def _credited(view: DocView, i: int) -> bool:
    """A news agency's credit in brackets followed by a dash at token ``i`` ("(AFP) -")."""
    closing = i + 2
    return (
        closing + 1 < len(view)
        and view[i].text == "("
        and view[i + 1].text.isupper()
        and view[closing].text == ")"
        and view[closing + 1].text in ("-", "—", "–")
    )


def _datelines(view: DocView, tags: list[Tag]) -> set[int]:
    """Tokens of a dateline ("NAIROBI, Kenya -", "WASHINGTON (Reuters) -"): where the reporter
    filed from, which names no actor. A dateline opens a line with a city in capitals."""
    named = {i for t in tags if t.kind == "actor" and t.via != "metonym" for i in range(t.start, t.end)}
    found: set[int] = set()
    for start in range(len(view)):
        tok = view[start]
        opens_line = start == 0 or "\n" in view[start - 1].whitespace_ or view[start - 1].text.strip() == ""
        credited = tok.is_title and _credited(view, start + 1)  # "Nairobi (AFP) -"
        capitals = tok.text.isupper() and tok.text.isalpha() and len(tok.text) >= 4
        if not opens_line or not (capitals or credited) or start in named:
            continue
        after = view[start + 1].text if start + 1 < len(view) else ""
        if after not in (",", "-", "—", "–", "(", "/") and not after.isupper():
            continue
        end = start
        while end < len(view) and (view[end].text.isupper() or view[end].text == "/"):
            end += 1  # "JERUSALEM/CAIRO"
        if end < len(view) and view[end].text == ",":
            end += 1
            while end < min(len(view), start + 6) and view[end].is_title and view[end].text.isalpha():
                end += 1  # ", Kenya"
        if end < len(view) and view[end].text == "(":
            while end < min(len(view), start + 12) and view[end].text != ")":
                end += 1  # "(Reuters)"
        found.update(range(start, end + 1))
    return found


_NEGATIONS = frozenset({"not", "never", "no"})


@dataclass(frozen=True)
class _ParseCues:
    """The words, read once per lexicon, that make a sentence with no event trigger worth parsing."""

    spoken: frozenset[str]
    """Words that make what a speech verb says worth reading: a party abetting a war ("said China
    is fuelling the war"), a reprisal ("our response will be harsh"), a duty ("said Israel must
    explain"), a side's operation ("said the mission had devastated the programme")."""
    judging_verbs: frozenset[str]
    """Naming and one-word speech verbs ("called the report absurd", "said ... was inconclusive")."""
    judging_words: frozenset[str]
    pledges: frozenset[str]
    """Deeds a speaker's side may promise ("said Berlin would extend its mission")."""
    rebuttals: frozenset[str]
    """Speech verbs that answer a charge ("insisted it had not supplied") and acts a side is
    charged with ("said Russia was not interfering")."""
    pairs: dict[tuple[str, str], tuple[str, str]]


@functools.lru_cache(maxsize=8)
def _parse_cues(lex: Lexicon) -> _ParseCues:
    speech = frozenset(v.phrase for v in lex.verbs_for("report") if " " not in v.phrase)
    return _ParseCues(
        spoken=lex.words("abet")
        | lex.words("threat_word")
        | lex.words("harm_threat")
        | lex.words("duty")
        | lex.words("operation_noun"),
        judging_verbs=lex.words("naming_verb") | speech,
        judging_words=lex.words("denial_word")
        | lex.words("condemnation_word")
        | lex.words("justification_word")
        | lex.words("warning_word")
        | lex.words("concern_word")
        | lex.words("praise_word")
        | lex.words("excuse_noun")
        | lex.words("groundless_noun"),
        pledges=lex.words("pledge_verb"),
        rebuttals=lex.words("rebuttal_verb") | lex.words("contested_act"),
        pairs=verb_object_pairs(lex),
    )


def _worth_parsing(sent: SpanView, tags: list[Tag], cues: _ParseCues) -> bool:
    """A sentence with an event or stance trigger; one whose only trigger is a speech verb only when
    it quotes someone (a quote may go on in the next sentence), speaks of "this" (the event before)
    or says a party abets a war, threatens a reprisal or must act. Without a trigger, a sentence
    that judges ("called the report absurd", "said the evidence was inconclusive") or holds a
    verb-object trigger pair with words between ("expressed firm opposition", "take all
    necessary measures") is parsed too."""
    events = {t.event for t in tags if t.kind == "trigger" and t.event in _EVENT_TRIGGERS}
    if events - {"report"}:
        return True
    text = sent.text
    opening = text.rstrip().endswith(":")  # '... the ministry said:' before the quote it introduces
    if events and (
        any(q in text for q in _QUOTES) or opening or text.lstrip()[:5].lower().startswith(("this ", "that ", "it "))
    ):
        return True
    lemmas = [(tok.lemma_ or tok.text).lower() for tok in sent]
    if events and not cues.spoken.isdisjoint(lemmas):
        return True  # "said China is fuelling the war", "said Israel will be punished", "said Israel must explain"
    if events and TO_COME.intersection(lemmas) and cues.pledges.intersection(lemmas):
        return True  # "said Berlin would extend its mission"
    if events and cues.rebuttals.intersection(lemmas) and _NEGATIONS.intersection(lemmas):
        return True  # "insisted it had not supplied the drones", "said it was not interfering"
    words = set(lemmas)
    if words & cues.judging_verbs and words & cues.judging_words:
        return True
    return any((verb, noun) in cues.pairs for i, verb in enumerate(lemmas) for noun in lemmas[i + 2 : i + 6])


_QUOTES = ('"', "“", "”", "‘")


def _is_headline(sent: SpanView) -> bool:
    """A short line with no closing punctuation: a headline or subheading."""
    text = sent.text.strip()
    return bool(text) and len(sent) <= 20 and text[-1] not in ".!?\"”'’:;,"


def _drop_repeated_headlines(ex: Extraction, headlines: list[SpanView]) -> None:
    """A headline's statement that the body makes again is the body's: the headline gives no
    second statement (a headline-only statement stays, with the headline as its evidence)."""
    spans = [(h.start_char, h.end_char) for h in headlines]

    def in_headline(start: int) -> bool:
        return any(a <= start < b for a, b in spans)

    body = {(frozenset(s.speakers), s.stance) for s in ex.statements if not in_headline(s.evidence.start)}
    ex.statements = [
        s for s in ex.statements if not (in_headline(s.evidence.start) and (frozenset(s.speakers), s.stance) in body)
    ]


def _sentence_of(starts: list[int], token: int) -> int | None:
    i = bisect_right(starts, token) - 1
    return i if i >= 0 else None


def _mention_owner_states(ex: Extraction, lex: Lexicon) -> None:
    """A body whose name says its state ("the U.S. State Department", "the Israeli military")
    names that state too: a mention of it where the body is named."""
    named = {m.actor for m in ex.mentions}
    for mention in list(ex.mentions):
        actor = ex.actors.get(mention.actor)
        owner = (actor.affiliation or "") if actor is not None and actor.kind == "organization" else ""
        state = lex.states.get(owner[6:]) if owner.startswith("state:") and owner not in named else None
        if state is None:
            continue
        words = {w.removeprefix("the ") for w in (*state.names, *state.demonyms)}
        if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", mention.text) for w in words):
            ex.mentions.append(Mention(owner, mention.start, mention.end, mention.text))
            named.add(owner)


def _mention_group_bases(ex: Extraction) -> None:
    """An armed group that supplies, receives, strikes or is struck names the state it is based
    in ("Houthi drones hit Eilat" speaks of Yemen): a mention of that state where the group is named."""
    parties = {k for t in ex.transfers for k in (t.supplier, t.recipient)} | {
        k for s in ex.strikes for k in (s.attacker, s.target)
    }
    named = {m.actor for m in ex.mentions}
    for mention in list(ex.mentions):
        actor = ex.actors.get(mention.actor)
        base = actor.based_in if actor is not None and mention.actor in parties else None
        if base and base not in named:
            ex.mentions.append(Mention(base, mention.start, mention.end, mention.text))
            named.add(base)


def _event_actors(ex: Extraction) -> list[set[str]]:
    found: list[set[str]] = []
    for t in ex.transfers:
        found.append({t.supplier, t.recipient})
    for s in ex.strikes:
        found.append({s.attacker, s.target} | ({s.weapon_origin} if s.weapon_origin else set()))
    for st in ex.statements:
        found.append(set(st.speakers))
    return found


def _is_referenced(key: str, ex: Extraction) -> bool:
    return any(a.affiliation == key or a.based_in == key for a in ex.actors.values())
