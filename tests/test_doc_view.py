"""The fast paths of extraction give exactly what spaCy's own objects and components give.

``DocView`` replaces spaCy ``Token``/``Span`` objects in the rules, and the pipeline's
``armskg_sentences`` and ``armskg_lookup_lemmas`` components replace spaCy's ``sentencizer``
and lookup ``lemmatizer``; a difference would silently change what is extracted, so these
tests compare them with the stock spaCy objects and components on texts written for them.
"""

from __future__ import annotations

import functools
import random

import pytest
import spacy
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.tokens import Doc

from armskg.loaders.doc_view import DocView
from armskg.loaders.text import nlp

TEXTS = [
    "Iran supplied Russia with Shahed-136 drones, officials said.",
    "SEOUL — The allies' advisers met on Tuesday.\nThey condemned the transfer! Why? \"Because it's unlawful.\"",
    "Kyiv said so. \"We will respond,\" he said. “Never,” she added.' Quoted.' Done.",
    "Headline without a stop\n\nFirst paragraph... second clause (aside.) Then more.\r\nLast line",
    "The U.S. and the U.K. sent 155mm shells; Kyiv's forces used them near Bakhmut on Dec. 30, 2023.",
    "partners.Beijing said regulations.It added nothing.  Extra   spaces\tand tabs.",
    "Зеленский said: «no». Ho-jin al-Assad von Trier O'Brien McDonald's 3,000 1.5bn",
    "",
    " ",
    "\n",
    "?!",
    "One.",
    "ÉLYSÉE — Le président a dit « non ». ¿Qué? 北京。 Done",
]

ATTRS = (
    "i",
    "idx",
    "text",
    "lower_",
    "lemma_",
    "whitespace_",
    "is_alpha",
    "is_title",
    "is_upper",
    "is_lower",
    "is_punct",
    "is_space",
    "like_num",
    "is_sent_start",
)


@Language.component("test_stock_line_breaks")
def _stock_line_breaks(doc: Doc) -> Doc:
    """The line-break rule as it was written with spaCy tokens."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text:
            doc[i + 1].is_sent_start = True
    return doc


@functools.cache
def _lookup_table() -> Table:
    return load_lookups(lang="en", tables=["lemma_lookup"]).get_table("lemma_lookup")


@Language.component("test_stock_capitalised_lemmas")
def _stock_capitalised_lemmas(doc: Doc) -> Doc:
    """armskg's one change to the lookup lemmas: a capitalised word the table lacks takes its
    lower-case form's lemma ("According" -> "accord"), written here with spaCy's own table."""
    table = _lookup_table()
    for token in doc:
        text = token.text
        capitalised = token.lemma_ == text and text[:1].isupper() and not text.isupper()
        if capitalised and text not in table and text.lower() in table:
            found = table[text.lower()]
            token.lemma_ = found if isinstance(found, str) else found[0]
    return doc


@Language.component("test_stock_opening_quotes")
def _stock_opening_quotes(doc: Doc) -> Doc:
    """An opening quote (after a space, glued to the next word) before a sentence the
    sentencizer starts belongs to that sentence, as armskg's rule says."""
    for j in range(1, len(doc)):
        if not doc[j].is_sent_start:
            continue
        k = j
        while k > 1 and doc[k - 1].is_punct and doc[k - 1].text in {'"', "“", "‘", "'", "«"}:
            quote = doc[k - 1]
            if not doc[k - 2].whitespace_ or quote.whitespace_ or doc[k - 2].is_sent_start is None:
                break
            k -= 1
        if k != j and not any(doc[x].is_sent_start for x in range(k, j)):
            doc[k].is_sent_start = True
            doc[j].is_sent_start = False
    return doc


@pytest.fixture(scope="module")
def stock() -> Language:
    """armskg's tokenizer with spaCy's own sentencizer and lookup lemmatizer."""
    pipeline = spacy.blank("en")
    pipeline.tokenizer = nlp().tokenizer
    pipeline.add_pipe("test_stock_line_breaks")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("test_stock_opening_quotes")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.add_pipe("test_stock_capitalised_lemmas")
    pipeline.initialize()
    return pipeline


def _mixed_texts() -> list[str]:
    """The texts above, and random cuts and joins of them (reproducible)."""
    rnd = random.Random(8)
    joined = " ".join(TEXTS) + "\n" + "\n\n".join(TEXTS)
    cuts = [joined[a : a + n] for a, n in ((rnd.randrange(len(joined)), rnd.randrange(1, 200)) for _ in range(40))]
    return [*TEXTS, joined, *cuts]


@pytest.mark.parametrize("text", _mixed_texts())
def test_sentences_and_lemmas_match_spacy_components(stock: Language, text: str) -> None:
    ours, theirs = nlp()(text), stock(text)
    assert [t.text for t in ours] == [t.text for t in theirs]
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]


@pytest.mark.parametrize("text", _mixed_texts())
def test_doc_view_reads_what_spacy_tokens_hold(text: str) -> None:
    doc = nlp()(text)
    view = DocView(doc)
    assert view.text == doc.text and len(view) == len(doc)
    for token, seen in zip(doc, view, strict=True):
        for name in ATTRS:
            assert getattr(seen, name) == getattr(token, name), (token.i, name)
            assert type(getattr(seen, name)) is type(getattr(token, name)), (token.i, name)
    expected = [(s.start, s.end, s.text) for s in doc.sents if any(t.is_alpha for t in s)] if len(doc) else []
    assert [(s.start, s.end, s.text) for s in view.sentences()] == expected


@pytest.mark.parametrize("text", [TEXTS[1], TEXTS[3], ""])
def test_spans_follow_spacy_slices(text: str) -> None:
    doc = nlp()(text)
    view = DocView(doc)
    n = len(doc)
    for start in range(-n - 2, n + 3):
        for end in (None, *range(-n - 2, n + 3)):
            span, ours = doc[start:end], view.span(start, end)
            assert (ours.start, ours.end, ours.text) == (span.start, span.end, span.text)
            assert view.text_of(start, end) == span.text
            assert [t.i for t in view[start:end]] == [t.i for t in span]
            if span.start < span.end:
                assert (ours.start_char, ours.end_char) == (span.start_char, span.end_char)


def test_positions_index_words_in_order() -> None:
    view = DocView(nlp()("The latter met the former. THE North and the South."))
    assert view.positions("the") == [0, 3, 6, 9]
    assert view.positions("former", "latter") == [1, 4]
    assert view.positions("nowhere") == []
    assert view.title_positions() == [0, 7, 10]
