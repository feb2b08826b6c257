"""The merge: reports of all articles clustered into events, and the store kept in step.

- :mod:`.cluster`: pure clustering of one block of reports into events (no store);
- :mod:`.sync`: which events a change of the corpus rewrites, as a store change set;
- :mod:`.tallies`: the counts kept as the store is written (stances, co-signatures, mentions);
- :mod:`.reporting`: each event's article count and first and last reporting day.

Modules inside the package import each other's modules, never this ``__init__``.
"""

from __future__ import annotations

from .cluster import (
    DEFAULT_POLICY,
    MergedEvent,
    MergePolicy,
    Resolver,
    TimeWindow,
    block_order,
    event_assignment,
    merge_block,
    merge_reports,
)
from .sync import plan_changes, remerge_store

__all__ = [
    "DEFAULT_POLICY",
    "MergePolicy",
    "MergedEvent",
    "Resolver",
    "TimeWindow",
    "block_order",
    "event_assignment",
    "merge_block",
    "merge_reports",
    "plan_changes",
    "remerge_store",
]
