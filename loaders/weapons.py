"""The weapons an event names: which tags count, their category, origin and quantity."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .context import ArticleContext
from .doc_view import DocView
from .sentence import ParsedSentence
from .tags import Tag

__all__ = ["event_weapons", "generic", "made_by", "maker_before", "origin_of", "quantity_of", "resolve_weapon"]

_ATTACK_NOUNS = {"attack", "strike", "raid", "barrage", "assault", "salvo"}


def event_weapons(
    sent: ParsedSentence, roots: list[Token], *, skip: set[int] | None = None, attacks: bool = False
) -> list[Tag]:
    """The weapon tags under ``roots`` (an event's object, instrument or own noun), in order; a
    generic word right after a named system ("S-400 missile systems") belongs to it, and
    weapons that name attacks ("missile and drone attacks") or the guns a shell is for
    ("shells for 155 mm guns") are left out, unless ``attacks`` (a strike's own weapons)."""
    found: list[Tag] = []
    for root in roots:
        for tag in sent.weapons_under(root, skip=skip):
            if tag not in found:
                found.append(tag)
    kept: list[Tag] = []
    for tag in sorted(found, key=lambda t: t.start):
        head = sent.head(tag)
        if any(c.dep_ == "neg" for c in head.children) or (head.i > 0 and head.doc[head.i - 1].lower_ == "not"):
            continue  # "sent troops, not weapons"
        if (
            not attacks
            and head.head.lemma_.lower() in _ATTACK_NOUNS
            and head.dep_ in ("compound", "amod", "conj", "nmod")
        ):
            continue
        for_a_weapon = head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.pos_ == "NOUN"
        if for_a_weapon and sent.token_tag(head.head.head, "weapon") is not None:
            continue
        joined = head.dep_ == "conj"  # "TB2 drones and air defence systems": a weapon of its own
        if tag.designation is None and kept and kept[-1].designation and tag.start - kept[-1].end <= 2 and not joined:
            continue
        kept.append(tag)
    return kept


def resolve_weapon(ctx: ArticleContext, sent: ParsedSentence, weapon: Tag) -> tuple[str, str | None]:
    """A weapon's category and designation; a bare "missiles" takes the one specific missile
    class the article names."""
    category, designation = weapon.value or "other", weapon.designation
    text = sent.span.view.text_of(weapon.start, weapon.end).lower()
    if category == "other" and designation is None and "missile" in text and ctx.missile:
        return ctx.missile, None
    return category, designation


def maker_before(view: DocView, tags: Iterable[Tag], weapon: Tag, origin: frozenset[str]) -> str | None:
    """The state named right before a weapon as its maker or supplier ("Iranian-made", "US-supplied",
    "Chinese-built"): a word between them whose lemma is in ``origin`` (``grammar.tsv``:
    origin_participle)."""
    for tag in tags:
        key = tag.key or ""
        near = tag.kind == "actor" and key.startswith("state:") and weapon.start - 4 <= tag.end <= weapon.start
        if near and any(view[i].lemma_.lower() in origin for i in range(tag.end, weapon.start)):
            return key
    return None


def made_by(ctx: ArticleContext, sent: ParsedSentence, weapon: Tag) -> str | None:
    """The state the sentence says made or supplied a weapon, right before it ("Iranian-made
    drones") or as what the weapon is ("the missile was Iranian-made")."""
    origin = ctx.words("origin_participle")
    before = maker_before(sent.span.view, sent.tags, weapon, origin)
    head = sent.head(weapon)
    if before is not None or head.dep_ not in ("nsubj", "nsubjpass"):
        return before
    said = [c for c in head.head.children if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in origin]
    states = {t.key for t in sent.phrase_actors_of(said) if (t.key or "").startswith("state:")}
    return states.pop() if len(states) == 1 else None


def generic(sent: ParsedSentence, weapon: Tag, words: frozenset[str]) -> bool:
    """A weapon phrase that names no kind of weapon: every word, singular, is one of ``words``
    ("arms", "military aid" for a supply: ``grammar.tsv`` generic_goods; "missiles", "rockets"
    for a strike: generic_munition)."""
    found = sent.span.view.text_of(weapon.start, weapon.end).lower().split()
    return weapon.designation is None and bool(found) and all(w in words or w.rstrip("s") in words for w in found)


def origin_of(ctx: ArticleContext, sent: ParsedSentence, weapon: Tag) -> str | None:
    """The state that made a weapon: a named system's producer, "Iranian-made", "US-supplied"."""
    return weapon.producer or made_by(ctx, sent, weapon) or ctx.producers.get(weapon.value or "")


def quantity_of(sent: ParsedSentence, weapon: Tag) -> str | None:
    """The number of items, when the text gives one ("78", "several dozen")."""
    head = sent.head(weapon)
    words = [c for c in head.children if c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and c.like_num)]
    for c in list(words):
        words += [g for g in c.children if g.dep_ in ("quantmod", "advmod", "compound", "amod", "nummod")]
    if words:  # "several dozen": the qualifier of a count
        first = min(w.i for w in words)
        words += [c for c in head.children if c.dep_ in ("amod", "advmod") and c.i < first and c.pos_ in ("ADJ", "ADV")]
    parts = sorted(words, key=lambda t: t.i)
    return " ".join(t.text for t in parts) if parts else None
