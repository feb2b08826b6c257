"""How much the graph holds: articles, actors and events, counted once each.

Counts read the merged default graph, where each fact is stored once, so they agree
with what a researcher sees in queries (no per-article duplicates).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pyoxigraph import Literal, QuerySolutions, Store

from armskg.ontology import PREFIXES

__all__ = ["Summary", "summarize"]

_QUERY = """
SELECT
  (SUM(IF(?k = ak:Article, 1, 0)) AS ?articles)
  (SUM(IF(?k IN (ak:State, ak:Person, ak:Organization, ak:ArmedGroup), 1, 0)) AS ?actors)
  (SUM(IF(?k = ak:State, 1, 0)) AS ?states)
  (SUM(IF(?k = ak:Person, 1, 0)) AS ?persons)
  (SUM(IF(?k IN (ak:Organization, ak:ArmedGroup), 1, 0)) AS ?organizations)
  (SUM(IF(?k = ak:Statement, 1, 0)) AS ?statements)
  (SUM(IF(?k = ak:Transfer, 1, 0)) AS ?transfers)
  (SUM(IF(?k = ak:Strike, 1, 0)) AS ?strikes)
WHERE {
  { SELECT DISTINCT ?x ?k WHERE {
      ?x a ?k .
      VALUES ?k { ak:Article ak:State ak:Person ak:Organization ak:ArmedGroup ak:Statement ak:Transfer ak:Strike }
      FILTER EXISTS { { ?x ak:reportedIn ?a } UNION { ?a ak:mentions ?x } UNION { ?x a ak:Article }
                      UNION { ?e ak:speaker|ak:supplier|ak:recipient|ak:attacker|ak:target ?x } }
  } }
}
"""


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of what the graph holds."""

    articles: int
    actors: int
    states: int
    persons: int
    organizations: int
    statements: int
    transfers: int
    strikes: int

    def as_dict(self) -> dict[str, int]:
        """The counts by name."""
        return asdict(self)


def summarize(store: Store) -> Summary:
    """Count articles, actors (by kind) and events in the merged graph."""
    result = store.query(PREFIXES + _QUERY)
    assert isinstance(result, QuerySolutions)
    for row in result:
        values = [int(v.value) if isinstance(v, Literal) else 0 for v in row]
        return Summary(*values)
    return Summary(0, 0, 0, 0, 0, 0, 0, 0)
