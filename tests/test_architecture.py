"""The floor plan holds: no module imports another in a circle, and no module grows past 500 lines.

The package's modules are found through the folder mapping of ``pyproject.toml`` (``armskg.graph``
<- ``graph/`` ...) and their imports read with :mod:`ast` (every ``import``, at any depth, a
function-local one included: a circle broken only by importing late is still a circle).
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 500

TOO_LONG_KNOWN: frozenset[str] = frozenset()
"""Modules allowed past :data:`MAX_LINES` for now; each entry is a debt, to be emptied."""


def _modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    found: dict[str, Path] = {}
    for package, folder in mapping.items():
        base = ROOT / folder
        for path in base.rglob("*.py"):
            parts = path.relative_to(base).with_suffix("").parts
            if any(p.startswith(".") or p == "__pycache__" for p in parts):
                continue
            name = ".".join((package, *parts)).removesuffix(".__init__")
            found.setdefault(name, path)
    return found


def _imports(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The package modules ``name`` imports (``from .x import y`` resolved; ``y`` when it is a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            if target in known and target != name:
                yield target


def _graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(name, path, set(modules)):
            # a package's __init__ re-exporting its own modules is how a package shows its surface
            if not (path.name == "__init__.py" and target.startswith(name + ".")):
                graph.add_edge(name, target)
    return graph


def _known_long(name: str) -> bool:
    return any(name == k or (k.endswith(".*") and name.startswith(k[:-1])) for k in TOO_LONG_KNOWN)


def test_the_package_is_found() -> None:
    modules = _modules()
    assert "armskg.cli" in modules and "armskg.graph" in modules and "armskg.ontology.vocabulary" in modules


def test_no_import_cycle() -> None:
    cycles = sorted(" -> ".join([*c, c[0]]) for c in nx.simple_cycles(_graph()))
    assert not cycles, "import cycles:\n" + "\n".join(cycles[:20])


def test_no_module_over_500_lines() -> None:
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text().splitlines())) > MAX_LINES and not _known_long(name)
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_known_exceptions_are_still_needed() -> None:
    """An exception that no longer applies goes from :data:`TOO_LONG_KNOWN`, so the list only shrinks."""
    modules = _modules()
    stale = {
        k
        for k in TOO_LONG_KNOWN
        if not k.endswith(".*") and (k not in modules or len(modules[k].read_text().splitlines()) <= MAX_LINES)
    }
    assert not stale, f"no longer over {MAX_LINES} lines, remove from TOO_LONG_KNOWN: {sorted(stale)}"
