"""Property-based fuzzing of every loader: random bytes, broken encodings, broken JSON Lines,
hostile HTML and random metadata go in; articles or one-line errors come out, never a crash.

Each test runs ``ARMSKG_FUZZ_CASES`` generated cases (default 200, so the default run stays
short).  The full run of the issue, 10,000 cases per test::

    ARMSKG_FUZZ_CASES=10000 .venv/bin/pytest -m slow tests/test_fuzz_loaders.py -s

Properties checked for every case:

- :func:`read_articles` only ever yields :class:`Article` or :class:`InputError` and never raises;
- an error is one printable line that starts with the bad file's path;
- an article has non-empty text within the limits, valid Unicode everywhere, and a known id;
- extraction and the conversion to quads never raise on what the readers let through, and the
  articles go into a real Oxigraph store without a failure.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gc
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armskg.graph.ingest import IngestOptions, ingest
from armskg.graph.store import open_store
from armskg.graph.triples import article_quads, article_reports
from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.facts import Statement, Strike, Transfer
from armskg.loaders.lexicon import load_lexicon
from armskg.loaders.readers import MAX_CHARS, MAX_ID_CHARS, InputError, read_articles

CASES = int(os.environ.get("ARMSKG_FUZZ_CASES", "200"))

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=CASES,
    deadline=None,  # no timing: a slow case is not a failure
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    print_blob=True,
)

HOSTILE = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "javascript:alert(1)",
    "\x1b[31m\x1b]0;title\x07",
    "\u202e\u2066",
    "} ; DROP ALL ; INSERT DATA { <a> <b> <c> } #",
    '" . } INSERT DATA { <x> <y> "z" } #',
    "\\u0000 \\ud800",
    "&lt;&amp;&#0;&#x110000;",
    "\u2028\u2029\x85\x0b\x0c",
)
WORDS = (
    "Iran", "Russia", "North Korea", "Ukraine", "France", "the United States", "Japan", "Hamas", "Houthis",
    "supplied", "shipped", "delivered", "struck", "attacked", "condemned", "denied", "said", "warned",
    "drones", "ballistic missiles", "Shahed-136", "KN-23", "ATACMS", "shells", "tanks", "Kyiv", "Red Sea",
    "Foreign Minister", "Jake Sullivan", "President", "on Tuesday", "Dec. 30", "2024", "with", "to", "for",
    '"', "'", ",", ".", ";", "(", ")", "\n", "\n\n", " date 2024-01-10\n", "—", "U.S.", "N. Korea",
)  # fmt: skip

_text = st.text(max_size=400)
_words = st.lists(st.sampled_from(WORDS) | st.sampled_from(HOSTILE) | _text, max_size=60).map(" ".join)
_any_text = st.one_of(_text, _words, st.sampled_from(HOSTILE))
_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _any_text)
_json_value = st.recursive(
    _json_scalar, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4), max_leaves=12
)
_STATES = ("Iran", "Russia", "North Korea", "Ukraine", "France", "the United States", "Japan", "China", "Israel")
_WEAPONS = ("Shahed-136 drones", "ballistic missiles", "KN-23 missiles", "artillery shells", "tanks", "ATACMS")
_TEMPLATES = (
    "{a} supplied {b} with {w}{x}.",
    "{a} shipped {w} to {b}, {x} officials said.",
    'Foreign Minister Jane Doe condemned {a} for supplying {b} with {w}, calling it "{x}".',
    "{a} struck {b} with {w} on Tuesday{x}.",
    "{a} denied sending {w} to {b}. {x}",
    "{x}",
)


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    """Sentences the rules read, with random or hostile text spliced in."""
    out = []
    for _ in range(draw(st.integers(1, 6))):
        a, b = draw(st.sampled_from(_STATES)), draw(st.sampled_from(_STATES))
        x = draw(st.one_of(st.just(""), _text, st.sampled_from(HOSTILE), _words))
        out.append(draw(st.sampled_from(_TEMPLATES)).format(a=a, b=b, w=draw(st.sampled_from(_WEAPONS)), x=x))
    return draw(st.sampled_from([" ", "\n", "\n\n"])).join(out)


_dates = st.one_of(
    st.dates().map(str),
    st.from_regex(r"\d{1,5}(-\d{1,3}(-\d{1,3})?)?(T[\d:Z]{0,10})?", fullmatch=True),
    _any_text,
)
_urls = st.one_of(st.just("https://example.org/a?b=c#d"), st.sampled_from(HOSTILE), _text.map(lambda t: "http://" + t))


@st.composite
def _record(draw: st.DrawFn) -> str:
    """One JSON Lines line: a mostly valid record, a broken one, or noise."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(_text)
    if kind == 1:
        return json.dumps(draw(_json_value))
    record: dict[str, object] = {
        "id": draw(st.one_of(_text, st.integers(), st.sampled_from(["a", "a", "b"]), _json_value)),
        "text": draw(st.one_of(_words, _any_text, _json_value)),
    }
    for key, strategy in (("date", _dates), ("url", _urls), ("title", _any_text), ("publisher", _json_value)):
        if draw(st.booleans()):
            record[key] = draw(strategy)
    extra = draw(st.dictionaries(_text, _json_value, max_size=3))
    line = json.dumps({**extra, **record}, ensure_ascii=draw(st.booleans()))
    if kind == 5:  # cut it somewhere
        line = line[: draw(st.integers(0, len(line)))]
    return line


_TAGS = ("div", "p", "article", "main", "span", "b", "script", "style", "title", "meta", "a", "table", "td", "svg")


@st.composite
def _html(draw: st.DrawFn) -> str:
    """A page of random markup: nesting, unclosed tags, attributes, entities, doctype subsets."""
    parts = [draw(st.sampled_from(["", "<!DOCTYPE html>", '<!DOCTYPE x [<!ENTITY e "&e;&e;">]>']))]
    parts.append("<html><head>")
    if draw(st.booleans()):
        parts.append(f'<meta charset="{draw(st.sampled_from(["utf-8", "latin1", "windows-1251", "x-bogus"]))}">')
    parts.append(f"<title>{draw(_any_text)}</title></head><body>")
    depth = draw(st.integers(0, 400))
    tag = draw(st.sampled_from(_TAGS))
    parts.append(f"<{tag}>" * depth)
    for _ in range(draw(st.integers(0, 12))):
        name = draw(st.sampled_from(_TAGS))
        attrs = " ".join(f'{draw(st.sampled_from(["href", "src", "onerror", "class", "x"]))}="{draw(_any_text)}"'
                         for _ in range(draw(st.integers(0, 3))))  # fmt: skip
        parts.append(f"<{name} {attrs}>{draw(_words)}{draw(st.sampled_from(['', f'</{name}>', '&amp;', '&e;']))}")
    if draw(st.booleans()):
        parts.append(f"</{tag}>" * depth)
    return "".join(parts)


_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1251", "shift_jis", "utf-16-le")


@st.composite
def _file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name ending and its bytes."""
    suffix = draw(st.sampled_from([".txt", ".jsonl", ".html", ".htm", ".TXT"]))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return suffix, draw(st.binary(max_size=3000))
    if suffix == ".jsonl":
        text = "\n".join(draw(st.lists(_record(), max_size=8)))
    elif suffix in (".html", ".htm"):
        text = draw(_html())
    else:
        text = draw(_words) if kind == 1 else draw(_any_text)
    encoding = draw(st.sampled_from(_ENCODINGS))
    data = text.encode(encoding, errors="replace" if encoding not in ("utf-8",) else "surrogatepass")
    if kind == 3 and data:  # damage some bytes
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 1 :]
    return suffix, data


_sidecar = st.one_of(
    st.binary(max_size=300),
    _json_value.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({}, optional={"date": _dates, "url": _urls, "title": _any_text}).map(
        lambda d: json.dumps(d).encode("utf-8", "surrogatepass")
    ),
)


def _check(items: list[Article | InputError], folder: Path) -> list[Article]:
    """The reader's contract for one batch; returns the articles."""
    articles = []
    STATS["cases"] += 1
    for item in items:
        STATS["errors" if isinstance(item, InputError) else "articles"] += 1
        if isinstance(item, InputError):
            message = str(item)
            assert "\n" not in message and "\r" not in message and "\x1b" not in message, message
            message.encode("utf-8")
            assert item.path.startswith(str(folder)), item
            continue
        assert isinstance(item, Article), item
        assert item.text.strip() and len(item.text) <= MAX_CHARS
        assert 0 < len(item.id) <= MAX_ID_CHARS
        for value in (item.id, item.text, item.url, item.title, item.publisher, item.date_text, *item.extra.values()):
            (value or "").encode("utf-8")
        assert item.url is None or item.url.lower().startswith(("http://", "https://"))
        articles.append(item)
    return articles


STATS: Counter[str] = Counter()
"""What the generated cases gave: inputs tried, articles, errors, facts extracted."""


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="armskg-fuzz-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"\nfuzzing: {dict(STATS)}")


_counter = iter(range(10**9))


def _folder(scratch: Path) -> Path:
    folder = scratch / f"case{next(_counter)}"
    folder.mkdir()
    return folder


@FUZZ
@given(files=st.lists(_file(), min_size=1, max_size=4), sidecar=st.none() | _sidecar)
def test_readers_never_crash_on_random_files(
    scratch: Path, files: list[tuple[str, bytes]], sidecar: bytes | None
) -> None:
    folder = _folder(scratch)
    for n, (suffix, data) in enumerate(files):
        (folder / f"f{n}{suffix}").write_bytes(data)
    if sidecar is not None:
        (folder / "f0.meta.json").write_bytes(sidecar)
    items = list(read_articles([folder], max_bytes=4096, html_timeout_s=20))
    _check(items, folder)
    bad_files = {Path(i.path).name for i in items if isinstance(i, InputError) and i.line is None}
    assert len(bad_files) <= len(files) + 1  # at most one error for a whole file


@FUZZ
@given(lines=st.lists(_record(), min_size=1, max_size=12))
def test_jsonl_gives_one_outcome_per_line(scratch: Path, lines: list[str]) -> None:
    folder = _folder(scratch)
    path = folder / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    items = list(read_articles([path]))
    _check(items, folder)
    non_blank = [n for n, line in enumerate("\n".join(lines).split("\n"), 1) if line.strip()]
    outcomes = [i.line if isinstance(i, InputError) else int((i.source or ":0").rsplit(":", 1)[1]) for i in items]
    assert outcomes == non_blank, "each non-blank line gives exactly one article or one error, in order"


@pytest.fixture(scope="module")
def fuzz_store(scratch: Path) -> Iterator[object]:
    store = open_store(scratch / "store")
    yield store
    del store
    gc.collect()


@FUZZ
@given(
    text=_sentences() | _words,
    title=st.none() | _any_text,
    date=st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2025, 1, 1)).map(str) | _dates,
)
def test_extraction_and_store_never_fail_on_what_the_readers_accept(
    scratch: Path, fuzz_store: object, text: str, title: str | None, date: str | None
) -> None:
    folder = _folder(scratch)
    record: dict[str, object] = {"id": f"fz{folder.name}", "text": text, "title": title, "date": date}
    path = folder / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles = _check(list(read_articles([path])), folder)
    lexicon = load_lexicon()
    for article in articles:
        extraction = extract(article, lexicon)
        article_quads(article, extraction)
        article_reports(article, extraction)
        facts: list[Transfer | Strike | Statement] = [
            *extraction.transfers,
            *extraction.strikes,
            *extraction.statements,
        ]
        STATS["facts"] += len(facts)
        for fact in facts:
            evidence = fact.evidence
            assert article.text[evidence.start : evidence.end] == evidence.sentence
    report = ingest(fuzz_store, articles, IngestOptions(writer="transactional", lexicon=lexicon))  # type: ignore[arg-type]
    assert report.failed == []
    assert report.ingested + report.unchanged == len(articles)


def test_generated_encodings_are_known() -> None:
    for name in _ENCODINGS:
        codecs.lookup(name)
