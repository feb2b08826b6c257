"""A joint statement's signatories: the states (and bodies) an article lists as the speakers of
one statement, so that "they", "the ministers" or "the 48 governments" stand for them
(:mod:`~armskg.loaders.speakers` reads them through the article's context).

A list of three or more states in a sentence that speaks of a statement, its signatories,
ministers or governments counts; lists from several sentences add up; a body joins when it
stands inside the list ("Canada, the European Union, France") or when one official's title
names it ("the EU's High Representative"), not a gathering of its leaders.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .doc_view import DocView, SpanView
from .facts import Extraction
from .tags import Tag

__all__ = ["signatory_group"]

_SIGNATORY_CUE = re.compile(
    r"statement|signator|signed|ministers|governments|countries|nations|leaders|presidents|heads of state",
    re.IGNORECASE,
)


def signatory_group(
    view: DocView, sentences: list[SpanView], tags: list[Tag], ex: Extraction
) -> tuple[tuple[str, ...], int]:
    """The states (and bodies) an article lists as signatories of a joint statement, and the
    token where the first list starts (before it, another group may be who "the ministers" are).

    A list of three or more states in a sentence that speaks of a statement, its signatories,
    ministers or governments; lists from several sentences add up. ``tags`` are in token order.
    """
    group: dict[str, None] = {}
    first = len(view)
    starts = [t.start for t in tags]
    for sent in sentences:
        inside = [
            t
            for t in tags[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            if t.kind == "actor" and t.key
        ]
        listed = _listed(view, inside)
        if not listed or not _SIGNATORY_CUE.search(sent.text):
            continue
        first = min(first, sent.start)
        for t in inside:
            if t.key and t.key.startswith("state:") and t in listed:
                group[t.key] = None
            elif t.key and ex.actors.get(t.key) is not None and ex.actors[t.key].kind == "organization":
                if t in listed:
                    group[t.key] = None  # "signed by Canada, the European Union, France ..."
                    continue
                j = t.start - 1
                while j >= sent.start and view[j].lower_ in ("the", "of"):
                    j -= 1
                if j >= sent.start and any(x.kind == "title" and x.end == j + 1 for x in tags):
                    group[t.key] = None  # "the High Representative of the European Union"
                after = t.end + 1 if t.end < sent.end and view[t.end].text in ("'s", "’s") else t.end
                if any(x.kind == "title" and x.start == after and not _plural(view, x) for x in tags):
                    group[t.key] = None  # "the EU's High Representative", not "as NATO leaders gathered"
    states = [k for k in group if k.startswith("state:")]
    return (tuple(group), first) if len(states) >= 3 else ((), first)


def _plural(view: DocView, title: Tag) -> bool:
    """The title names several people ("leaders", "foreign ministers"), not one official."""
    last = view[title.end - 1]
    return last.lower_ != last.lemma_.lower() and last.lower_.endswith("s")


def _listed(view: DocView, actors: list[Tag]) -> list[Tag]:
    """State names that stand in a list of three or more ("France, Canada and Britain"), with the
    bodies named among them ("Canada, the European Union, France")."""
    names = [t for t in actors if t.key and t.via in ("name", "shorthand") and t.key.startswith(("state:", "org:"))]
    runs: list[list[Tag]] = []
    for t in names:
        gap = [tok.lower_ for tok in view[runs[-1][-1].end : t.start]] if runs else []
        if runs and gap and all(g in (",", "and", "the", "as", "well") for g in gap):
            runs[-1].append(t)
        else:
            runs.append([t])
    return [t for run in runs if sum((t.key or "").startswith("state:") for t in run) >= 3 for t in run]
