"""What the event rules remember across the sentences of one article, and the evidence they cite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from .facts import Evidence, Extraction, Strike, Transfer
from .lexicon import Lexicon
from .roles import lemma
from .sentence import ParsedSentence
from .tags import Tag

__all__ = ["ArticleContext"]


@dataclass(slots=True)
class ArticleContext:
    """The article's date and lexicon, its extraction so far, and who spoke last.

    ``signatories`` are the states and bodies the article lists as signing a joint
    statement; ``last_speakers`` those of the last statement (a later "they" or "the
    ministers"), ``last_reporter`` those of the last speech verb (a quote that goes on).
    """

    published: dt.date | None
    year: int | None
    extraction: Extraction
    lexicon: Lexicon
    signatories: tuple[str, ...] = ()
    last_group: tuple[str, ...] = ()
    last_speakers: tuple[str, ...] = ()
    last_reporter: tuple[str, ...] = ()
    last_person: str | None = None
    last_event: Transfer | Strike | None = None
    last_transfer: Transfer | None = None
    last_subject: str | None = None
    """The party the last sentence was about (its subject), whom a later "it" may stand for."""
    sentence_subject: str | None = None
    """The party the sentence being read is about, whom "it" in a clause below stands for."""
    inside_quote: bool = False
    """The sentence being read opens inside a quotation an earlier sentence opened."""
    unclaimed: list[tuple[Token, list[str]]] = field(default_factory=list)
    """Strikes of the sentence being read that name a target but no attacker ("drones hit a
    refinery in Ryazan"), each as its trigger and the targets' keys: who reports one alleges it."""
    untargeted: list[tuple[Token, list[str]]] = field(default_factory=list)
    """Strikes of the sentence being read that name no party hit ("a missile fired by the Houthis
    struck the tanker", "it had conducted precise strikes"), each as its trigger and the keys of
    the attackers it names, if any."""
    orphans: list[Strike] = field(default_factory=list)
    """Strikes of the article with a target but no attacker named, each with the target's state
    (:mod:`~armskg.loaders.article_strikes` decides which an internal war explains)."""
    restated: list[tuple[Strike, Token]] = field(default_factory=list)
    """Strikes of the sentence being read that an earlier sentence already reported ("the
    drones had hit several locations, X said"): no new fact, but what a voice says of them."""
    missile: str | None = None
    producers: dict[str, str] = field(default_factory=dict)
    armed_with: dict[str, str] = field(default_factory=dict)
    """The attacker of the article's last strike that named each weapon class, the platforms
    that flew or fired it included ("Pakistan's J-10C fighters shot down ...": aircraft)."""

    def state_of(self, key: str | None) -> str | None:
        """The state an actor stands for: itself, a person's or body's state, a group's base."""
        return self._follow(key, groups=False)

    def party_of(self, key: str | None) -> str | None:
        """Who an actor stands for as a party to an event: a state itself, an armed group itself
        (the Houthis strike as the Houthis), a person or body as the state or armed group it
        serves ("Houthi military spokesperson" -> the Houthis)."""
        return self._follow(key, groups=True)

    def _follow(self, key: str | None, *, groups: bool) -> str | None:
        """Follow affiliations (and a group's base) to a state, or with ``groups`` stop at an armed group."""
        seen = 0
        while key is not None and not key.startswith("state:") and seen < 4:
            actor = self.extraction.actors.get(key)
            if actor is None:
                return None
            if groups and actor.kind == "armed_group":
                return key
            key = actor.affiliation or actor.based_in
            seen += 1
        return key if key and key.startswith("state:") else None

    def parties_of(self, keys: Iterable[str]) -> set[str]:
        """The parties (states, armed groups) the actors of ``keys`` stand for (see :meth:`party_of`)."""
        return {p for k in keys if (p := self.party_of(k))}

    def kind_of(self, key: str) -> str:
        """``state``, ``person``, ``organization`` or ``armed_group`` (``unknown`` if not registered)."""
        if key.startswith("state:"):
            return "state"
        actor = self.extraction.actors.get(key)
        return actor.kind if actor is not None else "unknown"

    def group(self) -> tuple[str, ...]:
        """Who "they", "the ministers" or "the statement" stand for."""
        return self.signatories or self.last_group or self.last_speakers

    def saw_people(self, keys: Iterable[str | None]) -> None:
        """Remember the last person a sentence named or heard, whom a later "he said" or
        '"...," she said' stands for."""
        people = [k for k in keys if k and k.startswith("person:")]
        if people:
            self.last_person = people[-1]

    def backs_or_made(self, sent: ParsedSentence, tag: Tag) -> bool:
        """The actor is named only as the maker, supplier or backer of what follows it ("an
        Iranian-made drone", "the Iran-backed Houthi militia", "Iran-linked targets")."""
        word = sent.word_after(tag)
        if word is None or lemma(word) not in self.words("origin_participle") | self.words("backer_participle"):
            return False
        joined = word.i > 0 and word.doc[word.i - 1].text in ("-", "‑")  # "Iranian-origin", not "army source"
        return word.tag_ in ("VBN", "VBD") or joined

    def body_headed_by(self, word: str, before: int) -> str | None:
        """The body (or group) named last before character ``before`` whose name ends in
        ``word`` ("the force" after "the IRGC Aerospace Force", "a coalition strike" after
        "the Saudi-led coalition") or opens with it before "of" ("the General Staff" after
        "the General Staff of the Armed Forces of Ukraine")."""
        phrase = word.lower()
        named = [
            m
            for m in self.extraction.mentions
            if m.start < before
            and (actor := self.extraction.actors.get(m.actor)) is not None
            and actor.kind != "person"
            and (
                actor.label.lower().split()[-1] == phrase
                or (" " in phrase and actor.label.lower().endswith(" " + phrase))
                or (" " in phrase and actor.label.lower().startswith(phrase + " of "))
            )
        ]
        return max(named, key=lambda m: m.start).actor if named else None

    def last_named(self, kind: str | tuple[str, ...], before: int) -> str | None:
        """The actor of ``kind`` (see :meth:`kind_of`; or of any of several kinds) named last
        before character ``before``."""
        kinds = (kind,) if isinstance(kind, str) else kind
        named = [m for m in self.extraction.mentions if m.start < before and self.kind_of(m.actor) in kinds]
        return max(named, key=lambda m: m.start).actor if named else None

    def armed_group_before(self, before: int) -> str | None:
        """The armed group named last before character ``before``, whom "the group", "the
        militia" or "the rebels" stands for."""
        return self.last_named("armed_group", before)

    def words(self, kind: str) -> frozenset[str]:
        """A class of grammar words from the lexicon (``grammar.tsv``)."""
        return self.lexicon.words(kind)

    def evidence(self, sent: ParsedSentence, rule: str, confidence: float) -> Evidence:
        """The sentence as evidence, trimmed of surrounding whitespace, with its offsets."""
        text = sent.span.view.text
        start, end = sent.span.start_char, sent.span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(text[start:end], start, end, rule, round(confidence, 2))
