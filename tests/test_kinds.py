"""Event kinds as a registry (graph/kinds/): every registered kind round-trips, and the triples, the
merge and the network take their kinds from the registry, not from literals.

The second half registers a toy kind (a sanction: who sanctions whom) with ontology terms of its
own, writes two articles' worth of it into a real store through the same change sets the writers
use, and finds it merged into one event and drawn as one network edge.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode

from armskg.graph.kinds import (
    EventKindSpec,
    NetworkEdge,
    Report,
    Resolver,
    Role,
    TimeWindow,
    Triple3,
    lookup,
    register,
    registered,
    spec_of,
    unregister,
)
from armskg.graph.merge import MergePolicy, merge_block, merge_reports, plan_changes
from armskg.graph.network import actor_network, edge_weight
from armskg.graph.triples import article_quads, article_reports, block_id, event_triples
from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.facts import Actor, Evidence, Extraction
from armskg.loaders.readers import read_articles
from armskg.ontology import actor_iri
from armskg.ontology.vocabulary import RDF_TYPE, Ak

SAMPLES = Path(str(importlib.resources.files("armskg.samples")))


# --- the built-in kinds ----------------------------------------------------------------------


def _sample_reports() -> list[Report]:
    reports: list[Report] = []
    for article in read_articles([SAMPLES]):
        assert isinstance(article, Article)
        reports.extend(article_reports(article, extract(article)))
    return reports


def test_the_built_in_kinds_are_registered_in_merge_order() -> None:
    assert [spec.name for spec in registered()] == ["transfer", "strike", "statement"]
    assert [spec.cls for spec in registered()] == [Ak.Transfer, Ak.Strike, Ak.Statement]


def test_every_registered_kind_round_trips() -> None:
    """Each kind's reports (from the sample articles) survive their JSON form, land in a block of
    their kind, and give their events the kind's class."""
    reports = _sample_reports()
    node = NamedNode("https://w3id.org/armskg/event/x/0")
    for spec in registered():
        mine = [r for r in reports if r.kind == spec.name]
        assert mine, f"the samples hold no {spec.name}"
        for report in mine:
            assert Report.from_json(report.article, report.evidence, report.to_json()) == report
            assert block_id(report).startswith(spec.name + "/")
            triples = list(event_triples(report, node, None, lambda ref: ()))
            assert triples[0] == (node, RDF_TYPE, spec.cls)
            assert (node, Ak.reportedIn, NamedNode(report.article)) in triples


def test_a_record_of_no_registered_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="not a merge record"):
        Report.from_json("a", "e", '{"kind": "sanction", "source": ""}')
    with pytest.raises(ValueError, match="already registered"):
        register(spec_of("strike"))
    with pytest.raises(ValueError, match="no event kind 'sanction'"):
        MergePolicy(sanction=TimeWindow(0, 1, 1))


def test_a_policy_overrides_one_kind_and_keeps_the_others() -> None:
    policy = MergePolicy(strike=TimeWindow(0, 30, 30))
    assert policy.window("strike") == TimeWindow(0, 30, 30)
    assert policy.window("transfer") == spec_of("transfer").window
    assert policy == MergePolicy(strike=TimeWindow(0, 30, 30)) and policy != MergePolicy()


# --- a toy kind, registered for a test --------------------------------------------------------

TOY = "https://example.org/toy#"
SANCTION_CLASS = NamedNode(TOY + "Sanction")
IMPOSER = NamedNode(TOY + "imposer")
SANCTIONED = NamedNode(TOY + "sanctioned")


@dataclass(slots=True)
class Sanction:
    """The toy fact: who sanctions whom."""

    imposer: str
    sanctioned: str
    evidence: Evidence


@dataclass
class ToyExtraction(Extraction):
    """An extraction whose rules also find sanctions."""

    sanctions: list[Sanction] = field(default_factory=list)


def _sanctions(extraction: Extraction) -> list[Sanction]:
    return extraction.sanctions if isinstance(extraction, ToyExtraction) else []


def _sanction_triples(report: Report, node: NamedNode, _day: dt.date | None, _resolve: Resolver) -> Iterator[Triple3]:
    yield node, IMPOSER, NamedNode(actor_iri(report.attacker or ""))
    yield node, SANCTIONED, NamedNode(actor_iri(report.target or ""))


def _sanction_report(fact: Sanction) -> dict[str, Any]:
    return {"attacker": fact.imposer, "target": fact.sanctioned}


SANCTION: EventKindSpec[Sanction] = EventKindSpec(
    name="sanction",
    cls=SANCTION_CLASS,
    fact=Sanction,
    facts=_sanctions,
    report=_sanction_report,
    block=lambda r: (r.attacker or "", r.target or ""),
    details=lambda r, _resolve: (),
    window=TimeWindow(None, 90, 90),
    triples=_sanction_triples,
    edge=NetworkEdge("sanctions", IMPOSER, SANCTIONED, -0.5, ()),
    roles=(Role("imposer", IMPOSER, True), Role("sanctioned", SANCTIONED, False)),
)


@pytest.fixture
def sanction_kind() -> Iterator[EventKindSpec[Sanction]]:
    register(SANCTION)
    try:
        yield SANCTION
    finally:
        unregister(SANCTION.name)


def _article(n: int, publisher: str) -> tuple[Article, ToyExtraction]:
    sentence = "The United States sanctioned Iran."
    article = Article(f"toy{n}", sentence, date=dt.date(2024, 3, n), publisher=publisher)
    extraction = ToyExtraction()
    extraction.add_actor(Actor("state:USA", "state", "United States", iso3="USA"))
    extraction.add_actor(Actor("state:IRN", "state", "Iran", iso3="IRN"))
    extraction.sanctions.append(Sanction("state:USA", "state:IRN", Evidence(sentence, 0, len(sentence), "toy.rule")))
    return article, extraction


def test_a_registered_kind_flows_through_triples_merge_and_network(sanction_kind: EventKindSpec[Sanction]) -> None:
    assert lookup("sanction") is sanction_kind and registered()[-1] is sanction_kind
    store = ox.Store()
    all_reports: list[Report] = []
    for n, publisher in ((1, "Wire A"), (2, "Wire B")):
        article, extraction = _article(n, publisher)
        reports = article_reports(article, extraction)
        assert [(r.kind, r.attacker, r.target) for r in reports] == [("sanction", "state:USA", "state:IRN")]
        quads = article_quads(article, extraction)
        blocks = [q.object for q in quads if q.predicate == Ak.mergeBlock]
        assert blocks == [Literal(block_id(reports[0]))] and block_id(reports[0]).startswith("sanction/")
        plan_changes(store, add_quads=quads, add_reports=reports).apply(store)
        all_reports.extend(reports)

    [event] = merge_block(all_reports, lambda ref: ())
    assert event.kind == "sanction" and event.source_count == 2
    node = NamedNode(event.iri)
    assert event.iri.startswith("https://w3id.org/armskg/event/sanction/")
    default = ox.DefaultGraph()
    assert ox.Quad(node, RDF_TYPE, SANCTION_CLASS, default) in store
    assert ox.Quad(node, IMPOSER, NamedNode(actor_iri("state:USA")), default) in store
    assert len(list(store.quads_for_pattern(node, Ak.reportedIn, None, default))) == 2
    # the store the incremental path wrote is what merging the whole corpus at once gives
    assert set(merge_reports(all_reports)) <= set(store)

    graph = actor_network(store)
    usa, irn = actor_iri("state:USA"), actor_iri("state:IRN")
    attrs = graph.edges[usa, irn, "sanctions"]
    assert attrs["count"] == 1 and attrs["events"] == [event.iri] and attrs["corroboration"] == 2
    assert edge_weight(attrs) == -0.5


def test_unregistering_leaves_the_built_in_kinds(sanction_kind: EventKindSpec[Sanction]) -> None:
    unregister(sanction_kind.name)
    try:
        assert [spec.name for spec in registered()] == ["transfer", "strike", "statement"]
        assert edge_weight({"relation": "sanctions", "count": 1, "roles": {}}) == 0.0
    finally:
        register(sanction_kind)
