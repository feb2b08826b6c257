"""The code stays ruff-clean and mypy-clean (strict), as the project promises."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_lint_is_clean() -> None:
    result = _run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def _link_tree(target: Path) -> Path:
    """The package as installed (``armskg.loaders`` <- ``loaders/`` ...), as symlinks mypy can read."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    for package, folder in sorted(mapping.items()):
        dest = target.joinpath(*package.split("."))
        dest.mkdir(parents=True, exist_ok=True)
        for source in (ROOT / folder).glob("*.py*"):
            if source.suffix in (".py", ".typed") and not (dest / source.name).exists():
                (dest / source.name).symlink_to(source)
    return target / "armskg"


def test_mypy_strict_is_clean(tmp_path: Path) -> None:
    package = _link_tree(tmp_path / "tree")
    env = {**os.environ, "MYPYPATH": str(tmp_path / "tree")}
    result = subprocess.run(
        [str(BIN / "mypy"), "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache"),
         str(package), str(ROOT / "tests"), str(ROOT / "benchmarks")],
        cwd=tmp_path, capture_output=True, text=True, timeout=900, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
