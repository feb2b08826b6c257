"""How far a voice's words reach in a sentence: which stance words belong to what a speaker
claims ("X said the strikes were a violation"), which only modify it ("targeted because its owner
had violated the ban": a reason, no condemnation), which the parse joins to the reported clause
though they are the reporter's (", calling it an escalation", "... and urged both sides"), and
which denials are themselves negated ("neither confirmed nor denied").
"""

from __future__ import annotations

from spacy.tokens import Token

from .roles import joined_by_nor, lemma, path_up, subjects
from .sentence import ParsedSentence
from .voices import Voice

__all__ = ["denial_negated", "in_the_claim", "reporters_conjunct", "trailing_participle"]


def trailing_participle(tok: Token) -> bool:
    """A stance participle after a comma at the end of reported speech ("said Iran had sent
    drones, calling it an escalation"), which the parse hangs on the reported clause: it is the
    reporter's."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.head.dep_ == "ccomp"
        and tok.doc[tok.i - 1].text == ","
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    )


def reporters_conjunct(tok: Token, sent: ParsedSentence, voicing: frozenset[str]) -> bool:
    """A stance verb after ", and" that the parse joins to the reported clause ("Sunak said RAF
    jets had shot down drones, and condemned the attack"; "claimed that the admission confirmed
    ..., and called on Tehran"): with no subject or auxiliary of its own, in the reporter's
    tense, after a clause in another tense or whose subject names no one (without the comma:
    both), it is the reporter's."""
    head = tok.head
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
    cc = next((c for c in head.children if c.dep_ == "cc" and c.i < tok.i), None)
    if tok.dep_ != "conj" or head.dep_ != "ccomp" or not tok.tag_ == head.head.tag_ == "VBD" or own or cc is None:
        return False
    perfect = any(c.dep_ in ("aux", "auxpass") for c in head.children)
    nobody = not sent.phrase_actors_of(subjects(head))
    if tok.doc[cc.i - 1].text == ",":
        return perfect or nobody
    # "said the city centre had been hit and urged residents to stay away", "said a ceasefire took effect
    # and urged both sides to refrain"; not "said the report found ... and urged" (a document speaks)
    thing = nobody and not any(lemma(s) in voicing for s in subjects(head))
    return (perfect and nobody) or thing


def denial_negated(verb: Token) -> bool:
    """A verb of denial that is itself negated ("did not deny", "neither confirmed nor denied"), not
    one whose object says what is lacking ("said the claims had no basis")."""
    if verb.pos_ != "VERB":
        return False
    if joined_by_nor(verb):
        return True
    return any(c.dep_ == "neg" or c.lower_ in ("never", "neither") for c in verb.children)


def in_the_claim(tok: Token, voice: Voice) -> bool:
    """``tok`` belongs to what the voice claims, not to a clause that only modifies it: a reason
    ("targeted because its owner had violated the ban"), a purpose or a noun's modifier ("a means to
    disrupt the group's ability to endanger trade"), a preposition's object ("for violating")."""
    path = path_up(tok, voice.verb) if voice.verb is not None else [tok, *tok.ancestors][:-1]
    for t in path or [tok]:
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.tag_ != t.head.tag_:
            return True  # "aware of its role in providing support ... and call on Russia": joined higher up
        if t.dep_ in ("advcl", "acl", "relcl", "pcomp"):
            return False
    return True
