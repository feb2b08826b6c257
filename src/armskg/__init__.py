"""armskg: news about arms transfers, strikes and diplomacy, as a knowledge graph.

The pipeline runs one way and each stage is a subpackage:
``armskg.loaders`` (article in, facts with evidence out) → ``armskg.ontology`` (the
vocabulary) → ``armskg.graph`` (store, merge, serve, NetworkX, map) →
``armskg.queries`` (the named SPARQL questions).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
