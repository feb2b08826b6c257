"""The notebooks in ``notebooks/`` run top to bottom, and are committed without outputs.

Each notebook is executed with nbclient on the ``python3`` kernel of this environment
(ipykernel is a test extra), in a temporary working folder, with 120 s per cell.  The kernel's
``TMPDIR`` is a folder of the test's own, so the scratch folders a notebook makes for its store and
maps (kept after a researcher's run, to open the map) go with the test.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))

# What each notebook must show once run: text that appears in its outputs.
MARKERS: dict[str, tuple[str, ...]] = {
    "01_quickstart.ipynb": (
        "articles ingested, 0 failed",
        "supplierLabel",  # the transfers DataFrame
        "speakerLabel",  # the condemnations DataFrame
        "stateALabel",  # the co-signatures DataFrame
        "charStart",  # the evidence DataFrame
        "coalition-map.html",
        "<iframe srcdoc=",
    ),
    "02_sparql.ipynb": (
        "articles ingested into",
        "contested-facts",  # the library table
        "QueryError: parameter 'minSources' (integer): 'many' is not an integer",
        "supplierLabel",  # the query written in the notebook
        "SPARQL endpoint at http://127.0.0.1:",
        "recipientLabel",  # the SPARQLWrapper answer
        "summary",  # SparqlEndpoint running most-corroborated
        "server running: False",
        "article graphs",
        "transfers in the default graph:",
    ),
    "03_coalitions.ipynb": (
        "co_signs",
        "co-signing degree",
        "members",  # the coalitions table
        "bloc of the United States",  # named as on the command line and the map
        "ballistic missiles",
        "FilterError: --from: '2024-13' is not a date",
        "network.gexf:",
        "read back: MultiDiGraph",
        "weapon_category",  # the transfer register
        "coalitions.png",
        "iVBORw0KGgo",  # the figure, shown inline as a PNG
    ),
    "04_provenance.ipynb": (
        "firstReported",  # most-corroborated
        "claims",  # sources-of-fact
        "charStart",  # evidence
        "factLabel",  # contested-facts
        "removed: True",
        "actor mentions,",
        "<mark title=",
        "border-bottom",
    ),
    "05_your_corpus.ipynb": (
        "notes.jsonl:3: not valid JSON",
        "My Research Wire",  # metadata from the sidecar
        "Example Observer",  # the site name taken out of the HTML page
        "4 articles ingested, 1 failed",
        "1 with my-lexicon",
        "Kestrel-9",
        "LexiconError:",
        "weapons.tsv:2: category 'spaceship'",
        "precision",
        "recall",
    ),
}


def _output_text(output: Any) -> str:
    """Everything a cell output shows, as one string (stream text, and every data representation)."""
    parts: list[str] = []
    if "text" in output:
        parts.append(str(output["text"]))
    for value in output.get("data", {}).values():
        parts.append(value if isinstance(value, str) else json.dumps(value))
    return "\n".join(parts)


def _read(path: Path) -> Any:
    """The notebook at ``path`` as an nbformat v4 node."""
    return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]


def test_the_quickstart_notebook_exists() -> None:
    assert (NOTEBOOK_DIR / "01_quickstart.ipynb") in NOTEBOOKS


def test_every_notebook_has_its_markers_and_the_readme_links_it() -> None:
    assert sorted(MARKERS) == [p.name for p in NOTEBOOKS]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"](notebooks/{path.name})" in readme, f"README.md does not link {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    notebook = _read(path)
    scratch = tmp_path_factory.mktemp(f"{path.stem}-tmpdir")
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    try:
        client.execute(env={**os.environ, "TMPDIR": str(scratch)})
    except CellExecutionError as error:
        pytest.fail(f"{path.name}: a cell failed:\n{str(error)[-3000:]}")
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells
    errors = [out for cell in code_cells for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert errors == []
    assert all(cell.get("execution_count") for cell in code_cells)
    shown = "\n".join(_output_text(out) for cell in code_cells for out in cell.get("outputs", []))
    for marker in MARKERS.get(path.name, ()):
        assert marker in shown, f"{path.name}: {marker!r} not in the outputs"
    assert "Traceback" not in shown
    assert list(tmp_path.iterdir()) == [], "the notebook wrote into its working folder"
    assert any(scratch.iterdir()), "the notebook's scratch folder is not under the kernel's TMPDIR"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = _read(path)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"
    for n, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.get("outputs") == [], f"cell {n} has outputs"
            assert cell.get("execution_count") is None, f"cell {n} has an execution count"
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[-1].cell_type == "markdown"
    assert notebook.cells[-1].source.startswith("## Where to go next")


def test_notebooks_name_only_commands_that_exist() -> None:
    from armskg.cli import main

    commands = set(main.commands)
    named = {
        (path.name, found)
        for path in NOTEBOOKS
        for cell in _read(path).cells
        for found in re.findall(r"`armskg ([a-z][a-z-]*)", cell.source)
    }
    assert {command for _, command in named} >= {"map", "query", "export"}  # the check sees them
    unknown = sorted((name, command) for name, command in named if command not in commands)
    assert unknown == [], f"notebooks name armskg commands that do not exist: {unknown}"


def test_notebooks_do_not_promise_notebooks_to_come() -> None:
    for path in NOTEBOOKS:
        text = "\n".join(cell.source for cell in _read(path).cells)
        assert "will follow" not in text, path.name


def test_make_notebooks_installs_jupyter_and_is_not_part_of_make_test() -> None:
    import subprocess

    def dry_run(target: str) -> str:
        done = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True)
        return done.stdout

    notebooks = dry_run("notebooks")
    assert ".venv/bin/python -m pip install" in notebooks and "jupyterlab" in notebooks
    assert ".venv/bin/jupyter lab notebooks/" in notebooks
    assert "jupyter" not in dry_run("test")
    assert "make notebooks" in (ROOT / "README.md").read_text(encoding="utf-8")
