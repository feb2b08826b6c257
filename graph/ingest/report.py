"""What one ingest run did: :class:`IngestReport`."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["IngestReport"]


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: counts, the reason for each input that failed, and the seconds
    spent writing articles (``load_s``) and merging events (``merge_s``) in a bulk run."""

    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)
    transfers: int = 0
    strikes: int = 0
    statements: int = 0
    load_s: float = 0.0
    merge_s: float = 0.0
    bulk_loaded: int = 0
    """Articles whose graphs went in through Oxigraph's bulk loader (:mod:`armskg.graph.store.reader_lock`)."""

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed
