"""The built-in kinds of event: transfer, strike and statement, registered in that order.

The order is the merge's: a strike refers to a transfer (the supply its weapons came from), a
statement to a transfer or a strike (what it is about), so the kinds referred to settle first.
Each spec is the kind's whole description (see :class:`~armskg.graph.kinds.registry.EventKindSpec`);
``docs/data-model.md`` gives the merge rules in words.

>>> TRANSFER.block(Report("transfer", "a", "e", supplier="state:PRK", recipient="state:RUS", weapon="drone"))
('state:PRK', 'state:RUS', 'drone')
>>> statement_keys(["state:USA", "state:KOR"], "condemn")[-1][0]
'pair'
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from pyoxigraph import Literal, NamedNode

from armskg.loaders.facts import Statement, Strike, Transfer
from armskg.ontology import actor_iri, channel_iri, stance_iri, status_iri, weapon_iri
from armskg.ontology.vocabulary import STATE_NS, XSD_DATE, Ak

from .registry import EventKindSpec, NetworkEdge, Report, Resolver, Role, TimeWindow, Triple3, register

__all__ = ["STATEMENT", "STRIKE", "TRANSFER", "normalize_designation", "stance_keys", "statement_keys"]


def normalize_designation(designation: str | None) -> str | None:
    """A weapon designation as the merge compares it: letters and digits, lower case.

    >>> normalize_designation("KN-23"), normalize_designation("kn 23"), normalize_designation(" - ")
    ('kn23', 'kn23', None)
    """
    if designation is None:
        return None
    key = "".join(ch for ch in designation.casefold() if ch.isalnum())
    return key or None


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD_DATE)


def _actor(key: str | None) -> NamedNode:
    return NamedNode(actor_iri(key or ""))


def _refs(node: NamedNode, prop: NamedNode, report: Report, resolve: Resolver) -> Iterator[Triple3]:
    """The event's links (``prop``, its spec's ``ref_property``) to the events its report's ``ref``
    resolves to: how a strike or a statement points at what it refers to."""
    if report.ref:
        for event in resolve(report.ref):
            yield node, prop, NamedNode(event)


def _day(node: NamedNode, day: dt.date | None) -> Iterator[Triple3]:
    """The event's stated day, when it has one (strikes and statements)."""
    if day is not None:
        yield node, Ak.date, _date(day)


# --- transfer ---------------------------------------------------------------------------------


def _transfer_report(fact: Transfer) -> dict[str, Any]:
    return {
        "supplier": fact.supplier,
        "recipient": fact.recipient,
        "weapon": fact.weapon,
        "status": fact.status,
        "designation": fact.designation,
        "quantity": fact.quantity,
    }


def _transfer_triples(report: Report, node: NamedNode, _day: dt.date | None, _resolve: Resolver) -> Iterator[Triple3]:
    yield node, Ak.supplier, _actor(report.supplier)
    yield node, Ak.recipient, _actor(report.recipient)
    yield node, Ak.weapon, NamedNode(weapon_iri(report.weapon or "other"))
    yield node, Ak.status, NamedNode(status_iri(report.status or "asserted"))
    if report.designation:
        yield node, Ak.designation, Literal(report.designation)
    if report.quantity:
        yield node, Ak.quantity, Literal(report.quantity)


TRANSFER: EventKindSpec[Transfer] = register(
    EventKindSpec(
        name="transfer",
        cls=Ak.Transfer,
        fact=Transfer,
        facts=lambda extraction: extraction.transfers,
        report=_transfer_report,
        block=lambda r: (r.supplier or "", r.recipient or "", r.weapon or ""),
        details=lambda r, _resolve: (normalize_designation(r.designation),),
        window=TimeWindow(None, 365, 365),
        triples=_transfer_triples,
        edge=NetworkEdge("supplies", Ak.supplier, Ak.recipient, 1.0, ("weapons", "designations", "statuses")),
        roles=(Role("supplier", Ak.supplier, True), Role("recipient", Ak.recipient, True)),
    )
)
"""Who supplied which weapons to whom: one event per (supplier, recipient, weapon category) and
designation, reports chained when their articles appeared within a year of one another."""


# --- strike -----------------------------------------------------------------------------------


def _strike_report(fact: Strike) -> dict[str, Any]:
    return {
        "attacker": fact.attacker,
        "target": fact.target,
        "weapon": fact.weapon,
        "designation": fact.designation,
        "weapon_origin": fact.weapon_origin,
        "dates": tuple(sorted(set(fact.dates))),
    }


def _strike_triples(report: Report, node: NamedNode, day: dt.date | None, resolve: Resolver) -> Iterator[Triple3]:
    yield node, Ak.attacker, _actor(report.attacker)
    yield node, Ak.target, _actor(report.target)
    if report.weapon:
        yield node, Ak.weapon, NamedNode(weapon_iri(report.weapon))
    if report.designation:
        yield node, Ak.designation, Literal(report.designation)
    if report.weapon_origin:
        yield node, Ak.weaponOrigin, _actor(report.weapon_origin)
    yield from _refs(node, Ak.usedWeaponsFrom, report, resolve)
    yield from _day(node, day)


STRIKE: EventKindSpec[Strike] = register(
    EventKindSpec(
        name="strike",
        cls=Ak.Strike,
        fact=Strike,
        facts=lambda extraction: extraction.strikes,
        report=_strike_report,
        refers=lambda fact: fact.transfer,
        block=lambda r: (r.attacker or "", r.target or ""),
        details=lambda r, _resolve: (r.weapon or None,),
        window=TimeWindow(7, 30, 30),
        triples=_strike_triples,
        ref_property=Ak.usedWeaponsFrom,
        edge=NetworkEdge("strikes", Ak.attacker, Ak.target, -1.0),
        roles=(Role("attacker", Ak.attacker, True), Role("target", Ak.target, False)),
    )
)
"""Who struck whom: one event per (attacker, target) and weapon category, a wave of stated days
within a week, undated reports chained within 30 days."""


# --- statement --------------------------------------------------------------------------------


def stance_keys(speaker_iris: list[str], stance_node: str) -> list[tuple[str, ...]]:
    """The tallies of one statement from its speakers' IRIs (sorted, distinct) and its stance IRI:
    a stance tally per speaker, a co-signature tally per pair of states."""
    keys: list[tuple[str, ...]] = [("stance", iri, stance_node) for iri in speaker_iris]
    states = [iri for iri in speaker_iris if iri.startswith(STATE_NS)]
    keys.extend(("pair", a, b, stance_node) for a, b in itertools.combinations(states, 2))
    return keys


def statement_keys(speakers: Iterable[str], stance: str) -> list[tuple[str, ...]]:
    """The tallies one statement feeds, from its speakers' actor keys and its stance label."""
    return stance_keys(sorted({actor_iri(s) for s in speakers}), stance_iri(stance))


def _statement_report(fact: Statement) -> dict[str, Any]:
    return {
        "speakers": tuple(dict.fromkeys(fact.speakers)),
        "stance": fact.stance,
        "addressee": tuple(dict.fromkeys(fact.addressee)),
        "channel": fact.channel,
        "quote": fact.quote,
        "dates": (fact.date,) if fact.date else (),
    }


def _statement_details(report: Report, resolve: Resolver) -> tuple[str | None, ...]:
    about = sorted(set(resolve(report.ref))) if report.ref else []
    return ("|".join(about) or None,)


def _statement_triples(report: Report, node: NamedNode, day: dt.date | None, resolve: Resolver) -> Iterator[Triple3]:
    for speaker in report.speakers:
        yield node, Ak.speaker, _actor(speaker)
    yield node, Ak.stance, NamedNode(stance_iri(report.stance or ""))
    yield from _refs(node, Ak.about, report, resolve)
    for addressee in report.addressee:
        yield node, Ak.addressee, _actor(addressee)
    if report.channel:
        yield node, Ak.channel, NamedNode(channel_iri(report.channel))
    if report.quote:
        yield node, Ak.quote, Literal(report.quote)
    yield from _day(node, day)


STATEMENT: EventKindSpec[Statement] = register(
    EventKindSpec(
        name="statement",
        cls=Ak.Statement,
        fact=Statement,
        facts=lambda extraction: extraction.statements,
        report=_statement_report,
        refers=lambda fact: fact.about,
        block=lambda r: (*sorted(set(r.speakers)), "|", r.stance or ""),
        details=_statement_details,
        window=TimeWindow(1, 7, 7),
        triples=_statement_triples,
        ref_property=Ak.about,
        tallies=lambda r: statement_keys(r.speakers, r.stance or ""),
        roles=(Role("speaker", Ak.speaker, True),),
        weapons_from_about=True,
    )
)
"""Who said what stance about what: one event per (set of speakers, stance) and topic, dated the
same or the next day, undated reports chained within a week.  Its edges in the network (a stance
towards each party of what it is about, co-signatures, joint statements) are the network's own
(:mod:`armskg.graph.network.build`), read through the parties' :class:`Role`."""
