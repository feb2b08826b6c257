"""Who speaks: the actors a speech or stance verb's subject stands for, the way a reader sees them.

- A named official speaks as the person; a body named with them speaks too ("Chinese
  Foreign Ministry spokesperson Mao Ning": the ministry and Mao Ning).
- A ministry, office or body speaks as the organization; the state only when the text makes
  the state the subject ("China condemned").
- "they", "the ministers", "the statement", "the 48 governments" stand for the article's
  signatories, or the last group that spoke; "he"/"she" for the last person who spoke;
  "I"/"we" inside a quote for whoever is quoted.
- "the advisers of A and B" stand for the named officials of A and B when the article names
  one for each; anonymous voices ("officials", "a source") name no one unless a body
  qualifies them ("a Sudanese army source": the army).
- A joint statement's signatories are listed once per article
  (:func:`~armskg.loaders.signatories.signatory_group`).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from .context import ArticleContext
from .facts import Actor, org_key
from .roles import agents, is_passive, lemma, path_up, prep_objects, subjects
from .sentence import ParsedSentence
from .tags import Tag
from .titled_people import people_of, the_titled, titled_person

__all__ = ["names_one_state", "speaker_keys", "speakers_of"]

_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
_COUNTED = re.compile(r"^(\d+|[a-z]+teen|twenty|thirty|forty|fifty|sixty|both|two|three|four|five)$", re.IGNORECASE)


def _denier_of_the_charge(verb: Token, sent: ParsedSentence, ctx: ArticleContext) -> list[Token]:
    """Who answers a charge in a trailing phrase (", a charge Abu Dhabi has denied"): the actor
    between the charge and the verb, which the parse tends to hang on the charge as an apposition
    and join the verb to the main clause."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    i = verb.i - 1
    while i >= 0 and sent.doc[i].dep_ == "aux":
        i -= 1
    named = []
    while i >= 0 and (tag := sent.token_tag(sent.doc[i])) is not None and tag.kind == "actor":
        named.append(sent.doc[i])
        i -= 1
    charge = sent.doc[i] if i >= 0 else None
    if not named or charge is None or lemma(charge) not in ctx.words("allegation") or charge.pos_ != "NOUN":
        return []
    return [max(named, key=lambda t: t.i)]


def speakers_of(verb: Token, sent: ParsedSentence, ctx: ArticleContext, quoted: tuple[str, ...] = ()) -> list[str]:
    """The actor keys that speak through ``verb`` (its subject, or its ``by`` agent when passive);
    ``quoted`` is who a first-person pronoun stands for in this clause."""
    subj = _denier_of_the_charge(verb, sent, ctx) or (agents(verb) if is_passive(verb) else subjects(verb))
    citing = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb
    if lemma(citing) in ("cite", "quote") and (citing is not verb or prep_objects(verb, {"as"})):
        subj = [c for c in citing.children if c.dep_ in ("dobj", "nsubjpass")] or subj  # "cited X as saying"
    if not subj and is_passive(verb):  # "this was stated in a message of the ministry"
        subj = [o for o in prep_objects(verb, {"in", "through"}) if lemma(o) in ctx.words("medium")]
    found = [(tok, speaker_keys(tok, sent, ctx, quoted)) for tok in subj]
    named = any(k.startswith("person:") for _, ks in found for k in ks)
    keys: list[str] = []
    for tok, ks in found:
        titled = sent.token_tag(tok, "title") is not None and any(c.dep_ == "appos" for c in tok.children)
        if named and titled and all(k.startswith("state:") for k in ks):
            continue  # "Trinidad and Tobago's prime minister, Kamla Persad-Bissessar,": the official alone
        keys += [k for k in ks if k not in keys]
    return keys


def _titled_body(tok: Token, sent: ParsedSentence, ctx: ArticleContext) -> str | None:
    """The body a spokesperson's title names ("Chinese foreign ministry spokesperson Wang
    Wenbin": the Chinese foreign ministry), registered as an organization of its state."""
    phrase = list(tok.subtree)
    if tok.dep_ == "nsubj":  # "Iran's foreign ministry spokesman Esmaeil Baghaei said", parsed as two subjects
        phrase += [w for c in tok.head.children if c.dep_ == "nsubj" and c.i < tok.i for w in c.subtree]
    words = [c for c in phrase if c.i < tok.i and sent.token_tag(c, "title") is not None]
    if not words:
        return None
    title_text = " ".join(w.lower_ for w in words)
    body = next((b for b in ctx.lexicon.bodies if b.head in title_text), None)
    owner = next(
        (
            t
            for c in phrase
            if c.i < tok.i and (t := sent.token_tag(c)) is not None and (t.key or "").startswith("state:")
        ),
        None,
    )
    if body is None:
        return None
    if owner is None or owner.key is None:  # "Foreign Ministry spokesperson Lin Jian": his state speaks with him
        own = sent.token_tag(tok)
        before = [t for c in phrase if c.i < tok.i and (t := sent.token_tag(c)) is not None and t != own]
        owned = any(t.kind == "actor" for t in before)  # "Houthi military spokesperson": the Houthis' own
        named_before = None if owned else ctx.body_headed_by(body.head, sent.char_of(words[0]))
        if named_before is not None:  # "Military spokesman X" after "Israel's military said": that body
            return named_before
        person = sent.token_tag(tok)
        actor = ctx.extraction.actors.get(person.key or "") if person is not None else None
        served = actor.affiliation if actor is not None else None
        return served if served is not None and served.startswith("state:") else None
    start = owner.start - sent.offset
    end = max(w.i for w in words if w.lower_ in body.head.split()) + 1
    label, affiliation = sent.doc[start:end].text, owner.key
    key = org_key(label)
    ctx.extraction.add_actor(Actor(key, "organization", label, affiliation=affiliation, role=body.role))
    return key


def _spokespersons_body(tok: Token, sent: ParsedSentence, ctx: ArticleContext) -> str | None:
    """The body a spokesperson named without it speaks for: "its spokeswoman" after the body
    the article named last, "the ministry's spokesman" or "Ministry spokesman" after the
    ministry it named."""
    for c in tok.subtree:
        if c.dep_ == "poss" and c.lower_ == "its":  # the body the article named last
            return _its_owner(ctx, sent.char_of(c))
        if c.dep_ == "poss" and lemma(c) in ctx.words("armed_anaphor") and any(d.lower_ == "the" for d in c.children):
            kinds = ("armed_group", "organization") if lemma(c) in ctx.words("loose_anaphor") else ("armed_group",)
            return ctx.last_named(kinds, sent.char_of(c))  # "the group's military spokesman": the group named last
        if c.dep_ in ("poss", "compound") and sent.token_tag(c) is None and c.pos_ in ("NOUN", "PROPN"):
            kind = " ".join(w.lower_ for w in c.lefts if w.dep_ in ("compound", "amod"))  # "Foreign ministry"
            body = ctx.body_headed_by(f"{kind} {c.lower_}" if kind else c.lower_, sent.char_of(c))
            if body is not None:
                return body
    return None


def _its_owner(ctx: ArticleContext, before: int) -> str | None:
    """Whom "its" before a spokesperson stands for: the body named last, or the state the last
    sentence was about when it was named after that body ("Iraq's government condemned the
    raids. Basim al-Awadi, its spokesman,")."""
    body = ctx.last_named(("organization", "armed_group"), before)
    state = ctx.last_subject if (ctx.last_subject or "").startswith("state:") else None
    mentions = ctx.extraction.mentions
    last_body = max((m.start for m in mentions if m.actor == body and m.start < before), default=-1)
    last_state = max((m.start for m in mentions if m.actor == state and m.start < before), default=-1)
    later = state is not None and last_state > last_body and ctx.state_of(body) != state  # not "its" ministry's
    return state if later else body


def _subordinate(tok: Token, verb: Token) -> bool:
    """``tok`` sits in a relative or adverbial clause below ``verb``, not in a clause joined
    to it ("Assad had used ..., and he called on": not Assad's clause)."""
    path = [t.dep_ for t in path_up(tok, verb) or []]
    return "conj" not in path and any(d in ("relcl", "advcl", "acl") for d in path)


def _reporting_person(tok: Token, sent: ParsedSentence) -> list[str]:
    """The person whose speech verb governs a "he"/"she" ("Bachelet said she was alarmed ... and
    urged ..."), else the person subject of a clause above it ("Hegseth visited Manila, where he
    told ..."): that person, before anyone an earlier sentence named."""
    speech = sent.trigger_heads("report")
    above = [a for a in tok.ancestors if a.pos_ in ("VERB", "AUX") and a.i != tok.head.i]
    below = [a for a in above if _subordinate(tok, a)]
    for verb in [*(a for a in above if a.i in speech), *below]:  # then "Hegseth visited Manila, where he told"
        people = [t.key for s in subjects(verb) for t in sent.phrase_actors(s) if (t.key or "").startswith("person:")]
        if people:
            return [k for k in people if k]
    return []


def _outer_body(tok: Token, sent: ParsedSentence, ctx: ArticleContext) -> list[str]:
    """The state or body "it" stands for in a clause inside its own sentence ("the ministry
    summoned the envoys over what it called irresponsible positions"): the subject of the
    clause above."""
    node = tok.head
    while node.dep_ in ("pcomp", "prep", "pobj", "advcl", "relcl", "xcomp") and node.head.i != node.i:
        node = node.head
        subject = [s for s in subjects(node) if s.pos_ != "PRON"] if node.pos_ in ("VERB", "AUX") else []
        if subject:
            keys = [k for s in subject for k in speaker_keys(s, sent, ctx)]
            return [k for k in keys if not k.startswith("person:")]
    return []


def _posted_to(body: Token, speaker: Token) -> bool:
    """A body named after "to" in the speaker's phrase ("ambassador to the UN")."""
    return any(n.dep_ == "pobj" and n.head.lower_ == "to" for n in path_up(body, speaker) or [])


def _served(person: Token, speaker: Token) -> bool:
    """A person named inside an apposition's prepositional phrase ("an adviser to President
    Aliyev", "a spokesman for Netanyahu"): whom the speaker serves, not who speaks."""
    path = path_up(person, speaker)
    return path is not None and {"appos", "pobj"} <= {n.dep_ for n in path}


def names_one_state(keys: tuple[str, ...] | list[str]) -> bool:
    """``keys`` are one state alone, which news calls "it": a "they" in its words is someone else
    ("Saudi Arabia condemned the attacks, saying they targeted ...")."""
    return len(keys) == 1 and keys[0].startswith("state:")


def speaker_keys(tok: Token, sent: ParsedSentence, ctx: ArticleContext, quoted: tuple[str, ...] = ()) -> list[str]:
    """The actors one subject phrase names, as speakers (see the module's rules)."""
    word = lemma(tok)
    if tok.pos_ == "PRON" or tok.lower_ in ("i", "we", "he", "she", "they", "it"):
        if tok.lower_ in ctx.words("first_person") and quoted:
            return list(quoted)
        if tok.lower_ in ("he", "she", "him", "her"):  # "Biden said he was concerned", "according to her"
            quoted_people = [k for k in quoted if k.startswith("person:")] or _reporting_person(tok, sent)
            if quoted_people:
                return quoted_people[-1:]
            return [ctx.last_person] if ctx.last_person else []
        if tok.lower_ in ("they", "we"):
            if len(quoted) > 1:  # "A, B and C said they condemned ...": the voice's speakers
                return list(quoted)
            if names_one_state(quoted):
                return []  # "Saudi Arabia condemned the attacks, saying they threatened ...": the attacks
            if quoted and not quoted[0].startswith("person:"):  # "G7 leaders said they condemned": the G7
                return list(quoted)
            return list(ctx.group())
        if tok.lower_ == "it" and quoted:  # "Saudi Arabia said it was following developments with concern"
            return [k for k in quoted if not k.startswith("person:")]
        if tok.lower_ == "it" and not quoted:
            outer = _outer_body(tok, sent, ctx)
            last = ctx.last_reporter or ctx.last_speakers
            lead = tok.i == 0 or all(not t.is_alpha for t in sent.doc[: tok.i])
            if not outer and lead and len(last) == 1 and not last[0].startswith("person:"):
                return list(last)  # "Rwanda's foreign ministry said ... It blamed Kinshasa": the body before
            if not outer and lead and last and set(last) == set(ctx.signatories):
                return list(last)  # "The joint statement, signed by A, B and C, said ... It urged": the signatories
            return outer
        return []
    if word in ctx.words("opponent") and sent.token_tag(tok) is None:
        return []  # "Kremlin critics": the Kremlin is what they oppose, not who speaks
    seats = [t.key for a in tok.children if a.dep_ == "amod" and a.lower_ == "based" for t in sent.phrase_actors(a)]
    seated = ctx.armed_group_before(sent.char_of(tok)) if seats and word in ctx.words("armed_anaphor") else None
    if seated is not None and ctx.state_of(seated) in seats:  # "the Somalia-based group" after al Shabaab
        return [seated]
    if word in ctx.words("civil_body") and sent.token_tag(tok) is None:
        qualifiers = [t for t in sent.phrase_actors(tok) if t.key]
        doc = sent.span.view

        def based(t: Tag) -> bool:  # "the UK-based Syrian Observatory": where it sits, not who it is
            return t.end + 1 < len(doc) and doc[t.end].text in ("-", "‑") and doc[t.end + 1].lower_ == "based"

        if qualifiers and all(t.via == "demonym" or based(t) for t in qualifiers):
            return []  # "a French research group", "a British rights organisation": not the state
    tags = [t for t in sent.phrase_actors(tok) if t.key and not ctx.backs_or_made(sent, t)]
    if not tags and tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        opening = " ".join(w.lower_ for w in tok.lefts if w.dep_ == "compound")
        body = ctx.body_headed_by(f"{opening} {tok.lower_}", sent.char_of(tok)) if opening else None
        body = body or ctx.body_headed_by(
            tok.lower_, sent.char_of(tok)
        )  # '"...," the force said' after "the IRGC Aerospace Force"
        if body is not None:
            return [body]
        bare = lemma(tok) == "government" and tok.tag_ == "NN" and len(list(tok.children)) == 1
        if bare and (ctx.last_subject or "").startswith("state:"):  # "Mali cut ties ... The government accused"
            return [ctx.last_subject or ""]
        armed = any(c.dep_ == "amod" and c.lower_ == "armed" for c in tok.children)
        plain = all(c.dep_ == "det" or (c.dep_ == "amod" and c.lower_ == "armed") for c in tok.children)
        fighters = word in ctx.words("armed_anaphor") and (armed or word not in ctx.words("loose_anaphor"))
        pointed = ctx.armed_group_before(sent.char_of(tok)) if fighters and plain else None
        if pointed is not None:  # "The M23 seized Goma ... The rebels said": the armed group named before
            return [pointed]
    listed = [c for a in tok.children if a.dep_ == "appos" for c in a.conjuncts]  # "the 11 countries -- A, B, C --"
    tags += [t for c in listed for t in sent.phrase_actors(c) if t.key and t not in tags]
    joiners = [o for a in tok.children if a.dep_ == "acl" and lemma(a) == "join" for o in agents(a)]
    tags += [t for o in joiners for t in sent.phrase_actors(o) if t.key and t not in tags]  # "A and B, joined by C,"
    unnamed = [c for c in tok.conjuncts if lemma(c) in ctx.words("anonymous")]  # "the military and Syrian officials"
    inside = {w.i for c in unnamed for w in c.subtree if w.i not in {x.i for x in c.conjuncts}}
    tags = [t for t in tags if not (sent.head(t).i in inside and (t.key or "").startswith("state:"))]
    kinds = {ctx.kind_of(t.key or "") for t in tags}
    title = sent.token_tag(tok, "title")
    if title is not None and not kinds & {"person", "state"}:  # "the UN coordinator for Lebanon, Jeanine X,"
        named = [t for c in tok.subtree if c.dep_ == "appos" and (t := sent.token_tag(c)) is not None]
        named += [  # "U.N. Special Coordinator for Lebanon Jeanine X" with the name parsed under "for"
            t for c in tok.subtree if c.dep_ == "pobj" and (t := sent.token_tag(c)) is not None and t.via == "title"
        ]
        tags += [t for t in named if (t.key or "").startswith("person:") and t not in tags]
        kinds = {ctx.kind_of(t.key or "") for t in tags}
    if title is not None and kinds <= {"state", "organization"} and tok.tag_ != "NNS":
        person = titled_person(ctx, title, [t.key for t in tags if t.key])  # also "the UN secretary-general"
        if person is not None:
            return [person]
        body = _titled_body(tok, sent, ctx) if tags else None
        if body is not None:  # "a Pakistan military spokesman": the military speaks
            return [body]
    if not tags and title is not None and tok.tag_ != "NNS" and any(c.lower_ == "the" for c in tok.children):
        person = the_titled(ctx, title)
        if person is not None:  # '"...," the spokesman said': the spokesman the article named
            return [person]
    if not tags:
        members = [
            o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"
        ]
        if members and tok.tag_ == "NN":  # "a group of 48 nations"
            return speaker_keys(members[0], sent, ctx, quoted)
        if word in ctx.words("medium"):
            issued = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for o in c.children]
            signed = [a for c in tok.children if c.dep_ == "acl" for v in (c, *c.conjuncts) for a in agents(v)]
            keys = [k for o in issued for k in speaker_keys(o, sent, ctx, quoted)]  # "a statement from the ministry"
            signers = [k for o in signed for k in speaker_keys(o, sent, ctx, quoted)]  # "the statement, signed by A,"
            if signers and ctx.signatories and set(signers) <= set(ctx.signatories):
                return list(ctx.signatories)  # "published by France and signed by 14 others": all who signed
            keys += signers
            if not keys and tok.dep_ == "dobj" and lemma(tok.head) in ctx.words("light_verb"):
                keys = speakers_of(tok.head, sent, ctx, quoted)  # "the Council issued a statement condemning ..."
            if keys:
                return keys
        numbers = [
            c.text.lower() for c in tok.children if c.dep_ in ("nummod", "det", "amod") and _COUNTED.match(c.text)
        ]
        counted = bool(numbers)
        qualified = any(
            c.dep_ in ("amod", "compound") and c.is_title and sent.token_tag(c) is None for c in tok.children
        )
        plural = tok.tag_ == "NNS" and not qualified  # "the ministers", not "Western governments"
        if word in ctx.words("group") and (plural or counted or word in ("statement", "declaration")):
            group = ctx.group()
            size = _NUMBERS.get(numbers[0], int(numbers[0]) if numbers[0].isdigit() else 0) if numbers else 0
            states = [k for k in group if k.startswith("state:")]
            fits = not size or size in (len(group), len(states))  # "the 48 governments" (and the EU beside them)
            national = word in ("country", "government", "side", "state", "nation")
            fits = fits and bool(states or not national)  # not "both governments" for a body and its spokeswoman
            if not fits and size == 2 and national:
                return _last_pair(sent, ctx)  # "Both countries have rejected the accusations"
            return list(group) if fits else []
        definite = any(c.lower_ in ("the", "both") for c in tok.children)
        if word in ctx.words("anonymous") and counted and definite:  # "the two officials"
            return list(ctx.group())
        joint = [k for k in ctx.group() if k.startswith("state:")]
        spoke_last = set(ctx.last_speakers) == set(ctx.group())
        if word in ctx.words("loose_anaphor") and definite and len(joint) >= 3 and spoke_last:
            return list(ctx.group())  # "A, B and C said in a joint statement ... The group urged": the signatories
        return []
    keys = [t.key for t in tags if t.key]
    states = [k for k in keys if k.startswith("state:")]
    others = {w.i for c in tok.conjuncts for w in c.subtree}
    own = {ctx.kind_of(t.key or "") for t in tags if sent.head(t).i not in others}
    if word in ctx.words("anonymous") and own <= {"state"}:
        return []  # "Syrian officials", "Western diplomats" (beside "the Israeli military" or not)
    if word in ctx.words("role_plural") and tok.tag_ == "NNS" and states and len(states) == len(keys):
        if len(states) >= 3:
            return keys
        people = people_of(ctx, states, word.rstrip("s"))
        return people if people else keys
    if "person" in kinds:
        bodies: list[str] = []
        titles = {t.value for c in tok.subtree if (t := sent.token_tag(c, "title")) is not None}
        leader = bool(titles) and "spokesperson" not in titles  # "UN Secretary-General Antonio Guterres"
        aside = {x.i for c in tok.subtree if c.dep_ in ("relcl", "acl") for x in c.subtree}  # ", who led ..."
        keys = [t.key for t in tags if t.key and sent.head(t).i not in aside]
        keys = [k for k in keys if not k.startswith("state:") or any(t.key == k and t.via == "body" for t in tags)]
        if leader:  # "U.N. Special Coordinator for Lebanon Jeanine X": a stateless body's official alone
            keys = [k for k in keys if ctx.kind_of(k) != "organization" or ctx.state_of(k) is not None]
        for c in tok.subtree:
            if c.i in aside:
                continue
            tag = sent.token_tag(c) if c.i != tok.i else None
            if tag is None or not tag.key or tag.key in bodies or tag.key in keys:
                continue
            if tag.key.startswith("person:") and _served(c, tok):
                continue  # "Hajiyev, an adviser to President Aliyev": not Aliyev
            if c.dep_ == "poss" and lemma(c.head) in ctx.words("kin_noun"):
                continue  # "Kim's sister Kim Yo Jong": the sister speaks
            if _posted_to(c, tok):
                continue  # "Israel's ambassador to the UN, Gilad Erdan": posted there, not its voice
            if leader and (ctx.state_of(tag.key) is None or ctx.kind_of(tag.key) == "armed_group"):
                continue  # a body with no state, or an armed group, its leader speaks for: the person alone
            if ctx.kind_of(tag.key) != "state" or tag.via == "body":  # "DRC government spokesman X": the state too
                bodies.append(tag.key)
        spoken_for = _titled_body(tok, sent, ctx)
        if not bodies and spoken_for is None and "spokesperson" in titles:
            spoken_for = _spokespersons_body(tok, sent, ctx)
        return list(dict.fromkeys([*bodies, *([spoken_for] if spoken_for else []), *keys]))
    if len(states) >= 3 and ctx.signatories and set(states) <= set(ctx.signatories):
        return list(ctx.signatories)
    return keys


def _last_pair(sent: ParsedSentence, ctx: ArticleContext) -> list[str]:
    """The two states the article has named most before the sentence, whom "the two countries"
    or "both sides" stand for when no statement has named a group (none when a third state is
    named as often as the second)."""
    counts = Counter(
        m.actor for m in ctx.extraction.mentions if m.start < sent.span.start_char and m.actor.startswith("state:")
    )
    ranked = counts.most_common(3)
    if len(ranked) < 2 or (len(ranked) == 3 and ranked[2][1] == ranked[1][1]):
        return []
    return [ranked[0][0], ranked[1][0]]
