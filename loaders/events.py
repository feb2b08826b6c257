"""Read the events of one parsed sentence: voices first, then transfers, strikes and statements.

Each fact keeps the rule that made it (``Evidence.rule``, e.g. ``transfer.verb.transfer``) so a
researcher can see why the graph says something.  The rules themselves live in one module per
kind of fact: :mod:`~armskg.loaders.transfers`, :mod:`~armskg.loaders.strikes` (with
:mod:`~armskg.loaders.strike_parties` for parties only the context names, and
:mod:`~armskg.loaders.exchanges` for fire two sides trade),
:mod:`~armskg.loaders.statements`, with :mod:`~armskg.loaders.voices` (who speaks through
which verb) and :mod:`~armskg.loaders.speakers` (who a subject stands for).
"""

from __future__ import annotations

from .context import ArticleContext
from .exchanges import exchanged_fire
from .facts import Strike, Transfer
from .roles import subjects
from .sentence import ParsedSentence
from .statements import read_statements
from .strikes import read_strikes
from .transfers import read_transfers
from .usage import read_usage
from .voices import find_voices

__all__ = ["read_sentence"]


def _dedupe_transfers(items: list[Transfer]) -> list[Transfer]:
    seen: set[tuple[str, str, str]] = set()
    kept: list[Transfer] = []
    for t in items:
        if (t.supplier, t.recipient, t.weapon) not in seen:
            seen.add((t.supplier, t.recipient, t.weapon))
            kept.append(t)
    return kept


def read_sentence(sent: ParsedSentence, ctx: ArticleContext) -> None:
    """Add the transfers, strikes and statements of ``sent`` to ``ctx.extraction``."""
    ex = ctx.extraction
    roots = [tok for tok in sent.doc if tok.dep_ == "ROOT"]
    about = {p for r in roots[:1] for t in sent.phrase_actors_of(subjects(r)) if (p := ctx.party_of(t.key))}
    ctx.sentence_subject = next(iter(about)) if len(about) == 1 else None
    voices = find_voices(sent, ctx)
    readings = read_transfers(sent, ctx, voices)
    transfers = _dedupe_transfers([t for r in readings for t in r.transfers])
    strikes = [*read_strikes(sent, ctx, transfers, voices), *exchanged_fire(sent, ctx)]
    transfers += read_usage(sent, ctx, voices, transfers)
    statements = read_statements(sent, ctx, voices, readings, [*strikes, *ctx.restated])
    ex.transfers.extend(transfers)
    seen: dict[tuple[str, str, str | None], Strike] = {}
    for strike, _tok in strikes:
        key = (strike.attacker, strike.target, strike.weapon)
        if key not in seen:
            seen[key] = strike
            ex.strikes.append(strike)
        else:  # "strikes on Sunday, continuing a campaign that began June 13 with attacks": both days
            first = seen[key]
            first.dates = (*first.dates, *(d for d in strike.dates if d not in first.dates))
    ex.statements.extend(statements)
    speech = [v for v in voices if v.stance is None and v.verb is not None]
    if speech:
        ctx.last_reporter = speech[-1].speakers
    named = [  # who a later "he said" may be: the person the sentence is about, or who spoke in it
        t.key
        for tok in sent.doc
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"
        for t in sent.phrase_actors(tok)
        if t.key and t.key.startswith("person:")
    ]
    ctx.saw_people([*named, *(k for v in speech for k in v.speakers)])
    ctx.last_subject = ctx.sentence_subject or ctx.last_subject
    ctx.sentence_subject = None
    for st in statements:
        if len(st.speakers) > 1:
            ctx.last_group = st.speakers
        ctx.last_speakers = st.speakers
        ctx.saw_people(st.speakers)
    if transfers:
        ctx.last_transfer = transfers[-1]
    last: Transfer | Strike | None = transfers[0] if transfers else (strikes[0][0] if strikes else None)
    if last is not None:
        ctx.last_event = last
