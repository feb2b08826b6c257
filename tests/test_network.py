"""Tests of the actor network and its coalitions, on small stores written here in TriG.

The stores follow ``docs/data-model.md``: merged facts in the default graph, what each article
says (with the evidence records) in a named graph per article. :func:`small_store` and
:func:`joint_statement_store` are reused by ``test_coalition_map.py``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from armskg.graph.network import (
    EventFacts,
    FilterError,
    NetworkFilter,
    actor_network,
    coalitions,
    edge_weight,
    event_confidences,
    network_period,
    signed_graph,
)
from armskg.ontology import PREFIXES, actor_iri, article_iri, event_iri, evidence_iri, stance_iri, weapon_iri

__all__ = ["JOINT_SIGNATORIES", "joint_statement_store", "small_store"]

USA, KOR, JPN = actor_iri("state:USA"), actor_iri("state:KOR"), actor_iri("state:JPN")
PRK, RUS, UKR = actor_iri("state:PRK"), actor_iri("state:RUS"), actor_iri("state:UKR")
EU = actor_iri("org:eu")
SPOKES = actor_iri("person:robinvale")
TRANSFER = event_iri("transfer", "t1")
STRIKE = event_iri("strike", "s1")
JOINT, WARNING, DENIAL = event_iri("statement", "j1"), event_iri("statement", "w1"), event_iri("statement", "d1")
ART1, ART2 = article_iri("t001"), article_iri("t002")

STATES = {"USA": "United States", "KOR": "South Korea", "JPN": "Japan", "PRK": "North Korea", "RUS": "Russia"}
STATES["UKR"] = "Ukraine"

# Sentences written for these tests; confidences order them.
EVIDENCE = {
    TRANSFER: [
        (ART1, 1, "Officials said the northern state shipped short-range missiles to Moscow by rail.", 0.9),
        (ART1, 2, "The shipment reportedly included launchers as well as missiles.", 0.5),
        (ART2, 1, "Satellite images showed crates moving toward the Russian border.", 0.8),
        (ART2, 2, "Analysts believe the missiles were delivered in several batches.", 0.7),
    ],
    STRIKE: [(ART1, 3, "Russian forces fired the missiles at a city in eastern Ukraine.", 0.9)],
    JOINT: [(ART1, 4, "Four governments jointly condemned the missile deliveries.", 0.9)],
    WARNING: [(ART2, 3, "A State Department spokesperson warned against further deliveries.", 0.8)],
    DENIAL: [(ART2, 4, "Pyongyang dismissed the reports as fabrications.", 0.9)],
}


def _prefixes() -> str:
    """The project's SPARQL prefixes, in Turtle syntax."""
    return "".join(f"@prefix {line.split(' ', 2)[1]} {line.split(' ', 2)[2]} .\n" for line in PREFIXES.splitlines())


def _literal(text: str) -> str:
    """A Turtle string literal for any text (quotes, newlines, markup)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def small_store(
    labels: dict[str, str] | None = None, evidence: dict[str, list[tuple[str, int, str, float]]] | None = None
) -> ox.Store:
    """A store with six states, the EU and one spokesperson, one transfer, one strike, three statements.

    Parameters
    ----------
    labels : dict, optional
        Replacement ``rdfs:label`` per actor IRI (the hostile map test puts markup in them).
    evidence : dict, optional
        Replacement evidence records per event IRI: (article IRI, n, sentence, confidence).
    """
    labels = labels or {}
    default = ""
    for code, name in STATES.items():
        iri = actor_iri(f"state:{code}")
        default += f'<{iri}> a ak:State ; rdfs:label {_literal(labels.get(iri, name))} ; ak:iso3 "{code}" .\n'
    default += f"<{PRK}> owl:sameAs wd:Q423 .\n<{RUS}> owl:sameAs wd:Q159 .\n"
    default += f"<{EU}> a ak:Organization ; rdfs:label {_literal(labels.get(EU, 'European Union'))} .\n"
    default += (
        f"<{SPOKES}> a ak:Person ; rdfs:label {_literal(labels.get(SPOKES, 'Robin Vale'))} ; "
        f'ak:role "spokesperson" ; ak:affiliation <{USA}> .\n'
    )
    for article, ident, day in ((ART1, "t001", "2024-01-10"), (ART2, "t002", "2024-02")):
        default += (
            f'<{article}> a ak:Article ; schema:identifier "{ident}" ; schema:url <https://example.org/{ident}> ; '
            + (f'schema:datePublished "{day}"^^xsd:date .\n' if len(day) == 10 else f'ak:datePublishedText "{day}" .\n')
        )
    default += (
        f"<{TRANSFER}> a ak:Transfer ; ak:supplier <{PRK}> ; ak:recipient <{RUS}> ; "
        f'ak:weapon <{weapon_iri("ballistic missile")}> ; ak:designation "KN-23" ; '
        f"ak:reportedIn <{ART1}>, <{ART2}> .\n"
        f"<{STRIKE}> a ak:Strike ; ak:attacker <{RUS}> ; ak:target <{UKR}> ; "
        f"ak:weapon <{weapon_iri('ballistic missile')}> ; ak:usedWeaponsFrom <{TRANSFER}> ; ak:reportedIn <{ART1}> .\n"
        f'<{STRIKE}> ak:date "2024-01-06"^^xsd:date .\n'
        f"<{JOINT}> a ak:Statement ; ak:speaker <{USA}>, <{KOR}>, <{JPN}>, <{EU}> ; "
        f"ak:stance <{stance_iri('condemn')}> ; ak:about <{TRANSFER}> ; ak:reportedIn <{ART1}> .\n"
        f"<{WARNING}> a ak:Statement ; ak:speaker <{SPOKES}> ; ak:stance <{stance_iri('warn')}> ; "
        f"ak:about <{TRANSFER}> ; ak:reportedIn <{ART2}> .\n"
        f"<{DENIAL}> a ak:Statement ; ak:speaker <{PRK}> ; ak:stance <{stance_iri('deny')}> ; "
        f"ak:about <{TRANSFER}> ; ak:reportedIn <{ART2}> .\n"
    )
    graphs: dict[str, str] = {
        ART1: f'<{ART1}> a ak:Article ; schema:identifier "t001" .\n',
        ART2: f'<{ART2}> a ak:Article ; schema:identifier "t002" .\n<{SPOKES}> ak:affiliation <{USA}> .\n',
    }
    chosen = EVIDENCE if evidence is None else evidence
    for event in chosen:
        for article, n, sentence, confidence in chosen[event]:
            ident = article.rsplit("/", 1)[-1]
            ev = evidence_iri(ident, n)
            graphs[article] += (
                f"<{event}> ak:evidence <{ev}> .\n"
                f"<{ev}> a ak:Evidence ; ak:sentence {_literal(sentence)} ; ak:confidence {confidence} ; "
                f"prov:wasDerivedFrom <{article}> .\n"
            )
    trig = _prefixes() + default + "".join(f"<{g}> {{\n{body}}}\n" for g, body in graphs.items())
    store = ox.Store()
    store.load(trig, ox.RdfFormat.TRIG)
    return store


JOINT_SIGNATORIES = [
    "USA",
    "KOR",
    "JPN",
    "GBR",
    "FRA",
    "DEU",
    "ITA",
    "CAN",
    "AUS",
    "NZL",
    "NLD",
    "BEL",
    "LUX",
    "DNK",
    "NOR",
    "SWE",
    "FIN",
    "ISL",
    "IRL",
    "ESP",
    "PRT",
    "POL",
    "CZE",
    "SVK",
    "HUN",
    "ROU",
    "BGR",
    "GRC",
    "HRV",
    "SVN",
    "EST",
    "LVA",
    "LTU",
    "AUT",
    "CHE",
    "MLT",
    "CYP",
    "ALB",
    "MNE",
    "MKD",
    "MDA",
    "GEO",
    "LIE",
    "MCO",
    "SMR",
    "AND",
    "BIH",
    "ARG",
]
"""48 states that sign the joint statement of :func:`joint_statement_store`."""


def joint_statement_store() -> ox.Store:
    """48 states and the EU condemn a PRK→RUS missile transfer and Russia's strikes on Ukraine.

    A US and a South Korean official condemn the same in a statement of their own.
    """
    officials = {actor_iri("person:alexhart"): "USA", actor_iri("person:minjipark"): "KOR"}
    transfer, strikes = event_iri("transfer", "big"), [event_iri("strike", f"big{i}") for i in range(3)]
    joint, bilateral = event_iri("statement", "big"), event_iri("statement", "officials")
    article = article_iri("j001")
    lines = [f'<{article}> a ak:Article ; schema:identifier "j001" .']
    for code in {*JOINT_SIGNATORIES, "PRK", "RUS", "UKR"}:
        lines.append(f'<{actor_iri("state:" + code)}> a ak:State ; rdfs:label "State {code}" ; ak:iso3 "{code}" .')
    lines.append(f'<{EU}> a ak:Organization ; rdfs:label "European Union" .')
    for person, code in officials.items():
        lines.append(
            f'<{person}> a ak:Person ; rdfs:label "Official {code}" ; ak:affiliation <{actor_iri("state:" + code)}> .'
        )
    lines.append(
        f"<{transfer}> a ak:Transfer ; ak:supplier <{PRK}> ; ak:recipient <{RUS}> ; "
        f"ak:weapon <{weapon_iri('ballistic missile')}> ; ak:reportedIn <{article}> ."
    )
    for strike in strikes:
        lines.append(f"<{strike}> a ak:Strike ; ak:attacker <{RUS}> ; ak:target <{UKR}> ; ak:reportedIn <{article}> .")
    about = ", ".join(f"<{e}>" for e in [transfer, *strikes])
    speakers = ", ".join(f"<{actor_iri('state:' + c)}>" for c in JOINT_SIGNATORIES) + f", <{EU}>"
    lines.append(
        f"<{joint}> a ak:Statement ; ak:speaker {speakers} ; ak:stance <{stance_iri('condemn')}> ; "
        f"ak:about {about} ; ak:reportedIn <{article}> ."
    )
    lines.append(
        f"<{bilateral}> a ak:Statement ; ak:speaker {', '.join(f'<{p}>' for p in officials)} ; "
        f"ak:stance <{stance_iri('condemn')}> ; ak:about {about} ; ak:reportedIn <{article}> ."
    )
    store = ox.Store()
    store.load(_prefixes() + "\n".join(lines), ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    """The actor network of :func:`small_store`."""
    return actor_network(small_store())


def test_nodes_are_the_actors_with_their_attributes(network: nx.MultiDiGraph) -> None:
    assert sorted(network.nodes) == sorted([USA, KOR, JPN, PRK, RUS, UKR, EU, SPOKES])
    assert network.nodes[PRK] == {"label": "North Korea", "kind": "state", "iso3": "PRK", "wikidata": "Q423"}
    assert network.nodes[UKR] == {"label": "Ukraine", "kind": "state", "iso3": "UKR", "wikidata": None}
    assert network.nodes[EU] == {"label": "European Union", "kind": "organization", "iso3": None, "wikidata": None}
    assert network.nodes[SPOKES]["kind"] == "person"


def test_edges_are_exact(network: nx.MultiDiGraph) -> None:
    speakers = sorted([USA, KOR, JPN, EU])
    expected = {(PRK, RUS, "supplies"), (RUS, UKR, "strikes"), (SPOKES, USA, "affiliated")}
    expected |= {(s, party, "condemn") for s in speakers for party in (PRK, RUS)}
    expected |= {(a, b, "co_signs") for i, a in enumerate(speakers) for b in speakers[i + 1 :]}
    expected |= {(SPOKES, PRK, "warn"), (SPOKES, RUS, "warn"), (PRK, RUS, "deny")}
    assert set(network.edges(keys=True)) == expected
    assert network.number_of_edges() == 20
    assert all(network.edges[e]["relation"] == e[2] for e in expected)


def test_supply_edge_aggregates_sources_weapons_and_evidence(network: nx.MultiDiGraph) -> None:
    supply = network.edges[PRK, RUS, "supplies"]
    assert supply["count"] == 1
    assert supply["events"] == [TRANSFER]
    assert supply["sources"] == ["t001", "t002"]
    assert supply["weapons"] == ["ballistic missile"]
    assert supply["designations"] == ["KN-23"]
    assert supply["evidence"] == [  # the three most confident of four sentences in two article graphs
        "Officials said the northern state shipped short-range missiles to Moscow by rail.",
        "Satellite images showed crates moving toward the Russian border.",
        "Analysts believe the missiles were delivered in several batches.",
    ]
    strike = network.edges[RUS, UKR, "strikes"]
    assert (strike["count"], strike["sources"], strike["designations"]) == (1, ["t001"], [])


def test_statement_edges_record_stance_roles_and_evidence(network: nx.MultiDiGraph) -> None:
    condemn = network.edges[USA, PRK, "condemn"]
    assert condemn["count"] == 1
    assert condemn["events"] == [JOINT]
    assert condemn["about"] == [TRANSFER]
    assert condemn["roles"] == {"supplier": 1}
    assert condemn["own_roles"] == {}
    assert condemn["sources"] == ["t001"]
    assert condemn["evidence"] == ["Four governments jointly condemned the missile deliveries."]
    assert network.edges[EU, RUS, "condemn"]["roles"] == {"recipient": 1}
    deny = network.edges[PRK, RUS, "deny"]  # the supplier denying its own transfer: no self-loop
    assert (deny["roles"], deny["own_roles"]) == ({"recipient": 1}, {"recipient": 1})
    co_sign = network.edges[min(USA, EU), max(USA, EU), "co_signs"]
    assert (co_sign["count"], co_sign["events"]) == (1, [JOINT])
    affiliated = network.edges[SPOKES, USA, "affiliated"]
    assert (affiliated["count"], affiliated["sources"], affiliated["evidence"]) == (1, ["t002"], [])


def test_signed_weights() -> None:
    assert edge_weight({"relation": "condemn", "count": 1, "roles": {"supplier": 1}}) == -1.0
    assert edge_weight({"relation": "condemn", "count": 1, "roles": {"target": 2}}) == 2.0
    assert edge_weight({"relation": "concern", "count": 1, "roles": {"attacker": 1}}) == -0.5
    assert edge_weight({"relation": "support", "count": 1, "roles": {"recipient": 1}}) == 1.0
    assert edge_weight({"relation": "deny", "count": 1, "roles": {"recipient": 1}, "own_roles": {"recipient": 1}}) == 1
    assert edge_weight({"relation": "deny", "count": 1, "roles": {"speaker": 1}, "own_roles": {}}) == -1.0
    assert edge_weight({"relation": "call_on", "count": 3, "roles": {"attacker": 3}}) == 0.0
    assert edge_weight({"relation": "affiliated", "count": 1}) == 2.0
    assert edge_weight({"relation": "supplies", "count": 3}) == 3.0


def test_signed_graph_sums_both_directions(network: nx.MultiDiGraph) -> None:
    signed = signed_graph(network)
    assert signed[PRK][RUS]["weight"] == 2.0  # supplies + the supplier's denial
    assert signed[RUS][UKR]["weight"] == -1.0
    assert signed[USA][PRK]["weight"] == -1.0
    assert signed[SPOKES][USA]["weight"] == 2.0
    assert not signed.has_edge(UKR, USA)


def test_coalitions_split_condemners_and_victim_from_supplier_and_recipient(network: nx.MultiDiGraph) -> None:
    camp = coalitions(network)
    assert set(camp) == set(network.nodes)
    # UKR has no positive tie: it joins the coalition that is hostile to its attacker's coalition
    assert {camp[a] for a in (USA, KOR, JPN, EU, SPOKES, UKR)} == {0}
    assert camp[PRK] == camp[RUS] == 1
    assert coalitions(network) == camp  # stable


def test_joint_statement_puts_signatories_with_ukraine() -> None:
    graph = actor_network(joint_statement_store())
    assert graph.number_of_nodes() == 48 + 1 + 2 + 3
    assert graph.edges[RUS, UKR, "strikes"]["count"] == 3
    assert graph.edges[USA, UKR, "condemn"]["roles"] == {"target": 3}
    assert graph.edges[USA, RUS, "condemn"]["roles"] == {"attacker": 3, "recipient": 1}
    camp = coalitions(graph)
    ours = {camp[actor_iri("state:" + c)] for c in JOINT_SIGNATORIES}
    ours |= {camp[EU], camp[UKR], camp[actor_iri("person:alexhart")], camp[actor_iri("person:minjipark")]}
    assert ours == {0}
    assert camp[PRK] == camp[RUS] == 1
    assert max(camp.values()) == 1


def test_a_minister_speaks_for_their_state() -> None:
    iran, minister = actor_iri("state:IRN"), actor_iri("person:aminister")
    transfer, statement = event_iri("transfer", "drones"), event_iri("statement", "admission")
    trig = _prefixes() + (
        f'<{iran}> a ak:State ; rdfs:label "Iran" ; ak:iso3 "IRN" .\n'
        f'<{RUS}> a ak:State ; rdfs:label "Russia" ; ak:iso3 "RUS" .\n'
        f'<{minister}> a ak:Person ; rdfs:label "A Minister" ; ak:affiliation <{iran}> .\n'
        f"<{transfer}> a ak:Transfer ; ak:supplier <{iran}> ; ak:recipient <{RUS}> .\n"
        f"<{statement}> a ak:Statement ; ak:speaker <{minister}> ; ak:stance <{stance_iri('admit')}> ; "
        f"ak:about <{transfer}> .\n"
    )
    store = ox.Store()
    store.load(trig, ox.RdfFormat.TRIG)
    graph = actor_network(store)
    admit = graph.edges[minister, RUS, "admit"]
    assert (admit["roles"], admit["own_roles"]) == ({"recipient": 1}, {"recipient": 1})
    assert edge_weight(admit) == 1.0  # admitting one's own state's transfer: with the recipient
    assert len(set(coalitions(graph).values())) == 1


def test_empty_store_gives_empty_network() -> None:
    graph = actor_network(ox.Store())
    assert graph.number_of_nodes() == graph.number_of_edges() == 0
    assert coalitions(graph) == {}


# --- dates, sources and filters ---------------------------------------------------------------


def test_edges_carry_dates_urls_and_corroboration(network: nx.MultiDiGraph) -> None:
    supply = network.edges[PRK, RUS, "supplies"]
    # no ak:date: the publication dates of its two articles, one of them only a month ("2024-02")
    assert (supply["first"], supply["last"]) == ("2024-01-10", "2024-02-29")
    assert supply["urls"] == ["https://example.org/t001", "https://example.org/t002"]
    assert (supply["corroboration"], supply["reports"]) == (2, 2)
    assert supply["statuses"] == []
    strike = network.edges[RUS, UKR, "strikes"]  # its own ak:date wins over the article's date
    assert (strike["first"], strike["last"], strike["corroboration"]) == ("2024-01-06", "2024-01-06", 1)
    condemn = network.edges[USA, PRK, "condemn"]
    assert (condemn["first"], condemn["quotes"]) == ("2024-01-10", [])
    affiliated = network.edges[SPOKES, USA, "affiliated"]
    assert (affiliated["first"], affiliated["corroboration"]) == (None, 1)
    assert network_period(network) == ("2024-01-06", "2024-02-29")
    assert network.graph["filter"] == ""


def _keys(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return set(graph.edges(keys=True))


def test_filter_by_period_keeps_events_that_meet_it() -> None:
    january = actor_network(small_store(), until="2024-01")
    # the transfer (reported 2024-01-10 and in 2024-02) meets January; the warning and the denial don't
    assert {key[2] for key in _keys(january)} == {"supplies", "strikes", "condemn", "co_signs"}
    assert set(january.nodes) == {USA, KOR, JPN, EU, PRK, RUS, UKR}  # the spokesperson only warned
    assert january.graph["filter"] == "until 2024-01-31"
    february = actor_network(small_store(), since="2024-02-01", until="2024-12-31")
    assert _keys(february) == {
        (PRK, RUS, "supplies"),
        (PRK, RUS, "deny"),
        (SPOKES, PRK, "warn"),
        (SPOKES, RUS, "warn"),
        (SPOKES, USA, "affiliated"),  # the spokesperson is in, so is whom they speak for
    }
    assert actor_network(small_store(), since="2025").number_of_nodes() == 0


def test_filter_by_weapon_keeps_statements_about_those_weapons(network: nx.MultiDiGraph) -> None:
    assert actor_network(small_store(), weapons=["drone"]).number_of_edges() == 0
    missiles = actor_network(small_store(), weapons=["ballistic-missile", "Ballistic Missile"])
    assert _keys(missiles) == _keys(network)  # every statement is about the missile transfer
    assert missiles.graph["filter"] == "ballistic missile"


def test_min_sources_counts_articles_or_the_source_count() -> None:
    store = small_store()
    assert _keys(actor_network(store, min_sources=2)) == {(PRK, RUS, "supplies")}
    # the merge's ak:sourceCount wins over counting ak:reportedIn (two articles of one outlet: one source)
    store.update(f"INSERT DATA {{ <{TRANSFER}> <https://w3id.org/armskg/ontology#sourceCount> 1 }}")
    assert actor_network(store).edges[PRK, RUS, "supplies"]["corroboration"] == 1
    assert actor_network(store, min_sources=2).number_of_edges() == 0


def test_min_confidence_keeps_events_with_evidence_that_sure() -> None:
    store = small_store()
    # the warning's only evidence is 0.8; every other event has a record at 0.9
    assert (SPOKES, PRK, "warn") in _keys(actor_network(store, min_confidence=0.8))
    sure = actor_network(store, min_confidence=0.85)
    assert (SPOKES, PRK, "warn") not in _keys(sure)
    assert {(PRK, RUS, "supplies"), (RUS, UKR, "strikes"), (PRK, RUS, "deny")} <= _keys(sure)
    assert sure.graph["filter"] == "confidence at least 0.85"
    assert actor_network(store, min_confidence=0.95).number_of_edges() == 0
    assert event_confidences(store)[WARNING] == 0.8
    assert event_confidences(store)[TRANSFER] == 0.9  # the highest of its four records


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"min_confidence": 1.5}, "--min-confidence: 1.5 is not a number from 0 to 1"),
        ({"since": "last year"}, "--from: 'last year' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ({"until": "2024-02-30"}, "--to: '2024-02-30' is not a date"),
        ({"since": "2024-03", "until": "2024-02"}, "--from 2024-03-01 is after --to 2024-02-29"),
        ({"weapons": ["lasers"]}, "--weapon: unknown weapon category 'lasers'; choose from ballistic missile,"),
        ({"min_sources": 0}, "--min-sources: 0 is not a whole number of at least 1"),
    ],
)
def test_bad_filters_say_which_option_is_wrong(filters: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        actor_network(ox.Store(), **filters)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


# --- the bundled samples, through the real extraction --------------------------------------------

_SIGNED = """ALB AND ARG AUS AUT BEL BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC GTM ISL ISR IRL ITA JPN
LVA LIE LTU LUX MLT MDA MCO MNE NLD NZL MKD NOR PLW POL PRT KOR ROU SMR SVN ESP SWE UKR GBR USA"""
SAMPLE_SIGNATORIES = tuple(_SIGNED.split())
"""The 48 states that sign the joint statement of ``samples/02_joint_statement_48.txt``."""


@pytest.fixture(scope="module")
def sample_network(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The actor network of every bundled sample article, ingested into a real on-disk store."""
    from armskg.graph.ingest import IngestOptions, ingest
    from armskg.graph.store import open_store
    from armskg.loaders.readers import read_articles

    root = Path(str(resources.files("armskg.samples")))
    paths = sorted(p for p in root.iterdir() if p.suffix in (".txt", ".jsonl"))
    store = open_store(tmp_path_factory.mktemp("samples") / "kg")
    assert ingest(store, read_articles(paths), IngestOptions(writer="transactional")).ok
    return actor_network(store)


def test_samples_split_signatories_and_ukraine_from_dprk_and_russia(sample_network: nx.MultiDiGraph) -> None:
    assert len(SAMPLE_SIGNATORIES) == 48
    camp = coalitions(sample_network)
    state = {code: camp[actor_iri("state:" + code)] for code in [*SAMPLE_SIGNATORIES, "PRK", "RUS"]}
    ours = {state[code] for code in SAMPLE_SIGNATORIES}
    officials = [n for n, d in sample_network.nodes(data=True) if d["label"] in ("Jake Sullivan", "Chang Ho-jin")]
    assert len(officials) == 2
    ours |= {camp[actor_iri("org:european-union")], *(camp[o] for o in officials)}
    affiliations = {v for o in officials for _, v, k in sample_network.out_edges(o, keys=True) if k == "affiliated"}
    assert affiliations == {actor_iri("state:USA"), actor_iri("state:KOR")}  # the officials' states
    assert ours == {camp[actor_iri("state:UKR")]} == {0}
    assert state["PRK"] == state["RUS"] != 0
    assert coalitions(sample_network) == camp  # stable for the same input


def test_a_finer_weapon_passes_the_filter_of_its_broader_category() -> None:
    howitzers = EventFacts("https://example.org/t", "transfer", weapons={"tube artillery"}, articles={"a1"})
    facts = {howitzers.iri: howitzers}
    assert NetworkFilter.parse(weapons=["other"]).keeps(howitzers, facts)
    assert NetworkFilter.parse(weapons=["tube-artillery"]).keeps(howitzers, facts)
    assert not NetworkFilter.parse(weapons=["drone"]).keeps(howitzers, facts)
