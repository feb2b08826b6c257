"""The unit tagging produces: a span of the document and what it names."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

__all__ = ["Tag"]


@dataclass(slots=True)
class Tag:
    """Something named in the text, as a token span of the document.

    ``kind`` is ``actor``, ``place``, ``weapon``, ``title`` or ``trigger``.  For actors
    ``key`` is the actor key and ``via`` says how it was named (name, metonym,
    demonym, title, surname, body, group); for weapons ``value`` is the category and
    ``producer`` the key of the state that makes a named system; for triggers ``event`` is
    the trigger's event kind and ``value`` its value.
    """

    kind: str
    start: int
    end: int
    key: str | None = None
    value: str | None = None
    event: str | None = None
    via: str = "name"
    designation: str | None = None
    producer: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def span(self, doc: Doc) -> Span:
        """The tagged tokens."""
        return doc[self.start : self.end]
