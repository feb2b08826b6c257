"""The examples in the docstrings are run, so the documentation cannot drift from the code.

Every module of the installed ``armskg`` package is imported and its doctests run with
:func:`doctest.testmod`. ``pkgutil.walk_packages`` over ``armskg.__path__`` finds every module
of an installed wheel; an editable install maps the subpackages (``armskg.loaders`` is the
``loaders/`` folder, ...) outside that path, so the subpackages listed in ``pyproject.toml``
are walked as well.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import tomllib
from pathlib import Path

import pytest

import armskg

ROOT = Path(__file__).resolve().parent.parent
SKIP = frozenset({"armskg.__main__"})  # importing it runs the command line


def _walk(package: str) -> set[str]:
    module = importlib.import_module(package)
    names = {package}
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), package + "."):
        names.add(info.name)
    return names


def _module_names() -> list[str]:
    names = {info.name for info in pkgutil.walk_packages(armskg.__path__, "armskg.")} | {"armskg"}
    pyproject = ROOT / "pyproject.toml"
    if pyproject.is_file():
        config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        for package in config.get("tool", {}).get("setuptools", {}).get("packages", []):
            names |= _walk(str(package))
    return sorted(names - SKIP)


MODULES = _module_names()


def test_every_subpackage_is_found() -> None:
    for package in ("armskg.loaders", "armskg.graph", "armskg.ontology", "armskg.queries", "armskg.cli"):
        assert package in MODULES
    assert "armskg.loaders.readers" in MODULES
    assert "armskg.graph.store" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctest examples failed in {name}"
