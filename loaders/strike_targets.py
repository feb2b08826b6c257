"""Where a strike fell and whose it was (see :mod:`~armskg.loaders.strike_roles`): the actors
and places a target phrase names, places joined by "and" ("in and around Erbil"), targets named
by their owner before where they stand, an armed group hit outside its home state (the state
where it was hit), and actors that only made or supplied the weapons named.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .roles import agents, lemma, prep_objects
from .sentence import ParsedSentence
from .tags import Tag

__all__ = ["WHERE", "hit_abroad", "only_maker", "open_water", "owners_first", "platform_words", "targets_of"]

WHERE = frozenset({"in", "inside", "near", "across", "over", "through", "off"})
"""Target prepositions that say where a strike fell, which yield to whoever owned what was hit."""


_HOLDING = frozenset({"for", "of"})
"""Prepositions inside a target phrase that a place may qualify ("a camp for displaced people in Tigray")."""


def _within(place: Token, head: Token) -> bool:
    """The place is said of the target phrase itself, through its own clauses, not through
    another prepositional phrase ("in response to Ukraine's use of ... in Taganrog")."""
    prep = place.head
    while prep.dep_ == "conj" and prep.pos_ == "ADP":  # "in and around Erbil"
        prep = prep.head
    node = prep.head
    while node.i != head.i:
        outer = node.head  # "in Miranshah, a town in Khyber Pakhtunkhwa": a place within a place
        if node.dep_ == "appos" and outer.dep_ == "pobj" and outer.head.lower_ in WHERE:
            node = outer if outer.i == head.i else outer.head.head
            continue
        prep = node.head if node.dep_ == "pobj" else node
        held = node.dep_ in ("pobj", "prep") and prep.lower_ in _HOLDING
        if not held and node.dep_ in ("prep", "pobj", "pcomp", "advcl", "ccomp", "conj", "agent"):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _where(prep: Token) -> bool:
    """A preposition of place, or one joined to it ("in and around")."""
    return prep.lower_ in WHERE or (prep.dep_ == "conj" and prep.pos_ == "ADP" and prep.head.lower_ in WHERE)


def _located_groups(sent: ParsedSentence, ctx: ArticleContext, tags: list[Tag]) -> list[Tag]:
    """The armed groups among target tags whose other tags only say where they are ("Islamic
    State positions in Iraq"), or none."""
    groups = [t for t in tags if t.kind == "actor" and ctx.kind_of(t.key or "") == "armed_group"]
    return groups if groups and all(t in groups or _located(sent, t) for t in tags) else []


def hit_abroad(sent: ParsedSentence, ctx: ArticleContext, tags: list[Tag]) -> list[Tag]:
    """Armed groups hit outside their home state give way to the state where they were hit
    ("Islamic State hideouts in Iraq": Iraq)."""
    groups = _located_groups(sent, ctx, tags)
    if not groups:
        return tags
    abroad = {t.key for t in tags if _located(sent, t)} - {ctx.state_of(t.key) for t in groups}
    return [t for t in tags if t not in groups and t.key in abroad] if abroad else tags


def _located(sent: ParsedSentence, tag: Tag) -> bool:
    """The tag says where something is: a place, or a state after a preposition of place."""
    head = sent.head(tag)
    while head.head.i != head.i and (
        head.dep_ in ("poss", "compound", "amod", "nmod") or (head.dep_ == "pobj" and head.head.lower_ == "of")
    ):
        head = head.head if head.dep_ != "pobj" else head.head.head  # "in the mountains of Iraq's Anbar province"
    return tag.kind == "place" or (head.dep_ == "pobj" and _where(head.head))


def _named_place(sent: ParsedSentence, tok: Token) -> Tag | None:
    """The place a territory word's own name gives ("Kaduna State", "Idlib province")."""
    return next((t for t in sent.phrase_actors(tok, places=True) if t.kind == "place"), None)


def owners_first(tags: list[Tag]) -> list[Tag]:
    """Targets named by who owns what was hit win over where it stands ("US bases in Iraq and
    Syria": the United States)."""
    owners = [t for t in tags if t.kind == "actor"]
    return owners or tags


def _of_the_state(sent: ParsedSentence, ctx: ArticleContext, tags: list[Tag]) -> list[Tag]:
    """A place named before a territory noun that says whose it is ("Sistan-Baluchestan province
    of Iran"): the state the text names, not the lexicon's."""
    kept: list[Tag] = []
    for tag in tags:
        tok = sent.head(tag)
        owned = tag.kind == "place" and tok.dep_ in ("amod", "compound", "nmod")
        if owned and lemma(tok.head) in ctx.words("territory_noun"):
            named = sent.phrase_actors_of(prep_objects(tok.head, {"of"}))
            states = [a for a in named if (a.key or "").startswith("state:")]
            if states:
                kept += [a for a in states if a not in kept and a not in tags]
                continue
        kept.append(tag)
    return kept


def platform_words(ctx: ArticleContext) -> frozenset[str]:
    """Words for what carries and fires weapons, crewed by a side's forces: ships and warplanes
    (``grammar.tsv``: vessel_noun, patrol_platform)."""
    return ctx.words("vessel_noun") | ctx.words("patrol_platform")


def targets_of(
    sent: ParsedSentence, ctx: ArticleContext, heads: list[Token], depth: int = 0, *, weapons: bool = False
) -> list[Tag]:
    """The actors and places target phrases name, looking inside a phrase that names none
    ("in its operations against Kurdish militants in Syria")."""
    preps = ctx.words("target_prep")
    naming = ctx.words("naming_verb") | ctx.words("name_giving")

    def given_name(tok: Token) -> bool:  # "an operation code-named Martyr Soleimani": a name, not a target
        return any(c.dep_ in ("amod", "acl") and lemma(c) in naming for c in tok.children)

    found: list[Tag] = []
    for head in heads:
        if lemma(head) in ctx.words("agency_noun") or given_name(head):
            continue  # "at the direction of US President Donald Trump"
        crossed = head.dep_ == "pobj" and head.head.lower_ == "across" and not prep_objects(head, preps)
        if crossed and lemma(head) in ctx.words("boundary_noun"):
            continue  # "launching rockets across the Lebanese border": where they crossed, not whom they hit
        crewed = lemma(head) in platform_words(ctx)  # "an attack on a U.S. warship": the state's forces
        tags = sent.phrase_actors_of([head], places=True, weapons=weapons or crewed)
        tags = [t for t in tags if not only_maker(sent, ctx, t)]
        tags = _of_the_state(sent, ctx, tags)
        if tags and all(t.kind == "place" for t in tags):  # "the US Al Udeid air base": the base's owner
            owner_words = [t for t in head.subtree if t.i < head.i and t.dep_ in ("compound", "amod", "poss", "nmod")]
            owner_words += [  # "Al Udeid Air Base, the largest American military installation": the US's
                w for a in head.children if a.dep_ == "appos" for w in a.children if w.dep_ in ("amod", "poss", "nmod")
            ]
            tags += [a for w in owner_words if (a := sent.token_tag(w)) is not None and not only_maker(sent, ctx, a)]
        if not tags:  # "a base used by U.S. and Kenyan forces": whose forces hold it
            holders = [c for c in head.children if c.dep_ == "acl" and lemma(c) in ctx.words("occupying_verb")]
            tags = [t for t in sent.phrase_actors_of([a for c in holders for a in agents(c)]) if t.kind == "actor"]
        stateless = bool(tags) and not any(t.kind == "place" or ctx.party_of(t.key) for t in tags)  # "UN peacekeepers"
        grouped = bool(_located_groups(sent, ctx, tags))  # "IS positions in Iraq": where they were hit
        if (not tags or stateless) and depth < 2:
            tags = [*tags, *targets_of(sent, ctx, prep_objects(head, preps), depth + 1)]
        if (
            not tags or stateless or grouped
        ) and depth == 0:  # "a strike on a school sheltering displaced people in Gaza"
            inside = [
                t
                for t in head.subtree
                if t.dep_ == "pobj" and _where(t.head) and _within(t, head) and not given_name(t)
            ]
            inside += [a for t in inside for a in t.children if a.dep_ == "appos"]  # "in Rann, Borno State"
            inside_tags = [sent.token_tag(t, "place") or sent.token_tag(t) or _named_place(sent, t) for t in inside]
            tags = [*tags, *(p for p in inside_tags if p is not None and (p.kind == "place" or ctx.party_of(p.key)))]
        tags = hit_abroad(sent, ctx, tags)
        found += [t for t in tags if t not in found]
    return found


def only_maker(sent: ParsedSentence, ctx: ArticleContext, tag: Tag) -> bool:
    """The actor only made, supplied or backs what is named ("an Iranian-made drone hit",
    "Iranian-backed militias attacked", "Iran-linked targets", "drones sent by Iran"): it is
    not that party."""
    if ctx.backs_or_made(sent, tag):
        return True
    agent = sent.head(tag).head  # "drones shipped by Iran to Russia hit Kyiv": Iran only supplied them
    supplying = sent.trigger_heads("supply")
    return agent.dep_ == "agent" and agent.head.dep_ == "acl" and agent.head.i in supplying


def open_water(ctx: ArticleContext, tok: Token) -> bool:
    """The word names open sea, where a launch strikes no one ("into the sea", "in waters off
    Hokkaido", "inside Japan's exclusive economic zone"; ``grammar.tsv``: open_water)."""
    economic = lemma(tok) == "zone" and any(c.lower_ == "economic" for c in tok.children)
    return economic or lemma(tok) in ctx.words("open_water")
