"""Later mentions by a shorter name: "the Council" after "the United Nations Security Council",
"the ministry" after "Russia's defence ministry", "the North" in an article about the two
Koreas. Each points back to the one actor the article named in full.
"""

from __future__ import annotations

from .doc_view import DocView
from .facts import Extraction
from .tags import Tag

__all__ = ["korea_shorthand", "org_heads"]


_BODY_HEADS = frozenset(
    {"ministry", "council", "committee", "commission", "department", "agency", "military", "army", "command",
     "presidency", "mission", "embassy", "panel", "court", "parliament", "coalition"}
)  # fmt: skip


def org_heads(doc: DocView, tags: list[Tag], taken: set[int], ex: Extraction) -> list[Tag]:
    """Later mentions of a named body by its head noun alone ("the United Nations Security
    Council" ... "the Council"; "Russia's defence ministry" ... "the ministry"), when one body
    the article names has that head."""
    heads: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for t in tags:
        actor = ex.actors.get(t.key or "") if t.kind == "actor" else None
        if actor is None or actor.kind not in ("organization", "armed_group"):
            continue
        words = actor.label.split()
        named_head = len(words) >= 2 and words[-1].isalpha() and len(words[-1]) > 3
        if named_head and (words[-1][:1].isupper() or words[-1].lower() in _BODY_HEADS):
            heads.setdefault(words[-1].lower(), set()).add(actor.key)
            first[actor.key] = min(first.get(actor.key, t.start), t.start)
    found: list[Tag] = []
    for i in doc.positions(*heads):
        tok = doc[i]
        if not tok.text[:1].isupper() and tok.lower_ not in _BODY_HEADS:
            continue  # "the council" in lower case only for the heads of government bodies
        keys = heads.get(tok.lower_, set())
        if i in taken or len(keys) != 1 or i == 0 or doc[i - 1].lower_ != "the":
            continue
        (key,) = keys
        if first[key] > i or (i + 1 < len(doc) and (doc[i + 1].is_title or doc[i + 1].lower_ == "of")):
            continue
        found.append(Tag("actor", i, i + 1, key=key, via="head"))
    return found


def korea_shorthand(doc: DocView, tags: list[Tag], taken: set[int]) -> list[Tag]:
    """``the North`` / ``the South`` in an article about the two Koreas."""
    keys = {t.key for t in tags if t.kind == "actor"}
    if not ({"state:PRK", "state:KOR"} & keys):
        return []
    found: list[Tag] = []
    for i in (j - 1 for j in doc.positions("north", "south") if j > 0):
        if doc[i].lower_ == "the" and doc[i + 1].text in ("North", "South") and (i + 1) not in taken:
            nxt = doc[i + 2].text if i + 2 < len(doc) else ""
            if nxt[:1].isupper() and nxt not in ("Korea",):
                continue
            key = "state:PRK" if doc[i + 1].text == "North" else "state:KOR"
            found.append(Tag("actor", i, i + 2, key=key, via="shorthand"))
    return found
