"""Documents and citations as RDF: the IRIs (``iris``, the only place that mints them), one named graph per
document as N-Quads lines (``quads``), and the ontology's own graph (``ontology``).

The names load with their modules on first use (PEP 562): ``kg query`` mints a parameter's IRI without importing
the parser and the citation finder that ``quads`` brings.
"""

from __future__ import annotations

from kg.lazy import lazy_names

_EXPORTS = {
    "iris": ["ONTOLOGY_GRAPH", "SHARED_GRAPH", "agent_iri", "body_iri", "clause_iris", "conference_iri",
             "content_hash", "document_graph_iri", "edition_iri", "graph_iri", "own_work_key", "work_iri"],
    "quads": ["document_quad_batches", "document_quads", "work_facts", "work_family"],
}
__all__, __getattr__ = lazy_names("kg.rdf", _EXPORTS)
