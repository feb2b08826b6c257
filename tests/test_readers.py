"""Reading articles from files and folders: plain text with sidecars, JSON Lines and HTML.

Every input here is written by the test itself. A bad file or line must come back as one
:class:`InputError` naming the file (and line) and the reason, and never stop the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from armskg.loaders.article import Article, parse_date
from armskg.loaders.readers import InputError, parse_size, read_articles

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


# --- limits, encodings and hostile inputs (issue 9) -------------------------------------------


def test_jsonl_is_streamed_with_a_limit_per_line_not_per_file(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    record = json.dumps({"id": "x", "text": BODY})
    with path.open("w", encoding="utf-8") as out:
        for n in range(2000):
            out.write(record.replace('"x"', f'"a{n}"') + "\n")
    assert path.stat().st_size > 200_000
    articles, errors = _read(path, max_bytes=1000)
    assert errors == []
    assert len(articles) == 2000


def test_a_huge_single_line_is_one_error_and_the_next_line_still_comes(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "big", "text": "x" * 3_000_000}) + "\n")
        out.write(json.dumps({"id": "small", "text": BODY}) + "\n")
    articles, errors = _read(path, max_bytes=1_000_000)
    assert [a.id for a in articles] == ["small"]
    [error] = errors
    assert error.line == 1
    assert "over the limit of 1,000,000" in error.reason
    assert "3,000,0" in error.reason


def test_a_huge_last_line_without_newline_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "tail.jsonl"
    path.write_text(json.dumps({"id": "a", "text": BODY}) + "\n" + "y" * 5000, encoding="utf-8")
    articles, errors = _read(path, max_bytes=4000)
    assert [a.id for a in articles] == ["a"]
    assert [(e.line, "limit" in e.reason) for e in errors] == [(2, True)]


def test_text_longer_than_the_extractor_reads_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Iran supplied Russia with drones. " * 40_000, encoding="utf-8")
    error = _only_error(path, max_bytes=10_000_000)
    assert "1,360,000 characters, over the limit of 1,000,000" in error.reason


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-8", b"")],
)
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "Киев: Iran supplied Russia with drones, officials in Zürich said.\n"
    (tmp_path / "enc.txt").write_bytes(bom + text.encode(encoding))
    [article], errors = _read(tmp_path / "enc.txt")
    assert errors == []
    assert article.text == text


def test_utf16_without_a_byte_order_mark_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "enc.txt").write_bytes("Iran supplied Russia with drones.".encode("utf-16-le"))
    error = _only_error(tmp_path / "enc.txt")
    assert "NUL" in error.reason
    assert "byte-order mark" in error.reason


def test_html_page_in_a_declared_charset_is_decoded(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1251">').replace(
        "Iran supplied Russia", "Iran supplied Россия"
    )
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    [article], errors = _read(tmp_path / "ru.html")
    assert errors == []
    assert "Iran supplied Россия" in article.text


def test_html_page_declaring_an_unknown_charset_is_one_error(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="x-no-such-charset">')
    (tmp_path / "odd.html").write_bytes(page.encode("utf-8") + b"\xff")
    error = _only_error(tmp_path / "odd.html")
    assert "unknown charset" in error.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('"\\ud800 lone surrogate"', "unpaired surrogate"),
        ('"ok", "title": "\\udfff"', "unpaired surrogate"),
    ],
)
def test_jsonl_with_invalid_unicode_escapes_is_one_error(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "s", "text": ' + text + "}\n", encoding="utf-8")
    error = _only_error(path)
    assert error.line == 1
    assert reason in error.reason


def test_jsonl_nested_too_deeply_or_with_huge_numbers_is_one_error_per_line(tmp_path: Path) -> None:
    path = tmp_path / "bombs.jsonl"
    lines = [
        "[" * 200_000 + "]" * 200_000,
        '{"id": 1' + "0" * 5000 + ', "text": "x"}',
        json.dumps({"id": "ok", "text": BODY}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = _read(path)
    assert [a.id for a in articles] == ["ok"]
    assert [e.line for e in errors] == [1, 2]
    assert "nested too deeply" in errors[0].reason


def test_jsonl_line_separators_inside_strings_do_not_split_records(tmp_path: Path) -> None:
    path = tmp_path / "seps.jsonl"
    path.write_text(json.dumps({"id": "u", "text": "One\u2028two\u0085three."}, ensure_ascii=False) + "\n")
    [article], errors = _read(path)
    assert errors == []
    assert article.text == "One\u2028two\u0085three."


def test_jsonl_keys_that_clash_with_article_fields_are_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "keys.jsonl"
    record = {"id": "k", "text": BODY, "raw": "x", "article_id": "y", "source": "z", "body_start": "9", "lang": "en"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article], errors = _read(path)
    assert errors == []
    assert (article.id, article.body_start, article.source) == ("k", 0, f"{path}:1")
    assert article.extra == {"raw": "x", "article_id": "y", "lang": "en"}


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2024-01-10garbage", "not a date"),
        ("99999-01-01", "not a date"),
        ("0000-01-01", "before 1800"),
        ("0001-1-1", "before 1800"),
        ("0001", "before 1800"),
        ("2999-01-01", "in the future"),
        ("2024-02-30", "day is out of range"),
        ("2024-00-10", "impossible month"),
    ],
)
def test_wrong_or_impossible_metadata_dates_are_one_error(tmp_path: Path, date: str, reason: str) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    _write_json(tmp_path / "a.meta.json", {"date": date})
    error = _only_error(tmp_path / "a.txt")
    assert "date" in error.reason
    assert reason in error.reason


@pytest.mark.parametrize(("line", "reason"), [("2999-05-01", "is in the future"), ("0001-04", "is before 1800")])
def test_a_wrong_date_line_is_one_error(tmp_path: Path, line: str, reason: str) -> None:
    (tmp_path / "f.txt").write_text(f" date {line}\n" + BODY, encoding="utf-8")
    error = _only_error(tmp_path / "f.txt")
    assert f"{line} {reason}" in error.reason


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "/relative", "http://a b"])
def test_metadata_url_must_be_http(tmp_path: Path, url: str) -> None:
    path = tmp_path / "u.jsonl"
    path.write_text(json.dumps({"id": "u", "text": BODY, "url": url}) + "\n", encoding="utf-8")
    error = _only_error(path)
    assert "http(s) URL" in error.reason


def test_identifier_longer_than_the_limit_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "i" * 600, "text": BODY}) + "\n", encoding="utf-8")
    assert "identifier is 600 characters" in _only_error(path).reason


def test_file_name_that_is_not_utf8_is_one_printable_error(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9\x1b[31m.txt"
    descriptor = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(descriptor, BODY.encode())
    os.close(descriptor)
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    [error] = errors
    message = str(error)
    assert "not valid Unicode" in message
    assert "\x1b" not in message and "\\x1b[31m" in message
    message.encode("utf-8")  # printable on any terminal


def test_error_messages_escape_control_characters_in_file_names(tmp_path: Path) -> None:
    path = tmp_path / "evil\nname\u202e.txt"
    path.write_bytes(b"\x00\x01")
    error = _only_error(path)
    assert "\n" not in str(error) and "\u202e" not in str(error)
    assert "evil\\nname\\u202e.txt" in str(error)


def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    error = _only_error(fifo)
    assert "not a regular file" in error.reason
    articles, errors = _read(tmp_path)  # a folder walk skips it
    assert ([a.id for a in articles], errors) == (["good"], [])


@pytest.mark.parametrize(
    "text",
    [
        "Москва поставила Ирану беспилотники, сообщили чиновники.",
        "أعلنت إيران أنها زودت روسيا بطائرات مسيرة.",
        "北朝鮮はロシアに弾道ミサイルを供与した。",
        "Iran supplied Russia with drones 🚀🛩️ — ‘officials’ said… ﬁne.",
    ],
)
def test_non_english_text_is_read_whole(tmp_path: Path, text: str) -> None:
    (tmp_path / "intl.txt").write_text(text, encoding="utf-8")
    [article], errors = _read(tmp_path / "intl.txt")
    assert errors == []
    assert article.text == text


def test_parse_size() -> None:
    assert parse_size("512K") == 512 * 1024
    assert parse_size(" 20 MB ") == 20 * 1024**2
    assert parse_size("1.5G") == int(1.5 * 1024**3)
    for bad in ("", "-5", "0", "12Q", "five"):
        with pytest.raises(ValueError):
            parse_size(bad)


# --- HTML bombs -------------------------------------------------------------------------------

PARAGRAPH = "<p>Iran supplied Russia with Shahed-136 drones, the officials said on Tuesday in the capital city.</p>"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 100_000 + PARAGRAPH * 3 + "</div>" * 100_000 + "</body></html>",
        "<html><body>" + "<div>" * 100_000 + PARAGRAPH * 3,
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
        "<html><body><article>" + PARAGRAPH * 3 + "<p>&f;&f;&f;&f;&f;&f;&f;&f;&f;</p></article></body></html>",
        '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><article>'
        + PARAGRAPH * 3
        + "<p>&x;</p></article></body></html>",
        "<html><body><article>" + PARAGRAPH * 3 + "<p>" + "&amp;" * 200_000 + "</p></article></body></html>",
        "<html><body><article><p " + " ".join(f'a{i}="x"' for i in range(10_000)) + ">x</p>" + PARAGRAPH * 3,
    ],
    ids=["deep-nesting", "deep-unclosed", "entity-bomb", "external-entity", "many-entities", "many-attributes"],
)
def test_html_bombs_give_an_article_or_one_error_and_nothing_leaks(tmp_path: Path, page: str) -> None:
    path = tmp_path / "bomb.html"
    path.write_text(page, encoding="utf-8")
    articles, errors = _read(path)
    assert len(articles) + len(errors) == 1
    for article in articles:
        assert "root:" not in article.text  # no external entity was read
        assert len(article.text) <= len(page)  # no entity expansion
    for error in errors:
        assert str(error).startswith(f"{path}: ")


def test_an_html_page_that_takes_too_long_is_stopped_and_the_next_page_still_comes(tmp_path: Path) -> None:
    slow = "<html><body><article>" + "<p>a b c</p>" * 150_000 + "</article></body></html>"
    (tmp_path / "a_slow.html").write_text(slow, encoding="utf-8")
    (tmp_path / "b_good.html").write_text(PAGE, encoding="utf-8")
    items = list(read_articles([tmp_path], html_timeout_s=1.0))
    assert [type(i).__name__ for i in items] == ["InputError", "Article"]
    assert "stopped after 1 s" in str(items[0])
    assert isinstance(items[1], Article) and items[1].id == "b_good"
