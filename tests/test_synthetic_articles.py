"""The synthetic corpus generator of the scale benchmarks (``benchmarks/synthetic_articles.py``).

It must be reproducible (the same seed and count give the same bytes; a smaller corpus is a
prefix of a larger one), write JSON Lines that armskg's readers take, and hold text that
armskg's extractor finds transfers, strikes and statements in.
"""

from __future__ import annotations

import datetime as dt
import doctest
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

import pytest

from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.readers import InputError, read_articles

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import synthetic_articles as synth  # the benchmarks folder is not a package: found through sys.path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_same_seed_same_bytes_and_smaller_corpus_is_a_prefix(tmp_path: Path) -> None:
    small = synth.write_corpus(tmp_path / "a", 20, seed=3)
    again = synth.write_corpus(tmp_path / "b", 20, seed=3)
    large = synth.write_corpus(tmp_path / "c", 45, seed=3)
    other = synth.write_corpus(tmp_path / "d", 20, seed=4)
    first = small.files[0].read_bytes()
    assert first == again.files[0].read_bytes()
    assert large.files[0].read_bytes().startswith(first)
    assert other.files[0].read_bytes() != first
    assert small.articles == 20 and small.bytes == len(first)
    assert synth.article_record(30, seed=3) == json.loads(_lines(large.files[0])[30])


def test_shards_are_consecutive_pieces_of_the_same_corpus(tmp_path: Path) -> None:
    whole = synth.write_corpus(tmp_path / "whole", 25, seed=5)
    sharded = synth.write_corpus(tmp_path / "sharded", 25, seed=5, shards=3, workers=2)
    assert [p.name for p in sharded.files] == ["corpus-00000.jsonl", "corpus-00001.jsonl", "corpus-00002.jsonl"]
    assert [len(_lines(p)) for p in sharded.files] == [9, 8, 8]
    assert b"".join(p.read_bytes() for p in sharded.files) == whole.files[0].read_bytes()
    assert sharded.bytes == whole.bytes


def test_the_readers_accept_every_line_and_ids_are_unique(tmp_path: Path) -> None:
    stats = synth.write_corpus(tmp_path, 150, seed=11, shards=2)
    items = list(read_articles([tmp_path]))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors == []
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == stats.articles == 150
    assert len({a.id for a in articles}) == 150
    assert all(a.date is not None and a.publisher and a.title and a.url for a in articles)


def test_articles_are_about_three_kilobytes_and_shaped_like_news() -> None:
    records = list(synth.generate_articles(300, seed=2))
    sizes = [len(r["text"].encode("utf-8")) for r in records]
    assert 2_000 <= statistics.mean(sizes) <= 4_000
    days = [dt.date.fromisoformat(r["date"]) for r in records]
    assert min(days) >= synth.FIRST_DAY and max(days) <= synth.LAST_DAY
    assert len({d.year for d in days}) >= 4  # several years of coverage
    publishers = Counter(r["publisher"] for r in records)
    assert len(publishers) >= 80  # many publishers ...
    assert publishers.most_common(1)[0][1] >= 5 * statistics.median(publishers.values())  # ... a few much bigger
    events = Counter(synth.main_event(i, seed=2) for i in range(300))
    assert events.most_common(1)[0][1] >= 3  # the same event reported by several articles ...
    assert len(events) < 280  # ... and many events reported more than once
    assert all(synth.article_record(i, seed=2) == records[i] for i in (0, 299))
    joined = "\n".join(r["text"] for r in records)
    for boilerplate in ("Reporting by", "Editing by", "All rights reserved", "Related articles", "By "):
        assert boilerplate in joined


def test_armskg_extracts_transfers_strikes_and_statements_from_the_text() -> None:
    kinds: Counter[str] = Counter()
    group_statements = 0
    for record in synth.generate_articles(30, seed=1):
        article = Article.from_text(record["id"], record["text"], date=record["date"], title=record["title"])
        found = extract(article)
        kinds.update(transfer=len(found.transfers), strike=len(found.strikes), statement=len(found.statements))
        group_statements += any(len(s.speakers) >= 10 for s in found.statements)
    assert kinds["transfer"] >= 1 and kinds["strike"] >= 1 and kinds["statement"] >= 1, kinds
    assert kinds["statement"] >= 30  # reactions in (nearly) every article
    assert group_statements >= 1  # a joint statement with its long list of signatories


def test_bad_parameters_are_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        synth.main(["--articles", "-5", "-o", str(tmp_path)])
    assert exited.value.code == 2
    assert "--articles must be 0 or more" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        synth.main(["--shards", "0", "-o", str(tmp_path)])
    assert synth.main(["--articles", "3", "-o", str(tmp_path)]) == 0
    assert "wrote 3 articles" in capsys.readouterr().out
    assert synth.main(["--articles", "3", "-o", str(tmp_path), "--shards", "2"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert synth.main(["--articles", "3", "-o", str(tmp_path), "--shards", "2", "--force"]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.jsonl")) == ["corpus-00000.jsonl", "corpus-00001.jsonl"]
    with pytest.raises(ValueError, match="0 or more"):
        synth.article_record(-1)


def test_the_module_examples_run() -> None:
    result = doctest.testmod(synth, verbose=False)
    assert result.attempted >= 3 and result.failed == 0
