"""Rules that read transfers, strikes and statements from one tagged sentence.

Each rule is general: a class of trigger words from ``verbs.tsv`` (supply, strike,
stance, report), the actors around the trigger, and the weapons near it.  A rule's
name is kept with every fact it produces (``Evidence.rule``) so a researcher can see
why the graph says something.

The rules in brief:

- *subject*: the actors before a trigger in its clause, not governed by a preposition
  ("Iran and Syria condemned"); a verb coordinated with an earlier one ("..., and
  called on") shares that verb's subject; a group phrase ("the 48 governments",
  "they", "the statement") stands for the article's signatory list, or the last group
  that spoke; "the advisers of A and B" stands for the named advisers of A and B.
- *transfer*: a supply verb or noun, its supplier (subject, possessive, "by"/"from"),
  its recipients ("to" A and B, or a direct object), one fact per weapon category
  named in the clause; nothing from negated, conditional or embedded-question clauses.
- *strike*: a strike verb or noun, its attacker, its targets (after against/on/at/in,
  places resolved to their state), weapons, their origin ("Iranian-made", "supplied by
  North Korea", or the transfer in the same sentence), and the days named.
- *statement*: a stance trigger with its speakers; a speech verb over an event the
  speaker is party to is ``commit`` (planned supply), ``admit`` (done) or ``deny``
  (negated); over another party's event it is ``allege``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TypeVar

from .dates import days_in
from .doc_view import DocView as Doc
from .doc_view import SpanView as Span
from .facts import Evidence, Extraction, Statement, Strike, Transfer
from .tagging import Tag

__all__ = ["ArticleContext", "read_sentence", "signatory_group"]

_PREPOSITIONS = {
    "to",
    "with",
    "from",
    "against",
    "in",
    "on",
    "for",
    "by",
    "at",
    "between",
    "into",
    "toward",
    "towards",
    "near",
    "over",
    "about",
    "across",
    "around",
    "amid",
    "among",
    "under",
    "via",
    "upon",
    "inside",
    "including",
    "like",
    "than",
    "despite",
    "alongside",
    "beside",
    "without",
    "within",
    "behind",
    "unlike",
    "after",
    "before",
    "during",
    "since",
    "through",
    "throughout",
    "per",
}
_CLAUSE_BREAKS = {
    ";",
    ":",
    "which",
    "who",
    "whom",
    "while",
    "whereas",
    "but",
    "although",
    "though",
    "because",
    "after",
    "before",
    "when",
    "where",
    "since",
    "despite",
    "if",
    "that",
    "following",
    "what",
    "whether",
    "unless",
    "once",
}
_SUBORDINATORS = {
    "as",
    "while",
    "when",
    "because",
    "after",
    "before",
    "since",
    "although",
    "though",
    "whereas",
    "until",
    "once",
}
_GROUP = re.compile(
    r"\b(they|we|both|the two|the (\w+ )?(governments|nations|countries|states|ministers|leaders|signatories|"
    r"officials|sides|allies|partners)|(the |joint )?statement|(\w+) (governments|nations|countries|states))$",
    re.IGNORECASE,
)
_ROLE_PLURALS = {
    "aides",
    "advisers",
    "advisors",
    "ministers",
    "leaders",
    "governments",
    "officials",
    "heads",
    "representatives",
    "presidents",
    "envoys",
    "ambassadors",
    "spokespeople",
    "spokespersons",
    "chiefs",
    "secretaries",
    "counterparts",
}
_FUTURE = {
    "will",
    "shall",
    "plan",
    "plans",
    "planned",
    "intend",
    "intends",
    "intent",
    "set",
    "soon",
    "expected",
    "pledge",
    "pledged",
    "pledges",
    "promise",
    "promised",
    "agree",
    "agreed",
    "deal",
    "package",
    "goal",
    "approve",
    "approved",
    "notify",
    "notified",
    "going",
    "commit",
    "committed",
}
_NOUN_BEFORE = {
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "our",
    "your",
    "of",
    "in",
    "for",
    "with",
    "to",
    "immense",
    "material",
    "military",
    "close",
    "air",
    "financial",
    "full",
    "strong",
    "continued",
    "international",
    "public",
    "diplomatic",
    "political",
    "logistical",
    "phone",
    "video",
    "telephone",
    "conference",
    "such",
    "this",
    "that",
    "any",
    "no",
    "mutual",
    "western",
    "widespread",
    "growing",
}
_AUX = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s", "has", "have", "had", "not", "n't"}
_SKIP_BEFORE_VERB = {
    "also",
    "then",
    "later",
    "strongly",
    "firmly",
    "again",
    "further",
    "repeatedly",
    "have",
    "has",
    "had",
    "jointly",
    "both",
    "all",
    "publicly",
    "sharply",
    "quickly",
    "reportedly",
}
_SPEECH = {"said", "says", "told", "tells", "added", "noted", "stressed", "stated", "insisted", "warned"}
_PURPOSE_VERBS = {
    "repel",
    "counter",
    "defend",
    "protect",
    "help",
    "support",
    "fight",
    "deter",
    "curb",
    "meet",
    "strengthen",
    "bolster",
    "boost",
    "shoot",
    "intercept",
    "stop",
    "resist",
    "hold",
    "replace",
}
_SIGNATORY_CUE = re.compile(r"statement|signator|signed|ministers|governments|countries|nations", re.IGNORECASE)
_QUOTES = "\"“”'‘’"
_OPEN_QUOTES = {'"', "“", "‘"}


@dataclass(slots=True)
class ArticleContext:
    """What the rules remember across the sentences of one article."""

    published: dt.date | None
    year: int | None
    extraction: Extraction
    signatories: tuple[str, ...] = ()
    last_group: tuple[str, ...] = ()
    last_speakers: tuple[str, ...] = ()
    last_subject: str | None = None
    last_reporter: tuple[str, ...] = ()
    last_event: Transfer | Strike | None = None
    last_transfer: Transfer | None = None
    missile: str | None = None
    producers: dict[str, str] = field(default_factory=dict)
    positions: dict[int, int] = field(default_factory=dict)


def _state(key: str | None, ex: Extraction, *, based: bool = True) -> str | None:
    """The state an actor stands for: itself, a person's or body's state, a group's base."""
    seen = 0
    while key is not None and not key.startswith("state:") and seen < 4:
        actor = ex.actors.get(key)
        if actor is None:
            return None
        key = actor.affiliation or (actor.based_in if based else None)
        seen += 1
    return key if key and key.startswith("state:") else None


def _clause_start(doc: Doc, sent: Span, i: int) -> int:
    """Where the clause holding token ``i`` begins (computed once per sentence and token)."""
    key = ("clause_start", sent.start, i)
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = _find_clause_start(doc, sent, i)
    return found


def _find_clause_start(doc: Doc, sent: Span, i: int) -> int:
    j = i - 1
    while j >= sent.start:
        tok = doc[j]
        if tok.lower_ in ("who", "which") and j - 1 >= sent.start and doc[j - 1].text == ",":
            closing = [k for k in range(j + 1, i) if doc[k].text == ","]
            if closing:  # ", who visited Iran last year, stated": skip the aside
                j -= 2
                continue
        if tok.text in (";", ":") or tok.lower_ in _CLAUSE_BREAKS or tok.lower_ in _SPEECH:
            return j + 1
        if tok.lower_ == "as" and j + 1 < i and doc[j + 1].lower_ not in ("well",):
            return j + 1
        if tok.text in _QUOTES and j > sent.start and not _possessive_mark(doc, j):
            if doc[j - 1].lower_ in ("to", "a", "an", "the", "of", "as", "called", "what"):
                j -= 1
                continue  # 'issued a statement to "firmly condemn ..."': a quoted fragment, same clause
            return j + 1
        if tok.text == "," and j + 1 < len(doc) and doc[j + 1].lower_ in ("and", "but", "while", "as"):
            return j + 1
        j -= 1
    return sent.start


def _possessive_mark(doc: Doc, i: int) -> bool:
    """``the US' revelations``: an apostrophe glued to the word before it is no quote mark."""
    return doc[i].text in ("'", "’") and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].is_alpha


def _clause_end(doc: Doc, sent: Span, i: int) -> int:
    j = i
    while j < sent.end:
        tok = doc[j]
        if tok.text == ";" or tok.lower_ in ("while", "whereas", "but", "although", "because", "if", "which", "who"):
            return j
        nxt = doc[j + 1] if j + 1 < sent.end else None
        if tok.text == "," and nxt is not None and nxt.lower_ in ("and", "but", "while") and j > i:
            return j  # "..., and Ukrainian officials say ...": a new clause
        if tok.lower_ == "to" and nxt is not None and nxt.is_lower and nxt.lemma_ in _PURPOSE_VERBS:
            return j  # "... to repel Russian attacks": a purpose, not the items
        j += 1
    return sent.end


def _governing_word(doc: Doc, tag: Tag, floor: int, tags: list[Tag] | None = None) -> tuple[int, str]:
    """The word that governs an actor mention; in a list ("to Azerbaijan, Ukraine and Qatar")
    every item is governed by what governs the first."""
    j = tag.start - 1
    title_tokens = {i for t in tags or () if t.kind == "title" for i in range(t.start, t.end)}
    while j >= floor and (
        doc[j].lower_ in ("the", "its", "their", "his", "her", "a", "an", "both") or j in title_tokens
    ):
        j -= 1
    if tags and j >= floor and doc[j].lower_ in (",", "and", "or"):
        k = j - 1 if doc[j].lower_ != "," or j - 1 < floor or doc[j - 1].lower_ != "and" else j - 2
        prev = next((t for t in tags if t.kind in ("actor", "place") and t.end == k + 1), None)
        if prev is None and doc[j].lower_ == "and" and j - 1 >= floor and doc[j - 1].text == ",":
            prev = next((t for t in tags if t.kind in ("actor", "place") and t.end == j - 1), None)
        if prev is not None and prev.start > floor:
            return _governing_word(doc, prev, floor, tags)
    return j, (doc[j].lower_ if j >= floor else "")


def _preceded_by_preposition(doc: Doc, tag: Tag, floor: int, titles: set[int], tags: list[Tag] | None = None) -> bool:
    j, word = _governing_word(doc, tag, floor, tags)
    if word in ("of", "to"):
        before = doc[j - 1] if j - 1 >= floor else None
        if before is None:
            return True
        return not (before.lower_ in _ROLE_PLURALS or (word == "of" and before.i in titles))
    return word in _PREPOSITIONS


def _actors(tags: list[Tag], start: int, end: int) -> list[Tag]:
    return [t for t in tags if t.kind == "actor" and start <= t.start and t.end <= end]


def _coordinated_verb(doc: Doc, sent: Span, trigger: Tag) -> bool:
    """``..., and called on`` / ``and also committed``: the verb shares an earlier subject."""
    j = trigger.start - 1
    while j >= sent.start and doc[j].lower_ in _SKIP_BEFORE_VERB:
        j -= 1
    return j >= sent.start and doc[j].lower_ in ("and", "or") and (j - 1 < sent.start or not doc[j - 1].is_title)


def _segment_start(doc: Doc, tags: list[Tag], start: int, trigger: int) -> int:
    """Where the subject of a trigger begins: after the last comma before it, unless that
    comma only separates the items of a list of actors ("Albania, Andorra, ... and X said")."""
    commas = [i for i in range(start, trigger) if doc[i].text == ","]
    if not commas:
        return start
    actor_tokens = {i for t in tags if t.kind in ("actor", "title") for i in range(t.start, t.end)}
    seg = commas[-1] + 1
    if not any(seg <= t.start < trigger for t in tags if t.kind == "actor"):
        # ", the officials said": a subject of its own that names no actor; ", said": none at all
        return trigger if any(doc[i].is_alpha for i in range(seg, trigger)) else start
    for prev in reversed([*commas[:-1], start - 1]):
        piece = [i for i in range(prev + 1, seg - 1)]
        filler = [i for i in piece if i not in actor_tokens and doc[i].lower_ not in ("the", "and", "'s", "’s", "of")]
        if piece and not filler and (doc[seg].lower_ in ("and", "the") or any(i in actor_tokens for i in piece)):
            seg = prev + 1
        else:
            break
    return seg


def _asides(doc: Doc, sent: Span, end: int) -> set[int]:
    """Tokens of relative clauses set off by commas (", who visited Iran last year,")."""
    inside: set[int] = set()
    for i in range(sent.start + 1, end):
        if doc[i].lower_ in ("who", "which") and doc[i - 1].text == ",":
            close = next((k for k in range(i + 1, end) if doc[k].text == ","), None)
            if close is not None:
                inside.update(range(i, close))
    return inside


def _subjects(doc: Doc, sent: Span, tags: list[Tag], trigger: Tag, titles: set[int]) -> list[Tag]:
    """Actors in subject position before a trigger, within its clause."""
    if _coordinated_verb(doc, sent, trigger):
        return []
    start = _segment_start(doc, tags, _clause_start(doc, sent, trigger.start), trigger.start)
    aside = _asides(doc, sent, trigger.start)
    return [
        t
        for t in _actors(tags, start, trigger.start)
        if t.start not in aside and not _preceded_by_preposition(doc, t, start, titles, tags)
    ]


def _counted_group(doc: Doc, sent: Span, trigger: Tag) -> bool:
    """ "Foreign ministers from 48 countries ... denounced": a counted group in the subject."""
    start = _clause_start(doc, sent, trigger.start)
    text = " ".join(t.text for t in doc[start : trigger.start])
    return (
        re.search(
            r"\b(\d+|[a-z]+teen|twenty|thirty|forty|fifty|sixty)[- ](\w+ )?(countries|nations|states|"
            r"governments)\b",
            text,
            re.IGNORECASE,
        )
        is not None
    )


def _group_subject(doc: Doc, sent: Span, tags: list[Tag], trigger: Tag) -> bool:
    """The clause opens with a group phrase ("The statement, published by France, said")."""
    start = _clause_start(doc, sent, trigger.start)
    named = {i for t in tags if t.kind in ("actor", "place", "title") for i in range(t.start, t.end)}
    words = [t.text for t in doc[start : trigger.start] if (t.is_alpha or t.like_num) and t.i not in named][:4]
    return any(_GROUP.search(" ".join(words[:n])) for n in range(1, len(words) + 1))


def _modifier(doc: Doc, tag: Tag, tags: list[Tag]) -> bool:
    """A state that only qualifies a head: ``Swedish`` in "Swedish Defence Minister X", ``China's`` in
    "China's Foreign Ministry spokesperson", or a name inside a body's name ("China's foreign ministry")."""
    if not (tag.key or "").startswith("state:"):
        return False
    if any(
        o is not tag
        and o.kind == "actor"
        and o.start <= tag.start
        and tag.end <= o.end
        and o.end - o.start > tag.end - tag.start
        for o in tags
    ):
        return True
    if (
        tag.end + 1 < len(doc)
        and doc[tag.end].text == ","
        and any(t.kind == "actor" and (t.key or "").startswith("person:") and t.start == tag.end + 1 for t in tags)
    ):
        return True  # "The Minister of Defense of Russia, Sergei Shoigu, ..."
    k = tag.end + (1 if tag.end < len(doc) and doc[tag.end].text in ("'s", "’s") else 0)
    heads = {
        t.start for t in tags if t.kind == "title" or (t.kind == "actor" and t.key and t.key.startswith("person:"))
    }
    return (tag.via == "demonym" or k > tag.end) and any(h in heads for h in range(k, k + 3))


def _nearest_run(doc: Doc, actors: list[Tag]) -> list[Tag]:
    """The last run of coordinated actors ("the United States and Germany") in a subject."""
    run: list[Tag] = []
    for t in actors:
        gap = [tok.lower_ for tok in doc[run[-1].end : t.start]] if run else []
        if run and all(g in (",", "and", "the", "both", "'s", "’s") for g in gap):
            run.append(t)
        else:
            run = [t]
    return run


def _gerund_agent(doc: Doc, tags: list[Tag], trig: Tag) -> Tag | None:
    """Who does an ``-ing``: ``condemned North Korea for handing`` (the actor before ``for``),
    ``the involvement of the Russian government in providing`` (the actor after ``of``)."""
    if not doc[trig.start].text.endswith("ing") or trig.start < 2:
        return None
    prev = doc[trig.start - 1].lower_
    if prev == "for":
        return next((t for t in tags if t.kind == "actor" and t.end == trig.start - 1), None)
    if prev == "in":
        for t in reversed([t for t in tags if t.kind == "actor" and trig.start - 6 <= t.start < trig.start - 1]):
            between = [doc[k].lower_ for k in range(t.end, trig.start - 1)]
            if all(w in ("government", "authorities", "state", "leadership", "military") for w in between):
                j = t.start - 1
                while j >= 0 and doc[j].lower_ == "the":
                    j -= 1
                if j >= 0 and doc[j].lower_ == "of":
                    return t
    return None


def _group_before(doc: Doc, sent: Span, trigger: Tag) -> bool:
    start = _clause_start(doc, sent, trigger.start)
    words = [t.text for t in doc[start : trigger.start] if t.is_alpha or t.like_num]
    while words and (words[-1].lower() in _AUX or words[-1].lower() in _SKIP_BEFORE_VERB or words[-1].endswith("ly")):
        words.pop()
    return bool(words) and bool(_GROUP.search(" ".join(words[-4:])))


def _objects(doc: Doc, sent: Span, tags: list[Tag], index: int, words: set[str], limit: int = 12) -> list[Tag]:
    """Actors after one of ``words`` following token ``index``, with their coordinated siblings
    ("to Azerbaijan, Ukraine and Qatar"); ``to`` before a verb ("to repel") does not count."""
    end = min(sent.end, index + limit)
    for j in range(index, end):
        tok = doc[j]
        if tok.lower_ not in words:
            continue
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if tok.lower_ == "to" and nxt is not None and nxt.is_lower and nxt.lower_ not in ("the", "its", "their", "a"):
            continue
        found: list[Tag] = []
        k = j + 1
        # "to the deployment of the Wagner group": the actor after "the <noun> of"
        if k + 2 < sent.end and doc[k].lower_ == "the" and doc[k + 1].is_lower and doc[k + 2].lower_ == "of":
            k += 3
        for t in _actors(tags, j + 1, min(sent.end, j + 30)):
            if t.start < k:
                continue
            gap = doc[k : t.start]
            if t.start - k > 4 or any(
                g.lower_ not in (",", "and", "the", "its", "'s", "’s", "both", "or") for g in gap
            ):
                if not found and t.start - k <= 4:
                    continue
                break
            found.append(t)
            k = t.end
        if found:
            return found
    return []


def _direct_objects(doc: Doc, sent: Span, tags: list[Tag], index: int) -> list[Tag]:
    """Actors right after a verb (``provided Russia with``, ``sell Taiwan``, ``arm groups such as Hezbollah``)."""
    if index >= sent.end:
        return []
    found = _objects(doc, sent, tags, index - 1, {doc[index - 1].lower_}, limit=2)
    if found:
        return found
    for j in range(index, min(sent.end - 1, index + 6)):
        if doc[j].lower_ == "such" and doc[j + 1].lower_ == "as":
            return _objects(doc, sent, tags, j + 1, {"as"}, limit=2)
        if doc[j].is_punct or doc[j].lower_ in _PREPOSITIONS:
            break
    return []


def _weapons(tags: list[Tag], start: int, end: int, doc: Doc, *, supplied: bool = True) -> list[Tag]:
    found = [t for t in tags if t.kind == "weapon" and start <= t.start and t.end <= end]
    kept: list[Tag] = []
    strike_words = {"attack", "attacks", "strike", "strikes", "raid", "raids", "barrage", "barrages", "assault"}
    for w in found:
        if any(doc[k].lower_ == "for" for k in range(max(0, w.start - 3), w.start)):
            continue  # "shells for 155 mm guns"
        following = [doc[k].lower_ for k in range(w.end, min(len(doc), w.end + 4))]
        if (
            supplied
            and following
            and (following[0] in strike_words or (following[0] == "and" and any(f in strike_words for f in following)))
        ):
            continue  # "missile and drone attacks" name the attacks, not the items supplied
        if w.designation is None and kept and kept[-1].designation and w.start - kept[-1].end <= 2:
            continue  # "S-400 missile systems": the generic word belongs to the designation
        kept.append(w)
    return kept


def _resolve_weapon(ctx: ArticleContext, weapon: Tag, doc: Doc) -> tuple[str, str | None]:
    """A weapon's category; a bare "missiles" takes the one specific missile class the article names."""
    category, designation = weapon.value or "other", weapon.designation
    text = doc.text_of(weapon.start, weapon.end).lower()
    if category == "other" and designation is None and "missile" in text and ctx.missile:
        return ctx.missile, None
    return category, designation


def _negated(doc: Doc, start: int, trigger: Tag, tags: list[Tag]) -> bool:
    return any(
        t.kind == "trigger"
        and t.event == "negation"
        and start <= t.start < trigger.start
        and trigger.start - t.end <= 3
        for t in tags
    )


def _hypothetical(doc: Doc, sent: Span, trigger: Tag) -> bool:
    start = _clause_start(doc, sent, trigger.start)
    opener = doc[start - 1].lower_ if start - 1 >= sent.start else ""
    words = {t.lower_ for t in doc[start : trigger.start]}
    hedges = {"if", "unless", "whether", "could", "might", "likely", "would"}
    return opener in ("if", "unless", "whether", "what") or bool(words & hedges)


def _future(doc: Doc, sent: Span, trigger: Tag) -> bool:
    words = {t.lower_ for t in doc[max(sent.start, trigger.start - 8) : trigger.end + 1]}
    return bool(words & _FUTURE) or any(t.lemma_ == "receive" for t in doc[sent.start : trigger.start])


def _in_quote(doc: Doc, sent: Span, index: int) -> bool:
    opened = False
    for tok in doc[sent.start : index]:
        if tok.text in ('"',):
            opened = not opened
        elif tok.text in ("“", "‘") or (tok.text == "'" and tok.i == sent.start):
            opened = True
        elif tok.text in ("”", "’") and tok.whitespace_:
            opened = False
    return opened


def _noun_use(doc: Doc, trigger: Tag) -> bool:
    """``immense support``, ``in support of``, ``a phone call on``: the trigger word is a noun here."""
    prev = doc[trigger.start - 1] if trigger.start > 0 else None
    if prev is None:
        return False
    if prev.lower_ in _NOUN_BEFORE:
        return True
    word = doc[trigger.start]
    return word.text.endswith("ing") and prev.lower_ not in _AUX and not prev.is_punct and prev.is_alpha


def _text(doc: Doc) -> str:
    """The document's text (built once by the view)."""
    return doc.text


def _evidence(doc: Doc, sent: Span, rule: str, confidence: float) -> Evidence:
    text = _text(doc)
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(text[start:end], start, end, rule, confidence)


def _origin_of(doc: Doc, tags: list[Tag], weapon: Tag) -> str | None:
    """``Iranian-made drones``, ``US-supplied bombs``: the state before ``-made``."""
    for t in tags:
        if t.kind == "actor" and t.key and t.key.startswith("state:") and weapon.start - 4 <= t.end <= weapon.start:
            between = "".join(tok.text for tok in doc[t.end : weapon.start])
            if re.search(r"(made|built|produced|manufactured|supplied|designed)", between, re.IGNORECASE):
                return t.key
    return None


def signatory_group(doc: Doc, sentences: list[Span], tags: list[Tag], ex: Extraction) -> tuple[str, ...]:
    """The states (and bodies) an article lists as signatories of a joint statement.

    A list of three or more states in a sentence that speaks of a statement, its
    signatories, ministers or governments; lists from several sentences add up
    ("... including France, Canada and Britain" + "signatories also included ...").
    ``tags`` are in token order, as :func:`~armskg.loaders.tagging.tag_document` gives them.
    """
    group: dict[str, None] = {}
    starts = [t.start for t in tags]
    for sent in sentences:
        inside = [
            t
            for t in tags[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            if t.kind == "actor" and t.key
        ]
        listed = _listed(doc, inside)
        if not listed or not _SIGNATORY_CUE.search(sent.text):  # the cheap test first
            continue
        for t in inside:
            if t.key and t.key.startswith("state:") and t in listed:
                group[t.key] = None
            elif t.key and ex.actors.get(t.key) is not None and ex.actors[t.key].kind == "organization":
                j = t.start - 1
                while j >= sent.start and doc[j].lower_ in ("the", "of"):
                    j -= 1
                if j >= sent.start and any(x.kind == "title" and x.end == j + 1 for x in tags):
                    group[t.key] = None  # "the High Representative of the European Union"
                after = t.end + 1 if t.end < sent.end and doc[t.end].text in ("'s", "’s") else t.end
                if any(x.kind == "title" and x.start == after for x in tags):
                    group[t.key] = None  # "the EU's High Representative"
    states = [k for k in group if k.startswith("state:")]
    return tuple(group) if len(states) >= 3 else ()


def _listed(doc: Doc, actors: list[Tag]) -> list[Tag]:
    """State names that stand in a list of three or more ("France, Canada and Britain")."""
    names = [t for t in actors if t.key and t.key.startswith("state:") and t.via in ("name", "shorthand")]
    runs: list[list[Tag]] = []
    for t in names:
        gap = [tok.lower_ for tok in doc[runs[-1][-1].end : t.start]] if runs else []
        if runs and gap and all(g in (",", "and", "the", "as", "well") for g in gap):
            runs[-1].append(t)
        else:
            runs.append([t])
    return [t for run in runs if len(run) >= 3 for t in run]


@dataclass(slots=True)
class _Report:
    trigger: Tag
    speakers: tuple[str, ...]
    passive: bool = False


def read_sentence(doc: Doc, sent: Span, tags: list[Tag], ctx: ArticleContext) -> None:
    """Read the events of one sentence into ``ctx.extraction``."""
    ex = ctx.extraction
    titles = {i for t in tags if t.kind == "title" for i in range(t.start, t.end)}
    triggers = [t for t in tags if t.kind == "trigger"]
    co_speakers = _with_saying(doc, sent, tags)
    reports = _report_speakers(doc, sent, tags, triggers, ctx, titles, co_speakers)
    if reports:
        ctx.last_reporter = reports[-1].speakers
    transfers, negated = _transfers(doc, sent, tags, triggers, ctx, reports, titles)
    strikes = _strikes(doc, sent, tags, triggers, ctx, transfers, titles)
    ex.transfers.extend(transfers)
    ex.strikes.extend(strikes)
    about: Transfer | Strike | None = transfers[0] if transfers else (strikes[0] if strikes else None)
    _statements(doc, sent, tags, triggers, ctx, reports, transfers, strikes, negated, about, titles, co_speakers)
    if transfers:
        ctx.last_transfer = transfers[-1]
    if about is not None:
        ctx.last_event = about
    first = [t for t in _actors(tags, sent.start, sent.end) if t.key and _state(t.key, ex)]
    if first and not _preceded_by_preposition(doc, first[0], sent.start, titles):
        ctx.last_subject = _state(first[0].key, ex)


def _resolve_roles(doc: Doc, sent: Span, subj: list[Tag], ctx: ArticleContext) -> tuple[str, ...]:
    """``the national security advisers of South Korea and the United States``: the named
    officials of those states in the article stand for them."""
    ex = ctx.extraction
    out: list[str] = []
    tags = [t for t in subj]
    for t in subj:
        j, word = _governing_word(doc, t, sent.start, tags)
        if t.key and t.key.startswith("state:") and word in ("of", "to") and doc[j - 1].lower_ in _ROLE_PLURALS:
            people = [a.key for a in ex.actors.values() if a.kind == "person" and _state(a.key, ex) == t.key]
            role = doc[j - 1].lower_.rstrip("s")
            if not people:
                people = [
                    a.key
                    for a in ex.actors.values()
                    if a.kind == "person" and a.affiliation is None and role in (a.role or "").lower()
                ]
            if len(people) == 1:
                person = ex.actors[people[0]]
                person.affiliation = person.affiliation or t.key
                out.append(people[0])
                continue
        if t.key:
            out.append(t.key)
    return tuple(dict.fromkeys(out))


def _group(ctx: ArticleContext) -> tuple[str, ...]:
    return ctx.signatories or ctx.last_group or ctx.last_speakers


def _speakers_of(
    doc: Doc, sent: Span, tags: list[Tag], trigger: Tag, ctx: ArticleContext, titles: set[int]
) -> tuple[tuple[str, ...], str]:
    subj = [t for t in _subjects(doc, sent, tags, trigger, titles) if t.key and not _modifier(doc, t, tags)]
    if subj and len({t.key for t in subj if t.key and t.key.startswith("state:")}) >= 3 and ctx.signatories:
        return ctx.signatories, "list"
    if ctx.signatories and _counted_group(doc, sent, trigger):
        return ctx.signatories, "group"
    if not _coordinated_verb(doc, sent, trigger) and _group_subject(doc, sent, tags, trigger) and _group(ctx):
        return _group(ctx), "group"
    if subj:
        return _resolve_roles(doc, sent, subj, ctx), "subject"
    if not _coordinated_verb(doc, sent, trigger) and _group_before(doc, sent, trigger):
        return _group(ctx), "group"
    return (), ""


def _report_speakers(
    doc: Doc,
    sent: Span,
    tags: list[Tag],
    triggers: list[Tag],
    ctx: ArticleContext,
    titles: set[int],
    with_saying: list[Tag],
) -> list[_Report]:
    """Speech verbs ("said", "told", "according to") and who speaks through them; ``with_saying``
    holds the sentence's :func:`_with_saying` speakers."""
    found: list[_Report] = []
    for trig in triggers:
        if trig.event != "report":
            continue
        prev = doc[trig.start - 1].lower_ if trig.start > sent.start else ""
        if prev in ("was", "were", "been", "is", "are") and not doc[trig.start].text.endswith("ing"):
            # "This was stated in the message of the Ministry of Defense": the speaker follows
            after = [t for t in _actors(tags, trig.end, min(sent.end, trig.end + 16)) if not _modifier(doc, t, tags)]
            if after and after[0].key:
                found.append(_Report(trig, (after[0].key,), passive=True))
            continue
        if doc[trig.start].lower_ == "according":
            after = _actors(tags, trig.end, min(sent.end, trig.end + 6))
            if after and after[0].key:
                found.append(_Report(trig, (after[0].key,)))
            continue
        speakers, _how = _speakers_of(doc, sent, tags, trig, ctx, titles)
        if not speakers and _coordinated_verb(doc, sent, trig) and found:
            speakers = found[-1].speakers
        before_tok = doc[trig.start - 1].text if trig.start > sent.start else ""
        if not speakers and before_tok in {",", *_QUOTES}:
            after = _actors(tags, trig.end, min(sent.end, trig.end + 8))
            if after and after[0].key and after[0].start - trig.end <= 6:
                speakers = (after[0].key,)
        if not speakers and doc[trig.start].lower_ in ("he", "she"):
            speakers = ctx.last_speakers
        if not speakers:
            j = trig.start - 1
            while j >= sent.start and doc[j].lower_ in _SKIP_BEFORE_VERB:
                j -= 1
            if j >= sent.start and doc[j].lower_ in ("he", "she") and ctx.last_speakers:
                speakers = ctx.last_speakers[:1]
        if speakers:
            found.append(_Report(trig, speakers))
    first = next((t for t in doc[sent.start : sent.end] if not t.is_space), None)
    glued = sent.start > 0 and doc[sent.start - 1].text in _OPEN_QUOTES | {'"'} and not doc[sent.start - 1].whitespace_
    opens = first is not None and (first.text in _OPEN_QUOTES | {'"'} or glued)
    if not found and opens and ctx.last_reporter:
        # a quote that goes on from the previous sentence's speaker
        found.append(_Report(Tag("trigger", sent.start, sent.start, event="report", value="say"), ctx.last_reporter))
    if with_saying:
        found.append(
            _Report(
                Tag("trigger", with_saying[0].start, with_saying[0].end, event="report", value="say"),
                tuple(t.key for t in with_saying if t.key),
            )
        )
    return found


def _with_saying(doc: Doc, sent: Span, tags: list[Tag]) -> list[Tag]:
    """ ", with Foreign Minister X saying ...": X speaks too."""
    for i in range(sent.start, sent.end - 1):
        if doc[i].lower_ == "with" and i > sent.start and doc[i - 1].text == ",":
            for j in range(i + 1, min(sent.end, i + 10)):
                if doc[j].lower_ in ("saying", "adding", "stating", "warning", "telling"):
                    return [t for t in _actors(tags, i + 1, j) if t.key and t.key.startswith("person:")]
    return []


def _transfers(
    doc: Doc,
    sent: Span,
    tags: list[Tag],
    triggers: list[Tag],
    ctx: ArticleContext,
    reports: list[_Report],
    titles: set[int],
) -> tuple[list[Transfer], list[tuple[str | None, str | None, int]]]:
    ex = ctx.extraction
    out: list[Transfer] = []
    negated_events: list[tuple[str | None, str | None, int]] = []
    for trig in _supply_triggers(doc, tags, triggers):
        clause_start = _clause_start(doc, sent, trig.start)
        clause_end = _clause_end(doc, sent, trig.end)
        if _hypothetical(doc, sent, trig):
            continue
        suppliers: list[str] = []
        recipients: list[str] = []
        rule = f"transfer.{trig.event}.{trig.value}"
        word = doc[trig.start]
        nxt = doc[trig.end].lower_ if trig.end < sent.end else ""
        passive = not word.text.endswith("ing") and (
            nxt in ("by", "from")
            or (trig.start > sent.start and doc[trig.start - 1].lower_ in ("were", "was", "been", "be", "being"))
        )
        to = [_located(doc, tags, t, ex) for t in _objects(doc, sent, tags, trig.end, {"to", "for"}, limit=12)]
        source = [_state(t.key, ex) for t in _objects(doc, sent, tags, trig.end, {"from", "by"}, limit=10)]
        if trig.event == "supply_noun":
            owner = [
                t
                for t in _actors(tags, max(sent.start, trig.start - 6), trig.start)
                if _state(t.key, ex) and not _preceded_by_preposition(doc, t, clause_start, titles)
            ]
            suppliers = [s for s in (_state(t.key, ex) for t in owner[-1:]) if s] or [s for s in source if s]
            recipients = [s for s in to if s]
            parties = [s for s in (_state(t.key, ex) for t in _nearest_run(doc, owner)) if s]
            origins = {o for o in (_origin_of(doc, tags, w) for w in _weapons(tags, trig.end, clause_end, doc)) if o}
            if len(parties) > 1 and len(origins & set(parties)) == 1:
                suppliers = list(origins & set(parties))  # "Turkey and Poland signed a deal for Turkish-made drones"
                recipients = recipients or [p for p in parties if p not in suppliers]
        elif passive:
            suppliers = [s for s in source[:1] if s]
            recipients = [s for s in to if s]
        elif trig.value == "receive":
            subj = _subjects(doc, sent, tags, trig, titles)
            recipients = [s for s in (_state(t.key, ex) for t in subj[-1:]) if s]
            suppliers = [s for s in source if s]
        else:
            agent = _gerund_agent(doc, tags, trig)
            subj = [agent] if agent else _nearest_run(doc, _subjects(doc, sent, tags, trig, titles))
            suppliers = [s for s in (_state(t.key, ex) for t in subj) if s]
            if not subj and _coordinated_verb(doc, sent, trig) and out:
                suppliers = [out[-1].supplier]
            if not suppliers and any(t.lower_ == "it" for t in doc[clause_start : trig.start]):
                earlier = [r for r in reports if r.trigger.start < trig.start]
                main = [
                    t
                    for t in _actors(tags, sent.start, clause_start)
                    if not _preceded_by_preposition(doc, t, sent.start, titles, tags)
                ]
                if earlier:
                    suppliers = [s for s in (_state(k, ex) for k in earlier[-1].speakers[:1]) if s]
                elif main:
                    suppliers = [s for s in (_state(main[0].key, ex),) if s]
                else:
                    suppliers = [s for s in [ctx.last_subject] if s]
            recipients = [s for s in to if s] or [
                s for s in (_state(t.key, ex) for t in _direct_objects(doc, sent, tags, trig.end)) if s
            ]
        weapons = _weapons(tags, clause_start, clause_end, doc) or _weapons(tags, sent.start, sent.end, doc)
        if not suppliers:
            made_by = [o for o in (_origin_of(doc, tags, w) for w in weapons) if o]
            suppliers = made_by[:1]
        if not suppliers and trig.value == "receive":
            makers = {ctx.producers.get(w.value or "") for w in weapons}
            suppliers = sorted(k for k in makers if k and k not in recipients)[:1]
        explicit = bool(recipients)
        if not recipients and ctx.last_transfer is not None and suppliers == [ctx.last_transfer.supplier] and weapons:
            recipients = [ctx.last_transfer.recipient]
        if (
            not recipients
            and ctx.last_transfer is not None
            and trig.event == "supply"
            and trig.value != "receive"
            and _future(doc, sent, trig)
        ):
            recipients = [ctx.last_transfer.recipient]
        if word.lemma_ == "arm" and not weapons and explicit:
            weapons = [Tag("weapon", trig.start, trig.end, value="other")]
        negated = _negated(doc, clause_start, trig, tags)
        denial = any(t.event == "stance" and t.value == "deny" and t.start < trig.start for t in triggers)
        if negated and not denial:
            negated_events.append(
                (suppliers[0] if suppliers else None, recipients[0] if recipients else None, trig.start)
            )
            continue
        if not weapons:
            continue
        status = _status(doc, sent, trig, triggers, reports, suppliers, denial, ctx)
        for supplier in suppliers:
            for recipient in recipients:
                if supplier == recipient:
                    continue
                seen: set[str] = set()
                for w in weapons:
                    category, designation = _resolve_weapon(ctx, w, doc)
                    if category in seen:
                        continue
                    seen.add(category)
                    conf = 0.85 if trig.event == "supply" else 0.75
                    transfer = Transfer(
                        supplier,
                        recipient,
                        category,
                        _evidence(doc, sent, rule, conf),
                        status,
                        designation,
                        _quantity(doc, w, sent),
                    )
                    ctx.positions[id(transfer)] = trig.start
                    out.append(transfer)
    return _dedupe(out), negated_events


def _located(doc: Doc, tags: list[Tag], tag: Tag, ex: Extraction) -> str | None:
    """The state an actor stands for here: an armed group "in Mali" stands for Mali."""
    actor = ex.actors.get(tag.key or "")
    if actor is not None and actor.kind == "armed_group":
        for t in tags:
            if t.kind in ("actor", "place") and tag.end < t.start <= tag.end + 3 and doc[t.start - 1].lower_ == "in":
                return t.key if t.kind == "place" else _state(t.key, ex)
    return _state(tag.key, ex)


def _supply_triggers(doc: Doc, tags: list[Tag], triggers: list[Tag]) -> list[Tag]:
    """Supply triggers, with a word that is both verb and noun ("transfer", "supply") read as a
    noun after a determiner, a possessive, an adjective-like word or a weapon ("missile transfer")."""
    weapon_ends = {t.end for t in tags if t.kind == "weapon"}
    chosen: dict[tuple[int, int], Tag] = {}
    for trig in (t for t in triggers if t.event in ("supply", "supply_noun")):
        nxt = doc[trig.end] if trig.end < len(doc) else None
        if doc[trig.start].lower_ == "armed" and (nxt is None or nxt.is_lower or trig.end in {t.start for t in tags}):
            continue  # "armed drones", "armed groups": an adjective
        span = (trig.start, trig.end)
        if span not in chosen:
            chosen[span] = trig
            continue
        prev = doc[trig.start - 1] if trig.start > 0 else None
        nounish = prev is not None and (
            prev.lower_ in _NOUN_BEFORE
            or prev.text in ("'s", "’s", "'")
            or trig.start in weapon_ends
            or prev.lower_ in ("arms", "weapons")
        )
        if doc[trig.start].text.endswith("ing") and prev is not None and prev.lower_ in ("for", "of", "by", "in"):
            nounish = False  # "for supplying Russia with missiles" is a verb
        if doc[trig.start].text.endswith("ed"):
            nounish = False  # "pledged", "transferred"
        want = "supply_noun" if nounish else "supply"
        if trig.event == want:
            chosen[span] = trig
    return sorted(chosen.values(), key=lambda t: t.start)


def _status(
    doc: Doc,
    sent: Span,
    trig: Tag,
    triggers: list[Tag],
    reports: list[_Report],
    suppliers: list[str],
    denial: bool,
    ctx: ArticleContext,
) -> str:
    ex = ctx.extraction
    speaker_states = {_state(k, ex) for r in reports if r.trigger.start < trig.start for k in r.speakers}
    if denial:
        return "denied" if (speaker_states | {ctx.last_subject}) & set(suppliers) else "alleged"
    if any(t.event == "stance" and t.value == "allege" and t.start < trig.start for t in triggers):
        return "alleged"
    if _future(doc, sent, trig):
        return "planned"
    if speaker_states & set(suppliers):
        return "admitted"
    return "asserted"


def _quantity(doc: Doc, weapon: Tag, sent: Span) -> str | None:
    words: list[str] = []
    j = weapon.start - 1
    counted = ("several", "dozen", "dozens", "hundreds", "thousands", "of", "a", "few", "some", "more", "than")
    while j >= sent.start and (doc[j].like_num or doc[j].lower_ in counted):
        words.insert(0, doc[j].text)
        j -= 1
    while words and words[0].lower() in ("of", "a", "than"):
        words.pop(0)
    sized = any(w[0].isdigit() or w.lower() in ("several", "dozen", "dozens", "hundreds", "thousands") for w in words)
    return " ".join(words) if sized else None


_T = TypeVar("_T", Transfer, Strike)


def _dedupe(items: list[_T]) -> list[_T]:
    kept: list[_T] = []
    keys: set[tuple[object, ...]] = set()
    for item in items:
        key: tuple[object, ...] = (
            (item.supplier, item.recipient, item.weapon)
            if isinstance(item, Transfer)
            else (item.attacker, item.target, item.weapon)
        )
        if key not in keys:
            keys.add(key)
            kept.append(item)
    return kept


def _targets(doc: Doc, sent: Span, tags: list[Tag], trig: Tag, ctx: ArticleContext) -> list[str]:
    """Where a strike landed: states or places after against/on/at/in/near, not after for/from/by."""
    ex = ctx.extraction
    end = min(sent.end, trig.end + 16)
    stop = {"for", "from", "by", "destined", "bound", "with", "between", "during", "since"}
    found: list[str] = []
    j = trig.end
    while j < end:
        tok = doc[j]
        if tok.lower_ in stop or tok.text == ";":
            break
        if tok.lower_ in ("against", "on", "at", "in", "into", "near", "across", "targeting", "struck", "hit"):
            near = [t for t in tags if t.kind in ("actor", "place") and j < t.start <= j + 4 and t.end <= end]
            for t in near:
                key = t.key if t.kind == "place" else _state(t.key, ex)
                if key and key not in found:
                    found.append(key)
                k = t.end
                while k < end and doc[k].lower_ in (",", "and"):
                    k += 1
                sibling = next((s for s in tags if s.kind in ("actor", "place") and s.start == k), None)
                while sibling is not None:
                    key = sibling.key if sibling.kind == "place" else _state(sibling.key, ex)
                    if key and key not in found:
                        found.append(key)
                    k = sibling.end
                    while k < end and doc[k].lower_ in (",", "and"):
                        k += 1
                    sibling = next((s for s in tags if s.kind in ("actor", "place") and s.start == k), None)
                if near:
                    return found
        j += 1
    direct = [
        t
        for t in tags
        if t.kind in ("actor", "place")
        and trig.event == "strike"
        and doc[trig.start].lemma_ != "use"
        and (t.start == trig.end or (t.start == trig.end + 1 and doc[trig.end].lower_ in ("the", "two", "both")))
    ]
    for t in direct:
        key = t.key if t.kind == "place" else _state(t.key, ex)
        if key:
            found.append(key)
    return found


def _prepositional_target(doc: Doc, sent: Span, trig: Tag) -> bool:
    return any(doc[k].lower_ in ("against", "on", "at") for k in range(trig.end, min(sent.end, trig.end + 12)))


def _strikes(
    doc: Doc,
    sent: Span,
    tags: list[Tag],
    triggers: list[Tag],
    ctx: ArticleContext,
    transfers: list[Transfer],
    titles: set[int],
) -> list[Strike]:
    ex = ctx.extraction
    out: list[Strike] = []
    supply_at = min((t.start for t in triggers if t.event in ("supply", "supply_noun")), default=None)
    strike_triggers = [t for t in triggers if t.event in ("strike", "strike_noun")]
    for trig in strike_triggers:
        if _hypothetical(doc, sent, trig):
            continue
        if doc[trig.start].text.endswith("ing") and any(t.end == trig.start for t in strike_triggers):
            continue  # "airstrikes targeting a site": the participle belongs to the strike before it
        clause_start = _clause_start(doc, sent, trig.start)
        if _negated(doc, clause_start, trig, tags):
            continue
        attacker: str | None = None
        allies: list[str] = []
        passive = False
        patient: list[str] = []
        if trig.event == "strike_noun":
            owner = [
                t
                for t in _actors(tags, max(sent.start, trig.start - 4), trig.start)
                if not _preceded_by_preposition(doc, t, clause_start, titles)
            ]
            adjacent = [t for t in tags if t.kind == "actor" and t.end == trig.start]  # "Israeli airstrikes"
            owner = adjacent or owner
            attacker = _state(owner[-1].key, ex) if owner else None
            by = _objects(doc, sent, tags, trig.end, {"by"}, limit=6)
            if attacker is None and by:
                attacker = _state(by[0].key, ex)
        else:
            agent = _gerund_agent(doc, tags, trig)
            run = _nearest_run(doc, _subjects(doc, sent, tags, trig, titles))
            subj = [s for s in (_state(t.key, ex) for t in run) if s]
            attacker = _state(agent.key, ex) if agent else (subj[-1] if subj else None)
            if agent is None and len(subj) > 1:
                allies = subj[:-1]  # "The United States and Britain struck ...": each struck
            passive = trig.start > sent.start and doc[trig.start - 1].lower_ in ("was", "were", "been", "be", "being")
            if passive:  # "soldiers were killed by Israeli airstrikes": the attacker follows "by", the target precedes
                by = _objects(doc, sent, tags, trig.end, {"by"}, limit=4)
                patient = [p for p in subj if p != (_state(by[0].key, ex) if by else None)]
                attacker = _state(by[0].key, ex) if by else (attacker if transfers else None)
        if transfers and supply_at is not None and supply_at < trig.start and _gerund_agent(doc, tags, trig) is None:
            between = [
                t
                for t in _actors(tags, supply_at, trig.start)
                if not _preceded_by_preposition(doc, t, supply_at, titles)
            ]
            if not between or attacker == transfers[0].supplier:
                attacker = transfers[0].recipient  # "...to Russia for use in Ukraine", "some of which were launched"
        if attacker is None:
            continue
        weapons = _weapons(tags, max(sent.start, trig.start - 8), min(sent.end, trig.end + 14), doc, supplied=False)
        rule = f"strike.{trig.event}"
        if not weapons and ctx.last_transfer is not None and ctx.last_transfer.recipient == attacker:
            after = {doc[k].lower_ for k in range(trig.end, min(sent.end, trig.end + 4))}
            if after & {"them", "these", "those", "it"}:  # "fired some of them at Ukraine": the weapons supplied
                last = ctx.last_transfer
                weapons = [Tag("weapon", trig.end, trig.end, value=last.weapon, designation=last.designation)]
                transfers = [*transfers, last] if last not in transfers else transfers
                rule += ".anaphor"
        places = {t.key for t in tags if t.kind == "place"}
        targets = _targets(doc, sent, tags, trig, ctx)
        if not targets and trig.event == "strike" and passive:
            targets = patient[-1:]
        if doc[trig.start].lemma_ == "use" and not (weapons and _prepositional_target(doc, sent, trig)):
            continue  # "used Wagner to conceal its role": "use" strikes only with weapons against someone
        nounish = trig.event == "strike_noun" or (
            trig.start > 0 and any(t.end == trig.start and t.kind in ("weapon", "actor") for t in tags)
        )
        if not targets and transfers and nounish:
            targets = [t.recipient for t in transfers[:1] if t.recipient != attacker]  # "Patriots to repel ... attacks"
        for who, target in ((w, t) for w in dict.fromkeys([*allies, attacker]) for t in targets):
            out.extend(_strike_facts(doc, sent, tags, trig, ctx, transfers, who, target, weapons, places, rule))
    return _dedupe(out)


def _strike_facts(
    doc: Doc,
    sent: Span,
    tags: list[Tag],
    trig: Tag,
    ctx: ArticleContext,
    transfers: list[Transfer],
    attacker: str,
    target: str,
    weapons: list[Tag],
    places: set[str | None],
    rule: str,
) -> list[Strike]:
    """One strike per weapon category named (or one with no weapon), with origin and transfer link."""
    ex = ctx.extraction
    out: list[Strike] = []
    if target == attacker and target not in places:
        return out
    if not weapons:
        strike = Strike(attacker, target, _evidence(doc, sent, rule, 0.7), dates=_dates(ctx, doc, sent, trig))
        ctx.positions[id(strike)] = trig.start
        return [strike]
    for w in weapons:
        category, designation = _resolve_weapon(ctx, w, doc)
        origin = _origin_of(doc, tags, w) or w.producer
        link = next((t for t in transfers if t.recipient == attacker and t.weapon == category), None)
        if link is None:
            supplied = _objects(doc, sent, tags, w.end, {"by", "from"}, limit=4)
            origin = _state(supplied[0].key, ex) if supplied else origin
        else:
            origin = link.supplier
        strike = Strike(
            attacker,
            target,
            _evidence(doc, sent, rule, 0.75),
            category,
            designation,
            origin,
            _dates(ctx, doc, sent, trig),
            link,
        )
        ctx.positions[id(strike)] = trig.start
        out.append(strike)
    return out


def _dates(ctx: ArticleContext, doc: Doc, sent: Span, trig: Tag) -> tuple[dt.date, ...]:
    """The days a strike happened: named after its trigger in its clause, or opening the clause ("On March 25, ...")."""
    start = _clause_start(doc, sent, trig.start)
    end = _clause_end(doc, sent, trig.end)
    text = doc.text_of(trig.start, end)
    if doc[start].lower_ == "on":
        text = doc.text_of(start, min(end, start + 6)) + " " + text
    return tuple(days_in(text, ctx.published, ctx.year))


def _statements(
    doc: Doc,
    sent: Span,
    tags: list[Tag],
    triggers: list[Tag],
    ctx: ArticleContext,
    reports: list[_Report],
    transfers: list[Transfer],
    strikes: list[Strike],
    negated: list[tuple[str | None, str | None, int]],
    about: Transfer | Strike | None,
    titles: set[int],
    co: list[Tag],
) -> None:
    """The statements of one sentence; ``co`` holds its :func:`_with_saying` speakers."""
    ex = ctx.extraction
    channel = next((t.value for t in triggers if t.event == "channel"), None)
    made: list[Statement] = []
    details: list[tuple[str | None, dt.date | None]] = []  # the quote and the day, read for the first statement

    def add(speakers: tuple[str, ...], stance: str, rule: str, conf: float, target: Transfer | Strike | None) -> None:
        if speakers and not any(s.stance == stance and set(s.speakers) == set(speakers) for s in made):
            if not details:
                days = days_in(sent.text, ctx.published, ctx.year)
                details.append((_quote(sent), days[0] if days else None))
            quote, when = details[0]
            made.append(
                Statement(
                    speakers, stance, _evidence(doc, sent, rule, conf), target, channel=channel, quote=quote, date=when
                )
            )

    headline = _is_headline(doc, sent)
    for trig in (t for t in triggers if t.event == "stance"):
        if headline:
            break  # a headline restates the story; its stances are read from the body
        clause_start = _clause_start(doc, sent, trig.start)
        if trig.value != "deny" and _negated(doc, clause_start, trig, tags):
            continue
        if _noun_use(doc, trig) or _hypothetical(doc, sent, trig):
            continue
        before = [r for r in reports if r.trigger.start < trig.start]
        if doc[trig.start].lower_ in ("allegedly", "reportedly", "purportedly"):
            if before:  # "X explained this by the fact that NATO allegedly ...": X alleges
                add(before[-1].speakers, "allege", "statement.stance.allege.adverb", 0.6, about)
            continue
        speakers, how = _speakers_of(doc, sent, tags, trig, ctx, titles)
        after = [r for r in reports if r.trigger.start > trig.start]
        if speakers and before and all(k.startswith("state:") for k in speakers):
            reporter = before[-1].speakers
            if {_state(k, ex) for k in reporter if not k.startswith("state:")} & set(speakers):
                speakers, how = reporter, "spokesperson"
        if not speakers and _coordinated_verb(doc, sent, trig):
            prior = [s for s in made] or []
            speakers = prior[-1].speakers if prior else (before[-1].speakers if before else ())
            how = "coordinated"
        if not speakers and _in_quote(doc, sent, trig.start) and after:
            speakers, how = after[0].speakers, "quoted"
        if not speakers and before:
            speakers, how = before[-1].speakers, "reported"
        target = about if about is not None else (ctx.last_event if trig.value in ("allege", "condemn") else None)
        add(speakers, trig.value or "concern", f"statement.stance.{trig.value}.{how}", 0.75, target)
    for r in reports:
        _party_statement(doc, sent, r, ctx, transfers, strikes, negated, triggers, add)
    if co:
        keys = tuple(t.key for t in co if t.key)
        for i, st in enumerate(made):
            if not set(keys) <= set(st.speakers):
                made[i].speakers = tuple(dict.fromkeys((*st.speakers, *keys)))
    for t in transfers:
        subject = [
            a
            for a in _subjects(doc, sent, tags, _trigger_at(tags, ctx.positions.get(id(t), -1)), titles)
            if a.key == t.supplier
        ]
        verb = _trigger_at(tags, ctx.positions.get(id(t), -1)).event == "supply"
        if (
            verb
            and t.status == "planned"
            and subject
            and not any(r.trigger.start < ctx.positions.get(id(t), -1) for r in reports)
        ):
            add((t.supplier,), "commit", "statement.supplier.commit", 0.6, t)  # "France will deliver ..."
    for st in made:
        ex.statements.append(st)
        if len(st.speakers) > 1:
            ctx.last_group = st.speakers
        ctx.last_speakers = st.speakers


def _is_headline(doc: Doc, sent: Span) -> bool:
    """A short first line with no closing punctuation: the article's headline."""
    if sent.start_char > _first_char(doc):
        return False
    text = sent.text.strip()
    return 0 < len(text.split()) <= 25 and text[-1:] not in ".?!\"”'’"


def _first_char(doc: Doc) -> int:
    """Offset of the text's first non-space character (the length of the text if none), computed once."""
    key = ("first_char", 0, 0)
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = len(doc.text) - len(doc.text.lstrip())
    return found


def _trigger_at(tags: list[Tag], start: int) -> Tag:
    return next((t for t in tags if t.kind == "trigger" and t.start == start), Tag("trigger", start, start + 1))


def _party_statement(
    doc: Doc,
    sent: Span,
    report: _Report,
    ctx: ArticleContext,
    transfers: list[Transfer],
    strikes: list[Strike],
    negated: list[tuple[str | None, str | None, int]],
    triggers: list[Tag],
    add: object,
) -> None:
    """A speech verb over an event: a party commits, admits or denies; anyone else alleges."""
    from collections.abc import Callable

    emit: Callable[[tuple[str, ...], str, str, float, Transfer | Strike | None], None] = add  # type: ignore[assignment]
    ex = ctx.extraction
    speakers = report.speakers
    states = {_state(k, ex) for k in speakers} - {None}
    start = report.trigger.start
    for supplier, recipient, at in negated:
        if at > start and ({supplier, recipient} & states or (supplier is None and recipient is None)):
            emit(speakers, "deny", "statement.report.deny", 0.7, None)
    events: list[Transfer | Strike] = [*transfers, *strikes]
    anaphoric = report.passive or doc[sent.start].lower_ in ("this", "it", "that")
    if not events and anaphoric and ctx.last_event is not None:
        events = [ctx.last_event]  # "This was stated in a message of the ministry": about the last event
    for event in events:
        at = ctx.positions.get(id(event), -1) if event in (*transfers, *strikes) else start + 1
        lo, hi = (start, at) if start < at else (at, start)
        if any(doc[i].lower_ in _SUBORDINATORS for i in range(lo + 1, hi)) or abs(at - start) > 25:
            continue
        if isinstance(event, Transfer):
            if event.supplier in states:
                stance = "commit" if event.status == "planned" else "admit"
                emit(speakers, stance, f"statement.report.{stance}", 0.7, event)
            elif states and event.recipient not in states and at > start:
                emit(speakers, "allege", "statement.report.allege", 0.6, event)
        else:
            if event.attacker in states:
                emit(speakers, "admit", "statement.report.admit", 0.7, event)
            elif states and event.target not in states and at > start:
                emit(speakers, "allege", "statement.report.allege", 0.6, event)
    if not transfers and ctx.last_transfer is not None and ctx.last_transfer.supplier in states:
        supply = [t for t in triggers if t.event in ("supply", "supply_noun")]
        if supply:
            emit(speakers, "commit", "statement.report.commit", 0.6, ctx.last_transfer)


def _quote(sent: Span) -> str | None:
    m = re.search(r"[\"“]([^\"”]{8,})[\"”]", sent.text)
    return m.group(1).strip() if m else None
