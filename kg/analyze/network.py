"""The citation network: graphs read from the store, and what networkx says about them.

Three grains: instrument -> instrument (``instrument_graph``: an edge's ``weight`` is the number of citing
clauses, its ``clauses`` those clauses), edition -> edition or work (``edition_graph``), clause -> work
(``clause_graph``). Functions take a networkx graph ``G`` and return plain data, as networkx does.

"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

import networkx as nx

from kg.analyze.links import cites_of, works_of
from kg.rdf import work_family
from kg.store import GraphStore

SPARQL_PREFIXES = """PREFIX kg: <https://w3id.org/resolution-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def citation_rows(store: GraphStore) -> list[dict[str, str]]:
    """Every resolved citation: citing work and edition, clause (IRI and label), cited work and edition.

    Two queries, one for citations in clauses and one for those outside any clause: a ``UNION`` of the two
    makes the store's planner join far more than it needs to.
    """
    in_clauses = store.query(SPARQL_PREFIXES + """
        SELECT DISTINCT ?citation ?citing ?edition ?clause ?label ?cited ?citedEdition WHERE {
          ?citation a kg:Citation ; cito:hasCitingEntity ?clause ; cito:hasCitedEntity/kg:workKey ?cited .
          ?clause a kg:Clause ; kg:label ?label ; eli:is_part_of/eli:is_part_of ?editionNode .
          ?editionNode kg:editionId ?edition ; eli:realizes/kg:workKey ?citing .
          OPTIONAL { ?citation kg:citedEdition/kg:editionId ?citedEdition }
        }""")
    outside = store.query(SPARQL_PREFIXES + """
        SELECT DISTINCT ?citation ?citing ?edition ?cited ?citedEdition WHERE {
          ?citation a kg:Citation ; cito:hasCitingEntity ?editionNode ; cito:hasCitedEntity/kg:workKey ?cited .
          ?editionNode a kg:Edition ; kg:editionId ?edition ; eli:realizes/kg:workKey ?citing .
          OPTIONAL { ?citation kg:citedEdition/kg:editionId ?citedEdition }
        }""")
    return [{name: str(value) for name, value in row.items()} for row in in_clauses + outside]


def work_facts_of(store: GraphStore) -> dict[str, dict[str, object]]:
    """Node data of every work: kind, body, number, title, and the years of its editions known to the graph."""
    facts: dict[str, dict[str, object]] = defaultdict(lambda: {"years": []})
    rows = store.query(SPARQL_PREFIXES + """
        SELECT DISTINCT ?key ?type ?body ?number ?title WHERE {
          ?work kg:workKey ?key ; a ?type .
          OPTIONAL { ?work eli:passed_by/skos:prefLabel ?body }
          OPTIONAL { ?work kg:number ?number }
          OPTIONAL { ?work dcterms:title ?title }
        }""")
    for row in rows:
        data = facts[str(row["key"])]
        data["kind"] = str(row["type"]).rsplit("#", 1)[-1]
        data["body"] = str(row.get("body", "")) or work_family(str(row["key"]))
        if "number" in row:
            data["number"] = str(row["number"])
        if "title" in row:
            data["title"] = str(row["title"])
    for row in store.query(SPARQL_PREFIXES + """
            SELECT DISTINCT ?key ?date WHERE { ?edition eli:realizes/kg:workKey ?key ; eli:date_document ?date }"""):
        years = facts[str(row["key"])]["years"]
        assert isinstance(years, list)
        year = int(str(row["date"])[:4])
        if year not in years:
            years.append(year)
    return facts


def instrument_graph(store: GraphStore) -> nx.DiGraph:
    """Works citing works, read from the store; ``weight`` counts the distinct citing clauses."""
    return network_of_citations(citation_rows(store), work_facts_of(store))


def network_of_citations(citations: Iterable[Mapping[str, str]],
                         facts: Mapping[str, Mapping[str, object]]) -> nx.DiGraph:
    """Works citing works from citation rows (``citing``, ``edition``, ``clause`` or none, ``cited``):
    ``weight`` counts the distinct citing clauses, ``clauses`` lists them; ``facts`` gives node data by key."""
    return network_of_links(cites_of((row["citing"], row["cited"], row.get("clause") or row["edition"])
                                     for row in citations), facts)


def network_of_links(cites: Mapping[str, Mapping[str, Collection[str]]],
                     facts: Mapping[str, Mapping[str, object]]) -> nx.DiGraph:
    """Works citing works from the clauses (or editions, for citations outside any clause) where each work cites
    each other (``cites[citing][cited]``, distinct); ``facts`` gives node data by key."""
    G = nx.DiGraph()
    G.add_nodes_from(sorted(works_of(cites)))
    # in a fixed order: the same scores, to the last bit (an edition citing an earlier edition of itself is not
    # an edge of the network)
    G.add_edges_from((citing, cited, {"weight": len(where), "clauses": sorted(where)})
                     for citing in sorted(cites) for cited, where in sorted(cites[citing].items()) if citing != cited)
    for node, data in G.nodes(data=True):
        data.update({"kind": "Instrument", "body": work_family(node)}, **facts.get(node, {}))
        data["years"] = sorted(data.get("years", []))
    return G


def edition_graph(store: GraphStore) -> nx.DiGraph:
    """Editions citing editions (where the citation names one) or works (``citing-work/edition`` -> target)."""
    G = nx.DiGraph()
    for row in citation_rows(store):
        source = f"{row['citing']}/{row['edition']}"
        target = f"{row['cited']}/{row['citedEdition']}" if row.get("citedEdition") else row["cited"]
        weight = G.edges[source, target]["weight"] + 1 if G.has_edge(source, target) else 1
        G.add_edge(source, target, weight=weight)
    return G


def clause_graph(store: GraphStore) -> nx.DiGraph:
    """Clauses (IRIs) citing works; a citation outside any clause starts from its edition."""
    G = nx.DiGraph()
    for row in citation_rows(store):
        G.add_edge(row.get("clause") or f"{row['citing']}/{row['edition']}", row["cited"])
    return G
