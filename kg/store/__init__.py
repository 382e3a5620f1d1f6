"""Stores: the embedded Oxigraph store and rdflib's in-memory one (``local``), any SPARQL 1.1 endpoint
(``remote``: the SPARQL 1.1 Protocol and the Graph Store Protocol, spoken through ``exchange``), and a local endpoint over a built store (``serve``)."""

from kg.store.local import GraphStore, MemoryStore, OxigraphStore, Row, StoreError, bind_values, change_marker

__all__ = ["GraphStore", "MemoryStore", "OxigraphStore", "Row", "StoreError", "bind_values", "change_marker"]
