"""A read-only view of a spaCy ``Doc`` whose tokens are built once.

``Doc.__getitem__`` creates a new ``Token`` object on every call and ``Doc.text`` joins the
whole text again each time; the event rules index tokens thousands of times per article,
so they read through this view instead.

>>> from armskg.loaders.text import nlp
>>> view = DocView(nlp()("Iran supplied drones."))
>>> view[1].lower_, view[0:2].text, len(view)
('supplied', 'Iran supplied', 4)
"""

from __future__ import annotations

from typing import overload

from spacy.tokens import Doc, Span, Token

__all__ = ["DocView"]


class DocView:
    """Tokens by index (cached), spans by slice, and the text, of one document."""

    __slots__ = ("doc", "text", "tokens", "user_data")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens: list[Token] = list(doc)
        self.text: str = doc.text
        self.user_data: dict[object, object] = {}

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> Span: ...

    def __getitem__(self, index: int | slice) -> Token | Span:
        if isinstance(index, slice):
            return self.doc[index]
        return self.tokens[index]

    def __len__(self) -> int:
        return len(self.tokens)
