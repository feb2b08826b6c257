"""The days a strike happened on, read from the clause that reports it: "struck Kharkiv on
Sunday" gives Sunday's date against the article's own; a clause below it that reports another
party's strike ("..., saying it was responding to US strikes on Saturday") keeps its own day.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from .context import ArticleContext
from .dates import days_in
from .roles import NOUN_POS, clause_chain
from .sentence import ParsedSentence

__all__ = ["strike_days"]

_OTHER_CLAUSES = ("advcl", "ccomp", "relcl", "parataxis")


def strike_days(ctx: ArticleContext, sent: ParsedSentence, tok: Token, attackers: set[str]) -> tuple[dt.date, ...]:
    """The days the strike's own clause names; a clause below it that holds another party's
    strike ("..., saying it was responding to US strikes on Sunday") dates that one. A strike
    noun that names its own day ("Saturday's attack ... rose to 16 on Sunday") has that day only."""
    if tok.pos_ in NOUN_POS:
        clauses = {x.i for c in tok.children if c.dep_ in ("relcl", "acl") for x in c.subtree}
        days = days_in("".join(t.text_with_ws for t in tok.subtree if t.i not in clauses), ctx.published, ctx.year)
        if days:
            return tuple(days)
    clause = list(clause_chain(tok, stop=("ccomp", "relcl", "advcl", "conj")))[-1]
    others = {
        i
        for i in sent.trigger_heads("strike", "strike_noun") - {tok.i}
        if any(
            (p := ctx.party_of(t.key)) and p not in attackers
            for t in sent.phrase_actors_of(
                [c for c in sent.doc[i].children if c.dep_ in ("poss", "amod", "compound", "nsubj")]
            )
        )
    }
    aside = {
        t.i
        for c in clause.subtree
        if c.dep_ in _OTHER_CLAUSES and c.i != clause.i and tok.i not in (inside := {x.i for x in c.subtree})
        if inside & others
        for t in c.subtree
    }
    words = sorted((t for t in clause.subtree if t.i not in aside), key=lambda t: t.i)
    runs: list[list[Token]] = []
    for t in words:
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    text = " ".join(sent.doc[r[0].i : r[-1].i + 1].text for r in runs)
    return tuple(days_in(text, ctx.published, ctx.year))
