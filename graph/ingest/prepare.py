"""The map step of ingestion: articles in, N-Quads and merge reports out, with no store.

Everything here is a pure function of its arguments and pickles both ways, so it runs the
same in this process, in a pool of worker processes (``armskg ingest --workers N``) or on a
Dask cluster (``--dask-scheduler``).  What comes back is small and ready to load in bulk:
the article's graph as N-Quads bytes and its :class:`~armskg.graph.triples.Report`\\ s.

>>> from armskg.loaders.article import Article
>>> art = Article.from_text("p1", "Iran supplied Russia with Shahed-136 drones.", date="2022-10-18")
>>> [done] = prepare_articles([art])
>>> done.id, done.transfers, [r.kind for r in done.reports]
('p1', 1, ['transfer'])
>>> b"<https://w3id.org/armskg/article/p1>" in done.nquads
True
"""

from __future__ import annotations

import functools
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, serialize

from armskg.graph.merge.tallies import mention_moves
from armskg.graph.triples import Report, article_quads, article_reports
from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.facts import Extraction
from armskg.loaders.lexicon import Lexicon, load_lexicon

__all__ = [
    "Extracted",
    "Failed",
    "LexiconSpec",
    "Prepared",
    "extract_article",
    "extraction_failure",
    "lexicon_spec",
    "prepare_articles",
]

NQ = RdfFormat.N_QUADS
LexiconSpec = tuple[tuple[str, str], ...]
"""Extra lexicon files as ``(file name, text)`` pairs: a folder that travels to other machines."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article, extracted and turned into quads: ``nquads`` its named graph, ``default_nquads``
    what it adds to the default graph (the article node, its actors), ``mentions`` the IRIs of
    the actors it mentions (for the mention tallies)."""

    id: str
    source: str
    content_hash: str
    nquads: bytes
    default_nquads: bytes
    reports: tuple[Report, ...]
    transfers: int
    strikes: int
    statements: int
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Failed:
    """An article whose extraction failed: where it came from, and why (one line)."""

    source: str
    message: str


def lexicon_spec(folder: Path | None) -> LexiconSpec:
    """The ``.tsv`` files of a lexicon folder as data, so that remote workers need no shared disk.

    >>> lexicon_spec(None)
    ()
    """
    if folder is None:
        return ()
    return tuple((f.name, f.read_text(encoding="utf-8")) for f in sorted(folder.iterdir()) if f.suffix == ".tsv")


@functools.lru_cache(maxsize=4)
def _lexicon(spec: LexiconSpec) -> Lexicon:
    """The lexicon a spec stands for, built once per process (a folder of the spec's files)."""
    if not spec:
        return load_lexicon()
    digest = hashlib.sha256(repr(spec).encode("utf-8")).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"armskg-lexicon-{digest}"
    folder.mkdir(exist_ok=True)
    for name, text in spec:
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return load_lexicon(folder)


def extraction_failure(exc: Exception) -> str:
    """One line for an extraction that raised (a bug in the rules, not the user's input).

    >>> extraction_failure(ValueError("bad offset\\nmore detail"))
    'extraction failed (ValueError: bad offset)'
    """
    why = str(exc).splitlines()[0][:300] if str(exc).strip() else ""
    return f"extraction failed ({type(exc).__name__}: {why})"


@dataclass(frozen=True, slots=True)
class Extracted:
    """One article's facts, and the quads and merge reports they give (:mod:`armskg.graph.triples`)."""

    extraction: Extraction
    quads: list[Quad]
    reports: list[Report]


def extract_article(article: Article, lexicon: Lexicon) -> Extracted | Failed:
    """Extract ``article`` and turn its facts into quads and reports; a failure (a bug in the
    rules, not the user's input) comes back as :class:`Failed`, so it does not lose the rest of a run."""
    try:
        extraction = extract(article, lexicon)
        return Extracted(extraction, article_quads(article, extraction), article_reports(article, extraction))
    except Exception as exc:  # an extraction bug must not lose the rest of the batch
        return Failed(article.source or article.id, extraction_failure(exc))


def prepare_articles(articles: list[Article], lexicon: Lexicon | LexiconSpec = ()) -> list[Prepared | Failed]:
    """Extract each article and serialize what it contributes; a failure stays with its article.

    ``lexicon`` is the lexicon itself in this process, or (for another process or machine) the
    files of a lexicon folder as data (:func:`lexicon_spec`), built once per process.
    """
    lex = lexicon if isinstance(lexicon, Lexicon) else _lexicon(lexicon)
    out: list[Prepared | Failed] = []
    for article in articles:
        done = extract_article(article, lex)
        if isinstance(done, Failed):
            out.append(done)
            continue
        quads = done.quads
        out.append(
            Prepared(
                article.id,
                article.source or article.id,
                article.content_hash,
                serialize([q for q in quads if not isinstance(q.graph_name, DefaultGraph)], format=NQ) or b"",
                serialize([q for q in quads if isinstance(q.graph_name, DefaultGraph)], format=NQ) or b"",
                tuple(done.reports),
                len(done.extraction.transfers),
                len(done.extraction.strikes),
                len(done.extraction.statements),
                tuple(key[1] for key in mention_moves(quads, [])),
            )
        )
    return out
