"""The weapon classes a strike names (see :mod:`~armskg.loaders.strikes`): each weapon phrase
resolved to its class, with what fired or flew it left out ("struck targets with warplanes and a
submarine", "an airstrike by Israeli F-35s"), munitions no class names left out ("missiles hit
Kharkiv"), and the munition kept over the platform ("using warplanes and Tomahawk missiles").
"""

from __future__ import annotations

from .context import ArticleContext
from .facts import Transfer
from .roles import lemma
from .sentence import ParsedSentence
from .strike_targets import platform_words
from .tags import Tag
from .weapons import generic, origin_of, resolve_weapon

__all__ = ["Kind", "weapon_kinds"]

Kind = tuple[str | None, str | None, str | None]
"""A strike's weapon: its class, its designation and the state that made it."""


def weapon_kinds(
    sent: ParsedSentence, ctx: ArticleContext, weapons: list[Tag], earlier: Transfer | None = None
) -> list[Kind]:
    """The classes, designations and makers of the weapons a strike names; with ``earlier``,
    the weapon of that transfer when the strike names none ("... and the latter used them")."""
    kinds: list[Kind] = []
    naval = platform_words(ctx)  # what fires: ships, jets
    for weapon in weapons:
        category, designation = resolve_weapon(ctx, sent, weapon)
        head = sent.head(weapon)
        platform = {lemma(head), head.lower_.removesuffix("s")} & naval
        listed = [head, *(a for a in head.ancestors if head.dep_ == "conj")]
        instrument = any(h.dep_ == "pobj" and h.head.lower_ == "with" for h in listed)  # not "used jets to bomb"
        top = head
        while top.dep_ in ("compound", "amod", "nummod") and top.head.i != top.i:
            top = top.head  # "by Israeli F-35 jets"
        flown = category == "aircraft" and any(h.dep_ == "pobj" and h.head.lower_ == "by" for h in (*listed, top))
        if flown:
            continue  # "an airstrike by Israeli F-35s": the jets that flew it, no munition named
        if designation is None and platform and (category == "other" or (category == "aircraft" and instrument)):
            continue  # "struck targets with warplanes, warships and a submarine": what fired, not the weapon
        if category == "other" and designation is None and generic(sent, weapon, ctx.words("generic_munition")):
            continue  # "missiles hit Kharkiv": no class named
        if all(category != k[0] for k in kinds):
            kinds.append((category, designation, origin_of(ctx, sent, weapon)))
    if len(kinds) > 1:  # "using warplanes and Tomahawk missiles": the munition, not the platform
        kinds = [k for k in kinds if k[0] != "aircraft"]
    if not kinds and earlier is not None:  # "... and the latter used them"
        kinds.append((earlier.weapon, earlier.designation, earlier.supplier))
    return kinds
