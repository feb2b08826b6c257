"""The code stays ruff-clean and mypy-clean (strict), as the project promises."""

from __future__ import annotations

import subprocess
import sys
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


def test_mypy_strict_is_clean(tmp_path: Path) -> None:
    """``mypy`` as ``pyproject.toml`` configures it (files, strictness), from the repository root:
    what a fresh clone runs, with no tree built for it."""
    result = _run(str(BIN / "mypy"), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
