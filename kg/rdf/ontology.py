"""The ontology as quads of a named graph of its own."""

from __future__ import annotations

from pathlib import Path

from kg.rdf.iris import ONTOLOGY_GRAPH


def ontology_quads() -> list[str]:
    """The ontology as a named graph of its own, so SPARQL over the store can follow ``rdfs:subClassOf``."""
    import rdflib
    ontology = rdflib.Graph().parse(Path(__file__).resolve().parents[2] / "ontology" / "kg.ttl")
    return [f"{s.n3()} {p.n3()} {o.n3()} <{ONTOLOGY_GRAPH}> ." for s, p, o in ontology if not isinstance(s, rdflib.BNode)
            and not isinstance(o, rdflib.BNode)]
