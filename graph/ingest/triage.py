"""What each input of a run is before anything is extracted: failed, a repeat, unchanged, or to write.

Both writers start here, so a run counts its inputs the same way whichever writes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import NamedNode, Store

from armskg.graph.store.articles import stored_hash
from armskg.loaders.article import Article
from armskg.loaders.readers import InputError
from armskg.ontology import article_iri

from .options import IngestProgress
from .report import IngestReport

__all__ = ["to_write"]


def to_write(
    store: Store, items: Iterable[Article | InputError], report: IngestReport, tell: IngestProgress
) -> Iterator[tuple[Article, bool]]:
    """The articles to extract and write, each with whether it replaces one the store holds.

    An input the readers could not read is counted failed (with its reason), an id seen before in
    this run a duplicate, an article the store holds with the same content hash unchanged; each
    outcome is told to ``tell`` as it is known.
    """
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            report.failed.append(str(item))
            tell.article("failed")
            continue
        if item.id in seen:
            report.duplicates += 1
            tell.article("duplicate")
            continue
        seen.add(item.id)
        stored = stored_hash(store, NamedNode(article_iri(item.id)))
        if stored == item.content_hash:
            report.unchanged += 1
            tell.article("unchanged")
            continue
        yield item, stored is not None
