"""The named query library against a small graph laid out as docs/data-model.md describes.

Two articles report one transfer (North Korea → Russia, ballistic missile, KN-23); the
second also reports an artillery ammunition transfer, a joint statement by the United
States and South Korea condemning the missile transfer, and Russia denying it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from armskg.ontology import BASE, actor_iri, weapon_iri
from armskg.queries.library import (
    NamedQuery,
    QueryError,
    QueryResult,
    bind_parameters,
    list_queries,
    load_query,
    run_query,
)

PREFIXES = """
@prefix ak: <https://w3id.org/armskg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix state: <https://w3id.org/armskg/actor/state/> .
@prefix art: <https://w3id.org/armskg/article/> .
@prefix transfer: <https://w3id.org/armskg/event/transfer/> .
@prefix statement: <https://w3id.org/armskg/event/statement/> .
@prefix evA: <https://w3id.org/armskg/evidence/000_a/> .
@prefix evB: <https://w3id.org/armskg/evidence/001_b/> .
@prefix weapon: <https://w3id.org/armskg/weapon/> .
@prefix stance: <https://w3id.org/armskg/stance/> .
@prefix status: <https://w3id.org/armskg/status/> .
"""

# The canonical, merged view: concepts, actors, articles and events, each fact once.
DEFAULT_GRAPH = """
weapon:ballistic-missile skos:prefLabel "ballistic missile" .
weapon:artillery-ammunition skos:prefLabel "artillery ammunition" .
stance:condemn skos:prefLabel "condemn" .
stance:deny skos:prefLabel "deny" .
status:asserted skos:prefLabel "asserted" .

state:PRK a ak:State ; rdfs:label "North Korea" ; ak:iso3 "PRK" .
state:RUS a ak:State ; rdfs:label "Russia" ; ak:iso3 "RUS" .
state:USA a ak:State ; rdfs:label "United States" ; ak:iso3 "USA" .
state:KOR a ak:State ; rdfs:label "South Korea" ; ak:iso3 "KOR" .

art:000_a a ak:Article ; schema:identifier "000_a" ; schema:publisher "Yonhap" .
art:001_b a ak:Article ; schema:identifier "001_b" ; schema:publisher "Reuters" .

transfer:t1 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;
    ak:weapon weapon:ballistic-missile ; ak:designation "KN-23" ; ak:status status:asserted ;
    ak:reportedIn art:000_a , art:001_b .
transfer:t2 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;
    ak:weapon weapon:artillery-ammunition ; ak:reportedIn art:001_b .
statement:s1 a ak:Statement ; ak:speaker state:USA , state:KOR ; ak:stance stance:condemn ;
    ak:about transfer:t1 ; ak:date "2024-01-10"^^xsd:date ; ak:reportedIn art:001_b .
statement:s2 a ak:Statement ; ak:speaker state:RUS ; ak:stance stance:deny ;
    ak:about transfer:t1 ; ak:reportedIn art:001_b .
"""

# What each article says, with the evidence records that only article graphs hold.
ARTICLE_GRAPHS = """
art:000_a {
  art:000_a a ak:Article ; schema:identifier "000_a" ; ak:mentions state:PRK , state:RUS .
  state:PRK a ak:State ; rdfs:label "North Korea" .
  state:RUS a ak:State ; rdfs:label "Russia" .
  transfer:t1 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;
      ak:weapon weapon:ballistic-missile ; ak:designation "KN-23" ; ak:status status:asserted ;
      ak:reportedIn art:000_a ; ak:evidence evA:0 .
  evA:0 a ak:Evidence ; ak:sentence "North Korea supplied KN-23 missiles to Russia." ;
      ak:charStart 10 ; ak:charEnd 56 ; ak:rule "transfer.supply-verb" ; ak:confidence 0.8 ;
      prov:wasDerivedFrom art:000_a .
}
art:001_b {
  art:001_b a ak:Article ; schema:identifier "001_b" ;
      ak:mentions state:PRK , state:RUS , state:USA , state:KOR .
  transfer:t1 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;
      ak:weapon weapon:ballistic-missile ; ak:status status:asserted ;
      ak:reportedIn art:001_b ; ak:evidence evB:0 .
  evB:0 a ak:Evidence ; ak:sentence "Pyongyang sent ballistic missiles to Moscow." ;
      ak:charStart 0 ; ak:charEnd 44 ; ak:rule "transfer.send-verb" ; ak:confidence 0.7 ;
      prov:wasDerivedFrom art:001_b .
  transfer:t2 a ak:Transfer ; ak:supplier state:PRK ; ak:recipient state:RUS ;
      ak:weapon weapon:artillery-ammunition ; ak:reportedIn art:001_b ; ak:evidence evB:1 .
  evB:1 a ak:Evidence ; ak:sentence "It also shipped artillery shells." ;
      ak:charStart 45 ; ak:charEnd 78 ; ak:rule "transfer.ship-verb" ; ak:confidence 0.6 ;
      prov:wasDerivedFrom art:001_b .
  statement:s1 a ak:Statement ; ak:speaker state:USA , state:KOR ; ak:stance stance:condemn ;
      ak:about transfer:t1 ; ak:date "2024-01-10"^^xsd:date ; ak:reportedIn art:001_b ;
      ak:evidence evB:2 .
  evB:2 a ak:Evidence ; ak:sentence "Washington and Seoul condemned the transfer." ;
      ak:charStart 79 ; ak:charEnd 123 ; ak:rule "statement.condemn" ; ak:confidence 0.9 ;
      prov:wasDerivedFrom art:001_b .
  statement:s2 a ak:Statement ; ak:speaker state:RUS ; ak:stance stance:deny ;
      ak:about transfer:t1 ; ak:reportedIn art:001_b .
}
"""

T1 = BASE + "event/transfer/t1"
T2 = BASE + "event/transfer/t2"
S1 = BASE + "event/statement/s1"
S2 = BASE + "event/statement/s2"
PRK, RUS, USA, KOR = (actor_iri(f"state:{code}") for code in ("PRK", "RUS", "USA", "KOR"))
MISSILE = weapon_iri("ballistic missile")
AMMUNITION = weapon_iri("artillery ammunition")
CONDEMN = BASE + "stance/condemn"
DENY = BASE + "stance/deny"
ART_A = BASE + "article/000_a"
ART_B = BASE + "article/001_b"

TRANSFER_T2 = ("North Korea", "Russia", "artillery ammunition", None, None, "1", T2, PRK, RUS, AMMUNITION)
TRANSFER_T1 = ("North Korea", "Russia", "ballistic missile", "KN-23", "asserted", "2", T1, PRK, RUS, MISSILE)
ABOUT_T1 = ("North Korea", "Russia", "ballistic missile")
STATEMENT_RUS = ("Russia", "deny", *ABOUT_T1, None, S2, T1, RUS, DENY)
STATEMENT_KOR = ("South Korea", "condemn", *ABOUT_T1, "2024-01-10", S1, T1, KOR, CONDEMN)
STATEMENT_USA = ("United States", "condemn", *ABOUT_T1, "2024-01-10", S1, T1, USA, CONDEMN)
EVIDENCE_A = ("000_a", "North Korea supplied KN-23 missiles to Russia.", "10", "56", "transfer.supply-verb", "0.8")
EVIDENCE_B = ("001_b", "Pyongyang sent ballistic missiles to Moscow.", "0", "44", "transfer.send-verb", "0.7")

# A valid value for each parameter type, to run every library query with every parameter bound.
SAMPLE_VALUES = {
    "iri": T1,
    "actor": "PRK",
    "string": "x",
    "date": "2024-01-10",
    "integer": "3",
    "weapon": "drone",
    "stance": "condemn",
}


@pytest.fixture
def store() -> ox.Store:
    graph = ox.Store()
    graph.load(input=PREFIXES + DEFAULT_GRAPH + ARTICLE_GRAPHS, format=ox.RdfFormat.TRIG)
    return graph


def write_query(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


# --- the library -------------------------------------------------------------------------------


def test_library_lists_the_foundation_queries() -> None:
    names = [query.name for query in list_queries()]
    assert names == sorted(names)
    assert {"transfers", "statements-about-transfers", "evidence", "coalition-cosignatures"} <= set(names)


@pytest.mark.parametrize("query", list_queries(), ids=lambda query: query.name)
def test_every_library_query_is_documented_and_parses(query: NamedQuery) -> None:
    assert Path(query.source).name == f"{query.name}.rq"
    assert query.text.startswith(f"# name: {query.name}\n")
    assert query.description
    assert query.form in {"SELECT", "ASK"}
    assert query.examples and all(example.startswith(f"armskg query {query.name}") for example in query.examples)
    for param in query.params:
        assert param.description, param.name
        if param.default:
            bind_parameters(query, {param.name: param.default})
    empty = ox.Store()
    required = {param.name: SAMPLE_VALUES[param.type] for param in query.params if param.required}
    every = {param.name: SAMPLE_VALUES[param.type] for param in query.params}
    for values in (required, every):  # every parameter must be projected, or Oxigraph refuses it
        result = run_query(empty, query, values)
        assert result.rows == [] or query.form == "ASK"
    assert len(empty) == 0


# --- transfers ---------------------------------------------------------------------------------


def test_transfers_lists_each_merged_transfer_once(store: ox.Store) -> None:
    result = run_query(store, load_query("transfers"))
    assert result.variables == [
        "supplierLabel",
        "recipientLabel",
        "weaponLabel",
        "designation",
        "status",
        "articles",
        "transfer",
        "supplier",
        "recipient",
        "weapon",
    ]
    assert result.rows == [TRANSFER_T2, TRANSFER_T1]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"supplier": "PRK"}, [TRANSFER_T2, TRANSFER_T1]),
        ({"supplier": "prk", "recipient": "state:RUS"}, [TRANSFER_T2, TRANSFER_T1]),
        ({"recipient": RUS, "weapon": "ballistic missile"}, [TRANSFER_T1]),
        ({"weapon": "Artillery  Ammunition"}, [TRANSFER_T2]),
        ({"weapon": AMMUNITION}, [TRANSFER_T2]),
        ({"supplier": "RUS"}, []),
        ({"supplier": "", "weapon": ""}, [TRANSFER_T2, TRANSFER_T1]),
    ],
)
def test_transfers_filters(store: ox.Store, values: dict[str, str], expected: list[tuple[str | None, ...]]) -> None:
    assert run_query(store, load_query("transfers"), values).rows == expected


# --- statements, evidence, co-signatures -------------------------------------------------------


def test_statements_about_transfers(store: ox.Store) -> None:
    query = load_query("statements-about-transfers")
    assert run_query(store, query).rows == [STATEMENT_RUS, STATEMENT_KOR, STATEMENT_USA]
    assert run_query(store, query, {"stance": "condemn"}).rows == [STATEMENT_KOR, STATEMENT_USA]
    assert run_query(store, query, {"stance": "deny"}).rows == [STATEMENT_RUS]
    assert run_query(store, query, {"stance": "condemn", "speaker": "KOR"}).rows == [STATEMENT_KOR]
    assert run_query(store, query, {"stance": "call on"}).rows == []


def test_evidence_reads_the_article_graphs(store: ox.Store) -> None:
    query = load_query("evidence")
    rows = run_query(store, query, {"event": T1}).rows
    assert rows == [
        (*EVIDENCE_A, ART_A, BASE + "evidence/000_a/0", T1),
        (*EVIDENCE_B, ART_B, BASE + "evidence/001_b/0", T1),
    ]
    statement = run_query(store, query, {"event": S1}).rows
    assert [row[:6] for row in statement] == [
        ("001_b", "Washington and Seoul condemned the transfer.", "79", "123", "statement.condemn", "0.9")
    ]
    assert run_query(store, query, {"event": S2}).rows == []
    assert run_query(store, query, {"event": BASE + "event/transfer/unknown"}).rows == []


def test_coalition_cosignatures(store: ox.Store) -> None:
    result = run_query(store, load_query("coalition-cosignatures"))
    assert result.rows == [("South Korea", "United States", "1", "condemn", KOR, USA)]


# --- parameters are terms, never text ----------------------------------------------------------


def test_string_parameter_is_matched_literally(store: ox.Store, tmp_path: Path) -> None:
    path = write_query(
        tmp_path,
        "by-designation",
        "# name: by-designation\n"
        "# description: transfers with one designation\n"
        "# param: designation string - the designation, as written\n"
        "SELECT ?transfer ?designation WHERE { ?transfer ak:designation ?designation }\n",
    )
    query = load_query(str(path))
    assert query.name == "by-designation"
    assert query.source == str(path)
    assert run_query(store, query, {"designation": "KN-23"}).rows == [(T1, "KN-23")]
    before = len(store)
    assert run_query(store, query, {"designation": '"} ; DROP ALL ; {"'}).rows == []
    assert run_query(store, query, {"designation": "KN-23' } ; DROP ALL ; { '"}).rows == []
    assert len(store) == before
    assert run_query(store, load_query("transfers")).rows == [TRANSFER_T2, TRANSFER_T1]


@pytest.mark.parametrize(
    "value",
    ["x> } ; DROP ALL ; {<y", "https://x/a b", 'https://x/"', "https://x/{y}", "https://x/>", "not an iri", ""],
)
def test_malformed_iri_is_refused(store: ox.Store, value: str) -> None:
    before = len(store)
    with pytest.raises(QueryError) as caught:
        run_query(store, load_query("evidence"), {"event": value})
    message = str(caught.value)
    assert "\n" not in message
    assert "event" in message
    assert len(store) == before


def test_iri_parameter_accepts_armskg_prefixes() -> None:
    terms = bind_parameters(load_query("evidence"), {"event": "ak:Transfer"})
    assert terms == {"event": ox.NamedNode("https://w3id.org/armskg/ontology#Transfer")}


def test_unknown_and_missing_parameters_are_refused(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="has no parameter 'country'"):
        run_query(store, load_query("transfers"), {"country": "PRK"})
    with pytest.raises(QueryError, match="needs parameter 'event'"):
        run_query(store, load_query("evidence"))
    with pytest.raises(QueryError, match="needs parameter 'event'"):
        run_query(store, load_query("evidence"), {"event": ""})


@pytest.mark.parametrize(
    ("param", "value", "wanted"),
    [
        ("supplier", "North Korea", "not an actor"),
        ("supplier", "https://example.org/PRK", "not an actor"),
        ("weapon", "laser", "not a known weapon"),
    ],
)
def test_bad_typed_values_are_refused(param: str, value: str, wanted: str) -> None:
    with pytest.raises(QueryError, match=wanted):
        bind_parameters(load_query("transfers"), {param: value})


def test_typed_parameters_become_typed_literals(tmp_path: Path) -> None:
    path = write_query(
        tmp_path,
        "typed",
        "# name: typed\n"
        "# description: every parameter type\n"
        "# param: day date - a day\n"
        "# param: n integer default=5 - a number\n"
        '# param: who actor default="person:jakesullivan" - a person\n'
        "# param: stance stance default=call_on - a stance\n"
        "SELECT ?one ?day ?n ?who ?stance WHERE { BIND(1 AS ?one) }\n",
    )
    query = load_query(str(path))
    assert [(p.name, p.type, p.default) for p in query.params] == [
        ("day", "date", None),
        ("n", "integer", "5"),
        ("who", "actor", "person:jakesullivan"),
        ("stance", "stance", "call_on"),
    ]
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert bind_parameters(query, {"day": "2024-02-29"}) == {
        "day": ox.Literal("2024-02-29", datatype=ox.NamedNode(xsd + "date")),
        "n": ox.Literal("5", datatype=ox.NamedNode(xsd + "integer")),
        "who": ox.NamedNode(actor_iri("person:jakesullivan")),
        "stance": ox.NamedNode(BASE + "stance/call_on"),
    }
    for bad in ({"day": "2023-02-29"}, {"day": "10 Jan 2024"}, {"day": "2024-01-10", "n": "5.5"}):
        with pytest.raises(QueryError):
            bind_parameters(query, bad)
    row = run_query(ox.Store(), query, {"day": "2024-01-10", "n": "-2"}).rows
    assert row == [("1", "2024-01-10", "-2", actor_iri("person:jakesullivan"), BASE + "stance/call_on")]


# --- what the library refuses ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("PREFIX ex: <http://ex/#>\n# a comment\nINSERT DATA { ex:a ex:b ex:c }\n", "SPARQL update"),
        ("DROP ALL", "SPARQL update"),
        ("# name: x\nDELETE WHERE { ?s ?p ?o }", "SPARQL update"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "not supported"),
        ("{ ?s ?p ?o }", "expected a SELECT or ASK query"),
        ("# param: x colour - a colour\nSELECT ?x {}", "unknown type 'colour'"),
        ("# param: x iri - one\n# param: x iri - two\nSELECT ?x {}", "declared twice"),
    ],
)
def test_user_files_that_are_not_queries_are_refused(tmp_path: Path, text: str, wanted: str) -> None:
    path = write_query(tmp_path, "bad", text)
    with pytest.raises(QueryError, match=wanted):
        load_query(str(path))


def test_errors_while_running_become_query_errors(store: ox.Store, tmp_path: Path) -> None:
    syntax = load_query(str(write_query(tmp_path, "syntax", "SELECT * WHERE { ?s ?p }\n")))
    with pytest.raises(QueryError, match=r"syntax\.rq: error at \d+:\d+: "):
        run_query(store, syntax)
    hidden = write_query(tmp_path, "hidden", "# param: s iri - subject\nSELECT ?p WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match=r"\?s must appear in the SELECT clause"):
        run_query(store, load_query(str(hidden)), {"s": T1})


def test_unknown_names_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=r"unknown query 'transfer'.*transfers"):
        load_query("transfer")
    with pytest.raises(QueryError, match="no query file"):
        load_query(str(tmp_path / "absent.rq"))


def test_ask_query(store: ox.Store, tmp_path: Path) -> None:
    path = write_query(
        tmp_path,
        "supplies",
        "# param: supplier actor - the supplier\nASK { ?t ak:supplier ?supplier }\n",
    )
    query = load_query(str(path))
    assert (query.name, query.form, query.description) == ("supplies", "ASK", "")
    assert run_query(store, query, {"supplier": "PRK"}).boolean is True
    no = run_query(store, query, {"supplier": "USA"})
    assert no.boolean is False
    assert json.loads(no.to_json()) == {"head": {}, "boolean": False}
    assert no.to_table() == "false\n"


# --- output formats ----------------------------------------------------------------------------


def test_formats(store: ox.Store) -> None:
    result = run_query(store, load_query("transfers"))
    xsd = "http://www.w3.org/2001/XMLSchema#"

    document = json.loads(result.to_json())
    assert document["head"]["vars"] == result.variables
    first, second = document["results"]["bindings"]
    assert "designation" not in first and "status" not in first
    assert first["articles"] == {"type": "literal", "value": "1", "datatype": xsd + "integer"}
    assert second["supplierLabel"] == {"type": "literal", "value": "North Korea"}
    assert second["transfer"] == {"type": "uri", "value": T1}

    rows = list(csv.reader(io.StringIO(result.to_csv())))
    assert rows[0] == result.variables
    assert rows[1] == ["" if value is None else value for value in TRANSFER_T2]
    assert result.to_csv().endswith("\r\n")

    table = result.to_table().splitlines()
    assert table[0].split() == result.variables
    assert table[2].split()[:3] == ["North", "Korea", "Russia"]
    assert table[-1] == "(2 rows)"
    header_width = table[0].index("recipientLabel")
    assert table[2][header_width:].startswith("Russia")

    frame = result.to_dataframe()
    assert list(frame.columns) == result.variables
    assert frame["articles"].tolist() == [1, 2]
    assert frame["designation"].isna().tolist() == [True, False]
    assert frame["designation"].iloc[1] == "KN-23"


def test_table_cuts_long_cells_and_aligns_wide_characters() -> None:
    wide = ox.Literal("조선민주주의인민공화국")
    result = QueryResult(["name", "n"], [(wide, ox.Literal(1)), (ox.Literal("ab"), None)])
    lines = result.to_table().splitlines()
    assert lines[0] == "name                    n"
    assert lines[2] == "조선민주주의인민공화국  1"
    assert lines[3] == "ab"
    cut = QueryResult(["s"], [(ox.Literal("abcdefghij"),)]).to_table(max_width=5).splitlines()
    assert cut[2] == "abcd…"
