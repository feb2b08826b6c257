"""The store written out: RDF in any of :data:`EXPORT_FORMATS`, a file written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, Store

from armskg.ontology.vocabulary import AK, SCHEMA

from .errors import StoreError, io_message

__all__ = ["EXPORT_FORMATS", "export_store"]

EXPORT_FORMATS: dict[str, RdfFormat] = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "jsonld": RdfFormat.JSON_LD,
}
"""Export formats by name; ``turtle`` holds the merged default graph only."""


def export_store(store: Store, fmt: str, output: Path | None = None) -> bytes | None:
    """Serialize the store: ``nquads``/``trig``/``jsonld`` hold every graph, ``turtle`` the merged one.

    A file is written whole or not at all: the export goes to a temporary file beside
    ``output``, renamed over it when complete and removed on failure (a full disk included).
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    rdf_format = EXPORT_FORMATS[fmt]
    kwargs: dict[str, object] = {}
    if not rdf_format.supports_datasets:
        kwargs["from_graph"] = DefaultGraph()
    if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG):
        kwargs["prefixes"] = {
            "ak": AK,
            "schema": SCHEMA,
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        }
    if output is None:
        return store.dump(None, rdf_format, **kwargs)  # type: ignore[arg-type]
    output = Path(output)
    if output.exists() and not output.is_file():  # /dev/stdout, a pipe: written as it is
        part = output
    else:  # a name of our own beside it, created with the usual permissions
        part = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        if part == output:
            store.dump(str(output), rdf_format, **kwargs)  # type: ignore[arg-type]
            return None
        store.dump(str(part), rdf_format, **kwargs)  # type: ignore[arg-type]
        part.replace(output)
    except OSError as exc:
        raise StoreError(f"cannot write {output}: {io_message(exc)}") from exc
    finally:
        if part != output:
            part.unlink(missing_ok=True)
    return None
