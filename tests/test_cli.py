"""The ``armskg`` command line, run as a real subprocess (the installed executable).

Every store lives under a pytest temporary folder (``--store``) and every command runs with
a temporary working folder, so nothing is written where the tests are started. A user's
mistake must end in a one-line message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import csv
import importlib.resources
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from armskg.graph.store import open_store
from armskg.queries.library import list_queries

# rdflib's own parsers call its deprecated Dataset API; that is not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")

ARMSKG = Path(sys.executable).parent / "armskg"
SAMPLES = Path(str(importlib.resources.files("armskg.samples")))
COMMANDS = ("ingest", "export", "query", "serve", "map", "validate", "remove", "summary", "demo")

DRONES = "Iran supplied Russia with Shahed-136 drones, the officials said.\n"
SHELLS = "France supplied Ukraine with artillery shells, the officials said.\n"


def _run(*args: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the ``armskg`` executable with ``args`` in ``cwd``; never raises on a non-zero exit."""
    env = {k: v for k, v in os.environ.items() if k != "ARMSKG_STORE"}
    return subprocess.run(
        [str(ARMSKG), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The command failed with ``code`` and said why in one stderr line, without a traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = _lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("armskg: ")
    return lines[0]


def _summary(store: Path, cwd: Path) -> dict[str, int]:
    result = _run("summary", "--store", store, cwd=cwd)
    assert result.returncode == 0, result.stderr
    counts: dict[str, int] = {}
    for line in _lines(result.stdout):
        key, value = line.split()
        counts[key] = int(value)
    return counts


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder for commands that need nothing else."""
    return tmp_path_factory.mktemp("cwd")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled samples, ingested once through the CLI."""
    root = tmp_path_factory.mktemp("samples")
    store = root / "kg"
    result = _run("ingest", SAMPLES, "--store", store, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return store


# --- help -------------------------------------------------------------------------------------


@pytest.mark.parametrize("launcher", ["executable", "module"])
def test_help_lists_every_command(work: Path, launcher: str) -> None:
    if launcher == "executable":
        result = _run("--help", cwd=work)
    else:
        result = subprocess.run(
            [sys.executable, "-m", "armskg", "--help"], cwd=work, capture_output=True, text=True, timeout=120
        )
    assert result.returncode == 0, result.stderr
    listed = set(re.findall(r"^\s{2}(\S+)\s", result.stdout.split("Commands:", 1)[1], re.MULTILINE))
    assert set(COMMANDS) <= listed, result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(work: Path, command: str) -> None:
    result = _run(command, "--help", cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: armskg {command}")
    assert "--help" in result.stdout
    assert result.stderr == ""


def test_version(work: Path) -> None:
    result = _run("--version", cwd=work)
    assert result.returncode == 0
    assert result.stdout.startswith("armskg, version ")


# --- ingest -----------------------------------------------------------------------------------


def test_ingest_reports_a_bad_file_and_keeps_the_good_one(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(DRONES, encoding="utf-8")
    (inbox / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    store = tmp_path / "kg"
    result = _run("ingest", inbox, "--store", store, cwd=tmp_path)
    line = _assert_one_line_error(result, 1)
    assert "bad.txt" in line
    assert "good.txt" not in line
    assert "binary" in line
    assert re.search(r"\bingested 1 articles\b", result.stdout), result.stdout
    assert "1 failed" in result.stdout

    query = _run("query", "transfers", "--store", store, "--format", "json", cwd=tmp_path)
    assert query.returncode == 0, query.stderr
    bindings = json.loads(query.stdout)["results"]["bindings"]
    assert [(b["supplierLabel"]["value"], b["recipientLabel"]["value"]) for b in bindings] == [("Iran", "Russia")]


def test_ingest_again_changes_nothing_and_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRONES, encoding="utf-8")
    store = tmp_path / "kg"
    assert _run("ingest", tmp_path / "a.txt", "--store", store, cwd=tmp_path).returncode == 0
    again = _run("ingest", tmp_path / "a.txt", "--store", store, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "ingested 0 articles (1 unchanged, 0 failed)" in again.stdout


def test_ingest_of_a_missing_path_is_one_line(tmp_path: Path) -> None:
    result = _run("ingest", tmp_path / "nowhere", "--store", tmp_path / "kg", cwd=tmp_path)
    line = _assert_one_line_error(result, 1)
    assert "nowhere" in line


def test_ingest_into_a_store_in_use_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRONES, encoding="utf-8")
    holder = open_store(tmp_path / "kg")
    result = _run("ingest", tmp_path / "a.txt", "--store", tmp_path / "kg", cwd=tmp_path)
    line = _assert_one_line_error(result, 1)
    assert "in use" in line
    del holder


def test_ingest_never_writes_to_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DRONES, encoding="utf-8")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    assert _run("ingest", tmp_path / "in", "--store", tmp_path / "kg", cwd=cwd).returncode == 0
    assert list(cwd.iterdir()) == []


# --- query ------------------------------------------------------------------------------------


def test_query_list_names_every_library_query(work: Path) -> None:
    result = _run("query", "--list", cwd=work)
    assert result.returncode == 0, result.stderr
    names = [q.name for q in list_queries()]
    assert {"transfers", "evidence", "statements-about-transfers", "coalition-cosignatures"} <= set(names)
    listed = {line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith(" ")}
    assert listed == set(names)
    assert "--param supplier=<actor>" in result.stdout


def test_query_json_is_sparql_results_json(sample_store: Path, work: Path) -> None:
    result = _run("query", "transfers", "--store", sample_store, "--format", "json", cwd=work)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    variables = answer["head"]["vars"]
    assert variables[:3] == ["supplierLabel", "recipientLabel", "weaponLabel"]
    bindings = answer["results"]["bindings"]
    assert bindings
    for binding in bindings:
        assert set(binding) <= set(variables)
        assert binding["transfer"]["type"] == "uri"
        assert binding["supplierLabel"]["type"] == "literal"
    suppliers = {b["supplier"]["value"] for b in bindings}
    assert "https://w3id.org/armskg/actor/state/PRK" in suppliers


def test_query_with_a_param_filters(sample_store: Path, work: Path) -> None:
    result = _run("query", "transfers", "--store", sample_store, "-p", "supplier=prk", "--format", "json", cwd=work)
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert bindings
    assert {b["supplier"]["value"] for b in bindings} == {"https://w3id.org/armskg/actor/state/PRK"}


def test_query_csv(sample_store: Path, work: Path) -> None:
    result = _run("query", "transfers", "--store", sample_store, "--format", "csv", cwd=work)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["supplierLabel", "recipientLabel", "weaponLabel"]
    assert body
    assert all(len(row) == len(header) for row in body)


def test_query_table_is_the_default(sample_store: Path, work: Path) -> None:
    result = _run("query", "transfers", "--store", sample_store, "--width", "0", cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[:3] == ["supplier", "recipient", "weapon"]


def test_unknown_query_is_exit_2_and_one_line(sample_store: Path, work: Path) -> None:
    line = _assert_one_line_error(_run("query", "nosuchquery", "--store", sample_store, cwd=work), 2)
    assert "nosuchquery" in line


def test_param_without_equals_is_exit_2(sample_store: Path, work: Path) -> None:
    line = _assert_one_line_error(
        _run("query", "transfers", "--param", "supplier", "--store", sample_store, cwd=work), 2
    )
    assert "KEY=VALUE" in line


def test_bad_param_value_is_exit_2(sample_store: Path, work: Path) -> None:
    result = _run("query", "transfers", "--param", "weapon=slingshot", "--store", sample_store, cwd=work)
    line = _assert_one_line_error(result, 2)
    assert "slingshot" in line


def test_missing_required_param_is_exit_2(sample_store: Path, work: Path) -> None:
    line = _assert_one_line_error(_run("query", "evidence", "--store", sample_store, cwd=work), 2)
    assert "event" in line


def test_query_on_a_missing_store_is_one_line(tmp_path: Path) -> None:
    line = _assert_one_line_error(_run("query", "transfers", "--store", tmp_path / "none", cwd=tmp_path), 1)
    assert "no store" in line
    assert not (tmp_path / "none").exists()


def test_evidence_query_from_the_cli(sample_store: Path, work: Path) -> None:
    transfers = _run("query", "transfers", "--store", sample_store, "--format", "json", cwd=work)
    iri = json.loads(transfers.stdout)["results"]["bindings"][0]["transfer"]["value"]
    result = _run("query", "evidence", "--param", f"event={iri}", "--store", sample_store, "--format", "json", cwd=work)
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert bindings
    assert all(b["event"]["value"] == iri and b["sentence"]["value"] for b in bindings)


# --- export, validate, map, summary -----------------------------------------------------------


def test_export_turtle_to_a_file(sample_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    result = _run("export", "--format", "turtle", "-o", out, "--store", sample_store, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    graph = rdflib.Graph().parse(out, format="turtle")
    ak = rdflib.Namespace("https://w3id.org/armskg/ontology#")
    assert set(graph.subjects(rdflib.RDF.type, ak.Transfer))
    assert list(graph.subjects(rdflib.RDF.type, ak.Evidence)) == []


def test_export_nquads_to_stdout(sample_store: Path, work: Path) -> None:
    result = _run("export", "--store", sample_store, cwd=work)
    assert result.returncode == 0, result.stderr
    dataset = rdflib.Dataset()
    dataset.parse(data=result.stdout, format="nquads")
    assert len(list(dataset.quads((None, None, None, None)))) > 1000


def test_validate_samples_exit_0(sample_store: Path, work: Path) -> None:
    result = _run("validate", "--store", sample_store, cwd=work)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "conforms" in result.stdout


def test_validate_a_broken_store_exit_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRONES, encoding="utf-8")
    store = tmp_path / "kg"
    assert _run("ingest", tmp_path / "a.txt", "--store", store, cwd=tmp_path).returncode == 0
    kg = open_store(store)
    kg.update(
        "INSERT DATA { <https://w3id.org/armskg/event/transfer/broken> a <https://w3id.org/armskg/ontology#Transfer> }"
    )
    kg.flush()
    del kg
    result = _run("validate", "--store", store, cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "violations" in result.stderr
    assert "Traceback" not in result.stderr


def test_map_is_written_and_needs_no_network(sample_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "maps" / "map.html"
    result = _run("map", "-o", out, "--store", sample_store, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    remote = re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//[^\s"'>]*""", page, re.IGNORECASE)
    assert remote == []
    assert "North Korea" in page


def test_summary_of_the_samples(sample_store: Path, work: Path) -> None:
    counts = _summary(sample_store, work)
    assert set(counts) == {
        "articles",
        "actors",
        "states",
        "persons",
        "organizations",
        "statements",
        "transfers",
        "strikes",
    }
    assert counts["articles"] == 8
    assert counts["transfers"] > 0


# --- serve ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_without_a_store_is_one_line(tmp_path: Path) -> None:
    line = _assert_one_line_error(_run("serve", "--store", tmp_path / "none", cwd=tmp_path, timeout=60), 1)
    assert "no store" in line


def _signal_state(pid: int) -> str:
    """What a process that ignored SIGINT had: its signal masks and its threads' states (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        threads = [
            (task / "stat").read_text().rsplit(")", 1)[1].split()[0] + ":" + (task / "comm").read_text().strip()
            for task in Path(f"/proc/{pid}/task").iterdir()
        ]
    except OSError as exc:
        return f"no /proc state ({exc})"
    masks = [line for line in status if line.startswith(("SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"))]
    return "; ".join(masks) + "; threads " + " ".join(threads)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("background", [False, True], ids=["foreground", "started-with-sigint-ignored"])
def test_serve_answers_sparql_and_stops_on_ctrl_c(sample_store: Path, tmp_path: Path, background: bool) -> None:
    """Ctrl-C stops the endpoint, also when it was started the way a shell starts a background
    job (``nohup armskg serve &``), with SIGINT ignored."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "ARMSKG_STORE"}
    process = subprocess.Popen(
        [str(ARMSKG), "serve", "--store", str(sample_store), "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=_ignore_sigint if background else None,
    )
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://w3id.org/armskg/ontology#Transfer> }"
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        answer: dict[str, object] | None = None
        deadline = time.monotonic() + 60
        while answer is None and time.monotonic() < deadline:
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"armskg serve ended with {process.returncode}: {(out + err)[-2000:]}")
            try:
                with opener.open(request, timeout=5) as response:
                    answer = json.loads(response.read().decode("utf-8"))
            except OSError:
                time.sleep(0.3)
        assert answer is not None, "the endpoint did not answer within 60 s"
        bindings = answer["results"]["bindings"]  # type: ignore[index]
        assert int(bindings[0]["n"]["value"]) > 0
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"armskg serve did not stop 60 s after SIGINT: {_signal_state(process.pid)}")
        assert f"http://127.0.0.1:{port}/query" in out
        assert "Traceback" not in err
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


# --- remove -----------------------------------------------------------------------------------


def test_remove_takes_one_article_out(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(DRONES, encoding="utf-8")
    (tmp_path / "two.txt").write_text(SHELLS, encoding="utf-8")
    store = tmp_path / "kg"
    assert _run("ingest", tmp_path / "one.txt", tmp_path / "two.txt", "--store", store, cwd=tmp_path).returncode == 0
    before = _summary(store, tmp_path)
    assert (before["articles"], before["transfers"]) == (2, 2)
    result = _run("remove", "one", "--store", store, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "removed 1 articles" in result.stdout
    after = _summary(store, tmp_path)
    assert (after["articles"], after["transfers"]) == (1, 1)


def test_remove_of_an_unknown_article_is_exit_1(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(DRONES, encoding="utf-8")
    store = tmp_path / "kg"
    assert _run("ingest", tmp_path / "one.txt", "--store", store, cwd=tmp_path).returncode == 0
    line = _assert_one_line_error(_run("remove", "nosuch", "--store", store, cwd=tmp_path), 1)
    assert "nosuch" in line
    assert _summary(store, tmp_path)["articles"] == 1


# --- demo -------------------------------------------------------------------------------------


def test_demo_prints_summary_queries_and_map(tmp_path: Path) -> None:
    store, out = tmp_path / "kg", tmp_path / "out"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    result = _run("demo", "--store", store, "--out", out, cwd=cwd)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "Traceback" not in result.stderr
    stdout = result.stdout
    assert "== summary" in stdout
    assert "== query transfers" in stdout
    assert "== query statements-about-transfers --param stance=condemn" in stdout
    assert "== query coalition-cosignatures" in stdout
    map_file = out / "coalition-map.html"
    assert map_file.is_file()
    assert f"== coalition map written to {map_file.resolve()}" in stdout
    positions = [stdout.index(h) for h in ("== summary", "== query transfers", "== coalition map")]
    assert positions == sorted(positions)
    assert list(cwd.iterdir()) == []
    # a second run finds every sample already there
    again = _run("demo", "--store", store, "--out", out, cwd=cwd)
    assert again.returncode == 0, again.stderr
    assert "(0 articles ingested, 8 unchanged)" in again.stdout


def test_store_can_be_read_by_pyoxigraph_after_the_cli(sample_store: Path) -> None:
    store = ox.Store.read_only(str(sample_store))
    assert any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_an_unwritable_output_is_one_line_not_a_traceback(sample_store: Path, work: Path) -> None:
    result = _run("export", "--store", sample_store, "--format", "turtle", "-o", work / "missing" / "x.ttl", cwd=work)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot write" in lines[0]
