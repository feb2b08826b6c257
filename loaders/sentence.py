"""One parsed sentence with its lexicon tags, and the actors a phrase of it names.

The tagging pass (:mod:`armskg.loaders.tagging`) finds states, bodies, people, places,
weapons and trigger words as token spans of the article; the parse
(:mod:`armskg.loaders.parsing`) gives each token of a trigger sentence its head and
label.  :class:`ParsedSentence` joins the two: token ``j`` of its parse is token
``offset + j`` of the article, and each tag is found from the parse token it covers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .doc_view import SpanView
from .lexicon import Lexicon
from .roles import with_conjuncts
from .tags import Tag

__all__ = ["ParsedSentence", "event_nouns", "lacked", "lacks_grounds", "object_triggers", "verb_object_pairs"]

_MODIFIERS = {"poss", "compound", "amod", "nmod", "npadvmod", "nn"}
_POINTING = {"this", "that", "it", "these", "those", "such"}
"""Subjects that point at the event just told ("this is a crime")."""


@dataclass(slots=True)
class ParsedSentence:
    """A sentence of the article: its span, its parse and the tags inside it."""

    span: SpanView
    doc: Doc
    tags: list[Tag]
    offset: int = field(init=False)
    actor_at: dict[int, Tag] = field(init=False, default_factory=dict)
    place_at: dict[int, Tag] = field(init=False, default_factory=dict)
    weapon_at: dict[int, Tag] = field(init=False, default_factory=dict)
    title_at: dict[int, Tag] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.offset = self.span.start
        covering = {"actor": self.actor_at, "place": self.place_at, "weapon": self.weapon_at, "title": self.title_at}
        for tag in sorted(self.tags, key=lambda t: t.end - t.start):  # the widest tag wins a token
            table = covering.get(tag.kind)
            if table is not None:
                for i in range(tag.start - self.offset, tag.end - self.offset):
                    table[i] = tag

    def head(self, tag: Tag) -> Token:
        """The parse token heading a tag's span (the one whose head lies outside it)."""
        start, end = tag.start - self.offset, tag.end - self.offset
        for i in range(start, end):
            tok = self.doc[i]
            if not start <= tok.head.i < end or tok.head.i == tok.i:
                return tok
        return self.doc[start]

    def event_word(self, tag: Tag) -> Token:
        """The word whose roles a trigger's event takes: its head, or the verb that head's
        ``xcomp`` chain reaches inside the span ("agreed to sell ... to Poland": sell)."""
        tok = self.head(tag)
        start, end = tag.start - self.offset, tag.end - self.offset
        while inner := [c for c in tok.children if c.dep_ == "xcomp" and start <= c.i < end]:
            tok = inner[0]
        return tok

    def char_of(self, token: Token) -> int:
        """Where a parse token begins in the article text (a character offset)."""
        return self.span.view.span(self.offset + token.i, self.offset + token.i + 1).start_char

    def token_tag(self, token: Token, kind: str = "actor") -> Tag | None:
        """The tag of ``kind`` covering a parse token."""
        table = {"actor": self.actor_at, "place": self.place_at, "weapon": self.weapon_at, "title": self.title_at}[kind]
        return table.get(token.i)

    def word_after(self, tag: Tag) -> Token | None:
        """The first word after a tag, a hyphen skipped ("Iranian" in "Iranian-made": "made")."""
        after = tag.end - self.offset
        words = [t for t in self.doc[after : after + 2] if t.pos_ != "PUNCT"]
        return words[0] if words else None

    def triggers(self, *events: str) -> list[Tag]:
        """The sentence's trigger tags of the given event kinds, in order."""
        return [t for t in self.tags if t.kind == "trigger" and t.event in events]

    def trigger_heads(self, *events: str) -> set[int]:
        """The parse indices of the heads of the sentence's triggers of the given event kinds."""
        return {self.head(t).i for t in self.triggers(*events)}

    def weapons_under(self, token: Token, *, skip: set[int] | None = None) -> list[Tag]:
        """Weapon tags inside ``token``'s subtree (not under tokens in ``skip``), in order."""
        found: dict[int, Tag] = {}
        blocked = skip or set()
        for tok in token.subtree:
            if tok.i in blocked or any(a.i in blocked for a in tok.ancestors if a.i in blocked):
                continue
            tag = self.weapon_at.get(tok.i)
            if tag is not None:
                found[id(tag)] = tag
        return sorted(found.values(), key=lambda t: t.start)

    def phrase_actors(self, token: Token, *, places: bool = False, depth: int = 0) -> list[Tag]:
        """The actors (and with ``places`` the places) a noun phrase names: its head when tagged,
        an apposition ("the minister, Sergei Shoigu"), else its qualifiers ("Israeli strikes",
        "the government of Mali", "a Sudanese army source"); each coordinated phrase too."""
        out: list[Tag] = []
        clause = min((c.i for c in token.children if c.dep_ == "relcl"), default=None)
        for tok in with_conjuncts(token):
            if clause is not None and tok.i > clause:
                continue  # "attacks that targeted the UAE, as well as Saudi Arabia": not a second attacker
            for tag in self._one_phrase(tok, places=places, depth=depth):
                if tag not in out:
                    out.append(tag)
        return out

    def phrase_actors_of(self, tokens: list[Token], *, places: bool = False, weapons: bool = False) -> list[Tag]:
        """:meth:`phrase_actors` of several phrases, each tag once; phrases headed by a weapon are
        left out unless ``weapons`` ("Israeli jets struck": the jets' state is the attacker)."""
        found: list[Tag] = []
        for tok in tokens:
            if not weapons and self.weapon_at.get(tok.i) is not None and self.actor_at.get(tok.i) is None:
                continue
            found += [t for t in self.phrase_actors(tok, places=places) if t not in found]
        return found

    def _one_phrase(self, tok: Token, *, places: bool, depth: int) -> list[Tag]:
        tag = self.actor_at.get(tok.i) or (self.place_at.get(tok.i) if places else None)
        if tag is not None:
            listed = [  # "Russia, North Korea deny arms trade": a headline's list parsed as apposition
                a
                for c in tok.children
                if c.dep_ == "appos"
                for m in with_conjuncts(c)  # "the US, Saudi Arabia, the UAE and Egypt": the list under the apposition
                if (a := self.actor_at.get(m.i)) is not None
                and (a.key or "").startswith("state:")
                and (tag.key or "").startswith("state:")
                and a.key != tag.key
            ]
            titles = {c.i for c in tok.children if c.dep_ == "conj" and c.i in self.title_at}
            listed += [  # "Senator X and Representative Y", parsed as a conjoined title and an apposition
                a
                for c in tok.children
                if c.dep_ == "appos" and c.left_edge.i - 1 in titles and (a := self.actor_at.get(c.i)) is not None
            ]
            return [tag, *listed]
        for child in tok.children:
            if child.dep_ == "appos":
                named = self.actor_at.get(child.i)
                if named is not None:
                    return [named]
        if depth > 2 or tok.pos_ == "PRON":
            return []
        found: list[Tag] = []
        for child in tok.children:
            designation = child.dep_ == "nummod" and self.weapon_at.get(child.i) is not None  # "Thai F-16 jets"
            if child.dep_ in _MODIFIERS or designation:
                joined = [c for c in child.conjuncts if c.i > child.i and c.i < tok.i]  # "U.S. and Kenyan forces"
                for mod in (child, *joined):
                    found += [t for t in self._one_phrase(mod, places=places, depth=depth + 1) if t not in found]
        if found:
            return found
        titled = tok.i in self.title_at  # "a spokesperson for the embassy"
        for child in tok.children:
            if child.dep_ == "prep" and (child.lower_ == "of" or (titled and child.lower_ == "for")):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += self.phrase_actors(obj, places=places, depth=depth + 1)
        if found or tok.pos_ != "NOUN":
            return found
        for child in tok.children:  # "militias such as the Houthis", "states including Iran"
            such_as = child.lower_ == "as" and any(g.lower_ == "such" for g in child.children)
            examples = child.dep_ == "prep" and (child.lower_ in ("like", "including") or such_as)
            if examples:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += self.phrase_actors(obj, places=places, depth=depth + 1)
        return found


@functools.lru_cache(maxsize=8)
def verb_object_pairs(lexicon: Lexicon) -> dict[tuple[str, str], tuple[str, str]]:
    """(verb lemma, object lemma) -> (event, value) for the lexicon's verb-object trigger
    phrases ("take necessary measure": take + measure), so the parse finds them with words
    between ("take proper and necessary measures"); computed once per lexicon.

    >>> from armskg.loaders.lexicon import load_lexicon
    >>> verb_object_pairs(load_lexicon())[("take", "measure")]
    ('stance', 'warn')
    """
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for v in lexicon.verbs:
        words = v.phrase.lower().split()
        negative = bool({"no", "not", "nothing", "never"} & set(words))  # "play no role": the "no" is the meaning
        pair = len(words) >= 2 and words[0] != "be" and words[-1].isalpha() and len(words[-1]) > 3 and not negative
        if pair and v.event in ("stance", "supply", "strike"):
            pairs.setdefault((words[0], words[-1]), (v.event, v.value))
    return pairs


@functools.lru_cache(maxsize=8)
def claim_nouns(lexicon: Lexicon) -> frozenset[str]:
    """Nouns whose judgment is the speaker's stance on an event ("these claims are baseless",
    "the attack was barbaric", "the sanctions were a mistake"): allegation and rumour words, the
    event nouns and a party's acts, once per lexicon."""
    return lexicon.words("allegation") | lexicon.words("rumour") | lexicon.words("act_noun") | event_nouns(lexicon)


@functools.lru_cache(maxsize=8)
def event_nouns(lexicon: Lexicon) -> frozenset[str]:
    """The one-word nouns of attacks and supplies ("attack", "strike", "sale", "delivery"), whose
    judgment ("the attack was a crime") is a stance on the event.

    >>> from armskg.loaders.lexicon import load_lexicon
    >>> {"attack", "strike"} <= event_nouns(load_lexicon())
    True
    """
    return frozenset(
        v.phrase.lower() for v in lexicon.verbs if v.event in ("strike_noun", "supply_noun") and " " not in v.phrase
    )


_ASIDE = frozenset({"to", "against", "by", "on", "from", "with", "in", "at"})


def _assails_a_principle(phrases: list[Token], lexicon: Lexicon) -> bool:
    """A phrase that names an attack on a principle ("an attack on Iraqi sovereignty", "an assault
    on its territorial integrity"; ``grammar.tsv``: assault_noun, principle_noun): it condemns."""
    assaults, principles = lexicon.words("assault_noun"), lexicon.words("principle_noun")
    return any(
        t.dep_ == "pobj"
        and (t.lemma_ or t.text).lower() in principles
        and t.head.lower_ in ("on", "against", "to")
        and (t.head.head.lemma_ or t.head.head.text).lower() in assaults
        for p in phrases
        for t in p.subtree
    )


def _judgment(phrase: Token) -> list[Token]:
    """The words of a judgment phrase that judge its subject: not those of a phrase about
    something else ("an appropriate response to a barbaric attack": not "barbaric")."""
    aside = {w.i for c in phrase.subtree if c.dep_ == "prep" and c.lower_ in _ASIDE for w in c.subtree}
    return [w for w in phrase.subtree if w.i not in aside]


def lacked(verb: Token) -> list[Token]:
    """What "be" or "have" says is absent: a noun under "no" ("there is no justification", "had no
    basis") or after "without" ("were without foundation")."""
    if (verb.lemma_ or verb.text).lower() not in ("be", "have"):
        return []
    nouns = [
        c
        for c in verb.children
        if c.dep_ in ("attr", "dobj") and any(d.lower_ == "no" for d in c.children if d.dep_ in ("det", "neg"))
    ]
    return nouns + [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ == "without" for o in c.children if o.dep_ == "pobj"
    ]


def lacks_grounds(verb: Token, groundless: frozenset[str]) -> bool:
    """The verb says a charge lacks any ground ("the claims had no basis in fact", "there is no
    truth to the reports", "were without foundation"; ``grammar.tsv``: groundless_noun)."""
    return any((n.lemma_ or n.text).lower() in groundless for n in lacked(verb))


def object_triggers(
    doc: Doc, offset: int, tags: list[Tag], pairs: dict[tuple[str, str], tuple[str, str]], lexicon: Lexicon
) -> list[Tag]:
    """Trigger tags the parse finds where no trigger covers the verb: a verb and its object that
    the lexicon names as a pair ("take ... measures"), and a naming verb whose complement is a
    word of denial or condemnation ("called the accusations absurd": deny; "described the
    statement as provocative": condemn)."""
    covered = {i for t in tags if t.kind == "trigger" and t.event != "report" for i in range(t.start, t.end)}
    # a speech verb may name too ("declared the UAE an aggressor state")
    naming = lexicon.words("naming_verb")
    judged = {
        "deny": lexicon.words("denial_word"),
        "condemn": lexicon.words("condemnation_word"),
        "admit": lexicon.words("justification_word"),
        "warn": lexicon.words("warning_word"),  # "described the drills as a stern warning"
        "concern": lexicon.words("concern_word"),  # "described the bombing as disturbing"
        "support": lexicon.words("praise_word"),  # "called Ukraine a friendly country"
    }
    denials = judged["deny"]  # 'called reports of a purchase "media hype"': a denial the parse made a noun
    found: list[Tag] = []
    for tok in doc:
        if tok.pos_ != "VERB" or offset + tok.i in covered:
            continue
        verb = (tok.lemma_ or tok.text).lower()
        sense: tuple[str, str] | None = None
        for child in tok.children:
            if child.dep_ in ("dobj", "attr", "oprd", "acomp", "ccomp"):  # "take ... measures", "holds X responsible"
                sense = pairs.get((verb, (child.lemma_ or child.text).lower()))
                if sense is not None:
                    break
        if sense is None and verb in naming:
            words = {
                (w.lemma_ or w.text).lower()
                for c in tok.children
                if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl") or (c.dep_ == "prep" and c.lower_ == "as")
                for w in _judgment(c)
            }
            after = [  # 'called the reports "absurd"', also hung on a noun inside the object ("reports of supplies")
                w for c in tok.children if c.dep_ == "dobj" for w in c.subtree if w.dep_ == "amod" and w.i > w.head.i
            ]
            after += [  # 'called reports that Belarus had supplied drones "baseless"': the object's last word
                last
                for c in tok.children
                if c.dep_ == "dobj"
                for last in [max((w for w in c.subtree if not w.is_punct), key=lambda w: w.i)]
                if last.i > c.i and (last.pos_ in ("ADJ", "VERB") or (last.lemma_ or last.text).lower() in denials)
            ]
            after += [  # "declared the UAE an aggressor state": the complement parsed as the object's apposition
                w for c in tok.children if c.dep_ == "dobj" for a in c.children if a.dep_ == "appos" for w in a.subtree
            ]
            after += [  # "called the strikes extrajudicial executions" parsed as one object: its head and adjectives
                w
                for c in tok.children
                if c.dep_ == "dobj" and any(m.dep_ == "nmod" for m in c.children)
                for w in (c, *(m for m in c.children if m.dep_ == "amod"))
            ]
            after += [  # "described the targeting of an airport as a war crime": "as" parsed under the object
                w for c in tok.children if c.dep_ == "dobj" for p in c.rights if p.lower_ == "as" for w in p.subtree
            ]
            words |= {(w.lemma_ or w.text).lower() for w in after}  # 'called the reports "absurd"' (misparsed)
            sense = next((("stance", value) for value, kind in judged.items() if words & kind), None)
            if sense is None and words & lexicon.words("named_condemnation"):  # "called the attack an act of war"
                sense = ("stance", "condemn")
            named = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "dobj") or c.lower_ == "as"]
            if sense is None and _assails_a_principle(named, lexicon):  # "called the strike an attack on Iraqi
                sense = ("stance", "condemn")  # sovereignty"
        if sense is not None:
            found.append(Tag("trigger", offset + tok.i, offset + tok.i + 1, event=sense[0], value=sense[1]))
    claims = claim_nouns(lexicon)
    for tok in doc:  # '"... for this crime," he said': naming the event a crime condemns it
        word = (tok.lemma_ or tok.text).lower()
        pointed = any(c.dep_ == "det" and c.lower_ in _POINTING for c in tok.children)
        if tok.pos_ == "NOUN" and pointed and word in judged["condemn"] and offset + tok.i not in covered:
            found.append(Tag("trigger", offset + tok.i, offset + tok.i + 1, event="stance", value="condemn"))
    for tok in doc:  # "Kyiv said Russia was behind the attack": the speaker alleges
        behind = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "behind"]
        if (tok.lemma_ or tok.text).lower() == "be" and behind and offset + tok.i not in covered:
            found.append(Tag("trigger", offset + tok.i, offset + tok.i + 1, event="stance", value="allege"))
    for tok in doc:  # '"This is a war crime," said ...': a judgment of "this" is the speaker's stance
        if (tok.lemma_ or tok.text).lower() != "be" or offset + tok.i in covered:
            continue
        pointing = any(
            c.dep_ == "nsubj"
            and (
                c.lower_ in _POINTING
                or any(d.dep_ == "det" and d.lower_ in _POINTING for d in c.children)
                or (c.lemma_ or c.text).lower() in claims
            )
            for c in tok.children
        )  # "this is", "these claims are", "the attack was"
        judging = [w for c in tok.children if c.dep_ in ("attr", "acomp") for w in _judgment(c)]
        words = {(w.lemma_ or w.text).lower() for w in judging}
        sense = next((("stance", value) for value, kind in judged.items() if words & kind), None) if pointing else None
        it = any(c.dep_ == "nsubj" and c.lower_ in ("it", "they") for c in tok.children)
        if it and sense is None:  # 'X said they were "a clear violation of Yemen's sovereignty"': the events
            sense = next((("stance", v) for v in ("condemn", "deny") if words & judged[v]), None)
        if pointing and sense is None and _assails_a_principle([c for c in tok.children if c.dep_ == "attr"], lexicon):
            sense = ("stance", "condemn")  # "the strike was an attack on Iraq's sovereignty"
        if sense is not None and not any(c.dep_ == "neg" for c in tok.children):
            found.append(Tag("trigger", offset + tok.i, offset + tok.i + 1, event=sense[0], value=sense[1]))
    excuses, groundless = lexicon.words("excuse_noun"), lexicon.words("groundless_noun")
    for tok in doc:
        if offset + tok.i in covered:
            continue
        there = any(c.dep_ == "expl" and c.lower_ == "there" for c in tok.children)
        absent = lacked(tok)
        if there and any(c.dep_ == "attr" and (c.lemma_ or c.text).lower() in excuses for c in absent):
            # '"There is no justification for these strikes," he said': the speaker condemns them
            found.append(Tag("trigger", offset + tok.i, offset + tok.i + 1, event="stance", value="condemn"))
        if lacks_grounds(tok, groundless):  # "the claims had no basis in fact": a denial
            found.append(Tag("trigger", offset + tok.i, offset + tok.i + 1, event="stance", value="deny"))
    return found
