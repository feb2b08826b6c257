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
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from .article import Article
from .lexicon import Lexicon, load_lexicon

__all__ = ["PreparedText", "body_mask", "nlp", "prepare"]


@Language.component("armskg_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence (headlines, datelines and paragraphs)."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or (token.whitespace_ and "\n" in token.whitespace_):
            doc[i + 1].is_sent_start = True
        elif i > 0 and token.is_sent_start and "\n" not in doc[i - 1].text:
            pass
    return doc


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
    pipeline.add_pipe("armskg_line_breaks")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


def _non_latin_share(line: str) -> float:
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    return other / len(letters)


@functools.lru_cache(maxsize=8)
def _furniture_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def body_mask(article: Article, lexicon: Lexicon | None = None) -> str:
    """The article text with furniture replaced by spaces (same length, same offsets)."""
    lex = lexicon or load_lexicon()
    furniture = _furniture_pattern(tuple(lex.furniture))
    text = article.text
    out = [" " * article.body_start]
    seen: dict[str, int] = {}
    lines = text[article.body_start :].split("\n")
    for line in lines:
        key = " ".join(line.split()).lower()
        if key:
            seen[key] = seen.get(key, 0) + 1
    for line in lines:
        stripped = line.strip()
        key = " ".join(line.split()).lower()
        skip = bool(stripped) and (
            furniture.fullmatch(stripped) is not None or seen.get(key, 0) > 1 or _non_latin_share(stripped) > 0.5
        )
        out.append(" " * len(line) if skip else line)
        out.append("\n")
    masked = "".join(out)[: len(text)]
    return masked


@dataclass(slots=True)
class PreparedText:
    """An article's body as a spaCy doc over the masked text, and its sentences."""

    article: Article
    doc: Doc

    @property
    def sentences(self) -> list[Span]:
        """Sentences holding at least one word (spans into :attr:`doc`)."""
        return [s for s in self.doc.sents if any(t.is_alpha for t in s)]


def prepare(article: Article, lexicon: Lexicon | None = None) -> PreparedText:
    """Mask furniture and segment the article into sentences."""
    masked = body_mask(article, lexicon)
    return PreparedText(article, nlp()(masked))
