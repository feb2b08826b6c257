"""Reusable readings of a dependency parse: who is the subject, object, agent or recipient of
a word, whether its clause is negated, hypothetical or about the future.

Each helper takes spaCy tokens of a parsed sentence (:mod:`armskg.loaders.parsing`) and
follows the labels of spaCy's English parser (ClearNLP style: ``nsubj``, ``nsubjpass``,
``dobj``, ``dative``, ``agent``, ``prep``/``pobj``, ``conj``, ``xcomp``, ``ccomp``, ``acl``,
``relcl``, ``neg``, ``aux``, ``mark``).

>>> from armskg.loaders.parsing import parse_sentences
>>> (doc,) = parse_sentences([["Drones", "were", "sent", "by", "Iran", "to", "Russia", "."]], [[" "] * 7 + [""]])
>>> verb = doc[2]
>>> [t.text for t in subjects(verb)], is_passive(verb), [t.text for t in agents(verb)]
(['Drones'], True, ['Iran'])
>>> [t.text for t in prep_objects(verb, {"to"})]
['Russia']
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

__all__ = [
    "CONDITIONS",
    "NOUN_POS",
    "TO_COME",
    "agents",
    "clause_chain",
    "clause_head",
    "clause_preps",
    "conditional",
    "contrasted",
    "direct_objects",
    "governing_verb",
    "is_passive",
    "joined_by_nor",
    "lemma",
    "marks",
    "negated",
    "of_head",
    "path_up",
    "prep_objects",
    "subjects",
    "to_come",
    "verb_chain",
    "verb_read_as_noun",
    "with_conjuncts",
]

_SUBJECT = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_CLAUSE_LINKS = {"conj", "xcomp", "advcl", "ccomp", "acl", "relcl", "pcomp", "dep", "parataxis"}
_NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}


NOUN_POS = frozenset({"NOUN", "PROPN"})
"""Parts of speech of a noun head (a strike or supply noun, an actor named by a noun)."""
CONDITIONS = frozenset({"if", "unless", "whether"})
"""Subordinators that make a clause a condition or a question, stating nothing."""
TO_COME = frozenset({"will", "would", "'ll", "shall"})
"""Auxiliaries that put a clause in the future ("will strike", "would extend")."""


def lemma(token: Token) -> str:
    """The token's lemma in lower case (the tagging pass's lookup lemma)."""
    return (token.lemma_ or token.text).lower()


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("France, Canada and Britain")."""
    return [token, *token.conjuncts]


def verb_read_as_noun(tok: Token) -> bool:
    """A verb the parse tags as a noun yet gives a subject and an object ("Iran reserves all
    options", "Tehran arms the militias"): read it as the verb it is."""
    deps = {c.dep_ for c in tok.children}
    return tok.pos_ in NOUN_POS and "nsubj" in deps and "dobj" in deps


def is_passive(verb: Token) -> bool:
    """A passive verb: a passive subject or auxiliary (its own or, for a bare participle joined
    to a passive one, that one's), or a past participle modifying a noun ("weapons supplied by
    Iran"), not a clause of its own under a noun ("reports that Iran had supplied")."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN":  # "which is funded and armed by Iran"
        bare = not any(c.dep_ in ("nsubj", "aux") for c in verb.children)
        return bare and is_passive(verb.head)
    own_clause = any(c.dep_ == "nsubj" or (c.dep_ == "aux" and c.lemma_ == "have") for c in verb.children)
    participle = verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)  # "jets pledged by Denmark"
    return verb.dep_ == "acl" and participle and not own_clause and not _main_verb_as_modifier(verb)


def _main_verb_as_modifier(verb: Token) -> bool:
    """A sentence's main verb the parse hangs on its subject as a participle ("The foreign
    ministers of the G7 condemned on Friday the transfer ...": "condemned" parsed as modifying
    "ministers"; "The Labour leader, Jeremy Corbyn, called on ministers to ..."): it has an object
    of its own, or a past tense after a named apposition or a clause set off by commas ("Poland,
    which had pressed Berlin, asked"), and its noun is the sentence's root."""
    head = verb.head
    named = verb.tag_ == "VBD" and any(c.dep_ == "appos" for c in head.children)  # "The leader, X, called on"
    start = verb.left_edge.i
    set_off = (
        start > 0
        and verb.doc[start - 1].text == ","
        and any(c.dep_ in ("appos", "relcl") and c.i < start for c in head.children)
    )  # "Poland, which had pressed Berlin for weeks, formally asked for permission"
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBD", "VBN")
        and head.dep_ == "ROOT"
        and head.pos_ in NOUN_POS
        and (named or set_off or any(c.dep_ == "dobj" for c in verb.children))
    )


def _passive_through_agent(noun: Token) -> Token | None:
    """The passive verb whose "by" phrase holds ``noun`` ("accused by Kyiv and its partners"),
    where the parse hangs the verb's own "of" phrase on its agent."""
    node = noun
    while node.dep_ in ("conj", "pobj", "appos") and node.head.i != node.i:
        node = node.head
        if node.dep_ == "agent":
            return node.head
    return None


def _own_subjects(verb: Token) -> list[Token]:
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    prev = verb.doc[verb.i - 1] if verb.i > 0 else verb
    joined = prev.dep_ == "pobj" and prev.head.lower_ in ("as", "while") and prev.pos_ == "PROPN"
    if joined and heads and heads[0].i < prev.head.i:  # "Egypt airlifts arms as Ethiopia warns", misparsed
        return with_conjuncts(prev)
    if len(heads) > 1:  # "Azerbaijani forces had themselves kept up": the reflexive only stresses the subject
        heads = [h for h in heads if h.lower_ not in ("themselves", "itself", "himself", "herself")] or heads
    if len(heads) > 1:  # a misparse: "Iran's proxy Hezbollah fired" with two subjects; the nearest is the head
        before = [h for h in heads if h.i < verb.i]
        heads = [before[-1] if before else heads[0]]
    found = [t for h in heads for t in with_conjuncts(h)]
    if heads and any(c.dep_ == "cc" for c in heads[0].children):  # "Turkey, the UAE and Iran have supplied"
        doc = verb.doc
        first = heads[0].left_edge.i
        lead = [
            c
            for c in verb.children
            if c.dep_ in ("npadvmod", "nmod")
            and c.pos_ == "PROPN"
            and c.i < first
            and doc[c.right_edge.i + 1].text == ","
        ]
        found = [*lead, *found]
    return found


def _set_off_subject(verb: Token) -> list[Token]:
    """The subject the parse hangs elsewhere before the verb: on a participle set off by commas
    ("Peskov, asked about the curbs, said", parsed with Peskov as the subject of "asked"), or
    as the apposition of a fronted place ("In Tehran, Iran's foreign ministry condemned")."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "advcl" and c.i < verb.i and c.tag_ in ("VBN", "VBD") and doc[c.i - 1].text == ",":
            early = [s for s in c.children if s.dep_ == "nsubj" and s.i < c.i]
            if early:
                return with_conjuncts(early[0])
        if c.dep_ == "prep" and c.i < verb.i and verb.pos_ == "VERB":
            fronted = [a for o in c.children for a in o.children if a.dep_ == "appos" and a.i < verb.i]
            if fronted and doc[fronted[0].left_edge.i - 1].text == ",":
                return with_conjuncts(fronted[0])
    return []


def subjects(verb: Token, depth: int = 0, *, barriers: Collection[int] = ()) -> list[Token]:
    """The subject tokens of a verb (each conjunct), inherited where the parse leaves them out:
    a coordinated verb shares its first verb's subject ("condemned ... and called on"), a
    controlled infinitive its governor's ("pledged to send", "will be able to deliver"), a
    participle clause its main clause's (", saying ..."), an infinitive on a noun the noun's
    owner or the subject of the verb the noun is object of ("a US plan to sell", "France set
    a goal to deliver"), and a relative clause's ``which``/``who`` is the noun it modifies.
    Nothing is inherited from a verb whose index is in ``barriers``."""
    own = _own_subjects(verb) or _set_off_subject(verb)
    if own:
        if own[0].lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
            return _members(verb.head) or [verb.head, *(c for c in verb.head.conjuncts if c.i < verb.i)]
        return own
    head = verb.head
    if depth > 4 or head.i == verb.i or head.i in barriers:
        return []
    if _main_verb_as_modifier(verb):
        return with_conjuncts(head)
    if verb.dep_ == "pcomp" and head.lower_ in ("of", "for") and head.head.pos_ == "VERB":
        accused = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]  # "accused Thailand of shelling"
        if accused:
            return [t for a in accused for t in with_conjuncts(a)]
    if verb.dep_ == "pcomp" and head.lower_ == "of":
        passive = _passive_through_agent(head.head)  # "X is accused by Kyiv and its partners of shipping"
        if passive is not None:
            return [t for c in passive.children if c.dep_ == "nsubjpass" for t in with_conjuncts(c)]
    infinitive = verb.tag_ in ("VB", "VBG") or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in ("xcomp", "advcl") and infinitive and is_passive(head) and agents(head):
        return agents(head)  # "the port was used by the Houthis to receive weapons": the Houthis receive
    participle = verb.dep_ == "xcomp" and verb.tag_ in ("VBN", "VBD")  # "jets used Paveway guided bombs to strike"
    if verb.dep_ == "conj" or (verb.dep_ in ("xcomp", "advcl") and infinitive) or participle:
        return subjects(head, depth + 1, barriers=barriers)
    if verb.dep_ in ("acomp", "attr") and head.pos_ in ("AUX", "VERB"):
        return subjects(head, depth + 1, barriers=barriers)
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ":
        return subjects(head, depth + 1, barriers=barriers)
    to_infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "relcl" and not to_infinitive:
        return _members(head) or [head, *(c for c in head.conjuncts if c.i < verb.i)]
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return with_conjuncts(head)  # "countries supplying arms"
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VB" and head.pos_ in NOUN_POS:  # "a deal to buy"
        owners = [c for c in head.children if c.dep_ in ("poss", "compound") or (c.dep_ == "amod" and c.is_title)]
        owners += [o for c in head.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.children]
        if owners:  # "Berlin's decision to send", "the Dutch decision", "the move by Washington to supply"
            return owners
        if head.dep_ in ("dobj", "attr", "nsubjpass") and head.head.i not in barriers:
            return subjects(head.head, depth + 1, barriers=barriers)
    return []


def _members(noun: Token) -> list[Token]:
    """Who a class noun is said of ("the Netherlands is among the countries that ...", "Turkey is
    one of the states that ..."): the subject of the copula the class hangs from."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("among", "of"):
        return []
    copula = prep.head if prep.lower_ == "among" else prep.head.head if prep.head.lower_ == "one" else None
    if copula is None or copula.lemma_ != "be" or (prep.lower_ == "of" and prep.head.dep_ != "attr"):
        return []
    return _own_subjects(copula)


def direct_objects(verb: Token) -> list[Token]:
    """Direct and dative objects ("sell Taiwan missiles", "provided Russia with drones")."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj", "obj"):
            found.extend(with_conjuncts(child))
    for child in verb.children if found else ():  # "targeted the UAE as well as Saudi Arabia"
        if child.lower_ == "as" and child.dep_ in ("cc", "prep") and any(w.lower_ == "well" for w in child.children):
            found.extend(o for c in child.children if c.dep_ == "pobj" for o in with_conjuncts(c))
    return found


def prep_objects(head: Token, preps: Collection[str], *, depth: int = 1) -> list[Token]:
    """Objects of the prepositions ``preps`` attached to ``head`` ("to Russia and Iran"); with
    ``depth`` 2 also those attached to its direct object ("sent drones to Russia" parsed with
    ``to`` under ``drones``)."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            joined = [c for c in child.children if c.dep_ == "conj" and c.pos_ == "ADP"]  # "in and around Erbil"
            for obj in (o for p in (child, *joined) for o in p.children):
                if obj.dep_ in ("pobj", "pcomp"):
                    found.extend(with_conjuncts(obj))
        elif depth > 1 and child.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
            for item in with_conjuncts(child):  # "launched 40 missiles and 35 drones at Ukraine"
                found.extend(prep_objects(item, preps, depth=depth - 1))
    return found


def agents(verb: Token) -> list[Token]:
    """The ``by`` agents of a passive verb, or of the participle it is coordinated with ("armed
    and funded by Tehran")."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.extend(with_conjuncts(obj))
    if not found and verb.tag_ in ("VBN", "JJ"):
        later = [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"]
        found = agents(later[0]) if later else []
    return found


def clause_head(token: Token) -> Token:
    """The verb (or predicate) of the clause a token stands in."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and seen < 12:
        token = token.head
        seen += 1
    return token


def path_up(token: Token, top: Token) -> list[Token] | None:
    """The tokens from ``token`` up to ``top``, ``top`` left out; ``None`` when ``top`` is not
    above ``token``.

    >>> import spacy
    >>> words, heads, deps = ["envoy", "to", "Rome"], [0, 0, 1], ["ROOT", "prep", "pobj"]
    >>> doc = spacy.tokens.Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    >>> [t.text for t in path_up(doc[2], doc[0])], path_up(doc[0], doc[2])
    (['Rome', 'to'], None)
    """
    path: list[Token] = []
    node = token
    while node.i != top.i:
        if node.head.i == node.i:
            return None
        path.append(node)
        node = node.head
    return path


def of_head(noun: Token, heads: Collection[str] = ("NOUN",)) -> Token:
    """The noun an "of" chain hangs under ("a wave of strikes" -> wave, "approvals of arms exports"
    -> approvals), or ``noun`` itself; ``heads`` are the parts of speech a head may have."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in heads:
        noun = noun.head.head
    return noun


_NESTED = ("relcl", "acl", "advcl", "ccomp", "xcomp")


def clause_preps(verb: Token, words: Collection[str]) -> list[Token]:
    """The prepositions ``words`` in the verb's own clause, wherever the parse hangs them ("hit a
    depot in Toropets with drones": "with" under "Toropets"), not those of a clause below it."""
    return [
        t
        for t in verb.subtree
        if t.dep_ == "prep" and t.lower_ in words and not any(a.dep_ in _NESTED for a in path_up(t, verb) or [])
    ]


def clause_chain(token: Token, stop: Collection[str] = ("ccomp",)) -> Iterator[Token]:
    """The token, then each word governing it, up to and including the first clause joined
    by a label in ``stop`` (by default a clausal complement: "said that ..." ends the chain)."""
    seen = 0
    while seen < 10:
        yield token
        if token.head.i == token.i or token.dep_ in stop:
            return
        token = token.head
        seen += 1


def governing_verb(token: Token) -> Token | None:
    """The verb whose clausal complement holds ``token`` ("said" for "said that X supplied")."""
    for t in clause_chain(token):
        if t.dep_ in ("ccomp", "parataxis") or (t.dep_ in ("xcomp", "advcl") and t.head.pos_ == "VERB"):
            return t.head
    return None


def marks(verb: Token, stop: Collection[str] = ("ccomp",)) -> set[str]:
    """Subordinators and auxiliaries of a verb and of each verb its clause depends on, up to the
    clause's complementiser (or the first clause joined by a label in ``stop``): "if",
    "whether", "could", "will" ..."""
    found: set[str] = set()
    for t in clause_chain(verb, stop):
        for child in t.children:
            if child.dep_ in ("mark", "aux", "advmod", "neg") or (child.dep_ == "auxpass" and child.lower_ == "being"):
                found.add(lemma(child))
                found.add(child.lower_)
    return found


def verb_chain(verb: Token) -> list[Token]:
    """A verb and the verbs it is the complement of ("would keep targeting", "will continue to strike")."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.pos_ in ("VERB", "AUX"):
        chain.append(chain[-1].head)
    return chain


def to_come(verb: Token) -> bool:
    """``verb`` has "will" or "would" of its own, or is the complement of a verb that has
    ("would continue to support", "will keep striking")."""
    return any(c.dep_ == "aux" and c.lower_ in TO_COME for v in verb_chain(verb) for c in v.children)


def conditional(token: Token) -> bool:
    """``token`` sits in a condition: it or a word above it is introduced by "if", "unless" or
    "whether" ("would pay a price if he allowed forces to enter Syria and endanger Israel")."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for a in (token, *token.ancestors) for c in a.children)


def joined_by_nor(verb: Token) -> bool:
    """The verb is the second of "neither ... nor ...", which negates it ("neither confirmed nor
    denied": "denied" hangs on "confirmed", with "nor" beside it)."""
    return verb.dep_ == "conj" and any(c.lower_ == "nor" and c.i < verb.i for c in verb.head.children)


def negated(verb: Token) -> bool:
    """The verb itself is negated ("did not send", "never supplied", "rarely acknowledges", "no drones
    were sent", "neither confirmed nor denied")."""
    if joined_by_nor(verb):
        return True
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "neither", "nor", "rarely", "seldom", "hardly"):
            return True
        if child.dep_ in ("dobj", "nsubjpass") and any(g.lower_ in ("no", "none") for g in child.children):
            return True
    return False


def contrasted(verb: Token, words: Collection[str]) -> bool:
    """The verb is what the text sets aside ("instead of supporting", "rather than sending"):
    a prepositional clause whose preposition is qualified by one of ``words``."""
    for t in clause_chain(verb, stop=("ccomp", "relcl", "advcl", "conj")):
        if t.dep_ == "pcomp" and any(lemma(c) in words for c in t.head.children if c.dep_ == "advmod"):
            return True
    return False


def is_negation(token: Token) -> bool:
    """A negating word."""
    return token.lower_ in _NEGATIONS
