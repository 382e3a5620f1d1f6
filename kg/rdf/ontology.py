"""The ontology as quads of a named graph of its own."""

from __future__ import annotations

from kg.rdf.iris import ONTOLOGY_GRAPH
from kg.resources import resource_dir


def ontology_quads() -> list[str]:
    """The ontology as a named graph of its own, so SPARQL over the store can follow ``rdfs:subClassOf``."""
    import rdflib
    ontology = rdflib.Graph().parse(resource_dir("ontology") / "kg.ttl")
    return [f"{s.n3()} {p.n3()} {o.n3()} <{ONTOLOGY_GRAPH}> ." for s, p, o in ontology if not isinstance(s, rdflib.BNode)
            and not isinstance(o, rdflib.BNode)]
