"""People the text names by their office alone: "France's defence minister" and "the UN chief"
are the person the article names with that title elsewhere; "the advisers of A and B" are
one named official of each. Titles compare as the role ``titles.tsv`` gives them, so
"Secretary of State" and "top diplomat" are both a foreign minister.
"""

from __future__ import annotations

from .context import ArticleContext
from .tags import Tag

__all__ = ["people_of", "the_titled", "titled_person"]


def people_of(ctx: ArticleContext, states: list[str], role_word: str) -> list[str] | None:
    """One named official per state, for "the advisers of A and B"; None when any state has no single one."""
    ex = ctx.extraction
    out: list[str] = []
    for state in states:
        people = [a.key for a in ex.actors.values() if a.kind == "person" and ctx.state_of(a.key) == state]
        if len(people) != 1:
            matching = [
                a.key
                for a in ex.actors.values()
                if a.kind == "person" and a.affiliation is None and role_word in (a.role or "").lower()
            ]
            if len(matching) != 1:
                return None
            people = matching
            ex.actors[people[0]].affiliation = state
        out.append(people[0])
    return out


def titled_person(ctx: ArticleContext, title: Tag, states: list[str]) -> str | None:
    """The one person the article names with this title (and state): "France's defence minister"
    is the "Defence Minister Sebastien Lecornu" named elsewhere."""
    wanted = {ctx.lexicon.role_of_title(title.value), ctx.lexicon.role_of_title(title.extra.get("title"))} - {""}

    def holds(role: str) -> bool:  # "the UN chief" is whoever heads the UN, whatever the title
        heading = bool(wanted & {"head", "leader"}) and bool(states)  # "the French leader"
        return role in wanted or (heading and role.startswith("head"))

    found = [
        a.key
        for a in ctx.extraction.actors.values()
        if a.kind == "person"
        and holds(ctx.lexicon.role_of_title(a.role))
        and (not states or ctx.state_of(a.key) in (*states, None) or a.affiliation in states)
    ]
    return found[0] if len(found) == 1 else None


def the_titled(ctx: ArticleContext, title: Tag) -> str | None:
    """The person "the spokesman" or "the minister" is: the last person who spoke or was named,
    when that person holds such a title, else the one person of the article who does."""
    wanted = {w.lower() for w in (title.value, title.extra.get("title")) if w}
    people = [
        a.key
        for a in ctx.extraction.actors.values()
        if a.kind == "person" and a.role and any(w in a.role.lower() or a.role.lower() in w for w in wanted)
    ]
    if ctx.last_person in people:
        return ctx.last_person
    return people[0] if len(people) == 1 else None
