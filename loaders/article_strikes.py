"""Strikes settled once the whole article is read.

- A strike inside one state's own war whose attacker the sentence leaves unnamed ("Drones hit
  the Red Sea city on Sunday") is that state's strike on itself. The devset codes an armed group
  as the state it is based in, and a state's strike on its own rebels as that state against
  itself, so in a war fought inside one state by its army and a group based there, either
  side's strike on that state's soil is that state's. It is kept, with an inferred attacker,
  only when the article names an armed group based in that state, reports no strike on it by
  any other state, and names no other state in the sentence.
- A strike with no weapon named is the same event as one between the same sides with a weapon,
  and is not stated twice.
"""

from __future__ import annotations

import datetime as dt

from .context import ArticleContext
from .facts import Strike, Transfer
from .sentence import ParsedSentence
from .strike_weapons import Kind

__all__ = ["attribute_internal", "fold_unarmed_strikes", "orphan_strikes"]


def orphan_strikes(
    sent: ParsedSentence,
    ctx: ArticleContext,
    targets: list[str],
    kinds: list[Kind],
    days: tuple[dt.date, ...],
    transfers: list[Transfer],
) -> None:
    """Keep a strike on ``targets`` with no attacker named (``ctx.orphans``) for
    :func:`attribute_internal`, once per state hit, unless the sentence names another state
    beside it (not counting a supplier of the weapons: "the UAE supplied the drones used in")."""
    states = dict.fromkeys(s for k in targets if (s := ctx.state_of(k)))
    beside = {ctx.state_of(t.key) for t in sent.tags if t.kind == "actor" and t.key}
    beside -= {ctx.state_of(t.supplier) for t in transfers}
    evidence = ctx.evidence(sent, "strike.internal.attack", 0.55)
    kind = kinds[0] if kinds else (None, None, None)
    ctx.orphans += [Strike("", s, evidence, *kind, days) for s in states if not beside - {s, None}]


def attribute_internal(ctx: ArticleContext) -> None:
    """Give the article's unattributed strikes (``ctx.orphans``) on a state at war inside its
    own borders that state as their attacker, and add them to the extraction once each."""
    ex = ctx.extraction
    named = {m.actor for m in ex.mentions}
    homes = {
        a.based_in for k in named if (a := ex.actors.get(k)) is not None and a.kind == "armed_group" and a.based_in
    }
    foreign = {ctx.state_of(s.target) for s in ex.strikes if ctx.state_of(s.attacker) != ctx.state_of(s.target)}
    seen = {(s.attacker, s.target, s.weapon) for s in ex.strikes}
    for orphan in ctx.orphans:
        state = orphan.target
        if state not in homes or state in foreign or (state, state, orphan.weapon) in seen:
            continue
        orphan.attacker = state
        seen.add((state, state, orphan.weapon))
        ex.strikes.append(orphan)


def fold_unarmed_strikes(ctx: ArticleContext) -> None:
    """A strike with no weapon named is the same event as one between the same sides with a
    weapon ("struck targets across Yemen", then "Tomahawks were fired at the Houthis"): its days
    join that strike's, and it is not stated twice."""
    extraction = ctx.extraction
    armed: dict[tuple[str | None, str | None], Strike] = {}
    for s in extraction.strikes:
        if s.weapon is not None:
            armed.setdefault((ctx.state_of(s.attacker), ctx.state_of(s.target)), s)
    kept: list[Strike] = []
    folded: dict[int, Strike] = {}
    for s in extraction.strikes:
        same = armed.get((ctx.state_of(s.attacker), ctx.state_of(s.target))) if s.weapon is None else None
        if same is None:
            kept.append(s)
        else:
            same.dates = tuple(sorted({*same.dates, *s.dates}))
            folded[id(s)] = same
    extraction.strikes = kept
    for st in extraction.statements:  # a statement about a folded strike is about the one it joined
        if st.about is not None and id(st.about) in folded:
            st.about = folded[id(st.about)]
