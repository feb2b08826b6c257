"""The kinds of event, as a registry: what the triples, the merge and the network loop over.

- :mod:`.registry`: :class:`EventKindSpec` (one per kind), :func:`register` and the lookups, and
  the :class:`Report` every kind fills;
- :mod:`.builtin`: transfer, strike and statement, registered when this package is imported.

Adding a kind: write its spec (``docs/architecture.md``, "Adding an event kind") and
:func:`register` it; its facts come from the extraction rules, its class and properties from the
ontology.  Modules inside the package import each other's modules, never this ``__init__``.
"""

from __future__ import annotations

from .builtin import STATEMENT, STRIKE, TRANSFER, normalize_designation, stance_keys, statement_keys
from .registry import (
    EventKind,
    EventKindSpec,
    Fact,
    NetworkEdge,
    Report,
    Resolver,
    Role,
    TimeWindow,
    Triple3,
    derived,
    kind_rank,
    lookup,
    register,
    registered,
    spec_for_fact,
    spec_of,
    unregister,
)

__all__ = [
    "STATEMENT",
    "STRIKE",
    "TRANSFER",
    "EventKind",
    "EventKindSpec",
    "Fact",
    "NetworkEdge",
    "Report",
    "Resolver",
    "Role",
    "TimeWindow",
    "Triple3",
    "derived",
    "kind_rank",
    "lookup",
    "normalize_designation",
    "register",
    "registered",
    "spec_for_fact",
    "spec_of",
    "stance_keys",
    "statement_keys",
    "unregister",
]
