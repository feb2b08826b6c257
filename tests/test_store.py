"""The Oxigraph store: ingest, re-ingest, merge, retract, export, validate and count.

Every store is a real on-disk Oxigraph store under ``tmp_path``. The small articles are
sentences written for these tests, simple enough that extraction reads them the same way
whatever the lexicons' tuning; the last tests read the bundled sample articles, which were
written so that the same events appear in two articles.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from armskg.graph.ingest import IngestOptions, IngestProgress, IngestReport, ingest, remove_article
from armskg.graph.store import StoreError, export_store, open_store
from armskg.graph.summary import summarize
from armskg.graph.validate import validate_store
from armskg.loaders.article import Article
from armskg.loaders.readers import InputError, read_articles
from armskg.ontology import PREFIXES, actor_iri, article_iri

# rdflib's own parsers call its deprecated Dataset API; that is not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")

IRN, RUS, PRK = actor_iri("state:IRN"), actor_iri("state:RUS"), actor_iri("state:PRK")
FRA, UKR = actor_iri("state:FRA"), actor_iri("state:UKR")

DRONES_A = "Iran supplied Russia with Shahed-136 drones, the officials said."
DRONES_B = (
    " date 2022-10-20\nMinisters met in Z\u00fcrich on Monday \u2014 the talks were brief.\n\n"
    "Iran supplied Russia with Shahed-136 drones, the officials said. The talks ended on Friday."
)
SHELLS = "France supplied Ukraine with artillery shells, the officials said."

SAMPLES = Path(str(importlib.resources.files("armskg.samples")))


def _article(article_id: str, text: str, date: str = "2022-10-18") -> Article:
    return Article.from_text(article_id, text, date=date)


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """A SELECT over the store's default graph, each solution as ``{variable: lexical value}``."""
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: term.value for n in names if (term := row[n]) is not None} for row in result]


def _ask(store: ox.Store, query: str) -> bool:
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


def _count(store: ox.Store, query: str) -> int:
    [row] = _rows(store, query)
    return int(row["n"])


def _quads(store: ox.Store) -> set[ox.Quad]:
    return set(store)


def _transfers(store: ox.Store, supplier: str, recipient: str) -> dict[str, set[str]]:
    """Transfer IRIs in the default graph from ``supplier`` to ``recipient``, with their reporting articles."""
    rows = _rows(
        store,
        f"""SELECT ?t ?a WHERE {{
              ?t a ak:Transfer ; ak:supplier <{supplier}> ; ak:recipient <{recipient}> .
              OPTIONAL {{ ?t ak:reportedIn ?a }} }}""",
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["t"], set())
        if "a" in row:
            found[row["t"]].add(row["a"])
    return found


@pytest.fixture
def kg(tmp_path: Path) -> Iterator[ox.Store]:
    store = open_store(tmp_path / "kg")
    yield store
    del store


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The bundled sample articles in one store, shared by the read-only tests below."""
    store = open_store(tmp_path_factory.mktemp("samples") / "kg")
    report = ingest(store, read_articles([SAMPLES]), IngestOptions(writer="transactional"))
    assert report.failed == []
    assert report.ingested >= 8
    return store


# --- ingest -----------------------------------------------------------------------------------


def test_new_store_holds_the_ontology(kg: ox.Store) -> None:
    assert _ask(kg, "ASK { ak:Transfer a owl:Class }")
    assert summarize(kg).articles == 0


def test_ingesting_twice_changes_nothing(kg: ox.Store) -> None:
    article = _article("d1", DRONES_A)
    first = ingest(kg, [article], IngestOptions(writer="transactional"))
    assert (first.ingested, first.unchanged, first.failed) == (1, 0, [])
    assert first.transfers == 1
    before = _quads(kg)
    second = ingest(kg, [_article("d1", DRONES_A)], IngestOptions(writer="transactional"))
    assert (second.ingested, second.unchanged, second.failed) == (0, 1, [])
    assert second.transfers == 0
    assert len(kg) == len(before)
    assert _quads(kg) == before


def test_changed_text_replaces_the_article(kg: ox.Store) -> None:
    ingest(kg, [_article("x1", DRONES_A)], IngestOptions(writer="transactional"))
    assert list(_transfers(kg, IRN, RUS)) != []
    report = ingest(kg, [_article("x1", SHELLS)], IngestOptions(writer="transactional"))
    assert (report.ingested, report.unchanged) == (1, 0)
    # the old fact is gone from the merged default graph ...
    assert _transfers(kg, IRN, RUS) == {}
    assert not _ask(kg, f"ASK {{ <{IRN}> ?p ?o }}")
    # ... and from the article's own graph, which now says only the new things
    graph = article_iri("x1")
    assert not _ask(kg, f"ASK {{ GRAPH <{graph}> {{ ?t ak:supplier <{IRN}> }} }}")
    assert _ask(kg, f"ASK {{ GRAPH <{graph}> {{ ?t a ak:Transfer ; ak:supplier <{FRA}> ; ak:recipient <{UKR}> }} }}")
    [(_, sources)] = _transfers(kg, FRA, UKR).items()
    assert sources == {graph}
    hashes = _rows(kg, f"SELECT ?h WHERE {{ <{graph}> ak:contentHash ?h }}")
    assert [r["h"] for r in hashes] == [_article("x1", SHELLS).content_hash]
    assert summarize(kg).articles == 1


def test_changed_text_keeps_what_another_article_still_says(kg: ox.Store) -> None:
    ingest(kg, [_article("y1", DRONES_A), _article("y2", DRONES_B)], IngestOptions(writer="transactional"))
    ingest(kg, [_article("y1", SHELLS)], IngestOptions(writer="transactional"))
    [(_, sources)] = _transfers(kg, IRN, RUS).items()
    assert sources == {article_iri("y2")}
    assert _ask(kg, f"ASK {{ <{IRN}> a ak:State }}")


def _as_stores_before(kg: ox.Store, subject: ox.NamedNode, graph: ox.NamedNode) -> None:
    """Copy what the default graph says of ``subject`` into ``graph``, as stores written before
    states and the article node were described once did."""
    kg.extend(
        [
            ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in kg.quads_for_pattern(subject, None, None, ox.DefaultGraph())
        ]
    )


def test_a_state_is_described_once_and_goes_with_its_last_article(kg: ox.Store) -> None:
    ingest(kg, [_article("r1", DRONES_A), _article("r2", DRONES_B)], IngestOptions(writer="transactional"))
    described = f"ASK {{ <{IRN}> rdfs:label 'Iran' ; ak:iso3 'IRN' ; owl:sameAs ?wd }}"
    assert _ask(kg, described)
    # the article graphs say the state is one, not the lexicon's name, code and id
    for graph in (article_iri("r1"), article_iri("r2")):
        assert _ask(kg, f"ASK {{ GRAPH <{graph}> {{ <{IRN}> a ak:State }} }}")
        assert not _ask(kg, f"ASK {{ GRAPH <{graph}> {{ <{IRN}> rdfs:label|ak:iso3|owl:sameAs ?o }} }}")
    # a store written before this rule repeated them in article graphs: removing such an
    # article leaves them while another article still names the state
    _as_stores_before(kg, ox.NamedNode(IRN), ox.NamedNode(article_iri("r1")))
    assert remove_article(kg, "r1")
    assert _ask(kg, described)
    assert remove_article(kg, "r2")
    assert not _ask(kg, f"ASK {{ <{IRN}> ?p ?o }}")


def test_the_article_node_is_said_once_and_goes_with_its_graph(kg: ox.Store) -> None:
    ingest(kg, [_article("n1", DRONES_A), _article("n2", DRONES_B)], IngestOptions(writer="transactional"))
    graphs = {name: ox.NamedNode(article_iri(name)) for name in ("n1", "n2")}
    for name, graph in graphs.items():
        assert _ask(kg, f"ASK {{ {graph} a ak:Article ; schema:identifier '{name}' ; ak:mentions <{IRN}> }}")
        assert not _ask(kg, f"ASK {{ GRAPH {graph} {{ {graph} ?p ?o }} }}")
    # a store written before this rule repeated them in the article graph: removal takes both
    _as_stores_before(kg, graphs["n1"], graphs["n1"])
    for name, graph in graphs.items():
        assert remove_article(kg, name)
        assert not _ask(kg, f"ASK {{ {{ {graph} ?p ?o }} UNION {{ GRAPH ?g {{ {graph} ?p ?o }} }} }}")
    assert summarize(kg).articles == 0


def test_same_transfer_in_two_articles_is_one_node(kg: ox.Store) -> None:
    report = ingest(kg, [_article("s1", DRONES_A), _article("s2", DRONES_B)], IngestOptions(writer="transactional"))
    assert (report.ingested, report.failed) == (2, [])
    transfers = _transfers(kg, IRN, RUS)
    assert len(transfers) == 1
    [(transfer, sources)] = transfers.items()
    assert sources == {article_iri("s1"), article_iri("s2")}
    assert _count(kg, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{transfer}> ak:supplier ?s }}") == 1
    assert summarize(kg).transfers == 1

    assert remove_article(kg, "s1") is True
    transfers = _transfers(kg, IRN, RUS)
    assert transfers == {transfer: {article_iri("s2")}}
    assert _ask(kg, f"ASK {{ <{transfer}> ak:supplier <{IRN}> ; ak:weapon ?w ; ak:status ?st }}")
    assert not kg.contains_named_graph(ox.NamedNode(article_iri("s1")))
    assert not _ask(kg, f"ASK {{ <{article_iri('s1')}> ?p ?o }}")

    assert remove_article(kg, "s2") is True
    assert _transfers(kg, IRN, RUS) == {}
    assert list(kg.quads_for_pattern(ox.NamedNode(transfer), None, None, None)) == []
    assert list(kg.quads_for_pattern(None, None, ox.NamedNode(transfer), None)) == []
    assert summarize(kg).articles == 0


def test_removing_an_unknown_article_returns_false(kg: ox.Store) -> None:
    ingest(kg, [_article("r1", DRONES_A)], IngestOptions(writer="transactional"))
    before = _quads(kg)
    assert remove_article(kg, "no-such-article") is False
    assert _quads(kg) == before


def test_evidence_lives_only_in_article_graphs_with_exact_offsets(kg: ox.Store) -> None:
    articles = {a.id: a for a in (_article("e1", DRONES_A), _article("e2", DRONES_B), _article("e3", SHELLS))}
    ingest(kg, articles.values(), IngestOptions(writer="transactional"))
    assert not _ask(kg, "ASK { ?ev a ak:Evidence }")
    assert not _ask(kg, "ASK { ?event ak:evidence ?ev }")
    assert not _ask(kg, "ASK { ?ev ak:sentence ?s }")
    records = _rows(
        kg,
        """SELECT ?g ?id ?event ?ev ?sentence ?start ?end WHERE { GRAPH ?g {
             ?event ak:evidence ?ev . ?ev a ak:Evidence ; ak:sentence ?sentence ;
                 ak:charStart ?start ; ak:charEnd ?end ; prov:wasDerivedFrom ?g }
             ?g schema:identifier ?id }""",
    )
    assert {r["id"] for r in records} == set(articles)
    for record in records:
        text = articles[record["id"]].text
        start, end = int(record["start"]), int(record["end"])
        assert text[start:end] == record["sentence"], record
    # the Zürich sentence and the dash come before the drones sentence in e2: offsets count code points
    assert DRONES_B.index("Iran supplied") in {int(r["start"]) for r in records if r["id"] == "e2"}
    # every event in the default graph has evidence in the graph of each article that reports it
    missing = _rows(
        kg,
        """SELECT ?event ?a WHERE { ?event ak:reportedIn ?a .
             FILTER NOT EXISTS { GRAPH ?a { ?event ak:evidence ?ev } } }""",
    )
    assert missing == []


# --- export -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_dataset_exports_parse_back_with_every_graph(kg: ox.Store, fmt: str, rdflib_format: str) -> None:
    ingest(kg, [_article("x1", DRONES_A), _article("x2", SHELLS)], IngestOptions(writer="transactional"))
    data = export_store(kg, fmt)
    assert data
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode("utf-8"), format=rdflib_format)
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == len(kg)
    graphs = {str(g) for *_, g in quads if g is not None and str(g) != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}
    assert {article_iri("x1"), article_iri("x2")} <= graphs


def test_export_writes_a_file(kg: ox.Store, tmp_path: Path) -> None:
    ingest(kg, [_article("x1", DRONES_A)], IngestOptions(writer="transactional"))
    out = tmp_path / "graph.nq"
    assert export_store(kg, "nquads", out) is None
    assert out.read_bytes() == export_store(kg, "nquads")


def test_turtle_export_holds_only_the_default_graph(kg: ox.Store) -> None:
    ingest(kg, [_article("x1", DRONES_A), _article("x2", DRONES_B)], IngestOptions(writer="transactional"))
    data = export_store(kg, "turtle")
    assert data
    graph = rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle")
    default = list(kg.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(graph) == len(default) < len(kg)
    ak = rdflib.Namespace("https://w3id.org/armskg/ontology#")
    assert list(graph.subjects(rdflib.RDF.type, ak.Evidence)) == []
    assert len(set(graph.subjects(rdflib.RDF.type, ak.Transfer))) == 1


def test_unknown_export_format_is_a_store_error(kg: ox.Store) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        export_store(kg, "rdfxml")


# --- validation -------------------------------------------------------------------------------


def test_samples_conform_to_the_shapes(samples_store: ox.Store) -> None:
    result = validate_store(samples_store)
    assert result.conforms, result.report[:3000]
    assert result.violations == 0


def test_a_broken_fact_does_not_conform(kg: ox.Store) -> None:
    ingest(kg, [_article("v1", DRONES_A)], IngestOptions(writer="transactional"))
    assert validate_store(kg).conforms
    kg.update(
        PREFIXES
        + f"""INSERT DATA {{
            <https://w3id.org/armskg/event/transfer/broken> a ak:Transfer ;
                ak:recipient <{RUS}> ;
                ak:weapon <https://w3id.org/armskg/weapon/drone> ;
                ak:status <https://w3id.org/armskg/status/asserted> ;
                ak:reportedIn <{article_iri("v1")}> .
        }}"""
    )
    result = validate_store(kg)
    assert not result.conforms
    assert result.violations >= 1
    assert "supplier" in result.report


# --- summary ----------------------------------------------------------------------------------


def test_summary_counts_match_sparql(samples_store: ox.Store) -> None:
    summary = summarize(samples_store)

    def distinct(classes: str) -> int:
        return _count(samples_store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a ?k VALUES ?k {{ {classes} }} }}")

    assert summary.articles == distinct("ak:Article") == 8
    assert summary.transfers == distinct("ak:Transfer") > 0
    assert summary.strikes == distinct("ak:Strike") > 0
    assert summary.statements == distinct("ak:Statement") > 0
    assert summary.states == distinct("ak:State") > 0
    assert summary.persons == distinct("ak:Person") > 0
    assert summary.organizations == distinct("ak:Organization ak:ArmedGroup")
    assert summary.actors == distinct("ak:State ak:Person ak:Organization ak:ArmedGroup")
    assert summary.actors == summary.states + summary.persons + summary.organizations
    assert set(summary.as_dict()) == {
        "articles",
        "actors",
        "states",
        "persons",
        "organizations",
        "statements",
        "transfers",
        "strikes",
    }


def test_summary_of_a_small_store(kg: ox.Store) -> None:
    ingest(
        kg,
        [_article("m1", DRONES_A), _article("m2", DRONES_B), _article("m3", SHELLS)],
        IngestOptions(writer="transactional"),
    )
    summary = summarize(kg)
    assert (summary.articles, summary.transfers) == (3, 2)
    assert summary.states == 4  # Iran, Russia, France, Ukraine


# --- opening ----------------------------------------------------------------------------------


def test_second_writer_gets_a_one_line_store_error(tmp_path: Path) -> None:
    first = open_store(tmp_path / "kg")
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "kg")
    message = str(caught.value)
    assert "in use" in message
    assert str(tmp_path / "kg") in message
    assert "\n" not in message
    del first


def test_read_only_open_of_a_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


def test_read_only_store_sees_what_was_written(tmp_path: Path) -> None:
    writer = open_store(tmp_path / "kg")
    ingest(writer, [_article("o1", DRONES_A)], IngestOptions(writer="transactional"))
    del writer
    reader = open_store(tmp_path / "kg", read_only=True)
    assert summarize(reader).transfers == 1


# --- bad items in a batch ---------------------------------------------------------------------


def test_input_error_in_a_batch_counts_as_failed_and_the_rest_goes_in(kg: ox.Store) -> None:
    bad = InputError("inbox/broken.txt", "looks binary (holds NUL bytes), not text")
    seen: list[str] = []
    items: list[Article | InputError] = [_article("b1", DRONES_A), bad, _article("b2", SHELLS)]
    report = ingest(kg, items, IngestOptions(writer="transactional"), IngestProgress(article=seen.append))
    assert isinstance(report, IngestReport)
    assert (report.ingested, report.unchanged) == (2, 0)
    assert report.failed == [str(bad)]
    assert not report.ok
    assert seen == ["ingested", "failed", "ingested"]  # b1, bad, b2, as they came
    assert summarize(kg).articles == 2


def test_reader_errors_flow_through_ingest(kg: ox.Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02")
    (folder / "good.txt").write_text(DRONES_A, encoding="utf-8")
    report = ingest(kg, read_articles([folder]), IngestOptions(writer="transactional"))
    assert report.ingested == 1
    assert len(report.failed) == 1
    assert "bad.txt" in report.failed[0]


# --- the bundled samples ----------------------------------------------------------------------


def test_samples_one_north_korean_missile_transfer_reported_by_01_and_02(samples_store: ox.Store) -> None:
    rows = _rows(
        samples_store,
        f"""SELECT DISTINCT ?t ?id WHERE {{
              ?t a ak:Transfer ; ak:supplier <{PRK}> ; ak:recipient <{RUS}> ;
                 ak:weapon <https://w3id.org/armskg/weapon/ballistic-missile> ; ak:reportedIn ?a .
              ?a schema:identifier ?id }}""",
    )
    transfers = {r["t"] for r in rows}
    assert len(transfers) == 1, rows
    reported_in = {r["id"] for r in rows}
    assert {"01_advisers_condemn_transfer", "02_joint_statement_48"} <= reported_in


def test_samples_chang_ho_jin_is_one_person_in_01_and_02(samples_store: ox.Store) -> None:
    rows = _rows(
        samples_store,
        """SELECT DISTINCT ?p ?id WHERE {
              ?p a ak:Person ; rdfs:label ?label .
              FILTER(REGEX(?label, "^Chang Ho-?jin$", "i"))
              OPTIONAL { ?a ak:mentions ?p ; schema:identifier ?id } }""",
    )
    people = {r["p"] for r in rows}
    assert len(people) == 1, rows
    mentioned_in = {r["id"] for r in rows if "id" in r}
    assert {"01_advisers_condemn_transfer", "02_joint_statement_48"} <= mentioned_in


def test_samples_joint_statement_has_the_48_states_and_the_eu_as_speakers(samples_store: ox.Store) -> None:
    rows = _rows(
        samples_store,
        """SELECT ?st (COUNT(DISTINCT ?speaker) AS ?n) WHERE {
              ?st a ak:Statement ; ak:stance <https://w3id.org/armskg/stance/condemn> ;
                  ak:speaker ?speaker ; ak:reportedIn ?a .
              ?a schema:identifier "02_joint_statement_48" }
           GROUP BY ?st ORDER BY DESC(?n)""",
    )
    assert rows, "no condemning statement reported in 02_joint_statement_48"
    assert int(rows[0]["n"]) >= 49, rows


def test_a_read_only_open_tries_again_when_a_writers_compaction_removed_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader beside a writer can read a manifest naming a table file the writer's compaction
    then deletes (seen once in a CI run); the next try reads the new manifest.  Any other error
    is not tried again."""
    import armskg.graph.store.open as opening

    open_store(tmp_path / "kg")
    real = ox.Store.read_only
    calls: list[str] = []

    class RacingStore:
        @staticmethod
        def read_only(path: str) -> ox.Store:
            calls.append(path)
            if len(calls) == 1:
                raise RuntimeError("Corruption: IO error: No such file or directory: While open a file: 000145.sst")
            return real(path)

    monkeypatch.setattr(opening, "Store", RacingStore)
    reader = open_store(tmp_path / "kg", read_only=True)
    assert len(calls) == 2 and isinstance(reader, ox.Store)

    class BrokenStore:
        @staticmethod
        def read_only(path: str) -> ox.Store:
            calls.append(path)
            raise RuntimeError("Corruption: bad block checksum")

    monkeypatch.setattr(opening, "Store", BrokenStore)
    calls.clear()
    with pytest.raises(StoreError, match="bad block checksum"):
        open_store(tmp_path / "kg", read_only=True)
    assert len(calls) == 1
