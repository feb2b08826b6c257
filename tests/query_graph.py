"""A small knowledge graph, laid out as docs/data-model.md describes, for the query tests.

Four articles, written for these tests, each a named graph with its evidence records; the
default graph is derived from them the way the store derives it (every article graph's
triples except the evidence), plus the concept labels of the ontology. What the articles say:

- ``000_a`` (Test Wire, 2024-01-05): North Korea supplied KN-23 ballistic missiles to Russia.
- ``001_b`` (Example Daily, 2024-01-10): the same transfer; North Korea also shipped artillery
  shells (alleged); the United States, South Korea and Japan condemn the missile transfer in a
  joint statement; Russia denies it; Mara Kell (US National Security Adviser) warns Pyongyang.
- ``002_c`` (Test Wire, 2024-02-01): Russia struck Ukraine with the North Korean missiles
  (30 and 31 January) and with Iranian drones (1 February); Iran denies sending drones to Russia;
  Ukraine and the United States condemn the missile strikes.
- ``003_d`` (no publisher, only "2024-02" as date): the United States and South Korea pledge
  support to Ukraine in a phone call; Jin-woo Park (South Korea's Foreign Minister, also spelled
  "Jinwoo Park") voices concern about the missile strikes; Lena Voss alleges the drone transfer;
  Ukraine struck targets inside Russia (no weapon, no day).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from armskg.graph.merge import tallies
from armskg.ontology import BASE, actor_iri

__all__ = [
    "ARTICLE_GRAPHS",
    "CONCEPTS",
    "build_store",
    "iri",
]

PREFIXES = """
@prefix ak: <https://w3id.org/armskg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix state: <https://w3id.org/armskg/actor/state/> .
@prefix person: <https://w3id.org/armskg/actor/person/> .
@prefix org: <https://w3id.org/armskg/actor/org/> .
@prefix art: <https://w3id.org/armskg/article/> .
@prefix transfer: <https://w3id.org/armskg/event/transfer/> .
@prefix strike: <https://w3id.org/armskg/event/strike/> .
@prefix statement: <https://w3id.org/armskg/event/statement/> .
@prefix ev: <https://w3id.org/armskg/evidence/> .
@prefix weapon: <https://w3id.org/armskg/weapon/> .
@prefix stance: <https://w3id.org/armskg/stance/> .
@prefix status: <https://w3id.org/armskg/status/> .
@prefix channel: <https://w3id.org/armskg/channel/> .
"""

# What the ontology holds for the concepts and classes these articles use (default graph).
CONCEPTS = """
weapon:ballistic-missile skos:prefLabel "ballistic missile" .
weapon:artillery-ammunition skos:prefLabel "artillery ammunition" .
weapon:drone skos:prefLabel "drone" .
stance:condemn skos:prefLabel "condemn" .
stance:deny skos:prefLabel "deny" .
stance:warn skos:prefLabel "warn" .
stance:support skos:prefLabel "support" .
stance:allege skos:prefLabel "allege" .
stance:concern skos:prefLabel "concern" .
status:asserted skos:prefLabel "asserted" .
status:alleged skos:prefLabel "alleged" .
status:denied skos:prefLabel "denied" .
channel:joint-statement skos:prefLabel "joint statement" .
channel:press-briefing skos:prefLabel "press briefing" .
channel:press-release skos:prefLabel "press release" .
channel:phone-call skos:prefLabel "phone call" .
channel:interview skos:prefLabel "interview" .
ak:State rdfs:label "State"@en .
ak:Person rdfs:label "Person"@en .
ak:Organization rdfs:label "Organization"@en .
"""

_STATES = {
    "PRK": ("North Korea", "Q423"),
    "RUS": ("Russia", "Q159"),
    "USA": ("United States", "Q30"),
    "KOR": ("South Korea", "Q884"),
    "JPN": ("Japan", "Q17"),
    "UKR": ("Ukraine", "Q212"),
    "IRN": ("Iran", "Q794"),
}


def _state(code: str) -> str:
    label, item = _STATES[code]
    return f'  state:{code} a ak:State ; rdfs:label "{label}" ; ak:iso3 "{code}" ; owl:sameAs wd:{item} .\n'


def _evidence(article: str, n: int, sentence: str, start: int, rule: str, confidence: float) -> str:
    return (
        f'  ev:{article}\\/{n} a ak:Evidence ; ak:sentence "{sentence}" ;\n'
        f"      ak:charStart {start} ; ak:charEnd {start + len(sentence)} ;"
        f' ak:rule "{rule}" ; ak:confidence "{confidence}"^^xsd:double ;\n'
        f"      prov:wasDerivedFrom art:{article} .\n"
    )


# Everything each article says, with the evidence records only article graphs hold.
ARTICLE_GRAPHS = (
    "art:000_a {\n"
    '  art:000_a a ak:Article ; schema:identifier "000_a" ; schema:datePublished "2024-01-05"^^xsd:date ;\n'
    '      schema:publisher "Test Wire" ; schema:headline "Missiles for Moscow" ; ak:mentions state:PRK , state:RUS .\n'
    + _state("PRK")
    + _state("RUS")
    + "  transfer:t1 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;\n"
    '      ak:weapon weapon:ballistic-missile ; ak:designation "KN-23" ; ak:status status:asserted ;\n'
    "      ak:reportedIn art:000_a ; ak:evidence ev:000_a\\/0 .\n"
    + _evidence("000_a", 0, "North Korea supplied KN-23 missiles to Russia.", 0, "transfer.supply-verb", 0.8)
    + "}\n"
    "art:001_b {\n"
    '  art:001_b a ak:Article ; schema:identifier "001_b" ; schema:datePublished "2024-01-10"^^xsd:date ;\n'
    '      schema:publisher "Example Daily" ; schema:headline "Allies condemn missile transfer" ;\n'
    "      ak:mentions state:PRK , state:RUS , state:USA , state:KOR , state:JPN , person:marakell .\n"
    + "".join(_state(code) for code in ("PRK", "RUS", "USA", "KOR", "JPN"))
    + '  person:marakell a ak:Person ; rdfs:label "Mara Kell" ; ak:role "National Security Adviser" ;\n'
    "      ak:affiliation state:USA .\n"
    "  transfer:t1 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;\n"
    "      ak:weapon weapon:ballistic-missile ; ak:status status:asserted ;\n"
    "      ak:reportedIn art:001_b ; ak:evidence ev:001_b\\/0 .\n"
    + _evidence("001_b", 0, "Pyongyang sent ballistic missiles to Moscow.", 0, "transfer.send-verb", 0.7)
    + "  transfer:t2 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;\n"
    "      ak:weapon weapon:artillery-ammunition ; ak:status status:alleged ;\n"
    "      ak:reportedIn art:001_b ; ak:evidence ev:001_b\\/1 .\n"
    + _evidence("001_b", 1, "It also shipped artillery shells, officials alleged.", 45, "transfer.ship-verb", 0.6)
    + "  statement:s1 a ak:Statement ; ak:speaker state:USA , state:KOR , state:JPN ; ak:stance stance:condemn ;\n"
    '      ak:about transfer:t1 ; ak:channel channel:joint-statement ; ak:date "2024-01-10"^^xsd:date ;\n'
    '      ak:quote "a grave violation" ; ak:reportedIn art:001_b ; ak:evidence ev:001_b\\/2 .\n'
    + _evidence(
        "001_b",
        2,
        "The United States, South Korea and Japan condemned the transfer in a joint statement.",
        98,
        "statement.joint",
        0.9,
    )
    + "  statement:s2 a ak:Statement ; ak:speaker state:RUS ; ak:stance stance:deny ; ak:about transfer:t1 ;\n"
    "      ak:reportedIn art:001_b ; ak:evidence ev:001_b\\/3 .\n"
    + _evidence("001_b", 3, "Russia denied receiving any missiles.", 184, "statement.deny", 0.8)
    + "  statement:s3 a ak:Statement ; ak:speaker person:marakell ; ak:stance stance:warn ; ak:addressee state:PRK ;\n"
    '      ak:channel channel:press-briefing ; ak:date "2024-01-09"^^xsd:date ; ak:reportedIn art:001_b ;\n'
    "      ak:evidence ev:001_b\\/4 .\n"
    + _evidence("001_b", 4, "Mara Kell warned Pyongyang at a briefing on Tuesday.", 222, "statement.warn", 0.7)
    + "}\n"
    "art:002_c {\n"
    '  art:002_c a ak:Article ; schema:identifier "002_c" ; schema:datePublished "2024-02-01"^^xsd:date ;\n'
    '      schema:publisher "Test Wire" ; schema:headline "Strikes on Ukraine" ;\n'
    "      ak:mentions state:RUS , state:UKR , state:PRK , state:IRN , state:USA .\n"
    + "".join(_state(code) for code in ("PRK", "RUS", "UKR", "IRN", "USA"))
    + "  transfer:t1 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;\n"
    "      ak:weapon weapon:ballistic-missile ; ak:status status:asserted ;\n"
    "      ak:reportedIn art:002_c ; ak:evidence ev:002_c\\/0 .\n"
    + _evidence("002_c", 0, "The missiles came from North Korea.", 0, "transfer.origin", 0.6)
    + "  strike:k1 a ak:Strike ; ak:attacker state:RUS ; ak:target state:UKR ; ak:weapon weapon:ballistic-missile ;\n"
    '      ak:designation "KN-23" ; ak:weaponOrigin state:PRK ; ak:usedWeaponsFrom transfer:t1 ;\n'
    '      ak:date "2024-01-30"^^xsd:date , "2024-01-31"^^xsd:date ; ak:reportedIn art:002_c ;\n'
    "      ak:evidence ev:002_c\\/1 .\n"
    + _evidence("002_c", 1, "Russia struck Ukraine with KN-23 missiles on 30 and 31 January.", 36, "strike.with", 0.8)
    + "  strike:k2 a ak:Strike ; ak:attacker state:RUS ; ak:target state:UKR ; ak:weapon weapon:drone ;\n"
    '      ak:weaponOrigin state:IRN ; ak:date "2024-02-01"^^xsd:date ; ak:reportedIn art:002_c ;\n'
    "      ak:evidence ev:002_c\\/2 .\n"
    + _evidence("002_c", 2, "Iranian-made drones hit Odesa on Thursday.", 113, "strike.hit", 0.7)
    + "  transfer:t3 a ak:Transfer ; ak:supplier state:IRN ; ak:recipient state:RUS ; ak:weapon weapon:drone ;\n"
    "      ak:status status:denied ; ak:reportedIn art:002_c ; ak:evidence ev:002_c\\/3 .\n"
    + _evidence("002_c", 3, "Iran denied sending drones to Russia.", 157, "transfer.denied", 0.7)
    + "  statement:s4 a ak:Statement ; ak:speaker state:IRN ; ak:stance stance:deny ; ak:about transfer:t3 ;\n"
    '      ak:date "2024-02-01"^^xsd:date ; ak:reportedIn art:002_c ; ak:evidence ev:002_c\\/4 .\n'
    + _evidence("002_c", 4, "Iran denied sending drones to Russia.", 157, "statement.deny", 0.8)
    + "  statement:s5 a ak:Statement ; ak:speaker state:UKR ; ak:stance stance:condemn ; ak:about strike:k1 ;\n"
    '      ak:channel channel:press-release ; ak:date "2024-02-01"^^xsd:date ; ak:reportedIn art:002_c ;\n'
    "      ak:evidence ev:002_c\\/5 .\n"
    + _evidence("002_c", 5, "Ukraine condemned the strikes.", 195, "statement.condemn", 0.9)
    + "  statement:s9 a ak:Statement ; ak:speaker state:USA ; ak:stance stance:condemn ; ak:about strike:k1 ;\n"
    '      ak:date "2024-02-01"^^xsd:date ; ak:reportedIn art:002_c ; ak:evidence ev:002_c\\/6 .\n'
    + _evidence("002_c", 6, "Washington condemned the missile strikes.", 226, "statement.condemn", 0.8)
    + "}\n"
    "art:003_d {\n"
    '  art:003_d a ak:Article ; schema:identifier "003_d" ; ak:datePublishedText "2024-02" ;\n'
    "      ak:mentions state:USA , state:KOR , state:UKR , state:RUS , person:jinwoopark , person:lenavoss ,\n"
    "      org:nato .\n"
    + "".join(_state(code) for code in ("USA", "KOR", "UKR", "RUS"))
    + '  person:jinwoopark a ak:Person ; rdfs:label "Jin-woo Park" , "Jinwoo Park" ; ak:role "Foreign Minister" ;\n'
    "      ak:affiliation state:KOR .\n"
    '  person:lenavoss a ak:Person ; rdfs:label "Lena Voss" .\n'
    '  org:nato a ak:Organization ; rdfs:label "NATO" ; owl:sameAs wd:Q7184 .\n'
    "  statement:s6 a ak:Statement ; ak:speaker state:USA , state:KOR ; ak:stance stance:support ;\n"
    '      ak:addressee state:UKR ; ak:channel channel:phone-call ; ak:date "2024-02-12"^^xsd:date ;\n'
    "      ak:reportedIn art:003_d ; ak:evidence ev:003_d\\/0 .\n"
    + _evidence("003_d", 0, "In a phone call, the two allies pledged support for Ukraine.", 0, "statement.support", 0.8)
    + "  statement:s7 a ak:Statement ; ak:speaker person:jinwoopark ; ak:stance stance:concern ; ak:about strike:k1 ;\n"
    '      ak:channel channel:interview ; ak:date "2024-02-13"^^xsd:date ; ak:reportedIn art:003_d ;\n'
    "      ak:evidence ev:003_d\\/1 .\n"
    + _evidence("003_d", 1, "Jin-woo Park voiced concern about the missile strikes.", 61, "statement.concern", 0.7)
    + "  statement:s8 a ak:Statement ; ak:speaker person:lenavoss ; ak:stance stance:allege ; ak:about transfer:t3 ;\n"
    "      ak:reportedIn art:003_d ; ak:evidence ev:003_d\\/2 .\n"
    + _evidence("003_d", 2, "Lena Voss alleged that the drones came from Iran.", 117, "statement.allege", 0.6)
    + "  strike:k3 a ak:Strike ; ak:attacker state:UKR ; ak:target state:RUS ; ak:reportedIn art:003_d ;\n"
    "      ak:evidence ev:003_d\\/3 .\n"
    + _evidence("003_d", 3, "Ukraine struck targets inside Russia.", 167, "strike.struck", 0.6)
    + "}\n"
)

# The merged default graph: each article graph's triples without the evidence, as the store builds it.
_MERGE = """
PREFIX ak: <https://w3id.org/armskg/ontology#>
INSERT { ?s ?p ?o } WHERE {
  GRAPH ?article { ?s ?p ?o }
  FILTER(?p != ak:evidence)
  FILTER NOT EXISTS { GRAPH ?article { ?s a ak:Evidence } }
}
"""


def build_store(path: Path | None = None, *, merged: bool = True) -> ox.Store:
    """The graph in a fresh store (in memory, or on disk at ``path``), with each event's reporting
    (article count, first and last publication day) and its tallies;
    ``merged=False`` leaves out the default graph (what another store holds when the article graphs
    and the tallies of ``armskg ingest --shards`` are loaded into it without ``default.nq``)."""
    store = ox.Store(None if path is None else str(path))
    store.load(input=PREFIXES + ARTICLE_GRAPHS, format=ox.RdfFormat.TRIG)
    if merged:
        store.load(input=PREFIXES + CONCEPTS, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
        store.update(_MERGE)
        tallies.rebuild(store)  # and each event's reporting, in the same graph
    else:
        store.extend(build_store().quads_for_pattern(None, None, None, tallies.TALLY_GRAPH))
    return store


def iri(key: str) -> str:
    """The full IRI of a short name used in the graph: ``t1``, ``k1``, ``s1``, ``art:000_a``, ``PRK``,
    ``person:marakell``, ``weapon:drone``, ``stance:deny``.

    >>> iri("t1"), iri("PRK")
    ('https://w3id.org/armskg/event/transfer/t1', 'https://w3id.org/armskg/actor/state/PRK')
    """
    kinds = {"t": "transfer", "k": "strike", "s": "statement"}
    prefix, _, name = key.partition(":")
    if prefix == "art":
        return f"{BASE}article/{name}"
    if prefix in ("person", "org", "state"):
        return actor_iri(key)
    if prefix in ("weapon", "stance", "status", "channel"):
        return f"{BASE}{prefix}/{name}"
    if key.isupper() and len(key) == 3:
        return actor_iri(f"state:{key}")
    return f"{BASE}event/{kinds[key[0]]}/{key}"
