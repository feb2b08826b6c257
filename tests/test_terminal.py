"""The command line as a person at a terminal meets it (issue 24): tables that fit and show
names, ingest counts that agree with summary, actors by name, nothing skipped in silence,
and a line when nothing matched.  Every test runs the installed ``armskg`` on a real store."""

from __future__ import annotations

import csv
import gc
import importlib.resources
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from armskg.queries.names import _lexicon_names, name_key

ARMSKG = Path(sys.executable).with_name("armskg")
SAMPLES = Path(str(importlib.resources.files("armskg.samples")))
ROOT = Path(__file__).resolve().parent.parent
PRK = "https://w3id.org/armskg/actor/state/PRK"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
AK = "https://w3id.org/armskg/ontology#"

# sentences written for these tests
DRONES = "Iran supplied Russia with Shahed-136 drones, the officials said.\n"
PERSON = "Swedish Defence Minister Arvid Kolbeck condemned the transfer of drones to Russia.\n"
SHELLS = "France supplied Ukraine with artillery shells, the ministry said on Monday.\n"


def _run(*args: str | Path, cwd: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARMSKG_STORE"}
    env["COLUMNS"] = str(columns)
    return subprocess.run(
        [str(ARMSKG), *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False
    )


def _one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("armskg: "), result.stderr
    return lines[0]


def _bindings(result: subprocess.CompletedProcess[str]) -> list[dict[str, dict[str, str]]]:
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, dict[str, str]]] = json.loads(result.stdout)["results"]["bindings"]
    return rows


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cwd")


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The bundled samples ingested once through the command line, and what ingest said."""
    root = tmp_path_factory.mktemp("samples")
    result = _run("ingest", SAMPLES, "--store", root / "kg", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "kg", result


@pytest.fixture(scope="module")
def store(samples: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return samples[0]


# --- 1. tables that fit ----------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_a_table_fits_the_terminal_and_shows_names_not_iris(store: Path, work: Path, columns: int) -> None:
    result = _run("query", "transfers", "--store", store, cwd=work, columns=columns)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns, result.stdout
    assert "https://" not in result.stdout
    assert lines[0].split()[:2] == ["supplier", "recipient"]
    assert any(line.startswith("North Ko") for line in lines)  # a name, perhaps cut
    assert re.search(r"\btransfer/[0-9a-f]{10}\b", result.stdout)
    assert "IRI columns hidden" in result.stdout


def test_long_cells_are_cut_with_an_ellipsis_and_width_0_keeps_them(store: Path, work: Path) -> None:
    cut = _run("query", "joint-statements", "--store", store, cwd=work, columns=80)
    assert cut.returncode == 0, cut.stderr
    assert "…" in cut.stdout and max(len(line) for line in cut.stdout.splitlines()) <= 80
    whole = _run("query", "joint-statements", "--store", store, "--width", "0", cwd=work, columns=80)
    assert "…" not in whole.stdout
    assert max(len(line) for line in whole.stdout.splitlines()) > 200  # 49 signatories, whole


def test_iris_shows_every_column_with_full_iris(store: Path, work: Path) -> None:
    result = _run("query", "transfers", "--store", store, "--iris", cwd=work, columns=80)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[:3] == ["supplierLabel", "recipientLabel", "weaponLabel"]
    assert PRK in result.stdout and "https://w3id.org/armskg/event/transfer/" in result.stdout


def test_csv_json_and_tsv_keep_full_values_whatever_the_width(store: Path, work: Path) -> None:
    args = ("query", "transfers", "--store", store, "--param", "supplier=PRK", "--format")
    rows = list(csv.DictReader(io.StringIO(_run(*args, "csv", cwd=work, columns=40).stdout)))
    assert rows and {row["supplier"] for row in rows} == {PRK}
    assert all(row["transfer"].startswith("https://w3id.org/armskg/event/transfer/") for row in rows)
    assert {b["supplier"]["value"] for b in _bindings(_run(*args, "json", cwd=work, columns=40))} == {PRK}
    tsv = _run(*args, "tsv", cwd=work, columns=40).stdout.splitlines()
    header = tsv[0].split("\t")
    assert header[:2] == ["?supplierLabel", "?recipientLabel"]
    assert all(line.split("\t")[header.index("?supplier")] == f"<{PRK}>" for line in tsv[1:])
    assert len(tsv) == len(rows) + 1


def test_summary_prints_every_format(store: Path, work: Path) -> None:
    table = _run("summary", "--store", store, cwd=work).stdout
    counts = {key: int(value) for key, value in (line.split() for line in table.splitlines())}
    assert json.loads(_run("summary", "--store", store, "--format", "json", cwd=work).stdout) == counts
    rows = list(csv.reader(io.StringIO(_run("summary", "--store", store, "--format", "csv", cwd=work).stdout)))
    assert rows[0] == ["what", "count"] and {k: int(v) for k, v in rows[1:]} == counts
    tsv = _run("summary", "--store", store, "--format", "tsv", cwd=work).stdout.splitlines()
    assert {k: int(v) for k, v in (line.split("\t") for line in tsv[1:])} == counts


def test_the_short_id_a_table_prints_is_taken_back(store: Path, work: Path) -> None:
    table = _run("query", "transfers", "--store", store, "--param", "supplier=PRK", cwd=work).stdout
    short = re.search(r"\btransfer/[0-9a-f]{10}\b", table)
    assert short is not None, table
    full = _bindings(_run("query", "transfers", "-p", "supplier=PRK", "--store", store, "--format", "json", cwd=work))
    iri = full[0]["transfer"]["value"]
    assert len(full) == 1 and iri.rsplit("/", 1)[1].startswith(short.group().split("/")[1])
    by_short = _run("query", "evidence", "-p", f"event={short.group()}", "--store", store, "--format", "json", cwd=work)
    by_iri = _run("query", "evidence", "-p", f"event={iri}", "--store", store, "--format", "json", cwd=work)
    assert _bindings(by_short) == _bindings(by_iri) != []
    line = _one_line_error(_run("query", "evidence", "-p", "event=transfer/0000000000", "--store", store, cwd=work), 2)
    assert "transfer/0000000000" in line


# --- 2. ingest counts as summary does ----------------------------------------------------------


def test_ingest_reports_merged_events_as_summary_counts_them(
    samples: tuple[Path, subprocess.CompletedProcess[str]], work: Path
) -> None:
    store, ingest = samples
    summary = _run("summary", "--store", store, "--format", "json", cwd=work)
    counts = json.loads(summary.stdout)
    last = ingest.stdout.strip().splitlines()[-1]
    said = {
        kind.rstrip("s"): (int(merged), int(mentions))
        for merged, kind, mentions in re.findall(r"(\d+) (transfers?|strikes?|statements?) \((\d+) mentions?", last)
    }
    assert said, last
    assert said["transfer"][0] == counts["transfers"]
    assert said["strike"][0] == counts["strikes"]
    assert said["statement"][0] == counts["statements"]
    assert said["transfer"][1] > said["transfer"][0]  # the samples report some transfers twice
    assert "mentions in these articles" in last


# --- 3. names wherever an actor is asked for ---------------------------------------------------


@pytest.mark.parametrize("name", ["North Korea", "DPRK", "Pyongyang", "North Korean", "north korea"])
def test_a_country_is_taken_by_name_capital_or_demonym(store: Path, work: Path, name: str) -> None:
    by_code = _bindings(
        _run("query", "transfers", "-p", "supplier=PRK", "--store", store, "--format", "json", cwd=work)
    )
    by_name = _run("query", "transfers", "-p", f"supplier={name}", "--store", store, "--format", "json", cwd=work)
    assert _bindings(by_name) == by_code != []


def test_an_organization_is_taken_by_its_label_in_the_store(store: Path, work: Path) -> None:
    query = ("query", "actors", "-p", "class=ak:Organization", "--store", store, "--format", "json")
    actors = _bindings(_run(*query, cwd=work))
    lexicon = _lexicon_names()
    chosen = next(a for a in actors if name_key(a["label"]["value"]) not in lexicon)  # known from the store only
    label, iri = chosen["label"]["value"], chosen["actor"]["value"]
    by_iri = _run("query", "actor-profile", "-p", f"actor={iri}", "--store", store, "--format", "json", cwd=work)
    shouted = label.upper()
    by_name = _run("query", "actor-profile", "-p", f"actor={shouted}", "--store", store, "--format", "json", cwd=work)
    assert _bindings(by_name) == _bindings(by_iri) != []


def test_a_person_is_taken_by_the_name_the_store_holds(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRONES + PERSON, encoding="utf-8")
    assert _run("ingest", tmp_path / "a.txt", "--store", tmp_path / "kg", cwd=tmp_path).returncode == 0
    assert name_key("Arvid Kolbeck") not in _lexicon_names()
    query = ("query", "statements-about-transfers", "--store", tmp_path / "kg", "--format", "json")
    by_key = _bindings(_run(*query, "-p", "speaker=person:arvidkolbeck", cwd=tmp_path))
    by_name = _bindings(_run(*query, "-p", "speaker=arvid kolbeck", cwd=tmp_path))
    assert by_name == by_key != []


def test_an_ambiguous_name_lists_the_candidates_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRONES, encoding="utf-8")
    assert _run("ingest", tmp_path / "a.txt", "--store", tmp_path / "kg", cwd=tmp_path).returncode == 0
    kg = ox.Store(str(tmp_path / "kg"))
    for key, cls, label in (("org/gruppa-wagner", "Organization", "Wagner"), ("person/wagner", "Person", "WAGNER")):
        node = ox.NamedNode(f"https://w3id.org/armskg/actor/{key}")
        kg.add(ox.Quad(node, RDF_TYPE, ox.NamedNode(AK + cls)))
        kg.add(ox.Quad(node, RDFS_LABEL, ox.Literal(label)))
    kg.flush()
    del kg
    gc.collect()
    line = _one_line_error(
        _run("query", "actor-profile", "-p", "actor=wagner", "--store", tmp_path / "kg", cwd=tmp_path), 2
    )
    assert "org:gruppa-wagner" in line and "person:wagner" in line


def test_an_unknown_name_is_one_line_with_the_nearest(store: Path, work: Path) -> None:
    line = _one_line_error(_run("query", "transfers", "-p", "supplier=Nrth Korea", "--store", store, cwd=work), 2)
    assert "Nrth Korea" in line and "North Korea" in line


def test_remove_takes_the_article_iri_evidence_prints(tmp_path: Path) -> None:
    (tmp_path / "drones.txt").write_text(DRONES, encoding="utf-8")
    (tmp_path / "shells.txt").write_text(SHELLS, encoding="utf-8")
    kg = tmp_path / "kg"
    assert _run("ingest", tmp_path, "--store", kg, cwd=tmp_path).returncode == 0
    transfers = _bindings(
        _run("query", "transfers", "-p", "supplier=Iran", "--store", kg, "--format", "json", cwd=tmp_path)
    )
    event = transfers[0]["transfer"]["value"]
    evidence = _bindings(
        _run("query", "evidence", "-p", f"event={event}", "--store", kg, "--format", "json", cwd=tmp_path)
    )
    article = evidence[0]["article"]["value"]
    assert article.startswith("https://w3id.org/armskg/article/")
    removed = _run("remove", article, "--store", kg, cwd=tmp_path)
    assert removed.returncode == 0 and "removed 1 articles" in removed.stdout, removed.stderr
    left = _bindings(_run("query", "articles", "--store", kg, "--format", "json", cwd=tmp_path))
    assert [row["identifier"]["value"] for row in left] == ["shells"]


# --- 4. nothing skipped in silence ------------------------------------------------------------


def test_every_file_of_a_folder_that_is_not_read_gets_a_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "drones.txt").write_text(DRONES, encoding="utf-8")
    (corpus / "report.pdf").write_bytes(b"%PDF-1.4 not text")
    (corpus / "sub" / "brief.docx").write_bytes(b"PK\x03\x04")
    (corpus / "NOTES").write_text("to read later", encoding="utf-8")
    (corpus / "orphan.meta.json").write_text("{}", encoding="utf-8")
    result = _run("ingest", corpus, "--store", tmp_path / "kg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "not read" in line]
    named = {Path(line.split(": ")[1]).name for line in lines}
    assert named == {"report.pdf", "brief.docx", "NOTES", "orphan.meta.json"}, result.stderr
    assert any(".pdf" in line and "armskg reads .txt" in line for line in lines)
    assert "ingested 1 articles (0 unchanged, 0 failed, 4 files not read)" in result.stdout


def test_max_chars_is_an_option_in_help_and_readme_and_is_applied(tmp_path: Path) -> None:
    helped = _run("ingest", "--help", cwd=tmp_path, columns=200)
    assert "--max-chars" in helped.stdout and "1000000" in helped.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`--max-chars`" in readme and "1,000,000" in readme
    (tmp_path / "long.txt").write_text(DRONES * 5, encoding="utf-8")
    (tmp_path / "short.txt").write_text(SHELLS, encoding="utf-8")
    result = _run(
        "ingest",
        tmp_path / "long.txt",
        tmp_path / "short.txt",
        "--max-chars",
        "200",
        "--store",
        tmp_path / "kg",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert re.search(
        r"long\.txt: article text is \d+ characters, over the limit of 200 \(see --max-chars\)", result.stderr
    )
    assert "ingested 1 articles" in result.stdout
    over = _run("ingest", tmp_path / "short.txt", "--max-chars", "2000000", cwd=tmp_path)
    assert over.returncode == 2 and "Traceback" not in over.stderr
    assert "'--max-chars': 2000000 is not in the range 1<=x<=1000000" in over.stderr


@pytest.mark.parametrize(
    "command", [("query", "transfers"), ("summary",), ("export",), ("validate",), ("map", "-o", "m.html")]
)
def test_an_empty_folder_as_store_is_one_line_and_stays_empty(tmp_path: Path, command: tuple[str, ...]) -> None:
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    line = _one_line_error(_run(*command, "--store", folder, cwd=tmp_path), 1)
    assert "not an armskg store" in line and str(folder) in line
    assert "IO error" not in line and "RocksDB" not in line.lower()
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", [("summary",), ("ingest", "IN")])
def test_a_folder_of_other_files_is_never_used_as_a_store(tmp_path: Path, command: tuple[str, ...]) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "draft.pdf").write_bytes(b"%PDF")
    (tmp_path / "a.txt").write_text(DRONES, encoding="utf-8")
    args = [str(tmp_path / "a.txt") if arg == "IN" else arg for arg in command]
    line = _one_line_error(_run(*args, "--store", folder, cwd=tmp_path), 1)
    assert "holds other files (draft.pdf)" in line and "no armskg store" in line
    assert sorted(p.name for p in folder.iterdir()) == ["draft.pdf"]


# --- 5. empty results say so ------------------------------------------------------------------


def test_a_query_that_matches_nothing_says_so_and_keeps_stdout_valid(store: Path, work: Path) -> None:
    args = ("query", "transfers", "-p", "supplier=FRA", "-p", "weapon=drone", "--store", store)
    table = _run(*args, cwd=work)
    assert table.returncode == 0 and table.stdout == ""
    assert (
        _one_line_error_text(table)
        == "armskg: no rows: query 'transfers' with supplier=FRA, weapon=drone matched nothing"
    )
    as_csv = _run(*args, "--format", "csv", cwd=work)
    assert next(csv.reader(io.StringIO(as_csv.stdout)))[0] == "supplierLabel"
    assert len(as_csv.stdout.splitlines()) == 1 and "matched nothing" in as_csv.stderr
    as_json = _run(*args, "--format", "json", cwd=work)
    assert json.loads(as_json.stdout)["results"]["bindings"] == [] and "matched nothing" in as_json.stderr
    as_tsv = _run(*args, "--format", "tsv", cwd=work)
    assert as_tsv.stdout.startswith("?supplierLabel\t") and len(as_tsv.stdout.splitlines()) == 1


def _one_line_error_text(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_query_on_a_store_without_articles_says_why(tmp_path: Path) -> None:
    empty = tmp_path / "in"
    empty.mkdir()
    assert _run("ingest", empty, "--store", tmp_path / "kg", cwd=tmp_path).returncode == 0
    result = _run("query", "transfers", "--store", tmp_path / "kg", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert "holds no articles" in _one_line_error_text(result)


def test_an_export_with_nothing_in_it_says_so(store: Path, work: Path) -> None:
    network = _run("export", "--format", "graphml", "--from", "2031-01-01", "--store", store, cwd=work)
    assert network.returncode == 0 and "<graphml" in network.stdout
    assert "no event matched with --from 2031-01-01" in _one_line_error_text(network)
    register = _run("export", "--format", "csv", "--weapon", "drone", "--from", "2031", "--store", store, cwd=work)
    assert register.stdout.startswith("supplier,") and len(register.stdout.splitlines()) == 1
    assert "no transfer matched" in _one_line_error_text(register)
    full = _run("export", "--format", "graphml", "--store", store, cwd=work)
    assert full.returncode == 0 and full.stderr == ""
