"""The statements one sentence makes, gathered once each: a grouping that speaks as its
members ("the G7") is written as those states, and each statement takes the sentence's quote,
day and channel.
"""

from __future__ import annotations

import datetime as dt
import re

from .context import ArticleContext
from .dates import days_in
from .facts import Statement, Strike, Transfer
from .sentence import ParsedSentence

__all__ = ["StatementSink"]


class StatementSink:
    """The statements one sentence makes, each (speakers, stance) once."""

    def __init__(self, sent: ParsedSentence, ctx: ArticleContext) -> None:
        self.sent = sent
        self.ctx = ctx
        self.made: list[Statement] = []
        channel = sent.triggers("channel")
        self.channel = channel[0].value if channel else None
        self._details: tuple[str | None, dt.date | None] | None = None

    def _members(self, key: str) -> list[str]:
        """A grouping that speaks as its member states ("the G7") as those states; anyone else as is."""
        actor = self.ctx.extraction.actors.get(key)
        members = self.ctx.lexicon.groups.get(actor.label, ()) if actor is not None else ()
        return [f"state:{m}" for m in members] or [key]

    def _spoken_for(self, person: str) -> list[str]:
        """The body or state a spokesperson spoke for together with them earlier in the article
        ("Rwandan government spokeswoman Yolande Makolo dismissed ... She said ..."): none for
        anyone else."""
        actor = self.ctx.extraction.actors.get(person)
        if actor is None or not actor.role:
            return []
        if self.ctx.lexicon.role_of_title(actor.role.split()[-1]) != "spokesperson":
            return []
        for earlier in reversed([*self.ctx.extraction.statements, *self.made]):
            if person in earlier.speakers and len(earlier.speakers) > 1:
                return [k for k in earlier.speakers if not k.startswith("person:")]
        return []

    def add(self, speakers: list[str] | tuple[str, ...], stance: str, rule: str, confidence: float,
            about: Transfer | Strike | None) -> None:  # fmt: skip
        keys = tuple(dict.fromkeys(k for key in speakers for k in self._members(key)))
        if len(keys) == 1 and keys[0].startswith("person:"):  # "She said ...": with the body she speaks for
            keys = (*self._spoken_for(keys[0]), *keys)
        if not keys or any(s.stance == stance and set(s.speakers) == set(keys) for s in self.made):
            return
        if self._details is None:
            text = self.sent.span.text
            days = days_in(text, self.ctx.published, self.ctx.year)
            match = re.search(r"[\"“]([^\"”]{8,})[\"”]", text)
            self._details = (match.group(1).strip() if match else None, days[0] if days else None)
        quote, day = self._details
        evidence = self.ctx.evidence(self.sent, rule, confidence)
        self.made.append(Statement(keys, stance, evidence, about, channel=self.channel, quote=quote, date=day))
