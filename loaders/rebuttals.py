"""Rebuttals: a speaker who insists or maintains that its own side did not do something denies
("the armed group maintains it does not receive Rwandan support"; "Washington insists it does
not choose targets"; "he insisted that no drones had been delivered"). The verbs are
``grammar.tsv``'s rebuttal_verb rows; what is negated is the clause they govern, and its subject
is the speaker's side (a pronoun, the speaker's own party or a noun naming no other party). Any
speech verb rebuts when the negated act is one a side is charged with (``grammar.tsv``:
contested_act; "Peskov said Russia was not interfering in Venezuela's affairs").
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleContext
from .roles import lemma, negated, subjects
from .sentence import ParsedSentence
from .voices import Voice

__all__ = ["rebuttals"]


def _clauses(verb: Token) -> list[Token]:
    """The clauses a speech verb governs, with those joined to them ("that it opposes the war
    and has not taken sides")."""
    found = [c for c in verb.children if c.dep_ == "ccomp"]
    return [*found, *(j for c in found for j in c.conjuncts if j.pos_ in ("VERB", "AUX"))]


def _factual(clause: Token, ctx: ArticleContext) -> bool:
    """The clause says what is or was, not what will or must be ("would not tolerate": a warning),
    nor how good something is ("action of this kind was not enough": a judgment)."""
    judged = lemma(clause) == "be" and any(c.dep_ == "acomp" for c in clause.children)
    return not judged and not any(c.dep_ == "aux" and c.lower_ in ctx.words("modal") for c in clause.children)


def _no_subject(clause: Token) -> bool:
    """The clause's subject is "no ..." ("no weapons reached the rebels")."""
    return any(d.dep_ == "det" and d.lower_ == "no" for s in subjects(clause) for d in s.children)


def _own_side(sent: ParsedSentence, ctx: ArticleContext, clause: Token, voice: Voice) -> bool:
    """The clause is about the speaker's side: its subject is a pronoun, or names the speaker's
    party or no party at all ("the army", "the Kremlin had no such information")."""
    own = ctx.parties_of(voice.speakers) | set(voice.speakers)
    for subject in subjects(clause):
        if subject.pos_ == "PRON":
            continue
        named = {t.key for t in sent.phrase_actors_of([subject]) if t.key}
        if named and not (named | ctx.parties_of(named)) & own:
            return False
    return True


def rebuttals(sent: ParsedSentence, ctx: ArticleContext, voices: list[Voice]) -> list[Voice]:
    """The voices that insist their own side did not do what the clause says they did."""
    verbs = ctx.words("rebuttal_verb")
    found: list[Voice] = []
    for voice in voices:
        if voice.verb is None or voice.stance is not None:
            continue
        rebutting = lemma(voice.verb) in verbs
        for clause in _clauses(voice.verb):
            if not rebutting and lemma(clause) not in ctx.words("contested_act"):
                continue
            denied = negated(clause) or _no_subject(clause)
            if denied and _factual(clause, ctx) and _own_side(sent, ctx, clause, voice):
                found.append(voice)
                break
    return found
