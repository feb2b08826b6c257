"""The ontology (armskg.ttl) and the SHACL shapes (shapes.ttl): terms, concept schemes, validation."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH

from armskg.loaders.facts import FINER_WEAPONS, STANCES, STATUSES, WEAPON_CATEGORIES, WEAPON_CONCEPTS
from armskg.ontology import (
    AK,
    BASE,
    actor_iri,
    article_iri,
    channel_iri,
    event_iri,
    evidence_iri,
    ontology_path,
    shapes_path,
    stance_iri,
    status_iri,
    weapon_iri,
)

AKNS = Namespace(AK)
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: rdflib's XSD warns under pytest
DATA_MODEL = Path(__file__).resolve().parents[1] / "docs" / "data-model.md"

CHANNELS = ("joint statement", "phone call", "readout", "press briefing", "press release", "interview", "social media")

# Terms the external scorer reads (eval/CONTRACT.md), with the kind each must be.
CONTRACT_CLASSES = ("Article", "State", "Person", "Organization", "Transfer", "Strike", "Statement")
CONTRACT_OBJECT_PROPERTIES = (
    "mentions",
    "reportedIn",
    "supplier",
    "recipient",
    "weapon",
    "attacker",
    "target",
    "speaker",
    "stance",
)
CONTRACT_DATATYPE_PROPERTIES = ("iso3", "date")

# Every ak: term docs/data-model.md uses, so the test still guards them if the doc moves.
DATA_MODEL_TERMS = (
    *CONTRACT_CLASSES,
    *CONTRACT_OBJECT_PROPERTIES,
    *CONTRACT_DATATYPE_PROPERTIES,
    "Actor",
    "ArmedGroup",
    "Event",
    "Evidence",
    "role",
    "affiliation",
    "basedIn",
    "contentHash",
    "datePublishedText",
    "designation",
    "quantity",
    "status",
    "weaponOrigin",
    "usedWeaponsFrom",
    "about",
    "addressee",
    "channel",
    "quote",
    "evidence",
    "sentence",
    "charStart",
    "charEnd",
    "rule",
    "confidence",
)


@cache
def _ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@cache
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def _ak_terms(graph: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(AK)}


def _scheme_labels(scheme_iri: str) -> dict[str, URIRef]:
    """prefLabel text -> concept IRI for every concept in the scheme."""
    g = _ontology()
    labels: dict[str, URIRef] = {}
    for concept in g.subjects(SKOS.inScheme, URIRef(scheme_iri)):
        assert isinstance(concept, URIRef)
        for label in g.objects(concept, SKOS.prefLabel):
            assert str(label) not in labels, f"two concepts labelled {label!r}"
            labels[str(label)] = concept
    return labels


# --- the ontology -------------------------------------------------------------------------------


def test_files_parse() -> None:
    assert len(_ontology()) > 300
    assert len(_shapes()) > 100
    assert (URIRef(BASE + "ontology"), RDF.type, OWL.Ontology) in _ontology()


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_classes_exist(name: str) -> None:
    assert (AKNS[name], RDF.type, OWL.Class) in _ontology()


@pytest.mark.parametrize(
    ("name", "kind"),
    [(n, OWL.ObjectProperty) for n in CONTRACT_OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in CONTRACT_DATATYPE_PROPERTIES],
)
def test_contract_properties_exist(name: str, kind: URIRef) -> None:
    assert (AKNS[name], RDF.type, kind) in _ontology()


def test_actor_kinds_are_actors() -> None:
    g = _ontology()
    for name in ("State", "Person", "Organization"):
        assert (AKNS[name], RDFS.subClassOf, AKNS.Actor) in g
    assert (AKNS.ArmedGroup, RDFS.subClassOf, AKNS.Organization) in g
    for name in ("Transfer", "Strike", "Statement"):
        assert (AKNS[name], RDFS.subClassOf, AKNS.Event) in g


def test_data_model_terms_are_defined() -> None:
    terms = _ak_terms(_ontology())
    missing = [name for name in DATA_MODEL_TERMS if AKNS[name] not in terms]
    assert not missing
    if DATA_MODEL.exists():
        used = set(re.findall(r"\bak:([A-Za-z0-9]+)", DATA_MODEL.read_text(encoding="utf-8")))
        assert not [name for name in sorted(used) if AKNS[name] not in terms]


def test_every_ak_term_has_label_and_comment() -> None:
    g = _ontology()
    terms = _ak_terms(g)
    assert len(terms) >= 40
    for term in terms:
        assert g.value(term, RDFS.label) is not None, term
        comment = g.value(term, RDFS.comment)
        assert comment is not None and len(str(comment)) > 30, term


def test_every_ak_property_has_domain_and_range() -> None:
    g = _ontology()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in g.subjects(RDF.type, kind):
            if isinstance(prop, URIRef) and prop.startswith(AK):
                assert g.value(prop, RDFS.domain) is not None, prop
                assert g.value(prop, RDFS.range) is not None, prop


@pytest.mark.parametrize(
    ("name", "datatype"),
    [
        ("date", XSD.date),
        ("charStart", XSD.integer),
        ("charEnd", XSD.integer),
        ("confidence", XSD.double),
        ("iso3", XSD.string),
        ("sentence", XSD.string),
    ],
)
def test_datatype_ranges(name: str, datatype: URIRef) -> None:
    assert _ontology().value(AKNS[name], RDFS.range) == datatype


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (AKNS.Event, SEM.Event),
        (AKNS.Actor, SEM.Actor),
        (AKNS.Actor, PROV.Agent),
        (AKNS.Evidence, PROV.Entity),
        (AKNS.Article, PROV.Entity),
        (AKNS.Article, SCHEMA.NewsArticle),
        (AKNS.State, SCHEMA.Country),
    ],
)
def test_class_alignments(sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in _ontology()


def test_date_is_a_sem_time_stamp() -> None:
    assert (AKNS.date, RDFS.subPropertyOf, SEM.hasTimeStamp) in _ontology()


def test_no_schema_term_is_redefined() -> None:
    g = _ontology()
    for term in set(g.subjects()):
        if isinstance(term, URIRef) and term.startswith(str(SCHEMA)):
            assert set(g.predicate_objects(term)) <= {(RDF.type, OWL.Class), (RDF.type, OWL.ObjectProperty)}, term


# --- concept schemes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "labels", "mint"),
    [
        (BASE + "weapon", WEAPON_CONCEPTS, weapon_iri),
        (BASE + "stance", STANCES, stance_iri),
        (BASE + "status", STATUSES, status_iri),
        (BASE + "channel", CHANNELS, channel_iri),
    ],
)
def test_scheme_labels_and_iris(scheme: str, labels: tuple[str, ...], mint: Callable[[str], str]) -> None:
    g = _ontology()
    assert (URIRef(scheme), RDF.type, SKOS.ConceptScheme) in g
    found = _scheme_labels(scheme)
    assert sorted(found) == sorted(labels)
    for label, concept in found.items():
        assert str(concept) == mint(label)
        assert (concept, RDF.type, SKOS.Concept) in g
        if label in FINER_WEAPONS:  # a finer concept sits under its contract category
            assert (concept, SKOS.broader, URIRef(weapon_iri(FINER_WEAPONS[label]))) in g
        else:
            assert (concept, SKOS.topConceptOf, URIRef(scheme)) in g
            assert (URIRef(scheme), SKOS.hasTopConcept, concept) in g
        definition = g.value(concept, SKOS.definition)
        assert definition is not None and len(str(definition)) > 20, concept


def test_each_weapon_concept_maps_to_a_sipri_category() -> None:
    g = _ontology()
    sipri = _scheme_labels(BASE + "sipri")
    assert len(sipri) == 12 and {"artillery", "missiles", "aircraft", "armoured vehicles"} <= set(sipri)
    for label, concept in _scheme_labels(BASE + "weapon").items():
        matches = list(g.objects(concept, SKOS.closeMatch))
        if label in ("artillery ammunition", "small arms"):  # no SIPRI counterpart
            assert matches == [], label
        else:
            assert len(matches) == 1 and matches[0] in sipri.values(), label
    assert (URIRef(weapon_iri("tube artillery")), SKOS.closeMatch, sipri["artillery"]) in g


def test_pref_labels_are_plain_literals() -> None:
    labels = list(_ontology().subject_objects(SKOS.prefLabel))
    assert len(labels) >= len(WEAPON_CATEGORIES) + len(STANCES) + len(STATUSES) + len(CHANNELS)
    for concept, label in labels:
        assert isinstance(label, Literal), concept
        assert label.language is None and label.datatype is None, concept


def test_every_concept_has_one_pref_label() -> None:
    g = _ontology()
    for concept in g.subjects(RDF.type, SKOS.Concept):
        assert len(list(g.objects(concept, SKOS.prefLabel))) == 1, concept


def _shape_in_list(target: str, path: URIRef) -> set[str]:
    g = _shapes()
    node = URIRef("https://w3id.org/armskg/shapes#" + target + "Shape")
    for prop in g.objects(node, SH.property):
        if g.value(prop, SH.path) == path and (values := g.value(prop, SH["in"])) is not None:
            return {str(v) for v in Collection(g, values)}
    raise AssertionError(f"no sh:in on {path} in {node}")


@pytest.mark.parametrize(
    ("target", "path", "scheme"),
    [
        ("Transfer", AKNS.weapon, "weapon"),
        ("Strike", AKNS.weapon, "weapon"),
        ("Transfer", AKNS.status, "status"),
        ("Statement", AKNS.stance, "stance"),
        ("Statement", AKNS.channel, "channel"),
    ],
)
def test_shape_value_lists_match_schemes(target: str, path: URIRef, scheme: str) -> None:
    members = {str(c) for c in _scheme_labels(BASE + scheme).values()}
    assert _shape_in_list(target, path) == members


def test_shapes_only_use_defined_ak_terms() -> None:
    defined = _ak_terms(_ontology())
    used = {t for t in _shapes().all_nodes() if isinstance(t, URIRef) and t.startswith(AK)}
    assert used and used <= defined


# --- SHACL validation ---------------------------------------------------------------------------

PRK = actor_iri("state:PRK")
RUS = actor_iri("state:RUS")
ZAKHAROVA = actor_iri("person:mariazakharova")
HOUTHIS = actor_iri("org:houthis")
YEM = actor_iri("state:YEM")
ARTICLE = article_iri("000_seed")
TRANSFER = event_iri("transfer", "a1b2c3")
STATEMENT = event_iri("statement", "d4e5f6")
EVIDENCE = evidence_iri("000_seed", 0)

VALID = f"""
@prefix ak: <{AK}> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

<{ARTICLE}> a ak:Article ;
    schema:identifier "000_seed" ;
    schema:url <https://example.org/news/1> ;
    schema:datePublished "2024-01-10"^^xsd:date ;
    schema:publisher "Yonhap" ;
    schema:headline "Moscow denies buying North Korean missiles" ;
    ak:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    ak:mentions <{PRK}> , <{RUS}> , <{ZAKHAROVA}> , <{HOUTHIS}> .

<{PRK}> a ak:State ; rdfs:label "North Korea" ; ak:iso3 "PRK" ; owl:sameAs <http://www.wikidata.org/entity/Q423> .
<{RUS}> a ak:State ; rdfs:label "Russia" ; ak:iso3 "RUS" ; owl:sameAs <http://www.wikidata.org/entity/Q159> .
<{YEM}> a ak:State ; rdfs:label "Yemen" ; ak:iso3 "YEM" .
<{ZAKHAROVA}> a ak:Person ; rdfs:label "Maria Zakharova" ; ak:role "Foreign Ministry spokeswoman" ;
    ak:affiliation <{RUS}> .
<{HOUTHIS}> a ak:ArmedGroup ; rdfs:label "Houthis" ; ak:basedIn <{YEM}> .

<{TRANSFER}> a ak:Transfer ;
    ak:supplier <{PRK}> ; ak:recipient <{RUS}> ;
    ak:weapon <{weapon_iri("ballistic missile")}> ; ak:designation "KN-23" ; ak:quantity "several dozen" ;
    ak:status <{status_iri("alleged")}> , <{status_iri("denied")}> ;
    ak:articleCount 1 ; ak:firstReported "2024-01-10"^^xsd:date ; ak:lastReported "2024-01-10"^^xsd:date ;
    ak:reportedIn <{ARTICLE}> ;
    ak:evidence <{EVIDENCE}> .

<{EVIDENCE}> a ak:Evidence ;
    ak:sentence "Pyongyang shipped KN-23 missiles to Russia, officials said." ;
    ak:charStart 120 ; ak:charEnd 179 ;
    ak:rule "transfer.supply-verb" ;
    ak:confidence "0.8"^^xsd:double ;
    prov:wasDerivedFrom <{ARTICLE}> .

<{STATEMENT}> a ak:Statement ;
    ak:speaker <{RUS}> , <{ZAKHAROVA}> ;
    ak:stance <{stance_iri("deny")}> ;
    ak:about <{TRANSFER}> ;
    ak:addressee <{PRK}> ;
    ak:channel <{channel_iri("press briefing")}> ;
    ak:quote "These claims are groundless." ;
    ak:date "2024-01-09"^^xsd:date ;
    ak:reportedIn <{ARTICLE}> .
"""


def _validate(turtle: str) -> tuple[bool, Graph]:
    """Validate the data merged with the ontology, as armskg's default graph holds it.

    Merging (not pyshacl's ``ont_graph``, which copies only RDFS/OWL axioms) keeps the SKOS
    concepts visible, so the concept shape checks the schemes too."""
    data = Graph().parse(data=turtle, format="turtle") + _ontology()
    conforms, results, _text = validate(data, shacl_graph=_shapes(), inference="none")
    assert isinstance(results, Graph)
    return bool(conforms), results


def _violations(results: Graph) -> set[tuple[str, str | None, str]]:
    """(focus node, result path, constraint component local name) of every result."""
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        component = results.value(result, SH.sourceConstraintComponent)
        assert focus is not None and component is not None
        found.add((str(focus), None if path is None else str(path), str(component).rsplit("#", 1)[-1]))
    return found


def test_valid_graph_conforms() -> None:
    conforms, results = _validate(VALID)
    assert _violations(results) == set()
    assert conforms


def test_ontology_itself_conforms() -> None:
    conforms, results = _validate("")
    assert _violations(results) == set()
    assert conforms


def test_an_armed_group_may_be_a_party_to_a_transfer() -> None:
    assert f"ak:recipient <{RUS}>" in VALID
    conforms, results = _validate(VALID.replace(f"ak:recipient <{RUS}>", f"ak:recipient <{HOUTHIS}>", 1))
    assert conforms, _violations(results)


def test_bad_graph_reports_each_violation() -> None:
    bad = (
        VALID.replace(f"ak:supplier <{PRK}> ; ", "")
        .replace(stance_iri("deny"), stance_iri("praise"))
        .replace("ak:charStart 120", "ak:charStart -5")
        .replace('ak:iso3 "PRK"', 'ak:iso3 "prk"')
    )
    conforms, results = _validate(bad)
    assert not conforms
    assert _violations(results) == {
        (TRANSFER, AK + "supplier", "MinCountConstraintComponent"),
        (STATEMENT, AK + "stance", "InConstraintComponent"),
        (EVIDENCE, AK + "charStart", "MinInclusiveConstraintComponent"),
        (PRK, AK + "iso3", "PatternConstraintComponent"),
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('schema:identifier "000_seed" ;', "", (ARTICLE, str(SCHEMA.identifier), "MinCountConstraintComponent")),
        (
            '"2024-01-10"^^xsd:date',
            '"10 January 2024"',
            (ARTICLE, str(SCHEMA.datePublished), "DatatypeConstraintComponent"),
        ),
        (f"ak:mentions <{PRK}>", f"ak:mentions <{TRANSFER}>", (ARTICLE, AK + "mentions", "ClassConstraintComponent")),
        ('ak:iso3 "RUS"', 'ak:iso3 "RUS", "RUX"', (RUS, AK + "iso3", "MaxCountConstraintComponent")),
        ('rdfs:label "Houthis" ;', "", (HOUTHIS, str(RDFS.label), "MinCountConstraintComponent")),
        (f"ak:basedIn <{YEM}>", f"ak:basedIn <{ZAKHAROVA}>", (HOUTHIS, AK + "basedIn", "ClassConstraintComponent")),
        (
            f"ak:recipient <{RUS}>",
            f"ak:recipient <{RUS}> , <{YEM}>",
            (TRANSFER, AK + "recipient", "MaxCountConstraintComponent"),
        ),
        (
            f"ak:recipient <{RUS}>",
            f"ak:recipient <{ZAKHAROVA}>",
            (TRANSFER, AK + "recipient", "OrConstraintComponent"),  # a state or an armed group, not a person
        ),
        (
            weapon_iri("ballistic missile"),
            BASE + "weapon/laser",
            (TRANSFER, AK + "weapon", "InConstraintComponent"),
        ),
        (
            f"<{status_iri('alleged')}> , <{status_iri('denied')}>",
            f"<{BASE}status/rumoured>",
            (TRANSFER, AK + "status", "InConstraintComponent"),
        ),
        (
            f"ak:reportedIn <{ARTICLE}> ;\n    ak:evidence",
            "ak:evidence",
            (TRANSFER, AK + "reportedIn", "MinCountConstraintComponent"),
        ),
        ("ak:articleCount 1", "ak:articleCount 0", (TRANSFER, AK + "articleCount", "MinInclusiveConstraintComponent")),
        (
            'ak:lastReported "2024-01-10"',
            'ak:lastReported "2024-01-09"',
            (TRANSFER, AK + "firstReported", "LessThanOrEqualsConstraintComponent"),
        ),
        (
            'ak:firstReported "2024-01-10"^^xsd:date',
            'ak:firstReported "2024-01-10"^^xsd:date, "2024-01-08"^^xsd:date',
            (TRANSFER, AK + "firstReported", "MaxCountConstraintComponent"),
        ),
        ("ak:charEnd 179", "ak:charEnd 100", (EVIDENCE, AK + "charStart", "LessThanConstraintComponent")),
        ('"0.8"^^xsd:double', '"1.5"^^xsd:double', (EVIDENCE, AK + "confidence", "MaxInclusiveConstraintComponent")),
        ('"0.8"^^xsd:double', "0.8", (EVIDENCE, AK + "confidence", "DatatypeConstraintComponent")),
        ('ak:rule "transfer.supply-verb" ;', "", (EVIDENCE, AK + "rule", "MinCountConstraintComponent")),
        (
            f"prov:wasDerivedFrom <{ARTICLE}>",
            f"prov:wasDerivedFrom <{PRK}>",
            (EVIDENCE, str(PROV.wasDerivedFrom), "ClassConstraintComponent"),
        ),
        (f"ak:about <{TRANSFER}>", f"ak:about <{PRK}>", (STATEMENT, AK + "about", "OrConstraintComponent")),
        (
            '"2024-01-09"^^xsd:date',
            '"2024-01-09T10:00:00"^^xsd:dateTime',
            (STATEMENT, AK + "date", "DatatypeConstraintComponent"),
        ),
        (
            f"ak:speaker <{RUS}> , <{ZAKHAROVA}> ;",
            "",
            (STATEMENT, AK + "speaker", "MinCountConstraintComponent"),
        ),
        (
            channel_iri("press briefing"),
            BASE + "channel/carrier-pigeon",
            (STATEMENT, AK + "channel", "InConstraintComponent"),
        ),
    ],
)
def test_single_breakage_is_reported(old: str, new: str, expected: tuple[str, str, str]) -> None:
    assert old in VALID
    conforms, results = _validate(VALID.replace(old, new, 1))
    assert not conforms
    assert _violations(results) == {expected}


def test_language_tagged_pref_label_is_rejected() -> None:
    concept = BASE + "weapon/laser"
    turtle = f"""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <{concept}> a skos:Concept ; skos:prefLabel "laser"@en ; skos:inScheme <{BASE}weapon> .
    """
    conforms, results = _validate(turtle)
    assert not conforms
    assert _violations(results) == {(concept, str(SKOS.prefLabel), "DatatypeConstraintComponent")}
