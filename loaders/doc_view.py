"""A read-only, pure-Python view of a spaCy ``Doc``: every token's attributes read once.

spaCy builds a new ``Token`` object on every ``doc[i]``, on every step through a ``Span``
and for every ``Span.text``; the tagging and event rules look at tokens hundreds of
thousands of times per thousand articles, and building those objects was the largest
single cost of extraction.  This view reads the attributes the rules use in one
``Doc.to_array`` call and keeps them as plain tuples (:class:`TokenView`), with the
attribute names spaCy uses, so the rules read ``doc[i].lower_`` exactly as before (at list
speed).

>>> from armskg.loaders.text import nlp
>>> view = DocView(nlp()("Iran supplied drones."))
>>> view[1].lower_, view[1].lemma_, view.text_of(0, 2), len(view)
('supplied', 'supply', 'Iran supplied', 4)
>>> [t.text for t in view[2:]], view[-1].is_punct
(['drones', '.'], True)
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import NamedTuple

from spacy.attrs import IDX, LEMMA, ORTH, SENT_START, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["DocView", "SpanView", "TokenView"]

_COLUMNS = [ORTH, IDX, SPACY, LEMMA, SENT_START]
"""What differs from token to token; the rest is the word's (its lexeme's) and is read once per word."""


class TokenView(NamedTuple):
    """One token's text and the flags the rules read (same names and values as spaCy's ``Token``).

    The first five fields belong to the token, the others to the word (spaCy's lexeme).
    """

    i: int
    idx: int
    whitespace_: str
    lemma_: str
    is_sent_start: bool | None
    text: str
    lower_: str
    is_alpha: bool
    is_title: bool
    is_upper: bool
    is_lower: bool
    is_punct: bool
    is_space: bool
    like_num: bool


_Word = tuple[str, str, bool, bool, bool, bool, bool, bool, bool]
"""The word's part of a :class:`TokenView`: text, lower_ and the flags."""

_MAX_WORDS = 500_000
"""Words remembered per vocabulary before the memory is cleared (it grows with the corpus' vocabulary)."""

_words: dict[int, tuple[Vocab, dict[int, _Word], dict[int, str]]] = {}
"""Per vocabulary (by id, holding it so the id stays its own): each word's part by string id, and strings."""

_WHITESPACE = ("", " ")
_SENT_START: dict[int, bool | None] = {1: True, 0: None}  # spaCy's is_sent_start; any other value (-1) is False


class SpanView:
    """Tokens ``start`` to ``end`` (exclusive) of a :class:`DocView`, like a spaCy ``Span``."""

    __slots__ = ("_text", "end", "start", "view")

    def __init__(self, view: DocView, start: int, end: int) -> None:
        self.view = view
        self.start = start
        self.end = end
        self._text: str | None = None

    @property
    def start_char(self) -> int:
        """Offset of the first character in the document text."""
        return self.view.char_at(self.start)

    @property
    def end_char(self) -> int:
        """Offset just past the last character (trailing whitespace excluded)."""
        if self.start >= self.end:
            return self.start_char
        last = self.view[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        """The span's text without the trailing whitespace of its last token, as spaCy gives it
        (built once: the rules ask a sentence for its text many times)."""
        if self._text is None:
            self._text = self.view.text_of(self.start, self.end)
        return self._text

    def __iter__(self) -> Iterator[TokenView]:
        return iter(self.view[self.start : self.end])

    def __len__(self) -> int:
        return self.end - self.start

    def __repr__(self) -> str:
        return f"SpanView({self.start}, {self.end}, {self.text!r})"


def _bounds(length: int, start: int | None, end: int | None) -> tuple[int, int]:
    """spaCy's slice rule: negative ends count from the end, both clipped, and ``end >= start``."""
    first = 0 if start is None else start + (length if start < 0 else 0)
    first = min(length, max(0, first))
    last = length if end is None else end + (length if end < 0 else 0)
    return first, min(length, max(first, last))


class DocView(list[TokenView]):
    """The tokens of one document (a list, indexed at list speed), its text, spans and sentences.

    A slice is a plain list of tokens; :meth:`span` and :meth:`text_of` give a span and its text.
    """

    __slots__ = ("_titles", "doc", "memo", "text")

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        """``text`` is ``doc.text`` when the caller has it (spaCy joins it again on every call)."""
        self.doc = doc
        self.text: str = doc.text if text is None else text
        self.memo: dict[tuple[str, int, int], int] = {}
        """Results of pure per-document rule helpers, keyed by (helper name, arguments)."""
        self._titles: list[int] | None = None
        super().__init__(_read_tokens(doc))

    def span(self, start: int | None, end: int | None) -> SpanView:
        """Tokens ``start`` to ``end`` as a span (``None`` and negative ends as in a slice)."""
        return SpanView(self, *_bounds(len(self), start, end))

    def text_of(self, start: int | None, end: int | None) -> str:
        """The text of tokens ``start`` to ``end``, as spaCy's ``doc[start:end].text`` gives it."""
        if start is not None and end is not None and 0 <= start <= end <= len(self):
            first, last = start, end  # the common case, already within bounds
        else:
            first, last = _bounds(len(self), start, end)
        if first >= last:
            return ""
        final = self[last - 1]
        return self.text[self[first].idx : final.idx + len(final.text)]

    def positions(self, *lower: str) -> list[int]:
        """Indices, in order, of the tokens whose lowercase form is one of ``lower``.

        >>> from armskg.loaders.text import nlp
        >>> DocView(nlp()("The latter and the former.")).positions("the", "former")
        [0, 3, 4]
        """
        wanted = set(lower)
        return [t.i for t in self if t.lower_ in wanted]

    def title_positions(self) -> list[int]:
        """Indices, in order, of the title-case tokens (``Iran``, ``Sullivan``), found once."""
        if self._titles is None:
            self._titles = [t.i for t in self if t.is_title]
        return self._titles

    def char_at(self, token: int) -> int:
        """Character offset where token ``token`` starts (the text's length past the end)."""
        return self[token].idx if token < len(self) else len(self.text)

    def sentence_start(self, token: int) -> int:
        """The first token of the sentence that holds token ``token``."""
        while token > 0 and not self[token].is_sent_start:
            token -= 1
        return token

    def sentences(self) -> list[SpanView]:
        """The sentences (as ``Doc.sents`` cuts them) that hold at least one word."""
        starts = [t.i for t in self if t.is_sent_start and t.i > 0]
        bounds = zip([0, *starts], [*starts, len(self)], strict=True)
        return [SpanView(self, start, end) for start, end in bounds if any(t.is_alpha for t in self[start:end])]


def _word(vocab: Vocab, orth: int) -> _Word:
    """The word part of a token from its lexeme (the same values as the token's attributes)."""
    lex = vocab[orth]
    return (
        lex.orth_,
        lex.lower_,
        lex.is_alpha,
        lex.is_title,
        lex.is_upper,
        lex.is_lower,
        lex.is_punct,
        lex.is_space,
        lex.like_num,
    )


def _read_tokens(doc: Doc) -> list[TokenView]:
    """All tokens of ``doc`` as :class:`TokenView` tuples: one array read for what is the token's own,
    and the word's part looked up (read from the vocabulary the first time a word is seen)."""
    if len(doc) == 0:
        return []
    vocab = doc.vocab
    if id(vocab) not in _words or sum(len(m) for m in _words[id(vocab)][1:]) > _MAX_WORDS:
        _words[id(vocab)] = (vocab, {}, {})
    _, words, strings = _words[id(vocab)]
    orth, idx, spacy_, lemma, sent = doc.to_array(_COLUMNS).T.tolist()
    for word in set(orth).difference(words):
        words[word] = _word(vocab, word)
    for word in set(lemma).difference(strings):
        strings[word] = vocab.strings[word]
    own = zip(
        range(len(orth)),
        idx,
        map(_WHITESPACE.__getitem__, spacy_),
        map(strings.__getitem__, lemma),
        [_SENT_START.get(s, False) for s in sent],
        strict=True,
    )
    return list(map(_new_token, map(tuple.__add__, own, map(words.__getitem__, orth))))


_new_token = functools.partial(tuple.__new__, TokenView)
"""``TokenView._make`` without its Python-level call."""
