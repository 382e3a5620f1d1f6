"""Writers of the network (``kg.export.network``) in the formats analysts' tools read: GraphML and GEXF
(networkx; Gephi, yEd, Cytoscape), CSV (a nodes file and an edges file), JSON-LD (rdflib) and Cytoscape.js
JSON (its ``elements`` format, which Cytoscape opens as ``.cyjs``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from kg.ns import CITO, ELI
from kg.rdf import work_iri

_KG = "https://w3id.org/resolution-kg/ontology#"
_DCTERMS = "http://purl.org/dc/terms/"
# node attribute -> ontology property (JSON-LD), and the metrics' names in the ontology
_NODE_TERMS = {"title": f"{_DCTERMS}title", "work": f"{_KG}workKey", "number": f"{_KG}number",
               "body": f"{_KG}bodyName", "year": f"{_KG}year", "edition": f"{_KG}editionId",
               "label_path": f"{_KG}label", "in_degree": f"{_KG}inDegree", "out_degree": f"{_KG}outDegree",
               "weighted_in_degree": f"{_KG}weightedInDegree", "pagerank": f"{_KG}pagerank",
               "hub": f"{_KG}hubScore", "authority": f"{_KG}authorityScore", "betweenness": f"{_KG}betweenness",
               "community": f"{_KG}community"}


def write_graphml(G: nx.DiGraph, path: Path) -> Path:
    nx.write_graphml(G, path)
    return path


def write_gexf(G: nx.DiGraph, path: Path) -> Path:
    nx.write_gexf(G, path)
    return path


def write_csv(G: nx.DiGraph, path: Path) -> list[Path]:
    """``PATH-nodes.csv`` (``id`` and the node attributes) and ``PATH-edges.csv`` (``source``, ``target`` and the
    edge attributes): the node and edge tables Gephi's spreadsheet import takes."""
    node_columns = sorted({name for _, data in G.nodes(data=True) for name in data})
    edge_columns = sorted({name for _, _, data in G.edges(data=True) for name in data})
    nodes, edges = path.with_name(path.name + "-nodes.csv"), path.with_name(path.name + "-edges.csv")
    with nodes.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", *node_columns])
        writer.writerows([node, *(data.get(c, "") for c in node_columns)] for node, data in G.nodes(data=True))
    with edges.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", *edge_columns])
        writer.writerows([s, t, *(data.get(c, "") for c in edge_columns)] for s, t, data in G.edges(data=True))
    return [nodes, edges]


def write_cytoscape(G: nx.DiGraph, path: Path) -> Path:
    """Cytoscape.js's elements JSON (``{"elements": {"nodes": [{"data": {...}}], "edges": [...]}}``)."""
    data = nx.cytoscape_data(G)
    for index, edge in enumerate(data["elements"]["edges"]):
        edge["data"]["id"] = f"e{index}"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _node_iri(node: str) -> str:
    """A work's or edition's IRI (``{base}{work key}[/{edition}]``); a clause is its IRI already."""
    return node if node.startswith(("http://", "https://")) else work_iri(node)


def write_jsonld(G: nx.DiGraph, path: Path) -> Path:
    """The network in the ontology's terms: each node typed by its class (``kg:Resolution`` ...) with its title,
    body, year and metrics; each edge a ``kg:Link`` from the citing to the cited node
    (``cito:hasCitingEntity``/``cito:hasCitedEntity``) with its ``kg:weight`` and ``kg:citingClause``es."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF, XSD

    kg = Namespace(_KG)
    graph = Graph()
    graph.bind("kg", kg)
    graph.bind("cito", CITO)
    graph.bind("eli", ELI)
    graph.bind("dcterms", _DCTERMS)
    for node, data in G.nodes(data=True):
        subject = URIRef(_node_iri(node))
        graph.add((subject, RDF.type, kg[str(data.get("kind") or "Instrument")]))
        for name, term in _NODE_TERMS.items():
            value = data.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, float):
                graph.add((subject, URIRef(term), Literal(value, datatype=XSD.double)))
            else:
                graph.add((subject, URIRef(term), Literal(value)))
    for index, (source, target, data) in enumerate(G.edges(data=True)):
        link = BNode(f"link{index}")
        graph.add((link, RDF.type, kg.Link))
        graph.add((link, CITO.hasCitingEntity, URIRef(_node_iri(source))))
        graph.add((link, CITO.hasCitedEntity, URIRef(_node_iri(target))))
        graph.add((link, kg.weight, Literal(int(data["weight"]))))
        for clause in str(data.get("clauses", "")).split():
            graph.add((link, kg.citingClause, URIRef(_node_iri(clause))))
    path.write_text(graph.serialize(format="json-ld", auto_compact=True), encoding="utf-8")
    return path
