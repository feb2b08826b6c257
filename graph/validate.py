"""Check the graph against the SHACL shapes of ``armskg.ontology``.

Validation reads every graph of the store (the merged default graph and each
article's evidence) together with the ontology, whose subclass axioms and concept
schemes the shapes rely on; no inference is run.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import RdfFormat, Store

from armskg.ontology import ontology_path, shapes_path

__all__ = ["ValidationResult", "validate_store"]


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """Whether the graph conforms, how many violations, and pyshacl's report text."""

    conforms: bool
    violations: int
    report: str


def validate_store(store: Store) -> ValidationResult:
    """Validate the whole store with pyshacl (``inference="none"``)."""
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    dump = store.dump(None, RdfFormat.N_QUADS)
    assert dump is not None
    dataset = rdflib.Dataset()
    dataset.parse(data=dump.decode("utf-8"), format="nquads")
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    data.parse(ontology_path(), format="turtle")
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    conforms, report_graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = sum(1 for _ in report_graph.subjects(rdflib.RDF.type, sh.ValidationResult))
    return ValidationResult(bool(conforms), violations, str(text))
