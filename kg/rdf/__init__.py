"""Documents and citations as RDF: the IRIs (``iris``, the only place that mints them), one named graph per
document as N-Quads lines (``quads``), and the ontology's own graph (``ontology``)."""

from kg.rdf.iris import (
                         ONTOLOGY_GRAPH,
                         SHARED_GRAPH,
                         agent_iri,
                         body_iri,
                         clause_iris,
                         conference_iri,
                         content_hash,
                         document_graph_iri,
                         edition_iri,
                         graph_iri,
                         own_work_key,
                         work_iri,
)
from kg.rdf.quads import document_quads, work_facts, work_family

__all__ = ["ONTOLOGY_GRAPH", "SHARED_GRAPH", "agent_iri", "body_iri", "clause_iris", "conference_iri", "content_hash",
           "document_graph_iri", "document_quads", "edition_iri", "graph_iri", "own_work_key", "work_facts",
           "work_family", "work_iri"]
