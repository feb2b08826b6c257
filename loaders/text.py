"""Text hygiene and segmentation: which parts of an article are body text, and its sentences.

Site furniture (navigation, share widgets, photo captions, repeated lines, text in
another script) is *masked*, not cut: masked characters become spaces, so every
offset into the prepared text is an offset into the article as read.

>>> from armskg.loaders.article import Article
>>> art = Article.from_text("x", "Back To Top\\nRussia struck Kyiv. Ukraine said so.\\nMOST POPULAR")
>>> [s.text for s in prepare(art).sentences]
['Russia struck Kyiv.', 'Ukraine said so.']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
import spacy
from spacy.attrs import IS_PUNCT, LEMMA, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .article import Article
from .lexicon import Lexicon, load_lexicon

__all__ = ["LookupLemmas", "PreparedText", "body_mask", "nlp", "prepare", "sentence_starts"]


_SENTENCE_END = frozenset(Sentencizer.default_punct_chars)
_OPENING_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
_word_kinds: dict[int, tuple[bool, bool]] = {}
"""For each word seen (by string-store id): does it hold a line break, does it end a sentence."""
_MAX_CACHED_WORDS = 500_000
"""Words a per-word cache holds before it is emptied (it grows with the corpus' vocabulary)."""


def sentence_starts(
    breaks: Sequence[bool], ends: Sequence[bool], punct: Sequence[bool], opens: Sequence[bool] | None = None
) -> list[int]:
    """Where sentences start, per token: ``1`` yes, ``-1`` no (spaCy's ``SENT_START`` values).

    A line break always ends a sentence (headlines, datelines and paragraphs): the token after
    one holding a line break (``breaks``) starts one.  Elsewhere spaCy's ``sentencizer`` rule
    decides: after sentence-final punctuation (``ends``), the first token that is neither
    punctuation (``punct``) nor sentence-final starts a sentence, or an opening quote
    (``opens``: a quote mark after a space, glued to the next word) that comes before it.

    >>> sentence_starts([False] * 5, [False, True, False, False, True], [False, True, False, False, True])
    [1, -1, 1, -1, -1]
    >>> sentence_starts([False, True, False], [False] * 3, [False] * 3)
    [1, -1, 1]
    >>> ends, punct, opens = [False, True, False, False], [False, True, True, False], [False, False, True, False]
    >>> sentence_starts([False] * 4, ends, punct, opens)
    [1, -1, 1, -1]
    """
    n = len(breaks)
    guesses = [False] * n
    if n:
        guesses[0] = True
    start, seen_end = 0, False
    for i in range(n):
        if seen_end and ((not punct[i] and not ends[i]) or (opens is not None and opens[i])):
            guesses[start] = True
            start, seen_end = i, False
        elif ends[i]:
            seen_end = True
    if start < n:
        guesses[start] = True
    after_break = [False, *breaks[:-1]]
    return [1 if after or guess else -1 for after, guess in zip(after_break, guesses, strict=True)]


@Language.component("armskg_sentences")
def _sentences(doc: Doc) -> Doc:
    """Set every token's sentence start by :func:`sentence_starts`, reading the words as one
    array (spaCy's ``sentencizer`` builds a ``Token`` object per word) and looking at each
    distinct word once."""
    if len(doc) == 0:
        return doc
    words, punct, space = doc.to_array([ORTH, IS_PUNCT, SPACY]).T.tolist()
    kinds = _word_kinds
    if len(kinds) > _MAX_CACHED_WORDS:
        kinds.clear()
    for word in set(words).difference(kinds):
        text = doc.vocab.strings[word]
        kinds[word] = ("\n" in text, text in _SENTENCE_END)
    quotes = [doc.vocab.strings[w] in _OPENING_QUOTES if p else False for w, p in zip(words, punct, strict=True)]
    last = len(words) - 1
    opens = [q and 0 < i < last and bool(space[i - 1]) and not space[i] for i, q in enumerate(quotes)]
    starts = sentence_starts([kinds[w][0] for w in words], [kinds[w][1] for w in words], punct, opens)
    doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]
    return doc


class LookupLemmas:
    """Lemmas from spaCy's English lookup table, as spaCy's lookup ``lemmatizer`` gives them
    (the table's entry for the word, else the word itself), except that a capitalised word the
    table lacks takes its lower-case form's entry: a sentence's or a headline's first word
    ("According to", "Strikes hit") is read as the same word in the middle of a sentence.

    spaCy's component builds a ``Token`` object and hashes the word again for every word
    of every document; this one reads the words as one array, remembers each distinct
    word's lemma, and writes the lemmas back with one array call.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.table: dict[int, str | list[str]] = {}
        self.cache: dict[int, int] = {}

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None) -> None:
        """Load the ``lemma_lookup`` table of ``spacy-lookups-data``."""
        self.table = load_lookups(lang="en", tables=["lemma_lookup"]).get_table("lemma_lookup")
        self.cache.clear()

    def _lemma(self, word: int) -> int:
        """The lemma (as a string-store id) of the word with id ``word``."""
        found = self.table.get(word)
        text = self.vocab.strings[word]
        if found is None and text[:1].isupper() and not text.isupper():
            found = self.table.get(self.vocab.strings.add(text.lower()))
        lemma = word if found is None else self.vocab.strings.add(found if isinstance(found, str) else found[0])
        self.cache[word] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        cache = self.cache
        if len(cache) > _MAX_CACHED_WORDS:
            cache.clear()
        words: list[int] = doc.to_array(ORTH).tolist()
        lemmas = [cache[w] if w in cache else self._lemma(w) for w in words]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@Language.factory("armskg_lookup_lemmas")
def _lookup_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp.vocab)


@functools.lru_cache(maxsize=1)
def nlp() -> Language:
    """The spaCy pipeline: English tokenizer, lookup lemmas, rule-based sentences.

    No statistical model is loaded (none can be downloaded here, and rules are
    fast and explainable); lemmas come from ``spacy-lookups-data``.
    """
    pipeline = spacy.blank("en")
    # "regulations.Beijing has ...": a sentence glued to the next one by a missing space
    tokenizer: Tokenizer = pipeline.tokenizer
    infixes = [*(pipeline.Defaults.infixes or ()), r"(?<=[a-z0-9\)])\.(?=[A-Z][a-z])"]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    tokenizer.url_match = None  # "partners.Beijing" is two sentences, not a web address
    pipeline.add_pipe("armskg_sentences")
    pipeline.add_pipe("armskg_lookup_lemmas")
    pipeline.initialize()
    return pipeline


@functools.lru_cache(maxsize=4096)
def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _non_latin_share(line: str) -> float:
    """The share of a line's letters that are not Latin (``unicodedata`` looked up once per letter)."""
    if line.isascii():
        return 0.0  # every ASCII letter is Latin
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for c in letters if not c.isascii() and not _is_latin(c))
    return other / len(letters)


@functools.lru_cache(maxsize=8)
def _furniture_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _headline_like(line: str) -> bool:
    """A linked headline: short, with no sentence-closing punctuation."""
    return len(line.split()) <= 20 and line[-1] not in ".!?\"”'’:;"


def body_mask(article: Article, lexicon: Lexicon | None = None) -> str:
    """The article text with furniture replaced by spaces (same length, same offsets)."""
    lex = lexicon or load_lexicon()
    furniture = _furniture_pattern(tuple(lex.furniture))
    text = article.text
    out = [" " * article.body_start]
    seen: dict[str, int] = {}
    lines = text[article.body_start :].split("\n")
    keys = [" ".join(line.split()).lower() for line in lines]
    for key in keys:
        if key:
            seen[key] = seen.get(key, 0) + 1
    headings = _furniture_pattern(tuple(lex.link_headings)) if lex.link_headings else None
    in_links = False
    for line, key in zip(lines, keys, strict=True):
        stripped = line.strip()
        skip = bool(stripped) and (  # the cheapest test first
            seen.get(key, 0) > 1 or furniture.fullmatch(stripped) is not None or _non_latin_share(stripped) > 0.5
        )
        if in_links and stripped:  # the linked headlines under "Read more:", up to the first sentence
            in_links = _headline_like(stripped)
            skip = skip or in_links
        if headings is not None and stripped and headings.fullmatch(stripped) is not None:
            in_links = True
        out.append(" " * len(line) if skip else line)
        out.append("\n")
    masked = "".join(out)[: len(text)]
    return masked


@dataclass(slots=True)
class PreparedText:
    """An article's body as a spaCy doc over the masked text (``text``), and its sentences."""

    article: Article
    doc: Doc
    text: str

    @property
    def sentences(self) -> list[Span]:
        """Sentences holding at least one word (spans into :attr:`doc`)."""
        return [s for s in self.doc.sents if any(t.is_alpha for t in s)]


def prepare(article: Article, lexicon: Lexicon | None = None) -> PreparedText:
    """Mask furniture and segment the article into sentences."""
    masked = body_mask(article, lexicon)
    return PreparedText(article, nlp()(masked), masked)
