"""The million-article benchmark goes on where it stopped: its records, not its timings, are tested."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def million() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("million", BENCHMARKS / "million.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["million"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_load_bands_credit_each_article_to_the_attempt_that_loaded_it(million: ModuleType) -> None:
    log = [
        "t part 1 attempt 1 start wall 0.0 s cpu 0.0 s",
        "t part 1 attempt 1 10 articles wall 5.0 s cpu 9.0 s",
        "t part 1 attempt 1 20 articles wall 11.0 s cpu 20.0 s",
        "t part 1 attempt 1 merging 7 blocks wall 11.5 s cpu 21.0 s",
        "t part 1 attempt 2 start wall 0.0 s cpu 0.0 s",
        "t part 1 attempt 2 10 articles wall 0.5 s cpu 0.5 s",  # skipped: stored by attempt 1
        "t part 1 attempt 2 20 articles wall 1.0 s cpu 1.0 s",
        "t part 1 attempt 2 30 articles wall 9.0 s cpu 16.0 s",
        "t part 1 attempt 2 40 articles wall 15.0 s cpu 27.0 s",
        "t part 2 attempt 1 10 articles wall 4.0 s cpu 8.0 s",
    ]
    assert million.load_bands(log, 1, band=20) == [(20, 11.0, 20.0), (40, 14.0, 26.0)]
    assert million.load_bands(log, 1, band=25) == [(20, 11.0, 20.0), (40, 14.0, 26.0)]
    assert million.load_bands(log, 2, band=20) == [(10, 4.0, 8.0)]


def test_a_stopped_query_phase_times_only_the_cases_not_recorded(
    million: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--dir", str(tmp_path), "--articles", "60", "--workers", "1", "--queries-repeat", "1"]
    assert million.main(args) == 0
    first = capsys.readouterr().out
    records = (tmp_path / "queries.jsonl").read_text().splitlines()
    names = [json.loads(line)["name"] for line in records]
    assert len(records) > 20 and "transfers" in names
    (tmp_path / "queries.jsonl").write_text("\n".join(records[:-3]) + "\n")

    assert million.main(args) == 0
    second = capsys.readouterr().out
    assert f"{len(records) - 3} cases timed by an earlier attempt" in second
    timed_again = [line for line in second.splitlines() if line.startswith("  ") and ": p50 " in line]
    assert len(timed_again) == 3
    assert len((tmp_path / "queries.jsonl").read_text().splitlines()) == len(records)
    table = [line for line in second.splitlines() if line.startswith("| `")]
    assert len(table) == len(records) == len([line for line in first.splitlines() if line.startswith("| `")])
    assert len((tmp_path / "parts.jsonl").read_text().splitlines()) == 1  # the ingest was not run again
