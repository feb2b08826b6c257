"""Reading articles from files and folders: plain text with sidecars, JSON Lines and HTML.

Every input here is written by the test itself. A bad file or line must come back as one
:class:`InputError` naming the file (and line) and the reason, and never stop the rest.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from armskg.loaders.article import Article, parse_date
from armskg.loaders.readers import InputError, read_articles

BODY = "Iran supplied Russia with Shahed-136 drones, the officials said.\n\nThe talks ended on Friday.\n"


def _read(*paths: Path, max_bytes: int | None = None) -> tuple[list[Article], list[InputError]]:
    """Articles and errors that ``read_articles`` yields for ``paths``, in order."""
    items = list(read_articles(paths) if max_bytes is None else read_articles(paths, max_bytes=max_bytes))
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


def _only_error(*paths: Path, max_bytes: int | None = None) -> InputError:
    """The single InputError of a read that yields nothing else."""
    articles, errors = _read(*paths, max_bytes=max_bytes)
    assert articles == []
    assert len(errors) == 1, errors
    return errors[0]


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- plain text -------------------------------------------------------------------------------


def test_txt_with_sidecar_takes_all_four_keys(tmp_path: Path) -> None:
    txt = tmp_path / "drones.txt"
    txt.write_text(BODY, encoding="utf-8")
    meta = {
        "url": "https://example.org/news/drones",
        "date": "2022-10-18",
        "publisher": "Example Wire",
        "title": "Drones for Russia",
    }
    _write_json(tmp_path / "drones.meta.json", meta)
    articles, errors = _read(txt)
    assert errors == []
    [article] = articles
    assert article.id == "drones"
    assert article.text == BODY
    assert article.url == meta["url"]
    assert article.date == dt.date(2022, 10, 18)
    assert article.date_text == "2022-10-18"
    assert article.publisher == "Example Wire"
    assert article.title == "Drones for Russia"
    assert article.body_start == 0
    assert article.source == str(txt)


def test_sidecar_is_not_read_as_an_article_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    _write_json(tmp_path / "a.meta.json", {"publisher": "Example Wire"})
    articles, errors = _read(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["a"]
    assert articles[0].publisher == "Example Wire"


def test_date_line_is_the_publication_date_and_the_text_is_kept_whole(tmp_path: Path) -> None:
    raw = " date 2024-01-10\nSEOUL - North Korea shipped ballistic missiles to Russia, officials said.\n"
    (tmp_path / "dated.txt").write_text(raw, encoding="utf-8")
    [article], errors = _read(tmp_path / "dated.txt")
    assert errors == []
    assert article.date == dt.date(2024, 1, 10)
    assert article.date_text == "2024-01-10"
    assert article.text == raw
    assert article.text[: article.body_start].strip() == "date 2024-01-10"
    assert article.text[article.body_start :].lstrip().startswith("SEOUL - North Korea")


def test_partial_date_line_keeps_what_is_known(tmp_path: Path) -> None:
    raw = " date 2023-04\nGermany pledged air defence systems to Ukraine.\n"
    (tmp_path / "april.txt").write_text(raw, encoding="utf-8")
    [article], errors = _read(tmp_path / "april.txt")
    assert errors == []
    assert article.date is None
    assert article.date_text == "2023-04"
    assert article.text == raw
    assert article.text[: article.body_start].strip() == "date 2023-04"
    assert article.text[article.body_start :].lstrip().startswith("Germany pledged")


def test_sidecar_date_wins_over_the_date_line(tmp_path: Path) -> None:
    (tmp_path / "both.txt").write_text(" date 2023-01-05\nFrance supplied Ukraine with shells.\n", encoding="utf-8")
    _write_json(tmp_path / "both.meta.json", {"date": "2023-02-07"})
    [article], errors = _read(tmp_path / "both.txt")
    assert errors == []
    assert article.date == dt.date(2023, 2, 7)
    assert article.date_text == "2023-02-07"


def test_windows_line_ends_become_newlines(tmp_path: Path) -> None:
    (tmp_path / "crlf.txt").write_bytes(b"First line.\r\nSecond line.\r\n")
    [article], _ = _read(tmp_path / "crlf.txt")
    assert article.text == "First line.\nSecond line.\n"


# --- JSON Lines -------------------------------------------------------------------------------


def test_jsonl_reads_every_record_with_metadata(tmp_path: Path) -> None:
    records = [
        {"id": "n1", "text": "Iran supplied Russia with drones.", "date": "2022-10-18", "publisher": "Wire A"},
        {"id": 2, "text": "France supplied Ukraine with shells.", "url": "https://example.org/2", "title": "Shells"},
        {"id": "n3", "text": "Japan condemned the transfer.", "date": "2024-01"},
    ]
    path = tmp_path / "notes.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    articles, errors = _read(path)
    assert errors == []
    assert [a.id for a in articles] == ["n1", "2", "n3"]
    assert articles[0].date == dt.date(2022, 10, 18)
    assert articles[0].publisher == "Wire A"
    assert articles[1].url == "https://example.org/2"
    assert articles[1].title == "Shells"
    assert articles[1].date is None
    assert (articles[2].date, articles[2].date_text) == (None, "2024-01")
    assert articles[1].source == f"{path}:2"


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"id": "x", "text": "unterminated', "not valid JSON"),
        ('["a list", "not an object"]', "JSON object"),
        ('{"text": "No identifier here."}', 'missing "id"'),
        ('{"id": true, "text": "A boolean is no identifier."}', 'missing "id"'),
        ('{"id": "empty", "text": "   "}', 'missing or empty "text"'),
        ('{"id": "good1", "text": "The same identifier again."}', "appears twice"),
        ('{"id": "baddate", "text": "Text.", "date": "2023-02-30"}', "date"),
        ('{"id": "badpub", "text": "Text.", "publisher": 7}', "publisher"),
    ],
)
def test_jsonl_bad_line_is_one_error_with_its_line_number(tmp_path: Path, bad_line: str, reason: str) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "good1", "text": "Iran supplied Russia with drones."}),
        bad_line,
        json.dumps({"id": "good2", "text": "France supplied Ukraine with shells."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = _read(path)
    assert [a.id for a in articles] == ["good1", "good2"]
    assert len(errors) == 1, errors
    [error] = errors
    assert error.line == 2
    assert str(error).startswith(f"{path}:2: ")
    assert reason in str(error)
    assert "\n" not in str(error)


def test_jsonl_with_several_bad_lines_reports_each_once(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    lines = [
        "not json at all",
        json.dumps({"id": "a", "text": "Iran supplied Russia with drones."}),
        "42",
        json.dumps({"id": "a", "text": "Duplicate."}),
        json.dumps({"id": "b", "text": "France supplied Ukraine with shells."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, errors = _read(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert [e.line for e in errors] == [1, 3, 4]
    assert all(str(e).startswith(f"{path}:") for e in errors)


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ministers discuss drone deliveries</title>
<meta name="date" content="2023-03-14">
<meta property="og:site_name" content="Example Daily">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World desk</a> <a href="/sport">Sport pages</a></nav>
<article>
<h1>Ministers discuss drone deliveries</h1>
<p>Iran supplied Russia with Shahed-136 drones, the officials said on Tuesday at a briefing in the capital.</p>
<p>The ministers of several European states met later in the week to discuss the deliveries and the region.</p>
<p>Analysts said the drones had been used against power stations and that more shipments were expected.</p>
</article>
<footer><p>Copyright notice of the made-up site. Subscribe to our newsletter for more.</p></footer>
</body>
</html>
"""


def test_html_page_gives_article_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article], errors = _read(path)
    assert errors == []
    assert article.id == "page"
    assert "Iran supplied Russia with Shahed-136 drones" in article.text
    assert "more shipments were expected" in article.text
    assert "Subscribe to our newsletter" not in article.text
    assert "Sport pages" not in article.text
    assert article.title == "Ministers discuss drone deliveries"
    assert article.date == dt.date(2023, 3, 14)


def test_folder_reads_htm_and_html(tmp_path: Path) -> None:
    (tmp_path / "one.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "two.htm").write_text(PAGE, encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert errors == []
    assert sorted(a.id for a in articles) == ["one", "two"]


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    error = _only_error(path)
    assert str(error).startswith(str(path))


# --- bad inputs -------------------------------------------------------------------------------


def test_binary_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02\x03binary")
    error = _only_error(path)
    assert str(error).startswith(f"{path}: ")
    assert "binary" in str(error)


def test_invalid_utf8_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 talks in Z\u00fcrich.".encode("latin-1"))
    error = _only_error(path)
    assert str(error).startswith(f"{path}: ")
    assert "UTF-8" in str(error)


def test_empty_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    error = _only_error(path)
    assert str(error).startswith(f"{path}: ")
    assert "empty" in str(error)


def test_folder_ignores_unknown_suffixes(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "readme.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["good"]


def test_nested_folders_are_read(tmp_path: Path) -> None:
    (tmp_path / "2024" / "jan").mkdir(parents=True)
    (tmp_path / "2024" / "jan" / "deep.txt").write_text(BODY, encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["deep"]


def test_nonexistent_path_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such.txt"
    error = _only_error(path)
    assert str(error).startswith(f"{path}: ")
    assert "no such file" in str(error)


def test_good_file_still_comes_after_a_missing_one(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    articles, errors = _read(tmp_path / "missing.txt", tmp_path / "good.txt")
    assert [a.id for a in articles] == ["good"]
    assert len(errors) == 1
    assert "missing.txt" in str(errors[0])


def test_sidecar_with_invalid_json_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    sidecar = tmp_path / "a.meta.json"
    sidecar.write_text('{"date": "2024-01-10",', encoding="utf-8")
    error = _only_error(tmp_path / "a.txt")
    assert str(error).startswith(f"{sidecar}: ")
    assert "not valid JSON" in str(error)


def test_sidecar_that_is_not_an_object_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    sidecar = _write_json(tmp_path / "a.meta.json", ["2024-01-10"])
    error = _only_error(tmp_path / "a.txt")
    assert str(error).startswith(f"{sidecar}: ")
    assert "object" in str(error)


def test_sidecar_with_impossible_date_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    sidecar = _write_json(tmp_path / "a.meta.json", {"date": "2023-02-30"})
    error = _only_error(tmp_path / "a.txt")
    assert str(error).startswith(f"{sidecar}: ")
    assert "date" in error.reason


def test_sidecar_with_impossible_month_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    sidecar = _write_json(tmp_path / "a.meta.json", {"date": "2023-13"})
    error = _only_error(tmp_path / "a.txt")
    assert str(error).startswith(f"{sidecar}: ")
    assert "month" in error.reason


@pytest.mark.parametrize("key", ["url", "date", "publisher", "title"])
def test_sidecar_with_a_non_string_value_is_one_error(tmp_path: Path, key: str) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    sidecar = _write_json(tmp_path / "a.meta.json", {key: 20240110})
    error = _only_error(tmp_path / "a.txt")
    assert str(error).startswith(f"{sidecar}: ")
    assert key in error.reason
    assert "string" in error.reason


def test_file_over_the_size_limit_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(BODY * 10, encoding="utf-8")
    error = _only_error(path, max_bytes=100)
    assert str(error).startswith(f"{path}: ")
    assert "limit" in error.reason
    articles, errors = _read(path, max_bytes=10_000)
    assert errors == []
    assert len(articles) == 1


def test_size_limit_applies_to_jsonl_and_html(tmp_path: Path) -> None:
    (tmp_path / "big.jsonl").write_text(json.dumps({"id": "x", "text": BODY * 5}), encoding="utf-8")
    (tmp_path / "big.html").write_text(PAGE, encoding="utf-8")
    articles, errors = _read(tmp_path, max_bytes=64)
    assert articles == []
    assert sorted(Path(e.path).name for e in errors) == ["big.html", "big.jsonl"]


def test_a_bad_file_does_not_stop_the_folder(tmp_path: Path) -> None:
    (tmp_path / "a_bad.txt").write_bytes(b"\x00\x00\x00")
    (tmp_path / "b_good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "c_notes.jsonl").write_text(json.dumps({"id": "c1", "text": BODY}) + "\n", encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert [a.id for a in articles] == ["b_good", "c1"]
    assert [Path(e.path).name for e in errors] == ["a_bad.txt"]


# --- parse_date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-10", (dt.date(2024, 1, 10), "2024-01-10")),
        ("2024-01-10T08:00:00Z", (dt.date(2024, 1, 10), "2024-01-10")),
        ("  2024-1-9 ", (dt.date(2024, 1, 9), "2024-01-09")),
        ("2024-02-29", (dt.date(2024, 2, 29), "2024-02-29")),
        ("2023-04", (None, "2023-04")),
        ("2023-4", (None, "2023-04")),
        ("2023", (None, "2023")),
    ],
)
def test_parse_date_reads_full_and_partial_dates(value: str, expected: tuple[dt.date | None, str]) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2023-02-30", "2023-02-29", "2023-13-01", "2023-00", "yesterday", "", "Jan 2024"])
def test_parse_date_refuses_impossible_dates(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)
